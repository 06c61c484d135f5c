#!/usr/bin/env bash
# Session 10's final measurement of issue 13, one after the other on this shared 2-core machine, `uptime` before and
# after each step (uptime.txt). Run from the worktree's root: perf/results/issue13/final-s10/scripts/measure.sh
set -u
R=perf/results/issue13/final-s10
T=/tmp/perf13-s10
mkdir -p $R $T
up() { echo "$(date -u +%FT%TZ) $1: $(uptime)" >> $R/uptime.txt; }
# 1. liq bench per market: open loop at 50k/100k/200k/s and the closed loop, against the earlier saved run of that market.
up "before bench crashes"
perf/scripts/bench-noted.sh --market crashes --rates 50000,100000,200000 --seconds 10 --warmup 3 --max-events 2000000 \
    --baseline perf/results/bench-inline-journal --out $R/bench-crashes > $R/bench-crashes.log 2>&1
up "after bench crashes"
up "before bench calm"
perf/scripts/bench-noted.sh --market calm --rates 50000,100000,200000 --seconds 10 --warmup 3 --max-events 2000000 \
    --baseline perf/results/tail/05-final-spin --out $R/bench-calm > $R/bench-calm.log 2>&1
up "after bench calm"
# 2. JFR of the engine's thread in a closed loop (as perf/results/issue13/output-batches did), per market.
for m in crashes calm; do
  up "before jfr $m"
  LIQ_JAVA_OPTS="-XX:StartFlightRecording=filename=$T/jfr-$m.jfr,settings=profile" \
    ./liq bench --market $m --rates 50000 --seconds 1 --warmup 3 --max-events 2000000 --out $T/jfr-$m > $R/jfr-$m.log 2>&1
  up "after jfr $m"
done
# 3. Replay on both markets: a demo journal of 3M market events each, then liq replay (three rounds, alternating).
./liq demo --dir $T/d-crash --rate 0 --events 3000000 --accounts 1000 > $T/demo-crash.log 2>&1
./liq demo --dir $T/d-calm --rate 0 --events 3000000 --accounts 1000 --market calm > $T/demo-calm.log 2>&1
for round in 1 2 3; do
  for m in calm crash; do
    up "before replay $m round $round"
    echo "## round $round, $m: liq replay --journal $T/d-$m/journal (load $(cut -d' ' -f1-3 /proc/loadavg))" >> $R/replay.txt
    ./liq replay --journal $T/d-$m/journal 2>&1 | grep -E "inputs replayed|^state hash" >> $R/replay.txt
    up "after replay $m round $round"
  done
done
echo "$(date -u +%FT%TZ) done" >> $R/uptime.txt
