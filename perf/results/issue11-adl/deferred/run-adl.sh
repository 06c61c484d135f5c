#!/bin/bash
# DeleveragingBenchmark at 1M positions, one window: name=jar finders... (each file starts and ends with the time
# and load average); waits for another engineer's JMH lock like run-ab.sh.
out=$1; shift
for named in "$@"; do
  n=${named%%=*}; rest=${named#*=}; jar=${rest%%:*}; finders=${rest#*:}
  f="$out/adl-1m-$n${ADL_RUN:+-$ADL_RUN}.txt"
  for try in $(seq 1 120); do
    { echo "== $jar start $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)";
      java -jar "$jar" DeleveragingBenchmark -p positions=1000000 -p adl=true -p finder=$finders \
        -p book=${BOOKS:-uniform,random,random-one} -prof gc;
      echo "== end $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)"; } > "$f" 2>&1
    grep -q "Unable to acquire the JMH lock" "$f" || break
    sleep 10
  done
done
