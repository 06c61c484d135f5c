#!/bin/bash
# The warm first-ADL trial alone (../deferred/run-first-warm.sh), twice with the order alternated, holding
# /tmp/jmh.lock: README.md's last round. Usage: ROUND=rN run-warm.sh <this branch's jar> <main's jar>
here=$(cd "$(dirname "$0")" && pwd); new=$1; base=$2; out=$here/${ROUND:-r4}; d=$here/../deferred
mkdir -p "$out"
ADL_RUN=1 flock /tmp/jmh.lock "$d/run-first-warm.sh" "$out" new=$new:search walk=$new:walk before=$base:search
ADL_RUN=2 flock /tmp/jmh.lock "$d/run-first-warm.sh" "$out" before=$base:search walk=$new:walk new=$new:search
