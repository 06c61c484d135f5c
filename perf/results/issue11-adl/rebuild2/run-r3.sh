#!/bin/bash
# The last window (README.md, round r3): run-window.sh, then two more rounds of fills and ticks (order alternated).
# Usage: run-r3.sh <this branch's benchmarks.jar> <main's benchmarks.jar>
here=$(cd "$(dirname "$0")" && pwd); new=$1; base=$2; d=$here/../deferred
ROUND=r3 "$here/run-window.sh" "$new" "$base"
flock /tmp/jmh.lock "$d/run-ab.sh" "$here/fills" rc new=$new before=$base
flock /tmp/jmh.lock "$d/run-ab.sh" "$here/fills" rd before=$base new=$new
