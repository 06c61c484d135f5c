#!/usr/bin/env bash
# The fill at 1k, old (e9f6bfa) against new: one JVM with the new jar first, then JMH old, new, new, old.
# Usage: run-after2.sh base.jar new.jar classes-dir out-dir
set -u
BASE=$1; NEW=$2; H=$3; OUT=$4
J="java -Xmx12g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dharness=$H/"
flock /tmp/jmh.lock $J -cp "$H" Interleave 1000 16 fill 200 2000 100 "$NEW" "$BASE" > "$OUT/interleaved-fill-1k-16-newfirst.txt" 2>&1
FLAGS="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
run() # name jar args...
{
    local file="$OUT/$1.txt" jar=$2; shift 2
    { echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; echo "# java -jar $jar $* -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"; } > "$file"
    flock /tmp/jmh.lock java -jar "$jar" "$@" -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc -jvmArgsAppend "$FLAGS" >> "$file" 2>&1
    echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)" >> "$file"
}
F1K='StateMachineBenchmark.fill$ -p instruments=16,1024 -p positions=1000'
run fill1k-base-1 "$BASE" $F1K
run fill1k-new-1 "$NEW" $F1K
run fill1k-new-2 "$NEW" $F1K
run fill1k-base-2 "$BASE" $F1K
echo done > "$OUT/after2-done"
