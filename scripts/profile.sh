#!/usr/bin/env bash
# scripts/profile.sh [CASE...]
#
# Instruction counts per call (valgrind --tool=callgrind, collection toggled
# on around the measured loop only), for rustpsa (bench/psa_profile.c) and
# for the raw primitive it calls (bench/raw_profile.rs), so overhead can be
# compared without the noise of a loaded machine. Prints
#   | case | rustpsa instr/op | raw instr/op | rustpsa / raw |
# and keeps the callgrind outputs in build/profile/ (read them with
# callgrind_annotate --inclusive=yes FILE). ITER=N sets the loop length
# (default 300). Needs valgrind. With REF=1 the reference library is
# profiled too (a fourth column).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B="$ROOT/build/profile"
mkdir -p "$B"
ITER=${ITER:-300}
CASES=("$@")
[ ${#CASES[@]} -gt 0 ] || CASES=(p256-sign p256-verify p256-ecdh p384-sign p256-det-sign p384-det-sign
    p521-det-sign rsa2048-sign attrs-16 attrs-100000 hmac-16 hmac-100000 import-destroy gcm64)

cargo build --release --quiet
cargo build --release --quiet --example raw_profile
cc -O2 -g -std=c11 -I include bench/psa_profile.c -L target/release -lrustpsa \
    -Wl,-rpath,"$ROOT/target/release" -o "$B/psa_profile"
if [ "${REF:-0}" = 1 ]; then
    MBED=$(scripts/build-reference.sh)
    cc -O2 -g -std=c11 -I "$MBED/include" bench/psa_profile.c "$MBED/library/libmbedcrypto.a" \
        -o "$B/psa_profile-ref"
fi

# count EXE CASE OUT: instructions per iteration (two runs, ITER and 2*ITER
# iterations, subtracted, so set-up and the first use are left out).
count() {
    local exe=$1 c=$2 out=$3 a b
    a=$(run_one "$exe" "$c" "$ITER" "$out.1")
    b=$(run_one "$exe" "$c" $((2 * ITER)) "$out")
    rm -f "$out.1"
    [ -n "$a" ] && [ -n "$b" ] && echo $(((b - a) / ITER))
}
run_one() {
    local exe=$1 c=$2 n=$3 out=$4 dir
    dir=$(mktemp -d "$B/run-XXXXXX")
    if (cd "$dir" && RUSTPSA_STORAGE_DIR="$dir/keys" valgrind --tool=callgrind --callgrind-out-file="$out" \
        --toggle-collect=profile_loop --collect-atstart=no "$exe" "$c" "$n" >/dev/null 2>"$out.log"); then
        awk '/^summary:|^totals:/ {print $2; exit}' "$out"
    fi
    rm -rf "$dir"
}

if [ "${REF:-0}" = 1 ]; then
    echo "| case | rustpsa instr/op | raw instr/op | rustpsa / raw | reference instr/op |"
    echo "|---|---:|---:|---:|---:|"
else
    echo "| case | rustpsa instr/op | raw instr/op | rustpsa / raw |"
    echo "|---|---:|---:|---:|"
fi
for c in "${CASES[@]}"; do
    ours=$(count "$B/psa_profile" "$c" "$B/$c.rustpsa.out" || true)
    raw=$(count "$ROOT/target/release/examples/raw_profile" "$c" "$B/$c.raw.out" || true)
    ratio=n/a
    [ -n "$ours" ] && [ -n "$raw" ] && [ "$raw" -gt 0 ] && ratio=$(python3 -c "print(f'{$ours/$raw:.3f}')")
    line="| $c | ${ours:-n/a} | ${raw:-n/a} | $ratio |"
    if [ "${REF:-0}" = 1 ]; then
        ref=$(count "$B/psa_profile-ref" "$c" "$B/$c.ref.out" || true)
        line="$line ${ref:-n/a} |"
    fi
    echo "$line"
done
