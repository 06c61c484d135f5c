#!/usr/bin/env bash
# Third window, once the machine had gone quiet (after this branch's full build): main (/tmp/out-base) against
# this branch (/tmp/out-new2) alternating, both markets, one round; then JFR of both builds per market.
set -u
R=${R:-/work/wt-out/perf/results/issue13/output-batches}
LOG=$R/measure3.log
for m in crashes calm; do
  for v in base new2; do
    echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): bench $v $m round 5" >> $LOG
    /tmp/out-$v/liq bench --market $m --rates 50000 --seconds 2 --warmup 3 --max-events 2000000 \
      --out $R/r5-$v-$m > $R/r5-$v-$m.log 2>&1
  done
done
for m in crashes calm; do
  for v in base new2; do
    echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): jfr $v $m quiet" >> $LOG
    LIQ_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/out-jfrq-$v-$m.jfr,settings=profile" \
      /tmp/out-$v/liq bench --market $m --rates 50000 --seconds 1 --warmup 3 --max-events 2000000 \
        --out /tmp/out-jfrq-$v-$m > $R/jfrq-$v-$m.log 2>&1
  done
done
echo "$(date -u +%FT%TZ) done" >> $LOG
