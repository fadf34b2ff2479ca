"""What only a browser shows: a markup payload stored in every free-text field of the database
(tests/hostile_text.py) is shown as text on every page of every role, and nothing is built, run or fetched from
it (components/rules/plain_text.py)."""

from __future__ import annotations

from components.ui.navigation import screens_for
from tests.browser.conftest import wait_for_app
from tests.browser.test_vote_browser import login_token
from tests.hostile_text import ACCOUNTS, hostile_database

BOLD = "<b>x</b>"
IMAGE = "![x](/probe.png)"
LINK = "[a](javascript:alert(1))"


def test_a_stored_markup_payload_is_shown_as_text_on_every_page_of_every_role(server, browser, db_url):
    hostile_database(db_url)
    problems = []
    for role, username in ACCOUNTS.items():
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
