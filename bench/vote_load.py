"""The vote under load, on PostgreSQL with two Streamlit processes (as in docs/production.md).

1. 34 member units cast their ballots at random moments within 30 s (threads of this process calling
   db.polls.cast_ballot, as the ballot page does), while 8 projectors (Chromium pages, 4 on each process) watch the
   count. Each projector records in the browser when its count changes; cast -> projector is the time from a
   ballot's commit to each projector showing a count that includes it.
2. 1,000 concurrent cast attempts for the same 34 units in a fresh poll (about 30 per unit, released together):
   exactly one ballot per unit must be stored.

It prints ballots lost and duplicated (both must be 0), and the median and 95th percentile of the cast and of
cast -> projector. Not part of the test suite.

    BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/vote_load.py
"""

from __future__ import annotations

import os
import random
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

from bench.vote_latency import login_token  # noqa: E402
from components.rules.access import Acting  # noqa: E402
from components.rules.errors import DomainError  # noqa: E402
from db import polls  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.models import (  # noqa: E402
    Ballot,
    BallotParticipation,
    Cluster,
    ClusterMembership,
    EmulationYear,
    Unit,
    UnitName,
)
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer, wait_for_app  # noqa: E402
from tests.conftest import _fill, _pg_execute  # noqa: E402

UNITS, WINDOW, PROJECTORS, DUPLICATES = 34, 30.0, 8, 1000
CHAIR = Acting(None, "chair")
WATCH = """() => {
  window.__counts = [];
  const seen = () => { const el = document.querySelector('.vote-big');
    const n = el ? parseInt(el.innerText) : NaN;
    const last = window.__counts.length ? window.__counts[window.__counts.length - 1][0] : -1;
    if (!Number.isNaN(n) && n !== last) window.__counts.push([n, Date.now() / 1000]); };
  new MutationObserver(seen).observe(document.body, {subtree: true, childList: true, characterData: true});
  seen();
}"""


def fresh_database() -> tuple[str, callable]:
    pg = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres").strip()
    name = f"bench_{uuid.uuid4().hex[:10]}"
    _pg_execute(pg, f'CREATE DATABASE "{name}"')
    url = make_url(pg).set(database=name).render_as_string(hide_password=False)
    _fill(url)
    return url, lambda: _pg_execute(pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def add_members(engine, year: int = 2023) -> list[int]:
    """The sample cluster has 7 members: add bench units until it has UNITS (bench data, in the bench's database)."""
    with Session(engine) as s:
        cluster = s.exec(select(Cluster)).first()
        members = list(s.exec(select(ClusterMembership.unit_id).where(ClusterMembership.year == year)).all())
        for n in range(len(members), UNITS):
            unit = Unit(code=f"bench{n}", province=f"Bench {n}")
            s.add(unit)
            s.flush()
            s.add(UnitName(unit_id=unit.id, name_vi=f"Đơn vị thử {n}", name_en=f"Bench unit {n}"))
            s.add(ClusterMembership(cluster_id=cluster.id, unit_id=unit.id, year=year))
            members.append(unit.id)
        s.commit()
        return sorted(members)


def open_poll(engine, title: str) -> int:
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2023)).one()
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title=title, actor=CHAIR)
        polls.open_poll(session=s, poll_id=poll.id, actor=CHAIR)
        s.commit()
        return poll.id


def cast(engine, poll_id: int, unit_id: int, choice: int) -> float:
    """Commit one ballot; returns the wall-clock time of the commit."""
    with Session(engine) as s:
        polls.cast_ballot(session=s, poll_id=poll_id, actor=Acting(None, "province", unit_id), choices=[choice])
        s.commit()
    return time.time()


def stored(engine, poll_id: int) -> tuple[int, int]:
    with Session(engine) as s:
        ballots = s.exec(select(func.count()).select_from(Ballot).where(Ballot.poll_id == poll_id)).one()
        voted = s.exec(select(func.count()).select_from(BallotParticipation)
                       .where(BallotParticipation.poll_id == poll_id)).one()
    return ballots, voted


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 2 else xs[0]


def line(name: str, xs: list[float]) -> str:
    return f"{name:<34} median {statistics.median(xs) * 1000:7.0f} ms   p95 {p95(xs) * 1000:7.0f} ms   n={len(xs)}"


