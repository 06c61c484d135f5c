#!/usr/bin/env bash
# Round 2 of session 10's measurement, after the closed loop's per-CPU-second table was added to liq bench (the
# working thread's CPU time of the engine's handler, the ring's handler and the bare Chronicle appending thread):
# one liq bench per market, the same options and baselines as round 1 (measure.sh). Run from the worktree's root.
set -u
R=perf/results/issue13/final-s10
up() { echo "$(date -u +%FT%TZ) $1: $(uptime)" >> $R/uptime.txt; }
up "before bench2 crashes"
perf/scripts/bench-noted.sh --market crashes --rates 50000,100000,200000 --seconds 10 --warmup 3 --max-events 2000000 \
    --baseline perf/results/bench-inline-journal --out $R/bench2-crashes > $R/bench2-crashes.log 2>&1
up "after bench2 crashes"
up "before bench2 calm"
perf/scripts/bench-noted.sh --market calm --rates 50000,100000,200000 --seconds 10 --warmup 3 --max-events 2000000 \
    --baseline perf/results/tail/05-final-spin --out $R/bench2-calm > $R/bench2-calm.log 2>&1
up "after bench2 calm"
echo "$(date -u +%FT%TZ) round 2 done" >> $R/uptime.txt
# JFR of liq replay's thread (main) on both markets' demo journals of round 1 (measure.sh)
T=/tmp/perf13-s10
for m in calm crash; do
  up "before replay jfr $m"
  echo "## $m, with JFR: liq replay --journal $T/d-$m/journal (load $(cut -d' ' -f1-3 /proc/loadavg))" >> $R/replay-jfr.txt
  LIQ_JAVA_OPTS="-XX:StartFlightRecording=filename=$T/replay-$m.jfr,settings=profile" \
    ./liq replay --journal $T/d-$m/journal 2>&1 | grep -E "inputs replayed|^state hash" >> $R/replay-jfr.txt
  jfr print --stack-depth 64 --events jdk.ExecutionSample $T/replay-$m.jfr > $T/replay-$m.txt
  python3 $R/scripts/profile.py $T/replay-$m.txt main > $R/replay-$m-profile.txt
  up "after replay jfr $m"
done
echo "$(date -u +%FT%TZ) replay jfr done" >> $R/uptime.txt
