import re,collections,sys
txt=open(sys.argv[1]).read()
thread=sys.argv[2]
evs=txt.split('jdk.ExecutionSample')
groups=collections.Counter(); n=0
order=[('journal append','ChronicleInputJournal.append'),('journal endOfBatch','ChronicleInputJournal.endOfBatch'),('output queue','ChronicleOutputChannel.onOutput'),('output endOfBatch','QueueWriter.endOfBatch'),('state machine','MarginStateMachine.onInput'),('counters','EngineCounters'),('latency probe','onApplied'),('ring wait','waitFor'),('journal read','JournalReader'),('replay harness','JournalReplay')]
for e in evs:
    if thread not in e: continue
    n+=1
    for name,key in order:
        if key in e:
            groups[name]+=1; break
    else:
        frames=re.findall(r'^\s+([\w$.]+)\(',e,re.M)
        groups['other: '+(frames[0] if frames else '?')]+=1
print(n,'samples of',thread)
for k,v in groups.most_common(20): print('%5d %5.1f%% %s'%(v,100*v/n,k))
