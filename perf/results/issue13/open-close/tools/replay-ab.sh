#!/usr/bin/env bash
# usage: replay-ab.sh OUT rounds jar... : liq replay of the calm journal, jars alternating (order reversed every
# other round); one line per run: jar, load, thread CPU seconds, wall seconds first-to-last input, state hash
out=$1; rounds=$2; shift 2
FL=$(cat /tmp/open/flags)
jars=("$@")
for r in $(seq 1 $rounds); do
  if (( r % 2 == 0 )); then order=($(printf '%s\n' "${jars[@]}" | tac)); else order=("${jars[@]}"); fi
  for j in "${order[@]}"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    res=$(java $FL -jar /tmp/open/liq-$j.jar replay --journal /tmp/open/rp/journal 2>&1 | tail -2 | tr '\n' ' ')
    cpu=$(echo "$res" | sed -n 's/.*; \([0-9.]*\) s of the thread.s CPU.*/\1/p')
    wall=$(echo "$res" | sed -n 's/.*(\([0-9.]*\) s of them from the first.*/\1/p')
    hash=$(echo "$res" | sed -n 's/.*state hash \([0-9a-f]*\).*/\1/p')
    echo "$(date -u +%H:%M:%S) round $r $j load $load cpu $cpu wall $wall hash $hash"
  done
done > "$out"
