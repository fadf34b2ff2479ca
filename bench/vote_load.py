"""The vote at the Khối's scale: 34 member units vote through the ballot page (choose, "Tiếp tục", "Xác nhận bỏ
phiếu", the receipt) at random moments within 30 s, while 8 projectors in Chromium watch the count (the pushed
live count, components/ui/live_count.py). The voters are, by default, the ballot page's own Streamlit sessions
driven without a browser (bench/session_voter.py: the server does everything it does for a phone, only the
drawing is left out), since 34 Chromium pages saturate the 2-core machine they share with the servers;
BENCH_VOTERS=browsers puts each voter in its own Chromium context instead.

Run 1: PostgreSQL, two Streamlit processes (voters and projectors spread over both, as behind the proxy of
docs/production.md); run 2: SQLite, one process. Each prints

    cast -> projector: median X.XX s, p95 Y.YY s (N samples)
    click -> receipt: median X.XX s, p95 Y.YY s

cast -> projector is measured from the voter's click on "Xác nhận bỏ phiếu" (an upper bound of the time from the
commit) to each projector first showing a count that includes that ballot (k-th click against a count >= k);
click -> receipt from that click to the receipt code on the voter's screen (in session mode: to the run that
hands it over). Then, on each database, 1,000 concurrent cast attempts for the same 34 units in a fresh poll
(about 30 per unit, released together, through db.polls.cast_ballot as the page calls it): ballots lost and
duplicated must be 0. Not part of the test suite.

    .venv/bin/python bench/vote_load.py   (BENCH_PG_URL: another PostgreSQL server; BENCH_RUNS=pg or sqlite;
                                           BENCH_VOTERS=browsers)
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, make_url  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from bench.session_voter import SessionVoter  # noqa: E402
from components.rules.access import Acting  # noqa: E402
from components.rules.errors import DomainError  # noqa: E402
from db import polls  # noqa: E402
from db import users as user_db  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.models import (  # noqa: E402
    Ballot,
    BallotParticipation,
    Cluster,
    ClusterMembership,
    EmulationYear,
    Unit,
    UnitName,
    User,
)
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from tests.conftest import COOKIE_KEY, _fill, _pg_execute  # noqa: E402

YEAR, UNITS, WINDOW, PROJECTORS, DUPLICATES = 2026, 34, 30.0, 8, 1000
# the voters: "sessions" (default) drives each voter's own Streamlit session of the ballot page without a browser
# (bench/session_voter.py): 34 Chromium pages next to the servers saturate a 2-core machine, and the bench then
# measures the browsers. "browsers": one Chromium context per voter, clicking through the page.
VOTERS = os.environ.get("BENCH_VOTERS", "sessions").strip()
LOADING_AT_ONCE = 4  # pages loading together (the machine has 2 cores)
TIMEOUT = 120_000
WATCH = """() => {
  window.__counts = [];
  const seen = () => { const el = document.querySelector('.vote-big');
    const n = el ? parseInt(el.innerText) : NaN;
    const last = window.__counts.length ? window.__counts[window.__counts.length - 1][0] : -1;
    if (!Number.isNaN(n) && n !== last) window.__counts.push([n, Date.now() / 1000]); };
  new MutationObserver(seen).observe(document.body, {subtree: true, childList: true, characterData: true});
  seen();
}"""
APP_READY = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
             " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }")


def login_token(engine, username: str) -> str:
    """A login cookie as /auth/login sets it: a random session id whose HMAC under the bench server's key is a
    session row (components/ui/auth.py token_hash)."""
    token = secrets.token_urlsafe(32)
    with Session(engine) as s:
        user = user_db.get_user(session=s, username=username)
        user_db.start_session(session=s, user_id=user.id,
                              token_hash=hmac.new(COOKIE_KEY.encode(), token.encode(), hashlib.sha256).hexdigest())
        s.commit()
    return token


def postgres_database() -> tuple[str, callable]:
    pg = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres").strip()
    name = f"bench_{uuid.uuid4().hex[:10]}"
    _pg_execute(pg, f'CREATE DATABASE "{name}"')
    url = make_url(pg).set(database=name).render_as_string(hide_password=False)
    _fill(url)
    return url, lambda: _pg_execute(pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_database(folder: Path) -> tuple[str, callable]:
    url = f"sqlite:///{folder / 'bench.db'}"
    _fill(url)
    return url, lambda: None


def add_members(engine) -> dict[int, str]:
    """The sample cluster has 7 members in 2026: bench units (and their accounts) until it has UNITS, in the
    bench's own database. Returns unit id -> username of its account."""
    with Session(engine) as s:
        cluster = s.exec(select(Cluster)).first()
        members = list(s.exec(select(ClusterMembership.unit_id).where(ClusterMembership.year == YEAR)).all())
        accounts = {u.unit_id: u.username for u in s.exec(select(User).where(User.unit_id.in_(members))).all()}
        for n in range(len(members), UNITS):
            unit = Unit(code=f"bench{n}", province=f"Bench {n}")
            s.add(unit)
            s.flush()
            s.add(UnitName(unit_id=unit.id, name_vi=f"Đơn vị thử {n}", name_en=f"Bench unit {n}"))
            s.add(ClusterMembership(cluster_id=cluster.id, unit_id=unit.id, year=YEAR))
            user_db.seed_user(session=s, username=f"bench{n}", display_name=f"Đơn vị thử {n}",
                              password=secrets.token_urlsafe(12), role="province", unit_id=unit.id)
            accounts[unit.id] = f"bench{n}"
        s.commit()
    return accounts


