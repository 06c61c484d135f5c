#!/usr/bin/env bash
# run-jmh-adl.sh ROUND [JMH ARGS]: DeleveragingBenchmark with the base jar (7ae86f3) then the new jar, one JMH run each under
# flock /tmp/jmh.lock, the load recorded before and after each (jmh-adl-JAR-ROUND.txt, .load.txt).
set -u
cd "$(dirname "$0")"
round="$1"
shift
# JARS="new base" runs the new jar first
for jar in ${JARS:-base new}; do
    out="jmh-adl-$jar-$round"
    echo "before $(date -u +%T): $(uptime)" > "$out.load.txt"
    flock /tmp/jmh.lock java -jar "/tmp/adldup-jars/$jar-benchmarks.jar" DeleveragingBenchmark \
        -p positions=1000000 -p adl=true -p finder=search,walk -p book=random-one,uniform "$@" > "$out.txt" 2>&1
    echo "after $(date -u +%T): $(uptime)" >> "$out.load.txt"
done
