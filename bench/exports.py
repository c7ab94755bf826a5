#!/usr/bin/env python3
"""Times `newsls export` in each format against `newsls check` on the same folder.

    python3 ../shared/bench/corpus/make_corpus.py target/corpus
    python3 bench/exports.py target/corpus/workspace [--rounds 5]

Rounds interleave the commands (check, then each format), so a busy moment of the machine
falls on all of them; each export writes into a new folder (deleting the last one first
would make the file system slower to create the next files). Prints, per format, the median
wall time and the median of the per-round ratio to check's time, and the output's size.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FORMATS = ["cites", "spans", "brat", "w3c"]


def timed(command):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def size(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--newsls", default="target/release/newsls")
    parser.add_argument("--formats", nargs="+", default=FORMATS, choices=FORMATS)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="newsls-exports-")
    times = {name: [] for name in ["check", *args.formats]}
    ratios = {name: [] for name in args.formats}
    sizes = {}
    try:
        for round in range(args.rounds):
            check = timed([args.newsls, "check", args.folder])
            times["check"].append(check)
            for name in args.formats:
                out = os.path.join(scratch, f"{name}-{round}")
                took = timed([args.newsls, "export", "--format", name, "--out", out, args.folder])
                times[name].append(took)
                ratios[name].append(took / check)
                sizes[name] = size(out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{args.folder}: {args.rounds} rounds on {os.cpu_count()} CPUs")
    print(f"check   {statistics.median(times['check']):6.2f} s")
    for name in args.formats:
        print(
            f"{name:7} {statistics.median(times[name]):6.2f} s"
            f"  {statistics.median(ratios[name]):.2f}x check"
            f"  (rounds {' '.join(f'{r:.2f}' for r in ratios[name])})"
            f"  {sizes[name] / 1e6:,.0f} MB written"
        )


if __name__ == "__main__":
    main()
