"""Opening the next year in one step (issue 21, item 3): 2027 from the sample's 2026."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from sqlmodel import Session, func, select

from components.i18n.formatting import VN_TZ
from components.rules.errors import DomainError
from db import criteria_tables, legal, reference, year_opening
from db.engine import get_engine
from db.models import ClusterMembership, EmulationYear, LegalBasis
from tests.db.test_scoring import small_table
from tests.helpers import SAMPLE_CHAIR, app_test, as_user, home_cluster, texts

ADMIN = SimpleNamespace(id=None, role="admin", unit_id=None)
CHAIR = SAMPLE_CHAIR


def _u(session) -> dict[str, int]:
    return {u.code: u.id for u in reference.list_units(session=session)}


def _counts(session):
    return tuple(session.exec(select(func.count()).select_from(m)).one()
                 for m in (EmulationYear, ClusterMembership, LegalBasis))


def test_the_plan_for_2027_shows_members_table_law_pack_and_body_and_writes_nothing(session):
    cluster = reference.get_cluster(session=session)
    before = _counts(session)
    criteria_tables.save_table(session=session, actor=CHAIR, year=2026, table=small_table(flag_quota=2), cluster_id=home_cluster(session))
    plan = year_opening.plan_next_year(session=session, actor=CHAIR, cluster_id=cluster.id)
    u = _u(session)
    assert plan.year == 2027 and plan.previous == 2026
    assert u["tuyenquang"] in plan.members and u["hagiang"] not in plan.members and len(plan.members) == 7
    assert "Sở Khoa học và Công nghệ Tuyên Quang" in plan.member_names
    assert plan.criteria_from == 2026 and plan.law_from == 2026 and plan.pack == "so_khcn"
    assert plan.awarding_body == "Bộ Khoa học và Công nghệ"
    assert any("152/2025/NĐ-CP" in line for line in plan.law_lines)
    session.rollback()
    assert _counts(session) == before


def test_opening_2027_carries_everything_as_a_proposal(session):
    cluster = reference.get_cluster(session=session)
    criteria_tables.save_table(session=session, actor=CHAIR, year=2026, table=small_table(flag_quota=2), cluster_id=home_cluster(session))
    deadline = datetime(2027, 12, 15, 23, 59, tzinfo=VN_TZ)
    ey = year_opening.open_next_year(session=session, actor=CHAIR, cluster_id=cluster.id, deadline=deadline)
    assert (ey.year, ey.state) == (2027, "open") and ey.entry_deadline == deadline
    members = {m.code for m in reference.member_units(session=session, cluster_id=cluster.id, year=2027)}
    assert members == {"sonla", "laichau", "dienbien", "laocai", "caobang", "langson", "tuyenquang"}
    assert legal.membership_proposal(session=session, cluster_id=cluster.id, year=2027) is not None
    copied = criteria_tables.year_table(session=session, year=2027, cluster_id=cluster.id)
    assert copied is not None and not copied.adopted and copied.table == small_table(flag_quota=2)
    law = legal.legal_basis(session=session, year=2027)
    assert law.pack == "so_khcn" and not law.confirmed and "25/2025/TT-BKHCN" in law.sector_circular
    with pytest.raises(DomainError) as err:  # a second opening: the next one would be 2028, from a 2027 just made
        year_opening.open_next_year(session=session, actor=SimpleNamespace(id=None, role="province", unit_id=1),
                                    cluster_id=cluster.id)
    assert err.value.code == "forbidden"


def test_hà_giang_cannot_be_kept_as_a_member_of_2027_and_nothing_is_written(session):
    cluster = reference.get_cluster(session=session)
    u = _u(session)
    before = _counts(session)
    with pytest.raises(DomainError) as err:
        year_opening.open_next_year(session=session, actor=CHAIR, cluster_id=cluster.id,
                                    unit_ids=[u["sonla"], u["hagiang"]])
    assert err.value.code == "org_member_merged_away"
    assert err.value.params["successor"] == "Sở Khoa học và Công nghệ Tuyên Quang"
    session.rollback()
    assert _counts(session) == before


def test_a_province_or_no_one_cannot_open_a_year(session):
    cluster = reference.get_cluster(session=session)
    for actor in (SimpleNamespace(id=None, role="province", unit_id=1), SimpleNamespace(id=None, role="ministry",
                                                                                         unit_id=None), None):
        with pytest.raises(DomainError) as err:
            year_opening.plan_next_year(session=session, actor=actor, cluster_id=cluster.id)
        assert err.value.code == "forbidden"


def test_the_chair_opens_2027_from_the_board_in_one_step(db_url):
    with Session(get_engine()) as s:
        criteria_tables.save_table(session=s, actor=CHAIR, year=2026, table=small_table(), cluster_id=home_cluster(s))
        s.commit()
    at = as_user(app_test("pages/board.py"), "chair").run()
    assert not at.exception
    shown = texts(at)
    assert "Thành viên (7, chưa xác nhận):" in shown and "Sở Khoa học và Công nghệ Tuyên Quang" in shown
    assert "Bảng tiêu chí: sao chép bảng năm 2026" in shown
    assert "Bộ chỉ tiêu: Sở Khoa học và Công nghệ (từ 2025)" in shown
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in shown
    with Session(get_engine()) as s:  # shown, not saved
        assert reference.get_emulation_year(session=s, cluster_id=1, year=2027) is None
    at.button(key="open_year_confirm_2027").click().run()
    assert not at.exception and "Đã mở năm thi đua 2027." in texts(at)
    with Session(get_engine()) as s:
        assert reference.get_emulation_year(session=s, cluster_id=1, year=2027).state == "open"
        assert criteria_tables.year_table(session=s, year=2027, cluster_id=1) is not None
        assert legal.membership_proposal(session=s, cluster_id=1, year=2027) is not None
