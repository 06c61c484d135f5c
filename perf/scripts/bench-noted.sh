#!/usr/bin/env bash
# Runs ./liq bench with the given arguments (--out DIR among them) and saves beside its results what else the
# shared machine was running: load and the busiest processes before and after, sampled every 5 s during the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT=""
prev=""
for arg in "$@"; do [ "$prev" = "--out" ] && OUT="$arg"; prev="$arg"; done
[ -n "$OUT" ] || { echo "bench-noted: give --out DIR" >&2; exit 2; }
mkdir -p "$OUT"
NOTE="$OUT/machine.txt"
describe() { tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | sed -E 's/ --add-[a-z]+=[^ ]+//g; s/ -(classpath|cp) [^ ]+//g; s/ -D(maven.multiModuleProjectDirectory|maven.repo.local)=/ \1=/g; s/ -D[^ ]+//g; s/ --enable-native-access=[^ ]+//g' | cut -c1-120; }
snapshot() { echo "== $1 $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; top -b -n 2 -d 1 -w 200 | \
    awk '/^top -/ {n++} n==2 && $1 ~ /^[0-9]+$/ && $9+0 > 5 {print $1, $9}' | head -6 | \
    while read -r pid cpu; do echo "  $cpu% $(describe "$pid")"; done; }
{ echo "command: ./liq bench $*"; echo "LIQ_JAVA_OPTS: ${LIQ_JAVA_OPTS:-}"; snapshot before; } > "$NOTE"
( while sleep 5; do snapshot during; done ) >> "$NOTE" &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true' EXIT
if [ -n "${LIQ_TOOLS_JAR:-}" ]
then
    # another build's jar (an earlier commit, for a before/after pair), with ./liq's JVM flags
    mapfile -t FLAGS < <(sed -n 's/^    \(--add-[a-z]*=[^ ]*\|-Dchronicle[^ ]*\)$/\1/p' "$ROOT/liq")
    echo "jar: $LIQ_TOOLS_JAR" >> "$NOTE"
    java ${LIQ_JAVA_OPTS:-} "${FLAGS[@]}" -jar "$LIQ_TOOLS_JAR" bench "$@" | tee "$OUT/console.txt"
else
    "$ROOT/liq" bench "$@" | tee "$OUT/console.txt"
fi
snapshot after >> "$NOTE"
