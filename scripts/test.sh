#!/usr/bin/env bash
# The whole test suite: Rust unit tests, the C harness against the release
# library, the C concurrency scenarios against the ThreadSanitizer build, the
# examples, and the installed-library consumers (CMake, pkg-config). Ends with
# "checks: X (loop iterations vary)" and one line "suite: N passed, M failed",
# and exits non-zero on any failure. N counts tests, the same on every run: each
# cargo test, each C program run (scenario or phase), each consumer check, each
# other step; X adds up the checks the C programs print (it varies with the
# concurrency rounds). SKIP_TSAN=1 / SKIP_ASAN=1 skip the sanitizer runs.
# The libFuzzer targets run FUZZ_SECONDS (default 30) each; SKIP_FUZZ=1 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."
# What a fresh Debian machine lacks (installed when run as root).
scripts/deps.sh
start=$(date +%s)
mkdir -p build
passed=0
failed=0
checks=0

# add_counts LOG PATTERN: adds the "N passed ... M failed" numbers of LOG's
# lines matching PATTERN to the totals.
add_counts() {
    local p f
    while read -r p f; do
        passed=$((passed + p)); failed=$((failed + f))
    done < <(grep -E "$2" "$1" | sed -E 's/.* ([0-9]+) passed[;,] ([0-9]+) failed.*/\1 \2/')
}

# add_checks LOG: adds the check count of ctests/run.sh's "ctests checks:" line.
add_checks() {
    local c
    c=$(sed -nE 's/^ctests checks: ([0-9]+) passed.*/\1/p' "$1" | tail -n 1)
    checks=$((checks + ${c:-0}))
}

# step WHAT: says what a long step is doing (builds print cargo's progress).
step() { echo "== $* ($(( $(date +%s) - start ))s elapsed)"; }

step "cargo test: building the library and the unit tests (the first build takes a few minutes), then running them (build.rs fails if the committed headers are stale)"
rc=0
cargo test 2>&1 | tee build/cargo-test.log | grep -E "^test result|FAILED|panicked" || rc=$?
if ! grep -q "^test result: ok" build/cargo-test.log || grep -q "^test result: FAILED" build/cargo-test.log; then
    echo "cargo test failed" >&2
    failed=$((failed + 1))
fi
add_counts build/cargo-test.log '^test result:'

echo "== cargo doc (no warnings allowed)"
if RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

step "building the release library (target/release)"
cargo build --release
echo "== C harness against target/release"
rc=0
ctests/run.sh target/release 2>&1 | tee build/ctests.log || rc=$?
add_counts build/ctests.log '^ctests: [0-9]+ passed'
add_checks build/ctests.log
[ "$rc" -eq 0 ] || failed=$((failed + 1))

echo "== key wrapping cross-checked against Python's cryptography (scripts/crosscheck-keywrap.sh)"
rc=0
scripts/crosscheck-keywrap.sh target/release 2>&1 | tee build/crosscheck-keywrap.log || rc=$?
add_counts build/crosscheck-keywrap.log '^keywrap-crosscheck: [0-9]+ passed'
[ "$rc" -eq 0 ] || failed=$((failed + 1))
# ML-DSA and SLH-DSA against dilithium-py and slhdsa, both directions (ctypes).
pqc_interop() {
    echo "== post-quantum signature interoperability (tests/interop/pqc_sign.py)"
    local rc=0
    python3 tests/interop/pqc_sign.py target/release 2>&1 | tee build/pqc-interop.log || rc=$?
    add_counts build/pqc-interop.log '^pqc interop: [0-9]+ passed'
    [ "$rc" -eq 0 ] || failed=$((failed + 1))
}
pqc_interop
# LMS/HSS, XMSS and Ed25519ctx against pyhsslms, Botan 2 and PyCryptodome (ctypes).
stateful_interop() {
    echo "== stateful signature and Ed25519ctx cross-checks (tests/interop/stateful_sig.py)"
    local rc=0
    python3 tests/interop/stateful_sig.py target/release 2>&1 | tee build/stateful-interop.log || rc=$?
    add_counts build/stateful-interop.log '^stateful interop: [0-9]+ passed'
    [ "$rc" -eq 0 ] || failed=$((failed + 1))
}
stateful_interop
pkcs11_step() { # LIBDIR [--tsan]: the PKCS#11 driver against SoftHSM2 (scripts/pkcs11-test.sh)
    echo "== PKCS#11 driver against SoftHSM2 ($1${2:+ $2})"
    local rc=0 log="build/pkcs11$([ -n "${2:-}" ] && echo -tsan).log"
    scripts/pkcs11-test.sh "$@" 2>&1 | tee "$log" || rc=$?
    add_counts "$log" '^pkcs11: [0-9]+ passed'
    [ "$rc" -eq 0 ] || failed=$((failed + 1))
}
pkcs11_step target/release

