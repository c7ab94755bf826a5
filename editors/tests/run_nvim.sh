#!/usr/bin/env bash
# Runs nvim_e2e.lua in a real, headless Neovim against the newsls binary.
#
#   run_nvim.sh [--nvim PATH] [--mode setup|enable] [--out DIR] SERVER_BINARY
#
# Isolated: fresh XDG dirs (no user config, shada, plugins or old lsp.log), a scratch copy
# of tests/fixtures/seeds with a newsls.toml (the root marker), a folder of notes (not news),
# *.news.txt files without a newsls.toml, a folder listed as news, and a hard time limit.
# Exit status: the test's (0 pass, 1 a check failed, 2 script error, 124 timeout).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
NVIM=nvim MODE=setup OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --nvim) NVIM=$2; shift 2 ;;
    --mode) MODE=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --) shift ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--nvim PATH] [--mode setup|enable] [--out DIR] SERVER_BINARY" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/newsls-nvim.XXXXXX")
trap 'rm -rf "$work"' EXIT
OUT=${OUT:-$work/out}
mkdir -p "$OUT" "$work/ws" "$work/xdg/config" "$work/xdg/data" "$work/xdg/state" "$work/xdg/cache"
OUT=$(cd "$OUT" && pwd)
cp "$repo"/tests/fixtures/seeds/*.txt "$work/ws/"
chmod -R u+w "$work/ws"
printf '# newsls settings for this folder (root marker of the editor test)\n' > "$work/ws/newsls.toml"
# not news: a folder of notes (no newsls.toml) that the plugin must leave alone
mkdir -p "$work/notes" "$work/scrape" "$work/listed/day1"
printf 'requests==2.31.0\nnumpy>=1.26\npandas\nflask==3.0.0\npytest\n' > "$work/notes/requirements.txt"
printf 'TODO\n\nBuy milk.\nCall Anna about the trip to Lisbon.\n\nTODO: fix the bike.\n' > "$work/notes/notes.txt"
# news without a newsls.toml: *.news.txt files (their own folder is the workspace), and a
# folder the user lists in vim.g.newsls_folders
cp "$repo/tests/fixtures/seeds/001_c944185dd7e147ec.txt" "$work/scrape/001.news.txt"
cp "$repo/tests/fixtures/seeds/002_905470c6c805f95a.txt" "$work/scrape/002.news.txt"
cp "$repo/tests/fixtures/seeds/003_bc02b2ddaed6895b.txt" "$work/scrape/003.txt"
cp "$repo/tests/fixtures/seeds/002_905470c6c805f95a.txt" "$work/listed/day1/002.txt"
chmod -R u+w "$work/scrape" "$work/listed"

export NEWSLS_BIN=$bin PLUGIN_DIR="$repo/editors/nvim" WORKSPACE="$work/ws" MODE
export NOTES="$work/notes" SCRAPE="$work/scrape" LISTED="$work/listed"
export RESULT_JSON="$OUT/result.json"
export PENDING=$(grep -v '^#' "$here/pending.txt" | tr '\n' ',' )
export XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" \
       XDG_STATE_HOME="$work/xdg/state" XDG_CACHE_HOME="$work/xdg/cache"
echo "$("$NVIM" --version | head -1), mode $MODE, server $bin" >&2
set +e
# -c luafile (not -l: on 0.7 that opens the script as text and hangs); </dev/null: no stdin in CI
timeout -k 5 "${E2E_TIMEOUT:-120}" "$NVIM" --headless --clean -c "luafile $here/nvim_e2e.lua" </dev/null
rc=$?
set -e
log=$(find "$work/xdg" -name lsp.log 2>/dev/null | head -1)
if [ -n "$log" ]; then cp "$log" "$OUT/lsp.log"; [ $rc -eq 0 ] || { echo "--- tail of lsp.log" >&2; tail -15 "$log" >&2; }; fi
[ $rc -eq 124 ] && echo "nvim: timed out after ${E2E_TIMEOUT:-120} s" >&2
exit $rc
