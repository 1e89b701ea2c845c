#!/usr/bin/env bash
# Builds librustpsa (release) and installs it like any C library.
#
#   scripts/install.sh                          # into /usr/local
#   PREFIX=$HOME/.local scripts/install.sh      # anywhere
#   PREFIX=/usr DESTDIR=/tmp/stage scripts/install.sh   # staged (packaging)
#   COMPAT=1 scripts/install.sh                 # also the Mbed TLS compatibility layer
#
# Variables: PREFIX (/usr/local), LIBDIR ($PREFIX/lib), INCLUDEDIR
# ($PREFIX/include), DESTDIR (empty), COMPAT (0), NO_BUILD (0: set 1 to install
# what target/release already holds), CARGO (cargo), NATIVE_STATIC_LIBS (the
# system libraries a static link needs).
#
# Installs:
#   LIBDIR/librustpsa.so.X.Y.Z  (soname librustpsa.so.X), librustpsa.so.X, librustpsa.so
#   LIBDIR/librustpsa.a
#   INCLUDEDIR/psa/*.h, INCLUDEDIR/rustpsa/*.h
#   LIBDIR/pkgconfig/rustpsa.pc
#   LIBDIR/cmake/RustPSA/RustPSAConfig.cmake, RustPSAConfigVersion.cmake
# and with COMPAT=1, in directories of their own so that they never shadow a real
# Mbed TLS:
#   INCLUDEDIR/rustpsa-mbedtls-compat/{psa,mbedtls}/*.h   (MBEDTLS_INCLUDE_DIR)
#   LIBDIR/rustpsa-mbedtls-compat/libmbedcrypto.{so,a}    (MBEDTLS_LIB_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PREFIX=${PREFIX:-/usr/local}
PREFIX=${PREFIX%/}
[ -n "$PREFIX" ] || PREFIX=/
LIBDIR=${LIBDIR:-$PREFIX/lib}
INCLUDEDIR=${INCLUDEDIR:-$PREFIX/include}
DESTDIR=${DESTDIR:-}
COMPAT=${COMPAT:-0}
CARGO=${CARGO:-cargo}
NATIVE_STATIC_LIBS=${NATIVE_STATIC_LIBS:--lgcc_s -lutil -lrt -lpthread -lm -ldl -lc}
case "$PREFIX$LIBDIR$INCLUDEDIR" in
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
for f in "$SO" "$A"; do
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
install -d "$D_LIB" "$D_LIB/pkgconfig" "$DESTDIR$CMAKEDIR" "$D_INC/psa" "$D_INC/rustpsa"

# Libraries: the real file, then the soname link, then the development link.
install -m 0755 "$SO" "$D_LIB/$REALNAME"
ln -sfn "$REALNAME" "$D_LIB/$SONAME"
ln -sfn "$SONAME" "$D_LIB/librustpsa.so"
install -m 0644 "$A" "$D_LIB/librustpsa.a"

# Headers.
install -m 0644 include/psa/*.h "$D_INC/psa/"
install -m 0644 include/rustpsa/*.h "$D_INC/rustpsa/"

# pkg-config and CMake metadata.
subst cmake/rustpsa.pc.in > "$D_LIB/pkgconfig/rustpsa.pc"
subst cmake/RustPSAConfig.cmake.in > "$DESTDIR$CMAKEDIR/RustPSAConfig.cmake"
subst cmake/RustPSAConfigVersion.cmake.in > "$DESTDIR$CMAKEDIR/RustPSAConfigVersion.cmake"
chmod 0644 "$D_LIB/pkgconfig/rustpsa.pc" "$DESTDIR$CMAKEDIR"/*.cmake

echo "installed rustpsa $VERSION into ${DESTDIR}$PREFIX"

# Mbed TLS compatibility layer (for clients such as the psa-crypto Rust crate
# that include mbedtls/build_info.h and psa/crypto_se_driver.h and link
# -lmbedcrypto). Its headers sit next to a copy of psa/*.h because such clients
# take one include directory.
if [ "$COMPAT" = 1 ]; then
    C_INC=$D_INC/rustpsa-mbedtls-compat
    C_LIB=$D_LIB/rustpsa-mbedtls-compat
    install -d "$C_INC/psa" "$C_INC/mbedtls" "$C_INC/tf-psa-crypto" "$C_INC/rustpsa" "$C_LIB"
    install -m 0644 include/psa/*.h "$C_INC/psa/"
    # compat/include/psa/crypto.h replaces psa/crypto.h (it also includes
    # psa/crypto_extra.h, as Mbed TLS's does): installed second, on purpose.
    install -m 0644 compat/include/psa/*.h "$C_INC/psa/"
    install -m 0644 include/rustpsa/*.h "$C_INC/rustpsa/"
    install -m 0644 compat/include/mbedtls/*.h "$C_INC/mbedtls/"
    install -m 0644 compat/include/tf-psa-crypto/*.h "$C_INC/tf-psa-crypto/"
    ln -sfn "../$REALNAME" "$C_LIB/libmbedcrypto.so"
    ln -sfn "../librustpsa.a" "$C_LIB/libmbedcrypto.a"
    echo "installed the Mbed TLS compatibility layer:"
    echo "  MBEDTLS_INCLUDE_DIR=$INCLUDEDIR/rustpsa-mbedtls-compat"
    echo "  MBEDTLS_LIB_DIR=$LIBDIR/rustpsa-mbedtls-compat"
fi
