# Engine-thread JFR samples grouped by the first of these frames on the stack (as ../scripts/groups.py, with the
# output queue's end of batch counted as the output queue: in format 2 it completes the batch's document).
# Usage: jfr print --stack-depth 64 --events jdk.ExecutionSample F.jfr > F.txt; python3 groups.py F.txt liq-handler-0
import re, collections, sys
txt = open(sys.argv[1]).read()
thread = sys.argv[2]
order = [('journal append', 'ChronicleInputJournal.append'),
         ('journal end of batch', 'ChronicleInputJournal.endOfBatch'),
         ('output queue: onOutput', 'ChronicleOutputChannel.onOutput'),
         ('output queue: end of batch', 'ChronicleOutputChannel.endOfBatch'),
         ('output queue: end of batch', 'ChronicleQueueWriter.endOfBatch'),
         ('output queue: end of batch', 'QueueWriter.endOfBatch'),
         ('state machine', 'MarginStateMachine.onInput'),
         ('latency probe', 'onApplied'), ('ring wait', 'waitFor')]
groups = collections.Counter(); n = 0
for e in txt.split('jdk.ExecutionSample'):
    if thread not in e:
        continue
    n += 1
    for name, key in order:
        if key in e:
            groups[name] += 1
            break
    else:
        frames = re.findall(r'^\s+([\w$.]+)\(', e, re.M)
        groups['other: ' + (frames[0] if frames else '?')] += 1
print(n, 'samples of', thread)
out = sum(v for k, v in groups.items() if k.startswith('output queue'))
for k, v in groups.most_common(20):
    print('%5d %5.1f%% %s' % (v, 100 * v / n, k))
print('%5d %5.1f%% output queue in all' % (out, 100 * out / max(n, 1)))
