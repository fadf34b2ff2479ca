"""Holds under NĐ 152/2025: the chair records one on a unit with dates, reason and who set it, in the audit trail;
a held unit is ranked but not proposed (its reason on the candidate list), cannot be named a candidate of the
ballot (the refusal names it and the reason) and is left out of the default candidates; a hold that ended blocks
nothing; a closed year's proposal is not rewritten."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from components.rules.errors import DomainError
from db import criteria_tables, holds, polls, score_sheets, standings
from db.models import PollCandidate, UnitHold, ValueChange
from tests.db.test_scoring import YEAR, actor, adopted, put_dti_rank, score_unit, unit_id  # noqa: F401
from tests.helpers import home_cluster

REASON = "Thanh tra Bộ thanh tra việc cấp phép tần số (Quyết định 12/QĐ-TTr)"


def _two_excellent_units(session, chair):
    for code in ("sonla", "dienbien"):
        put_dti_rank(session, code, 5)
    a = score_unit(session, "sonla", 50, 40)
    b = score_unit(session, "dienbien", 49, 40)
    for u in (a, b):
        score_sheets.set_conditions(session=session, actor=chair, unit_id=u.unit_id, year=YEAR, codes=["ldxs"])
    session.commit()
    return a.unit_id, b.unit_id


def test_a_hold_is_recorded_with_who_set_it_and_audited(session, adopted):  # noqa: F811
    sonla = unit_id(session, "sonla")
    row = holds.set_hold(session=session, actor=adopted, unit_id=sonla, kind="inspection", reason=REASON,
                         starts_on=date(2026, 11, 20))
    session.commit()
    assert row.set_by_id == adopted.id and row.ends_on is None
    change = session.exec(select(ValueChange).where(ValueChange.what == "hold")).one()
    assert change.unit_id == sonla and change.user_id == adopted.id and json.loads(change.new_value)["kind"] == "inspection"
    holds.end_hold(session=session, actor=adopted, hold_id=row.id, ends_on=date(2026, 11, 30),
                   reason="Kết luận thanh tra số 20/KL-TTr")
    session.commit()
    changes = session.exec(select(ValueChange).where(ValueChange.what == "hold").order_by(ValueChange.id)).all()
    assert len(changes) == 2 and json.loads(changes[1].new_value)["ends_on"] == "2026-11-30"


def test_a_province_cannot_set_a_hold(session, adopted):  # noqa: F811
    me = actor(session, "sonla")
    with pytest.raises(DomainError, match="entry_chair_only"):
        holds.set_hold(session=session, actor=me, unit_id=me.unit_id, kind="complaint", reason=REASON,
                       starts_on=date(2026, 11, 1))
    assert session.exec(select(UnitHold)).all() == []


def test_a_held_unit_is_not_proposed_and_the_candidate_list_says_why(session, adopted):  # noqa: F811
    a, b = _two_excellent_units(session, adopted)
    cluster = home_cluster(session)
    before = {r.unit_id: r for r in standings.year_results(session=session, cluster_id=cluster, year=YEAR).standings}
    assert before[a].proposed
    holds.set_hold(session=session, actor=adopted, unit_id=a, kind="inspection", reason=REASON,
                   starts_on=date(2026, 11, 20))
    session.commit()
    rows = {r.unit_id: r for r in standings.year_results(session=session, cluster_id=cluster, year=YEAR).standings}
    assert not rows[a].proposed and not rows[a].meets_standard
    assert ("held", {"kind": "inspection", "reason": REASON, "since": "20/11/2026"}) in rows[a].reasons
    assert rows[b].proposed  # the next unit meeting the standard takes the quota


def test_a_held_unit_cannot_be_a_candidate_of_the_ballot(session, adopted):  # noqa: F811
    a, b = _two_excellent_units(session, adopted)
    holds.set_hold(session=session, actor=adopted, unit_id=a, kind="complaint", reason=REASON,
                   starts_on=date(2026, 10, 1))
    session.commit()
    ey_id = criteria_tables.year_table(session=session, year=YEAR, cluster_id=home_cluster(session)).row.emulation_year_id
    with pytest.raises(DomainError) as refused:
        polls.create_poll(session=session, emulation_year_id=ey_id, title="Suy tôn", actor=adopted,
                          candidate_ids=[a, b], candidates_reason="Hội nghị thống nhất")
    assert refused.value.code == "hold_candidate_held" and refused.value.params["reason"] == REASON
    assert "Sơn La" in refused.value.params["unit"]
    session.rollback()
    poll = polls.create_poll(session=session, emulation_year_id=ey_id, title="Suy tôn", actor=adopted,
                             candidates_reason="Mọi đơn vị không bị tạm dừng xét")
    named = {c.unit_id for c in session.exec(select(PollCandidate).where(PollCandidate.poll_id == poll.id)).all()}
    assert a not in named and b in named


def test_a_hold_that_ended_blocks_nothing(session, adopted):  # noqa: F811
    a, _ = _two_excellent_units(session, adopted)
    holds.set_hold(session=session, actor=adopted, unit_id=a, kind="investigation", reason=REASON,
                   starts_on=date(2026, 2, 1), ends_on=date(2026, 6, 30))
    session.commit()
    rows = {r.unit_id: r for r in standings.year_results(session=session, cluster_id=home_cluster(session),
                                                         year=YEAR).standings}
    assert rows[a].proposed


def test_an_elected_unit_put_on_hold_is_not_in_the_tờ_trình_which_says_why(engine):
    from sqlmodel import Session

    from db import paperwork, polls
    from tests.db.test_polls import CHAIR, DIENBIEN, EARLY, SONLA, UNITS, _cast, _do, _open_poll

    poll_id = _open_poll(engine)
    for u in UNITS:
        _cast(engine, poll_id, u, [DIENBIEN] if u != DIENBIEN else [SONLA])
    _do(engine, polls.close_poll, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    _do(engine, polls.publish_poll, poll_id=poll_id, actor=CHAIR)
    with Session(engine, expire_on_commit=False) as s:
        before = paperwork.document_for(session=s, actor=CHAIR, kind="proposal", cluster_id=home_cluster(s), year=YEAR)
        assert any("Điện Biên" in b.text and b.kind == "bullet" for b in before.blocks)
        holds.set_hold(session=s, actor=CHAIR, unit_id=DIENBIEN, kind="investigation", reason=REASON,
                       starts_on=date(2026, 12, 1))
        s.commit()
        after = paperwork.document_for(session=s, actor=CHAIR, kind="proposal", cluster_id=home_cluster(s), year=YEAR)
    assert not any("Điện Biên" in b.text and b.kind == "bullet" for b in after.blocks)
    note = next(b.text for b in after.blocks if b.kind == "note" and "Điện Biên" in b.text)
    assert REASON in note and "01/12/2026" in note
