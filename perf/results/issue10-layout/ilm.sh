#!/usr/bin/env bash
# InterleaveMixed: Usage: ilm.sh out args...
set -u
OUT=$1; shift
{ echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; echo "# InterleaveMixed -Dbook=${BOOK:-account} $*"; } > "$OUT"
flock /tmp/jmh.lock java -Xmx16g -Dbook=${BOOK:-account} --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -cp /tmp/layout/hx InterleaveMixed "$@" >> "$OUT" 2>&1
echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)" >> "$OUT"
