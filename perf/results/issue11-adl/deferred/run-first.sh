#!/bin/bash
# The first ADL after the 1M-position book was built, timed alone: DeleveragingBenchmark in single-shot mode, no
# warm-up, 5 single operations after the book is built (iteration 1 is the first ADL of the side, with every position
# waiting for its key); one window: name=jar:finders... (each file starts and ends with the time and load average).
out=$1; shift
for named in "$@"; do
  n=${named%%=*}; rest=${named#*=}; jar=${rest%%:*}; finders=${rest#*:}
  f="$out/first-1m-$n${ADL_RUN:+-$ADL_RUN}.txt"
  for try in $(seq 1 120); do
    { echo "== $jar start $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)";
      java -jar "$jar" DeleveragingBenchmark -bm ss -wi 0 -i 5 -p positions=1000000 -p adl=true -p finder=$finders \
        -p book=${BOOKS:-random,random-one};
      echo "== end $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)"; } > "$f" 2>&1
    grep -q "Unable to acquire the JMH lock" "$f" || break
    sleep 10
  done
done
