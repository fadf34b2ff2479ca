"""Results entry: a unit's figures for a year, the submit-and-lock workflow, the deadline lock, the board and the
year's staff targets (the awards are db/awards.py).

The actor is anything with id, role and unit_id (components.ui.auth.CurrentUser in the app). The unit's year is
its own cluster's (db/scope.py). Every write checks who may touch the unit (components/rules/access.py) and whether
the workflow allows it (components/rules/workflow.py), and leaves a row in the audit trail (db/audit.py) saying who
changed what, when, from what to what and why.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from components.rules import access
from components.rules.access import can_edit_unit, can_read_unit
from components.rules.confirmations import check_acknowledged
from components.rules.cross_field import CrossRule, cross_field_rejections, parse_left_codes
from components.rules.errors import DomainError
from components.rules.figures import Figure, Problem, scalar, unusual, validate_figure
from components.rules.honours import TARGET_FIELDS, StaffTargets, check_staff_targets
from components.rules.workflow import SubmissionStatus, edit_refusal, next_state, year_should_autolock
from db import reference, scope
from db.audit import record_change
from db.models import (
    CrossFieldRule,
    EmulationYear,
    Indicator,
    IndicatorValue,
    Submission,
    User,
    ValueChange,
    utcnow,
)

# --- look-ups ---------------------------------------------------------------------------------------------


def entry_years(*, session: Session, cluster_id: int) -> list[EmulationYear]:
    """Years whose figures can be entered or read on the entry screens (planning years are not), newest first."""
    return [y for y in reference.list_emulation_years(session=session, cluster_id=cluster_id) if y.state != "planning"]


def submission_of(session: Session, unit_id: int, ey: EmulationYear) -> Submission | None:
    return session.exec(select(Submission).where(Submission.unit_id == unit_id,
                                                 Submission.emulation_year_id == ey.id)).first()


def status_of(sub: Submission | None) -> SubmissionStatus:
    if sub is None:
        return SubmissionStatus()
    return SubmissionStatus(sub.state, bool(sub.reopened_reason))


def submission_status(*, session: Session, unit_id: int, year: int) -> SubmissionStatus:
    return status_of(submission_of(session, unit_id, scope.unit_year(session=session, unit_id=unit_id, year=year)))


def cross_rules(*, session: Session) -> list[CrossRule]:
    rows = session.exec(select(CrossFieldRule).where(CrossFieldRule.active == True)  # noqa: E712
                        .order_by(CrossFieldRule.id)).all()
    return [CrossRule(r.code, parse_left_codes(r.left_codes), r.operator, r.right_code, r.message_vi, r.message_en)
            for r in rows]


def _figure(v: IndicatorValue) -> Figure:
    return Figure(v.value, v.numerator, v.denominator, None if v.ranked_of is None else float(v.ranked_of), v.note)


def stored_figures(*, session: Session, unit_id: int, year: int) -> dict[str, Figure]:
    """The unit's stored figures for a year by indicator code (an unreported indicator is absent)."""
    rows = session.exec(select(Indicator.code, IndicatorValue)
                        .join(IndicatorValue, IndicatorValue.indicator_id == Indicator.id)
                        .where(IndicatorValue.unit_id == unit_id, IndicatorValue.year == year)).all()
    return {code: _figure(v) for code, v in rows}


@dataclass
class EntryChoices:
    """What the year and unit pickers of the entry screens offer."""

    years: list[EmulationYear]
    names: dict[int, dict]  # year -> unit id -> UnitInfo (the names of that year)
    members: dict[int, list[int]]  # year -> member unit ids


def entry_choices(*, session: Session, cluster_id: int) -> EntryChoices:
    years = entry_years(session=session, cluster_id=cluster_id)
    members = {y.year: [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=y.year)]
               for y in years}
    names = {y.year: reference.unit_names(session=session, year=y.year) for y in years}
    return EntryChoices(years, names, members)


