#!/usr/bin/env python3
"""Per benchmark and jar: the measured iterations of every round (files ROUND-WHAT-JAR.txt), their minimum and
median, and each round's mean; minimum and median are what noise from other processes (which only adds) moves least."""
import glob, re, statistics, sys, collections
data = collections.defaultdict(lambda: collections.defaultdict(list))
rounds = collections.defaultdict(lambda: collections.defaultdict(list))
for f in sorted(glob.glob(sys.argv[1] + '/r*-*.txt')):
    rnd, what, jar = f.split('/')[-1][:-4].split('-', 2)
    bench = None
    for line in open(f):
        m = re.match(r'# Benchmark: \S+\.(\w+)', line)
        if m:
            bench = m.group(1)
        p = re.match(r'# Parameters: \((.*)\)', line)
        if p and bench:
            params = p.group(1)
            key = bench + ('' if 'book' not in params else ' ' + params)
        m = re.match(r'Iteration +\d+: ([\d.]+) (\S+)', line)
        if m and bench:
            v = float(m.group(1))
            data[key][jar].append(v)
            rounds[key][jar].append((rnd, v))
for bench in data:
    print(bench)
    for jar in sorted(data[bench]):
        vs = data[bench][jar]
        per = collections.defaultdict(list)
        for r, v in rounds[bench][jar]:
            per[r].append(v)
        means = ' '.join('%s:%.0f' % (r, statistics.mean(per[r])) for r in sorted(per))
        print('  %-6s n=%2d min %9.1f median %9.1f   round means %s' % (jar, len(vs), min(vs), statistics.median(vs), means))
