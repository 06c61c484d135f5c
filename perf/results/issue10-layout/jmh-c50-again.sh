#!/usr/bin/env bash
cd /tmp/layout
FLAGS="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
for j in new5 base new5 base; do
  n=$((n+1)); file=jmh-c50-r$n-$j.txt
  { echo "# $(date -u +%FT%TZ) uptime before: $(uptime)"; } > $file
  flock /tmp/jmh.lock java -jar $j.jar StateMachineBenchmark.fillCrossFiftyPositions -p instruments=1024 -p positions=100000 -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc -jvmArgsAppend "$FLAGS" >> $file 2>&1
  echo "# $(date -u +%FT%TZ) uptime after: $(uptime)" >> $file
done
echo done > c50-again-done