echo "== differential test against Mbed TLS 3.5.1 (scripts/differential.sh)"
rc=0
NO_BUILD=1 scripts/differential.sh 2>&1 | tee build/differential.log || rc=$?
add_counts build/differential.log '^differential: [0-9]+ passed'
[ "$rc" -eq 0 ] || failed=$((failed + 1))

echo "== J-PAKE interoperability with Mbed TLS 3.5.1, two processes (tests/pake_interop/run.sh)"
rc=0
NO_BUILD=1 tests/pake_interop/run.sh 2>&1 | tee build/pake-interop.log || rc=$?
add_counts build/pake-interop.log '^pake-interop: [0-9]+ passed'
[ "$rc" -eq 0 ] || [ "$(grep -cE '^pake-interop: [0-9]+ passed, [1-9]' build/pake-interop.log)" -gt 0 ] || failed=$((failed + 1))

if [ "${SKIP_TSAN:-0}" != 1 ]; then
    step "building the ThreadSanitizer library (target/tsan; a full rebuild the first time)"
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zsanitizer=thread -Cunsafe-allow-abi-mismatch=sanitizer" \
        cargo build --target x86_64-unknown-linux-gnu --target-dir target/tsan
    echo "== C concurrency scenarios under ThreadSanitizer"
    rc=0
    ctests/run.sh target/tsan/x86_64-unknown-linux-gnu/debug --tsan 2>&1 | tee build/ctests-tsan.log || rc=$?
    add_counts build/ctests-tsan.log '^ctests: [0-9]+ passed'
    add_checks build/ctests-tsan.log
    [ "$rc" -eq 0 ] || failed=$((failed + 1))
    if grep -q "ThreadSanitizer" build/ctests-tsan.log; then
        echo "ThreadSanitizer reported a problem" >&2
        failed=$((failed + 1))
    fi
    pkcs11_step target/tsan/x86_64-unknown-linux-gnu/debug --tsan
fi

if [ "${SKIP_ASAN:-0}" != 1 ]; then
    step "building the AddressSanitizer library (target/asan; a full rebuild the first time)"
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer" \
        cargo build --target x86_64-unknown-linux-gnu --target-dir target/asan
    echo "== C harness under AddressSanitizer and LeakSanitizer"
    rc=0
    ctests/run.sh target/asan/x86_64-unknown-linux-gnu/debug --asan 2>&1 | tee build/ctests-asan.log || rc=$?
    add_counts build/ctests-asan.log '^ctests: [0-9]+ passed'
    add_checks build/ctests-asan.log
    [ "$rc" -eq 0 ] || failed=$((failed + 1))
fi

echo "== third-party notices up to date (scripts/third-party-notices.sh --check)"
if scripts/third-party-notices.sh --check; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "== C API reference: Doxygen, undocumented items fail (scripts/api-docs.sh)"
if scripts/api-docs.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "${SKIP_FUZZ:-0}" != 1 ]; then
    echo "== libFuzzer targets, ${FUZZ_SECONDS:-30}s each (ASan build, a panic aborts)"
    rc=0
    scripts/fuzz.sh "${FUZZ_SECONDS:-30}" 2>&1 | tee build/fuzz.log || rc=$?
    add_counts build/fuzz.log '^fuzz: [0-9]+ passed'
    [ "$rc" -eq 0 ] || grep -q '^fuzz: [0-9]* passed, [1-9]' build/fuzz.log || failed=$((failed + 1))
fi

echo "== examples"
if scripts/example.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "== install into a temporary prefix; CMake, pkg-config and static consumers; uninstall; Debian packages"
rc=0
scripts/test-consumers.sh 2>&1 | tee build/consumers.log || rc=$?
add_counts build/consumers.log '^consumers: [0-9]+ passed'
[ "$rc" -eq 0 ] || failed=$((failed + 1))

echo "test suite took $(( $(date +%s) - start ))s"
echo "checks: $(sed -E ':a;s/([0-9])([0-9]{3})($|,)/\1,\2\3/;ta' <<<"$checks") (loop iterations vary)"
echo "suite: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
