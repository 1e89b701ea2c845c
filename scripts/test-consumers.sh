#!/usr/bin/env bash
# Installs rustpsa into a fresh temporary prefix and checks it the way a
# downstream project sees it:
#   * the installed files, the soname and its links, the exported symbols;
#   * pkg-config (--cflags/--libs, --static) and the Makefile consumer
#     (tests/consumers/make), shared and static;
#   * the CMake package (find_package(RustPSA), version rules) and the CMake
#     consumer (tests/consumers/cmake), shared and static, also after the
#     installed tree is moved;
#   * a staged install (DESTDIR) and the Mbed TLS compatibility layer (COMPAT=1);
#   * the installed sizes (stripped, split debug info), the rustpsa-names tool,
#     a fully static link (cc -static with pkg-config --static);
#   * scripts/uninstall.sh: nothing of the install is left;
#   * the Debian packages (scripts/package.sh) installed into a scratch root with
#     dpkg --root, the consumers built against them, then dpkg -r.
# Needs cmake, pkg-config, dpkg-deb. The last line is `consumers: N passed, M failed`; the exit
# status is non-zero when anything failed. KEEP=1 keeps the temporary directory.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { # check "description" command...
    local what=$1
    shift
    if "$@" >>"$LOG" 2>&1; then ok "$what"; else bad "$what (see $LOG)"; fi
}
fails() { ! "$@"; }
finish() {
    echo "consumers: $passed passed, $failed failed"
    [ "$failed" = 0 ]
    exit $?
}

TMP=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $TMP"; else trap 'rm -rf "$TMP"' EXIT; fi
LOG=$TMP/log
: >"$LOG"
PREFIX=$TMP/prefix

for tool in cmake pkg-config readelf nm make dpkg dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || { bad "$tool is installed"; finish; }
done

# --- install ------------------------------------------------------------------
if PREFIX=$PREFIX scripts/install.sh >>"$LOG" 2>&1; then ok "install.sh into a fresh prefix"; else
    bad "install.sh into a fresh prefix (see $LOG)"; cat "$LOG"; finish
