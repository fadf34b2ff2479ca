"""Prepare the database once per process: migrations, first-run sample data, demo accounts."""

from __future__ import annotations

import sys
import threading

from sqlalchemy import text
from sqlmodel import Session

from db import users as user_db
from db.engine import database_url, get_engine
from db.seed import prepare_database

_done: set[str] = set()
_lock = threading.Lock()


def ensure_database() -> None:
    url = database_url()
    if url in _done:
        return
    with _lock:
        if url in _done:
            return
        engine = get_engine(url)
        if engine.dialect.name == "postgresql":
            # several server processes may start together: one migrates and seeds, the others wait
            with engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(720002)"))
                try:
                    prepare_database(engine)
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(720002)"))
                    conn.commit()
        else:
            prepare_database(engine)
        _print_setup_token(engine)
        _done.add(url)


def _print_setup_token(engine) -> None:
    """While no account exists, the setup screen asks for a one-time token that only the server's operator can
    read here, in the log (or the operator runs `python scripts/manage.py create-admin`)."""
    with Session(engine) as session:
        if user_db.count_users(session=session) > 0:
            return
        token = user_db.issue_setup_token(session=session)
        session.commit()
    print(f"[thidua] no account yet: setup token for the first administrator: {token}", file=sys.stderr, flush=True)


def reset_for_tests() -> None:
    with _lock:
        _done.clear()
