#!/usr/bin/env python3
"""Cross-validated F1 of the boilerplate classifier, by site: a yardstick it cannot be fitted to.

The dev pages' sites (pages.tsv) are split into K folds (by a hash of the site name, so every
page of a site is in one fold). For each fold, the classifier's tunable parameters
(`boilerplate::Params`) are chosen on the other K-1 folds by a grid search over the few that
matter, and the pages of the fold left out are scored with that choice. Reported: the plain dev
F1 with the shipped defaults, the mean over folds of the held-out F1, and the held-out F1 of
all pages pooled.

Scoring is the benchmark's (../shared/tools/score_boilerplate.py, imported). Needs
`cargo build --release --example boilerplate_params`.

Usage: bench/boilerplate_cv.py [--data DIR] [--folds K] [--grid small|none]
"""
import argparse
import hashlib
import itertools
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "../shared/tools"))
import score_boilerplate as scorer  # noqa: E402

# The parameters searched, around the defaults (None = the shipped default).
GRIDS = {
    "small": {
        "wall_share": [0.2, None, 0.45],
        "side_share": [0.35, None, 0.7],
        "chain_damping": [0.15, None, 0.5],
        "min_body_share": [0.0, None, 0.7],
    },
    "none": {},
}


def fold_of(site, k):
    return int(hashlib.sha256(site.encode()).hexdigest(), 16) % k


def run(binary, params, pages):
    out = subprocess.run([str(binary), json.dumps(params)] + [str(p) for _, p, _ in pages],
                         stdout=subprocess.PIPE, check=True)
    texts = json.loads(out.stdout)
    return [scorer.page_counts(g.read_text(encoding="utf8"), t)
            for (_, _, g), t in zip(pages, texts)]


def f1(counts):
    return scorer.aggregate(counts)["f1"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "../shared/bench/boilerplate/dev")
    ap.add_argument("--binary", type=Path,
                    default=ROOT / "target/release/examples/boilerplate_params")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--grid", choices=sorted(GRIDS), default="small")
    args = ap.parse_args()
    pages = scorer.find_pages(args.data)
    sites = scorer.read_sites(args.data)
    folds = [fold_of(sites.get(pid, pid), args.folds) for pid, _, _ in pages]

    grid = GRIDS[args.grid]
    names = sorted(grid)
    candidates = []
    for values in itertools.product(*(grid[n] for n in names)):
        candidates.append({n: v for n, v in zip(names, values) if v is not None})
    results = [run(args.binary, c, pages) for c in candidates]
    default = run(args.binary, {}, pages)

    held_out, fold_f1 = [None] * len(pages), []
    for k in range(args.folds):
        train = [i for i, f in enumerate(folds) if f != k]
        test = [i for i, f in enumerate(folds) if f == k]
        if not test:
            continue
        best = max(range(len(candidates)),
                   key=lambda c: (f1([results[c][i] for i in train]), -len(candidates[c])))
        for i in test:
            held_out[i] = results[best][i]
        score = f1([results[best][i] for i in test])
        fold_f1.append(score)
        print(f"fold {k}: {len(test):2d} pages, tuned {json.dumps(candidates[best])}"
              f" -> held-out F1 {score:.4f} (defaults {f1([default[i] for i in test]):.4f})")
    d = scorer.aggregate(default)
    print(f"dev (defaults): precision {d['precision']:.4f} recall {d['recall']:.4f}"
          f" f1 {d['f1']:.4f}")
    print(f"pooled held-out f1 {f1(held_out):.4f}")
    print(f"cv f1 {sum(fold_f1) / len(fold_f1):.4f} (mean of {len(fold_f1)} folds by site)")


if __name__ == "__main__":
    main()
