#!/usr/bin/env bash
# scripts/crosscheck-keywrap.sh [LIBDIR] [ROUNDS]: cross-checks psa_wrap_key /
# psa_unwrap_key (AES-KW, AES-KWP) against Python's `cryptography` package, an
# independent implementation (tests/keywrap_crosscheck/). LIBDIR defaults to
# target/release (build it first); ROUNDS (default 50) random cases per
# algorithm and AES key size, three checks each.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=${1:-target/release}
rounds=${2:-50}
if ! python3 -c 'import cryptography.hazmat.primitives.keywrap' 2>/dev/null; then
    echo "keywrap-crosscheck: python3-cryptography is missing (scripts/deps.sh installs it)" >&2
    exit 1
fi
mkdir -p build
cc -std=c11 -Wall -Wextra -Werror -O1 -I include tests/keywrap_crosscheck/driver.c \
    -L "$lib" -lrustpsa -Wl,-rpath,"$PWD/$lib" -o build/keywrap-crosscheck-driver
python3 tests/keywrap_crosscheck/crosscheck.py build/keywrap-crosscheck-driver "$rounds"
