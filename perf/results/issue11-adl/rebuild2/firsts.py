#!/usr/bin/env python3
"""Per output file of run-first*.sh: the load at start and end, and per trial (book, finder) the single operations
in us (the first is the first ADL after the book was built), and the positions ranked per cycle of the first."""
import re, sys, glob, os
for path in sorted(sum((glob.glob(os.path.join(d, 'first-*.txt')) for d in sys.argv[1:]), [])):
    text = open(path).read()
    loads = re.findall(r'^== .*?(\d\d:\d\d:\d\d) load: (\S+ \S+ \S+)', text, re.M)
    print(os.path.relpath(path), ' | '.join(f'{t} load {l}' for t, l in loads))
    for trial in re.split(r'^# Parameters: ', text, flags=re.M)[1:]:
        params = re.match(r'\((.*?)\)', trial).group(1)
        book = re.search(r'book = (\S+?),', params).group(1)
        finder = re.search(r'finder = (\S+?),', params).group(1)
        ops = re.findall(r'^([\d.]+) us/op', trial, re.M)
        ranked = re.findall(r'positions ranked per cycle: ([\d.]+)', trial)
        print(f'  {book:10} {finder:6} ' + ', '.join(f'{float(o):,.0f}' for o in ops) +
              (f'  (ranked {ranked[0]})' if ranked else ''))
