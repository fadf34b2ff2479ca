"""Holds on units under NĐ 152/2025 (discipline under consideration, investigation, inspection, a complaint being
verified): set and ended by the chair of the unit's cluster or the administrator, each step in the audit trail;
read by the standings (a held unit is not proposed) and by the ballot's preparation (a held unit cannot be a
candidate). The rules are components/rules/award_law.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, select

from components.rules import access
from components.rules import award_law as law
from components.rules.errors import DomainError
from db import reference, scope
from db.audit import record_change
from db.models import EmulationYear, UnitHold, utcnow


def _fact(row: UnitHold) -> law.Hold:
    return law.Hold(row.kind, row.reason, row.starts_on, row.ends_on, row.person)


def _text(row: UnitHold) -> str:
    return json.dumps({"kind": row.kind, "person": row.person, "reason": row.reason,
                       "starts_on": row.starts_on.isoformat(),
                       "ends_on": row.ends_on.isoformat() if row.ends_on else None}, ensure_ascii=False)


def _check_may_set(session: Session, actor, unit_id: int, on: date | None) -> None:
    if not access.is_secretariat(getattr(actor, "role", None)):
        raise DomainError("entry_chair_only")
    year = (on or utcnow().date()).year
    cluster_id = scope.cluster_of_unit(session=session, unit_id=unit_id, year=year)
    if cluster_id is None:
        raise DomainError("hold_unknown_unit")
    scope.check_runs_cluster(session=session, actor=actor, cluster_id=cluster_id, year=year)


def set_hold(*, session: Session, actor, unit_id: int, kind: str, reason: str, starts_on: date,
             ends_on: date | None = None, person: str = "") -> UnitHold:
    _check_may_set(session, actor, unit_id, starts_on)
    hold = law.check_hold(kind=kind, reason=reason, starts_on=starts_on, ends_on=ends_on, person=person)
    row = UnitHold(unit_id=unit_id, kind=hold.kind, reason=hold.reason, starts_on=hold.starts_on,
                   ends_on=hold.ends_on, person=hold.person, set_by_id=getattr(actor, "id", None), set_at=utcnow())
    session.add(row)
    record_change(session, actor=actor, what="hold", year=starts_on.year, unit_id=unit_id, new=_text(row),
                  reason=hold.reason)
    session.flush()
    return row


def end_hold(*, session: Session, actor, hold_id: int, ends_on: date, reason: str) -> UnitHold:
    """Record the day a hold ended (a discipline served, an inspection closed), with why."""
    row = session.get(UnitHold, hold_id)
    if row is None:
        raise DomainError("hold_unknown")
    _check_may_set(session, actor, row.unit_id, row.starts_on)
    if ends_on < row.starts_on:
        raise DomainError("hold_ends_before_start")
    why = law.check_hold(kind=row.kind, reason=reason, starts_on=row.starts_on, ends_on=ends_on).reason
    old = _text(row)
    row.ends_on = ends_on
    session.add(row)
    record_change(session, actor=actor, what="hold", year=row.starts_on.year, unit_id=row.unit_id, old=old,
                  new=_text(row), reason=why)
    session.flush()
    return row


def holds_of(*, session: Session, unit_ids: Iterable[int]) -> dict[int, list[UnitHold]]:
    ids = list(unit_ids)
    out: dict[int, list[UnitHold]] = {u: [] for u in ids}
    for row in session.exec(select(UnitHold).where(UnitHold.unit_id.in_(ids or [-1]))
                            .order_by(UnitHold.starts_on, UnitHold.id)).all():
        out[row.unit_id].append(row)
    return out


def cluster_holds(*, session: Session, actor, cluster_id: int, year: int) -> dict[int, list[UnitHold]]:
    """Every hold on the members of a cluster's year, for whoever may read the cluster."""
    scope.check_reads_cluster(session=session, actor=actor, cluster_id=cluster_id, year=year)
    members = [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year)]
    return holds_of(session=session, unit_ids=members)


def hold_day(ey: EmulationYear, today: date | None = None) -> date | None:
    """The day whose holds decide a year's proposal: today while the year is not closed; a closed year's proposal
    was made already, so holds set since do not rewrite it (None)."""
    if ey.state == "closed":
        return None
    return today or utcnow().date()


def blocking(*, session: Session, ey: EmulationYear, unit_ids: Iterable[int],
             today: date | None = None) -> dict[int, dict]:
    """unit -> the params of the first hard check of the year's law that blocks its proposal (kind, reason, since)."""
    day = hold_day(ey, today)
    if day is None:
        return {}
    year_law = law.law_of_year(ey.year)
    out = {}
    for unit_id, rows in holds_of(session=session, unit_ids=unit_ids).items():
        hard = [c for c in law.hold_checks([_fact(r) for r in rows], day, year_law) if c.hard]
        if hard:
            out[unit_id] = hard[0].params
    return out


def check_not_held(*, session: Session, ey: EmulationYear, unit_ids: Iterable[int]) -> None:
    """Refuse a candidate on hold, naming the unit and the reason (the ballot's preparation)."""
    held = blocking(session=session, ey=ey, unit_ids=unit_ids)
    if held:
        unit_id, params = next(iter(sorted(held.items())))
        names = reference.unit_names(session=session, year=ey.year)
        name = names[unit_id].name_vi if unit_id in names else str(unit_id)
        raise DomainError("hold_candidate_held", unit=name, reason=params["reason"], since=params["since"])



def law_checks(*, session: Session, actor, cluster_id: int, year: int,
               today: date | None = None) -> dict[int, list[law.Check]]:
    """Every member's checks of the year's law on the day (hard ones first), for whoever may read the cluster."""
    rows = cluster_holds(session=session, actor=actor, cluster_id=cluster_id, year=year)
    day = today or utcnow().date()
    year_law = law.law_of_year(year)
    return {u: law.proposal_checks(law=year_law, day=day, holds=[_fact(r) for r in hs]) for u, hs in rows.items()}


def year_blocks(*, session: Session, actor, cluster_id: int, year: int) -> dict[int, dict]:
    """The members a hold keeps out of the year's proposal and ballot, with the hold's reason and date."""
    scope.check_reads_cluster(session=session, actor=actor, cluster_id=cluster_id, year=year)
    ey = scope.cluster_year(session=session, cluster_id=cluster_id, year=year)
    members = [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year)]
    return blocking(session=session, ey=ey, unit_ids=members)


__all__ = ["set_hold", "end_hold", "holds_of", "cluster_holds", "blocking", "check_not_held", "hold_day", "law_checks",
           "year_blocks"]
