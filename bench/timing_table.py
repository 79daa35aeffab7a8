#!/usr/bin/env python3
"""The table of a peer benchmark (run-peers.sh, run-import.sh).

usage: timing_table.py OUT RUNS BASELINE RATIO PEER...

Reads OUT/PEER.time.R (the `/usr/bin/time -f "%e %U %S %M"` of round R) and
prints per peer the rounds, the median wall time with its range, the median
CPU time (user + sys), the median peak resident memory, and wall and CPU time
against BASELINE's: RATIO "baseline/tool" (how many times faster than the
baseline) or "tool/baseline" (the share of the baseline's time).
"""
import os
import statistics
import sys

out, runs, baseline, ratio, peers = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
rows = {}
for p in peers:
    t = []
    for r in range(1, runs + 1):
        f = os.path.join(out, f"{p}.time.{r}")
        if os.path.exists(f):
            e, u, s, m = open(f).read().split()[-4:]
            t.append((float(e), float(u) + float(s), int(m) / 1024))
    if t:
        rows[p] = (len(t), statistics.median(x[0] for x in t), statistics.median(x[1] for x in t),
                   statistics.median(x[2] for x in t), min(x[0] for x in t), max(x[0] for x in t))
base = rows.get(baseline)
if ratio == "baseline/tool":
    heads, of = (f"{baseline} wall / tool", f"{baseline} CPU / tool"), lambda b, x: b / x
else:
    heads, of = (f"wall / {baseline}", f"CPU / {baseline}"), lambda b, x: x / b
width = max([16] + [len(p) for p in rows])
print(f"{'tool':<{width}} {'runs':>4} {'wall s (median)':>15} {'min-max':>13} {'CPU s':>8} {'peak RSS MiB':>12} "
      f"{heads[0]:>{len(heads[0])}} {heads[1]:>{len(heads[1])}}")
for p, (n, wall, cpu, rss, lo, hi) in rows.items():
    w = f"{of(base[1], wall):.2f}x" if base else "-"
    c = f"{of(base[2], cpu):.2f}x" if base else "-"
    print(f"{p:<{width}} {n:>4} {wall:>15.2f} {lo:>6.2f}-{hi:<6.2f} {cpu:>8.2f} {rss:>12.0f} "
          f"{w:>{len(heads[0])}} {c:>{len(heads[1])}}")