fi
VERSION=$(sed -n 's/^Version: //p' "$PREFIX/lib/pkgconfig/rustpsa.pc")
MAJOR=${VERSION%%.*}
MINOR=${VERSION#*.}; MINOR=${MINOR%%.*}
LIB=$PREFIX/lib
echo "     rustpsa $VERSION in $PREFIX"

# --- files, soname, links -----------------------------------------------------
files_present() {
    local f
    for f in lib/librustpsa.so."$VERSION" lib/librustpsa.a include/psa/crypto.h \
        include/psa/crypto_generated.h include/psa/crypto_macros.h include/rustpsa/threading.h \
        include/rustpsa/names.h include/rustpsa/version.h bin/rustpsa-names \
        lib/debug"$LIB"/librustpsa.so."$VERSION".debug share/rustpsa/install-manifest.txt \
        lib/pkgconfig/rustpsa.pc lib/cmake/RustPSA/RustPSAConfig.cmake \
        lib/cmake/RustPSA/RustPSAConfigVersion.cmake; do
        [ -f "$PREFIX/$f" ] && [ ! -L "$PREFIX/$f" ] || { echo "missing: $f"; return 1; }
    done
}
check "installed files are present" files_present
check "librustpsa.so.$MAJOR -> librustpsa.so.$VERSION" \
    test "$(readlink "$LIB/librustpsa.so.$MAJOR")" = "librustpsa.so.$VERSION"
check "librustpsa.so -> librustpsa.so.$MAJOR" \
    test "$(readlink "$LIB/librustpsa.so")" = "librustpsa.so.$MAJOR"
soname=$(readelf -d "$LIB/librustpsa.so.$VERSION" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
check "soname is librustpsa.so.$MAJOR (got '$soname')" test "$soname" = "librustpsa.so.$MAJOR"

# Stripped, debug info beside it, at most 8 MiB: 7.0 MiB with AWS-LC (the
# asymmetric back end), the post-quantum crates, the PKCS#11 driver and the
# two RustCrypto cipher generations that are still side by side (4 MiB before).
so_size=$(stat -c %s "$LIB/librustpsa.so.$VERSION")
a_size=$(stat -c %s "$LIB/librustpsa.a")
echo "     installed sizes: librustpsa.so.$VERSION $so_size bytes, librustpsa.a $a_size bytes (stripped)"
check "installed librustpsa.so is at most 8 MiB ($so_size bytes)" test "$so_size" -le 8388608
check "installed librustpsa.so has no .symtab and no .debug_info" \
    sh -c "! readelf -S '$LIB/librustpsa.so.$VERSION' | grep -qE '\.symtab|\.debug_info'"
check "installed librustpsa.a has no .debug_info" \
    sh -c "! readelf -S '$LIB/librustpsa.a' 2>/dev/null | grep -q '\.debug_info'"
check "installed librustpsa.so links its split debug file (.gnu_debuglink)" \
    sh -c "readelf --string-dump=.gnu_debuglink '$LIB/librustpsa.so.$VERSION' | grep -q 'librustpsa.so.$VERSION.debug'"
check "the split debug file holds .debug_info" \
    sh -c "readelf -S '$PREFIX/lib/debug$LIB/librustpsa.so.$VERSION.debug' | grep -q '\.debug_info'"

# The names tool.
check "bin/rustpsa-names status -137 = PSA_ERROR_BAD_STATE" \
    test "$("$PREFIX/bin/rustpsa-names" status -137)" = PSA_ERROR_BAD_STATE
check "bin/rustpsa-names decodes KEY_AGREEMENT(ECDH, HKDF(SHA_256))" \
    test "$("$PREFIX/bin/rustpsa-names" algorithm 0x09020109)" = \
    "PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256))"

# Only the public API leaves the shared library.
nm -D --defined-only "$LIB/librustpsa.so.$VERSION" | awk '{print $NF}' | sort -u >"$TMP/exports"
grep -vE '^(psa_|mbedtls_|rustpsa_)' "$TMP/exports" >"$TMP/foreign_exports"
check "exports only psa_*, mbedtls_*, rustpsa_* ($(wc -l <"$TMP/exports") symbols)" \
    test ! -s "$TMP/foreign_exports"
[ -s "$TMP/foreign_exports" ] && sed 's/^/     unexpected export: /' "$TMP/foreign_exports" | head -20
check "exports psa_crypto_init" grep -qx psa_crypto_init "$TMP/exports"
check "exports mbedtls_psa_crypto_free" grep -qx mbedtls_psa_crypto_free "$TMP/exports"
check "exports rustpsa_set_threading_callbacks" grep -qx rustpsa_set_threading_callbacks "$TMP/exports"
# Every function the header declares is exported.
declared_exported() {
    local missing
    # (C++-only constructors of the zero-initialised objects are not functions.)
    sed -n -e '/^ *constexpr /d' -e '/) = default;$/d' -e 's/^[a-z_0-9 ]*[ *]\(\(psa\|mbedtls\|rustpsa\)_[a-z_0-9]*\)(.*/\1/p' \
        "$PREFIX/include/psa/crypto_generated.h" "$PREFIX/include/rustpsa/"*.h |
        sort -u >"$TMP/declared"
    [ -s "$TMP/declared" ] || { echo "no prototypes found in the headers"; return 1; }
    missing=$(comm -23 "$TMP/declared" "$TMP/exports")
    [ -z "$missing" ] || { echo "declared but not exported: $missing"; return 1; }
}
check "every function declared in the headers is exported" declared_exported

# --- pkg-config ---------------------------------------------------------------
export PKG_CONFIG_PATH=$LIB/pkgconfig
check "pkg-config --modversion rustpsa = $VERSION" \
    test "$(pkg-config --modversion rustpsa)" = "$VERSION"
check "pkg-config --cflags gives -I$PREFIX/include" \
    test "$(pkg-config --cflags rustpsa | xargs)" = "-I$PREFIX/include"
check "pkg-config --libs gives -L$LIB -lrustpsa" \
    test "$(pkg-config --libs rustpsa | xargs)" = "-L$LIB -lrustpsa"
check "pkg-config --static --libs adds the system libraries" \
    sh -c "pkg-config --libs --static rustpsa | grep -q -- '-lpthread'"

cp -r tests/consumers/make "$TMP/make"
cp tests/consumers/consumer.c "$TMP/consumer.c"
check "make consumer builds (pkg-config, shared and --static)" make -C "$TMP/make" all
check "make consumer (shared) runs" "$TMP/make/consumer_shared"
check "make consumer (static) runs" "$TMP/make/consumer_static"
check "make consumer (shared) needs librustpsa.so.$MAJOR" \
    sh -c "readelf -d '$TMP/make/consumer_shared' | grep -q 'NEEDED.*\[librustpsa.so.$MAJOR\]'"
check "make consumer (static) does not need librustpsa.so" \
    sh -c "! readelf -d '$TMP/make/consumer_static' | grep -q 'NEEDED.*librustpsa'"

# A fully static program: cc -static with pkg-config --static.
check "fully static link: cc -static \$(pkg-config --cflags --libs --static rustpsa)" \
    sh -c "cc -static -std=c99 -DCONSUMER_NAME='\"fully-static\"' \$(pkg-config --cflags rustpsa) \
        '$TMP/consumer.c' \$(pkg-config --libs --static rustpsa) -pthread -o '$TMP/consumer_fully_static'"
check "fully static program runs" "$TMP/consumer_fully_static"
check "fully static program has no dynamic section" \
    sh -c "! readelf -d '$TMP/consumer_fully_static' | grep -q NEEDED && ! readelf -l '$TMP/consumer_fully_static' | grep -q INTERP"

# --- CMake --------------------------------------------------------------------
cmake_consumer() { # cmake_consumer PREFIX BUILDDIR
    cmake -S tests/consumers/cmake -B "$2" -DCMAKE_PREFIX_PATH="$1" -DCMAKE_BUILD_TYPE=Release &&
        cmake --build "$2"
}
check "cmake consumer configures and builds (find_package(RustPSA 0.1))" \
    cmake_consumer "$PREFIX" "$TMP/cmake-build"
check "cmake consumer (RustPSA::rustpsa) runs" "$TMP/cmake-build/consumer_shared"
check "cmake consumer (RustPSA::rustpsa_static) runs" "$TMP/cmake-build/consumer_static"
check "cmake consumer (shared) needs librustpsa.so.$MAJOR" \
    sh -c "readelf -d '$TMP/cmake-build/consumer_shared' | grep -q 'NEEDED.*\[librustpsa.so.$MAJOR\]'"
check "cmake consumer (static) does not need librustpsa.so" \
    sh -c "! readelf -d '$TMP/cmake-build/consumer_static' | grep -q 'NEEDED.*librustpsa'"

# Version rules: same major and at least the requested version.
mkdir -p "$TMP/ver"
cat >"$TMP/ver/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(v LANGUAGES NONE)
find_package(RustPSA ${REQ} QUIET)
if(NOT RustPSA_FOUND)
    message(FATAL_ERROR "RustPSA ${REQ} not found")
endif()
EOF
find_version() { rm -rf "$TMP/ver/b"; cmake -S "$TMP/ver" -B "$TMP/ver/b" -DCMAKE_PREFIX_PATH="$PREFIX" -DREQ="$1"; }
check "find_package(RustPSA $MAJOR.$MINOR) succeeds" find_version "$MAJOR.$MINOR"
check "find_package(RustPSA $VERSION EXACT-compatible) succeeds" find_version "$VERSION"
check "find_package(RustPSA $((MAJOR + 1)).0) fails (other major)" \
    fails find_version "$((MAJOR + 1)).0"
check "find_package(RustPSA $MAJOR.$((MINOR + 1))) fails (newer than installed)" \
    fails find_version "$MAJOR.$((MINOR + 1))"

# The CMake package is relocatable: move the tree and build again.
mv "$PREFIX" "$TMP/moved"
check "cmake consumer builds against a moved install" cmake_consumer "$TMP/moved" "$TMP/cmake-moved"
check "cmake consumer runs against a moved install" \
    env LD_LIBRARY_PATH="$TMP/moved/lib" "$TMP/cmake-moved/consumer_shared"
mv "$TMP/moved" "$PREFIX"

# --- staged install -------------------------------------------------------------
check "DESTDIR install (PREFIX=/usr)" \
    env DESTDIR="$TMP/stage" PREFIX=/usr NO_BUILD=1 scripts/install.sh
check "DESTDIR install: files under DESTDIR, prefix=/usr in rustpsa.pc" \
    sh -c "test -L '$TMP/stage/usr/lib/librustpsa.so.$MAJOR' && grep -qx 'prefix=/usr' '$TMP/stage/usr/lib/pkgconfig/rustpsa.pc'"

# --- Mbed TLS compatibility layer -------------------------------------------------
check "COMPAT=1 install" env PREFIX="$PREFIX" COMPAT=1 NO_BUILD=1 scripts/install.sh
CINC=$PREFIX/include/rustpsa-mbedtls-compat
CLIB=$LIB/rustpsa-mbedtls-compat
cat >"$TMP/compat.c" <<'EOF'
#include "mbedtls/build_info.h"
#include "tf-psa-crypto/build_info.h"
#include "mbedtls/platform.h"
#include "mbedtls/platform_util.h"
#include <psa/crypto.h>
#include <psa/crypto_se_driver.h>
#include <stdio.h>
/* Mbed TLS extensions, evaluated on spec encodings. */
static psa_algorithm_t hkdf_hash(psa_algorithm_t a) { return PSA_ALG_HKDF_GET_HASH(a); }
int main(void)
{
    psa_drv_se_t driver = { 0 };
    psa_key_slot_number_t slot = 0;
    uint8_t h[32];
    size_t n = 0;
    (void) driver; (void) slot;
    if (hkdf_hash(PSA_ALG_HKDF(PSA_ALG_SHA_256)) != PSA_ALG_SHA_256) return 1;
    if (PSA_MAC_TRUNCATED_LENGTH(PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), 10)) != 10) return 1;
    if (PSA_ALG_RSA_OAEP_GET_HASH(PSA_ALG_RSA_OAEP(PSA_ALG_SHA_384)) != PSA_ALG_SHA_384) return 1;
    if (PSA_ALG_RSA_OAEP_GET_HASH(PSA_ALG_HMAC(PSA_ALG_SHA_384)) != 0) return 1;
    if (PSA_ALG_CATEGORY_HASH != 0x02000000u || !mbedtls_svc_key_id_is_null(MBEDTLS_SVC_KEY_ID_INIT)) return 1;
    if (psa_crypto_init() != PSA_SUCCESS) return 1;
    mbedtls_platform_zeroize(h, sizeof(h));
    if (psa_hash_compute(PSA_ALG_SHA_256, (const uint8_t *) "abc", 3, h, 32, &n) != PSA_SUCCESS) return 1;
    printf("compat: ok (Mbed TLS %s API level)\n", MBEDTLS_VERSION_STRING);
    return 0;
}
EOF
check "compat headers compile (-Wall -Wextra -Werror) and -lmbedcrypto links" \
    cc -std=c99 -Wall -Wextra -Werror -pedantic -I "$CINC" "$TMP/compat.c" -L "$CLIB" -lmbedcrypto \
    -Wl,-rpath,"$LIB" -o "$TMP/compat"
