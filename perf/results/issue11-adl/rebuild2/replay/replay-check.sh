#!/bin/bash
# Identical outputs on a replay (rebuild2/README.md): a demo journal (market mode, config/engine.yaml, fund floor 0)
# replayed by each jar against the recorded outputs, then by each jar with a fund floor of 1,000,000,000 (the
# configuration FLOOR_CONFIG: every takeover that costs the fund deleverages, so the ADL search runs throughout),
# whose state hashes and output counts must agree. Run from the worktree. Usage: replay-check.sh demo-dir name=jar...
dir=$1; shift
FLAGS=(--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true)
for named in "$@"; do
  n=${named%%=*}; jar=${named#*=}
  echo "== $n recorded outputs, fund floor 0 ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  java "${FLAGS[@]}" -jar "$jar" replay --journal "$dir/journal" --outputs "$dir/outputs" 2>&1 | tail -4
  echo "== $n fund floor 1,000,000,000 ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  java "${FLAGS[@]}" -jar "$jar" replay --config "$FLOOR_CONFIG" --journal "$dir/journal" 2>&1 | tail -4
done