# --- deadline ---------------------------------------------------------------------------------------------


def _hold_year(session: Session, ey: EmulationYear) -> EmulationYear:
    """Take the year's row lock until commit, then read its state again: every write of the year's figures and
    states goes through it, so a save cannot pass its checks before a lock and write after it, and two page loads
    after the deadline cannot both lock. PostgreSQL: SELECT ... FOR UPDATE. SQLite has no row locks: a no-op
    UPDATE takes the database's write lock first, so the state read next cannot be stale."""
    if session.get_bind().dialect.name == "sqlite":
        session.exec(update(EmulationYear).where(EmulationYear.id == ey.id).values(state=EmulationYear.state))
    stmt = select(EmulationYear).where(EmulationYear.id == ey.id).with_for_update()
    return session.exec(stmt.execution_options(populate_existing=True)).one()


def apply_deadline_lock(*, session: Session, cluster_id: int, year: int, now: datetime | None = None,
                        held: bool = False) -> bool:
    """Lock an open year whose entry deadline has passed, with every member unit in it. True when it did.
    Checked again under the year's lock: of two page loads right after the deadline, one locks."""
    ey = scope.cluster_year(session=session, cluster_id=cluster_id, year=year)
    now = now or utcnow()
    if not year_should_autolock(ey.state, ey.entry_deadline, now):
        return False
    if not held:
        ey = _hold_year(session, ey)
        if not year_should_autolock(ey.state, ey.entry_deadline, now):
            return False
    _lock_all(session, ey, actor=None, now=now, reason="deadline")
    return True


def _lock_all(session: Session, ey: EmulationYear, *, actor, now: datetime, reason: str | None) -> None:
    ey.state = "locked"
    session.add(ey)
    for unit in reference.member_units(session=session, cluster_id=ey.cluster_id, year=ey.year):
        sub = submission_of(session, unit.id, ey)
        old = sub.state if sub else None
        if old == "locked":
            continue
        sub = sub or Submission(unit_id=unit.id, emulation_year_id=ey.id)
        sub.state, sub.locked_at, sub.updated_at = "locked", now, now
        session.add(sub)
        _audit_state(session, unit.id, ey.year, actor, now, old, "locked", reason)
    session.flush()


def _audit_state(session: Session, unit_id: int, year: int, actor, now: datetime, old: str | None, new: str,
                reason: str | None) -> None:
    """A change of a unit's submission state in the trail (actor None: the deadline's automatic lock)."""
    record_change(session, actor=actor, what="state", year=year, unit_id=unit_id, old=old, new=new, reason=reason,
                  at=now)


# --- reading a unit's sheet -------------------------------------------------------------------------------


@dataclass
class EntryRow:
    indicator: Indicator
    current: Figure | None
    last_year: Figure | None


@dataclass
class EntrySheet:
    year: EmulationYear
    unit_id: int
    status: SubmissionStatus
    submission: Submission | None
    readable: bool
    refusal: str | None  # why it cannot be edited now, or None
    rows: list[EntryRow]


def entry_sheet(*, session: Session, actor, unit_id: int, year: int, now: datetime | None = None,
                fields: tuple[str, ...] | None = None) -> EntrySheet:
    """What the entry form shows for one unit and year: each active indicator with its stored figure and last
    year's as a hint, whether the actor may read and edit it."""
    ey = scope.read_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    apply_deadline_lock(session=session, year=year, now=now, cluster_id=ey.cluster_id)
    session.refresh(ey)
    sub = submission_of(session, unit_id, ey)
    status = status_of(sub)
    readable = can_read_unit(actor.role, actor.unit_id, unit_id, ey.state, status)
    refusal = edit_refusal(actor.role, ey.state, status) if can_edit_unit(actor, unit_id) else "not_your_unit"
    if fields is None:  # the year's indicator pack (its legal basis), else every field
        from db import legal

        fields = legal.pack_fields(session=session, year=year)
    indicators = [i for i in reference.list_indicators(session=session) if fields is None or i.field in fields]
    current = stored_figures(session=session, unit_id=unit_id, year=year) if readable else {}
    previous = stored_figures(session=session, unit_id=unit_id, year=year - 1) if readable else {}
    rows = [EntryRow(i, current.get(i.code), previous.get(i.code)) for i in indicators]
    return EntrySheet(ey, unit_id, status, sub, readable, refusal, rows)


