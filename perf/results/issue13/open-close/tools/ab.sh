#!/usr/bin/env bash
# usage: ab.sh OUTDIR jar-name... (rounds in the given order): JMH fill and fillOpenClose at 1k/16 and 100k/1024
set -u
out=$1; shift
mkdir -p "$out"
JA="$(cat /tmp/open/jmhflags)"
n=0
for j in "$@"; do
  n=$((n+1))
  f="$out/$n-$j.txt"
  { echo "# $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) jar $j"; \
    java -jar /tmp/open/bench-$j.jar 'StateMachineBenchmark.fill$|StateMachineBenchmark.fillOpenClose' \
      -p positions=1000,100000 -p instruments=16,1024 -f 1 -wi 2 -i 4 -w 1s -r 1s -prof gc -jvmArgsAppend "$JA" 2>&1 \
      | grep -E "^StateMachineBenchmark\.(fill|fillOpenClose) |Exception|Error"; \
    echo "# $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$f"
done
