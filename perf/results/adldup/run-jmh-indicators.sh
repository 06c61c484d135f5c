#!/usr/bin/env bash
# run-jmh-indicators.sh: AdlIndicatorsBenchmark (every position's ADL indicator: the whole state's view against
# asking each position), under flock /tmp/jmh.lock, the load before and after (jmh-indicators.txt, .load.txt).
set -u
cd "$(dirname "$0")"
echo "before $(date -u +%T): $(cut -d' ' -f1-3 /proc/loadavg)" > jmh-indicators.load.txt
flock /tmp/jmh.lock java -jar /tmp/adldup-jars/new2-benchmarks.jar AdlIndicatorsBenchmark \
    -p positions=1000,10000 > jmh-indicators.txt 2>&1
echo "between $(date -u +%T): $(cut -d' ' -f1-3 /proc/loadavg)" >> jmh-indicators.load.txt
flock /tmp/jmh.lock java -jar /tmp/adldup-jars/new2-benchmarks.jar 'AdlIndicatorsBenchmark.wholeState' \
    -p positions=100000,1000000 >> jmh-indicators.txt 2>&1
echo "after $(date -u +%T): $(cut -d' ' -f1-3 /proc/loadavg)" >> jmh-indicators.load.txt
