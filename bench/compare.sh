#!/usr/bin/env bash
# newsls vs harper-ls through the same LSP latency harness, on the same files, in one run.
#
#   bench/compare.sh            # full run (about 15-25 min on 2 cores), writes bench/RESULTS.md
#
# Environment:
#   NEWSLS_SHARED   the shared/ folder (default: ../shared beside the repo); holds
#                   tools/lspbench.py and bench/corpus/make_corpus.py
#   NEWSLS_CORPUS   corpus folder (default /tmp/newsls-corpus; generated when missing)
#   REPEAT          fresh-server runs per measurement, medians reported (default 3)
#   HARPER_BIG_REPEAT  runs of harper-ls on the 1 MiB and 10 MiB files (default 1: one of
#                   its keystrokes there takes ~20 s)
#   SKIP_HARPER=1   measure newsls only
#   OUT             where the JSON reports go (default bench/.out)
#   RESULTS         the table to write (default bench/RESULTS.md)
#
# harper-ls is installed with `cargo install harper-ls --locked --root bench/.cache/harper`
# on first use and cached there (gitignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${NEWSLS_SHARED:-$ROOT/../shared}
LSPBENCH=$SHARED/tools/lspbench.py
MAKE_CORPUS=$SHARED/bench/corpus/make_corpus.py
CORPUS=${NEWSLS_CORPUS:-/tmp/newsls-corpus}
REPEAT=${REPEAT:-3}
HARPER_BIG_REPEAT=${HARPER_BIG_REPEAT:-1}
OUT=${OUT:-$ROOT/bench/.out}
RESULTS=${RESULTS:-$ROOT/bench/RESULTS.md}
HARPER_ROOT=$ROOT/bench/.cache/harper
HARPER=$HARPER_ROOT/bin/harper-ls
NEWSLS=$ROOT/target/release/newsls

log() { printf '== %s\n' "$*" >&2; }

[ -f "$LSPBENCH" ] || { echo "lspbench.py not found at $LSPBENCH (set NEWSLS_SHARED)" >&2; exit 2; }

log "building newsls (release)"
# The commit measured is the one built now, whatever is committed while the run goes on.
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD)
if [ -n "$(cd "$ROOT" && git status --porcelain -- src)" ]; then
  COMMIT="$COMMIT (work tree modified)"
fi
(cd "$ROOT" && cargo build --release --quiet)

if [ "${SKIP_HARPER:-0}" != 1 ] && [ ! -x "$HARPER" ]; then
  log "installing harper-ls into $HARPER_ROOT"
  cargo install harper-ls --locked --root "$HARPER_ROOT"
fi

if [ ! -f "$CORPUS/MANIFEST.json" ]; then
  log "generating the corpus in $CORPUS"
  python3 "$MAKE_CORPUS" "$CORPUS"
fi

# Each single file gets a folder of its own, holding a symlink to it: the servers see a
# one-file workspace, and newsls (which does not follow symlinks when scanning) does not
# analyse it before the cold open.
mkdir -p "$OUT"
for f in news_5k news_1m news_10m; do
  mkdir -p "$OUT/ws-$f"
  ln -sfn "$CORPUS/single/$f.txt" "$OUT/ws-$f/$f.txt"
done
WS=$CORPUS/workspace
WS_FILE=$(find "$WS" -maxdepth 1 -name '*.txt' | LC_ALL=C sort | sed -n 1p)

# name | workspace | file | lspbench options
CASES=(
  "5k|$OUT/ws-news_5k|$OUT/ws-news_5k/news_5k.txt|--edits 20 --requests 50"
  "1m|$OUT/ws-news_1m|$OUT/ws-news_1m/news_1m.txt|--edits 5 --requests 5 --timeout 120"
  "10m|$OUT/ws-news_10m|$OUT/ws-news_10m/news_10m.txt|--edits 3 --requests 5 --timeout 60 --request-timeout 10"
  "workspace|$WS|$WS_FILE|--edits 5 --requests 200"
)

# name | command | extra lspbench options. harper-ls skips files over its maxFileLength
# (120,000 bytes by default) and publishes nothing for them: lift the limit so it lints
# the 1 MiB and 10 MiB files like newsls does.
SERVERS=("newsls|$NEWSLS|")
if [ "${SKIP_HARPER:-0}" != 1 ]; then
  SERVERS+=("harper-ls|$HARPER --stdio|--settings {\"harper-ls\":{\"maxFileLength\":1000000000}}")
fi

COMMANDS=()
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for server in "${SERVERS[@]}"; do
  IFS='|' read -r sname scmd sopts <<<"$server"
  for case in "${CASES[@]}"; do
    IFS='|' read -r cname cws cfile copts <<<"$case"
    repeat=$REPEAT
    if [ "$sname" = harper-ls ] && { [ "$cname" = 1m ] || [ "$cname" = 10m ]; }; then
      repeat=$HARPER_BIG_REPEAT
    fi
    json=$OUT/$sname-$cname.json
    # shellcheck disable=SC2206
    cmd=(python3 "$LSPBENCH" --server "$scmd" --workspace "$cws" --file "$cfile"
      $copts $sopts --repeat "$repeat" --quiet --json "$json"
      --server-stderr "$OUT/$sname-$cname.stderr")
    log "$sname $cname: ${cmd[*]}"
    rm -f "$OUT/$sname-$cname.stderr"
    status=0
    "${cmd[@]}" || status=$?
    if [ "$status" != 0 ]; then
      log "$sname $cname: lspbench exited $status (recorded in the table)"
    fi
    COMMANDS+=("$(printf '%q ' "${cmd[@]}")")
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

log "entity recognition throughput (criterion, 1 MiB)"
(cd "$ROOT" && cargo bench --quiet --bench analysis -- 'stage-1m/entities' >"$OUT/criterion-entities.txt" 2>&1) ||
  log "criterion bench failed (see $OUT/criterion-entities.txt)"
log "edit cost by file size (criterion: relayout and full layout after a one-character edit)"
(cd "$ROOT" && cargo bench --quiet --bench analysis -- '^edit/' >"$OUT/criterion-edit.txt" 2>&1) ||
  log "criterion bench failed (see $OUT/criterion-edit.txt)"

python3 "$ROOT/bench/render.py" --out "$OUT" --results "$RESULTS" --corpus "$CORPUS" \
  --criterion "$ROOT/target/criterion" --start "$START" --commit "$COMMIT" \
  --load-start "$LOAD_START" --load-end "$LOAD_END" \
  --commands "$(printf '%s\n' "${COMMANDS[@]}")"
log "wrote $RESULTS"
