#!/usr/bin/env bash
# Session 10's audit of issue 13, run for real with this worktree's ./liq (outputs in ../audit/):
#  1. liq demo: the latency line names the wait strategy (backoff by default);
#  2. liq run with a Prometheus port, fed from another process with event times stamped, read live with liq stat and
#     curl; killed with SIGKILL mid-feed, restarted: it resumes after the last journaled input-queue index, reads only
#     the rest, and the replay of its journal gives the recorded outputs; liq dump reads the journal (format 2).
set -u
A=perf/results/issue13/final-s10/audit
W=/tmp/perf13-s10/audit
rm -rf $W; mkdir -p $W
echo "uptime before: $(uptime)" > $A/uptime.txt

./liq demo --events 200000 --dir $W/demo > $A/demo.txt 2>&1

sed -e "s#liq-data/#$W/run/#" config/engine.yaml > $W/engine.yaml
./liq feed --config $W/engine.yaml --random --events 800000 --accounts 1000 --rate 20000 --stamp-event-time \
    > $A/feed.txt 2>&1 &
FEED=$!
./liq run --config $W/engine.yaml --metrics-port 19464 > $A/run-1.txt 2>&1 &
RUN=$!
sleep 25
./liq stat --counters $W/run/counters.dat --count 1 > $A/stat-live.txt 2>&1
curl -s http://127.0.0.1:19464/metrics > $A/scrape.txt
sleep 5
kill -9 $RUN
wait $RUN 2>/dev/null
echo "killed liq run (pid $RUN) with SIGKILL at $(date -u +%T)" >> $A/run-1.txt
wait $FEED
START=$(date +%s%N)
./liq run --config $W/engine.yaml --exit-when-idle 2 > $A/run-2.txt 2>&1
echo "restart: $(( ($(date +%s%N) - START) / 1000000 )) ms from start to exit (including its 2 s of idleness)" >> $A/run-2.txt
ls -la $W/run/ > $A/files.txt
./liq stat --counters $W/run/counters.dat --count 1 > $A/stat-after.txt 2>&1
./liq replay --config $W/engine.yaml --journal $W/run/journal --outputs $W/run/outputs > $A/replay.txt 2>&1
./liq dump --config $W/engine.yaml --journal $W/run/journal 2>&1 | head -5 > $A/dump-journal.txt
./liq dump --config $W/engine.yaml --journal $W/run/journal --outputs $W/run/outputs --type LiquidationTriggered 2>&1 | head -3 > $A/dump-outputs.txt
echo "uptime after: $(uptime)" >> $A/uptime.txt

# 3. A journal in format 1 (as builds before issue 13 wrote them): replay, dump and liq run refuse it naming both versions.
mapfile -t FLAGS < <(sed -n 's/^    \(--add-[a-z]*=[^ ]*\|-Dchronicle[^ ]*\)$/\1/p' liq)
java "${FLAGS[@]}" -cp tools/target/liq-tools.jar perf/results/issue13/final-s10/scripts/FormatOneJournal.java \
    $W/old/journal > $A/format-1.txt 2>&1
sed -e "s#liq-data/#$W/old/#" config/engine.yaml > $W/old.yaml
for cmd in "replay --config $W/old.yaml --journal $W/old/journal" "dump --config $W/old.yaml --journal $W/old/journal" \
    "run --config $W/old.yaml --exit-when-idle 1"; do
  echo "\$ ./liq $cmd" >> $A/format-1.txt
  ./liq $cmd >> $A/format-1.txt 2>&1
  echo "exit code $?" >> $A/format-1.txt
done
echo "uptime after format 1: $(uptime)" >> $A/uptime.txt

# 4. CPU pinning: a core this process may not use is refused; pinned on this machine's two cores, the demo runs.
echo "\$ ./liq run --config $W/old.yaml --cpus engine=7" > $A/cpus.txt
./liq run --config $W/old.yaml --cpus engine=7 >> $A/cpus.txt 2>&1; echo "exit code $?" >> $A/cpus.txt
echo "\$ ./liq demo --events 100000 --cpus engine=1,ingress=0" >> $A/cpus.txt
./liq demo --events 100000 --cpus engine=1,ingress=0 --dir $W/pinned 2>&1 | grep -E "^liq demo|latency|events  " >> $A/cpus.txt
echo "uptime at the end: $(uptime)" >> $A/uptime.txt
