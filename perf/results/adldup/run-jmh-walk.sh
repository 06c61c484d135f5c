#!/usr/bin/env bash
# run-jmh-walk.sh [FINDER]: one finder alone (DeleveragingBenchmark finder=walk, or search, book=random-one, 1M
# positions), base and new alternated twice, 2 forks of 3 + 8 iterations each, under flock /tmp/jmh.lock, the load
# before and after each (jmh-FINDER-JAR-N.txt, jmh-FINDER.load.txt).
set -u
cd "$(dirname "$0")"
finder="${1:-walk}"
: > "jmh-$finder.load.txt"
for n in 1 2; do
    for jar in base new; do
        echo "$jar $n before $(date -u +%T): $(cut -d' ' -f1-3 /proc/loadavg)" >> "jmh-$finder.load.txt"
        flock /tmp/jmh.lock java -jar "/tmp/adldup-jars/$jar-benchmarks.jar" DeleveragingBenchmark \
            -p positions=1000000 -p adl=true -p finder="$finder" -p book=random-one -f 2 -wi 3 -i 8 \
            > "jmh-$finder-$jar-$n.txt" 2>&1
        echo "$jar $n after $(date -u +%T): $(cut -d' ' -f1-3 /proc/loadavg)" >> "jmh-$finder.load.txt"
    done
done
