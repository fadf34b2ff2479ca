"""What people see, in a real browser (issue 23's checks): the year's score lock lists the units that have not sent
and needs the confirmation naming them; a save keeps the entry form's open tab and where the page was scrolled; the projector at 1366x768 shows
every one of seven cards with no sidebar; at 1366x768 every entry tab's label is shown whole and the home tables
fit their columns."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlmodel import Session, select

from components.rules.criteria import EXAMPLE_TABLE
from db import criteria_tables, polls, reference, score_sheets
from db.engine import make_engine
from db.models import EmulationYear, ScoringTable
from db.users import get_user
from tests.browser.conftest import wait_for_app
from tests.browser.test_vote_browser import _logged_in, login_token
from tests.helpers import home_cluster

YEAR = 2026
TIMEOUT = 30_000
# how far the page is scrolled, whichever element scrolls it
SCROLLED = """() => Math.max(window.scrollY, ...[...document.querySelectorAll(
    "[data-testid='stMain'], [data-testid='stAppViewContainer'], section.main")].map(e => e.scrollTop))"""


def _at_1366x768(browser, server, username: str):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", device_scale_factor=1)
    context.add_cookies([{"name": "thidua_auth", "value": login_token(username), "url": server.url}])
    return context


def _goto(page, server, path: str) -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)


def test_the_year_lock_names_the_units_unsent_and_needs_the_confirmation(server, browser, db_url):
    engine = make_engine(db_url)
    with Session(engine) as s:
        chair = get_user(session=s, username="chair")
        criteria_tables.save_table(session=s, actor=chair, year=YEAR, table=EXAMPLE_TABLE, cluster_id=home_cluster(s))
        criteria_tables.adopt_table(session=s, actor=chair, year=YEAR, cluster_id=home_cluster(s))
        s.commit()
        unsent = score_sheets.unsent_units(session=s, cluster_id=home_cluster(s), year=YEAR)
        names = reference.unit_names(session=s, year=YEAR)
    context = _logged_in(browser, server, "chair")
    try:
        page = context.new_page()
        _goto(page, server, "score_results")
        body = page.locator("[data-testid='stMain']")
        expect(body).to_contain_text(f"Còn {len(unsent)} đơn vị chưa gửi kết quả tự chấm.", timeout=TIMEOUT)
        for unit in unsent:
            expect(body).to_contain_text(names[unit].name("vi"))
        page.get_by_role("button", name="Khoá điểm cuối cùng của năm").click()
        wait_for_app(page)
        expect(body).to_contain_text("Hãy đánh dấu ô xác nhận trước khi khoá.")
        with Session(engine) as s:
            assert s.exec(select(ScoringTable)).one().scores_locked_at is None
        page.get_by_text(f"Tôi xác nhận khoá điểm năm {YEAR} dù còn {len(unsent)} đơn vị chưa gửi").click()
        page.get_by_role("button", name="Khoá điểm cuối cùng của năm").click()
        wait_for_app(page)
        expect(body).to_contain_text("Đã khoá điểm.", timeout=TIMEOUT)
        with Session(engine) as s:
            assert s.exec(select(ScoringTable)).one().scores_locked_at is not None
    finally:
        context.close()


def test_a_save_keeps_the_entry_forms_open_tab(server, browser):
    context = _logged_in(browser, server, "sonla")
    try:
        page = context.new_page()
        _goto(page, server, "entry")
        tab = page.get_by_role("tab", name="CNTT, chuyển đổi số", exact=False)
        tab.click()
        wait_for_app(page)
        expect(tab).to_have_attribute("aria-selected", "true")
        page.locator(".st-key-fig_1_2026_vi_dti_rank_value input").fill("12")
        page.locator(".st-key-fig_1_2026_vi_dti_rank_ranked_of input").fill("34")
        save = page.get_by_role("button", name="Lưu nháp")
        save.scroll_into_view_if_needed()
        before = page.evaluate(SCROLLED)
        assert before > 500  # the button sits far down the form
        save.click()
        wait_for_app(page)
        saved = page.get_by_text("Đã lưu 1 chỉ tiêu.")
        expect(saved).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text("CNTT, chuyển đổi số 1 / 12", exact=False)).to_be_visible()
        # the tab is still the open one, and the page stayed where it was, the message in view beside the button
        expect(page.get_by_role("tab", name="CNTT, chuyển đổi số", exact=False)).to_have_attribute(
            "aria-selected", "true")
        assert abs(page.evaluate(SCROLLED) - before) < 200, (before, page.evaluate(SCROLLED))
        box = saved.bounding_box()
        assert box is not None and 0 <= box["y"] <= page.viewport_size["height"]
    finally:
        context.close()


def test_the_projector_at_1366x768_shows_seven_cards_and_no_sidebar(server, browser, db_url):
    engine = make_engine(db_url)
    with Session(engine) as s:
        chair = get_user(session=s, username="chair")
        ey = s.exec(select(EmulationYear).where(EmulationYear.year == YEAR,
                                                EmulationYear.cluster_id == home_cluster(s))).one()
        poll = polls.create_poll(session=s, emulation_year_id=ey.id, title="Suy tôn 2026", actor=chair)
        polls.open_poll(session=s, poll_id=poll.id, actor=chair)
        s.commit()
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", device_scale_factor=1)
    context.add_cookies([{"name": "thidua_auth", "value": login_token("admin"), "url": server.url}])
    try:
        page = context.new_page()
        _goto(page, server, "projector")
        page.wait_for_function("() => document.querySelectorAll('.vote-unit').length === 7", timeout=TIMEOUT)
        inside = page.evaluate("""() => [...document.querySelectorAll('.vote-unit')].filter(card => {
            const r = card.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
        }).length""")
        assert inside == 7
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.count() == 0 or not sidebar.first.is_visible()
    finally:
        context.close()


def test_at_1366x768_every_entry_tab_label_is_whole_and_inside_the_form(server, browser):
    context = _at_1366x768(browser, server, "sonla")
    try:
        page = context.new_page()
        _goto(page, server, "entry")
        page.get_by_role("tab", name="Thi đua, khen thưởng", exact=False).wait_for(timeout=TIMEOUT)
        # the app's stylesheet (components/ui/styles.py) is an st.html element, whose code Streamlit's frontend
        # loads on first use: measured once it is on the page
        page.locator(".app-styles").wait_for(state="attached", timeout=TIMEOUT)
        tabs = page.evaluate("""() => {
            const list = document.querySelector("[data-testid='stMain'] [role='tablist']");
            const box = list.getBoundingClientRect();
            return [...list.querySelectorAll("[role='tab']")].map(tab => {
                const r = tab.getBoundingClientRect(), label = tab.querySelector('p');
                return {text: tab.innerText, inside: r.left >= box.left && r.right <= box.right + 0.5
                                                     && r.right <= window.innerWidth,
                        clipped: label.scrollWidth > label.clientWidth};
            }); }""")
        assert len(tabs) == 8, tabs  # the eight fields of the 2026 catalogue
        assert [tab for tab in tabs if not tab["inside"] or tab["clipped"]] == []
        assert any(tab["text"].startswith("Khoa học, công nghệ và đổi mới sáng tạo") for tab in tabs)
    finally:
        context.close()


def test_at_1366x768_the_home_tables_fit_their_columns(server, browser):
    context = _at_1366x768(browser, server, "admin")
    try:
        page = context.new_page()
        _goto(page, server, "")
        page.wait_for_function("() => document.querySelectorAll(\"[data-testid='stDataFrame'] .dvn-scroller\")"
                               ".length >= 2", timeout=TIMEOUT)
        grids = page.evaluate("""() => [...document.querySelectorAll("[data-testid='stDataFrame']")].map(frame => {
            const s = frame.querySelector('.dvn-scroller'), r = frame.getBoundingClientRect();
            return {scrolls: s.scrollWidth > s.clientWidth + 1, right: r.right}; })""")
        assert grids and all(not g["scrolls"] and g["right"] <= 1366 for g in grids), grids
    finally:
        context.close()
