#!/usr/bin/env python3
"""A thread's JFR samples (the engine's of a liq bench run, or liq replay's main thread), grouped (as ../../output-batches/scripts/groups.py: the first
of these frames found from the top of the stack), then inside the state machine by the input's handler (the frame
MarginStateMachine.onInput called) and by leaf frame.

Usage: jfr print --stack-depth 64 --events jdk.ExecutionSample F.jfr > F.txt; python3 profile.py F.txt liq-handler-0
(or main, for liq replay)
"""
import collections
import re
import sys

ORDER = [('journal append', 'ChronicleInputJournal.append'),
         ('journal end of batch', 'ChronicleInputJournal.endOfBatch'),
         ('output queue', 'ChronicleOutputChannel.'),
         ('output queue', 'QueueWriter.endOfBatch'),
         ('replay: outputs taken', 'JournalReplay$Run.onOutput'),
         ('state machine', 'MarginStateMachine.onInput'),
         ('latency recording', 'PipelineLatency'),
         ('bench latency probe', 'LatencyProbe'),
         ('counters', 'EngineCounters'),
         ('ring wait', 'waitFor'),
         ('journal read', 'JournalReader.')]


def frames_of(event):
    return re.findall(r'^\s+([\w$.]+)\(', event, re.M)


def main(path, thread):
    text = open(path).read()
    groups = collections.Counter()
    handlers = collections.Counter()
    leaves = collections.Counter()
    n = 0
    for event in text.split('jdk.ExecutionSample')[1:]:
        if 'sampledThread = "%s"' % thread not in event:
            continue
        n += 1
        frames = frames_of(event)
        for name, key in ORDER:
            if key in event:
                groups[name] += 1
                if name == 'state machine':
                    at = next(i for i, f in enumerate(frames) if f.endswith('MarginStateMachine.onInput'))
                    while at > 0 and frames[at - 1].endswith('.dispatch'):
                        at -= 1  # the type switch: the handler is the frame it called
                    handlers[frames[at - 1] if at > 0 else 'onInput itself'] += 1
                    leaves[frames[0] if frames else '?'] += 1
                break
        else:
            groups['other: ' + (frames[0] if frames else '?')] += 1
    print('%d samples of %s' % (n, thread))
    for name, count in groups.most_common(12):
        print('%5d %5.1f%% %s' % (count, 100.0 * count / n, name))
    machine = groups['state machine']
    print('\nstate machine (%d samples), by the input handler that dispatch called:' % machine)
    for name, count in handlers.most_common(10):
        print('%5d %5.1f%% of the thread %s' % (count, 100.0 * count / n, name))
    print('\nstate machine, by leaf frame:')
    for name, count in leaves.most_common(15):
        print('%5d %5.1f%% of the thread %s' % (count, 100.0 * count / n, name))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
