#!/usr/bin/env bash
# The whole test suite: Rust unit tests, the C harness against the release
# library, and the C concurrency scenarios against the ThreadSanitizer build.
# Exits non-zero on any failure. Set SKIP_TSAN=1 to skip the sanitizer run.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

echo "== cargo test (unit tests; build.rs fails if the committed headers are stale)"
mkdir -p build
cargo test --quiet 2>&1 | tee build/cargo-test.log | grep -E "^test result|FAILED|panicked" || true
grep -q "^test result: ok" build/cargo-test.log
! grep -q "^test result: FAILED" build/cargo-test.log

echo "== C harness against target/release"
cargo build --release --quiet
ctests/run.sh target/release

if [ "${SKIP_TSAN:-0}" != 1 ]; then
    echo "== C concurrency scenarios under ThreadSanitizer"
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zsanitizer=thread -Cunsafe-allow-abi-mismatch=sanitizer" \
        cargo build --quiet --target x86_64-unknown-linux-gnu --target-dir target/tsan
    ctests/run.sh target/tsan/x86_64-unknown-linux-gnu/debug --tsan
fi

echo "== examples"
scripts/example.sh

echo "all tests passed in $(( $(date +%s) - start ))s"
