#!/usr/bin/env bash
# Runs ./liq demo once per handler wait strategy (the default market and rate, fewer events) and saves each
# summary with the CPU time the process used, and the machine's load before and after, in OUT.
#   [IDLES="sleeping backoff"] [RATE=50000] [LIQ_TOOLS_JAR=other.jar] perf/scripts/demo-strategies.sh OUT [EVENTS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$1"
EVENTS="${2:-500000}"
mkdir -p "$OUT"
if [ -n "${LIQ_TOOLS_JAR:-}" ]
then
    # another build's jar (an earlier commit), with ./liq's JVM flags
    mapfile -t FLAGS < <(sed -n 's/^    \(--add-[a-z]*=[^ ]*\|-Dchronicle[^ ]*\)$/\1/p' "$ROOT/liq")
    LIQ=(java "${FLAGS[@]}" -jar "$LIQ_TOOLS_JAR")
else
    LIQ=("$ROOT/liq")
fi
echo "jar: ${LIQ_TOOLS_JAR:-this checkout}" >> "$OUT/machine.txt"
for idle in ${IDLES:-sleeping backoff yielding busy-spin blocking}
do
    echo "== $idle: load before $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
    /usr/bin/time -f "process cpu: user %U s, system %S s, elapsed %e s" -o "$OUT/$idle.time" \
        "${LIQ[@]}" demo --events "$EVENTS" --rate "${RATE:-50000}" --idle "$idle" > "$OUT/$idle.txt" 2>&1
    echo "   load after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
    { grep -E '^  (events|latency) ' "$OUT/$idle.txt"; cat "$OUT/$idle.time"; } | sed "s/^/$idle: /"
done
