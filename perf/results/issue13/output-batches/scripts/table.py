# The closed-loop lines of each saved run (r<round>-<build>-<market>/summary.md) as one markdown table, in the
# order they ran, with the load average noted before each run (measure.log, measure2.log).
# Usage: python3 scripts/table.py (from output-batches/).
import re, os
runs = []
for log in ('measure.log', 'measure2.log', 'measure3.log'):
    if not os.path.exists(log):
        continue
    for line in open(log):
        m = re.match(r'(\S+) load (\S+ \S+ \S+): bench (\w+) (\w+) round (\d)', line)
        if m:
            runs.append((m.group(1), m.group(2), m.group(5), m.group(3), m.group(4)))
labels = {'base': 'main (a document per output)',
          'new': 'this branch, first build (a document per batch)',
          'new2': 'this branch (a document per batch, one copyMemory per entry)'}
def num(s):
    return int(s.replace(',', ''))
print('| round | market | build | started (UTC) | load (1, 5, 15 min) | engine events/s | bare Chronicle append/s | '
      'bare Disruptor events/s | engine / Chronicle | engine / Disruptor | saved run |')
print('|---:|---|---|---|---|---:|---:|---:|---:|---:|---|')
for when, load, rnd, build, market in runs:
    d = 'r%s-%s-%s' % (rnd, build, market)
    f = os.path.join(d, 'summary.md')
    if not os.path.exists(f):
        continue
    rows = {}
    for line in open(f):
        cells = [c.strip() for c in line.split('|')]
        if len(cells) > 5 and cells[2] == '2,000,000':
            rows[cells[1]] = num(cells[4])
    e = rows['engine (ring, journal, state machine, output queue)']
    c = rows['bare Chronicle append']
    dd = rows['bare Disruptor pass-through']
    print('| %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | `%s/summary.md` |' % (
        rnd, market, labels[build], when[11:19], load.replace(' ', ', '), format(e, ','), format(c, ','),
        format(dd, ','), e / c, e / dd, d))
