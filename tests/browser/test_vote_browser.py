"""The live vote in real browsers: six voters on their own devices and a projector; the chair closes and publishes;
a server restart while the poll is open keeps the ballots and the state.

Voters' browsers get the app's login cookie directly (the same signed cookie the login form sets, see
components/ui/auth.py): typing seven passwords would only repeat tests/browser/test_login_browser.py and slow this down.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlmodel import Session, select

from db import polls
from db.engine import make_engine
from db.models import Ballot, EmulationYear, Unit
from db.users import get_user
from tests.browser.conftest import wait_for_app
from tests.helpers import ADMIN

# the 2026 vote of the sample's open year: Hà Giang merged into Tuyên Quang on 01/07/2025, so it is not a member; six
# of the seven members' accounts vote here
VOTERS = ["sonla", "laichau", "dienbien", "laocai", "caobang", "langson"]
DIENBIEN = "Sở Khoa học và Công nghệ Điện Biên"
LAOCAI = "Sở Khoa học và Công nghệ Lào Cai"
TIMEOUT = 30_000


def _open_poll(db_url: str) -> int:
    engine = make_engine(db_url)
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()
        voters = [u.id for u in s.exec(select(Unit).where(Unit.code.in_(VOTERS))).all()]
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn năm 2026",
                                    actor=get_user(session=s, username="chair"), voter_unit_ids=voters)
        polls.open_poll(session=s, poll_id=poll.id, actor=get_user(session=s, username="chair"))
        s.commit()
        poll_id = poll.id
    engine.dispose()
    return poll_id


def login_token(username: str) -> str:
    """The signed cookie the login form sets (components/ui/auth.py; the test's AUTH_COOKIE_KEY is set)."""
    from components.ui import auth

    return auth.issue_token(username)


def _logged_in(browser, server, username: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    context.add_cookies([{"name": "thidua_auth", "value": login_token(username), "url": server.url}])
    return context


def _goto(page, server, path: str) -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)


def _vote(page, server, choice: str) -> str:
    _goto(page, server, "ballot")
    page.get_by_text(choice, exact=True).click()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Xác nhận bỏ phiếu").click()
    receipt = page.locator(".vote-receipt")
    receipt.wait_for(timeout=TIMEOUT)
    code = receipt.inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code), code
    return code


def _wait_count(page, text: str) -> None:
    page.wait_for_function(
        "t => { const el = document.querySelector('.vote-big'); return el && el.innerText.startsWith(t); }",
        arg=text, timeout=TIMEOUT)