def live_phase(engine, pages, members: list[int]) -> tuple[list[float], list[float], int, int, int]:
    poll_id = open_poll(engine, "Bench: 34 units within 30 s")
    for page in pages:  # each projector follows the newly opened poll by itself
        page.wait_for_function("() => { const el = document.querySelector('.vote-big');"
                               f" return el && el.innerText.startsWith('0 / {UNITS}'); }}", timeout=60_000)
        page.evaluate(WATCH)
    start = time.time() + 1
    moments = sorted(random.uniform(0, WINDOW) for _ in members)
    casts, commits, errors = [], [], []

    def voter(unit_id: int, at: float) -> None:
        time.sleep(max(0.0, start + at - time.time()))
        t0 = time.perf_counter()
        try:
            commits.append(cast(engine, poll_id, unit_id, members[0] if unit_id != members[0] else members[1]))
            casts.append(time.perf_counter() - t0)
        except Exception as exc:  # noqa: BLE001  counted as lost below
            errors.append(repr(exc))

    threads = [threading.Thread(target=voter, args=(u, at)) for u, at in zip(random.sample(members, len(members)),
                                                                              moments)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    for page in pages:
        page.wait_for_function("() => { const el = document.querySelector('.vote-big');"
                               f" return el && el.innerText.startsWith('{UNITS} / {UNITS}'); }}", timeout=120_000)
    commits.sort()
    shown = []
    for page in pages:
        seen = page.evaluate("() => window.__counts")
        for k, committed in enumerate(commits, start=1):
            first = next((at for n, at in seen if n >= k), None)
            if first is not None:
                shown.append(max(0.0, first - committed))
    ballots, voted = stored(engine, poll_id)
    with Session(engine) as s:
        concerns = polls.poll_concerns(session=s, actor=CHAIR, poll_id=poll_id)  # the bench's close is deliberate
        polls.close_poll(session=s, poll_id=poll_id, actor=CHAIR, acknowledged_missing=concerns.missing_ballots,
                         acknowledged_no_eligible=concerns.no_eligible_unit)
        s.commit()
    return casts, shown, ballots, voted, len(errors)


def duplicate_phase(engine, members: list[int]) -> tuple[int, int, Counter]:
    poll_id = open_poll(engine, "Bench: 1,000 concurrent duplicate casts")
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
    ballots, voted = stored(engine, poll_id)
    lost = sum(1 for u in members if won[u] == 0)
    duplicated = max(0, ballots - len(members)) + sum(n - 1 for n in won.values() if n > 1)
    outcomes["ballots stored"], outcomes["participations stored"] = ballots, voted
    return lost, duplicated, outcomes


def main() -> None:
    from playwright.sync_api import sync_playwright

    random.seed(int(os.environ.get("BENCH_SEED", "2026")))
    url, drop = fresh_database()
    engine = make_engine(url)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        servers = [StreamlitServer(url, tmp / f"srv{n}").start() for n in range(2)]
        try:
            members = add_members(engine)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                pages = []
                for n in range(PROJECTORS):
                    server = servers[n % 2]
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    context.add_cookies([{"name": "thidua_auth", "url": server.url, "value": login_token(engine, "admin")}])
                    page = context.new_page()
                    page.goto(server.url + "/projector")
                    wait_for_app(page, timeout=60_000)
                    pages.append(page)
                casts, shown, ballots, voted, errors = live_phase(engine, pages, members)
                browser.close()
            lost, duplicated, outcomes = duplicate_phase(engine, members)
        finally:
            for server in servers:
                server.stop()
            engine.dispose()
            drop()

    print(f"vote load on PostgreSQL, 2 streamlit processes, {PROJECTORS} projectors")
    print(f"phase 1: {UNITS} units within {WINDOW:g} s: {ballots} ballots, {voted} participations stored, "
          f"{errors} casts failed; lost {UNITS - ballots}, duplicated {max(0, ballots - UNITS)}")
    print(line("cast_ballot (commit)", casts))
    print(line("cast -> projector (each of 8)", shown))
    print(f"phase 2: {DUPLICATES} concurrent cast attempts for {UNITS} units: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))
    print(f"ballots lost {UNITS - ballots + lost}, duplicated {max(0, ballots - UNITS) + duplicated}  (both must be 0)")


if __name__ == "__main__":
    main()
