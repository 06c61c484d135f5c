#!/usr/bin/env bash
# After the large-pages runs: old (e9f6bfa) against new in one JVM (Interleave.java, blocks alternating), then JMH of
# the target rows of the new jar. Usage: run-after.sh base.jar new.jar classes-dir out-dir
set -u
BASE=$1; NEW=$2; H=$3; OUT=$4
J="java -Xmx12g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dharness=$H/"
flock /tmp/jmh.lock $J -cp "$H" Interleave 100000 1024 cross50 200 500 100 "$BASE" "$NEW" > "$OUT/interleaved-cross50.txt" 2>&1
flock /tmp/jmh.lock $J -cp "$H" Interleave 1000 16 fill 200 2000 100 "$BASE" "$NEW" > "$OUT/interleaved-fill-1k-16.txt" 2>&1
FLAGS="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
run() # name args...
{
    local file="$OUT/$1.txt"; shift
    { echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; echo "# java -jar $NEW $* -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"; } > "$file"
    flock /tmp/jmh.lock java -jar "$NEW" "$@" -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc -jvmArgsAppend "$FLAGS" >> "$file" 2>&1
    echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)" >> "$file"
}
run c50-new-3 StateMachineBenchmark.fillCrossFiftyPositions -p instruments=1024 -p positions=100000
run targets-new 'StateMachineBenchmark.(fill|tickLiquidatingNobody)$' -p instruments=1024 -p positions=1000,10000000
run fill-1k-16-new 'StateMachineBenchmark.fill$' -p instruments=16 -p positions=1000
echo done > "$OUT/after-done"
