#!/usr/bin/env bash
# run-jmh-book-check.sh: DeleveragingBenchmark's random books built by the shared randomPosition (new2 jar) against
# the base jar's own randomShort: the same books give the same positions ranked per cycle (jmh-book-check-JAR.txt).
set -u
cd "$(dirname "$0")"
for jar in base new2; do
    echo "$jar before $(date -u +%T): $(cut -d' ' -f1-3 /proc/loadavg)"
    flock /tmp/jmh.lock java -jar "/tmp/adldup-jars/$jar-benchmarks.jar" DeleveragingBenchmark -p positions=100000 \
        -p adl=true -p finder=search -p book=random-one,random -wi 1 -i 2 > "jmh-book-check-$jar.txt" 2>&1
    echo "$jar after $(date -u +%T): $(cut -d' ' -f1-3 /proc/loadavg)"
    grep "positions ranked per cycle" "jmh-book-check-$jar.txt" | sort | uniq -c
done
