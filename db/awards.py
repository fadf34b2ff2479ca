"""A unit's awards of a year (khen thưởng): listed for whoever may read the unit's figures, added and deleted
under the same rules and lock as its figures (db/entry.py), each change in the audit trail."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlmodel import Session, select

from components.rules.access import can_read_unit
from components.rules.award_law import counts_toward_annual
from components.rules.emulation_movements import award_scope_of
from components.rules.errors import DomainError
from components.rules.honours import validate_award
from components.rules.lineage import award_day
from db import entry, reference, scope
from db.audit import record_change
from db.models import Award, Movement, Submission, utcnow


def list_awards(*, session: Session, actor, unit_id: int, year: int) -> list[Award]:
    ey = scope.read_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    if not can_read_unit(actor.role, actor.unit_id, unit_id, ey.state, entry.status_of(entry.submission_of(session, unit_id, ey))):
        raise DomainError("entry_not_readable")
    return list(session.exec(select(Award).where(Award.unit_id == unit_id, Award.year == year)
                             .order_by(Award.level, Award.form, Award.id)).all())


def _award_text(a: Award) -> str:
    return json.dumps({"form": a.form, "level": a.level, "recipient": a.recipient, "count": a.count,
                       "scope": a.scope,
                       "decision_no": a.decision_no,
                       "decision_date": a.decision_date.isoformat() if a.decision_date else None},
                      ensure_ascii=False, sort_keys=True)


def add_award(*, session: Session, actor, unit_id: int, year: int, form: str, level: str, recipient: str,
              count: int, decision_no: str | None = None, decision_date: date | None = None,
              note: str | None = None, now: datetime | None = None, scope: str = "annual",
              movement_id: int | None = None) -> Award:
    """scope: annual (the year's cycle), thematic or one_off; only an annual award counts toward annual merit
    (components/rules/award_law.py). movement_id: the movement it was given in (one of the unit's cluster); an
    award of a movement by period is thematic."""
    now = now or utcnow()
    counts_toward_annual(scope)  # an unknown scope is refused
    ey = entry.hold_unit_year(session, unit_id, year, now)
    sub = entry.check_can_write(session, actor, unit_id, ey)
    problems = validate_award(form=form, level=level, recipient=recipient, count=count, decision_no=decision_no,
                              decision_date=decision_date, today=now.date())
    if problems:
        raise DomainError("entry_award_invalid", problems=problems)
    reference.check_may_take_part(session=session, unit_id=unit_id, on=award_day(year, decision_date))
    if movement_id is not None:
        movement = session.get(Movement, movement_id)
        if movement is None or movement.cluster_id != ey.cluster_id:
            raise DomainError("movement_unknown")
        if scope == "annual":
            scope = award_scope_of(movement.kind)
    award = Award(unit_id=unit_id, year=year, form=form, level=level, recipient=recipient, count=int(count),
                  decision_no=(decision_no or "").strip() or None, decision_date=decision_date,
                  note=(note or "").strip() or None, created_by_id=actor.id, created_at=now, scope=scope,
                  movement_id=movement_id)
    session.add(award)
    record_change(session, actor=actor, what="award", year=year, unit_id=unit_id, new=_award_text(award),
                  reason=sub.reopened_reason if sub else None, at=now)
    if sub is None:
        session.add(Submission(unit_id=unit_id, emulation_year_id=ey.id, state="draft", updated_at=now))
        record_change(session, actor=actor, what="state", year=year, unit_id=unit_id, new="draft", at=now)
    session.flush()
    return award


def delete_award(*, session: Session, actor, award_id: int, now: datetime | None = None) -> None:
    award = session.get(Award, award_id)
    if award is None:
        raise DomainError("entry_unknown_award")
    now = now or utcnow()
    ey = entry.hold_unit_year(session, award.unit_id, award.year, now)
    sub = entry.check_can_write(session, actor, award.unit_id, ey)
    record_change(session, actor=actor, what="award", year=award.year, unit_id=award.unit_id,
                  old=_award_text(award), reason=sub.reopened_reason if sub else None, at=now)
    session.delete(award)
    session.flush()
