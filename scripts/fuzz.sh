#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] — builds the libFuzzer harnesses (fuzz/build.sh)
# and runs each target for SECONDS (default $FUZZ_SECONDS, else 300) against
# the ASan build of the library in which a panic aborts. Each target starts
# from its committed seed corpus fuzz/corpus/<target>/ and keeps what it
# finds in target/fuzz/corpus/<target>/ (not committed); a crash leaves its
# input in target/fuzz/artifacts/<target>/. FUZZ_TARGETS="fuzz_ops ..."
# picks targets; FUZZ_JOBS=N runs N processes per target (-fork).
# Prints one line per target (executions, coverage, crashes) and
#   fuzz: N passed, M failed
# (a target passes when it ran its time without a crash).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-${FUZZ_SECONDS:-300}}
fuzz/build.sh
TARGETS=${FUZZ_TARGETS:-$(cd fuzz && ls fuzz_*.c | sed 's/\.c$//')}
passed=0
failed=0
for t in $TARGETS; do
    work=target/fuzz/corpus/$t
    art=target/fuzz/artifacts/$t
    log=target/fuzz/$t.log
    mkdir -p "$work" "$art"
    extra=()
    [ -n "${FUZZ_JOBS:-}" ] && extra=(-fork="$FUZZ_JOBS" -ignore_crashes=0)
    rc=0
    FUZZ_KEYFILE_STRICT=${FUZZ_KEYFILE_STRICT:-1} ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
        timeout $((SECONDS_EACH + 120)) target/fuzz/bin/"$t" \
        -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=4096 -max_len=4096 \
        -print_final_stats=1 -artifact_prefix="$art/" "${extra[@]}" \
        "$work" "fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
    # (each lookup may find nothing, e.g. a crash on a seed: never fatal)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
    [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
    crashes=$(grep -cE '^==[0-9]+==.*ERROR|fuzz invariant violated|deadly signal' "$log" || true)
    if [ "$rc" -eq 0 ] && [ "$crashes" -eq 0 ]; then
        passed=$((passed + 1))
        echo "fuzz $t: ${SECONDS_EACH}s, ${execs:-0} executions, ${cov:-no coverage line}, 0 crashes"
    else
        failed=$((failed + 1))
        echo "fuzz $t: FAILED (exit $rc) after ${execs:-0} executions, ${cov:-}; log $log, inputs in $art/" >&2
        grep -E 'invariant violated|ERROR|SUMMARY|Test unit written' "$log" | head -5 >&2 || true
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
