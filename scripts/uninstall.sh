#!/usr/bin/env bash
# Removes what scripts/install.sh installed, as its manifest lists it:
#
#   scripts/uninstall.sh                        # from /usr/local
#   PREFIX=$HOME/.local scripts/uninstall.sh
#   PREFIX=/usr DESTDIR=/tmp/stage scripts/uninstall.sh
#
# Reads DESTDIR/PREFIX/share/rustpsa/install-manifest.txt; removes each file and
# link it lists, then each directory the install created, if it is empty now
# (a directory holding anything else stays). Runs ldconfig like install.sh
# (LDCONFIG=auto|1|0). Touches nothing the manifest does not name.
set -euo pipefail
PREFIX=${PREFIX:-/usr/local}
PREFIX=${PREFIX%/}
[ -n "$PREFIX" ] || PREFIX=/
DESTDIR=${DESTDIR:-}
LDCONFIG=${LDCONFIG:-auto}
MANIFEST=$DESTDIR$PREFIX/share/rustpsa/install-manifest.txt
[ -f "$MANIFEST" ] || { echo "uninstall.sh: no manifest at $MANIFEST (nothing installed there?)" >&2; exit 1; }

ENTRIES=$(cat "$MANIFEST")   # the manifest lists itself
files=0 dirs=0
while read -r kind path; do
    case "$path" in /*) ;; *) echo "uninstall.sh: bad manifest entry '$kind $path'" >&2; exit 1 ;; esac
    case "$kind" in
    f|l) if [ -e "$DESTDIR$path" ] || [ -L "$DESTDIR$path" ]; then rm -f "$DESTDIR$path"; files=$((files + 1)); fi ;;
    d) ;;
    *) echo "uninstall.sh: bad manifest line '$kind $path'" >&2; exit 1 ;;
    esac
done <<<"$ENTRIES"
# Directories the install created, deepest first, if nothing else lives there.
while read -r path; do
    [ -n "$path" ] || continue
    if [ -d "$DESTDIR$path" ] && rmdir "$DESTDIR$path" 2>/dev/null; then dirs=$((dirs + 1)); fi
done < <(awk '$1 == "d" { print length($2), $2 }' <<<"$ENTRIES" | sort -rn | cut -d' ' -f2-)
echo "removed $files files and links and $dirs directories from ${DESTDIR}$PREFIX"

if [ "$LDCONFIG" = 1 ] || { [ "$LDCONFIG" = auto ] && [ -z "$DESTDIR" ] && [ "$(id -u)" = 0 ] &&
        { [ "$PREFIX" = /usr ] || [ "$PREFIX" = /usr/local ]; }; }; then
    command -v ldconfig >/dev/null 2>&1 && ldconfig && echo "ran ldconfig"
fi
exit 0
