#!/usr/bin/env bash
# The whole test suite: Rust unit tests, the C harness against the release
# library, the C concurrency scenarios against the ThreadSanitizer build, the
# examples, and the installed-library consumers (CMake, pkg-config). Ends with one line "suite: N passed, M failed" and exits
# non-zero on any failure. SKIP_TSAN=1 / SKIP_ASAN=1 skip the sanitizer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
mkdir -p build
passed=0
failed=0

# add_counts LOG PATTERN: adds the "N passed ... M failed" numbers of LOG's
# lines matching PATTERN to the totals.
add_counts() {
    local p f
    while read -r p f; do
        passed=$((passed + p)); failed=$((failed + f))
    done < <(grep -E "$2" "$1" | sed -E 's/.* ([0-9]+) passed[;,] ([0-9]+) failed.*/\1 \2/')
}

echo "== cargo test (unit tests; build.rs fails if the committed headers are stale)"
rc=0
cargo test 2>&1 | tee build/cargo-test.log | grep -E "^test result|FAILED|panicked" || rc=$?
if ! grep -q "^test result: ok" build/cargo-test.log || grep -q "^test result: FAILED" build/cargo-test.log; then
    echo "cargo test failed" >&2
    failed=$((failed + 1))
fi
add_counts build/cargo-test.log '^test result:'

echo "== cargo doc (no warnings allowed)"
if RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "== C harness against target/release"
cargo build --release --quiet
rc=0
ctests/run.sh target/release 2>&1 | tee build/ctests.log || rc=$?
add_counts build/ctests.log '^ctests: [0-9]+ passed'
[ "$rc" -eq 0 ] || failed=$((failed + 1))

echo "== differential test against Mbed TLS 3.5.1 (scripts/differential.sh)"
rc=0
NO_BUILD=1 scripts/differential.sh 2>&1 | tee build/differential.log || rc=$?
add_counts build/differential.log '^differential: [0-9]+ passed'
[ "$rc" -eq 0 ] || failed=$((failed + 1))

if [ "${SKIP_TSAN:-0}" != 1 ]; then
    echo "== C concurrency scenarios under ThreadSanitizer"
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zsanitizer=thread -Cunsafe-allow-abi-mismatch=sanitizer" \
        cargo build --quiet --target x86_64-unknown-linux-gnu --target-dir target/tsan
    rc=0
    ctests/run.sh target/tsan/x86_64-unknown-linux-gnu/debug --tsan 2>&1 | tee build/ctests-tsan.log || rc=$?
    add_counts build/ctests-tsan.log '^ctests: [0-9]+ passed'
    [ "$rc" -eq 0 ] || failed=$((failed + 1))
    if grep -q "ThreadSanitizer" build/ctests-tsan.log; then
        echo "ThreadSanitizer reported a problem" >&2
        failed=$((failed + 1))
    fi
fi

if [ "${SKIP_ASAN:-0}" != 1 ]; then
    echo "== C harness under AddressSanitizer and LeakSanitizer"
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer" \
        cargo build --quiet --target x86_64-unknown-linux-gnu --target-dir target/asan
    rc=0
    ctests/run.sh target/asan/x86_64-unknown-linux-gnu/debug --asan 2>&1 | tee build/ctests-asan.log || rc=$?
    add_counts build/ctests-asan.log '^ctests: [0-9]+ passed'
    [ "$rc" -eq 0 ] || failed=$((failed + 1))
fi

echo "== examples"
if scripts/example.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "== install into a temporary prefix; CMake and pkg-config consumers"
rc=0
scripts/test-consumers.sh 2>&1 | tee build/consumers.log || rc=$?
add_counts build/consumers.log '^consumers: [0-9]+ passed'
[ "$rc" -eq 0 ] || failed=$((failed + 1))

echo "test suite took $(( $(date +%s) - start ))s"
echo "suite: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
