#!/usr/bin/env bash
# Round 3 of session 10's measurement, in the quieter window that followed round 2 (load 2.8 at its start): one
# liq bench per market, calm first (the open-loop target is the calm market's), the same options and baselines as
# rounds 1 and 2 (measure.sh, measure2.sh); then replay, three rounds per market, on round 1's demo journals.
# Run from the worktree's root.
set -u
R=perf/results/issue13/final-s10
up() { echo "$(date -u +%FT%TZ) $1: $(uptime)" >> $R/uptime.txt; }
up "before bench3 calm"
perf/scripts/bench-noted.sh --market calm --rates 50000,100000,200000 --seconds 10 --warmup 3 --max-events 2000000 \
    --baseline perf/results/tail/05-final-spin --out $R/bench3-calm > $R/bench3-calm.log 2>&1
up "after bench3 calm"
up "before bench3 crashes"
perf/scripts/bench-noted.sh --market crashes --rates 50000,100000,200000 --seconds 10 --warmup 3 --max-events 2000000 \
    --baseline perf/results/bench-inline-journal --out $R/bench3-crashes > $R/bench3-crashes.log 2>&1
up "after bench3 crashes"
T=/tmp/perf13-s10
for round in 1 2 3; do
  for m in calm crash; do
    up "before replay3 $m round $round"
    echo "## round $round, $m: liq replay --journal $T/d-$m/journal (load $(cut -d' ' -f1-3 /proc/loadavg))" >> $R/replay3.txt
    ./liq replay --journal $T/d-$m/journal 2>&1 | grep -E "inputs replayed|^state hash" >> $R/replay3.txt
    up "after replay3 $m round $round"
  done
done
echo "$(date -u +%FT%TZ) round 3 done" >> $R/uptime.txt
