#!/usr/bin/env bash
# Restart time of liq run on an input queue of 3 million inputs (issue 13): one version ($1: base or new).
set -u
v=$1; d=/tmp/rs/$v; rm -rf $d; mkdir -p $d
cat > $d/engine.yaml <<YAML
paths:
  inputQueue: $d/input
  journal: $d/journal
  outputs: $d/outputs
  counters: $d/counters.dat
  snapshots: $d/snapshots
engine: { maxAccounts: 1001, maxInstruments: 8 }
snapshots: { interval: 1000000 }
YAML
L=/tmp/$v/liq
$L feed --config $d/engine.yaml --random --events 3000000 --accounts 1000 --seed 7 > $d/feed.log 2>&1
$L run --config $d/engine.yaml --exit-when-idle 2 > $d/run1.log 2>&1
for attempt in 1 2 3; do
  start=$(date +%s%N)
  $L run --config $d/engine.yaml --exit-when-idle 1 > $d/run2-$attempt.log 2>&1 &
  pid=$!
  while ! grep -q "liq run: reading" $d/run2-$attempt.log 2>/dev/null; do sleep 0.01; if ! kill -0 $pid 2>/dev/null; then break; fi; done
  ready=$(date +%s%N)
  wait $pid
  echo "$v attempt $attempt: $(( (ready - start) / 1000000 )) ms from process start to 'liq run: reading'"
  grep -E "liq run: recovered|liq run: reading|liq run: stopped after" $d/run2-$attempt.log | cut -c1-260
done
