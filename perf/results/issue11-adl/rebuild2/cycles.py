#!/usr/bin/env python3
"""Per DeleveragingBenchmark output file (run-adl.sh): per trial, the warm-up and measured iterations in us per cycle,
the positions ranked per cycle of each, and the gc.alloc.rate.norm line."""
import re, sys
for path in sys.argv[1:]:
    text = open(path).read()
    loads = re.findall(r'^== .*?(\d\d:\d\d:\d\d) load: (\S+ \S+ \S+)', text, re.M)
    print(path, ' | '.join(f'{t} load {l}' for t, l in loads))
    for trial in re.split(r'^# Parameters: ', text, flags=re.M)[1:]:
        params = re.match(r'\((.*?)\)', trial).group(1)
        book = re.search(r'book = (\S+?),', params).group(1)
        finder = re.search(r'finder = (\S+?),', params).group(1)
        its = re.findall(r'Iteration\s+\d+: \n\[.*?ranked per cycle: ([\d.]+).*?\n([\d.]+) us/op', trial)
        print(f'  {book:10} {finder:6} ' + ', '.join(f'{float(t):,.0f} ({float(r):,.0f})' for r, t in its))
    for line in re.findall(r'^DeleveragingBenchmark.gapTakeover:gc.alloc.rate.norm.*$', text, re.M):
        print('  ' + ' '.join(line.split()))
