#!/usr/bin/env bash
# scripts/pkcs11-test.sh LIBDIR [--tsan]: the PKCS#11 driver against SoftHSM2.
# Builds ctests/pkcs11/p11_ops.c (every token operation, cross-checked with the
# built-in code, persistence across processes) and p11_conc.c (8 threads,
# serialised and concurrent) against LIBDIR and runs them, each with a fresh
# token in a temporary directory (SOFTHSM2_CONF). With --tsan both are built
# with -fsanitize=thread against the instrumented library and any
# ThreadSanitizer report fails the run. Ends with "pkcs11: N passed, M failed".
# Without softhsm2-util (scripts/deps.sh installs softhsm2 and opensc as
# root) it prints why and exits 0 having run nothing.
set -uo pipefail
LIBDIR=${1:?usage: $0 LIBDIR [--tsan]}
TSAN=0
[ "${2:-}" = --tsan ] && TSAN=1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v softhsm2-util >/dev/null || ! command -v pkcs11-tool >/dev/null; then
    echo "pkcs11: SKIPPED: softhsm2-util or pkcs11-tool missing (apt-get install softhsm2 opensc, or run scripts/deps.sh as root)"
    exit 0
fi
BUILD="$ROOT/build/pkcs11$([ "$TSAN" = 1 ] && echo -tsan)"
mkdir -p "$BUILD"
SAN=()
EXTRA=()
if [ "$TSAN" = 1 ]; then
    SAN=(-fsanitize=thread)
    EXTRA=("$ROOT/ctests/tsan_shim.c")
fi
passed=0
failed=0
for t in p11_ops p11_conc; do
    if ! gcc -std=gnu11 -Wall -Wextra -Werror -g -pthread "${SAN[@]}" -I "$ROOT/include" -I "$ROOT/ctests" \
            "$ROOT/ctests/pkcs11/$t.c" "$ROOT/ctests/common.c" "${EXTRA[@]}" \
            -L "$LIBDIR" -lrustpsa -Wl,-rpath,"$LIBDIR" -o "$BUILD/$t"; then
        echo "pkcs11: FAILED to compile $t.c"
        failed=$((failed + 1))
        continue
    fi
    echo "=== $t$([ "$TSAN" = 1 ] && echo ' (ThreadSanitizer)')"
    # SoftHSM2 is uninstrumented C++: TSan sees its pthread locks (intercepted)
    # but not its memory accesses, so it cannot report races inside it.
    TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" timeout 600 "$BUILD/$t" >"$BUILD/$t.log" 2>&1
    rc=$?
    cat "$BUILD/$t.log"
    if [ "$rc" -ne 0 ] || grep -q "ThreadSanitizer" "$BUILD/$t.log"; then
        echo "pkcs11: $t FAILED (exit $rc)"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
done
echo "pkcs11: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
