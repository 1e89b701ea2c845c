#!/usr/bin/env bash
# fuzz/build.sh: builds the libFuzzer harnesses fuzz/fuzz_*.c into
# target/fuzz/bin/, linked against librustpsa.a built with AddressSanitizer,
# SanitizerCoverage (so libFuzzer sees the Rust code's edges), debug
# assertions, overflow checks and the `fuzzing` feature (a panic aborts).
# Cargo's cache in target/fuzz makes a rebuild cheap.
# `fuzz/build.sh --corpus` also regenerates the committed seed corpus
# fuzz/corpus/<target>/ with fuzz/make_corpus.c (keeping the regress-* inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG=${CLANG:-clang}
TRIPLE=x86_64-unknown-linux-gnu
SANCOV="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
SANCOV+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
SANCOV+=" -Cllvm-args=-sanitizer-coverage-pc-table"
SANCOV+=" -Cllvm-args=-sanitizer-coverage-trace-compares"
RUSTC_BOOTSTRAP=1 \
RUSTFLAGS="-Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer $SANCOV -Cdebug-assertions=on -Coverflow-checks=on" \
    cargo build --quiet --release --lib --features fuzzing --target "$TRIPLE" --target-dir target/fuzz
LIB=target/fuzz/$TRIPLE/release/librustpsa.a
mkdir -p target/fuzz/bin
for src in fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    out=target/fuzz/bin/$name
    if [ ! -e "$out" ] || [ "$src" -nt "$out" ] || [ fuzz/fuzz_util.h -nt "$out" ] || [ "$LIB" -nt "$out" ]; then
        "$CLANG" -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address \
            -I include -I fuzz "$src" "$LIB" -lpthread -ldl -lm -lrt -o "$out"
    fi
done

if [ "${1:-}" = --corpus ]; then
    "$CLANG" -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=address -I include \
        fuzz/make_corpus.c "$LIB" -lpthread -ldl -lm -lrt -o target/fuzz/bin/make_corpus
    # regress-* files are inputs that once crashed a target: kept, never regenerated
    find fuzz/corpus -type f ! -name 'regress-*' -delete 2>/dev/null || true
    target/fuzz/bin/make_corpus fuzz/corpus
fi
