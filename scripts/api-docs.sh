#!/usr/bin/env bash
# Generates the HTML reference of the C API from the headers' Doxygen comments:
#
#   scripts/api-docs.sh [OUTDIR]     # default build/api-docs; open OUTDIR/html/index.html
#
# Doxygen (Debian: apt-get install doxygen) reads Doxyfile: every public item of
# include/psa/*.h and include/rustpsa/*.h must be documented; an undocumented
# item or a malformed comment is a warning, and any warning fails the run (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-build/api-docs}
command -v doxygen >/dev/null || { echo "api-docs.sh: doxygen is required (apt-get install doxygen)" >&2; exit 1; }
VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n 1)
mkdir -p "$OUT"
LOG=$OUT/warnings.log
rc=0
{ cat Doxyfile; echo "PROJECT_NUMBER = $VERSION"; echo "OUTPUT_DIRECTORY = $OUT"; } |
    doxygen - >"$OUT/doxygen.log" 2>"$LOG" || rc=$?
if [ "$rc" -ne 0 ] || [ -s "$LOG" ]; then
    cat "$LOG" >&2
    echo "api-docs: FAILED: $(grep -c . "$LOG" || true) warnings (undocumented or malformed items)" >&2
    exit 1
fi
echo "api-docs: $(ls "$OUT/html"/*.html | wc -l) pages, no warnings: $OUT/html/index.html"
