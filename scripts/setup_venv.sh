#!/usr/bin/env bash
# Creates the Python environment used by scripts/grammar_diff.py: a virtualenv
# (default: .venv at the repository root, or the folder given as $1) holding
# Elasticsearch's ES|QL ANTLR grammar as published on PyPI. Idempotent: an
# environment that already has the pinned version is left alone.
set -euo pipefail

VERSION="9.1.3"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${1:-$ROOT/.venv}"

if [ -x "$VENV/bin/python" ] &&
    "$VENV/bin/python" -c "import antlr4, esql_parser" 2>/dev/null &&
    [ "$("$VENV/bin/python" -m pip show esql-parser 2>/dev/null | sed -n 's/^Version: //p')" = "$VERSION" ]; then
    echo "setup_venv: $VENV already has esql-parser==$VERSION"
    exit 0
fi

python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "esql-parser==$VERSION"
echo "setup_venv: installed esql-parser==$VERSION into $VENV"
