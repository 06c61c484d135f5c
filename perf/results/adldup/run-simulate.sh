#!/usr/bin/env bash
# run-simulate.sh: liq simulate of generated books (book-scenario.py) with the base jar (7ae86f3: every ADL
# indicator ranks its side: n²) and the new jar (each side ranked once and sorted), run alternately; saves each
# output (simulate-N-JAR.txt), whether the two outputs are identical, the wall and CPU time, and the load.
set -u
cd "$(dirname "$0")"
for n in 2000 6000 14000; do
    ./book-scenario.py "$n" "$n" > "/tmp/adldup-book-$n.yaml"
    for jar in base new base new; do
        echo "$(date -u +%T) n=$n jar=$jar load: $(cut -d' ' -f1-3 /proc/loadavg)"
        /usr/bin/time -f "n=$n jar=$jar wall %e s, user %U s, sys %S s" ./liqjar.sh "/tmp/adldup-jars/$jar-tools.jar" \
            simulate "/tmp/adldup-book-$n.yaml" > "/tmp/adldup-simulate-$n-$jar.txt" 2>&1
        tail -1 "/tmp/adldup-simulate-$n-$jar.txt"
        # the time line is the last of the output: compare what simulate printed
        head -n -1 "/tmp/adldup-simulate-$n-$jar.txt" > "/tmp/adldup-simulate-$n-$jar.out"
    done
    if cmp -s "/tmp/adldup-simulate-$n-base.out" "/tmp/adldup-simulate-$n-new.out"; then
        echo "n=$n: outputs identical ($(wc -l < "/tmp/adldup-simulate-$n-new.out") lines, $(grep -c 'XUSDT   ' \
            "/tmp/adldup-simulate-$n-new.out") table rows with XUSDT)"
    else
        echo "n=$n: outputs DIFFER"
    fi
done
echo "$(date -u +%T) end load: $(cut -d' ' -f1-3 /proc/loadavg)"
