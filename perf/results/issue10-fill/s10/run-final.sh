#!/usr/bin/env bash
# The JMH rows of issue 10's targets: old (base: e9f6bfa) and new jar alternated, the 10M fill with and without
# -XX:+UseTransparentHugePages, the dense engine (a813d1b) beside it. Each run under the JMH lock, load before and
# after in the file. Usage: run-final.sh base.jar new.jar dense.jar out-dir
set -u
BASE_JAR=$1; NEW_JAR=$2; DENSE_JAR=$3; OUT=$4
FLAGS="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
THP="$FLAGS -XX:+UseTransparentHugePages"
COMMON="-f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
run() # name jar jvmflags args...
{
    local file="$OUT/$1.txt" jar=$2 jvm=$3; shift 3
    { echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)"; echo "# java -jar $jar $* -jvmArgsAppend \"$jvm\""; } > "$file"
    flock /tmp/jmh.lock java -jar "$jar" "$@" $COMMON -jvmArgsAppend "$jvm" >> "$file" 2>&1
    echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg); AnonHugePages at the end: $(grep AnonHugePages /proc/meminfo)" >> "$file"
}
C50='StateMachineBenchmark.fillCrossFiftyPositions -p instruments=1024 -p positions=100000'
run c50-base-1 "$BASE_JAR" "$FLAGS" $C50
run c50-new-1 "$NEW_JAR" "$FLAGS" $C50
run c50-new-2 "$NEW_JAR" "$FLAGS" $C50
run c50-base-2 "$BASE_JAR" "$FLAGS" $C50
run small-new "$NEW_JAR" "$FLAGS" 'StateMachineBenchmark.(fill|tickLiquidatingNobody)$' -p instruments=16,1024 -p positions=1000
F10='StateMachineBenchmark.fill$ -p instruments=1024 -p positions=10000000'
D10='StateMachineBenchmark.fill$ -p positions=10000000'
run fill10m-new-nothp-1 "$NEW_JAR" "$FLAGS" $F10
run fill10m-new-thp-1 "$NEW_JAR" "$THP" $F10
run fill10m-dense-nothp-1 "$DENSE_JAR" "$FLAGS" $D10
run fill10m-dense-thp-1 "$DENSE_JAR" "$THP" $D10
run fill10m-dense-thp-2 "$DENSE_JAR" "$THP" $D10
run fill10m-dense-nothp-2 "$DENSE_JAR" "$FLAGS" $D10
run fill10m-new-thp-2 "$NEW_JAR" "$THP" $F10
run fill10m-new-nothp-2 "$NEW_JAR" "$FLAGS" $F10
run tick10m-new "$NEW_JAR" "$FLAGS" 'StateMachineBenchmark.tickLiquidatingNobody$' -p instruments=1024 -p positions=10000000
echo done > "$OUT/final-done"
