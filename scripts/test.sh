#!/usr/bin/env bash
# Install everything and run the whole test suite: once on SQLite, once on PostgreSQL.
#   bash scripts/test.sh            (extra arguments go to pytest)
# PostgreSQL: TEST_PG_ADMIN_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres) must reach a
# server where this user may create databases; the suite creates and drops its own.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/sbin/nginx ] || ! command -v pdftotext >/dev/null 2>&1 \
   || ! command -v openssl >/dev/null 2>&1; then
  echo "== installing Debian's chromium (browser tests), nginx and openssl (production set-up test), poppler-utils"
  packages="chromium fonts-dejavu-core nginx openssl poppler-utils"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $packages >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq $packages >/dev/null; fi
fi

if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

PG_ADMIN_URL="${TEST_PG_ADMIN_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"

echo "== lint (ruff)"
.venv/bin/ruff check .

echo "== test suite on SQLite"
env -u TEST_DATABASE_URL -u DATABASE_URL .venv/bin/python -m pytest "$@"

echo "== test suite on PostgreSQL"
TEST_DATABASE_URL="$PG_ADMIN_URL" .venv/bin/python -m pytest "$@"
