#!/usr/bin/env bash
# Runs com.liqengine.perf.Interleaved (two or more benchmarks jars in one JVM, blocks alternating) with the JVM flags
# ./liq uses, under the machine's JMH lock, and writes the load before and after with the output.
#   perf/scripts/interleaved.sh OUT.txt [--benchmark fill] [--positions N] [--book scattered] ... A.jar B.jar
# Build each jar with: ./mvnw -q -B -pl perf -am package -DskipTests (perf/target/benchmarks.jar), copied aside.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 OUT.txt [Interleaved options] JAR JAR..." >&2; exit 2; }
OUT="$1"; shift
mapfile -t FLAGS < <(sed -n 's/^    \(--add-[a-z]*=[^ ]*\|-Dchronicle[^ ]*\)$/\1/p' "$ROOT/liq")
HEAP="${HEAP:--Xmx16g}"
flock /tmp/jmh.lock java "$HEAP" "${FLAGS[@]}" -cp "$ROOT/perf/target/benchmarks.jar" \
    com.liqengine.perf.Interleaved "$@" 2>&1 | tee "$OUT"
