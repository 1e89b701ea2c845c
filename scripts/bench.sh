#!/usr/bin/env bash
# scripts/bench.sh [--quick] [--svg FILE]   (env: BENCH_ROUNDS, BENCH_SECONDS, BENCH_CLOCK)
#
# Builds bench/psa_bench.c against rustpsa and against a reference PSA library,
# runs both alternately (3 rounds each, 1 with --quick), and prints markdown:
#   | case | unit | rustpsa | reference | ratio |      (ratio > 1: rustpsa faster)
# then the raw-primitive efficiency table (rustpsa rate / the rate of the
# primitive called directly, the fastest crate for the asymmetric rows, from
# bench/raw_primitives.rs) and the thread-scaling table.
#
# Rates are per second of the measuring thread's CPU time (the benches' -c),
# so that the load other processes put on the machine moves them less; the
# persistent-key cases and the aggregate thread cases are per wall-clock
# second. BENCH_CLOCK=wall times every case by the wall clock instead.
#
# The default reference is Mbed TLS 3.5.1 built from the psa-crypto-sys crate's
# vendored sources (fetched from crates.io by cargo). REF_PREFIX=/path points at
# any installed PSA library instead (headers in include/, library in lib/,
# linked as -l${REF_LIB:-mbedcrypto}).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
QUICK=0
SVG=""
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) QUICK=1 ;;
    --svg) SVG=$2; shift ;;
    *) echo "usage: $0 [--quick] [--svg FILE]" >&2; exit 2 ;;
    esac
    shift
done
ROUNDS=3; SECONDS_PER_CASE=1.0
CLOCK_FLAG=-c
[ "${BENCH_CLOCK:-cpu}" = wall ] && CLOCK_FLAG=""
[ "$QUICK" = 1 ] && { ROUNDS=1; SECONDS_PER_CASE=0.2; }
# BENCH_ROUNDS / BENCH_SECONDS override either (on a loaded machine a case
# takes its seconds of CPU time, so a round lasts longer than its cases' sum).
ROUNDS=${BENCH_ROUNDS:-$ROUNDS}; SECONDS_PER_CASE=${BENCH_SECONDS:-$SECONDS_PER_CASE}
B="$ROOT/build/bench"
mkdir -p "$B"
CC=${CC:-cc}
CFLAGS=(-O2 -std=c11 -pthread)

echo "== building rustpsa (release)" >&2
cargo build --release --quiet
"$CC" "${CFLAGS[@]}" -I include bench/psa_bench.c -L target/release -lrustpsa \
    -Wl,-rpath,"$ROOT/target/release" -o "$B/bench-rustpsa"

if [ -n "${REF_PREFIX:-}" ]; then
    echo "== reference: $REF_PREFIX" >&2
    REF_NAME="reference (${REF_PREFIX})"
    "$CC" "${CFLAGS[@]}" -DBENCH_NO_THREADS -I "$REF_PREFIX/include" bench/psa_bench.c \
        -L "$REF_PREFIX/lib" -l"${REF_LIB:-mbedcrypto}" -Wl,-rpath,"$REF_PREFIX/lib" -o "$B/bench-ref"
else
    REF_NAME="Mbed TLS 3.5.1"
    # Built (once, cached under build/reference/) by scripts/build-reference.sh,
    # with 100032 key slots for the 100,000-key lookup case.
    MBED=$(scripts/build-reference.sh)
    # 3.5.1's PSA key store is not thread-safe: no threaded cases for it.
    "$CC" "${CFLAGS[@]}" -DBENCH_NO_THREADS -I "$MBED/include" bench/psa_bench.c \
        "$MBED/library/libmbedcrypto.a" -o "$B/bench-ref"
fi

echo "== raw primitives (ring / RustCrypto called directly)" >&2
cargo build --release --quiet --example raw_primitives

run_bench() { # exe out
    local dir
    dir=$(mktemp -d "$B/run-XXXXXX")
    (cd "$dir" && RUSTPSA_STORAGE_DIR="$dir/keys" "$1" -t "$SECONDS_PER_CASE" $CLOCK_FLAG > "$2")
    rm -rf "$dir"
}
for r in $(seq 1 "$ROUNDS"); do
    echo "== round $r/$ROUNDS" >&2
    run_bench "$B/bench-rustpsa" "$B/rustpsa.$r.tsv"
    run_bench "$B/bench-ref" "$B/ref.$r.tsv"
    "$ROOT/target/release/examples/raw_primitives" -t "$SECONDS_PER_CASE" $CLOCK_FLAG > "$B/raw.$r.tsv" 2> "$B/raw.$r.candidates"
done

python3 - "$B" "$ROUNDS" "$REF_NAME" "$SVG" "${CLOCK_FLAG:+cpu}" <<'PY'
import statistics, sys, datetime, platform, os
b, rounds, ref_name, svg = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
clock = "CPU time" if sys.argv[5] == "cpu" else "wall-clock time"

def load(prefix):
    runs = {}
    order = []
    for r in range(1, rounds + 1):
        for line in open(f"{b}/{prefix}.{r}.tsv"):
            name, unit, value = line.rstrip("\n").split("\t")
            if name not in runs:
                order.append(name)
                runs[name] = (unit, [])
            if value != "n/a":
                runs[name][1].append(float(value))
    return order, {k: (u, statistics.median(v) if v else None) for k, (u, v) in runs.items()}

