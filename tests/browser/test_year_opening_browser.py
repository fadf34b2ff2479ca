"""In a real browser, the chair opens 2027 in one step from the sample's 2026 (issue 21): the board shows what the new
year takes over (members through the lineage, the copied criteria table, the pack, the legal basis) before anything
is saved, and one click opens it."""

from __future__ import annotations

from sqlmodel import Session

from db import criteria_tables, legal, reference
from db.engine import make_engine
from db.users import get_user
from tests.browser.conftest import login, wait_for_app
from tests.conftest import DEMO_PASSWORD
from tests.db.test_scoring import small_table
from tests.helpers import home_cluster

TIMEOUT = 30_000


def test_the_chair_opens_2027_from_2026_in_one_step(server, page, db_url):
    engine = make_engine(db_url)
    with Session(engine) as s:  # 2026's criteria table, for 2027 to copy
        criteria_tables.save_table(session=s, actor=get_user(session=s, username="chair"), year=2026,
                           table=small_table(flag_quota=2), cluster_id=home_cluster(s))
        s.commit()
    login(page, server.url, "chair", DEMO_PASSWORD)
    page.goto(server.url + "/board")
    wait_for_app(page)
    page.get_by_text("Mở năm thi đua 2027").click()
    preview = page.get_by_text("Thành viên (7, chưa xác nhận):", exact=False)
    preview.wait_for(timeout=TIMEOUT)
    text = page.locator("[data-testid='stAlert']").filter(has_text="Thành viên (7, chưa xác nhận)").inner_text()
    assert "Sở Khoa học và Công nghệ Tuyên Quang" in text and "Hà Giang" not in text and "Yên Bái" not in text
    assert "Bảng tiêu chí: sao chép bảng năm 2026" in text
    assert "Bộ chỉ tiêu: Sở Khoa học và Công nghệ (từ 2025)" in text
    assert "152/2025/NĐ-CP" in text and "25/2025/TT-BKHCN" in text
    with Session(engine) as s:  # shown, nothing saved yet
        assert reference.get_emulation_year(session=s, cluster_id=1, year=2027) is None
    page.get_by_role("button", name="Mở năm 2027").click()
    wait_for_app(page)
    page.get_by_text("Đã mở năm thi đua 2027.").wait_for(timeout=TIMEOUT)
    with Session(engine) as s:
        ey = reference.get_emulation_year(session=s, cluster_id=1, year=2027)
        assert ey is not None and ey.state == "open"
        members = {u.code for u in reference.member_units(session=s, cluster_id=1, year=2027)}
        assert members == {"sonla", "laichau", "dienbien", "laocai", "caobang", "langson", "tuyenquang"}
        assert legal.membership_proposal(session=s, cluster_id=1, year=2027) is not None
        copied = criteria_tables.year_table(session=s, year=2027, cluster_id=1)
        assert copied is not None and copied.table == small_table(flag_quota=2) and not copied.adopted
        assert legal.legal_basis(session=s, year=2027).pack == "so_khcn"
    engine.dispose()
