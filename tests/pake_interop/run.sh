#!/usr/bin/env bash
# tests/pake_interop/run.sh: EC J-PAKE interoperability with Mbed TLS 3.5.1.
#
# Builds tests/pake_interop/jpake_peer.c three times: against rustpsa (PSA 1.3
# API), against the reference Mbed TLS 3.5.1 (scripts/build-reference.sh; its
# 3.x PAKE API) and against rustpsa's Mbed TLS compatibility headers (the 3.x
# program unchanged). Each case runs two processes connected by two pipes,
# exchanging the round messages, and checks what each side reports: the same
# TLS 1.2 pre-master secret (both roles), different secrets for different
# passwords, INVALID_SIGNATURE at the ZK_PROOF input for a tampered proof or a
# wrong peer identity (Mbed TLS 3.5.1 reports DATA_INVALID for the same
# failures, docs/COMPATIBILITY.md). Ends with "pake-interop: N passed, M failed".
# NO_BUILD=1 uses target/release as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT="$ROOT/build/pake_interop"
mkdir -p "$OUT"
CC=${CC:-cc}
REF=$(scripts/build-reference.sh)
[ "${NO_BUILD:-0}" = 1 ] || cargo build --release --quiet
SRC=tests/pake_interop/jpake_peer.c
FLAGS=(-std=c11 -O1 -Wall -Wextra -Werror)
"$CC" "${FLAGS[@]}" -DAPI_V1 -I "$REF/include" "$SRC" "$REF/library/libmbedcrypto.a" -o "$OUT/peer-ref"
"$CC" "${FLAGS[@]}" -I include "$SRC" -L target/release -lrustpsa -Wl,-rpath,"$ROOT/target/release" -o "$OUT/peer-rust"
"$CC" "${FLAGS[@]}" -DAPI_V1 -I compat/include -I include "$SRC" -L target/release -lrustpsa \
    -Wl,-rpath,"$ROOT/target/release" -o "$OUT/peer-compat"

passed=0
failed=0
INVALID_SIGNATURE=-149
DATA_INVALID=-153

# exchange A_EXE A_ROLE A_PW A_MODE B_EXE B_ROLE B_PW B_MODE: runs both sides;
# their reports land in $OUT/a.txt and $OUT/b.txt.
exchange() {
    local d
    d=$(mktemp -d "$OUT/run-XXXXXX")
    mkfifo "$d/ab" "$d/ba"
    (cd "$d" && RUSTPSA_STORAGE_DIR="$d/ka" timeout 60 "$OUT/$1" "$2" "$3" "$4" > ab < ba 2> "$OUT/a.txt") &
    local pa=$!
    (cd "$d" && RUSTPSA_STORAGE_DIR="$d/kb" timeout 60 "$OUT/$5" "$6" "$7" "$8" < ab > ba 2> "$OUT/b.txt") &
    local pb=$!
    wait "$pa" || true
    wait "$pb" || true
    rm -rf "$d"
}

check() { # name condition-result
    if [ "$2" = ok ]; then
        passed=$((passed + 1))
        echo "ok   $1"
    else
        failed=$((failed + 1))
        echo "FAIL $1: a=[$(cat "$OUT/a.txt")] b=[$(cat "$OUT/b.txt")]"
    fi
}

same_pms() {
    local a b
    a=$(cat "$OUT/a.txt")
    b=$(cat "$OUT/b.txt")
    if [[ "$a" == pms\ * ]] && [ "$a" = "$b" ]; then echo ok; else echo no; fi
}

PW=threadjpaketest
for pair in "peer-rust peer-ref" "peer-ref peer-rust" "peer-compat peer-ref" "peer-ref peer-compat" "peer-rust peer-compat"; do
    set -- $pair
    exchange "$1" client "$PW" normal "$2" server "$PW" normal
    check "$1 (client) and $2 (server) derive the same PMS" "$(same_pms)"
done

# Different passwords: both finish, with different secrets.
exchange peer-rust client "$PW" normal peer-ref server threadjpaketesu normal
a=$(cat "$OUT/a.txt"); b=$(cat "$OUT/b.txt")
if [[ "$a" == pms\ * ]] && [[ "$b" == pms\ * ]] && [ "$a" != "$b" ]; then r=ok; else r=no; fi
check "wrong password: both finish with different PMS" "$r"

# The reference tampers with its proofs: rustpsa rejects that ZK_PROOF input.
for m in tamper1 tamper2; do
    for roles in "client server" "server client"; do
        set -- $roles
        exchange peer-rust "$1" "$PW" normal peer-ref "$2" "$PW" "$m"
        [ "$(cat "$OUT/a.txt")" = "fail input-zk-proof $INVALID_SIGNATURE" ] && r=ok || r=no
        check "reference $m ($2): rustpsa ($1) INVALID_SIGNATURE at ZK_PROOF" "$r"
    done
done
# rustpsa expects another peer identity: INVALID_SIGNATURE at the first proof.
exchange peer-rust client "$PW" wrongpeer peer-ref server "$PW" normal
[ "$(cat "$OUT/a.txt")" = "fail input-zk-proof $INVALID_SIGNATURE" ] && r=ok || r=no
check "wrong peer identity: rustpsa INVALID_SIGNATURE at ZK_PROOF" "$r"
# And the other way round: rustpsa tampers, the reference detects it.
exchange peer-rust client "$PW" tamper1 peer-ref server "$PW" normal
[ "$(cat "$OUT/b.txt")" = "fail input-zk-proof $DATA_INVALID" ] && r=ok || r=no
check "rustpsa tamper1: the reference rejects it (DATA_INVALID)" "$r"
exchange peer-rust server "$PW" tamper2 peer-ref client "$PW" normal
[ "$(cat "$OUT/b.txt")" = "fail input-zk-proof $DATA_INVALID" ] && r=ok || r=no
check "rustpsa tamper2: the reference rejects it (DATA_INVALID)" "$r"

echo "pake-interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