order, ours = load("rustpsa")
_, ref = load("ref")
_, raw = load("raw")

def fmt(v):
    if v is None:
        return "n/a"
    return f"{v:,.0f}" if v >= 100 else f"{v:.2f}"

print(f"Benchmark of {datetime.date.today()} on {platform.machine()}, {os.cpu_count()} CPUs, "
      f"{rounds} round(s), medians. Reference: {ref_name}. Rates per second of {clock}; "
      f"load average {os.getloadavg()[0]:.2f} at the end.\n")
print("| case | unit | rustpsa | reference | ratio |")
print("|---|---|---:|---:|---:|")
ratios = []
for name in order:
    if " threads " in name:
        continue
    unit, v = ours[name]
    r = ref.get(name, (unit, None))[1]
    ratio = f"{v / r:.2f}" if v and r else "n/a"
    if v and r:
        ratios.append((name, v / r))
    print(f"| {name} | {unit} | {fmt(v)} | {fmt(r)} | {ratio} |")

print("\nEfficiency against the raw primitive (same sizes, same machine):\n")
print("| case | unit | rustpsa | raw | rustpsa / raw |")
print("|---|---|---:|---:|---:|")
for name in order:
    if name in raw:
        v = ours[name][1]
        w = raw[name][1]
        eff = f"{100 * v / w:.0f} %" if v and w else "n/a"
        print(f"| {name} | {ours[name][0]} | {fmt(v)} | {fmt(w)} | {eff} |")

print("\nThread scaling (rustpsa, 64-byte AES-128-GCM one-shot encryption, wall-clock):\n")
print("| threads | shared key ops/s | scaling | per-thread keys ops/s | scaling |")
print("|---:|---:|---:|---:|---:|")
def t(n, kind):
    return ours.get(f"AES-128-GCM 64B {n} threads {kind} key", ("", None))[1]
for n in (1, 2, 4, 8):
    s1, p1, sn, pn = t(1, "shared"), t(1, "per-thread"), t(n, "shared"), t(n, "per-thread")
    sc = f"{sn / s1:.2f}" if sn and s1 else "n/a"
    pc = f"{pn / p1:.2f}" if pn and p1 else "n/a"
    print(f"| {n} | {fmt(sn)} | {sc} | {fmt(pn)} | {pc} |")

def keystore_flatness():
    # Rate among N keys / rate among 16 keys (1.00 = flat), both libraries.
    print("\nKey store size (rate among N random keys / rate among 16 keys):\n")
    print("| case | keys | rustpsa | reference |")
    print("|---|---:|---:|---:|")
    for base in ("get_key_attributes {} keys", "HMAC-SHA-256 64B random key of {} keys"):
        for n in (10000, 100000):
            cells = []
            for lib in (ours, ref):
                a, b = lib.get(base.format(16), ("", None))[1], lib.get(base.format(n), ("", None))[1]
                cells.append(f"{b / a:.2f}" if a and b else "n/a")
            print(f"| {base.format('N')} | {n:,} | {cells[0]} | {cells[1]} |")
keystore_flatness()

def cpu_scaling():
    # Sum over the threads of each one's calls per second of its own CPU
    # time: N when the calls do not contend, whatever the machine's load.
    print("\nThread scaling in CPU time (sum of per-thread rates per CPU-second; contention "
          "lowers it, load from other processes does not):\n")
    print("| threads | shared key ops/s | ns CPU/op | scaling | per-thread keys ops/s | ns CPU/op | scaling |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    def c(n, kind):
        return ours.get(f"AES-128-GCM 64B {n} threads {kind} key CPU", ("", None))[1]
    for n in (1, 2):
        cells = []
        for kind in ("shared", "per-thread"):
            one, v = c(1, kind), c(n, kind)
            cells += [fmt(v), f"{1e9 * n / v:.0f}" if v else "n/a", f"{v / one:.2f}" if v and one else "n/a"]
        print(f"| {n} | " + " | ".join(cells) + " |")
cpu_scaling()

if svg and ratios:
    w, bh = 900, 18
    h = 40 + bh * len(ratios)
    mx = max(max(r for _, r in ratios), 1.0)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
           f'<text x="10" y="20" font-size="13">rustpsa / {ref_name} (higher is better; line = 1)</text>']
    x0, span = 330, w - 360
    for i, (name, r) in enumerate(ratios):
        y = 32 + i * bh
        bw = span * r / mx
        color = "#2a7" if r >= 1 else "#c44"
        out.append(f'<text x="{x0 - 6}" y="{y + 12}" text-anchor="end">{name}</text>')
        out.append(f'<rect x="{x0}" y="{y + 2}" width="{bw:.1f}" height="{bh - 5}" fill="{color}"/>')
        out.append(f'<text x="{x0 + bw + 4:.1f}" y="{y + 12}">{r:.2f}</text>')
    one = x0 + span / mx
    out.append(f'<line x1="{one:.1f}" y1="28" x2="{one:.1f}" y2="{h - 4}" stroke="#333" stroke-dasharray="3,3"/>')
    out.append("</svg>")
    open(svg, "w").write("\n".join(out))
PY
