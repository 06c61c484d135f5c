#!/usr/bin/env bash
# Usage: il.sh out positions instruments fill|cross50 blocks ops warmup jar...
set -u
OUT=$1; shift
{ echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; echo "# Interleave $*"; } > "$OUT"
flock /tmp/jmh.lock java -Xmx14g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dharness=/tmp/layout/h/ -cp /tmp/layout/h Interleave "$@" >> "$OUT" 2>&1
echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)" >> "$OUT"
