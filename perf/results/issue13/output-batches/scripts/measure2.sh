#!/usr/bin/env bash
# Second window: main's build (/tmp/out-base) against this branch with the copy through Unsafe.copyMemory
# (/tmp/out-new2, `git archive` of commit "BatchDocumentWriter copies into the mapping ..."), alternating, both
# markets, two rounds (the second this branch first), the load average noted; then one JFR run of it per market.
set -u
R=${R:-/work/wt-out/perf/results/issue13/output-batches}
LOG=$R/measure2.log
for round in 3 4; do
  for m in crashes calm; do
    if [ $round = 3 ]; then order="base new2"; else order="new2 base"; fi
    for v in $order; do
      echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): bench $v $m round $round" >> $LOG
      /tmp/out-$v/liq bench --market $m --rates 50000 --seconds 2 --warmup 3 --max-events 2000000 \
        --out $R/r$round-$v-$m > $R/r$round-$v-$m.log 2>&1
    done
  done
done
for m in crashes calm; do
  echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): jfr new2 $m" >> $LOG
  LIQ_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/out-jfr-new2-$m.jfr,settings=profile" \
    /tmp/out-new2/liq bench --market $m --rates 50000 --seconds 1 --warmup 3 --max-events 2000000 \
      --out /tmp/out-jfr-new2-$m > $R/jfr-new2-$m.log 2>&1
done
echo "$(date -u +%FT%TZ) done" >> $LOG
