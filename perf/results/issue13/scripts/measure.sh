#!/usr/bin/env bash
# Back-to-back runs of the base build (main at 44c9fa5) and this branch, so each pair shares the machine's load.
set -u
R=/work/wt-journal/perf/results/issue13
for m in crashes calm; do
  for v in base new; do
    echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): bench $v $m" >> $R/measure.log
    /tmp/$v/liq bench --market $m --rates 50000 --seconds 2 --warmup 3 --max-events 2000000 --out $R/pair-$v-$m > $R/pair-$v-$m.log 2>&1
  done
done
for round in 1 2 3; do
  for m in crash calm; do
    for v in base new; do
      echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): replay $v $m round $round" >> $R/measure.log
      echo "## round $round, $m, $v (load $(cut -d' ' -f1-3 /proc/loadavg)): liq replay --journal /tmp/rp/$v-$m/journal" >> $R/replay-before-after.txt
      /tmp/$v/liq replay --journal /tmp/rp/$v-$m/journal 2>&1 | grep -E "inputs replayed|^state hash" >> $R/replay-before-after.txt
    done
  done
done
echo done >> $R/measure.log
# The second pairs (pairR-*), this branch first, at 08:31-08:34 UTC:
# for m in calm crashes; do for v in new base; do /tmp/$v/liq bench --market $m --rates 50000 --seconds 2 --warmup 3 \
#     --max-events 2000000 --out $R/pairR-$v-$m > $R/pairR-$v-$m.log 2>&1; done; done