check "program linked with -lmbedcrypto runs on librustpsa.so.$MAJOR" "$TMP/compat"
check "program linked with -lmbedcrypto needs librustpsa.so.$MAJOR" \
    sh -c "readelf -d '$TMP/compat' | grep -q 'NEEDED.*\[librustpsa.so.$MAJOR\]'"

# --- uninstall ------------------------------------------------------------------
check "uninstall.sh removes the install (COMPAT layer included)" env PREFIX="$PREFIX" scripts/uninstall.sh
check "nothing of the install is left in the prefix" test ! -e "$PREFIX"
check "uninstall.sh of the staged install" env PREFIX=/usr DESTDIR="$TMP/stage" scripts/uninstall.sh
check "nothing of the staged install is left" sh -c "test -z \"\$(ls -A '$TMP/stage' 2>/dev/null)\""
check "uninstall.sh without a manifest fails" fails env PREFIX="$PREFIX" scripts/uninstall.sh

# --- Debian packages ------------------------------------------------------------
if NO_BUILD=1 scripts/package.sh "$TMP/debs" >"$TMP/debs.list" 2>>"$LOG"; then ok "package.sh builds the .debs"; else
    bad "package.sh builds the .debs (see $LOG)"; finish
fi
DEB0=$(grep '/librustpsa0_' "$TMP/debs.list")
DEBDEV=$(grep '/librustpsa-dev_' "$TMP/debs.list")
ARCH=$(dpkg --print-architecture)
MA=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
for d in "$DEB0" "$DEBDEV"; do
    echo "     $(basename "$d"): $(stat -c %s "$d") bytes"
    dpkg-deb -c "$d" | awk '{print "       " $1, $3, $6, $7, $8}'
