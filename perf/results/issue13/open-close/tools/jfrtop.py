import sys, subprocess, collections, re
# usage: jfrtop.py file.jfr [thread-substring]
f = sys.argv[1]; th = sys.argv[2] if len(sys.argv) > 2 else None
out = subprocess.run(['jfr','print','--events','jdk.ExecutionSample','--stack-depth','64',f],capture_output=True,text=True).stdout
self_c = collections.Counter(); incl = collections.Counter(); lines = collections.Counter(); n = 0
for ev in out.split('jdk.ExecutionSample')[1:]:
    m = re.search(r'sampledThread = "([^"]*)"', ev)
    if th and (not m or th not in m.group(1)): continue
    frames = re.findall(r'^\s+([\w.$<>]+)\(.*?\)\s+line: (\d+)', ev, re.M)
    if not frames: continue
    n += 1
    self_c[frames[0][0]] += 1
    lines[frames[0][0] + ':' + frames[0][1]] += 1
    for fr in set(x[0] for x in frames): incl[fr] += 1
print('samples', n)
print('\ntop frames (self)')
for k, v in self_c.most_common(30): print(f'{v:6d} {100*v/n:5.1f}%  {k}')
print('\ntop lines (self)')
for k, v in lines.most_common(30): print(f'{v:6d} {100*v/n:5.1f}%  {k}')
print('\ninclusive')
for k, v in incl.most_common(45): print(f'{v:6d} {100*v/n:5.1f}%  {k}')
