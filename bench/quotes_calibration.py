#!/usr/bin/env python3
"""Calibration of `newsls quotes` speaker confidence: for each confidence bucket, the share
of speakers that are right.

Runs `newsls quotes --format json --position-encoding utf-32` over a benchmark folder (by
default ../shared/bench/quotes/train), matches predicted quotes to gold quotes the way the
benchmark's scorer does (../shared/tools/score_quotes.py, imported: spans overlapping by at
least half of the longer one, speakers compared by last name), and counts, among matched
gold quotes with a checkable speaker, how many predicted speakers are right per bucket.
Quotes predicted without a speaker are listed as "none".

Usage: bench/quotes_calibration.py [--data DIR] [--binary PATH]
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "../shared/tools"))
import score_quotes as scorer  # noqa: E402

BUCKETS = [(0.9, "0.9-1.0"), (0.8, "0.8-0.9"), (0.7, "0.7-0.8"), (0.6, "0.6-0.7"), (0.0, "<0.6")]


def bucket(confidence):
    if confidence is None:
        return "none"
    return next(name for floor, name in BUCKETS if confidence >= floor)


def gold_quotes(txt, starts):
    path = txt.parent / (txt.name[:-4] + ".gold.jsonl")
    out = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                a = starts[g["line"]] + g["start"]
                out.append(dict(g, a=a, b=starts[g["line"]] + g["end"]))
    return out


def predictions(doc, text):
    lines, starts = text.split("\n"), scorer.line_starts(text)
    preds = []
    for q in doc.get("quotes") or []:
        r = q["range"]
        a = scorer.to_offset(text, lines, starts, r["start"], "utf-32")
        b = scorer.to_offset(text, lines, starts, r["end"], "utf-32")
        spk = q.get("speaker")
        name = spk.get("name") if isinstance(spk, dict) else None
        conf = q.get("confidence") if name else None
        if b > a:
            preds.append((a, b, name, conf))
    return preds


def matches(preds, gold):
    cands = []
    for pi, (pa, pb, _, _) in enumerate(preds):
        for gi, g in enumerate(gold):
            longer = max(pb - pa, g["b"] - g["a"])
            ov = min(pb, g["b"]) - max(pa, g["a"])
            if ov > 0 and ov >= 0.5 * longer:
                cands.append((ov / longer, pi, gi))
    cands.sort(reverse=True)
    pm, gm = {}, set()
    for _, pi, gi in cands:
        if pi not in pm and gi not in gm:
            pm[pi] = gi
            gm.add(gi)
    return pm


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "../shared/bench/quotes/train")
    ap.add_argument("--binary", type=Path, default=ROOT / "target/release/newsls")
    args = ap.parse_args()
    txts = sorted(p for p in args.data.glob("*.txt"))
    if not txts:
        sys.exit(f"no .txt files in {args.data}")
    cmd = [str(args.binary), "quotes", "--format", "json", "--position-encoding", "utf-32"]
    out = subprocess.run(cmd + [str(t) for t in txts], capture_output=True, text=True, check=True)
    docs = {Path(d["path"]).name: d for d in json.loads(out.stdout)}
    counts = {}
    for txt in txts:
        text = txt.read_text(encoding="utf-8")
        gold = gold_quotes(txt, scorer.line_starts(text))
        preds = predictions(docs.get(txt.name, {}), text)
        for pi, gi in matches(preds, gold).items():
            g = gold[gi]
            if g.get("optional") or not g.get("speaker_check", g.get("speaker") is not None):
                continue
            _, _, name, conf = preds[pi]
            right = bool(name) and scorer.same_speaker(name, g["speaker"])
            c = counts.setdefault(bucket(conf), [0, 0])
            c[0] += right
            c[1] += 1
    print("| confidence | quotes | speaker right | share right |")
    print("|---|---:|---:|---:|")
    for name in [n for _, n in BUCKETS] + ["none"]:
        right, total = counts.get(name, [0, 0])
        share = f"{right / total:.3f}" if total else "-"
        print(f"| {name} | {total} | {right} | {share} |")
    high = [counts.get(n, [0, 0]) for n in ("0.9-1.0", "0.8-0.9")]
    right, total = sum(c[0] for c in high), sum(c[1] for c in high)
    if total:
        print(f"confidence >= 0.8: {right}/{total} = {right / total:.3f} right")


if __name__ == "__main__":
    main()
