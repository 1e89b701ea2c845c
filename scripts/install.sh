#!/usr/bin/env bash
# Builds librustpsa (release) and installs it like any C library.
#
#   scripts/install.sh                          # into /usr/local
#   PREFIX=$HOME/.local scripts/install.sh      # anywhere
#   PREFIX=/usr DESTDIR=/tmp/stage scripts/install.sh   # staged (packaging)
#   COMPAT=1 scripts/install.sh                 # also the Mbed TLS compatibility layer
#   scripts/install.sh --uninstall              # same as scripts/uninstall.sh
#
# Variables: PREFIX (/usr/local), LIBDIR ($PREFIX/lib), INCLUDEDIR
# ($PREFIX/include), BINDIR ($PREFIX/bin), DESTDIR (empty), COMPAT (0), NO_BUILD
# (0: set 1 to install what target/release already holds), STRIP (1: set 0 to
# install the libraries with their debug info), DEBUGDIR ($PREFIX/lib/debug),
# LDCONFIG (auto: run ldconfig for /usr and /usr/local when root and no
# DESTDIR; 1 always, 0 never), CARGO (cargo), NATIVE_STATIC_LIBS (the system
# libraries a static link needs).
#
# Installs:
#   LIBDIR/librustpsa.so.X.Y.Z  (soname librustpsa.so.X), librustpsa.so.X, librustpsa.so
#   LIBDIR/librustpsa.a
#   BINDIR/rustpsa-names
#   INCLUDEDIR/psa/*.h, INCLUDEDIR/rustpsa/*.h
#   LIBDIR/pkgconfig/rustpsa.pc
#   LIBDIR/cmake/RustPSA/RustPSAConfig.cmake, RustPSAConfigVersion.cmake
#   DEBUGDIR/LIBDIR/librustpsa.so.X.Y.Z.debug   (the split debug info, STRIP=1)
#   PREFIX/share/rustpsa/install-manifest.txt  (what scripts/uninstall.sh removes)
# and with COMPAT=1, in directories of their own so that they never shadow a real
# Mbed TLS:
#   INCLUDEDIR/rustpsa-mbedtls-compat/{psa,mbedtls}/*.h   (MBEDTLS_INCLUDE_DIR)
#   LIBDIR/rustpsa-mbedtls-compat/libmbedcrypto.{so,a}    (MBEDTLS_LIB_DIR)
#
# Stripping: the shared library and the tool lose their symbol tables and debug
# info (`strip --strip-unneeded`), the archive its debug info (`strip
# --strip-debug`); the shared library's debug info goes to a separate file that
# the stripped library names in its .gnu_debuglink section (gdb finds it with
# `set debug-file-directory DEBUGDIR`; for PREFIX=/usr that is gdb's default).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ "${1:-}" = --uninstall ]; then exec scripts/uninstall.sh; fi
[ $# -eq 0 ] || { echo "usage: $0 [--uninstall]" >&2; exit 2; }

PREFIX=${PREFIX:-/usr/local}
PREFIX=${PREFIX%/}
[ -n "$PREFIX" ] || PREFIX=/
LIBDIR=${LIBDIR:-$PREFIX/lib}
INCLUDEDIR=${INCLUDEDIR:-$PREFIX/include}
BINDIR=${BINDIR:-$PREFIX/bin}
DEBUGDIR=${DEBUGDIR:-$PREFIX/lib/debug}
STRIP=${STRIP:-1}
LDCONFIG=${LDCONFIG:-auto}
DESTDIR=${DESTDIR:-}
COMPAT=${COMPAT:-0}
CARGO=${CARGO:-cargo}
# `cargo rustc --release --lib --crate-type staticlib -- --print native-static-libs`
# prints "-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc". -lgcc_s is left out: the C
# compiler driver adds the unwinder itself (gcc: libgcc_s as needed for a
# dynamic link, libgcc_eh with -static), and libgcc_s has no static archive, so
# naming it breaks `cc -static`.
NATIVE_STATIC_LIBS=${NATIVE_STATIC_LIBS:--lutil -lrt -lpthread -lm -ldl -lc}
case "$PREFIX$LIBDIR$INCLUDEDIR$BINDIR$DEBUGDIR" in
    *[[:space:]]*) echo "install.sh: paths with spaces are not supported" >&2; exit 2 ;;
esac
case "$PREFIX" in /*) ;; *) echo "install.sh: PREFIX must be absolute" >&2; exit 2 ;; esac

# The version comes from Cargo.toml ([package] version = "X.Y.Z").
VERSION=$(awk '
    /^\[/ { in_pkg = ($0 == "[package]") }
    in_pkg && /^version[[:space:]]*=/ { gsub(/.*=[[:space:]]*"|".*/, ""); print; exit }
' Cargo.toml)
if ! [[ "$VERSION" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]]; then
    echo "install.sh: cannot read a X.Y.Z version from Cargo.toml (got '$VERSION')" >&2
    exit 1
