#!/usr/bin/env bash
# scripts/pqc-callgrind.sh [LIBDIR]: instructions per operation (callgrind) of
# the post-quantum bench rows through the PSA API, against the crate call each
# one wraps, measured inside the same run (bench/pqc_callgrind.c). Wall-clock
# rates on a shared machine are noisy; instruction counts repeat. Prints
#   | case | Ir per operation (PSA) | Ir (crate call) | crate / PSA |
# The crate call of a keygen row is the key expansion (from the seed) and the
# public key's encoding; rustpsa adds the slot, the random seed and the destroy
# (which wipes the expanded key). Where the crate call is inlined, the row
# names the rustpsa function that holds only it (mlkem::prepare holds the
# seed expansion, Prepared::encapsulate_with the deterministic encapsulation).
set -euo pipefail
cd "$(dirname "$0")/.."
LIB=$(cd "${1:-target/release}" && pwd)
B=build/pqc-callgrind
mkdir -p "$B"
command -v valgrind >/dev/null || { echo "pqc-callgrind: valgrind is required" >&2; exit 1; }
[ -n "${1:-}" ] || cargo build --release --quiet
cc -O2 -std=c11 -I include bench/pqc_callgrind.c -L "$LIB" -lrustpsa -Wl,-rpath,"$LIB" -o "$B/pqc_callgrind"
echo "| case | Ir per operation (PSA) | Ir (crate call) | crate / PSA |"
echo "|---|---:|---:|---:|"
while read -r c inner; do
    n=20; [ "${c#slh-sign}" != "$c" ] && n=3
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$B/$c.out" "$B/pqc_callgrind" "$c" "$n" \
        >/dev/null 2>"$B/$c.log"
    python3 - "$B/$c.out" "$n" "$inner" "$c" <<'PY'
import re, sys
path, n, inner, case = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), sys.argv[4]
names, cost, callee, calls = {}, {}, None, None
for line in open(path, errors="replace"):
    m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
    if m:
        kind, idx, name = m.groups()
        if name:
            names[idx] = name
        if kind == "cfn":
            callee = names[idx]
        continue
    m = re.match(r"^calls=(\d+)", line)
    if m:
        calls = int(m.group(1))
        continue
    if calls is not None:
        parts = line.split()
        if len(parts) >= 2:
            cost[callee] = cost.get(callee, 0) + int(parts[1])
        calls = None
outer = next(v for k, v in cost.items() if k.startswith("op_"))
crate = sum(v for k, v in cost.items() if any(k == i or k.startswith(i + " ") for i in inner))
print(f"| {case} | {outer // n:,} | {crate // n:,} | {100 * crate / outer:.1f} % |")
PY
done <<'CASES'
kem-keygen rustpsa::crypto::mlkem::prepare,rustpsa::crypto::mlkem::Prepared::public_bytes
kem-encaps rustpsa::crypto::mlkem::Prepared::encapsulate_with
kem-decaps <ml_kem::decapsulation_key::DecapsulationKey<P> as kem::Decapsulate>::decapsulate
mldsa-keygen rustpsa_pqc::mldsa::Key::from_seed,rustpsa_pqc::mldsa::Key::public
mldsa-sign rustpsa_pqc::mldsa::Key::sign
mldsa-verify rustpsa_pqc::mldsa::Key::verify
slh-sign rustpsa_pqc::slhdsa::Key::sign
slh-verify rustpsa_pqc::slhdsa::Key::verify
CASES
