#!/bin/bash
# The first ADL after a 1M-position book was built, with the code already compiled: DeleveragingBenchmark in one JVM
# (-f 0, the fork's JVM options given here), single-shot, books random-one, random, random-one, so that the third
# trial's first operation is the first ADL of a fresh book with warm code. name=jar:finders..., one window.
out=$1; shift
for named in "$@"; do
  n=${named%%=*}; rest=${named#*=}; jar=${rest%%:*}; finders=${rest#*:}
  f="$out/first-warm-1m-$n${ADL_RUN:+-$ADL_RUN}.txt"
  { echo "== $jar start $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)";
    java -Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
      --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true \
      ${ADL_JVM:-} -jar "$jar" DeleveragingBenchmark -f 0 -bm ss -wi 0 -i 2 -p positions=1000000 -p adl=true \
      -p finder=$finders -p book=random-one,random,random-one;
    echo "== end $(date -u +%H:%M:%S) load: $(cat /proc/loadavg)"; } > "$f" 2>&1
done
