#!/usr/bin/env python3
"""Self time per symbol of two perf recordings (raw, pd) in microseconds per request, sorted by
the difference. Usage: perf-selfdiff.py raw.data RAW_CPU_US pd.data PD_CPU_US (BENCHMARKS.md)."""
import sys, subprocess, re
def load(path, cpu):
    # Sorted by comm too, then filtered here: `--comm lg-client --sort sym` drops some symbols
    # (libc's memmove read as absent on one side).
    out = subprocess.run(["perf","report","-i",path,"--no-children","--sort","comm,sym","-g","none","--percent-limit","0.02","--stdio"],capture_output=True,text=True).stdout
    d={}
    total=0.0
    for line in out.splitlines():
        m=re.match(r"\s+([\d.]+)%\s+lg-client\s+\[[.k]\]\s+(.*)$",line)
        if m:
            d[m.group(2).strip()[:110]]=float(m.group(1))
            total+=float(m.group(1))
    # Shares of the client threads' samples, times the client's CPU per request.
    d={k:v/total*cpu for k,v in d.items()}
    return d
a=load(sys.argv[1],float(sys.argv[2])); b=load(sys.argv[3],float(sys.argv[4]))
keys=set(a)|set(b)
rows=sorted(keys,key=lambda k: b.get(k,0)-a.get(k,0),reverse=True)
print("total raw %.1f pd %.1f"%(sum(a.values()),sum(b.values())))
for k in rows[:45]:
    print("%6.2f %6.2f %+6.2f  %s"%(a.get(k,0),b.get(k,0),b.get(k,0)-a.get(k,0),k))
print("...")
for k in rows[-8:]:
    print("%6.2f %6.2f %+6.2f  %s"%(a.get(k,0),b.get(k,0),b.get(k,0)-a.get(k,0),k))
