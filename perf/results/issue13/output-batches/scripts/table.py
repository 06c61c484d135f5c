# The closed-loop lines of each saved run (r<round>-<build>-<market>/summary.md) as one markdown table, with the
# load average measure.log noted before the run. Usage: python3 scripts/table.py (from output-batches/).
import re, os
loads = {}
for line in open('measure.log'):
    m = re.match(r'(\S+) load (\S+ \S+ \S+): bench (\w+) (\w+) round (\d)', line)
    if m:
        loads[(m.group(5), m.group(3), m.group(4))] = (m.group(1), m.group(2))
def num(s):
    return int(s.replace(',', ''))
print('| round | market | build | started (UTC) | load (1, 5, 15 min) | engine events/s | bare Chronicle append/s | '
      'bare Disruptor events/s | engine / Chronicle | engine / Disruptor | saved run |')
print('|---:|---|---|---|---|---:|---:|---:|---:|---:|---|')
for rnd in ('1', '2'):
    for market in ('crashes', 'calm'):
        order = ('base', 'new') if rnd == '1' else ('new', 'base')
        for build in order:
            d = 'r%s-%s-%s' % (rnd, build, market)
            f = os.path.join(d, 'summary.md')
            if not os.path.exists(f):
                continue
            rows = {}
            for line in open(f):
                cells = [c.strip() for c in line.split('|')]
                if len(cells) > 5 and cells[1] in ('engine (ring, journal, state machine, output queue)',
                                                   'bare Disruptor pass-through', 'bare Chronicle append') \
                        and cells[2] == '2,000,000':
                    rows[cells[1]] = num(cells[4])
            e = rows['engine (ring, journal, state machine, output queue)']
            c = rows['bare Chronicle append']
            dd = rows['bare Disruptor pass-through']
            when, load = loads.get((rnd, build, market), ('?', '?'))
            label = 'main (a document per output)' if build == 'base' else 'this branch (a document per batch)'
            print('| %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | `%s/summary.md` |' % (
                rnd, market, label, when[11:19], load.replace(' ', ', '), format(e, ','), format(c, ','),
                format(dd, ','), e / c, e / dd, d))
