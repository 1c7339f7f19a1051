#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, with no screen needed.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
# Types: pyproject.toml's [tool.mypy] says what is checked and how strictly.
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
