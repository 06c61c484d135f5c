#!/usr/bin/env bash
# Replay A/B of one journal (perf/results/issue10-fill/replay-mix/README.md's method): each line one
# `liq replay`, the replaying thread's CPU time, the load average when it started. Jars alternate, order flipped
# every round. Usage: run-replay.sh journal rounds name=jar...
set -u
JOURNAL=$1; ROUNDS=$2; shift 2
FLAGS="--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
JARS=("$@")
for ((r = 0; r < ROUNDS; r++)); do
    for ((k = 0; k < ${#JARS[@]}; k++)); do
        if ((r % 2 == 0)); then j=$k; else j=$((${#JARS[@]} - 1 - k)); fi
        name=${JARS[$j]%%=*}; jar=${JARS[$j]#*=}
        load=$(cut -d' ' -f1 /proc/loadavg)
        out=$(java $FLAGS -jar "$jar" replay --journal "$JOURNAL" 2>&1)
        cpu=$(echo "$out" | grep -o '[0-9.]* s of the thread.s CPU')
        hash=$(echo "$out" | grep -o 'state hash [0-9a-f]*')
        echo "$name $load $cpu $hash"
    done
done
