#!/usr/bin/env bash
# Builds the test suite of the psa-crypto Rust crate (parallaxsecond/rust-psa-crypto,
# crates.io) against an install of rustpsa with the Mbed TLS compatibility layer,
# runs it, and reports how many of its tests pass.
#
#   scripts/psa-crypto-compat.sh                 # installs into a temp prefix first
#   RUSTPSA_PREFIX=/opt/rustpsa scripts/psa-crypto-compat.sh   # use an install made
#                                                # with COMPAT=1 scripts/install.sh
#
# Needs cargo, network access to crates.io (first run), a C compiler and libclang
# (psa-crypto-sys runs bindgen on psa/crypto.h: apt-get install libclang-dev).
# PSA_CRYPTO_VERSION selects the crate version (default 0.13.0).
# The last line is `psa-crypto tests: N passed, M failed`. The exit status is 0
# when the suite built and ran (failing tests are reported, not fatal: they
# show which parts of the API are still missing), non-zero when it did not build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=${PSA_CRYPTO_VERSION:-0.13.0}
WORK=$ROOT/build/psa-crypto-compat
mkdir -p "$WORK"

if [ -n "${RUSTPSA_PREFIX:-}" ]; then
    PREFIX=$RUSTPSA_PREFIX
else
    PREFIX=$(mktemp -d)
    trap 'rm -rf "$PREFIX"' EXIT
    PREFIX=$PREFIX COMPAT=1 scripts/install.sh >/dev/null
fi
INC=$PREFIX/include/rustpsa-mbedtls-compat
LIB=$PREFIX/lib/rustpsa-mbedtls-compat
[ -f "$INC/mbedtls/build_info.h" ] && [ -e "$LIB/libmbedcrypto.so" ] || {
    echo "psa-crypto-compat: $PREFIX has no compatibility layer (COMPAT=1 scripts/install.sh)" >&2
    exit 2
}

# Fetch the crate with cargo (a throwaway package that depends on it), then
# work on a copy of its sources: the published crate carries its tests.
FETCH=$WORK/fetch
mkdir -p "$FETCH/src"
cat > "$FETCH/Cargo.toml" <<EOF
[package]
name = "fetch-psa-crypto"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
psa-crypto = { version = "=$VERSION", default-features = false }
EOF
: > "$FETCH/src/lib.rs"
(cd "$FETCH" && cargo fetch --quiet)
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
SRC=$(ls -d "$CARGO_HOME"/registry/src/*/psa-crypto-"$VERSION" 2>/dev/null | head -n1)
[ -n "$SRC" ] && [ -d "$SRC/tests" ] || { echo "psa-crypto-compat: crate sources not found" >&2; exit 2; }
rm -rf "$WORK/psa-crypto"
cp -r "$SRC" "$WORK/psa-crypto"

# psa-crypto-sys links -lmbedcrypto from MBEDTLS_LIB_DIR: libmbedcrypto.so there is
# a link to librustpsa.so.X.Y.Z, so the binaries record NEEDED librustpsa.so.X,
# found at run time through LD_LIBRARY_PATH.
export MBEDTLS_INCLUDE_DIR=$INC MBEDTLS_LIB_DIR=$LIB
export LD_LIBRARY_PATH=$PREFIX/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export RUSTPSA_STORAGE_DIR=$WORK/storage
export CARGO_TARGET_DIR=$ROOT/target/psa-crypto-compat
rm -rf "$RUSTPSA_STORAGE_DIR"
LOG=$WORK/test.log
echo "== building and running psa-crypto $VERSION's tests against $PREFIX (log: $LOG)"
set +e
(cd "$WORK/psa-crypto" && cargo test --no-fail-fast -- --test-threads=1) > "$LOG" 2>&1
status=$?
set -e

passed=0 failed=0 binaries=0
while read -r p f; do
    passed=$((passed + p)); failed=$((failed + f)); binaries=$((binaries + 1))
done < <(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' "$LOG")
# A test binary that crashed prints no result line: count its tests as failed.
crashed=$(grep -c "process didn't exit successfully.*signal" "$LOG" || true)
if [ "$binaries" = 0 ]; then
    tail -n 30 "$LOG" >&2
    echo "psa-crypto tests: did not build (exit $status)"
    exit 1
fi
grep -E "^test .* FAILED$" "$LOG" | sed 's/^/  /' || true
[ "$crashed" = 0 ] || echo "  ($crashed test binaries crashed; see $LOG)"
echo "psa-crypto tests: $passed passed, $failed failed"
