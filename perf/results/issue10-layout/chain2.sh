#!/usr/bin/env bash
set -u
cd /tmp/layout
while [ ! -f chain-done ]; do sleep 5; done
FLAGS="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
run() # file jar args...
{
    local file="/tmp/layout/$1"; local jar=$2; shift 2
    { echo "# $(date -u +%FT%TZ) uptime before: $(uptime)"; echo "# java -jar $jar $* -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"; } > "$file"
    flock /tmp/jmh.lock java -jar "$jar" "$@" -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc -jvmArgsAppend "$FLAGS" >> "$file" 2>&1
    echo "# $(date -u +%FT%TZ) uptime after: $(uptime)" >> "$file"
}
for j in new5 base; do
    run jmh-targets-$j.txt /tmp/layout/$j.jar 'StateMachineBenchmark.(fill|tickLiquidatingNobody)$' -p instruments=1024 -p positions=1000,10000000
    run jmh-c50-$j.txt /tmp/layout/$j.jar StateMachineBenchmark.fillCrossFiftyPositions -p instruments=1024 -p positions=100000
done
cd /work/wt-layout
{ echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; /work/wt-layout/perf/results/issue10-fill/s10/run-replay.sh /tmp/layout/rp/journal 5 base=/tmp/layout/tools-base.jar new=/tmp/layout/tools-new5.jar; echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)"; } > /tmp/layout/replay-ab-config.txt 2>&1
cd /tmp/layout
for j in base new5; do
    { echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; flock /tmp/jmh.lock java -Xmx8g -cp /tmp/layout/$j.jar com.liqengine.perf.MemoryProbe 10000000 1 1024 10000000 10000064; echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)"; } > /tmp/layout/memory-10m-$j.txt 2>&1
done
echo done > chain2-done
