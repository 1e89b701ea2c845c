#!/usr/bin/env bash
# ctests/run.sh LIBDIR [--tsan | --asan]
#
# Compiles every C test in ctests/ against librustpsa in LIBDIR, runs them, runs
# the persistence phases as separate processes, and prints two final lines
#   ctests checks: X passed, Y failed (loop iterations vary)
#   ctests: N passed, M failed
# exiting non-zero on any failure. N counts program runs (each scenario or
# phase invocation, plus the header compile checks), the same on every run; X
# adds up the checks the programs print, which vary with the concurrency rounds. With --tsan the tests are compiled with
# -fsanitize=thread (LIBDIR must hold a TSan build of the library) and only the
# threading and concurrency tests run, with fewer rounds. With --asan every
# test is compiled with -fsanitize=address (LIBDIR must hold an ASan build of
# the library) and runs with LeakSanitizer, the concurrency programs with few
# rounds.
set -euo pipefail

usage() { echo "usage: $0 LIBDIR [--tsan | --asan]" >&2; exit 2; }
[ $# -ge 1 ] || usage
LIBDIR=$(cd "$1" && pwd)
TSAN=0
ASAN=0
if [ $# -ge 2 ]; then
    case "$2" in
    --tsan) TSAN=1 ;;
    --asan) ASAN=1 ;;
    *) usage ;;
    esac
fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
if [ "$TSAN" = 1 ]; then BUILD="$ROOT/build/ctests-tsan"
elif [ "$ASAN" = 1 ]; then BUILD="$ROOT/build/ctests-asan"
else BUILD="$ROOT/build/ctests"; fi
mkdir -p "$BUILD"

if [ ! -e "$LIBDIR/librustpsa.so" ] && [ ! -e "$LIBDIR/librustpsa.a" ]; then
    echo "ctests: no librustpsa in $LIBDIR" >&2
    exit 2
fi

# A library built with a soname needs that name next to it at run time.
if [ -e "$LIBDIR/librustpsa.so" ] && command -v readelf >/dev/null 2>&1; then
    soname=$(readelf -d "$LIBDIR/librustpsa.so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
    if [ -n "$soname" ] && [ "$soname" != librustpsa.so ] && [ ! -e "$LIBDIR/$soname" ]; then
        ln -sf librustpsa.so "$LIBDIR/$soname"
    fi
fi

CC=${CC:-gcc}
CXX=${CXX:-g++}
SAN=()
[ "$TSAN" = 1 ] && SAN=(-fsanitize=thread)
[ "$ASAN" = 1 ] && SAN=(-fsanitize=address)
CFLAGS=(-std=c11 -Wall -Wextra -Werror -g -pthread "${SAN[@]}" -I "$ROOT/include" -I "$HERE")
LDFLAGS=(-L "$LIBDIR" -lrustpsa -Wl,-rpath,"$LIBDIR" -pthread "${SAN[@]}")
TIMEOUT=${CTESTS_TIMEOUT:-300}

total_pass=0
total_fail=0
checks_pass=0
checks_fail=0
failed_names=()

note_failure() {
    total_fail=$((total_fail + 1))
    failed_names+=("$1")
}

# Compile ---------------------------------------------------------------------
compile_errors=0
"$CC" "${CFLAGS[@]}" -c "$HERE/common.c" -o "$BUILD/common.o"
rm -f "$BUILD/libctcommon.a"
COMMON_OBJS=("$BUILD/common.o")
# rustc's TSan instrumentation calls __tsan_memcpy & co., which gcc's libtsan lacks.
if [ "$TSAN" = 1 ] && [ -f "$HERE/tsan_shim.c" ]; then
    "$CC" "${CFLAGS[@]}" -c "$HERE/tsan_shim.c" -o "$BUILD/tsan_shim.o"
    COMMON_OBJS+=("$BUILD/tsan_shim.o")
fi
ar rcs "$BUILD/libctcommon.a" "$BUILD/common.o"

build_c() { # name [extra gcc flags]
    local name=$1; shift
    local extra=("$@")
    local objs=("$BUILD/libctcommon.a")
    [ "${#COMMON_OBJS[@]}" -gt 1 ] && objs+=("${COMMON_OBJS[@]:1}")
    if ! "$CC" "${extra[@]}" "${CFLAGS[@]}" "$HERE/$name.c" -o "$BUILD/$name" "${objs[@]}" "${LDFLAGS[@]}"; then
        echo "ctests: FAILED to compile $name.c" >&2
        note_failure "compile:$name"
        compile_errors=$((compile_errors + 1))
        return 1
    fi
}

# Every ctests/test_*.c is a functional test; every ctests/conc_*.c a
# concurrency scenario (run again under ThreadSanitizer with few rounds).
CONC=()
for f in "$HERE"/conc_*.c; do [ -e "$f" ] && CONC+=("$(basename "$f" .c)"); done
if [ "$TSAN" = 1 ]; then
    TESTS=(test_threading test_concurrency test_faults "${CONC[@]}")
else
    TESTS=()
    for f in "$HERE"/test_*.c; do TESTS+=("$(basename "$f" .c)"); done
    TESTS+=("${CONC[@]}")
fi
BUILT=()
for t in "${TESTS[@]}"; do
    extra=()
    # Mbed TLS-style programs see the compatibility headers first, as with a
    # COMPAT=1 install (compat/include/psa/crypto.h shadows include/psa/crypto.h).
    case "$t" in test_mbedtls_*) extra=(-I "$ROOT/compat/include") ;; esac
    if build_c "$t" "${extra[@]}"; then BUILT+=("$t"); fi
