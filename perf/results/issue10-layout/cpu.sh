#!/usr/bin/env bash
# FillCpu at 10M: one engine per JVM, order reversed every round. Usage: cpu.sh out rounds name=jar:classes:instruments ...
set -u
OUT=$1; ROUNDS=$2; shift 2
SPECS=("$@")
FLAGS="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"
echo "# $(date -u +%FT%TZ) load before: $(cat /proc/loadavg)" > "$OUT"
for ((r = 0; r < ROUNDS; r++)); do
    for ((k = 0; k < ${#SPECS[@]}; k++)); do
        if ((r % 2 == 0)); then j=$k; else j=$((${#SPECS[@]} - 1 - k)); fi
        name=${SPECS[$j]%%=*}; IFS=: read -r jar classes instruments <<< "${SPECS[$j]#*=}"
        out=$(flock /tmp/jmh.lock java $FLAGS -cp "$jar:$classes" FillCpu 10000000 "$instruments" fill 15 40 100000 2>&1 | tail -1)
        echo "$name | $out" >> "$OUT"
    done
done
echo "# $(date -u +%FT%TZ) load after: $(cat /proc/loadavg)" >> "$OUT"
