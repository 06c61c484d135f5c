#!/usr/bin/env bash
# Large pages A/B: the same JMH rows with and without -XX:+UseTransparentHugePages (THP is madvise on this
# machine: the JVM madvises its heap only with the flag), in alternating order, each run under the JMH lock.
# Usage: run-thp.sh <new-jar> <dense-jar> <out-dir> <round>
# The command-line -jvmArgsAppend replaces the @Fork one: the benchmark's own flags are repeated.
set -u
NEW=$1; DENSE=$2; OUT=$3; ROUND=$4
BASE="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
THP="$BASE -XX:+UseTransparentHugePages"
COMMON="-f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
run() # name jar args...
{
    local name=$1; shift
    local jar=$1; shift
    local file="$OUT/r$ROUND-$name.txt"
    {
        echo "# $(date -u +%FT%TZ) load before: $(uptime)"
        echo "# java -jar $jar $*"
    } > "$file"
    # AnonHugePages of the whole machine every 5 s while it runs (the fork's heap shows when madvised)
    ( while sleep 5; do echo "# $(date -u +%T) $(grep AnonHugePages /proc/meminfo)"; done ) >> "$file.thp" &
    local sampler=$!
    flock /tmp/jmh.lock java -jar "$jar" "$@" >> "$file" 2>&1
    kill $sampler
    echo "# $(date -u +%FT%TZ) load after: $(uptime)" >> "$file"
}
fill10m()  { run "$1" "$NEW" 'StateMachineBenchmark.fill$' -p instruments=1024 -p positions=10000000 $COMMON -jvmArgsAppend "$2"; }
dense10m() { run "$1" "$DENSE" 'StateMachineBenchmark.fill$' -p positions=10000000 $COMMON -jvmArgsAppend "$2"; }
cross50()  { run "$1" "$NEW" 'StateMachineBenchmark.fillCrossFiftyPositions' -p instruments=1024 -p positions=100000 $COMMON -jvmArgsAppend "$2"; }
if [ $((ROUND % 2)) = 1 ]; then
    fill10m fill10m-1024-nothp "$BASE"; fill10m fill10m-1024-thp "$THP"
    dense10m dense-fill10m-nothp "$BASE"; dense10m dense-fill10m-thp "$THP"
    cross50 cross50-nothp "$BASE"; cross50 cross50-thp "$THP"
else
    cross50 cross50-thp "$THP"; cross50 cross50-nothp "$BASE"
    dense10m dense-fill10m-thp "$THP"; dense10m dense-fill10m-nothp "$BASE"
    fill10m fill10m-1024-thp "$THP"; fill10m fill10m-1024-nothp "$BASE"
fi
