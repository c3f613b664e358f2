#!/usr/bin/env python3
"""Which code each side's calls spend the client's CPU on, from one interleaved run.

    bench --pinned --only token_delete --windows /tmp/windows.txt   (under perf, below)
    perf record -k mono -e cpu-clock -F 25000 -o /tmp/perf.data -- target/release/bench ...
    perf script -i /tmp/perf.data -F comm,pid,tid,time,ip,sym,dso --ns > /tmp/perf.txt
    python3 bench/perf_windows.py /tmp/perf.txt /tmp/windows.txt [ROWS]

Every sample of the client's runtime thread that falls inside a call's window (the bench's
`--windows` file: start, end, side) is given to that call's side. Prints each side's samples,
their split by where the code lives, and the functions whose counts differ most.
"""
import bisect
import collections
import re
import sys

SAMPLE = re.compile(r"^\s*(\S.*?)\s+(\d+)/(\d+)\s+(\d+)\.(\d+):\s+[0-9a-f]+\s+(.*)$")


def place(symbol):
    if "[kernel" in symbol:
        return "kernel"
    if "semaphore_api" in symbol or "tracing::instrument" in symbol:
        return "this library"
    if "bench::" in symbol:
        return "bench code"
    if "libc.so" in symbol:
        return "libc"
    return "other crates"


def main():
    perf_text, windows_file = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    windows = sorted(tuple(map(int, line.split())) for line in open(windows_file))
    starts = [w[0] for w in windows]
    samples, threads = [], collections.Counter()
    for line in open(perf_text):
        m = SAMPLE.match(line)
        if m:
            comm, pid, tid, sec, ns, symbol = m.groups()
            samples.append((int(tid), int(sec) * 10**9 + int(ns), symbol.strip()))
            threads[(comm, int(pid), int(tid))] += 1
    client = min(pid for _, pid, _ in threads)  # the bench started the server after itself
    runtime = [k for k in threads if k[1] == client and k[0].startswith("tokio")]
    thread = max(runtime, key=lambda k: threads[k])[2]
    per_side = [collections.Counter(), collections.Counter()]
    for tid, time, symbol in samples:
        i = bisect.bisect_right(starts, time) - 1
        if tid != thread or i < 0 or time > windows[i][1]:
            continue
        per_side[windows[i][2]][re.sub(r"\+0x[0-9a-f]+", "", symbol)] += 1
    totals = [sum(side.values()) for side in per_side]
    print(f"samples in calls: generated {totals[0]}, hand-written {totals[1]}, "
          f"ratio {totals[0] / totals[1]:.4f}")
    places = [collections.Counter(), collections.Counter()]
    for side in (0, 1):
        for symbol, n in per_side[side].items():
            places[side][place(symbol)] += n
    for name in sorted(set(places[0]) | set(places[1])):
        g, h = places[0][name], places[1][name]
        print(f"{name:13} generated {g:7d}  hand-written {h:7d}  difference {g - h:+7d}")
    symbols = set(per_side[0]) | set(per_side[1])
    diffs = sorted(symbols, key=lambda s: -abs(per_side[0][s] - per_side[1][s]))
    for symbol in diffs[:rows]:
        g, h = per_side[0][symbol], per_side[1][symbol]
        print(f"{g - h:+7d} {g:7d} {h:7d}  {symbol[:140]}")


if __name__ == "__main__":
    main()
