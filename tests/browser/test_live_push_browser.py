"""The count is pushed, not polled: on the projector a ballot shows within a second while the page's script has
not rerun (the count of the script's drawings, which the page writes in a test-only attribute, stays the same);
and with the stream cut (the browser refuses /live/), the page falls back to redrawing the count itself, so the
count still arrives."""

from __future__ import annotations

import time

from sqlmodel import Session, select

from components.rules.access import Acting
from db import polls
from db.engine import make_engine
from db.models import EmulationYear
from db.users import get_user
from tests.browser.test_vote_browser import TIMEOUT, _goto, _logged_in
from tests.helpers import close_confirmed

DIENBIEN = 3
VOTERS = (1, 2, 4, 6, 7, 8)  # six of the seven members of 2026 (unit ids of the sample)


def _open_poll(engine) -> int:
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()
        chair = get_user(session=s, username="chair")
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn năm 2026", actor=chair)
        polls.open_poll(session=s, poll_id=poll.id, actor=chair)
        s.commit()
        return poll.id


def _cast(engine, poll_id: int, unit_id: int) -> None:
    with Session(engine) as s:
        polls.cast_ballot(session=s, poll_id=poll_id, actor=Acting(None, "province", unit_id), choices=[DIENBIEN])
        s.commit()


def _count(page) -> str:
    return page.evaluate("() => (document.querySelector('.vote-big') || {}).innerText || ''")


def _runs(page) -> int:
    return int(page.get_attribute(".thidua-count-runs", "data-runs"))


def _wait_count(page, text: str, timeout: float = TIMEOUT) -> None:
    page.wait_for_function(
        "t => { const el = document.querySelector('.vote-big'); return el && el.innerText.startsWith(t); }",
        arg=text, timeout=timeout)


def test_the_projector_count_is_pushed_without_a_rerun_and_survives_a_cut_stream(server, browser, db_url):
    engine = make_engine(db_url)
    poll_id = _open_poll(engine)
    contexts = []
    try:
        pushed_ctx = _logged_in(browser, server, "admin")
        cut_ctx = _logged_in(browser, server, "chair")
        contexts += [pushed_ctx, cut_ctx]
        cut_ctx.route("**/live/poll/**", lambda route: route.abort())  # this projector never gets the stream
        pushed, cut = pushed_ctx.new_page(), cut_ctx.new_page()
        _goto(pushed, server, "projector")
        _goto(cut, server, "projector")
        _wait_count(pushed, "0 / 7")
        pushed.wait_for_selector(".thidua-live[data-stream='up']", timeout=TIMEOUT)
        pushed.wait_for_selector(".thidua-count-runs", state="attached", timeout=TIMEOUT)
        cut.wait_for_selector(".thidua-live[data-stream='down']", timeout=TIMEOUT)

        delays = []
        for n, unit in enumerate(VOTERS[:3], start=1):
            runs = _runs(pushed)
            started = time.monotonic()
            _cast(engine, poll_id, unit)
            _wait_count(pushed, f"{n} / 7", timeout=5_000)
            delays.append(time.monotonic() - started)
            assert _runs(pushed) == runs, "the count arrived by a rerun of the page, not by the push"
        assert max(delays) < 1.0, delays
        # the cards follow too: three units marked as voted, in place
        assert pushed.locator(".thidua-live .vote-unit.voted").count() == 3

        # the projector without its stream redraws the count itself (the fragment) and still gets there
        _wait_count(cut, "3 / 7", timeout=10_000)
        assert _runs(cut) > 1

        # a change of the poll's state reruns the page: the projector says the vote has closed
        with Session(engine) as s:
            close_confirmed(session=s, poll_id=poll_id, actor=get_user(session=s, username="chair"),
                            reason="Hết giờ dành cho bỏ phiếu tại hội nghị")
            s.commit()
        pushed.get_by_text("Kết thúc sớm (3/7 phiếu)", exact=False).wait_for(timeout=5_000)
    finally:
        for ctx in contexts:
            ctx.close()
        engine.dispose()