@dataclass
class HistoryEntry:
    changed_at: datetime
    user_name: str
    user_role: str | None
    what: str
    old: Figure | str | None
    new: Figure | str | None
    reason: str | None


def history(*, session: Session, actor, unit_id: int, year: int) -> dict[int | None, list[HistoryEntry]]:
    """The audit trail of a unit and year, newest first, by indicator id (None: workflow and award changes), for
    an actor who may read the unit's figures (entry_not_readable otherwise)."""
    ey = scope.read_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    if not can_read_unit(actor.role, actor.unit_id, unit_id, ey.state, status_of(submission_of(session, unit_id, ey))):
        raise DomainError("entry_not_readable")
    rows = session.exec(select(ValueChange, User.display_name, User.role)
                        .join(User, User.id == ValueChange.user_id, isouter=True)
                        .where(ValueChange.unit_id == unit_id, ValueChange.year == year,
                               # the score sheet keeps its own trail (JSON of the criteria), shown with the sheet
                               ValueChange.what.not_like("score_%"))
                        .order_by(ValueChange.changed_at.desc(), ValueChange.id.desc())).all()
    out: dict[int | None, list[HistoryEntry]] = {}
    for change, name, role in rows:
        if change.what == "value":
            old, new = (Figure.from_snapshot(json.loads(x)) if x else None
                        for x in (change.old_value, change.new_value))
        else:
            old, new = change.old_value, change.new_value
        out.setdefault(change.indicator_id, []).append(
            HistoryEntry(change.changed_at, name or "", role, change.what, old, new, change.reason))
    return out


# --- saving figures ---------------------------------------------------------------------------------------


@dataclass
class SaveResult:
    saved: list[str]
    cleared: list[str]
    unchanged: list[str]
    problems: dict[str, list[Problem]]
    rejected_by_rule: dict[str, list[CrossRule]]

    @property
    def failed(self) -> list[str]:
        return sorted(set(self.problems) | set(self.rejected_by_rule))


def hold_unit_year(session: Session, unit_id: int, year: int, now: datetime) -> EmulationYear:
    """The unit's cluster's year, held (see _hold_year) and locked first if its deadline has passed."""
    ey = _hold_year(session, scope.unit_year(session=session, unit_id=unit_id, year=year))
    apply_deadline_lock(session=session, year=year, now=now, cluster_id=ey.cluster_id, held=True)
    return ey


def check_can_write(session: Session, actor, unit_id: int, ey: EmulationYear) -> Submission | None:
    if not can_edit_unit(actor, unit_id):
        raise DomainError("entry_not_your_unit")
    scope.check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)
    sub = submission_of(session, unit_id, ey)
    refusal = edit_refusal(actor.role, ey.state, status_of(sub))
    if refusal:
        raise DomainError("entry_" + refusal)
    return sub


def _same_figure(a: Figure | None, b: Figure | None) -> bool:
    if a is None:
        return b is None or b.same_as(None)
    return a.same_as(b)


def _dump(figure: Figure | None) -> str | None:
    return json.dumps(figure.snapshot(), ensure_ascii=False, sort_keys=True) if figure is not None else None


