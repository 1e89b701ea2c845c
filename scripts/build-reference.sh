#!/usr/bin/env bash
# scripts/build-reference.sh
#
# Builds the reference PSA library, Mbed TLS 3.5.1, from the psa-crypto-sys
# 0.13.0 crate's vendored sources (fetched from crates.io by cargo) and caches
# it under build/reference/. Prints the Mbed TLS source directory on stdout;
# its headers are in include/ and the library is library/libmbedcrypto.a.
# Used by scripts/bench.sh and scripts/differential.sh. Needs make and a C
# compiler. Configuration: the default mbedtls_config.h (MBEDTLS_PSA_CRYPTO_C
# and every algorithm of 3.5.1 on) with 100032 key slots, which the benchmark's
# 100,000-key lookup case needs. A rebuild happens only when the cache is
# missing or was built with another configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B="$ROOT/build/reference"
MBED="$B/mbedtls-3.5.1"
STAMP="slots=100032"
mkdir -p "$B"
if [ -f "$MBED/library/libmbedcrypto.a" ] && [ "$(cat "$MBED/.rustpsa-config" 2>/dev/null)" = "$STAMP" ]; then
    echo "$MBED"
    exit 0
fi
echo "== fetching psa-crypto-sys 0.13.0 (vendors Mbed TLS 3.5.1) from crates.io" >&2
mkdir -p "$B/fetch/src"
cat > "$B/fetch/Cargo.toml" <<'TOML'
[package]
name = "fetch-mbedtls"
version = "0.0.0"
edition = "2021"
[dependencies]
psa-crypto-sys = "=0.13.0"
TOML
: > "$B/fetch/src/lib.rs"
cargo fetch --quiet --manifest-path "$B/fetch/Cargo.toml" >&2
crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/psa-crypto-sys-0.13.0.crate | head -n 1)
rm -rf "$B/unpack" && mkdir -p "$B/unpack"
tar xzf "$crate" -C "$B/unpack"
rm -rf "$MBED" && cp -r "$B/unpack/psa-crypto-sys-0.13.0/vendor" "$MBED"
rm -rf "$B/unpack"
grep -q '"3.5.1"' "$MBED/include/mbedtls/build_info.h"
echo "== building Mbed TLS 3.5.1 (default config, 100032 key slots)" >&2
python3 "$MBED/scripts/config.py" -f "$MBED/include/mbedtls/mbedtls_config.h" \
    set MBEDTLS_PSA_KEY_SLOT_COUNT 100032
make -s -C "$MBED/library" -j2 CC="${CC:-cc}" CFLAGS="-O2" libmbedcrypto.a >&2
echo "$STAMP" > "$MBED/.rustpsa-config"
echo "$MBED"
