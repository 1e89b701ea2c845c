#!/usr/bin/env bash
# scripts/pkcs11-bench.sh [N]: ECDSA P-256 sign_hash through the PKCS#11 driver
# (SoftHSM2) beside the built-in code, N signatures each (default 2000),
# against target/release (built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -e target/release/librustpsa.so ] || cargo build --release
mkdir -p build
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -pthread -I include -I ctests bench/pkcs11_bench.c ctests/common.c \
    -L target/release -lrustpsa -Wl,-rpath,"$PWD/target/release" -o build/pkcs11_bench
build/pkcs11_bench "${1:-2000}"
