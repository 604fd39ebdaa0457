#!/usr/bin/env python3
"""Self time per symbol of two perf recordings (raw, pd) in microseconds per request, sorted by
the difference. Usage: perf-selfdiff.py raw.data RAW_CPU_US pd.data PD_CPU_US (BENCHMARKS.md)."""
import sys, subprocess, re, collections
def load(path, cpu):
    out = subprocess.run(["perf","report","-i",path,"--no-children","--comm","lg-client","--sort","sym","-g","none","--percent-limit","0.05","--stdio"],capture_output=True,text=True).stdout
    d={}
    for line in out.splitlines():
        m=re.match(r"\s+([\d.]+)%\s+\[[.k]\]\s+(.*)$",line)
        if m: d[m.group(2).strip()[:110]]=float(m.group(1))*cpu/100
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
