#!/usr/bin/env python3
"""Score newsls quote detection and attribution against hand-labelled gold.

Usage:
    python3 scripts/score_quotes.py [DIR] [--newsls BIN] [--predictions FILE]
                                    [--worst N] [--json]

DIR (default tests/fixtures/quotes) holds NAME.txt articles and their
NAME.gold.json labels (see DIR/README.md).  Without --predictions the script
runs ``newsls quotes --format json --position-encoding utf-32`` on every
NAME.txt that has a gold file; BIN defaults to $NEWSLS, then
target/release/newsls, then target/debug/newsls.  --predictions reads the JSON
that command printed instead (utf-32 positions).

Alignment: every quotation is a span of characters (code points) in the
article.  A predicted quote is aligned to the gold quotation it overlaps most,
provided the overlap covers at least half of the shorter of the two spans.  A
gold quotation is detected when some prediction is aligned to it; its
representative is the aligned prediction with the largest overlap.

Speaker match: both names are lower-cased, stripped of accents, possessive
's, leading titles (Mr., Dr., Sen., President, ...) and company suffixes
(Inc., Ltd., ...) and split into words.  They match when the words are equal,
or when the prediction's last word is the gold's last word (the surname) and
nothing contradicts: each other predicted word occurs in the gold name (or is
an initial of one of its words), and a prediction that is the bare surname is
refused when another gold speaker in the same article has that surname too.

Metrics:
  quote detection P/R/F1     aligned predictions / predictions, detected gold / gold
  attribution precision      among aligned predictions that name a speaker and
                             whose gold speaker is known: share with the right one
  attribution recall         among gold quotations with a known speaker: share
                             whose representative prediction has the right one
  null-speaker accuracy      among detected gold quotations whose speaker is null:
                             share predicted with no speaker
  channel accuracy           among detected gold quotations: predicted channel
                             equals the gold channel (both null counts)

The last line is ``attribution precision P recall R (N quotes)``, N being the
number of gold quotations.  Exit status is 0 unless the run itself fails.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import unicodedata
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parent.parent

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sen", "senator", "rep",
    "representative", "gov", "governor", "president", "vice", "prime", "minister",
    "mayor", "judge", "justice", "chief", "executive", "officer", "deputy", "secretary",
    "general", "gen", "col", "capt", "captain", "lt", "sgt", "coach", "manager", "ceo",
    "cfo", "coo", "chairman", "chairwoman", "chair", "commissioner", "councilman",
    "councilwoman", "council", "member", "sir", "dame", "lord", "lady", "rev", "father",
    "sister", "st", "the", "spokesman", "spokeswoman", "spokesperson", "analyst",
}
SUFFIXES = {"inc", "corp", "co", "ltd", "llc", "plc", "sa", "ag", "nv", "gmbh", "jr", "sr"}


def words(name: str | None) -> list[str]:
    if not name:
        return []
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    toks = re.findall(r"[^\W_]+", text)
    while toks and toks[0] in TITLES:
        toks.pop(0)
    while toks and toks[-1] in SUFFIXES:
        toks.pop()
    return toks


def names_match(pred: str | None, gold: str | None, others: list[str] = ()) -> bool:
    p, g = words(pred), words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if p[-1] != g[-1]:
        return False
    for tok in p[:-1]:
        if tok in g:
            continue
        if len(tok) == 1 and any(w.startswith(tok) for w in g):
            continue
        return False
    if len(p) == 1:
        for other in others:
            o = words(other)
            if o and o != g and o[-1] == p[0]:
                return False
    return True


def line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def offset(starts: list[int], text: str, pos: dict) -> int:
    line = pos["line"]
    if line >= len(starts):
        return len(text)
    return min(starts[line] + pos["character"], len(text))


def load_gold(directory: pathlib.Path) -> dict[str, dict]:
    articles = {}
    for gold_path in sorted(directory.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        txt = directory / f"{name}.txt"
        text = txt.read_text(encoding="utf-8")
        items = []
        for item in json.loads(gold_path.read_text(encoding="utf-8")):
            quote, n = item["quote"], item.get("occurrence", 0)
            start = -1
            for _ in range(n + 1):
                start = text.find(quote, start + 1)
                if start < 0:
                    raise SystemExit(f"{gold_path.name}: {quote[:40]!r} occurrence {n} not in text")
            items.append(dict(item, start=start, end=start + len(quote)))
        articles[txt.name] = {"path": txt, "text": text, "gold": items}
    if not articles:
        raise SystemExit(f"no *.gold.json in {directory}")
    return articles


def find_newsls(explicit: str | None) -> str:
    for cand in (explicit, os.environ.get("NEWSLS"), ROOT / "target/release/newsls",
                 ROOT / "target/debug/newsls"):
        if cand and pathlib.Path(cand).is_file():
            return str(cand)
    raise SystemExit("newsls binary not found: build it (cargo build --release) or pass --newsls")


def run_newsls(binary: str, paths: list[pathlib.Path]) -> list[dict]:
    cmd = [binary, "quotes", "--format", "json", "--position-encoding", "utf-32", *map(str, paths)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, encoding="utf-8")
    return json.loads(out.stdout)


def score(articles: dict[str, dict], predictions: list[dict], worst: int = 5) -> dict:
    by_name = {pathlib.Path(entry["path"]).name: entry.get("quotes", []) for entry in predictions}
    totals = Counter()
    kinds = Counter()
    files = []
    for name, art in articles.items():
        text, gold = art["text"], art["gold"]
        starts = line_starts(text)
        speakers = sorted({g["speaker"] for g in gold if g["speaker"]})
        preds = []
        for q in by_name.get(name, []):
            s = offset(starts, text, q["range"]["start"])
            e = offset(starts, text, q["range"]["end"])
            sp = q.get("speaker") or None
            preds.append({"start": s, "end": e, "text": text[s:e],
                          "speaker": sp["name"] if sp else None, "channel": q.get("channel")})
        # align each prediction to the gold quotation it overlaps most
        best = {}  # gold index -> (overlap, pred)
        c = Counter()
        errors = []
        for p in preds:
            top, top_i = 0, None
            for i, g in enumerate(gold):
                ov = min(p["end"], g["end"]) - max(p["start"], g["start"])
                if ov > top:
                    top, top_i = ov, i
            short = min(p["end"] - p["start"], gold[top_i]["end"] - gold[top_i]["start"]) if top_i is not None else 0
            c["pred"] += 1
            if top_i is None or top * 2 < short:
                c["spurious"] += 1
                errors.append(("spurious quote", p["text"], None, p["speaker"]))
                continue
            c["aligned"] += 1
            g = gold[top_i]
            if top_i not in best or top > best[top_i][0]:
                best[top_i] = (top, p)
            if p["speaker"] and g["speaker"]:
                c["attr_pred"] += 1
                if names_match(p["speaker"], g["speaker"], speakers):
                    c["attr_pred_ok"] += 1
        for i, g in enumerate(gold):
            c["gold"] += 1
            p = best.get(i, (0, None))[1]
            if g["speaker"]:
                c["gold_known"] += 1
            else:
                c["gold_null"] += 1
            if p is None:
                errors.append(("missed quote", g["quote"], g["speaker"], None))
                continue
            c["detected"] += 1
            gold_ch, pred_ch = g.get("channel"), p["channel"]
            c["channel_n"] += 1
            if (not gold_ch and not pred_ch) or names_match(pred_ch, gold_ch):
                c["channel_ok"] += 1
            if g["speaker"]:
                if names_match(p["speaker"], g["speaker"], speakers):
                    c["attr_gold_ok"] += 1
                elif p["speaker"]:
                    pw, gw = words(p["speaker"]), words(g["speaker"])
                    kind = "wrong speaker"
                    if len(pw) > len(gw) and pw[len(pw) - len(gw):] == gw:
                        kind = "speaker name with extra words"  # still wrong
                    errors.append((kind, g["quote"], g["speaker"], p["speaker"]))
                else:
                    errors.append(("no speaker", g["quote"], g["speaker"], None))
            else:
                c["null_detected"] += 1
                if p["speaker"]:
                    errors.append(("speaker for a null quote", g["quote"], None, p["speaker"]))
                else:
                    c["null_ok"] += 1
        totals.update(c)
        for kind, *_ in errors:
            kinds[kind] += 1
        files.append({"file": name, "counts": dict(c), "errors": errors,
                      "recall": ratio(c["attr_gold_ok"], c["gold_known"])})
    return {"totals": dict(totals), "kinds": dict(kinds), "files": files}


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def metrics(t: dict) -> dict:
    g = lambda k: t.get(k, 0)  # noqa: E731
    det_p, det_r = ratio(g("aligned"), g("pred")), ratio(g("detected"), g("gold"))
    return {
        "detection_precision": det_p,
        "detection_recall": det_r,
        "detection_f1": ratio(2 * det_p * det_r, det_p + det_r),
        "attribution_precision": ratio(g("attr_pred_ok"), g("attr_pred")),
        "attribution_recall": ratio(g("attr_gold_ok"), g("gold_known")),
        "null_speaker_accuracy": ratio(g("null_ok"), g("null_detected")),
        "channel_accuracy": ratio(g("channel_ok"), g("channel_n")),
        "gold_quotes": g("gold"),
    }


def short(s: str, n: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def report(result: dict, worst: int) -> None:
    t = result["totals"]
    m = metrics(t)
    print(f"{'file':34} {'gold':>4} {'pred':>4} {'det':>4} {'known':>5} {'right':>5} {'recall':>6}")
    for f in sorted(result["files"], key=lambda f: f["file"]):
        c = f["counts"]
        print(f"{f['file']:34} {c.get('gold', 0):4} {c.get('pred', 0):4} {c.get('detected', 0):4} "
              f"{c.get('gold_known', 0):5} {c.get('attr_gold_ok', 0):5} {f['recall']:6.2f}")
    print()
    print("worst cases (files by attribution recall, lowest first):")
    for f in sorted(result["files"], key=lambda f: (f["recall"], f["file"]))[: max(worst, 0)]:
        if not f["errors"]:
            continue
        print(f"== {f['file']}  recall {f['recall']:.2f}")
        for kind, quote, gold_sp, pred_sp in f["errors"][:8]:
            print(f"   {kind:24} {short(quote)!r}  gold={gold_sp}  pred={pred_sp}")
    print()
    print("error kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(result["kinds"].items(), key=lambda kv: -kv[1])))
    print(f"quote detection precision {m['detection_precision']:.3f} recall {m['detection_recall']:.3f} "
          f"F1 {m['detection_f1']:.3f} ({t.get('aligned', 0)} of {t.get('pred', 0)} predicted aligned, "
          f"{t.get('detected', 0)} of {t.get('gold', 0)} gold detected)")
    print(f"null-speaker accuracy {m['null_speaker_accuracy']:.3f} ({t.get('null_ok', 0)} of {t.get('null_detected', 0)} "
          f"detected; {t.get('gold_null', 0)} gold quotations have no speaker)")
    print(f"channel accuracy {m['channel_accuracy']:.3f} ({t.get('channel_ok', 0)} of {t.get('channel_n', 0)})")
    print(f"attribution precision {m['attribution_precision']:.3f} recall {m['attribution_recall']:.3f} "
          f"({m['gold_quotes']} quotes)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", default=str(ROOT / "tests/fixtures/quotes"))
    ap.add_argument("--newsls", help="path of the newsls binary")
    ap.add_argument("--predictions", help="JSON printed by `newsls quotes --format json --position-encoding utf-32`")
    ap.add_argument("--worst", type=int, default=8, help="how many files to show errors for")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON instead")
    args = ap.parse_args()
    articles = load_gold(pathlib.Path(args.dir))
    if args.predictions:
        predictions = json.loads(pathlib.Path(args.predictions).read_text(encoding="utf-8"))
    else:
        predictions = run_newsls(find_newsls(args.newsls), [a["path"] for a in articles.values()])
    result = score(articles, predictions, args.worst)
    if args.json:
        json.dump({"metrics": metrics(result["totals"]), **result}, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        report(result, args.worst)


if __name__ == "__main__":
    main()
