#!/bin/bash
# One round of JMH, each jar in turn: the fills (fill, the 50-position cross fill, open-close) and the ticks at
# 100k positions and 1,024 instruments with a fund floor of 0. Usage: run-ab.sh outdir round name=jar...
# (each file starts and ends with the time and load average)
out=$1; round=$2; shift 2
for named in "$@"; do
  n=${named%%=*}; jar=${named#*=}
  run() {
    local what=$1; shift
    local f="$out/$round-$what-$n.txt"
    # another engineer's JMH holds /tmp/jmh.lock: wait for it (up to 20 minutes) rather than run beside it
    for try in $(seq 1 120); do
      { echo "== $jar start $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)"; java -jar "$jar" "$@";
        echo "== end $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)"; } > "$f" 2>&1
      grep -q "Unable to acquire the JMH lock" "$f" || break
      sleep 10
    done
  }
  run fills 'StateMachineBenchmark.(fill|fillCrossFiftyPositions|fillOpenClose)$' -p indexed=true \
    -p instruments=1024 -p positions=100000 -p fundFloor=true -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
  run ticks 'StateMachineBenchmark.(tickLiquidatingNobody|tickLiquidatingOne)$' -p indexed=true \
    -p instruments=1024 -p positions=100000 -p fundFloor=true -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
done
