"""The holds screen: the chair records a hold on a member with dates and reason; it shows in the table and as a
hard condition of the year's law; a province may not open the screen."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from db.models import Unit, UnitHold, ValueChange
from tests.helpers import app_test, as_user, texts

REASON = "Thanh tra việc cấp phép tần số (Quyết định 12/QĐ-TTr)"


def test_the_chair_records_a_hold_and_the_screen_says_it_blocks(db_url, session):
    at = as_user(app_test("pages/holds.py"), "chair").run()
    assert not at.exception, at.exception
    at.selectbox(key="holds_year").select(2026).run()
    sonla = session.exec(select(Unit.id).where(Unit.code == "sonla")).one()
    at.selectbox(key="hold_unit").select(sonla)
    at.selectbox(key="hold_kind").select("inspection")
    at.text_area(key="hold_reason").input(REASON)
    at.date_input(key="hold_from").set_value(date(2026, 11, 20))
    next(b for b in at.button if b.label == "Lưu").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Đã ghi nhận tạm dừng xét." in shown
    assert "Bắt buộc" in shown and REASON in shown and "không được đề nghị" in shown
    assert "Đang thanh tra, kiểm tra" in at.dataframe[0].value.to_string()
    row = session.exec(select(UnitHold)).one()
    assert row.kind == "inspection" and row.starts_on == date(2026, 11, 20) and row.set_by_id is not None
    assert session.exec(select(ValueChange).where(ValueChange.what == "hold")).one().reason == REASON


def test_a_hold_without_a_reason_is_refused_and_nothing_is_stored(db_url, session):
    at = as_user(app_test("pages/holds.py"), "chair").run()
    at.selectbox(key="holds_year").select(2026).run()
    at.date_input(key="hold_from").set_value(date(2026, 11, 20))
    next(b for b in at.button if b.label == "Lưu").click().run()
    assert "Cần ghi lý do" in texts(at)
    assert session.exec(select(UnitHold)).all() == []


def test_a_province_may_not_open_the_holds(db_url):
    at = as_user(app_test("pages/holds.py"), "sonla").run()
    assert "không có quyền mở trang này" in texts(at)


def test_the_ballot_preparation_leaves_a_held_unit_out_and_says_why(db_url, session):
    from db import holds
    from tests.db.test_scoring import actor

    sonla = session.exec(select(Unit.id).where(Unit.code == "sonla")).one()
    holds.set_hold(session=session, actor=actor(session, "chair"), unit_id=sonla, kind="inspection", reason=REASON,
                   starts_on=date(2026, 11, 20))
    session.commit()
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    assert not at.exception, at.exception
    assert "không được đưa vào phiếu bầu" in texts(at) and REASON in texts(at)
    candidates = at.multiselect[0].value
    assert len(candidates) == 6 and sonla not in candidates
