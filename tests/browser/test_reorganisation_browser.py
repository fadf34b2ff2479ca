"""In a real browser, the 2025 restructuring as an administrator records it: the members renamed Sở Khoa học và
Công nghệ from 01/03/2025 and Hà Giang merged into Tuyên Quang from 01/07/2025 (each change previewed, then saved),
the 2025 membership copied from 2024 and year 2025 opened; then a Tuyên Quang account enters a figure, the
comparisons show Tuyên Quang with Hà Giang's earlier figures labelled, the 2025 poll offers only 2025 members, the
minutes propose the flag to the Minister of Science and Technology, and a Hà Giang account is refused at login."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect
from sqlmodel import Session, select

from components.documents.minutes import minutes_content
from components.rules.access import Acting
from db import polls
from db import users as user_db
from db.engine import make_engine
from db.models import ClusterMembership, EmulationYear, MembershipProposal, Unit, UnitEvent, UnitName, User
from db.users import get_user
from tests.browser.conftest import login, wait_for_app
from tests.conftest import DEMO_PASSWORD
from tests.helpers import ADMIN, close_confirmed, publish_confirmed

MEMBERS = ("Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Hà Giang", "Cao Bằng", "Lạng Sơn")
TIMEOUT = 30_000


def _as_before_the_restructuring(db_url: str) -> None:
    """The sample database without the members' 2025 facts (Tuyên Quang, of another cluster, keeps its own), without
    the sample's years 2025 and 2026, and with a Tuyên Quang account."""
    engine = make_engine(db_url)
    with Session(engine) as s:
        units = {u.code: u for u in s.exec(select(Unit)).all()}
        member_ids = {units[c].id for c in ("sonla", "laichau", "dienbien", "laocai", "hagiang", "caobang",
                                            "langson")}
        for unit_id in member_ids:
            unit = s.get(Unit, unit_id)
            unit.kind = "so_tttt"
            s.add(unit)
        for event in s.exec(select(UnitEvent)).all():
            if event.unit_id in member_ids or event.successor_unit_id in member_ids:
                s.delete(event)
        for name in s.exec(select(UnitName).where(UnitName.unit_id.in_(member_ids))).all():
            if name.valid_from == date(2025, 3, 1):
                s.delete(name)
            else:
                name.valid_to = None
                s.add(name)
        # the sample's years after the restructuring (2025, 2026) and their proposed members go too
        for row in s.exec(select(ClusterMembership).where(ClusterMembership.year >= 2025)).all():
            s.delete(row)
        for row in s.exec(select(MembershipProposal)).all():
            s.delete(row)
        for row in s.exec(select(EmulationYear).where(EmulationYear.year >= 2025)).all():
            s.delete(row)
        if s.exec(select(User).where(User.username == "tuyenquang")).first() is None:  # a demo account already
            s.add(User(username="tuyenquang", display_name="Sở KH&CN Tuyên Quang", role="province",
                       unit_id=units["tuyenquang"].id, password_hash=user_db.hash_password(DEMO_PASSWORD)))
        s.commit()
    engine.dispose()


def _pick(page, key: str, option: str) -> None:
    page.locator(f".st-key-{key} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")  # a multiselect keeps its list open
    wait_for_app(page)


def _date(page, key: str, iso: str) -> None:
    """Type a date into Streamlit's date field (day, month and year segments, in the DD/MM/YYYY order asked for)."""
    year, month, day = iso.split("-")
    page.locator(f".st-key-{key} [data-type='day']").focus()
    page.keyboard.type(day + month + year)
    expect(page.locator(f".st-key-{key} input[type='date']")).to_have_value(iso)


def _preview_and_save(page, expected_preview: str) -> None:
    page.get_by_role("button", name="Xem trước").click()
    wait_for_app(page)
    expect(page.get_by_text(expected_preview, exact=False)).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Xác nhận lưu").click()
    wait_for_app(page)
    page.get_by_text("Đã lưu thay đổi.").wait_for(timeout=TIMEOUT)


