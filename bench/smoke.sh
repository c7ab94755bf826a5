#!/usr/bin/env bash
# Quick check that the LSP benchmark still runs (for CI): newsls only, a 5 KiB article and a
# 200-file workspace, one run each, few edits and requests. Exits non-zero when the harness
# fails (server crash, protocol error, missing diagnostics or progress). No timing limits.
#
#   bench/smoke.sh                                   # builds and uses target/release/newsls
#   NEWSLS_BIN=target/debug/newsls bench/smoke.sh    # reuse a binary built already
#
# NEWSLS_SHARED: the shared/ folder (default ../shared beside the repo).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${NEWSLS_SHARED:-$ROOT/../shared}
LSPBENCH=$SHARED/tools/lspbench.py
MAKE_CORPUS=$SHARED/bench/corpus/make_corpus.py
for f in "$LSPBENCH" "$MAKE_CORPUS"; do
  [ -f "$f" ] || { echo "smoke: $f not found (set NEWSLS_SHARED)" >&2; exit 2; }
done

if [ -z "${NEWSLS_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
  NEWSLS_BIN=$ROOT/target/release/newsls
fi
case $NEWSLS_BIN in /*) ;; *) NEWSLS_BIN=$ROOT/$NEWSLS_BIN ;; esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/newsls-smoke.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
python3 "$MAKE_CORPUS" "$TMP/corpus" --workspace-files 200 >/dev/null
mkdir -p "$TMP/one"
cp "$TMP/corpus/single/news_5k.txt" "$TMP/one/"
WS_FILE=$(find "$TMP/corpus/workspace" -maxdepth 1 -name '*.txt' | LC_ALL=C sort | sed -n 1p)

python3 "$LSPBENCH" --server "$NEWSLS_BIN" --workspace "$TMP/one" --file "$TMP/one/news_5k.txt" \
  --edits 5 --requests 10 --repeat 1 --timeout 30 --quiet --json "$TMP/5k.json" \
  --server-stderr "$TMP/stderr.log"
python3 "$LSPBENCH" --server "$NEWSLS_BIN" --workspace "$TMP/corpus/workspace" --file "$WS_FILE" \
  --edits 3 --requests 20 --repeat 1 --timeout 30 --index-timeout 60 --quiet \
  --json "$TMP/ws.json" --server-stderr "$TMP/stderr.log"

# The harness exits 0 on timeouts of single measurements; the smoke test wants them all.
python3 - "$TMP/5k.json" "$TMP/ws.json" <<'EOF' || { tail -n 20 "$TMP/stderr.log" >&2; exit 1; }
import json, sys
failures = []
for path in sys.argv[1:]:
    s = json.load(open(path))["summary"]
    name = path.rsplit("/", 1)[-1]
    if s["ok_runs"] != s["runs"]:
        failures.append(f"{name}: {s['runs'] - s['ok_runs']} failed runs")
    m = s["files"][0]["metrics"] if s["files"] else {}
    for key in ("open_ms", "burst_final_ms", "per_edit_p50_ms", "hover_p50_ms",
                "definition_p50_ms", "references_p50_ms"):
        if m.get(key) is None:
            failures.append(f"{name}: no {key}")
    for key in ("hover_errors", "definition_errors", "references_errors"):
        if m.get(key):
            failures.append(f"{name}: {m[key]} {key}")
    if name == "ws.json":
        if s["startup"].get("progress_end_ms") is None:
            failures.append("ws.json: no $/progress end for the workspace index")
        if s["end"].get("rss_mib") is None:
            failures.append("ws.json: no RSS")
    print(f"smoke {name}: open {m.get('open_ms')} ms, per-edit p50 {m.get('per_edit_p50_ms')} ms, "
          f"index {s['startup'].get('progress_end_ms')} ms, RSS {s['end'].get('rss_mib')} MiB")
for f in failures:
    print("smoke FAILED:", f, file=sys.stderr)
print(f"{2 - len({f.split(':')[0] for f in failures})} passed, "
      f"{len({f.split(':')[0] for f in failures})} failed")
sys.exit(1 if failures else 0)
EOF
