"""The live count pushed (a route of server.py's st.App): GET /live/poll/{id} streams the poll's status (k of n,
who has voted, never how; the state) as server-sent events to the projector, the chair's control screen and the
voter's waiting screen (components/ui/live_count.py listens and updates the count in place, without a rerun).

Who may listen: the login cookie's session (the same door as the pages, components/ui/auth.py), allowed to read the
poll's cluster (db.polls.poll_status with that account); anything else gets 403 and no stream. The session is
checked again every RECHECK_SECONDS: a logout or a deactivation ends the stream.

Cost: one PollHub per process. Its ChangeWatcher (db/live.py) is the process's single listener (PostgreSQL
LISTEN/NOTIFY across processes; one data_version watcher on SQLite); on a change it reads each watched poll's status
once and hands it to every viewer's queue, so a viewer adds no query. Database work never runs in the event loop."""

from __future__ import annotations

import asyncio
import json
import threading

from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from components.rules.errors import DomainError
from components.ui import auth
from db import live, polls
from db import users as user_db
from db.bootstrap import ensure_database
from db.engine import get_engine, session_scope

LIVE_PATH = "/live/poll/{poll_id:int}"
RECHECK_SECONDS = 30.0
PING_SECONDS = 15


def live_url(poll_id: int) -> str:
    return f"/live/poll/{poll_id}"


def payload(status: polls.PollStatus) -> str:
    """What a viewer may see while a poll runs (as the pages show it): counts and who voted, never how."""
    return json.dumps({"poll": status.poll_id, "state": status.state, "cast": status.ballots_cast,
                       "present": list(status.present), "eligible": list(status.eligible),
                       "voted": list(status.voted), "early": status.early_close_reason}, ensure_ascii=False)


class PollHub:
    """The process's viewers by poll, and the one watcher that feeds them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._viewers: dict[int, set[tuple[asyncio.AbstractEventLoop, asyncio.Queue]]] = {}
        self._last: dict[int, str] = {}
        self._watcher: live.ChangeWatcher | None = None

    def subscribe(self, poll_id: int, first: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        with self._lock:
            self._viewers.setdefault(poll_id, set()).add((asyncio.get_running_loop(), queue))
            self._last.setdefault(poll_id, first)
            engine = get_engine()
            if self._watcher is None or self._watcher.engine is not engine:  # first viewer, or a new database
                if self._watcher is not None:
                    self._watcher.stop(wait=False)
                self._watcher = live.ChangeWatcher(engine, self._changed).start()
        return queue

    def unsubscribe(self, poll_id: int, queue: asyncio.Queue) -> None:
        with self._lock:
            viewers = self._viewers.get(poll_id, set())
            viewers.difference_update({v for v in viewers if v[1] is queue})
            if not viewers:
                self._viewers.pop(poll_id, None)
                self._last.pop(poll_id, None)

    def viewers(self, poll_id: int) -> int:
        with self._lock:
            return len(self._viewers.get(poll_id, ()))

    def _changed(self, poll_ids: set[int] | None) -> None:
        """In the watcher's thread: read each changed poll once, hand the news to its viewers."""
        with self._lock:
            watched = set(self._viewers) if poll_ids is None else set(self._viewers) & poll_ids
        for poll_id in watched:
            try:
                with session_scope() as session:
                    news = payload(polls.pushed_status(session=session, poll_id=poll_id))
            except DomainError:  # the poll is gone
                continue
            with self._lock:
                if self._last.get(poll_id) == news:
                    continue
                self._last[poll_id] = news
                viewers = list(self._viewers.get(poll_id, ()))
            for loop, queue in viewers:
                loop.call_soon_threadsafe(queue.put_nowait, news)


HUB = PollHub()


def _viewer(token: str | None, poll_id: int) -> str | None:
    """The first payload for a logged-in session allowed to read the poll, else None (in a worker thread)."""
    if not token or len(token) > 100:
        return None
    ensure_database()
    with session_scope() as session:
        found = user_db.session_user(session=session, token_hash=auth.token_hash(token))
        if found is None:
            return None
        try:
            return payload(polls.poll_status(session=session, actor=found[0], poll_id=poll_id))
        except DomainError:
            return None


def _still_logged_in(token: str) -> bool:
    with session_scope() as session:
        return user_db.session_user(session=session, token_hash=auth.token_hash(token)) is not None


async def poll_stream(request: Request) -> Response:
    poll_id = request.path_params["poll_id"]
    token = request.cookies.get(auth.COOKIE_NAME)
    first = await run_in_threadpool(_viewer, token, poll_id)
    if first is None:
        return PlainTextResponse("", status_code=403)
    queue = HUB.subscribe(poll_id, first)

    async def events():
        try:
            yield {"data": first}
            while True:
                try:
                    news = await asyncio.wait_for(queue.get(), RECHECK_SECONDS)
                except TimeoutError:
                    if not await run_in_threadpool(_still_logged_in, token):
                        return
                    continue
                yield {"data": news}
        finally:
            HUB.unsubscribe(poll_id, queue)

    return EventSourceResponse(events(), ping=PING_SECONDS,
                               headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


ROUTES = [Route(LIVE_PATH, poll_stream, methods=["GET"])]
