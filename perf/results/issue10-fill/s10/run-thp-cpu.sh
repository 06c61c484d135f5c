#!/usr/bin/env bash
# Large pages in CPU time: FillCpu (one engine per JVM, the fill thread's CPU time per block, minimum and quartiles)
# at 10M positions, with and without -XX:+UseTransparentHugePages, new engine (1,024 instruments) and the dense
# engine a813d1b (4 instruments, every account in all four: its benchmark's book), order reversed every round.
# Usage: run-thp-cpu.sh new.jar new-classes-dir dense.jar dense-classes-dir rounds
set -u
NEW=$1; NEWH=$2; DENSE=$3; DENSEH=$4; ROUNDS=$5
FLAGS="-Xmx8g --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"
one() # label jar classes instruments extra-flag
{
    local out
    out=$(flock /tmp/jmh.lock java $FLAGS $5 -cp "$2:$3" FillCpu 10000000 "$4" fill 15 40 100000 2>&1 | tail -1)
    echo "$1 ${5:-no-thp} | $out"
}
for ((r = 0; r < ROUNDS; r++)); do
    if ((r % 2 == 0)); then
        one new "$NEW" "$NEWH" 1024 ""; one new "$NEW" "$NEWH" 1024 -XX:+UseTransparentHugePages
        one dense "$DENSE" "$DENSEH" 4 ""; one dense "$DENSE" "$DENSEH" 4 -XX:+UseTransparentHugePages
    else
        one dense "$DENSE" "$DENSEH" 4 -XX:+UseTransparentHugePages; one dense "$DENSE" "$DENSEH" 4 ""
        one new "$NEW" "$NEWH" 1024 -XX:+UseTransparentHugePages; one new "$NEW" "$NEWH" 1024 ""
    fi
done