def open_poll(engine, title: str, rerun_reason: str | None = None) -> int:
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == YEAR)).one()
        chair = user_db.get_user(session=s, username="chair")  # the sample cluster's chair
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title=title, actor=chair,
                                 rerun_reason=rerun_reason)
        polls.open_poll(session=s, poll_id=poll.id, actor=chair)
        s.commit()
        return poll.id


def cast(engine, poll_id: int, unit_id: int, choice: int) -> None:
    with Session(engine) as s:
        polls.cast_ballot(session=s, poll_id=poll_id, actor=Acting(None, "province", unit_id), choices=[choice])
        s.commit()


def stored(engine, poll_id: int) -> tuple[int, int]:
    with Session(engine) as s:
        ballots = s.exec(select(func.count()).select_from(Ballot).where(Ballot.poll_id == poll_id)).one()
        voted = s.exec(select(func.count()).select_from(BallotParticipation)
                       .where(BallotParticipation.poll_id == poll_id)).one()
    return ballots, voted


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 2 else xs[0]


def names_of(engine, unit_ids) -> dict[int, str]:
    from db import reference

    with Session(engine) as s:
        return {u: n.name_vi for u, n in reference.unit_names(session=s, year=YEAR).items() if u in unit_ids}


async def room(engine, servers: list[StreamlitServer], accounts: dict[int, str]) -> tuple[list[float], list[float],
                                                                                          int, int, int]:
    """The live phase in browsers: returns (cast -> projector samples, click -> receipt samples, ballots stored,
    participations stored, voters that got no receipt)."""
    from playwright.async_api import async_playwright

    members = sorted(accounts)
    names = names_of(engine, members)
    favourite, second = members[2], members[3]
    poll_id = open_poll(engine, f"Bench: {UNITS} units within {WINDOW:g} s")
    gate = asyncio.Semaphore(LOADING_AT_ONCE)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

        async def device(n: int, username: str, path: str, width: int):
            server = servers[n % len(servers)]
            context = await browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
            await context.add_cookies([{"name": "thidua_auth", "url": server.url,
                                        "value": login_token(engine, username)}])
            page = await context.new_page()
            async with gate:
                await page.goto(f"{server.url}/{path}")
                await page.wait_for_function(APP_READY, timeout=TIMEOUT)
            return page

        projectors = await asyncio.gather(*(device(n, "admin", "projector", 1280) for n in range(PROJECTORS)))
        for page in projectors:
            await page.wait_for_function("() => { const el = document.querySelector('.vote-big');"
                                         f" return el && el.innerText.startsWith('0 / {UNITS}'); }}", timeout=TIMEOUT)
            await page.evaluate(WATCH)
        clicks: list[float] = []
        receipts: list[float] = []
        failed = 0
        if VOTERS == "browsers":
            voters = await asyncio.gather(*(device(n, accounts[u], "ballot", 420) for n, u in enumerate(members)))
        else:
            voters = [SessionVoter(servers[n % len(servers)].url, login_token(engine, accounts[u]))
                      for n, u in enumerate(members)]

            async def opened(voter):
                async with gate:
                    return await voter.open()

            first_runs = await asyncio.gather(*(opened(v) for v in voters))
        start = time.time() + 1

        async def vote_in_browser(page, unit_id: int, at: float) -> None:
            nonlocal failed
            await asyncio.sleep(max(0.0, start + at - time.time()))
            choice = names[favourite if unit_id != favourite else second]
            try:
                await page.get_by_text(choice, exact=True).click(timeout=TIMEOUT)
                await page.get_by_role("button", name="Tiếp tục").click(timeout=TIMEOUT)
                confirm = page.get_by_role("button", name="Xác nhận bỏ phiếu")
                await confirm.wait_for(timeout=TIMEOUT)
                clicked = time.time()
                await confirm.click(timeout=TIMEOUT)
                await page.wait_for_function("() => { const el = document.querySelector('.vote-receipt');"
                                             " return el && /^[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(el.innerText.trim()); }",
                                             timeout=TIMEOUT)
                receipts.append(time.time() - clicked)
                clicks.append(clicked)
            except Exception as exc:  # noqa: BLE001  counted below
                failed += 1
                print(f"voter {unit_id}: {type(exc).__name__}: {str(exc).splitlines()[0]}", flush=True)

        async def vote_in_session(voter, first, unit_id: int, at: float) -> None:
            """The same three steps through the page's own session: the choice and "Tiếp tục" (the form's
            submit), then "Xác nhận bỏ phiếu", then the run that hands the receipt over."""
            nonlocal failed
            await asyncio.sleep(max(0.0, start + at - time.time()))
            choice = names[favourite if unit_id != favourite else second]
            try:
                submit = next(b for b in first.buttons if b.is_form_submitter)
                confirming = await voter.rerun(voter.choose(first.radios[0], choice, submit))
                confirm = next(b for b in confirming.buttons if b.label == "Xác nhận bỏ phiếu")
                clicked = time.time()
                done = await voter.rerun(voter.press(confirm))
                if done.receipt is None:
                    raise RuntimeError("no receipt handed over")
                receipts.append(time.time() - clicked)
                clicks.append(clicked)
            except Exception as exc:  # noqa: BLE001  counted below
                failed += 1
                print(f"voter {unit_id}: {type(exc).__name__}: {exc}", flush=True)

        moments = [random.uniform(0, WINDOW) for _ in members]
        if VOTERS == "browsers":
            await asyncio.gather(*(vote_in_browser(page, u, at) for page, u, at in zip(voters, members, moments)))
        else:
            await asyncio.gather(*(vote_in_session(v, first, u, at)
                                   for v, first, u, at in zip(voters, first_runs, members, moments)))
            for voter in voters:
                await voter.close()
        cast_now, _ = stored(engine, poll_id)  # a voter whose receipt did not show may still have voted
        for page in projectors:
            await page.wait_for_function("() => { const el = document.querySelector('.vote-big');"
                                         f" return el && el.innerText.startsWith('{cast_now} / {UNITS}'); }}",
                                         timeout=TIMEOUT)
        clicks.sort()
        shown = []
        for page in projectors:
            seen = await page.evaluate("() => window.__counts")
            for k, clicked in enumerate(clicks, start=1):
                first = next((at for n, at in seen if n >= k), None)
                if first is not None:
                    shown.append(max(0.0, first - clicked))
        await browser.close()
    ballots, voted = stored(engine, poll_id)
    with Session(engine) as s:
        chair = user_db.get_user(session=s, username="chair")
        concerns = polls.poll_concerns(session=s, actor=chair, poll_id=poll_id)  # the bench's close is deliberate
        polls.close_poll(session=s, poll_id=poll_id, actor=chair, acknowledged_missing=concerns.missing_ballots,
                         acknowledged_no_eligible=concerns.no_eligible_unit)
        s.commit()
    return shown, receipts, ballots, voted, failed


