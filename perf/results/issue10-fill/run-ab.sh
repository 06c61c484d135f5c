#!/bin/bash
# One round of JMH, each jar in turn (old, new or new, old): the fill at 1k and 10M x 16 and 1,024 instruments, the
# tick liquidating nobody at 1,024 instruments 1k and 10M, the tick liquidating one at 1k, the 50-position fill at
# 100k. Usage: run-ab.sh outdir round jar... (each file starts and ends with the load average)
out=$1; round=$2; shift 2
for jar in "$@"; do
  n=$(basename "$jar" .jar)
  run() {
    local name=$1; shift
    local f="$out/$round-$name-$n.txt"
    { echo "== $jar start $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)"; java -jar "$jar" "$@";
      echo "== end $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)"; } > "$f" 2>&1
  }
  run fill 'StateMachineBenchmark.fill$' -p indexed=true -p instruments=16,1024 -p positions=1000,10000000 \
    -f 1 -wi 3 -i 3 -w 1s -r 1s -prof gc
  run cross50 StateMachineBenchmark.fillCrossFiftyPositions -p indexed=true -p instruments=1024 \
    -p positions=100000 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
  run tick1024 StateMachineBenchmark.tickLiquidatingNobody -p indexed=true -p instruments=1024 \
    -p positions=1000,10000000 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
  run tickone StateMachineBenchmark.tickLiquidatingOne -p indexed=true -p instruments=16,1024 -p positions=1000 \
    -f 1 -wi 3 -i 3 -w 1s -r 1s -prof gc
done
