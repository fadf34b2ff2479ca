"""Registration data: a unit's titles and targets for the year, submit before the deadline, the chair's approval
or return with a reason, and registered versus achieved at the end of the year. Every write is audited
(ValueChange what = "registration")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, select

from components.rules import access
from components.rules import registration as rules
from components.rules.criteria import figure_percent
from components.rules.errors import DomainError
from db import entry, reference, scope
from db.audit import record_change
from db.models import EmulationYear, Indicator, Registration, RegistrationTarget, ScoringTable, utcnow


@dataclass(frozen=True)
class RegistrationView:
    unit_id: int
    year: int
    state: str  # "draft" also when nothing is saved yet
    titles: tuple[str, ...]
    targets: dict[str, tuple[float, str | None]]  # indicator code -> (plan, note)
    returned_reason: str | None
    deadline: date | None


def _row(session: Session, ey_id: int, unit_id: int) -> Registration | None:
    return session.exec(select(Registration).where(Registration.emulation_year_id == ey_id,
                                                   Registration.unit_id == unit_id)).first()


def deadline(*, session: Session, cluster_id: int, year: int) -> date | None:
    """The registration deadline of the cluster's year."""
    return _deadline(session, scope.cluster_year(session=session, cluster_id=cluster_id, year=year))


def _deadline(session: Session, ey: EmulationYear) -> date | None:
    row = session.exec(select(ScoringTable).where(ScoringTable.emulation_year_id == ey.id)).first()
    return row.registration_deadline if row else None


def set_deadline(*, session: Session, actor, cluster_id: int, year: int, on: date | None) -> None:
    """The chair sets its cluster's registration deadline (kept with the year's criteria table, a draft one if
    none yet). cluster_id: the cluster the page shows, refused unless the actor runs it."""
    if not access.can_decide_registration(actor):
        raise DomainError("score_not_chair")
    ey = scope.run_year(session=session, actor=actor, cluster_id=cluster_id, year=year)
    row = session.exec(select(ScoringTable).where(ScoringTable.emulation_year_id == ey.id)).first() or \
        ScoringTable(emulation_year_id=ey.id)
    old, row.registration_deadline = row.registration_deadline, on
    session.add(row)
    record_change(session, actor=actor, what="registration_deadline", year=year, old=str(old) if old else None,
                  new=str(on) if on else None)
    session.flush()


def registration(*, session: Session, actor, unit_id: int, year: int) -> RegistrationView:
    ey = scope.read_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    row = _row(session, ey.id, unit_id)
    if not access.can_read_registration(actor, unit_id, row is not None and row.state != "draft"):
        raise DomainError("score_not_readable")
    targets = {}
    if row is not None:
        for code, t in session.exec(select(Indicator.code, RegistrationTarget)
                                    .join(RegistrationTarget, RegistrationTarget.indicator_id == Indicator.id)
                                    .where(RegistrationTarget.registration_id == row.id)).all():
            targets[code] = (t.planned, t.note)
    return RegistrationView(unit_id, year, row.state if row else "draft", tuple(json.loads(row.titles)) if row else (),
                            targets, row.returned_reason if row else None, _deadline(session, ey))


def save_registration(*, session: Session, actor, unit_id: int, year: int, titles: list[str],
                      targets: dict[str, tuple[float, str | None]]) -> Registration:
    if not access.can_register(actor, unit_id):
        raise DomainError("score_not_yours")
    ey = scope.write_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    ids = {i.code: i.id for i in reference.list_indicators(session=session)}
    rules.check_registration(titles, targets, set(ids))
    row = _row(session, ey.id, unit_id) or Registration(emulation_year_id=ey.id, unit_id=unit_id)
    if not rules.may_edit(row.state):
        raise DomainError("reg_not_editable")
    old = row.titles
    row.titles = json.dumps(sorted(set(titles)))
    session.add(row)
    session.flush()
    session.exec(delete(RegistrationTarget).where(RegistrationTarget.registration_id == row.id))
    session.add_all([RegistrationTarget(registration_id=row.id, indicator_id=ids[code], planned=float(plan),
                                        note=(note or "").strip() or None) for code, (plan, note) in targets.items()])
    record_change(session, actor=actor, what="registration", year=year, unit_id=unit_id, old=old,
                  new=json.dumps({"titles": sorted(set(titles)), "targets": {c: p for c, (p, _) in targets.items()}}))
    session.flush()
    return row


def submit_registration(*, session: Session, actor, unit_id: int, year: int, today: date | None = None) -> Registration:
    if not access.can_register(actor, unit_id):
        raise DomainError("score_not_yours")
    ey = scope.write_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    row = _row(session, ey.id, unit_id)
    if row is None:
        raise DomainError("reg_empty")
    rules.check_submit(row.state, today or date.today(), _deadline(session, ey))
    old, row.state, row.submitted_at = row.state, "submitted", utcnow()
    session.add(row)
    record_change(session, actor=actor, what="registration_state", year=year, unit_id=unit_id, old=old,
                  new="submitted")
    session.flush()
    return row


def decide_registration(*, session: Session, actor, unit_id: int, year: int, approve: bool,
                        reason: str | None = None) -> Registration:
    """The chair approves a submitted registration or returns it with a reason."""
    if not access.can_decide_registration(actor):
        raise DomainError("score_not_chair")
    ey = scope.write_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    row = _row(session, ey.id, unit_id)
    kept = rules.check_decision(row.state if row else "draft", approve, reason)
    new = "approved" if approve else "returned"
    row.state, row.returned_reason = new, kept
    row.decided_at, row.decided_by_id = utcnow(), getattr(actor, "id", None)
    session.add(row)
    record_change(session, actor=actor, what="registration_state", year=year, unit_id=unit_id, old="submitted",
                  new=new, reason=kept)
    session.flush()
    return row


@dataclass(frozen=True)
class TargetLine:
    unit_id: int
    indicator_code: str
    planned: float
    figure: float | None
    reached: bool | None


def registered_vs_achieved(*, session: Session, cluster_id: int,
                           year: int) -> tuple[list[Registration], list[TargetLine]]:
    """Per unit of the cluster's year: the registrations, and per registered target the plan, the year's figure
    and whether reached."""
    ey = scope.cluster_year(session=session, cluster_id=cluster_id, year=year)
    regs = list(session.exec(select(Registration).where(Registration.emulation_year_id == ey.id)
                             .order_by(Registration.unit_id)).all())
    indicators = {i.id: i for i in reference.list_indicators(session=session, active_only=False)}
    lines = []
    for reg in regs:
        figures = entry.stored_figures(session=session, unit_id=reg.unit_id, year=year)
        for t in session.exec(select(RegistrationTarget).where(RegistrationTarget.registration_id == reg.id)
                              .order_by(RegistrationTarget.id)).all():
            ind = indicators[t.indicator_id]
            fig = figures.get(ind.code)
            # a ratio's plan is a percentage; other kinds compare the figure itself
            value = figure_percent(fig) if ind.kind == "ratio" else (fig.value if fig is not None else None)
            lines.append(TargetLine(reg.unit_id, ind.code, t.planned, value, rules.achieved(t.planned, value, ind.better)))
    return regs, lines
