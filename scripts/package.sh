#!/usr/bin/env bash
# Builds the Debian packages of rustpsa with dpkg-deb:
#
#   librustpsa0      the shared library: /usr/lib/<multiarch>/librustpsa.so.X.Y.Z and
#                    its soname link librustpsa.so.X (shlibs file, ldconfig trigger)
#   librustpsa-dev   headers (psa/, rustpsa/), librustpsa.so link, librustpsa.a,
#                    rustpsa.pc, the CMake package, the rustpsa-names tool
#
#   scripts/package.sh [OUTDIR]     # default build/packages; prints the .deb paths
#
# Files come from a staged scripts/install.sh (PREFIX=/usr, stripped); the
# split debug info and the install manifest stay out (dpkg keeps its own list).
# Architecture: `dpkg --print-architecture`; Depends from dpkg-shlibdeps
# (dpkg-dev) when it is available, else from the NEEDED entries via `dpkg -S`.
# NO_BUILD=1 packages what target/release holds. Variables: MAINTAINER, DEBREV (1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$(realpath -m "${1:-build/packages}")
DEBREV=${DEBREV:-1}
MAINTAINER=${MAINTAINER:-rustpsa maintainers <rustpsa-maintainers@users.noreply.github.com>}

for tool in dpkg dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "package.sh: $tool is required" >&2; exit 1; }
done
ARCH=$(dpkg --print-architecture)
MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n 1)
MAJOR=${VERSION%%.*}
DEBVERSION=$VERSION-$DEBREV
LIBDIR=/usr/lib/$MULTIARCH

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STAGE=$WORK/stage
echo "package.sh: staging rustpsa $VERSION for $ARCH ($LIBDIR)"
DESTDIR=$STAGE PREFIX=/usr LIBDIR=$LIBDIR LDCONFIG=0 NO_BUILD=${NO_BUILD:-0} \
    scripts/install.sh >"$WORK/install.log" || { cat "$WORK/install.log"; exit 1; }

# depends FILE...: the shared-library dependencies of FILEs, as a Depends list.
depends() {
    if command -v dpkg-shlibdeps >/dev/null; then
        mkdir -p "$WORK/src/debian"
        printf 'Source: rustpsa\n\nPackage: rustpsa\nArchitecture: any\n' >"$WORK/src/debian/control"
        (cd "$WORK/src" && dpkg-shlibdeps -O -e "$@" 2>/dev/null) | sed -n 's/^shlibs:Depends=//p'
    else
        local lib pkg out=()
        for lib in $(readelf -d "$@" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p' | sort -u); do
            pkg=$(dpkg -S "*/$lib" 2>/dev/null | head -n 1 | cut -d: -f1) || true
            [ -n "$pkg" ] && out+=("$pkg")
        done
        printf '%s\n' "${out[@]}" | sort -u | paste -sd, - | sed 's/,/, /g'
    fi
}

# doc PKG DIR: the copyright file Debian policy asks for.
doc() {
    install -d "$2/usr/share/doc/$1"
    { echo "rustpsa $VERSION. License: Apache-2.0 (/usr/share/common-licenses/Apache-2.0)."
      echo "The library includes third-party crates; their licenses follow."
      echo; cat THIRD-PARTY-NOTICES.md; } >"$2/usr/share/doc/$1/copyright"
}

# control PKG DIR SECTION DEPENDS DESCRIPTION...
control() {
    local pkg=$1 dir=$2 section=$3 deps=$4; shift 4
    local size
    size=$(du -sk --exclude=DEBIAN "$dir" | cut -f1)
    install -d "$dir/DEBIAN"
    {
        echo "Package: $pkg"
        echo "Version: $DEBVERSION"
        echo "Architecture: $ARCH"
        echo "Maintainer: $MAINTAINER"
        echo "Installed-Size: $size"
        [ -n "$deps" ] && echo "Depends: $deps"
        echo "Section: $section"
        echo "Priority: optional"
        echo "Multi-Arch: same"
        echo "Homepage: https://arm-software.github.io/psa-api/crypto/"
        echo "Description: $1"
        shift
        local line
        for line in "$@"; do echo " $line"; done
    } >"$dir/DEBIAN/control"
}

# --- librustpsa0 ----------------------------------------------------------------
P0=$WORK/librustpsa0
install -d "$P0$LIBDIR"
cp -a "$STAGE$LIBDIR/librustpsa.so.$VERSION" "$STAGE$LIBDIR/librustpsa.so.$MAJOR" "$P0$LIBDIR/"
doc librustpsa0 "$P0"
control librustpsa0 "$P0" libs "$(depends "$P0$LIBDIR/librustpsa.so.$VERSION")" \
    "PSA Certified Crypto API implemented in Rust (shared library)" \
    "rustpsa implements the PSA Certified Crypto API 1.4 (psa/crypto.h) in Rust" \
    "as a thread-safe C library. This package holds the shared library."
echo "librustpsa $MAJOR librustpsa0 (>= $VERSION)" >"$P0/DEBIAN/shlibs"
echo "activate-noawait ldconfig" >"$P0/DEBIAN/triggers"
chmod 0644 "$P0/DEBIAN/shlibs" "$P0/DEBIAN/triggers"

# --- librustpsa-dev -------------------------------------------------------------
PD=$WORK/librustpsa-dev
install -d "$PD$LIBDIR" "$PD/usr"
cp -a "$STAGE$LIBDIR/librustpsa.so" "$STAGE$LIBDIR/librustpsa.a" "$STAGE$LIBDIR/pkgconfig" \
    "$STAGE$LIBDIR/cmake" "$PD$LIBDIR/"
cp -a "$STAGE/usr/include" "$STAGE/usr/bin" "$PD/usr/"
doc librustpsa-dev "$PD"
dev_deps="librustpsa0 (= $DEBVERSION)"
tool_deps=$(depends "$PD/usr/bin/rustpsa-names")
[ -n "$tool_deps" ] && dev_deps="$dev_deps, $tool_deps"
control librustpsa-dev "$PD" libdevel "$dev_deps" \
    "PSA Certified Crypto API implemented in Rust (development files)" \
    "rustpsa implements the PSA Certified Crypto API 1.4 (psa/crypto.h) in Rust" \
    "as a thread-safe C library. This package holds the headers, the static" \
    "library, the pkg-config and CMake files and the rustpsa-names tool."
# Not Multi-Arch: same, since /usr/bin/rustpsa-names differs between architectures.
sed -i "/^Multi-Arch:/d" "$PD/DEBIAN/control"

mkdir -p "$OUT"
for p in librustpsa0 librustpsa-dev; do
    deb=$OUT/${p}_${DEBVERSION}_$ARCH.deb
    dpkg-deb --root-owner-group -Zxz --build "$WORK/$p" "$deb" >/dev/null
    echo "$deb"
done
