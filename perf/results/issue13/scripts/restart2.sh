#!/usr/bin/env bash
# Restarts of liq run on the folders restart.sh made ($1: base or new): the time to the 'reading' line and the whole
# run with --exit-when-idle 1 (the old liq run skipped the journaled inputs of the queue after printing 'reading').
set -u
v=$1; d=/tmp/rs/$v; L=/tmp/$v/liq
for attempt in 1 2 3; do
  log=$d/restart-$attempt.log
  start=$(date +%s%N)
  $L run --config $d/engine.yaml --exit-when-idle 1 > $log 2>&1 &
  pid=$!
  while ! grep -q "liq run: reading" $log 2>/dev/null; do sleep 0.01; if ! kill -0 $pid 2>/dev/null; then break; fi; done
  ready=$(date +%s%N)
  while ! grep -q "no new input for" $log 2>/dev/null; do sleep 0.01; if ! kill -0 $pid 2>/dev/null; then break; fi; done
  idle=$(date +%s%N)
  wait $pid
  echo "$v restart $attempt: $(( (ready - start) / 1000000 )) ms from process start to 'liq run: reading'; $(( (idle - start) / 1000000 - 1000 )) ms from process start to the 1 s of idleness that ends it, less that second; load average $(cut -d' ' -f1 /proc/loadavg)"
  grep -E "liq run: recovered|liq run: reading|liq run: stopped after" $log | cut -c1-200
done
