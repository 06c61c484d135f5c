#!/usr/bin/env bash
# run-replays.sh: the demo journals, recorded by the base jar (7ae86f3), replayed by the base and the new jar;
# each replay compares its outputs with the recorded ones byte for byte (--outputs) and prints the state hash.
#   a: liq demo --events 3000000 --accounts 1000 --liquidation market --rate 0 --dir /tmp/adldup-demo-a
#   b: liq demo --dir /tmp/adldup-demo-b   (the default demo: its flash crash deleverages)
#   c: liq demo --events 3000000 --accounts 1000 --liquidation takeover --rate 0 --dir /tmp/adldup-demo-c
# Then one deleveraged account's replay (--account: its history and its positions' ADL indicators), both jars.
set -u
cd "$(dirname "$0")"
for demo in a b c; do
    # the settings the demo ran with: config/engine.yaml's (market mode, a fund floor of 0), takeover mode for c
    config=../../../config/engine.yaml
    [ "$demo" = c ] && config=engine-takeover.yaml
    for jar in base new; do
        echo "== demo $demo, $jar jar, load $(cut -d' ' -f1-3 /proc/loadavg)"
        ./liqjar.sh "/tmp/adldup-jars/$jar-tools.jar" replay --config "$config" --journal "/tmp/adldup-demo-$demo/journal" \
            --outputs "/tmp/adldup-demo-$demo/outputs" 2>&1 | grep -v "^liq replay: at sequence"
    done
done
for jar in base new; do
    ./liqjar.sh "/tmp/adldup-jars/$jar-tools.jar" replay --config ../../../config/engine.yaml \
        --journal /tmp/adldup-demo-a/journal --account 166 2>&1 | grep -v "^liq replay: at sequence" |
        grep -v "inputs replayed from" > "/tmp/adldup-account-166-$jar.txt"
done
if cmp -s /tmp/adldup-account-166-base.txt /tmp/adldup-account-166-new.txt; then
    echo "== replay --account 166 (deleveraged at input 45379 of demo a): base and new print the same" \
        "($(wc -l < /tmp/adldup-account-166-new.txt) lines; the progress and timing lines left out)"
else
    echo "== replay --account 166: base and new DIFFER"
fi
grep "ADL indicator" /tmp/adldup-account-166-new.txt