def duplicates(engine, members: list[int]) -> tuple[int, int, Counter]:
    poll_id = open_poll(engine, f"Bench: {DUPLICATES} concurrent duplicate casts",
                        rerun_reason="Lần đo thứ hai của bài đo tải (không phải cuộc bỏ phiếu thật)")
    attempts = [members[i % len(members)] for i in range(DUPLICATES)]
    random.shuffle(attempts)
    gate = threading.Event()
    outcomes: Counter = Counter()
    won: Counter = Counter()
    lock = threading.Lock()

    def attempt(unit_id: int) -> None:
        gate.wait()
        try:
            cast(engine, poll_id, unit_id, members[0] if unit_id != members[0] else members[1])
            with lock:
                outcomes["ok"] += 1
                won[unit_id] += 1
        except DomainError as exc:
            with lock:
                outcomes[exc.code] += 1
        except Exception as exc:  # noqa: BLE001
            with lock:
                outcomes[type(exc).__name__] += 1

    with ThreadPoolExecutor(max_workers=64) as pool:
        futures = [pool.submit(attempt, u) for u in attempts]
        time.sleep(1)
        gate.set()
        for f in futures:
            f.result()
    ballots, _ = stored(engine, poll_id)
    lost = sum(1 for u in members if won[u] == 0)
    duplicated = max(0, ballots - len(members)) + sum(n - 1 for n in won.values() if n > 1)
    return lost, duplicated, outcomes