done

if [ "$TSAN" = 0 ]; then
    # The public headers are C99 clean (and pedantic): one test compiled as C99.
    if "$CC" -std=c99 -pedantic -Wall -Wextra -Werror -I "$ROOT/include" -I "$HERE" \
            -c "$HERE/test_attributes.c" -o "$BUILD/test_attributes.c99.o" &&
       printf '#include <psa/crypto.h>\n#include <rustpsa/threading.h>\n#include <rustpsa/names.h>\n#include <rustpsa/version.h>\nint main(void) { return PSA_SUCCESS; }\n' |
            "$CC" -std=c99 -pedantic -Wall -Wextra -Werror -I "$ROOT/include" -x c - -c -o "$BUILD/headers.c99.o"; then
        echo "ctests: headers compile as C99 -pedantic"
        total_pass=$((total_pass + 1))
    else
        echo "ctests: FAILED: headers do not compile as C99 -pedantic" >&2
        note_failure "c99-pedantic"
    fi
    # Every zero initialiser, warning-free as C99 -pedantic too (test_initialisers.c).
    if [ -f "$HERE/test_initialisers.c" ]; then
        if "$CC" -std=c99 -pedantic -Wall -Wextra -Werror -I "$ROOT/include" -I "$HERE" \
                -c "$HERE/test_initialisers.c" -o "$BUILD/test_initialisers.c99.o"; then
            echo "ctests: initialisers compile as C99 -pedantic"
            total_pass=$((total_pass + 1))
        else
            echo "ctests: FAILED: initialisers do not compile as C99 -pedantic" >&2
            note_failure "c99-initialisers"
        fi
    fi
    # ... and as C++11 and C++17 (-Wmissing-field-initializers is in -Wextra).
    if [ -f "$HERE/test_initialisers_cpp.cpp" ]; then
        for std in c++11 c++17; do
            if "$CXX" -std=$std -Wall -Wextra -Werror -pedantic -g -pthread -I "$ROOT/include" -I "$HERE" \
                    "$HERE/test_initialisers_cpp.cpp" -o "$BUILD/test_initialisers_${std//+/p}" "${LDFLAGS[@]}"; then
                BUILT+=("test_initialisers_${std//+/p}")
            else
                echo "ctests: FAILED to compile test_initialisers_cpp.cpp as $std" >&2
                note_failure "compile:test_initialisers_cpp:$std"
            fi
        done
    fi
    if [ -f "$HERE/test_header_cpp.cpp" ]; then
        if "$CXX" -std=c++11 -Wall -Wextra -Werror -pedantic -g -pthread -I "$ROOT/include" -I "$HERE" \
                "$HERE/test_header_cpp.cpp" -o "$BUILD/test_header_cpp" "${LDFLAGS[@]}"; then
            BUILT+=(test_header_cpp)
        else
            echo "ctests: FAILED to compile test_header_cpp.cpp" >&2
            note_failure "compile:test_header_cpp"
        fi
    fi
