#!/usr/bin/env bash
# newsls in real VS Code: code-server 4.100.3 (VS Code's workbench and extension host) in
# Debian's Chromium, driven by playwright-core (vscode_ui_e2e.mjs), with the packaged .vsix
# installed into a fresh extensions dir, plus the in-host self-test extension. The user
# settings have `"editor.codeActionsOnSave": {"source.fixAll": "explicit"}`, as many users
# do: saving must write exactly what was typed. Two folders: notes (not news) and articles.
#
#   run_vscode.sh [--out DIR] [--vsix FILE] SERVER_BINARY
#
# Without --vsix, the extension is packaged here with `npm ci && npm run package`, bundling
# SERVER_BINARY. Needs setup.sh first. Exit: 0 pass, 1 a check failed, 2 setup failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
CACHE="$here/.cache"
CS="$CACHE/code-server/node_modules/.bin/code-server"
OUT="" VSIX=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$2; shift 2 ;;
    --vsix) VSIX=$2; shift 2 ;;
    --) shift ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--out DIR] [--vsix FILE] SERVER_BINARY" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$CS" ] || { echo "vscode: code-server missing; run $here/setup.sh vscode" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/newsls-vscode.XXXXXX")
OUT=${OUT:-$work/out}
mkdir -p "$OUT" "$work/ws" "$work/user/User" "$work/ext"
OUT=$(cd "$OUT" && pwd)
rm -f "$OUT"/*.png "$OUT"/*.json
export npm_config_cache="$CACHE/npm" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

t=$(date +%s%N)
if [ -z "$VSIX" ]; then
  ( cd "$repo/editors/vscode" && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit >"$OUT/npm-ci.log" 2>&1; } &&
    NEWSLS_BINARY="$bin" NEWSLS_VSIX_OUT="$work/newsls.vsix" npm run package >"$OUT/package.log" 2>&1 ) || {
    echo "vscode: packaging the extension failed:" >&2; tail -20 "$OUT/package.log" "$OUT/npm-ci.log" 2>/dev/null >&2; exit 2; }
  VSIX="$work/newsls.vsix"
fi
# the test-only self-test extension
( cd "$here/vscode-selftest" && "$repo/editors/vscode/node_modules/.bin/vsce" package --out "$work/selftest.vsix" \
    --allow-missing-repository --skip-license </dev/null >"$OUT/selftest-package.log" 2>&1 ) || {
  echo "vscode: packaging the self-test failed:" >&2; cat "$OUT/selftest-package.log" >&2; exit 2; }
echo "vscode: packaged in $(( ($(date +%s%N) - t) / 1000000 )) ms" >&2

cp "$repo"/tests/fixtures/seeds/*.txt "$work/ws/"
cp "$work/ws/000_a66d8d7f1149ab9a.txt" "$work/ws/zz-selftest-000.txt"   # the self-test edits this copy
# a *.news.txt file (the `news` language: word wrap, citation tags coloured by the grammar)
cat > "$work/ws/tagged.news.txt" <<'TXT'
<source publication="The Test Herald" title="Bridge reopens" date="2024-05-02" authors="A. Writer; B. Editor"/>
The old bridge over the river reopened on Thursday after two years of repairs that cost far more than planned, and the first people to cross it were the children of the school on the far bank, who had taken a ferry or a long detour by bus every morning since the spring of the year before last, while the engineers replaced the rusted cables, the deck and the lamps one span at a time.
<cite speaker="Maria Lopez">"It feels whole again,"</cite> the mayor said.
TXT
# two uncited quotes of one speaker (the inlay hint and the Quotes view cite them)
cat > "$work/ws/harbour.txt" <<'TXT'
The harbour authority said on Monday that the new ferry terminal would open in June, after a long delay caused by the storms of the winter and a dispute over the price of steel.
"We are ready to welcome the first passengers," said Anna Berg, the director of the port.
The terminal will serve the island routes and the night ferry to the mainland, which carried more than a million people last year, according to the authority.
"The old building was simply too small for the crowds of the summer," Berg told reporters at the quay.
TXT
chmod -R u+w "$work/ws"
printf '# newsls settings for this folder\n' > "$work/ws/newsls.toml"
# not news: a folder of notes, opened first; newsls must leave it alone (and saving must not
# touch it)
mkdir -p "$work/notes"
printf 'requests==2.31.0\nnumpy>=1.26\npandas\nflask==3.0.0\npytest\n' > "$work/notes/requirements.txt"
printf 'TODO\n\nBuy milk.\nCall Anna about the trip to Lisbon.\n\nTODO: fix the bike.\n' > "$work/notes/notes.txt"
# Inlay hints (newsls's speaker after each quotation) would put words beside the ones the
# tests find and click, so they show only while Ctrl+Alt is held (the hint test turns them on).
cat > "$work/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true,
  "editor.hover.delay": 100,
  "editor.codeActionsOnSave": { "source.fixAll": "explicit" },
  "files.autoSave": "off",
  "editor.inlayHints.enabled": "offUnlessPressed"
}
JSON
for v in "$VSIX" "$work/selftest.vsix"; do
  "$CS" --config "$work/cs-config.yaml" --user-data-dir "$work/user" --extensions-dir "$work/ext" \
    --install-extension "$v" >>"$OUT/install-extension.log" 2>&1 || {
    echo "vscode: installing $v failed:" >&2; cat "$OUT/install-extension.log" >&2; exit 2; }
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export NEWSLS_E2E_FILE="$work/ws/zz-selftest-000.txt" NEWSLS_E2E_REPORT="$OUT/vscode_api_report.json"
export NEWSLS_E2E_STATE="$OUT/vscode_notes_state.json"
export NEWSLS_E2E_PENDING=$(grep -v '^#' "$here/pending.txt" | tr '\n' ',')
setsid "$CS" --config "$work/cs-config.yaml" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$work/user" --extensions-dir "$work/ext" "$work/ws" >"$OUT/code-server.log" 2>&1 </dev/null &
cs_pid=$!
cleanup() {   # code-server, its extension hosts and the servers they started: one process group
  kill -TERM -- "-$cs_pid" 2>/dev/null || true; sleep 0.5; kill -KILL -- "-$cs_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$cs_pid" 2>/dev/null || { echo "vscode: code-server died:" >&2; cat "$OUT/code-server.log" >&2; exit 2; }
  sleep 0.1
done

set +e
CS_URL="http://127.0.0.1:$port/?folder=$work/ws" NOTES_URL="http://127.0.0.1:$port/?folder=$work/notes" \
  EXT_DIR="$work/ext" OUT="$OUT" PW_DIR="$CACHE/tools" API_REPORT="$NEWSLS_E2E_REPORT" \
  PENDING="$NEWSLS_E2E_PENDING" NEWSLS_BIN="$bin" timeout -k 5 "${E2E_TIMEOUT:-300}" node "$here/vscode_ui_e2e.mjs"
rc=$?
set -e
# the extension host's log holds the newsls output channel
find "$work/user/logs" -name '*newsls*' -exec cp {} "$OUT/" \; 2>/dev/null || true
echo "vscode: screenshots and results in $OUT" >&2
exit $rc