def run(kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url, drop = postgres_database() if kind == "pg" else sqlite_database(tmp)
        engine = make_engine(url)
        processes = 2 if kind == "pg" else 1
        servers = [StreamlitServer(url, tmp / f"srv{n}").start() for n in range(processes)]
        try:
            accounts = add_members(engine)
            shown, receipts, ballots, voted, failed = asyncio.run(room(engine, servers, accounts))
            lost, duplicated, outcomes = duplicates(engine, sorted(accounts))
        finally:
            for server in servers:
                server.stop()
            engine.dispose()
            drop()
    database = "PostgreSQL" if kind == "pg" else "SQLite"
    how = ("in Chromium contexts through the ballot page" if VOTERS == "browsers" else
           "through the ballot page's own Streamlit sessions, without a browser (bench/session_voter.py)")
    print(f"== {database}, {processes} Streamlit process(es), {UNITS} voters {how}, {PROJECTORS} projectors in "
          f"Chromium")
    print(f"cast -> projector: median {statistics.median(shown):.2f} s, p95 {p95(shown):.2f} s ({len(shown)} samples)")
    print(f"click -> receipt: median {statistics.median(receipts):.2f} s, p95 {p95(receipts):.2f} s")
    print(f"live phase: {ballots} ballots and {voted} participations stored, {failed} voters without a receipt")
    print(f"{DUPLICATES} concurrent attempts: lost {lost}, duplicated {duplicated} ("
          + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())) + ")")


def main() -> None:
    random.seed(int(os.environ.get("BENCH_SEED", "2026")))
    for kind in os.environ.get("BENCH_RUNS", "pg,sqlite").split(","):
        run(kind.strip())


if __name__ == "__main__":
    main()
