#!/usr/bin/env bash
cd /tmp/layout
while [ ! -f mem-done ]; do sleep 3; done
./cpu.sh /tmp/layout/cpu-3.txt 2 base=/tmp/layout/base.jar:/tmp/layout/h:1024 new=/tmp/layout/new5.jar:/tmp/layout/h:1024 dense=/tmp/layout/dense.jar:/tmp/layout/hd:4
FLAGS="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
for spec in new5:1024 dense:4 new5:1024 dense:4; do
  n=$((n+1)); j=${spec%%:*}; i=${spec#*:}; file=jmh-fill10m-r$n-$j.txt
  { echo "# $(date -u +%FT%TZ) uptime before: $(uptime)"; echo "# java -jar $j.jar StateMachineBenchmark.fill\$ -p instruments=$i -p positions=10000000 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"; } > $file
  flock /tmp/jmh.lock java -jar $j.jar 'StateMachineBenchmark.fill$' -p instruments=$i -p positions=10000000 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc -jvmArgsAppend "$FLAGS" >> $file 2>&1
  echo "# $(date -u +%FT%TZ) uptime after: $(uptime)" >> $file
done
echo done > chain3-done