done
check "librustpsa0: Architecture $ARCH, the soname and its link" \
    sh -c "dpkg-deb -f '$DEB0' Architecture | grep -qx '$ARCH' &&
           dpkg-deb -c '$DEB0' | grep -q './usr/lib/$MA/librustpsa.so.$VERSION\$' &&
           dpkg-deb -c '$DEB0' | grep -q './usr/lib/$MA/librustpsa.so.$MAJOR -> librustpsa.so.$VERSION'"
check "librustpsa-dev depends on librustpsa0 (= its version)" \
    sh -c "dpkg-deb -f '$DEBDEV' Depends | grep -q 'librustpsa0 (= $(dpkg-deb -f "$DEB0" Version))'"
check "the packages' dependencies are satisfied on this machine (dpkg --dry-run)" \
    dpkg --dry-run -i "$DEB0" "$DEBDEV"
SR=$TMP/scratch-root
mkdir -p "$SR/var/lib/dpkg/info" "$SR/var/lib/dpkg/updates" "$SR/var/lib/dpkg/triggers"
: >"$SR/var/lib/dpkg/status"
# The scratch root has no libc6 package: --force-depends (checked above).
check "dpkg --root installs librustpsa0 and librustpsa-dev into a scratch root" \
    dpkg --root="$SR" --force-depends -i "$DEB0" "$DEBDEV"