def check_figures(*, session: Session, unit_id: int, year: int, figures: dict[str, Figure],
                  include_unchanged: bool = False) -> tuple[dict[str, list[Problem]], dict[str, list[CrossRule]],
                                                            dict[str, Figure]]:
    """Validate figures against the catalogue and the cross-field rules without writing:
    (problems by code, rule rejections by code, stored figures)."""
    catalogue = {i.code: i for i in reference.list_indicators(session=session, active_only=False)}
    stored = stored_figures(session=session, unit_id=unit_id, year=year)
    problems: dict[str, list[Problem]] = {}
    for code, fig in figures.items():
        ind = catalogue.get(code)
        if ind is None:
            problems[code] = [Problem("value", "unknown_indicator", {"code": code})]
            continue
        found = validate_figure(ind.kind, ind.min_value, ind.max_value, fig)
        if found:  # the indicator's names go with each problem, so that a message names it by its label
            problems[code] = [Problem(p.part, p.code, {**p.params, "name_vi": ind.name_vi, "name_en": ind.name_en})
                              for p in found]
    incoming = {c: scalar(f) for c, f in figures.items()
                if c not in problems and (include_unchanged or not f.same_as(stored.get(c)))}
    rejected = cross_field_rejections(cross_rules(session=session), {c: scalar(f) for c, f in stored.items()},
                                      incoming)
    return problems, rejected, stored


def save_figures(*, session: Session, actor, unit_id: int, year: int, figures: dict[str, Figure],
                 reason: str | None = None, all_or_none: bool = False,
                 expected: dict[str, Figure | None] | None = None, now: datetime | None = None,
                 conflict_code: str = "entry_changed_meanwhile", unusual_ok: bool = True) -> SaveResult:
    """Store a unit's figures for a year. A figure that fails validation or a cross-field rule is not stored; the
    others are. With all_or_none, any failure raises DomainError and nothing is written; with expected (the stored
    figures a preview or a form was loaded with) a figure changed meanwhile by someone else also refuses the whole
    save (DomainError conflict_code). With unusual_ok=False a figure far from last year's or from any plausible
    size (components.rules.figures.unusual) refuses the save until confirmed. An empty figure removes the stored
    one (not reported). The year's row lock is held from the checks to the commit (see _hold_year)."""
    now = now or utcnow()
    ey = hold_unit_year(session, unit_id, year, now)
    sub = check_can_write(session, actor, unit_id, ey)
    problems, rejected, stored = check_figures(session=session, unit_id=unit_id, year=year, figures=figures)
    if all_or_none and (problems or rejected):
        raise DomainError("entry_import_has_errors", count=len(set(problems) | set(rejected)))
    if not unusual_ok:
        last_year = stored_figures(session=session, unit_id=unit_id, year=year - 1)
        odd = sorted(c for c, f in figures.items() if c not in problems and unusual(f, last_year.get(c)))
        if odd:
            raise DomainError("entry_unusual_unconfirmed", codes=", ".join(odd))
    if expected is not None:
        moved = [c for c, old in expected.items() if not _same_figure(old, stored.get(c))]
        if moved:
            raise DomainError(conflict_code, codes=", ".join(sorted(moved)))
    catalogue = {i.code: i for i in reference.list_indicators(session=session, active_only=False)}
    audit_reason = (reason or "").strip() or (sub.reopened_reason if sub is not None and sub.reopened_reason
                                              else None)
    result = SaveResult([], [], [], problems, rejected)
    for code, fig in figures.items():
        if code in problems or code in rejected:
            continue
        old = stored.get(code)
        if fig.same_as(old):
            result.unchanged.append(code)
            continue
        ind = catalogue[code]
        row = session.exec(select(IndicatorValue).where(IndicatorValue.unit_id == unit_id,
                                                        IndicatorValue.year == year,
                                                        IndicatorValue.indicator_id == ind.id)).first()
        if fig.is_empty():
            if row is not None:
                session.delete(row)
            result.cleared.append(code)
        else:
            row = row or IndicatorValue(unit_id=unit_id, year=year, indicator_id=ind.id)
            row.value, row.numerator, row.denominator = fig.value, fig.numerator, fig.denominator
            row.ranked_of = None if fig.ranked_of is None else int(fig.ranked_of)
            row.note, row.updated_at, row.updated_by_id = fig.note, now, actor.id
            row.source = None  # entered by hand now, not taken from a document
            session.add(row)
            result.saved.append(code)
        record_change(session, actor=actor, what="value", year=year, unit_id=unit_id, indicator_id=ind.id,
                      old=_dump(old), new=_dump(None if fig.is_empty() else fig), reason=audit_reason, at=now)
    if (result.saved or result.cleared) and sub is None:
        session.add(Submission(unit_id=unit_id, emulation_year_id=ey.id, state="draft", updated_at=now))
        _audit_state(session, unit_id, year, actor, now, None, "draft", None)
    elif sub is not None and (result.saved or result.cleared):
        sub.updated_at = now
        session.add(sub)
    session.flush()
    return result


