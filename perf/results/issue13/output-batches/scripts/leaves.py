# Top frames of the engine thread's samples inside the output queue (ChronicleOutputChannel), from a jfr print.
# Usage: python3 leaves.py F.txt liq-handler-0
import re, collections, sys
txt = open(sys.argv[1]).read()
c = collections.Counter(); n = 0
for e in txt.split('jdk.ExecutionSample'):
    if sys.argv[2] not in e or 'ChronicleOutputChannel.' not in e:
        continue
    n += 1
    frames = re.findall(r'^\s+([\w$.]+)\(', e, re.M)
    c[frames[0] if frames else '?'] += 1
print(n, 'samples in the output queue; their top frames:')
for k, v in c.most_common(8):
    print('%5d %5.1f%% %s' % (v, 100 * v / n, k))
