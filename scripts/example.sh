#!/usr/bin/env bash
# Builds librustpsa (release) and runs the C examples against it.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
# The library carries the soname librustpsa.so.MAJOR; build.rs links that name
# to librustpsa.so next to it. Make sure the link is there (it is what the
# examples load at run time).
soname=$(readelf -d target/release/librustpsa.so 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ -z "$soname" ] || [ -e "target/release/$soname" ] || ln -sf librustpsa.so "target/release/$soname"
mkdir -p build/examples
for src in examples/*.c; do
    exe="build/examples/$(basename "$src" .c)"
    cc -std=c99 -Wall -Wextra -Werror -pedantic -I include "$src" \
       -L target/release -lrustpsa -Wl,-rpath,"$PWD/target/release" -lpthread -o "$exe"
    echo "== $exe"
    (cd build/examples && RUSTPSA_STORAGE_DIR="$PWD/storage" "./$(basename "$exe")")
done