# --- workflow ---------------------------------------------------------------------------------------------


def _transition(session: Session, actor, unit_id: int, year: int, action: str, reason: str | None,
                now: datetime | None, acknowledged_missing: int = 0) -> Submission:
    now = now or utcnow()
    ey = hold_unit_year(session, unit_id, year, now)
    if not can_edit_unit(actor, unit_id):
        raise DomainError("entry_not_your_unit")
    scope.check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=year)
    sub = submission_of(session, unit_id, ey)
    new = next_state(action, actor.role, ey.state, status_of(sub), reason)
    if action == "submit" and not stored_figures(session=session, unit_id=unit_id, year=year):
        raise DomainError("entry_nothing_to_submit")
    if action == "submit":
        check_acknowledged("entry_submit_missing", len(missing_figures(session=session, unit_id=unit_id, year=year)),
                           acknowledged_missing)
    old = sub.state if sub else None
    sub = sub or Submission(unit_id=unit_id, emulation_year_id=ey.id)
    sub.state, sub.updated_at = new, now
    if action == "submit":
        sub.submitted_at, sub.submitted_by_id = now, actor.id
    elif action == "lock":
        sub.locked_at = now
    elif action == "reopen":
        sub.reopened_reason = reason.strip()
    session.add(sub)
    _audit_state(session, unit_id, year, actor, now, old, new, reason.strip() if reason else None)
    session.flush()
    return sub


def missing_figures(*, session: Session, unit_id: int, year: int) -> list[str]:
    """The codes of the year's indicators (its pack) that the unit has no figure for, in catalogue order."""
    from db import legal

    fields = legal.pack_fields(session=session, year=year)
    stored = stored_figures(session=session, unit_id=unit_id, year=year)
    return [i.code for i in reference.list_indicators(session=session)
            if (fields is None or i.field in fields) and (i.code not in stored or stored[i.code].is_empty())]


def submit_results(*, session: Session, actor, unit_id: int, year: int, now: datetime | None = None,
                   acknowledged_missing: int = 0) -> Submission:
    """Submit the unit's report. With figures still missing, refused unless acknowledged_missing names how many
    (the form lists them first)."""
    return _transition(session, actor, unit_id, year, "submit", None, now, acknowledged_missing)


def withdraw_submission(*, session: Session, actor, unit_id: int, year: int,
                        now: datetime | None = None) -> Submission:
    return _transition(session, actor, unit_id, year, "withdraw", None, now)


def lock_unit(*, session: Session, actor, unit_id: int, year: int, now: datetime | None = None) -> Submission:
    return _transition(session, actor, unit_id, year, "lock", None, now)


def reopen_unit(*, session: Session, actor, unit_id: int, year: int, reason: str,
                now: datetime | None = None) -> Submission:
    return _transition(session, actor, unit_id, year, "reopen", reason, now)


