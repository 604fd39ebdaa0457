#!/usr/bin/env python3
"""Per-request costs from a callgrind recording of the load program (BENCHMARKS.md, fifth pass).

    valgrind --tool=callgrind --cache-sim=yes --callgrind-out-file=pd.cg \
        target/release/examples/loadgen --only pd-typed --concurrency 1 --secs 3 --rounds 1
    scripts/cachesim-per-request.py pd.cg [raw.cg ...]

For each recording: the inclusive events of the measured caller (`loadgen::Clients::one`'s
future, which excludes start-up) divided by the calls of reqwest's `execute_request` (one per
request on every side), and callgrind's cycle estimate, Ir + 10 x L1 misses + 100 x LL misses
(instruction and data, read and write). Deterministic in practice, unlike this VM's
clocks: two recordings of the raw side, from two binaries, agreed within 0.1%.
"""

import re
import subprocess
import sys

CALLER = "loadgen::Clients::one::{{closure}}"
PER_REQUEST = "reqwest::async_impl::client::Client::execute_request"


def annotate(path):
    return subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--tree=caller", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def numbers(columns):
    return [0 if x == "." else int(x.replace(",", "")) for x in re.findall(r"([\d,]+|\.)\s+(?:\([^)]*\))?", columns)]


def per_request(path):
    out = annotate(path)
    events = next(l.split(":", 1)[1].split() for l in out.splitlines() if l.startswith("Events shown:"))
    calls = 0
    for block in out.split("\n\n"):
        lines = block.splitlines()
        if any("* " in l and PER_REQUEST + " " in l for l in lines):
            calls = sum(
                int(m.group(1).replace(",", ""))
                for l in lines
                if (m := re.search(r"<.*\((\d[\d,]*)x\)", l))
            )
            break
    total = next(numbers(l.split("*")[0]) for l in out.splitlines() if "* " in l and CALLER in l)
    if calls == 0:
        sys.exit(f"{path}: no calls of {PER_REQUEST}")
    row = {e: n / calls for e, n in zip(events, total)}
    l1 = row.get("I1mr", 0) + row.get("D1mr", 0) + row.get("D1mw", 0)
    ll = row.get("ILmr", 0) + row.get("DLmr", 0) + row.get("DLmw", 0)
    row["est"] = row["Ir"] + 10 * l1 + 100 * ll
    return calls, row


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    first = None
    print(f"{'recording':<28} {'requests':>8} {'Ir':>9} {'I1mr':>6} {'D1mr':>6} {'D1mw':>6} {'est. cycles':>11}  ratio")
    for path in sys.argv[1:]:
        calls, r = per_request(path)
        first = first or r["est"]
        print(
            f"{path:<28} {calls:>8} {r['Ir']:>9.0f} {r.get('I1mr', 0):>6.0f} {r.get('D1mr', 0):>6.0f}"
            f" {r.get('D1mw', 0):>6.0f} {r['est']:>11.0f}  {r['est'] / first:.3f}x"
        )


if __name__ == "__main__":
    main()
