"""Two clusters in one deployment: the second cluster's chair works on its own cluster's year only. Its board shows
its own members; its year lock, staff targets, criteria table, score lock and registration deadline change its own
year; every write on the first cluster's year or units is refused with nothing changed. The second cluster's
members enter figures, score and register in their own cluster's year."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from components.rules.criteria import EXAMPLE_TABLE
from components.rules.errors import DomainError
from components.rules.figures import Figure
from components.rules.honours import StaffTargets
from db import criteria_tables, entry, reference, registrations, scope, score_sheets, standings
from db import organisation as org
from db.engine import get_engine
from db.models import EmulationYear, ScoringTable, Submission, ValueChange
from tests.db.test_scoring import small_table
from tests.helpers import (
    app_test,
    as_user,
    home_cluster,
    lock_scores_confirmed,
    lock_year_confirmed,
    submit_confirmed,
    texts,
)
from tests.two_clusters import ADMIN, YEAR, second_cluster, units, user


@pytest.fixture
def cum4(session) -> int:
    return second_cluster(session)


def year_of(session, cluster_id: int) -> EmulationYear:
    ey = reference.get_emulation_year(session=session, cluster_id=cluster_id, year=YEAR)
    session.refresh(ey)
    return ey


def states(session, ey: EmulationYear) -> dict[int, str]:
    return {s.unit_id: s.state for s in session.exec(select(Submission)
                                                     .where(Submission.emulation_year_id == ey.id)).all()}


def refused(code: str):
    return pytest.raises(DomainError, match=code)


# --- the board and the entry workflow ---------------------------------------------------------------------


def test_second_chairs_board_lists_only_its_own_members(session, cum4):
    u = units(session)
    cum2 = reference.get_cluster(session=session).id
    board = entry.submission_board(session=session, year=YEAR, cluster_id=cum4)
    assert [r.unit_id for r in board] == [u["tuyenquang"], u["yenbai"]]
    assert scope.cluster_for(session=session, actor=user(session, "chair4")).id == cum4
    first = [r.unit_id for r in entry.submission_board(session=session, year=YEAR, cluster_id=cum2)]
    assert len(first) == 7 and u["tuyenquang"] not in first


def test_second_chairs_lock_year_locks_its_own_year_and_members_only(session, cum4):
    u = units(session)
    cum2 = reference.get_cluster(session=session).id
    lock_year_confirmed(session=session, actor=user(session, "chair4"), year=YEAR, cluster_id=cum4)
    session.commit()
    assert year_of(session, cum4).state == "locked"
    assert states(session, year_of(session, cum4)) == {u["tuyenquang"]: "locked", u["yenbai"]: "locked"}
    assert year_of(session, cum2).state == "open"
    assert states(session, year_of(session, cum2)) == {}
    # the first cluster's members keep entering figures
    sonla = user(session, "sonla")
    saved = entry.save_figures(session=session, actor=sonla, unit_id=sonla.unit_id, year=YEAR,
                                  figures={"bts_stations": Figure(1600)})
    assert saved.saved == ["bts_stations"]


def test_second_chair_cannot_lock_reopen_or_correct_a_unit_of_the_first_cluster(session, cum4):
    u = units(session)
    cum2 = reference.get_cluster(session=session).id
    chair4, chair = user(session, "chair4"), user(session, "chair")
    changes = len(session.exec(select(ValueChange)).all())
    with refused("not_your_cluster"):
        entry.lock_unit(session=session, actor=chair4, unit_id=u["sonla"], year=YEAR)
    with refused("not_your_cluster"):
        entry.lock_year(session=session, actor=chair4, year=YEAR, cluster_id=cum2)
    with refused("not_your_cluster"):
        entry.save_figures(session=session, actor=chair4, unit_id=u["sonla"], year=YEAR,
                              figures={"bts_stations": Figure(1)})
    session.rollback()
    assert states(session, year_of(session, cum2)) == {} and year_of(session, cum2).state == "open"
    entry.lock_unit(session=session, actor=chair, unit_id=u["sonla"], year=YEAR)
    session.commit()
    with refused("not_your_cluster"):
        entry.reopen_unit(session=session, actor=chair4, unit_id=u["sonla"], year=YEAR, reason="Bổ sung số liệu")
    session.rollback()
    assert states(session, year_of(session, cum2)) == {u["sonla"]: "locked"}
    # nor the other way round: the first cluster's chair does not lock the second cluster's unit
    with refused("not_your_cluster"):
        entry.lock_unit(session=session, actor=chair, unit_id=u["tuyenquang"], year=YEAR)
    session.rollback()
    assert states(session, year_of(session, cum4)) == {}
    assert len(session.exec(select(ValueChange)).all()) == changes + 1  # only the first chair's own lock
    # the second chair locks and reopens its own unit
    entry.lock_unit(session=session, actor=chair4, unit_id=u["tuyenquang"], year=YEAR)
    entry.reopen_unit(session=session, actor=chair4, unit_id=u["tuyenquang"], year=YEAR, reason="Bổ sung")
    session.commit()
    assert states(session, year_of(session, cum4)) == {u["tuyenquang"]: "draft"}


def test_second_clusters_member_enters_figures_in_its_own_clusters_year(session, cum4):
    u = units(session)
    cum2 = reference.get_cluster(session=session).id
    tq = user(session, "tuyenquang")
    entry.save_figures(session=session, actor=tq, unit_id=tq.unit_id, year=YEAR,
                          figures={"bts_stations": Figure(900)})
    submit_confirmed(session=session, actor=tq, unit_id=tq.unit_id, year=YEAR)
    session.commit()
    assert states(session, year_of(session, cum4)) == {u["tuyenquang"]: "submitted"}
    assert states(session, year_of(session, cum2)) == {}
    sheet = entry.entry_sheet(session=session, actor=tq, unit_id=tq.unit_id, year=YEAR)
    assert sheet.year.cluster_id == cum4 and sheet.status.state == "submitted"
    board = {r.unit_id: r.state for r in entry.submission_board(session=session, year=YEAR, cluster_id=cum4)}
    assert board == {u["tuyenquang"]: "submitted", u["yenbai"]: "not_started"}
    # once the second chair locks its year, its member can no longer write
    lock_year_confirmed(session=session, actor=user(session, "chair4"), year=YEAR, cluster_id=cum4)
    session.commit()
    with refused("entry_"):
        entry.save_figures(session=session, actor=tq, unit_id=tq.unit_id, year=YEAR,
                              figures={"bts_stations": Figure(901)})


def test_second_chair_sets_its_own_years_staff_targets_only(session, cum4):
    cum2 = reference.get_cluster(session=session).id
    chair4 = user(session, "chair4")
    before = year_of(session, cum2).staff_targets()
    targets = StaffTargets(70.0, 15.0, 20.0, 15.0)
    entry.save_staff_targets(session=session, actor=chair4, year=YEAR, targets=targets, cluster_id=cum4)
    session.commit()
    assert year_of(session, cum4).staff_targets() == targets
    assert year_of(session, cum2).staff_targets() == before
    with refused("not_your_cluster"):
        entry.save_staff_targets(session=session, actor=chair4, year=YEAR, cluster_id=cum2,
                                    targets=StaffTargets(10.0, 10.0, 10.0, 10.0))
    session.rollback()
    assert year_of(session, cum2).staff_targets() == before


# --- scoring ----------------------------------------------------------------------------------------------


def test_second_chairs_criteria_table_and_score_lock_are_its_own_years(session, cum4):
    u = units(session)
    cum2 = reference.get_cluster(session=session).id
    chair4, chair = user(session, "chair4"), user(session, "chair")
    criteria_tables.save_table(session=session, actor=chair4, year=YEAR, table=small_table(flag_quota=2), cluster_id=cum4)
    criteria_tables.adopt_table(session=session, actor=chair4, year=YEAR, cluster_id=cum4)
    session.commit()
    assert criteria_tables.year_table(session=session, year=YEAR, cluster_id=cum2) is None
    assert criteria_tables.year_table(session=session, year=YEAR, cluster_id=home_cluster(session)) is None  # the default cluster's year has no table
    own = criteria_tables.year_table(session=session, year=YEAR, cluster_id=cum4)
    assert own is not None and own.adopted and own.table.flag_quota == 2
    with refused("not_your_cluster"):
        criteria_tables.save_table(session=session, actor=chair4, year=YEAR, table=small_table(), cluster_id=cum2)
    with refused("not_your_cluster"):
        criteria_tables.copy_last_year(session=session, actor=chair4, year=YEAR, cluster_id=cum2)
    session.rollback()
    assert session.exec(select(ScoringTable)).all() == [own.row]
    # the first chair drafts and adopts its own table; the second chair cannot lock its scores
    criteria_tables.save_table(session=session, actor=chair, year=YEAR, table=small_table(), cluster_id=home_cluster(session))
    criteria_tables.adopt_table(session=session, actor=chair, year=YEAR, cluster_id=home_cluster(session))
    session.commit()
    with refused("not_your_cluster"):  # the scope is checked before the acknowledgement (cum2 has units unsent)
        score_sheets.lock_scores(session=session, actor=chair4, year=YEAR, cluster_id=cum2)
    session.rollback()
    assert not criteria_tables.year_table(session=session, year=YEAR, cluster_id=cum2).locked
    # a member of the second cluster scores against its own cluster's table, and only its chair adjusts it
    tq = user(session, "tuyenquang")
    for code in ("c1", "c2"):
        score_sheets.save_self_score(session=session, actor=tq, unit_id=tq.unit_id, year=YEAR, code=code, points=30,
                                doc_no="12/BC-STTTT")
    score_sheets.submit_sheet(session=session, actor=tq, unit_id=tq.unit_id, year=YEAR)
    session.commit()
    with refused("not_your_cluster"):
        score_sheets.adjust_score(session=session, actor=chair, unit_id=tq.unit_id, year=YEAR, code="c1", points=20,
                             reason="Thiếu minh chứng")
    session.rollback()
    score_sheets.adjust_score(session=session, actor=chair4, unit_id=tq.unit_id, year=YEAR, code="c1", points=20,
                         reason="Thiếu minh chứng")
    results = standings.year_results(session=session, year=YEAR, cluster_id=cum4)
    assert [s.unit_id for s in results.standings] == [u["tuyenquang"]] and results.not_submitted == [u["yenbai"]]
    assert standings.year_results(session=session, year=YEAR, cluster_id=cum2).standings == []
    lock_scores_confirmed(session=session, actor=chair4, year=YEAR, cluster_id=cum4)
    session.commit()
    assert criteria_tables.year_table(session=session, year=YEAR, cluster_id=cum4).locked
    assert not criteria_tables.year_table(session=session, year=YEAR, cluster_id=cum2).locked


# --- registration -----------------------------------------------------------------------------------------


def test_second_chair_sets_its_own_registration_deadline_only(session, cum4):
    cum2 = reference.get_cluster(session=session).id
    chair4, chair = user(session, "chair4"), user(session, "chair")
    registrations.set_deadline(session=session, actor=chair, year=YEAR, on=date(2023, 3, 25), cluster_id=home_cluster(session))
    registrations.set_deadline(session=session, actor=chair4, year=YEAR, on=date(2023, 4, 10), cluster_id=cum4)
    session.commit()
    assert registrations.deadline(session=session, year=YEAR, cluster_id=cum2) == date(2023, 3, 25)
    assert registrations.deadline(session=session, year=YEAR, cluster_id=cum4) == date(2023, 4, 10)
    with refused("not_your_cluster"):
        registrations.set_deadline(session=session, actor=chair4, year=YEAR, on=date(2023, 12, 31), cluster_id=cum2)
    session.rollback()
    assert registrations.deadline(session=session, year=YEAR, cluster_id=cum2) == date(2023, 3, 25)
    # the second cluster's member registers before its own cluster's deadline, late by the first's
    tq = user(session, "tuyenquang")
    registrations.save_registration(session=session, actor=tq, unit_id=tq.unit_id, year=YEAR, titles=["co_thi_dua"],
                          targets={})
    registrations.submit_registration(session=session, actor=tq, unit_id=tq.unit_id, year=YEAR, today=date(2023, 4, 1))
    session.commit()
    view = registrations.registration(session=session, actor=chair4, unit_id=tq.unit_id, year=YEAR)
    assert view.state == "submitted" and view.deadline == date(2023, 4, 10)
    with refused("not_your_cluster"):
        registrations.decide_registration(session=session, actor=chair, unit_id=tq.unit_id, year=YEAR, approve=True)
    session.rollback()
    regs, _ = registrations.registered_vs_achieved(session=session, year=YEAR, cluster_id=cum4)
    assert [r.unit_id for r in regs] == [tq.unit_id] and [r.state for r in regs] == ["submitted"]
    assert registrations.registered_vs_achieved(session=session, year=YEAR, cluster_id=cum2)[0] == []


# --- the pages --------------------------------------------------------------------------------------------


def test_second_chair_opens_the_board_sees_its_members_and_locks_its_own_year(db_url):
    with Session(get_engine()) as s:
        cum4 = second_cluster(s)
    at = as_user(app_test("pages/board.py"), "chair4").run()
    assert not at.exception
    shown = at.table[0].value.to_string()
    assert "Tuyên Quang" in shown and "Yên Bái" in shown
    assert "Sơn La" not in shown and "Lạng Sơn" not in shown
    assert "0/2 đơn vị đã nộp" in texts(at)
    assert "Còn 2 đơn vị chưa nộp báo cáo." in texts(at)  # named before the lock, with what it does to them
    assert at.checkbox(key="board_lock_year_sure").label.endswith("dù còn 2 đơn vị chưa nộp báo cáo")
    at.checkbox(key="board_lock_year_sure").check().run()
    at.button(key="board_lock_year").click().run()
    assert not at.exception
    with Session(get_engine()) as s:
        assert year_of(s, cum4).state == "locked"
        assert year_of(s, reference.get_cluster(session=s).id).state == "open"
    # the first cluster's chair still sees its seven members of 2023, none of the second cluster's
    first = as_user(app_test("pages/board.py"), "chair").run()
    first.selectbox(key="board_year").set_value(2023).run()
    shown = first.table[0].value.to_string()
    assert "Sơn La" in shown and "Hà Giang" in shown and "Tuyên Quang" not in shown and "Yên Bái" not in shown


def test_second_chairs_scoring_and_registration_pages_show_its_own_year(db_url):
    with Session(get_engine()) as s:
        cum4 = second_cluster(s)
        criteria_tables.save_table(session=s, actor=user(s, "chair"), year=YEAR, table=small_table(), cluster_id=home_cluster(s))
        registrations.set_deadline(session=s, actor=user(s, "chair4"), year=YEAR, on=date(2023, 4, 10), cluster_id=cum4)
        s.commit()
    table = as_user(app_test("pages/scoring_table.py"), "chair4").run()
    assert not table.exception
    # the registration deadline keeps an empty draft of the second cluster's table; the first's draft is not shown
    assert "điểm cơ bản 0,0" in texts(table) and "điểm cơ bản 90,0" not in texts(table)
    table.button(key="score_example").click().run()
    assert not table.exception
    with Session(get_engine()) as s:
        assert criteria_tables.year_table(session=s, year=YEAR, cluster_id=cum4).table.criteria == EXAMPLE_TABLE.criteria
        assert criteria_tables.year_table(session=s, year=YEAR, cluster_id=home_cluster(s)).table == small_table()  # the first's draft unchanged
    page = as_user(app_test("pages/register.py"), "chair4").run()
    assert not page.exception
    assert page.selectbox(key="registration_unit").options == ["Sở Thông tin và Truyền thông Tuyên Quang",
                                                               "Sở Thông tin và Truyền thông Yên Bái"]
    assert page.date_input(key="reg_deadline_date").value == date(2023, 4, 10)


def test_second_clusters_member_and_chair_open_score_sheets_of_their_own_year(db_url):
    with Session(get_engine()) as s:
        cum4 = second_cluster(s)
        chair4 = user(s, "chair4")
        criteria_tables.save_table(session=s, actor=chair4, year=YEAR, table=small_table(), cluster_id=cum4)
        criteria_tables.adopt_table(session=s, actor=chair4, year=YEAR, cluster_id=cum4)
        # a province account belongs to its unit's latest cluster: since 2025 the sample proposes Tuyên Quang for
        # Cluster No. 2; here the administrator leaves it out, so that its cluster is still No. 4
        u = units(s)
        cum2 = reference.get_cluster(session=s).id
        for later in (2025, 2026):
            members = [m.id for m in reference.member_units(session=s, cluster_id=cum2, year=later)]
            org.set_membership(session=s, actor=ADMIN, cluster_id=cum2, year=later,
                               unit_ids=[m for m in members if m != u["tuyenquang"]])
        s.commit()
    own = as_user(app_test("pages/self_score.py"), "tuyenquang").run()
    assert not own.exception
    assert "Trạng thái bảng: **Đã thông qua (khoá)**" in texts(own)  # its cluster's adopted table, not "none"
    review = as_user(app_test("pages/score_review.py"), "chair4").run()
    assert not review.exception
    assert review.selectbox(key="score_review_unit").options == ["Sở Thông tin và Truyền thông Tuyên Quang",
                                                                 "Sở Thông tin và Truyền thông Yên Bái"]
    results = as_user(app_test("pages/score_results.py"), "chair4").run()
    assert not results.exception
    assert "Còn 2 đơn vị chưa gửi kết quả tự chấm." in texts(results)  # its own two members, not cluster 2's
    results.checkbox(key="score_lock_sure").check()
    next(b for b in results.button if b.label == "Khoá điểm cuối cùng của năm").click().run()
    assert not results.exception
    with Session(get_engine()) as s:
        assert criteria_tables.year_table(session=s, year=YEAR, cluster_id=cum4).locked
        assert criteria_tables.year_table(session=s, year=YEAR, cluster_id=home_cluster(s)) is None  # the first cluster's year untouched


def test_second_chairs_home_page_follows_its_own_members(db_url):
    with Session(get_engine()) as s:
        second_cluster(s)
    home = as_user(app_test("pages/home.py"), "chair4").run()
    assert not home.exception
    shown = texts(home)
    assert "Cụm thi đua số 4" in shown
    assert "Năm 2023: đã nộp 0/2" in shown and "Chưa nộp: Tuyên Quang, Yên Bái" in shown
    assert "Sơn La" not in shown


# --- the composite ranking's weights --------------------------------------------------------------------------


def test_second_chair_sets_the_weights_of_its_own_clusters_year_only(session, cum4):
    from db import comparison_queries as queries
    from db.models import ScoreWeight

    chair4, chair = user(session, "chair4"), user(session, "chair")
    cum2 = reference.get_cluster(session=session).id
    own, other = year_of(session, cum4), year_of(session, cum2)
    assert queries.save_score_weights(session=session, actor=chair4, emulation_year_id=own.id,
                                      weights={"dti_rank": 3}) == {"dti_rank": 3.0}
    session.commit()
    with refused("not_your_cluster"):
        queries.save_score_weights(session=session, actor=chair4, emulation_year_id=other.id, weights={"dti_rank": 5})
    session.rollback()
    assert session.exec(select(ScoreWeight).where(ScoreWeight.emulation_year_id == other.id)).all() == []
    # and the first cluster's chair still sets its own, not the second's
    queries.save_score_weights(session=session, actor=chair, emulation_year_id=other.id, weights={"dti_rank": 2})
    with refused("not_your_cluster"):
        queries.save_score_weights(session=session, actor=chair, emulation_year_id=own.id, weights={"dti_rank": 9})
