#!/usr/bin/env bash
# Output queue format 2 (issue 13): main's build (/tmp/out-base, `git archive main`) and this branch's
# (/tmp/out-new, `git archive out`) alternating in one window, both markets, two rounds, the load average noted
# before each run; then one JFR run of each build per market for the engine thread's shares.
set -u
R=${R:-/work/wt-out/perf/results/issue13/output-batches}
LOG=$R/measure.log
for round in 1 2; do
  for m in crashes calm; do
    for v in base new; do
      [ $round = 2 ] && { [ $v = base ] && v=new || v=base; }   # the second round runs this branch first
      echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): bench $v $m round $round" >> $LOG
      /tmp/out-$v/liq bench --market $m --rates 50000 --seconds 2 --warmup 3 --max-events 2000000 \
        --out $R/r$round-$v-$m > $R/r$round-$v-$m.log 2>&1
    done
  done
done
for m in crashes calm; do
  for v in base new; do
    echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): jfr $v $m" >> $LOG
    LIQ_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/out-jfr-$v-$m.jfr,settings=profile" \
      /tmp/out-$v/liq bench --market $m --rates 50000 --seconds 1 --warmup 3 --max-events 2000000 \
        --out /tmp/out-jfr-$v-$m > $R/jfr-$v-$m.log 2>&1
  done
done
echo "$(date -u +%FT%TZ) done" >> $LOG
