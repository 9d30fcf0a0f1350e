#!/usr/bin/env python3
# Re-runs every `$ newsgraph ...` console example in README.md with the
# release binary and pastes its output (stdout and stderr), and pastes
# graphs/seed.mmd into the mermaid block: run after scripts/graphs.sh when the
# extraction changed (tests/golden.rs fails on stale examples).
#   cargo build --release && python3 scripts/readme-examples.py
import re, subprocess, sys
p='README.md'
s=open(p).read()
lines=s.split('\n')
out=[];i=0
while i<len(lines):
    l=lines[i]
    out.append(l)
    if l.startswith('$ newsgraph '):
        cmd=l[2:]
        # skip old output until next '$ ' or closing fence
        j=i+1
        while j<len(lines) and not lines[j].startswith('$ ') and not lines[j].startswith('```'):
            j+=1
        res=subprocess.run('target/release/'+cmd+' 2>&1',shell=True,capture_output=True,text=True)
        out.extend(res.stdout.rstrip('\n').split('\n') if res.stdout.strip() else [])
        i=j; continue
    i+=1
s='\n'.join(out)
mmd=open('graphs/seed.mmd').read().rstrip('\n')
s=re.sub(r'```mermaid\n.*?```', lambda m: '```mermaid\n'+mmd+'\n```', s, flags=re.S)
open(p,'w').write(s)
