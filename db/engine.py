"""Engine and sessions. DATABASE_URL selects the database; the default is a SQLite file in ./data."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from components.rules.errors import DomainError
from components.rules.plain_text import has_control

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    data_dir = Path(os.environ.get("DATA_DIR", DEFAULT_DATA_DIR))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'cluster.db'}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # deleted rows are overwritten with zeros, not left in free pages: a closed poll's original ballots (see
    # db/polls.py) must not be readable from the file or a copy of it
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """A new engine for url; use get_engine() in the app, which keeps one per process."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def get_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        return engine


def dispose_engines() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def read_once(session: Session, key: tuple, build: Callable[[], object]):
    """What build() reads, kept for the rest of the session's reads (a page's load asks the same names and states
    several times) and read again after any write in the session."""
    memo = session.info.setdefault("read_once", {})
    if not memo:
        event.listen(session, "after_flush", lambda s, _: s.info.pop("read_once", None), once=True)
    if key not in memo:
        memo[key] = build()
    return memo[key]


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run callback once the session's current transaction has committed (never when it rolls back): a use case
    that must act outside its transaction (the ballots' scrub after a close) schedules it here, so that no caller
    has to finish it."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


_AFTER_COMMIT = "after_commit"


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    for callback in session.info.pop(_AFTER_COMMIT, []):
        callback()


@event.listens_for(Session, "before_flush")
def _check_texts(session: Session, _context, _instances) -> None:
    """Every text about to be stored, on both databases: no control character, no more than its column holds
    (PostgreSQL would refuse it as an outage, SQLite would store it). A DomainError with a message, and the
    caller's transaction rolls back: nothing is stored."""
    for obj in (*session.new, *session.dirty):
        state = sa_inspect(obj)
        for column in state.mapper.columns:
            value = state.dict.get(column.key)
            if not isinstance(value, str):
                continue
            if has_control(value):
                raise DomainError("text_control_character")
            limit = getattr(column.type, "length", None)
            if limit is not None and len(value) > limit:
                raise DomainError("text_too_long", most=limit)


@event.listens_for(Session, "after_rollback")
def _drop_after_commit(session: Session) -> None:
    session.info.pop(_AFTER_COMMIT, None)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
