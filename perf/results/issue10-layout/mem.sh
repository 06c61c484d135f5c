#!/usr/bin/env bash
cd /tmp/layout
while [ ! -f c50-again-done ]; do sleep 3; done
for j in base new5; do
    { echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; flock /tmp/jmh.lock java -Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -cp /tmp/layout/$j.jar com.liqengine.perf.MemoryProbe 10000000 1 1024 10000000 10000064; echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)"; } > /tmp/layout/memory-10m-$j.txt 2>&1
done
echo done > mem-done
