"""What only a browser shows: a markup payload stored in the app's free-text fields is shown as text on every page
of every role, and nothing is built, run or fetched from it (components/rules/plain_text.py)."""

from __future__ import annotations

from sqlmodel import Session, select, update

from components.ui.navigation import screens_for
from db import polls
from db.engine import get_engine
from db.models import Cluster, EmulationYear, Indicator, IndicatorValue, Unit, UnitName, User
from db.users import get_user
from tests.browser.conftest import wait_for_app
from tests.browser.test_vote_browser import login_token

IMG = "<img src=x onerror=alert(1)>"
FRAME = '<iframe srcdoc="<script>parent.document.title=`XSS`</script>"></iframe>'
BOLD = "<b>x</b>"
IMAGE = "![x](/probe.png)"
LINK = "[a](javascript:alert(1))"
PAYLOAD = f"{IMG} {FRAME} {BOLD} {IMAGE} {LINK} www.probe.example"


def _store_payload() -> None:
    """In every kind of stored text the pages show: a unit's name, the cluster's name, the year's theme, an
    indicator's name, a figure's note, the chair's display name and a poll's title."""
    engine = get_engine()
    with Session(engine) as s:
        sonla = s.exec(select(Unit.id).where(Unit.code == "sonla")).one()
        s.exec(update(UnitName).where(UnitName.unit_id == sonla).values(name_vi="Sơn La " + PAYLOAD))
        s.exec(update(Cluster).values(name_vi="Cụm " + PAYLOAD))
        s.exec(update(EmulationYear).values(theme="Chủ đề " + PAYLOAD))
        s.exec(update(Indicator).where(Indicator.code == "bts_sites").values(name_vi="BTS " + PAYLOAD))
        s.exec(update(IndicatorValue).values(note="Ghi chú " + PAYLOAD))
        s.exec(update(User).where(User.username == "chair").values(display_name="Thư ký " + PAYLOAD))
        year = s.exec(select(EmulationYear).where(EmulationYear.year == 2026)).one()
        polls.create_poll(session=s, emulation_year_id=year.id, title=PAYLOAD[:300], actor=get_user(session=s, username="chair"))
        s.commit()


def test_a_stored_markup_payload_is_shown_as_text_on_every_page_of_every_role(server, browser):
    _store_payload()
    problems = []
    for username, role in (("chair", "chair"), ("sonla", "province"), ("admin", "admin")):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        context.add_cookies([{"name": "thidua_auth", "value": login_token(username), "url": server.url}])
        page = context.new_page()
        fetched, dialogs = [], []
        page.on("request", lambda r, fetched=fetched: fetched.append(r.url)
                if "probe" in r.url or r.url.rstrip("/").endswith("/x") else None)
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        try:
            for screen in screens_for(role):
                path = screen.file.removeprefix("pages/").removesuffix(".py")
                page.goto(f"{server.url}/{path}")
                wait_for_app(page)
                page.wait_for_timeout(1000)  # let any injected frame or image load
                built = page.evaluate(
                    "() => ({frames: document.querySelectorAll('iframe[srcdoc]').length,"
                    " imgs: document.querySelectorAll('img[src=\"x\"], img[src*=\"probe\"]').length,"
                    " links: [...document.querySelectorAll('a')].filter(a => /javascript:|probe/i.test(a.href)"
                    " && !a.href.startsWith(location.href.split('#')[0] + '#')).length,"
                    " bold: [...document.querySelectorAll('b, strong')].filter(b => b.textContent === 'x').length,"
                    " title: document.title})")
                if any(built[k] for k in ("frames", "imgs", "links", "bold")) or built["title"] == "XSS":
                    problems.append((username, path, built))
                if path in ("home", "board"):  # the cluster's name; the unit's name in the board table
                    body = page.inner_text("body")
                    if BOLD not in body or IMAGE not in body or LINK not in body:
                        problems.append((username, path, "payload not shown literally", body[:300]))
            if fetched or dialogs:
                problems.append((username, "fetched/dialogs", fetched, dialogs))
        finally:
            context.close()
    assert problems == [], "\n".join(map(str, problems))
