#!/bin/bash
# Everything measured for rebuild2/README.md, in one go, each JMH run holding /tmp/jmh.lock: the first-ADL window
# (run-window.sh), DeleveragingBenchmark's cycle at 1M positions (../deferred/run-adl.sh: this branch's search and
# walk, main's search), then two rounds of fills and ticks with a fund floor (../deferred/run-ab.sh), order alternated.
# Usage: run-all.sh <this branch's benchmarks.jar> <main's benchmarks.jar>
here=$(cd "$(dirname "$0")" && pwd); new=$1; base=$2; d=$here/../deferred
ROUND=r2 "$here/run-window.sh" "$new" "$base"
mkdir -p "$here/cycle" "$here/fills"
flock /tmp/jmh.lock "$d/run-adl.sh" "$here/cycle" new=$new:search,walk before=$base:search
flock /tmp/jmh.lock "$d/run-ab.sh" "$here/fills" ra new=$new before=$base
flock /tmp/jmh.lock "$d/run-ab.sh" "$here/fills" rb before=$base new=$new
