#!/usr/bin/env bash
# Install the app's requirements into .venv and start it (SQLite in ./data by default, sample data on first run).
#   bash scripts/start.sh [extra streamlit options, e.g. --server.port 8080]
# It listens on 127.0.0.1:8501 only (this machine); to serve the hall's network directly (no reverse proxy), pass
#   --server.address 0.0.0.0   (a later option wins over the default below)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
# server.py builds the app's st.App (app.py plus the server's login routes, security headers and error hook)
exec .venv/bin/python -m streamlit run server.py --server.headless true --server.address 127.0.0.1 "$@"
