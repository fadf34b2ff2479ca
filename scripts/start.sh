#!/usr/bin/env bash
# Install the app's requirements into .venv and start it (SQLite in ./data by default, sample data on first run).
#   bash scripts/start.sh [extra streamlit options, e.g. --server.port 8080]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m streamlit run server.py --server.headless true "$@"
