#!/usr/bin/env bash
set -u
cd /tmp/layout
./cpu.sh /tmp/layout/cpu-2.txt 2 base=/tmp/layout/base.jar:/tmp/layout/h:1024 new=/tmp/layout/new5.jar:/tmp/layout/h:1024 dense=/tmp/layout/dense.jar:/tmp/layout/hd:4
./il2.sh il-7-account.txt account 10000000 1024 fill 100 20000 30 base.jar new5.jar
./il2.sh il-8-scattered.txt scattered 10000000 1024 fill 100 20000 30 base.jar new5.jar
./il2.sh il-9-cross50.txt account 100000 1024 cross50 200 500 100 base.jar new5.jar
./il2.sh il-10-fill1k.txt account 1000 1024 fill 200 2000 100 base.jar new5.jar
echo done > chain-done