def test_six_voters_and_a_projector_then_the_chair_publishes(server, browser, db_url):
    _open_poll(db_url)
    contexts = []
    try:
        projector_ctx = _logged_in(browser, server, "admin")
        contexts.append(projector_ctx)
        projector = projector_ctx.new_page()
        _goto(projector, server, "projector")
        _wait_count(projector, "0 / 6")

        receipts = {}
        for n, username in enumerate(VOTERS, start=1):
            ctx = _logged_in(browser, server, username, width=420)  # a phone
            contexts.append(ctx)
            page = ctx.new_page()
            receipts[username] = _vote(page, server, LAOCAI if username == "dienbien" else DIENBIEN)
            _wait_count(projector, f"{n} / 6")  # the fragment updates the projector without a reload
        projector.wait_for_function("() => document.querySelectorAll('.vote-unit.voted').length === 6",
                                    timeout=TIMEOUT)  # the grid is the element drawn after the count
        assert "Được suy tôn" not in projector.inner_text("body")

        again = contexts[1].new_page()  # Sơn La opens the ballot page a second time: its receipt is still there
        sent = []  # everything this browser sends from now on: requests (URL, headers, body) and WebSocket frames
        again.on("request", lambda r: sent.append(f"{r.url} {r.headers} {r.post_data or ''}"))
        again.on("websocket", lambda ws: ws.on("framesent", lambda f: sent.append(
            f if isinstance(f, str) else bytes(f).decode("latin-1"))))
        _goto(again, server, "ballot")
        assert again.locator(".vote-receipt").inner_text().strip() == receipts["sonla"]
        assert again.get_by_role("button", name="Tiếp tục").count() == 0
        # receipt-freeness: the browser keeps the code (not in a cookie) and never sends it back
        again.reload()
        wait_for_app(again)
        assert again.locator(".vote-receipt").inner_text().strip() == receipts["sonla"]
        assert sent and not any(receipts["sonla"] in x for x in sent)
        assert not any(receipts["sonla"] in c["value"] for c in contexts[1].cookies())

        chair_ctx = _logged_in(browser, server, "chair")
        contexts.append(chair_ctx)
        chair = chair_ctx.new_page()
        _goto(chair, server, "vote_manage")
        chair.get_by_role("button", name="Kết thúc bỏ phiếu").click()
        chair.get_by_role("button", name="Công bố kết quả").click(timeout=TIMEOUT)
        chair.get_by_text("Đã công bố kết quả.").wait_for(timeout=TIMEOUT)

        projector.locator(".vote-winner", has_text=f"Đơn vị được suy tôn dẫn đầu: {DIENBIEN}").wait_for(
            timeout=TIMEOUT)
        projector.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=TIMEOUT)

        results = contexts[1].new_page()
        _goto(results, server, "vote_results")
        # typed as a voter would, in lower case without the hyphen: normalised and found in the browser
        results.get_by_label("Tra cứu mã phiếu").fill(receipts["sonla"].lower().replace("-", ""))
        results.get_by_label("Tra cứu mã phiếu").press("Enter")
        results.get_by_text(f"Mã {receipts['sonla']} có trong danh sách phiếu đã kiểm.").wait_for(timeout=TIMEOUT)
        assert DIENBIEN not in results.locator(".thidua-lookup-answer").inner_text()  # the code, never its choice
        results.get_by_label("Tra cứu mã phiếu").fill("ZZZZ-ZZZZ")
        results.get_by_label("Tra cứu mã phiếu").press("Enter")
        results.get_by_text("Không tìm thấy mã ZZZZ-ZZZZ", exact=False).wait_for(timeout=TIMEOUT)

        # the voter's own device still has its receipt after a reload, and says privately that it was counted
        mine = contexts[1].new_page()
        _goto(mine, server, "ballot")
        assert mine.locator(".vote-receipt").inner_text().strip() == receipts["sonla"]
        mine.get_by_text("Mã phiếu của bạn có trong danh sách phiếu đã kiểm.").wait_for(timeout=TIMEOUT)
    finally:
        for ctx in contexts:
            ctx.close()


def test_restart_while_open_keeps_ballots_and_state(server, browser, db_url):
    poll_id = _open_poll(db_url)
    contexts = [_logged_in(browser, server, u, width=420) for u in ("sonla", "laichau", "laocai")]
    projector_ctx = _logged_in(browser, server, "chair")
    contexts.append(projector_ctx)
    try:
        first = [_vote(ctx.new_page(), server, DIENBIEN) for ctx in contexts[:2]]

        server.stop()
        server.start()

        projector = projector_ctx.new_page()
        _goto(projector, server, "projector")
        _wait_count(projector, "2 / 6")
        # the poll's banner, drawn by the same run as the count (the count's element may be painted first)
        expect(projector.locator(".vote-banner").first).to_contain_text("đang bỏ phiếu", timeout=TIMEOUT)

        again = contexts[0].new_page()
        _goto(again, server, "ballot")
        assert again.locator(".vote-receipt").inner_text().strip() == first[0]  # kept by the browser
        assert again.get_by_role("button", name="Tiếp tục").count() == 0
        _vote(contexts[2].new_page(), server, DIENBIEN)  # voting goes on after the restart
        _wait_count(projector, "3 / 6")
    finally:
        for ctx in contexts:
            ctx.close()
    engine = make_engine(db_url)
    with Session(engine) as s:
        stored = set(s.exec(select(Ballot.receipt).where(Ballot.poll_id == poll_id)).all())
        assert set(first) <= stored and len(stored) == 3
        assert polls.get_poll(session=s, poll_id=poll_id, actor=ADMIN).state == "open"
    engine.dispose()


def test_ballot_cast_on_one_server_shows_on_the_other_servers_projector(server_factory, browser, db_url):
    # production runs two streamlit processes on one database behind a proxy (docs/production.md)
    voting_server, projector_server = server_factory(), server_factory()
    _open_poll(db_url)
    voter_ctx = _logged_in(browser, voting_server, "caobang", width=420)
    projector_ctx = _logged_in(browser, projector_server, "chair")
    try:
        projector = projector_ctx.new_page()
        _goto(projector, projector_server, "projector")
        _wait_count(projector, "0 / 6")
        _vote(voter_ctx.new_page(), voting_server, DIENBIEN)
        _wait_count(projector, "1 / 6")
    finally:
        voter_ctx.close()
        projector_ctx.close()
