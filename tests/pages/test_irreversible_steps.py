"""Irreversible steps say what they do before, on the screen: a vote in a year whose adopted scores propose no
unit is closed and published only after a confirmation that says so (and the data layer refuses otherwise)."""

from __future__ import annotations

from sqlmodel import Session, select

from components.rules.access import Acting
from components.rules.criteria import EXAMPLE_TABLE
from db import criteria_tables, polls
from db.models import EmulationYear, Poll
from tests.helpers import app_test, as_user, home_cluster, texts

WARNING = "Theo kết quả chấm điểm của năm, không có đơn vị nào đủ chuẩn đề nghị Cờ thi đua"


def _poll_with_no_eligible_unit(engine) -> int:
    from db.users import get_user

    with Session(engine) as s:
        chair = get_user(session=s, username="chair")
        criteria_tables.save_table(session=s, actor=chair, year=2026, table=EXAMPLE_TABLE, cluster_id=home_cluster(s))
        criteria_tables.adopt_table(session=s, actor=chair, year=2026, cluster_id=home_cluster(s))
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn năm 2026", actor=chair,
                                 candidates_reason="Hội nghị bình xét khi chưa có kết quả chấm điểm")
        polls.open_poll(session=s, poll_id=poll.id, actor=chair)
        voters = polls.poll_status(session=s, actor=chair, poll_id=poll.id).present
        for voter in voters:  # every member present votes: only the missing eligible unit is left to confirm
            choice = voters[0] if voter != voters[0] else voters[1]
            polls.cast_ballot(session=s, poll_id=poll.id, actor=Acting(None, "province", voter), choices=[choice])
        s.commit()
        return poll.id


def _state(engine, poll_id: int) -> str:
    with Session(engine) as s:
        return s.get(Poll, poll_id).state


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_a_vote_no_unit_qualifies_for_is_closed_and_published_only_once_confirmed(engine):
    poll_id = _poll_with_no_eligible_unit(engine)
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    at.selectbox(key="vote_manage_poll").set_value(poll_id).run()
    assert WARNING in texts(at)
    _button(at, "Kết thúc bỏ phiếu").click().run()
    assert "Không có đơn vị nào đủ chuẩn theo kết quả chấm điểm: cần xác nhận trước." in texts(at)
    assert _state(engine, poll_id) == "open"
    at.checkbox(key=f"close_no_eligible_{poll_id}").check()
    _button(at, "Kết thúc bỏ phiếu").click().run()
    assert not at.exception, at.exception
    assert _state(engine, poll_id) == "closed"
    assert WARNING in texts(at)  # said again before the publication
    _button(at, "Công bố kết quả").click().run()
    assert _state(engine, poll_id) == "closed"
    at.checkbox(key=f"publish_no_eligible_{poll_id}").check()
    _button(at, "Công bố kết quả").click().run()
    assert not at.exception, at.exception
    assert _state(engine, poll_id) == "published"
