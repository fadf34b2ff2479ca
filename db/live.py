"""How a poll's change reaches the server processes that show it, without a query per viewer per second.

Every write of a poll (a ballot, presence, open, close, publish, reset ...) calls announce() inside its
transaction: on PostgreSQL a NOTIFY on CHANNEL with the poll's id, which PostgreSQL delivers to every listening
connection when (and only if) the transaction commits, on every process of the deployment. ChangeWatcher is the
one listener of a process (a thread with its own connection); on SQLite, where there is no NOTIFY, it is one shared
watcher of `PRAGMA data_version` (which moves when another connection commits). Either way it calls on_change with
the poll ids that changed (None: any may have, e.g. after a reconnect), and the caller (the server's push,
components/ui/live_routes.py) reads each watched poll's status once for all its viewers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

CHANNEL = "thidua_poll"
SQLITE_LOOK_SECONDS = 0.05  # how often the SQLite watcher reads data_version (one tiny query per process)
SAFETY_SECONDS = 5.0  # a full re-read this often anyway (a change between a viewer's first read and its subscription)
RECONNECT_SECONDS = 1.0

log = logging.getLogger("thidua.live")


def announce(session: Session, poll_id: int) -> None:
    """Tell every process that the poll changed, once this transaction commits (PostgreSQL; a no-op on SQLite,
    whose watcher sees the commit itself)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :poll)"), {"channel": CHANNEL, "poll": str(poll_id)})


class ChangeWatcher:
    """The process's one watcher of poll changes (a daemon thread)."""

    def __init__(self, engine: Engine, on_change: Callable[[set[int] | None], None]) -> None:
        self.engine, self.on_change = engine, on_change
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="thidua-live-watcher", daemon=True)

    def start(self) -> ChangeWatcher:
        self._thread.start()
        return self

    def stop(self, wait: bool = True) -> None:
        self._stop.set()
        if wait:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.engine.dialect.name == "postgresql":
                    self._listen()
                else:
                    self._look()
            except Exception:  # the database went away: reconnect, and re-read everything once back
                log.warning("live watcher lost its connection; reconnecting", exc_info=True)
                self._stop.wait(RECONNECT_SECONDS)

    def _listen(self) -> None:
        import psycopg

        url = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self.on_change(None)
            last_full = time.monotonic()
            while not self._stop.is_set():
                # psycopg keeps what arrives between two calls (its backlog), so nothing is lost here
                for note in conn.notifies(timeout=0.5):
                    if note.payload.isdigit():
                        self.on_change({int(note.payload)})
                if time.monotonic() - last_full >= SAFETY_SECONDS:
                    last_full = time.monotonic()
                    self.on_change(None)

    def _look(self) -> None:
        with self.engine.connect() as conn:
            seen, last_full = None, time.monotonic()
            while not self._stop.is_set():
                (version,) = conn.exec_driver_sql("PRAGMA data_version").one()
                conn.rollback()  # no open read transaction: the close's WAL checkpoint must not wait for us
                if version != seen or time.monotonic() - last_full >= SAFETY_SECONDS:
                    if seen is not None:
                        self.on_change(None)
                    seen, last_full = version, time.monotonic()
                self._stop.wait(SQLITE_LOOK_SECONDS)