fi
MAJOR=${BASH_REMATCH[1]}
SONAME=librustpsa.so.$MAJOR
REALNAME=librustpsa.so.$VERSION

if [ "${NO_BUILD:-0}" != 1 ]; then
    "$CARGO" build --release --quiet
fi
SO=target/release/librustpsa.so
A=target/release/librustpsa.a
TOOL=target/release/rustpsa-names
for f in "$SO" "$A" "$TOOL"; do
    [ -f "$f" ] || { echo "install.sh: $f is missing (cargo build --release)" >&2; exit 1; }
done
if command -v readelf >/dev/null 2>&1; then
    built_soname=$(readelf -d "$SO" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
    if [ "$built_soname" != "$SONAME" ]; then
        echo "install.sh: $SO has soname '$built_soname', expected $SONAME (see build.rs)" >&2
        exit 1
    fi
fi

# Relative paths let the CMake package work after the tree is moved.
rel() { realpath -m --relative-to="$1" "$2"; }
CMAKEDIR=$LIBDIR/cmake/RustPSA
CMAKEDIR_TO_PREFIX=$(rel "$CMAKEDIR" "$PREFIX")
LIBDIR_REL=$(rel "$PREFIX" "$LIBDIR")
INCLUDEDIR_REL=$(rel "$PREFIX" "$INCLUDEDIR")
NATIVE_STATIC_LIBS_CMAKE=$(printf '%s\n' $NATIVE_STATIC_LIBS | sed 's/^-l//' | paste -sd';' -)
SIZEOF_VOID_P=$(getconf LONG_BIT)
SIZEOF_VOID_P=$((SIZEOF_VOID_P / 8))

subst() {
    sed -e "s|@PREFIX@|$PREFIX|g" \
        -e "s|@LIBDIR@|$LIBDIR|g" \
        -e "s|@INCLUDEDIR@|$INCLUDEDIR|g" \
        -e "s|@VERSION@|$VERSION|g" \
        -e "s|@MAJOR@|$MAJOR|g" \
        -e "s|@NATIVE_STATIC_LIBS@|$NATIVE_STATIC_LIBS|g" \
        -e "s|@NATIVE_STATIC_LIBS_CMAKE@|$NATIVE_STATIC_LIBS_CMAKE|g" \
        -e "s|@CMAKEDIR_TO_PREFIX@|$CMAKEDIR_TO_PREFIX|g" \
        -e "s|@LIBDIR_REL@|$LIBDIR_REL|g" \
        -e "s|@INCLUDEDIR_REL@|$INCLUDEDIR_REL|g" \
        -e "s|@SIZEOF_VOID_P@|$SIZEOF_VOID_P|g" \
        "$1"
}

D_LIB=$DESTDIR$LIBDIR
D_INC=$DESTDIR$INCLUDEDIR
MANIFEST=$PREFIX/share/rustpsa/install-manifest.txt
D_MANIFEST=$DESTDIR$MANIFEST
NEW_ENTRIES=$(mktemp)
trap 'rm -f "$NEW_ENTRIES"' EXIT

# The manifest lists, without DESTDIR, each file ("f PATH"), link ("l PATH")
# and each directory this script created ("d PATH"); uninstall.sh removes the
# files and links and then the directories left empty.
record() { printf '%s %s\n' "$1" "$2" >>"$NEW_ENTRIES"; }
mkd() { # mkd DIR (without DESTDIR): creates DIR and records the levels it made
    local d=$1 made=()
    while [ ! -d "$DESTDIR$d" ] && [ "$d" != / ]; do made+=("$d"); d=$(dirname "$d"); done
    install -d "$DESTDIR$1"
    local m
    for m in "${made[@]}"; do record d "$m"; done
}
put() { # put MODE SRC DIR [NAME]: installs SRC into DIR (without DESTDIR)
    local name=${4:-$(basename "$2")}
    install -m "$1" "$2" "$DESTDIR$3/$name"
    record f "$3/$name"
}
link() { # link TARGET DIR NAME
    ln -sfn "$1" "$DESTDIR$2/$3"
    record l "$2/$3"
}
STAGE=$(mktemp -d)
trap 'rm -f "$NEW_ENTRIES"; rm -rf "$STAGE"' EXIT

mkd "$LIBDIR"; mkd "$LIBDIR/pkgconfig"; mkd "$CMAKEDIR"; mkd "$BINDIR"
mkd "$INCLUDEDIR/psa"; mkd "$INCLUDEDIR/rustpsa"; mkd "$(dirname "$MANIFEST")"

# Stripped copies (STRIP=1), the shared library's debug info split off.
cp "$SO" "$STAGE/$REALNAME"
cp "$A" "$STAGE/librustpsa.a"
cp "$TOOL" "$STAGE/rustpsa-names"
if [ "$STRIP" = 1 ]; then
    mkd "$DEBUGDIR$LIBDIR"
    objcopy --only-keep-debug "$STAGE/$REALNAME" "$STAGE/$REALNAME.debug"
    strip --strip-unneeded "$STAGE/$REALNAME"
    objcopy --add-gnu-debuglink="$STAGE/$REALNAME.debug" "$STAGE/$REALNAME"
    strip --strip-debug "$STAGE/librustpsa.a"
    strip --strip-unneeded "$STAGE/rustpsa-names"
    put 0644 "$STAGE/$REALNAME.debug" "$DEBUGDIR$LIBDIR"
fi

# Libraries: the real file, then the soname link, then the development link.
put 0755 "$STAGE/$REALNAME" "$LIBDIR"
link "$REALNAME" "$LIBDIR" "$SONAME"
link "$SONAME" "$LIBDIR" librustpsa.so
put 0644 "$STAGE/librustpsa.a" "$LIBDIR"
put 0755 "$STAGE/rustpsa-names" "$BINDIR"

# Headers.
for h in include/psa/*.h; do put 0644 "$h" "$INCLUDEDIR/psa"; done
for h in include/rustpsa/*.h; do put 0644 "$h" "$INCLUDEDIR/rustpsa"; done

# pkg-config and CMake metadata.
subst cmake/rustpsa.pc.in > "$STAGE/rustpsa.pc"
subst cmake/RustPSAConfig.cmake.in > "$STAGE/RustPSAConfig.cmake"
subst cmake/RustPSAConfigVersion.cmake.in > "$STAGE/RustPSAConfigVersion.cmake"
put 0644 "$STAGE/rustpsa.pc" "$LIBDIR/pkgconfig"
put 0644 "$STAGE/RustPSAConfig.cmake" "$CMAKEDIR"
put 0644 "$STAGE/RustPSAConfigVersion.cmake" "$CMAKEDIR"

echo "installed rustpsa $VERSION into ${DESTDIR}$PREFIX"

# Mbed TLS compatibility layer (for clients such as the psa-crypto Rust crate
# that include mbedtls/build_info.h and psa/crypto_se_driver.h and link
# -lmbedcrypto). Its headers sit next to a copy of psa/*.h because such clients
# take one include directory.
if [ "$COMPAT" = 1 ]; then
    C_INC=$INCLUDEDIR/rustpsa-mbedtls-compat
    C_LIB=$LIBDIR/rustpsa-mbedtls-compat
    mkd "$C_INC/psa"; mkd "$C_INC/mbedtls"; mkd "$C_INC/tf-psa-crypto"; mkd "$C_INC/rustpsa"; mkd "$C_LIB"
    # compat/include/psa/crypto.h replaces psa/crypto.h (it also includes
    # psa/crypto_extra.h, as Mbed TLS's does): installed second, on purpose.
    for h in include/psa/*.h compat/include/psa/*.h; do put 0644 "$h" "$C_INC/psa"; done
    for h in compat/include/tf-psa-crypto/*.h; do put 0644 "$h" "$C_INC/tf-psa-crypto"; done
    for h in include/rustpsa/*.h; do put 0644 "$h" "$C_INC/rustpsa"; done
    for h in compat/include/mbedtls/*.h; do put 0644 "$h" "$C_INC/mbedtls"; done
    link "../$REALNAME" "$C_LIB" libmbedcrypto.so
    link "../librustpsa.a" "$C_LIB" libmbedcrypto.a
    echo "installed the Mbed TLS compatibility layer:"
    echo "  MBEDTLS_INCLUDE_DIR=$INCLUDEDIR/rustpsa-mbedtls-compat"
    echo "  MBEDTLS_LIB_DIR=$LIBDIR/rustpsa-mbedtls-compat"
fi

# The manifest: what an earlier install into this prefix recorded, plus this one.
record f "$MANIFEST"
{ [ -f "$D_MANIFEST" ] && cat "$D_MANIFEST"; cat "$NEW_ENTRIES"; } | sort -u -k2 >"$STAGE/manifest"
install -m 0644 "$STAGE/manifest" "$D_MANIFEST"
echo "manifest: ${DESTDIR}$MANIFEST (scripts/uninstall.sh removes what it lists)"

# The dynamic loader's cache: system prefixes only, and only for a real install.
run_ldconfig=0
case "$LDCONFIG" in
1) run_ldconfig=1 ;;
auto) if [ -z "$DESTDIR" ] && [ "$(id -u)" = 0 ] && { [ "$PREFIX" = /usr ] || [ "$PREFIX" = /usr/local ]; }; then
          run_ldconfig=1; fi ;;
esac
if [ "$run_ldconfig" = 1 ] && command -v ldconfig >/dev/null 2>&1; then
    ldconfig && echo "ran ldconfig"
elif [ -z "$DESTDIR" ] && [ "$PREFIX" != /usr ] && [ "$PREFIX" != /usr/local ]; then
    echo "$LIBDIR is not a system library directory: link programs with -Wl,-rpath,$LIBDIR"
    echo "or run them with LD_LIBRARY_PATH=$LIBDIR"
fi
