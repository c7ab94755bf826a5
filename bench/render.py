#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the lspbench JSON reports of bench/compare.sh.

Standard library only. Each report is `<server>-<case>.json` in --out; a missing report
(or server) shows as a dash.
"""

import argparse
import json
import os
import platform
import re
import subprocess
from pathlib import Path

SERVERS = ["newsls", "harper-ls"]


def load(out, server, case):
    path = Path(out) / f"{server}-{case}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def file_metrics(report):
    if not report or not report["summary"]["files"]:
        return {}
    return report["summary"]["files"][0]["metrics"]


def timed_out(report, phase):
    """True when some run timed out in `phase` ('open', 'per_edit', 'burst')."""
    if not report:
        return False
    for run in report.get("runs", []):
        for f in run.get("files", []):
            if phase == "open" and "timeout" in (f.get("open") or {}):
                return True
            edit = f.get("edit") or {}
            if phase == "burst" and "timeout" in (edit.get("burst") or {}):
                return True
            if phase == "per_edit" and (edit.get("per_edit") or {}).get("timeouts"):
                return True
    return False


def failed(report):
    if report is None:
        return "not run"
    s = report["summary"]
    if s["ok_runs"] == 0:
        return "failed"
    return None


class Value:
    """A measured value with its unit, or why there is none."""

    def __init__(self, v=None, unit="ms", why=None):
        self.v, self.unit, self.why = v, unit, why

    def text(self):
        if self.v is None:
            return self.why or "–"
        if self.unit == "ms":
            if self.v >= 10000:
                return f"{self.v / 1000:.1f} s"
            if self.v >= 100:
                return f"{self.v:.0f} ms"
            return f"{self.v:.2f} ms" if self.v < 10 else f"{self.v:.1f} ms"
        if self.unit == "MiB":
            return f"{self.v:.0f} MiB"
        if self.unit == "tok/s":
            return f"{self.v / 1e6:.2f} M tokens/s"
        return f"{self.v} {self.unit}"


def metric(report, key, timeout_phase=None, timeout_s=None):
    why = failed(report)
    if why:
        return Value(why=why)
    metrics = file_metrics(report)
    v = metrics.get(key)
    if v is not None and timeout_phase and metrics.get("open_diagnostics") == 0:
        # Nothing was linted (a size limit, say): a fast empty answer is no comparison.
        return Value(why=f"{Value(v).text()}, 0 diagnostics")
    if v is None and timeout_phase and timed_out(report, timeout_phase):
        limit = report.get("options", {}).get("timeout")
        return Value(why=f"timeout (> {limit:g} s)" if limit else "timeout")
    return Value(v)


def summary(report, *path, unit="ms"):
    why = failed(report)
    if why:
        return Value(why=why)
    node = report["summary"]
    for p in path:
        node = (node or {}).get(p)
    return Value(node, unit)


def ratio(ours, theirs):
    if any(v.why and v.why.endswith("0 diagnostics") for v in (ours, theirs)):
        return "n/c"
    if ours.v and theirs.v:
        r = theirs.v / ours.v
        return f"{r:,.0f}×" if r >= 100 else f"{r:.1f}×"
    return "–"


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def entity_throughput(criterion_dir, corpus):
    """Tokens per second of entity recognition on the 1 MiB input, from criterion."""
    est = Path(criterion_dir) / "stage-1m" / "entities" / "new" / "estimates.json"
    text_path = Path(corpus) / "single" / "news_1m.txt"
    try:
        ns = json.loads(est.read_text())["median"]["point_estimate"]
        text = text_path.read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError):
        return Value(why="not measured", unit="tok/s"), None
    tokens = len(re.findall(r"\w+(?:['\u2019]\w+)*|[^\w\s]", text))
    return Value(tokens / (ns / 1e9), "tok/s"), (tokens, ns / 1e6)


def edit_costs(criterion_dir):
    """Median costs (ms) of the full layout and of the relayout after a one-character edit,
    per input size, from criterion; None where not measured."""
    def median(kind, size):
        est = Path(criterion_dir) / "edit" / kind / size / "new" / "estimates.json"
        try:
            return json.loads(est.read_text())["median"]["point_estimate"] / 1e6
        except (OSError, ValueError, KeyError):
            return None
    out = []
    for size in ("5k", "1m", "10m"):
        full, relaid = median("layout", size), median("relayout", size)
        if full is not None or relaid is not None:
            out.append((size, full, relaid))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--criterion", required=True)
    ap.add_argument("--start", default="")
    ap.add_argument("--commit", default="unknown", help="the commit built and measured")
    ap.add_argument("--load-start", default="")
    ap.add_argument("--load-end", default="")
    ap.add_argument("--commands", default="")
    a = ap.parse_args()

    r = {(s, c): load(a.out, s, c) for s in SERVERS for c in ("5k", "1m", "10m", "workspace")}

    rows = []

    def row(label, target, case, fn, ok=None):
        values = [fn(r[(s, case)]) for s in SERVERS]
        met = ""
        if ok is not None and values[0].v is not None:
            met = " ✅" if ok(values[0].v) else " ❌"
        rows.append((label, target, values[0].text() + met, values[1].text(),
                     ratio(values[0], values[1])))

    row("keystroke → diagnostics, 5 KiB (per-edit p50)", "≤ 2 ms", "5k",
        lambda x: metric(x, "per_edit_p50_ms", "per_edit"), lambda v: v <= 2)
    row("burst of 20 keystrokes → final diagnostics, 5 KiB", "–", "5k",
        lambda x: metric(x, "burst_final_ms", "burst"))
    row("keystroke → diagnostics, 1 MiB (per-edit p50)", "≤ 20 ms", "1m",
        lambda x: metric(x, "per_edit_p50_ms", "per_edit"), lambda v: v <= 20)
    row("cold open → first diagnostics, 1 MiB", "≤ 150 ms", "1m",
        lambda x: metric(x, "open_ms", "open"), lambda v: v <= 150)
    row("open → first diagnostics, 10 MiB", "≤ 2 s", "10m",
        lambda x: metric(x, "open_ms", "open"), lambda v: v <= 2000)
    row("keystroke → diagnostics, 10 MiB (per-edit p50)", "works", "10m",
        lambda x: metric(x, "per_edit_p50_ms", "per_edit"))
    row("10,000 files: initialize → index complete ($/progress end)", "≤ 2 s", "workspace",
        lambda x: summary(x, "startup", "progress_end_ms"), lambda v: v <= 2000)
    for kind in ("hover", "definition", "references"):
        row(f"{kind} p99 in that workspace", "≤ 2 ms", "workspace",
            lambda x, k=kind: metric(x, f"{k}_p99_ms"), lambda v: v <= 2)
    row("server RSS, workspace indexed (end of run)", "≤ 300 MiB", "workspace",
        lambda x: summary(x, "end", "rss_mib", unit="MiB"), lambda v: v <= 300)
    row("server peak RSS (VmHWM)", "–", "workspace",
        lambda x: summary(x, "end", "hwm_mib", unit="MiB"))
    ent, ent_detail = entity_throughput(a.criterion, a.corpus)
    rows.append(("entity recognition, pure analysis, 1 MiB, one core", "≥ 1 M tokens/s",
                 ent.text() + ("" if ent.v is None else (" ✅" if ent.v >= 1e6 else " ❌")),
                 "–", "–"))

    nl = r[("newsls", "5k")]
    machine = (nl or {}).get("machine", {})
    lines = []
    lines.append("# newsls vs harper-ls: LSP latency and memory\n")
    lines.append("Written by `bench/compare.sh` (do not edit by hand; rerun it). Every value is "
                 "the median over fresh-server runs of `lspbench.py` (see the commands below); "
                 "ratio = harper-ls ÷ newsls (above 1: newsls is faster or smaller). "
                 "✅/❌: newsls against the target of issue 8.\n")
    lines.append(f"- date: {a.start}")
    lines.append(f"- newsls commit: `{a.commit}`; harper-ls: {harper_version()}")
    lines.append(f"- machine: {os.cpu_count()} cores (nproc {nproc()}), {cpu_model()}, "
                 f"{platform.platform()}")
    lines.append(f"- load average (1/5/15 min) at start: {a.load_start}; at end: {a.load_end}"
                 " (the machine is shared: a load above the core count inflates every number)")
    if machine.get("python"):
        lines.append(f"- harness: lspbench {nl.get('version')}, Python {machine['python']}")
    lines.append("")
    lines.append("| measure | target | newsls | harper-ls | ratio |")
    lines.append("|---|---|---|---|---|")
    for label, target, ours, theirs, rat in rows:
        lines.append(f"| {label} | {target} | {ours} | {theirs} | {rat} |")
    lines.append("")
    notes = []
    for s in SERVERS:
        for c in ("5k", "1m", "10m", "workspace"):
            rep = r[(s, c)]
            if not rep:
                continue
            runs = rep["summary"]["runs"]
            ok = rep["summary"]["ok_runs"]
            f = rep["summary"]["files"][0] if rep["summary"]["files"] else {}
            m = f.get("metrics", {})
            diag = m.get("open_diagnostics")
            notes.append(f"- {s} {c}: {ok}/{runs} runs ok"
                         + (f", {diag:.0f} diagnostics on open" if diag is not None else "")
                         + (f", burst rule: {f.get('burst_rule')}" if f.get("burst_rule") else ""))
            for run in rep.get("runs", []):
                for e in run.get("errors", [])[:3]:
                    notes.append(f"  - run {run['run']} error: {e}")
                for w in run.get("warnings", [])[:3]:
                    notes.append(f"  - run {run['run']} warning: {w}")
    if ent_detail:
        notes.append(f"- entity throughput: {ent_detail[0]:,} tokens (words and punctuation) "
                     f"in news_1m.txt recognised in {ent_detail[1]:.1f} ms "
                     "(criterion median, `cargo bench --bench analysis -- stage-1m/entities`)")
    edits = edit_costs(a.criterion)
    if edits:
        lines.append("Edit cost by file size (criterion medians after a one-character edit, "
                     "`cargo bench --bench analysis -- ^edit/`). *Relayout* is what newsls runs "
                     "per keystroke in documents of 256 KiB and more: only the edited lines are "
                     "split, scanned and decided, from the latest full analysis. *Full layout* "
                     "(with the previous version's per-block results) is what it runs per "
                     "keystroke in shorter documents:\n")
        lines.append("| file | relayout | full layout |")
        lines.append("|---|---|---|")
        def ms(value):
            return "–" if value is None else f"{value:.3f} ms"
        lines.extend(f"| {size} | {ms(relaid)} | {ms(full)} |" for size, full, relaid in edits)
        lines.append("")
    lines.append("Runs:\n")
    lines.extend(notes)
    lines.append("")
    lines.append("Commands (from the repo root; `bench/.out/ws-*` hold one symlink each, so each "
                 "single-file case is a one-file workspace):\n")
    lines.append("```")
    lines.extend(c for c in a.commands.splitlines() if c.strip())
    lines.append("```")
    Path(a.results).write_text("\n".join(lines) + "\n", encoding="utf-8")


def nproc():
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def harper_version():
    root = Path(__file__).resolve().parent / ".cache" / "harper" / ".crates.toml"
    try:
        m = re.search(r'"harper-ls ([^ ]+) ', root.read_text())
        return m.group(1) if m else "unknown"
    except OSError:
        return "not installed"


if __name__ == "__main__":
    main()
