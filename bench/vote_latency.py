"""Time from a ballot being cast to the projector showing it.

Starts a real `streamlit run app.py` on a fresh database, opens the projector page in Debian's Chromium, casts the
7 ballots through db.vote.cast_ballot (as the voter page does) and waits until the projector's count shows each one.
Each ballot lands at a random point of the projector's refresh interval, as real ones do. Baselines measured in the
same run: the cast itself (database commit), and a projector that is reloaded after each
ballot (a full page run instead of the st.fragment refresh).

    .venv/bin/python bench/vote_latency.py            # SQLite
    BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/vote_latency.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import make_url  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from components.rules.access import Acting
from components.ui.poll_display import PROJECTOR_REFRESH_SECONDS as REFRESH_SECONDS
from db import polls
from db.engine import make_engine  # noqa: E402
from db.models import EmulationYear
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer, wait_for_app  # noqa: E402
from tests.conftest import COOKIE_KEY, _fill, _pg_execute  # noqa: E402

UNITS = range(1, 8)
LIVE_ROUNDS = 3
DIENBIEN, LAOCAI = 3, 4


def login_token(engine, username: str) -> str:
    """A login cookie as the server's /auth/login sets it: a random session id whose HMAC under the key the
    bench's server uses is a session row (components/ui/auth.py token_hash)."""
    import hashlib
    import hmac
    import secrets

    from db import users as user_db

    token = secrets.token_urlsafe(32)
    with Session(engine) as s:
        user = user_db.get_user(session=s, username=username)
        user_db.start_session(session=s, user_id=user.id,
                              token_hash=hmac.new(COOKIE_KEY.encode(), token.encode(), hashlib.sha256).hexdigest())
        s.commit()
    return token


def fresh_database(tmp: Path) -> tuple[str, callable]:
    pg = os.environ.get("BENCH_PG_URL", "").strip()
    if not pg:
        url = f"sqlite:///{tmp / 'bench.db'}"
        _fill(url)
        return url, lambda: None
    name = f"bench_{uuid.uuid4().hex[:10]}"
    _pg_execute(pg, f'CREATE DATABASE "{name}"')
    url = make_url(pg).set(database=name).render_as_string(hide_password=False)
    _fill(url)
    return url, lambda: _pg_execute(pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


CHAIR = Acting(None, "chair")


def open_poll(engine, title: str) -> int:
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2023)).one()
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title=title, actor=CHAIR)
        polls.open_poll(session=s, poll_id=poll.id, actor=CHAIR)
        s.commit()
        return poll.id


def close_poll(engine, poll_id: int) -> None:
    with Session(engine) as s:
        concerns = polls.poll_concerns(session=s, actor=CHAIR, poll_id=poll_id)  # the bench's close is deliberate
        polls.close_poll(session=s, poll_id=poll_id, actor=CHAIR, reason="benchmark round over",
                         acknowledged_missing=concerns.missing_ballots,
                         acknowledged_no_eligible=concerns.no_eligible_unit)
        s.commit()


def cast(engine, poll_id: int, unit_id: int) -> None:
    with Session(engine) as s:
        polls.cast_ballot(session=s, poll_id=poll_id, actor=Acting(None, "province", unit_id),
                            choices=[LAOCAI if unit_id == DIENBIEN else DIENBIEN])
        s.commit()


def wait_count(page, text: str) -> None:
    page.wait_for_function(
        "t => { const el = document.querySelector('.vote-big'); return el && el.innerText.startsWith(t); }",
        arg=text, timeout=30_000, polling=10)


def run_round(engine, page, poll_id: int, reload: bool) -> tuple[list[float], list[float]]:
    casts, shown = [], []
    for n, unit in enumerate(UNITS, start=1):
        # a voter does not wait for the projector: land the ballot at a random point of the refresh interval
        time.sleep(random.uniform(0, REFRESH_SECONDS))
        t0 = time.perf_counter()
        cast(engine, poll_id, unit)
        t1 = time.perf_counter()
        if reload:
            page.reload()
            wait_for_app(page)
        wait_count(page, f"{n} / 7")
        t2 = time.perf_counter()
        casts.append(t1 - t0)
        shown.append(t2 - t0)
    return casts, shown


def summary(name: str, xs: list[float]) -> str:
    return (f"{name:<38} median {statistics.median(xs) * 1000:7.0f} ms   mean {statistics.mean(xs) * 1000:7.0f} ms"
            f"   max {max(xs) * 1000:7.0f} ms")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url, drop = fresh_database(tmp)
        engine = make_engine(url)
        server = StreamlitServer(url, tmp / "srv").start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_cookies([{"name": "thidua_auth", "url": server.url, "value": login_token(engine, "chair")}])
                page = context.new_page()

                page.goto(server.url + "/projector")
                wait_for_app(page)
                casts, live = [], []
                for round_no in range(LIVE_ROUNDS):
                    live_poll = open_poll(engine, f"Bench: live fragment {round_no + 1}")
                    wait_count(page, "0 / 7")  # the projector follows the newly opened poll by itself
                    c, shown = run_round(engine, page, live_poll, reload=False)
                    casts, live = casts + c, live + shown
                    close_poll(engine, live_poll)

                reload_poll = open_poll(engine, "Bench: reload baseline")
                page.reload()
                wait_for_app(page)
                wait_count(page, "0 / 7")
                casts2, reloaded = run_round(engine, page, reload_poll, reload=True)
                browser.close()
        finally:
            server.stop()
            engine.dispose()
            drop()

    db = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    all_casts = casts + casts2
    print(f"vote latency on {db}, projector refresh every {REFRESH_SECONDS:g} s: {len(live)} ballots live, "
          f"{len(reloaded)} with reload")
    print(summary("cast_ballot (database commit)", all_casts))
    print(summary("cast -> projector (st.fragment)", live))
    print(summary("cast -> projector (full reload)", reloaded))
    print(f"ratio live / cast        {statistics.median(live) / statistics.median(all_casts):6.1f}x")
    print(f"ratio live / reload      {statistics.median(live) / statistics.median(reloaded):6.2f}x")
    print(f"ratio live / refresh     {statistics.median(live) / REFRESH_SECONDS:6.2f}x  "
          "(expected about 0.5 plus rendering: a ballot lands at a random point of the refresh interval)")


if __name__ == "__main__":
    main()
