#!/bin/bash
# One measuring window for the first ADL after a 1M-position book is built (rebuild2/README.md): the warm trial
# (../deferred/run-first-warm.sh, one JVM) twice with the order alternated, then the cold one (../deferred/run-first.sh,
# a fresh JVM per book and finder), each JMH run holding /tmp/jmh.lock. Jars: $1 = this branch, $2 = before (main's).
# Output files carry ROUND in their names; each starts and ends with the time and /proc/loadavg.
here=$(cd "$(dirname "$0")" && pwd); new=$1; base=$2; out=${OUT:-$here/${ROUND:-r1}}
mkdir -p "$out"
d=$here/../deferred
ADL_RUN=1 flock /tmp/jmh.lock "$d/run-first-warm.sh" "$out" new=$new:search walk=$new:walk before=$base:search
ADL_RUN=2 flock /tmp/jmh.lock "$d/run-first-warm.sh" "$out" before=$base:search walk=$new:walk new=$new:search
ADL_RUN=1 flock /tmp/jmh.lock "$d/run-first.sh" "$out" new=$new:search walk=$new:walk before=$base:search