fi

# Run -------------------------------------------------------------------------
if [ "$ASAN" = 1 ]; then
    export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:${ASAN_OPTIONS:-}"
fi
if [ "$TSAN" = 1 ]; then
    export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
fi

# run NAME ARGS...: runs $BUILD/NAME; the run counts as one test, passed when
# the program exits 0 and its "N passed, M failed" line (if any) has M = 0.
# The N and M of that line go to the check totals.
run() {
    local name=$1; shift
    local label="$name${1:+ $*}"
    local log="$BUILD/$name.log"
    local rc=0
    echo "=== $label"
    timeout "$TIMEOUT" "$BUILD/$name" "$@" >"$log" 2>&1 || rc=$?
    cat "$log"
    local line p=0 f=0
    line=$(grep -E '^([A-Za-z_-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
    if [ -n "$line" ]; then
        p=$(sed -E 's/^([A-Za-z_-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")
        f=$(sed -E 's/^([A-Za-z_-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/' <<<"$line")
    elif [ "$rc" -eq 0 ]; then
        p=1
    fi
    checks_pass=$((checks_pass + p))
    checks_fail=$((checks_fail + f))
    if [ "$rc" -eq 0 ] && [ "$f" -eq 0 ]; then
        total_pass=$((total_pass + 1))
    else
        if [ "$rc" -eq 124 ]; then echo "ctests: $label timed out after ${TIMEOUT}s" >&2
        elif [ "$f" -ne 0 ]; then echo "ctests: $label: $f checks failed" >&2
        else echo "ctests: $label exited with status $rc" >&2; fi
        [ "$f" -eq 0 ] && checks_fail=$((checks_fail + 1))
        note_failure "$label(exit $rc)"
    fi
}

has() { local x; for x in "${BUILT[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

if [ "$TSAN" = 1 ]; then
    has test_threading && run test_threading
    has test_concurrency && run test_concurrency -r "${CTESTS_TSAN_ROUNDS:-50}"
    has test_faults && run test_faults
    for t in "${CONC[@]}"; do
        has "$t" && run "$t" -r "${CTESTS_TSAN_CONC_ROUNDS:-10}"
    done
else
    for t in "${BUILT[@]}"; do
        case "$t" in
        test_persistence)
            run test_persistence
            PDIR=$(mktemp -d /tmp/rustpsa-ctest-phases-XXXXXX)
            run test_persistence create "$PDIR"
            run test_persistence read "$PDIR"
            run test_persistence read "$PDIR"   # a second restart changes nothing
            run test_persistence destroy "$PDIR"
            run test_persistence check-gone "$PDIR"
            rm -rf "$PDIR" "$PDIR.side"
            ;;
        test_storage_race) # multi-process creators: plain, then each process PID 1 in its own namespace
            if [ "$ASAN" = 1 ]; then run "$t" -n 200; run "$t" --pidns -n 200
            else run "$t"; run "$t" --pidns; fi ;;
        conc_*) if [ "$ASAN" = 1 ]; then run "$t" -r 3; else run "$t"; fi ;;
        test_concurrency) if [ "$ASAN" = 1 ]; then run "$t" -r 5; else run "$t"; fi ;;
        *) run "$t" ;;
        esac
    done
fi

if [ "${#failed_names[@]}" -gt 0 ]; then
    echo "ctests: failures in: ${failed_names[*]}" >&2
fi
echo "ctests checks: $checks_pass passed, $checks_fail failed (loop iterations vary)"
echo "ctests: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
