#!/usr/bin/env bash
# scripts/differential.sh: differential test of rustpsa against Mbed TLS 3.5.1.
#
# Builds the reference (scripts/build-reference.sh, cached under build/),
# compiles tests/differential/diff.c twice (against rustpsa's release build and
# against libmbedcrypto), runs both as separate processes and compares their
# outputs line by line (case id, status, output length and hash). A case that
# differs must match a row of the table in docs/COMPATIBILITY.md (case-id glob,
# expected rustpsa status, expected reference status); any other difference
# fails. Cases of a fixture key that one side does not support (its
# "key:<name>" line is NOT_SUPPORTED there) are skipped: the "both support"
# rule. Ends with "differential: N passed, M failed" (N = matched + listed).
# NO_BUILD=1 uses target/release as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="$ROOT/build/differential"
mkdir -p "$OUT"
CC=${CC:-cc}
REF=$(scripts/build-reference.sh)
[ "${NO_BUILD:-0}" = 1 ] || cargo build --release --quiet
"$CC" -std=c11 -O1 -Wall -Wextra -Werror -I include tests/differential/diff.c \
    -L target/release -lrustpsa -Wl,-rpath,"$ROOT/target/release" -o "$OUT/diff-rustpsa"
"$CC" -std=c11 -O1 -Wall -Wextra -Werror -DDIFF_REFERENCE_LACKS_VERIFY -I "$REF/include" \
    tests/differential/diff.c "$REF/library/libmbedcrypto.a" -o "$OUT/diff-ref"
run() { # exe output
    local dir
    dir=$(mktemp -d "$OUT/run-XXXXXX")
    (cd "$dir" && RUSTPSA_STORAGE_DIR="$dir/keys" "$1" > "$2")
    rm -rf "$dir"
}
run "$OUT/diff-rustpsa" "$OUT/out-rustpsa.txt"
run "$OUT/diff-ref" "$OUT/out-ref.txt"
python3 - "$OUT/out-rustpsa.txt" "$OUT/out-ref.txt" docs/COMPATIBILITY.md "$OUT/differences.txt" <<'PY'
import fnmatch, re, sys, collections
ours_f, ref_f, compat_f, report_f = sys.argv[1:]
NAMES = {"SUCCESS": 0, "GENERIC_ERROR": -132, "NOT_SUPPORTED": -134, "NOT_PERMITTED": -133,
         "BUFFER_TOO_SMALL": -138, "ALREADY_EXISTS": -139, "DOES_NOT_EXIST": -140, "BAD_STATE": -137,
         "INVALID_ARGUMENT": -135, "INSUFFICIENT_MEMORY": -141, "INSUFFICIENT_STORAGE": -142,
         "COMMUNICATION_FAILURE": -145, "STORAGE_FAILURE": -146, "HARDWARE_FAILURE": -147,
         "CORRUPTION_DETECTED": -151, "INSUFFICIENT_ENTROPY": -148, "INVALID_SIGNATURE": -149,
         "INVALID_PADDING": -150, "INSUFFICIENT_DATA": -143, "INVALID_HANDLE": -136, "DATA_CORRUPT": -152,
         "DATA_INVALID": -153}
NUM = {v: k for k, v in NAMES.items()}

def load(path):
    d = {}
    for line in open(path):
        line = line.rstrip("\n")
        if not line:
            continue
        cid, _, rest = line.partition(" ")
        if cid in d:
            sys.exit(f"duplicate case id {cid} in {path}")
        d[cid] = rest
    return d

ours, ref = load(ours_f), load(ref_f)
rows = []
inside = False
for line in open(compat_f):
    if "<!-- differential:begin -->" in line:
        inside = True
        continue
    if "<!-- differential:end -->" in line:
        inside = False
    if not inside or not line.startswith("| `"):
        continue
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    pats = re.findall(r"`([^`]+)`", cells[0])
    def st(c):
        c = c.replace("PSA_ERROR_", "").replace("PSA_", "").strip("` ")
        return None if c in ("*", "any") else NAMES[c] if c in NAMES else int(c)
    rows.append({"pats": pats, "ours": st(cells[1]), "ref": st(cells[2]), "kind": cells[3], "hits": 0})

def status(v):
    return int(v.split()[0])

unsupported = {side: {k[4:] for k, v in d.items() if k.startswith("key:") and status(v) == NAMES["NOT_SUPPORTED"]}
               for side, d in (("ours", ours), ("ref", ref))}
def skipped(cid):
    parts = cid.split("/")
    names = {cid[4:]} if cid.startswith("key:") else set(parts[1:3])
    if any(n in unsupported["ours"] or n in unsupported["ref"] for n in names):
        return True
    # A case that one side did not run because its sequence's setup or key
    # import already differed (that parent case is compared on its own).
    for i in range(1, len(parts)):
        for leaf in ("setup", "import"):
            parent = "/".join(parts[:i] + [leaf])
            if parent != cid and parent in ours and parent in ref and ours[parent] != ref[parent]:
                return True
    return False

matched = listed = skip = 0
kinds = collections.Counter()
unlisted = []
for cid in sorted(set(ours) | set(ref)):
    a, b = ours.get(cid), ref.get(cid)
    if a == b:
        matched += 1
        continue
    if (a is None or b is None or cid.startswith("key:")) and skipped(cid):
        skip += 1
        continue
    sa = status(a) if a is not None else None
    sb = status(b) if b is not None else None
    for r in rows:
        if any(fnmatch.fnmatchcase(cid, p) for p in r["pats"]) and r["ours"] in (None, sa) and r["ref"] in (None, sb):
            r["hits"] += 1
            listed += 1
            kinds[r["kind"]] += 1
            break
    else:
        unlisted.append(f"{cid}: rustpsa {a if a is not None else '(missing)'}  reference {b if b is not None else '(missing)'}")
with open(report_f, "w") as f:
    f.write("\n".join(unlisted) + ("\n" if unlisted else ""))
total = len(set(ours) | set(ref))
print(f"differential cases: {total} ran, {matched} matched, {listed} listed differences "
      f"({', '.join(f'{k}: {n}' for k, n in sorted(kinds.items()))}), {skip} skipped (a key type, or the setup or import of their sequence, differs: both-support rule), "
      f"{len(unlisted)} unlisted differences")
for u in unlisted[:40]:
    print("  UNLISTED", u)
if len(unlisted) > 40:
    print(f"  ... {len(unlisted) - 40} more in {report_f}")
unused = [r["pats"][0] for r in rows if r["hits"] == 0]
if unused:
    print(f"  note: {len(unused)} table rows matched nothing: {', '.join(unused[:10])}")
print(f"differential: {matched + listed} passed, {len(unlisted)} failed")
sys.exit(1 if unlisted else 0)
PY