check "dpkg lists both packages as installed" \
    sh -c "dpkg --root='$SR' -s librustpsa0 librustpsa-dev | grep -c '^Status: install ok installed' | grep -qx 2"
# pkg-config finds the packaged .pc (prefix /usr) through the sysroot.
pkgs() { env PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR="$SR/usr/lib/$MA/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$SR" "$@"; }
rm -rf "$TMP/make-deb"; cp -r tests/consumers/make "$TMP/make-deb"
check "make consumer builds against the packages (pkg-config)" \
    pkgs make -C "$TMP/make-deb" all SRC="$TMP/consumer.c"
check "make consumer (shared) runs on the packaged library" \
    env LD_LIBRARY_PATH="$SR/usr/lib/$MA" "$TMP/make-deb/consumer_shared"
check "make consumer (static) runs" "$TMP/make-deb/consumer_static"
check "cmake consumer builds against the packages" cmake_consumer "$SR/usr" "$TMP/cmake-deb"
check "cmake consumers run on the packaged library" \
    sh -c "LD_LIBRARY_PATH='$SR/usr/lib/$MA' '$TMP/cmake-deb/consumer_shared' && '$TMP/cmake-deb/consumer_static'"
check "packaged rustpsa-names runs" \
    test "$("$SR/usr/bin/rustpsa-names" status 0)" = PSA_SUCCESS
check "dpkg -r removes both packages" dpkg --root="$SR" --force-depends -r librustpsa-dev librustpsa0
check "nothing of the packages is left in the scratch root" \
    sh -c "test -z \"\$(find '$SR' -path '$SR/var' -prune -o ! -type d -print)\""

finish
