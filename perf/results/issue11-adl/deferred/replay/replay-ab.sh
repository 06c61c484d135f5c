#!/bin/bash
# liq replay of one demo journal by each jar in turn, N rounds; one line per run: jar, load average at its start,
# the replay's line with the replaying thread's CPU time. Usage: replay-ab.sh journal rounds name=jar...
# (run from the worktree, so config/engine.yaml, fundFloor "0", is the configuration)
journal=$1; rounds=$2; shift 2
FLAGS=(--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true)
for r in $(seq 1 "$rounds"); do
  for named in "$@"; do
    n=${named%%=*}; jar=${named#*=}
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(java "${FLAGS[@]}" -jar "$jar" replay --journal "$journal" 2>&1 | grep -i "CPU")
    echo "$n $load $line"
  done
done
