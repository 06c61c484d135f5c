#!/usr/bin/env bash
# il.sh with -Dbook=...: Usage: il2.sh out book positions instruments fill|cross50 blocks ops warmup jar...
set -u
OUT=$1; BOOK=$2; shift 2
{ echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; echo "# Interleave -Dbook=$BOOK $*"; } > "$OUT"
flock /tmp/jmh.lock java -Xmx16g -Dbook=$BOOK --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dharness=/tmp/layout/h/ -cp /tmp/layout/h Interleave "$@" >> "$OUT" 2>&1
echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)" >> "$OUT"
