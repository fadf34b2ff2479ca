"""Registration: titles and targets, submit before the deadline, approval or return with a reason, registered
versus achieved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from components.rules.errors import DomainError
from components.rules.registration import achieved
from db import registrations
from db.models import Registration, ValueChange
from tests.db.test_scoring import YEAR, actor
from tests.helpers import home_cluster


def test_plan_reached_or_not_and_missing_is_unknown():
    assert achieved(95, 98.7) and not achieved(95, 90) and achieved(10, 8, "lower") and achieved(95, None) is None


def test_register_submit_return_with_reason_then_approve(session):
    chair, me = actor(session, "chair"), actor(session, "sonla")
    with pytest.raises(DomainError, match="reg_empty"):
        registrations.save_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, titles=[], targets={})
    with pytest.raises(DomainError, match="reg_bad_title"):
        registrations.save_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, titles=["vua"], targets={})
    assert session.exec(select(Registration)).all() == []
    registrations.save_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, titles=["co_thi_dua"],
                          targets={"villages_mobile_covered": (99.0, "phủ sóng thôn bản")})
    registrations.set_deadline(session=session, actor=chair, year=YEAR, on=date(2023, 3, 25), cluster_id=home_cluster(session))
    with pytest.raises(DomainError, match="reg_late"):
        registrations.submit_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, today=date(2023, 3, 26))
    registrations.submit_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, today=date(2023, 3, 20))
    with pytest.raises(DomainError, match="reg_not_editable"):
        registrations.save_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, titles=["bang_khen"],
                              targets={})
    with pytest.raises(DomainError, match="reg_reason_required"):
        registrations.decide_registration(session=session, actor=chair, unit_id=me.unit_id, year=YEAR, approve=False)
    with pytest.raises(DomainError, match="score_not_chair"):
        registrations.decide_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, approve=True)
    registrations.decide_registration(session=session, actor=chair, unit_id=me.unit_id, year=YEAR, approve=False,
                            reason="Bổ sung chỉ tiêu cáp quang")
    view = registrations.registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    assert view.state == "returned" and view.returned_reason == "Bổ sung chỉ tiêu cáp quang"
    registrations.save_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, titles=["co_thi_dua"],
                          targets={"villages_mobile_covered": (99.0, None), "households_fibre": (60.0, None)})
    registrations.submit_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, today=date(2023, 3, 24))
    registrations.decide_registration(session=session, actor=chair, unit_id=me.unit_id, year=YEAR, approve=True)
    assert registrations.registration(session=session, actor=chair, unit_id=me.unit_id, year=YEAR).state == "approved"
    regs, lines = registrations.registered_vs_achieved(session=session, year=YEAR, cluster_id=home_cluster(session))
    assert [r.unit_id for r in regs] == [me.unit_id]
    assert {x.indicator_code for x in lines} == {"villages_mobile_covered", "households_fibre"}
    assert len(session.exec(select(ValueChange).where(ValueChange.what.like("registration%"))).all()) >= 6


def test_a_draft_registration_is_not_readable_by_another_province(session):
    me, other = actor(session, "sonla"), actor(session, "laichau")
    registrations.save_registration(session=session, actor=me, unit_id=me.unit_id, year=YEAR, titles=["co_thi_dua"], targets={})
    with pytest.raises(DomainError, match="score_not_readable"):
        registrations.registration(session=session, actor=other, unit_id=me.unit_id, year=YEAR)
