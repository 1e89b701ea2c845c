#!/usr/bin/env bash
# Builds librustpsa (release) and runs the C examples against it.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
mkdir -p build/examples
for src in examples/*.c; do
    exe="build/examples/$(basename "$src" .c)"
    cc -std=c99 -Wall -Wextra -Werror -pedantic -I include "$src" \
       -L target/release -lrustpsa -Wl,-rpath,"$PWD/target/release" -lpthread -o "$exe"
    echo "== $exe"
    (cd build/examples && RUSTPSA_STORAGE_DIR="$PWD/storage" "./$(basename "$exe")")
done