def test_the_administrator_records_the_2025_restructuring_and_the_cluster_follows(server, browser, page, db_url):
    _as_before_the_restructuring(db_url)
    login(page, server.url, "admin", DEMO_PASSWORD)
    page.goto(server.url + "/admin_organisation")
    wait_for_app(page)
    for province in MEMBERS:
        page.get_by_role("tab", name="Đổi tên, sáp nhập, giải thể").click()
        _pick(page, "org_ev_unit", f"Sở Thông tin và Truyền thông {province}")
        _date(page, "org_ev_date", "2025-03-01")
        page.locator(".st-key-org_ev_name_vi input").fill(f"Sở Khoa học và Công nghệ {province}")
        _pick(page, "org_ev_new_kind", "Sở Khoa học và Công nghệ")
        _preview_and_save(page, f"Từ 01/03/2025, Sở Thông tin và Truyền thông {province} mang tên Sở Khoa học và "
                                f"Công nghệ {province}.")

    page.get_by_role("tab", name="Đổi tên, sáp nhập, giải thể").click()
    _pick(page, "org_ev_unit", "Sở Khoa học và Công nghệ Hà Giang")
    _pick(page, "org_ev_kind", "Sáp nhập vào")
    _date(page, "org_ev_date", "2025-07-01")
    _pick(page, "org_ev_successors", "Sở Khoa học và Công nghệ Tuyên Quang")
    _preview_and_save(page, "Từ 01/07/2025, Sở Khoa học và Công nghệ Hà Giang là một phần của Sở Khoa học và Công "
                            "nghệ Tuyên Quang; số liệu đến năm 2024 giữ nguyên dưới tên Sở Khoa học và Công nghệ Hà "
                            "Giang và hiển thị là lịch sử của đơn vị tiền thân.")

    page.get_by_role("tab", name="Thành viên cụm theo năm").click()
    year_box = page.locator(".st-key-org_m_year input")
    year_box.fill("2025")
    year_box.press("Enter")
    expect(year_box).to_have_value("2025")
    wait_for_app(page)
    page.get_by_text("Chưa xác định thành viên Cụm thi đua số 2 năm 2025").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Sao chép danh sách năm 2024").click()
    wait_for_app(page)
    page.locator(".st-key-org_m_preview button").click()
    wait_for_app(page)
    preview = page.get_by_text("Thành viên Cụm thi đua số 2 năm 2025:", exact=False)
    expect(preview).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Xác nhận lưu").click()
    wait_for_app(page)
    page.get_by_text("Đã lưu thay đổi.").wait_for(timeout=TIMEOUT)

    page.goto(server.url + "/admin_catalogue")
    wait_for_app(page)
    page.get_by_role("tab", name="Năm thi đua").click()
    year_input = page.get_by_label("Năm", exact=True)
    year_input.fill("2025")
    year_input.press("Tab")
    # the year sits above the form: its change reruns the page, whose form then offers 2025's members
    page.get_by_text("thành viên của Cụm năm 2025", exact=False).wait_for(timeout=TIMEOUT)
    wait_for_app(page)
    page.locator("[data-testid='stSelectbox']").filter(has_text="Trạng thái").click()
    page.get_by_role("option", name="Đang nhập liệu", exact=True).click()
    page.get_by_role("button", name="Lưu").click()
    wait_for_app(page)
    page.get_by_text("Đã lưu năm thi đua 2025.").wait_for(timeout=TIMEOUT)

    tq_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    hg_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    try:
        tq = tq_context.new_page()
        login(tq, server.url, "tuyenquang", DEMO_PASSWORD)
        tq.goto(server.url + "/entry")
        wait_for_app(tq)
        tq.get_by_role("tab", name="Viễn thông").click()
        row = tq.locator("[data-testid='stHorizontalBlock']").filter(
            has=tq.get_by_text("Số vị trí trạm BTS", exact=True))
        box = row.get_by_label("Giá trị", exact=True)
        box.fill("1.300")
        box.press("Tab")
        wait_for_app(tq)
        tq.get_by_role("button", name="Lưu nháp").click()
        wait_for_app(tq)
        tq.get_by_text("Đã lưu 1 chỉ tiêu.").wait_for(timeout=TIMEOUT)

        tq.goto(server.url + "/comparisons")
        wait_for_app(tq)
        tq.locator("[data-testid='stSelectbox']").filter(has_text="Năm thi đua").click()
        tq.get_by_role("option", name="2025", exact=True).click()
        wait_for_app(tq)
        tq.locator("[data-testid='stSelectbox']").filter(has_text="Tỉnh được làm nổi bật").locator("input").click()
        expect(tq.get_by_role("option", name="Tuyên Quang (gồm số liệu Hà Giang đến 2024)", exact=True)).to_be_visible(
            timeout=TIMEOUT)
        assert not tq.get_by_role("option", name="Hà Giang", exact=True).count()
        tq.keyboard.press("Escape")

        page.goto(server.url + "/vote_manage")  # the administrator prepares the 2025 vote
        wait_for_app(page)
        candidates = page.locator("[data-testid='stMultiSelect']").first
        expect(candidates).to_contain_text("Sở Khoa học và Công nghệ Tuyên Quang", timeout=TIMEOUT)
        assert "Hà Giang" not in candidates.inner_text()

        hg = hg_context.new_page()
        hg.goto(server.url + "/")
        wait_for_app(hg)
        hg.get_by_label("Tên đăng nhập").fill("hagiang")
        hg.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        hg.get_by_role("button", name="Đăng nhập").click()
        hg.get_by_text("đã chấm dứt hoạt động từ 30/06/2025", exact=False).wait_for(timeout=TIMEOUT)
    finally:
        tq_context.close()
        hg_context.close()

    # the 2025 vote held today: its minutes propose the flag to the Minister of Science and Technology
    engine = make_engine(db_url)
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2025)).one()
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn năm 2025", actor=get_user(session=s, username="chair"))
        voters = polls.candidate_ids(session=s, poll_id=poll.id, actor=ADMIN)
        polls.open_poll(session=s, poll_id=poll.id, actor=get_user(session=s, username="chair"))
        for unit_id in voters:
            polls.cast_ballot(session=s, poll_id=poll.id, actor=Acting(None, "province", unit_id),
                                 choices=[voters[0] if unit_id != voters[0] else voters[1]])
        close_confirmed(session=s, poll_id=poll.id, actor=get_user(session=s, username="chair"))
        publish_confirmed(session=s, poll_id=poll.id, actor=get_user(session=s, username="chair"))
        content = minutes_content(polls.minutes_data(session=s, poll_id=poll.id, actor=ADMIN))
        s.commit()
    engine.dispose()
    assert any("đề nghị Bộ trưởng Bộ Khoa học và Công nghệ tặng Cờ thi đua" in line for line in content.conclusion)