def unsubmitted_units(*, session: Session, cluster_id: int, year: int) -> list[int]:
    """The cluster's members of the year whose report is neither submitted nor locked (locking the year locks
    them as they are)."""
    ey = scope.cluster_year(session=session, cluster_id=cluster_id, year=year)
    return [u.id for u in reference.member_units(session=session, cluster_id=ey.cluster_id, year=year)
            if status_of(submission_of(session, u.id, ey)).state not in ("submitted", "locked")]


def lock_year(*, session: Session, actor, cluster_id: int, year: int, now: datetime | None = None,
              acknowledged_unsubmitted: int = 0) -> None:
    """The chair closes entry for everyone: the year and every member unit of its own cluster are locked
    (cluster_id: the cluster the board shows, refused unless the actor runs it). With reports not submitted,
    refused unless acknowledged_unsubmitted names how many (the board lists them first)."""
    if not access.can_lock(actor.role):
        raise DomainError("entry_chair_only")
    ey = _hold_year(session, scope.run_year(session=session, actor=actor, cluster_id=cluster_id, year=year))
    if ey.state != "open":
        raise DomainError("entry_year_not_open_to_lock")
    check_acknowledged("entry_lock_unsubmitted", len(unsubmitted_units(session=session, cluster_id=ey.cluster_id,
                                                                       year=year)), acknowledged_unsubmitted)
    _lock_all(session, ey, actor=actor, now=now or utcnow(), reason=None)


def save_staff_targets(*, session: Session, actor, cluster_id: int, year: int, targets: StaffTargets,
                       now: datetime | None = None) -> EmulationYear:
    """The chair sets the year's staff targets (the cluster's own) and the legal cap they are read against. Every
    value is checked before anything is written; the change is in the audit trail."""
    if not access.can_set_targets(actor):
        raise DomainError("entry_chair_only")
    check_staff_targets(targets)
    ey = scope.run_year(session=session, actor=actor, cluster_id=cluster_id, year=year)
    if ey.state == "closed":
        raise DomainError("entry_year_closed")
    old = ey.staff_targets()
    if old == targets:
        return ey
    (ey.target_ldtt_of_staff_pct, ey.target_cstdcs_of_staff_pct, ey.target_ldxs_collectives_pct,
     ey.cap_cstdcs_of_ldtt_pct) = (float(getattr(targets, f)) for f in TARGET_FIELDS)
    session.add(ey)
    record_change(session, actor=actor, what="targets", year=year,
                  old=json.dumps({"emulation_year_id": ey.id, **asdict(old)}),
                  new=json.dumps({"emulation_year_id": ey.id, **asdict(targets)}), at=now or utcnow())
    session.flush()
    return ey


@dataclass
class BoardRow:
    unit_id: int
    state: str  # not_started / draft / submitted / locked
    submitted_at: datetime | None
    locked_at: datetime | None
    updated_at: datetime | None
    values_count: int
    reopened_reason: str | None


def submission_board(*, session: Session, cluster_id: int, year: int, now: datetime | None = None) -> list[BoardRow]:
    """Every member unit's state for the cluster's year, in the cluster's order."""
    ey = scope.cluster_year(session=session, cluster_id=cluster_id, year=year)
    apply_deadline_lock(session=session, year=year, now=now, cluster_id=ey.cluster_id)  # updates ey in place
    subs = {s.unit_id: s for s in session.exec(select(Submission).where(Submission.emulation_year_id == ey.id))}
    counts: dict[int, int] = {}
    for unit_id in session.exec(select(IndicatorValue.unit_id).where(IndicatorValue.year == year)).all():
        counts[unit_id] = counts.get(unit_id, 0) + 1
    rows = []
    for unit in reference.member_units(session=session, cluster_id=ey.cluster_id, year=year):
        s = subs.get(unit.id)
        rows.append(BoardRow(unit.id, s.state if s else "not_started", s.submitted_at if s else None,
                             s.locked_at if s else None, s.updated_at if s else None, counts.get(unit.id, 0),
                             s.reopened_reason if s else None))
    return rows
