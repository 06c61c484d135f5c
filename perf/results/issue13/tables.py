#!/usr/bin/env python3
"""Markdown tables for docs/performance.md from the saved runs of issue 13 (this folder), so no figure is typed by hand.

python3 perf/results/issue13/tables.py > perf/results/issue13/tables.md
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def closed_loop(folder):
    """engine, bare Disruptor and bare Chronicle events/s of a liq bench run's summary.md."""
    rows = {}
    with open(os.path.join(HERE, folder, 'summary.md')) as f:
        text = f.read()
    header = re.search(r'\n(2 cores.*?)\n', text).group(1)
    load = ''
    for line in text.splitlines():
        m = re.match(r'\| (engine|bare Disruptor|bare Chronicle)[^|]*\| ([\d,]+) \| ([\d.]+) \| ([\d,]+) \|', line)
        if m and m.group(1) not in rows:
            rows[m.group(1)] = int(m.group(4).replace(',', ''))
    return rows, header


def bench_table():
    out = ['| market | build | engine events/s | bare Chronicle append/s | bare Disruptor events/s '
           '| engine / Chronicle | engine / Disruptor | saved run |',
           '|---|---|---:|---:|---:|---:|---:|---|']
    pairs = [('pair', build, market) for market in ('crashes', 'calm') for build in ('base', 'new')]
    pairs += [('pairR', build, market) for market in ('calm', 'crashes') for build in ('new', 'base')]
    for prefix, build, market in pairs:
        label = ('before (main, a document per input)' if build == 'base' else 'after (a document per batch)') + (
            ', second pair (this build run first)' if prefix == 'pairR' and build == 'new' else ', second pair (run second)' if prefix == 'pairR' else '')
        if True:
            folder = '%s-%s-%s' % (prefix, build, market)
            if not os.path.exists(os.path.join(HERE, folder, 'summary.md')):
                continue
            rows, _ = closed_loop(folder)
            e, c, d = rows['engine'], rows['bare Chronicle'], rows['bare Disruptor']
            out.append('| %s | %s | %s | %s | %s | %.2f | %.2f | `perf/results/issue13/%s/summary.md` |' % (
                market, label, f'{e:,}', f'{c:,}', f'{d:,}', e / c, e / d, folder))
    return '\n'.join(out)


def replay_table(name):
    out = ['| round | market | build | load (1, 5, 15 min) | inputs | wall s | inputs/s | thread CPU s '
           '| inputs per CPU s |', '|---:|---|---|---|---:|---:|---:|---:|---:|']
    with open(os.path.join(HERE, name)) as f:
        text = f.read()
    for block in text.split('## ')[1:]:
        head = re.match(r'round (\d+), (\w+), (\w+) \(load ([\d. ]+)\)', block)
        line = re.search(r'([\d,]+) inputs replayed .*?\(([\d.]+) s of them from the first input to the last: '
                         r'([\d,]+) inputs/s(?:; ([\d.]+) s of the thread\'s CPU: ([\d,]+) inputs per CPU second)?',
                         block)
        if not head or not line:
            continue
        build = 'before' if head.group(3) == 'base' else 'after'
        out.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            head.group(1), head.group(2), build, head.group(4).strip().replace(' ', ', '), line.group(1),
            line.group(2), line.group(3), line.group(4) or 'not printed', line.group(5) or 'not printed'))
    return '\n'.join(out)


def restart_table():
    out = ['| build | restart | to the `reading` line, ms | to the end of input less the 1 s idle, ms | load |',
           '|---|---:|---:|---:|---:|']
    with open(os.path.join(HERE, 'restart-3m-queue.txt')) as f:
        for line in f:
            m = re.match(r'(base|new) restart (\d+): (\d+) ms .*?; (-?\d+) ms .*load average ([\d.]+)', line)
            if m:
                out.append('| %s | %s | %s | %s | %s |' % ('before' if m.group(1) == 'base' else 'after',
                                                         m.group(2), m.group(3), m.group(4), m.group(5)))
    return '\n'.join(out)


def jfr_table():
    out = ['| build | market | samples | state machine | output queue | journal append | journal end of batch | other |',
           '|---|---|---:|---:|---:|---:|---:|---:|']
    with open(os.path.join(HERE, 'jfr-engine-thread.txt')) as f:
        text = f.read()
    for block in text.split('\n## ')[1:]:
        head = re.match(r'(base|new), market (\w+)', block)
        total = int(re.search(r'(\d+) samples of liq-handler-0', block).group(1))
        shares = {}
        for m in re.finditer(r'^\s+(\d+)\s+[\d.]+% (.+)$', block, re.M):
            shares[m.group(2)] = shares.get(m.group(2), 0) + int(m.group(1))
        named = ('state machine', 'output queue', 'journal append', 'journal endOfBatch')
        cells = ['%.0f%%' % (100.0 * shares.get(k, 0) / total) for k in named]
        other = total - sum(shares.get(k, 0) for k in named)
        out.append('| %s | %s | %d | %s | %.0f%% |' % ('before' if head.group(1) == 'base' else 'after',
                                                    head.group(2), total, ' | '.join(cells), 100.0 * other / total))
    return '\n'.join(out)


if __name__ == '__main__':
    print('### The engine thread, by JFR samples (closed loop)\n')
    print(jfr_table())
    print()
    print('### Closed loop, before and after (back-to-back runs)\n')
    print(bench_table())
    print('\n### Replay, before and after (the thread\'s CPU time printed by both builds)\n')
    print(replay_table('replay-cpu-before-after.txt'))
    print('\n### Replay, before and after (earlier rounds: only this branch printed the CPU time)\n')
    print(replay_table('replay-before-after.txt'))
    print('\n### Restart on an input queue of 3 million inputs\n')
    print(restart_table())
