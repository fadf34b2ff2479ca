"""The organisation over time, written by the administrator: units and their names, lineage events (renamed, merged
into, split into, dissolved), clusters, each cluster's members per year, each unit's director per year and the
awarding body per period. Every write takes the actor and checks components.rules.access; every change has a
preview_* twin that says in a sentence what the change will do, without writing anything."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, func, select

from components.rules import lineage
from components.rules.access import can_manage_organisation
from components.rules.enums import ENDING_EVENTS, UNIT_KINDS
from components.rules.errors import DomainError
from db import legal, reference
from db.audit import record_change
from db.models import (
    Award,
    AwardingBody,
    Ballot,
    BallotParticipation,
    Cluster,
    ClusterMembership,
    EmulationYear,
    IndicatorValue,
    PollCandidate,
    PollVoter,
    Submission,
    Unit,
    UnitDirector,
    UnitEvent,
    UnitName,
    User,
    ValueChange,
    YearHonour,
)


def _require(actor) -> None:
    if actor is None or not can_manage_organisation(actor):
        raise DomainError("forbidden")


def _unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise DomainError("unknown_unit")
    return unit


def _cluster(session: Session, cluster_id: int) -> Cluster:
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise DomainError("unknown_cluster", code=str(cluster_id))
    return cluster


def _valid_from(session: Session) -> dict[int, date | None]:
    return {u.id: u.valid_from for u in session.exec(select(Unit)).all()}


# --- clusters -------------------------------------------------------------------------------------------------


def save_cluster(*, session: Session, actor, code: str, name_vi: str, name_en: str,
                 existing: int | None = None) -> Cluster:
    _require(actor)
    code = code.strip().lower()
    if not code or not name_vi.strip():
        raise DomainError("org_cluster_code_name_required")
    other = session.exec(select(Cluster).where(Cluster.code == code)).first()
    if other is not None and other.id != existing:
        raise DomainError("org_cluster_code_taken", code=code)
    cluster = _cluster(session, existing) if existing else Cluster(code=code, name_vi="", name_en="")
    cluster.code, cluster.name_vi, cluster.name_en = code, name_vi.strip(), name_en.strip() or name_vi.strip()
    session.add(cluster)
    session.flush()
    return cluster


# --- units and names ------------------------------------------------------------------------------------------


def create_unit(*, session: Session, actor, code: str, province: str, kind: str, name_vi: str, name_en: str,
                valid_from: date | None = None) -> Unit:
    """A new unit with its first name, valid from its start date."""
    _require(actor)
    code = code.strip().lower()
    if not code or not province.strip():
        raise DomainError("org_unit_code_required")
    if kind not in UNIT_KINDS:
        raise DomainError("org_unknown_unit_kind", kind=kind)
    lineage.check_name_span([], valid_from=valid_from, valid_to=None, name_vi=name_vi)
    if session.exec(select(Unit).where(Unit.code == code)).first() is not None:
        raise DomainError("org_unit_code_taken", code=code)
    unit = Unit(code=code, province=province.strip(), kind=kind, valid_from=valid_from)
    session.add(unit)
    session.flush()
    session.add(UnitName(unit_id=unit.id, name_vi=name_vi.strip(), name_en=name_en.strip() or name_vi.strip(),
                         valid_from=valid_from))
    session.flush()
    return unit


def _rename_plan(session: Session, unit_id: int, effective_on: date | None, name_vi: str
                 ) -> tuple[Unit, UnitName | None, reference.UnitInfo]:
    unit = _unit(session, unit_id)
    if effective_on is None:
        raise DomainError("org_event_date_required")
    if not name_vi.strip():
        raise DomainError("org_name_required")
    info = reference.unit_names(session=session, on=effective_on - timedelta(days=1))[unit_id]
    lineage.check_event(unit_id=unit_id, kind="renamed", effective_on=effective_on, successor_ids=[],
                        events=reference.lineage_events(session=session), valid_from=_valid_from(session),
                        unit_name=info.name_vi)
    names = session.exec(select(UnitName).where(UnitName.unit_id == unit_id)).all()
    # the name current on the day before is closed the day before; every other name must stay clear of the new one
    current = next((n for n in names if lineage.NameSpan(unit_id, n.name_vi, n.name_en, n.valid_from, n.valid_to)
                    .covers(effective_on - timedelta(days=1)) and (n.valid_to is None or n.valid_to >= effective_on)),
                   None)
    others = [lineage.NameSpan(unit_id, n.name_vi, n.name_en, n.valid_from, n.valid_to) for n in names
              if current is None or n.id != current.id]
    lineage.check_name_span(others, valid_from=effective_on, valid_to=None, name_vi=name_vi)
    return unit, current, info


def preview_rename(*, session: Session, unit_id: int, effective_on: date | None, name_vi: str,
                   name_en: str = "", lang: str = "vi") -> str:
    _, _, old = _rename_plan(session, unit_id, effective_on, name_vi)
    new = lineage.localised(name_vi.strip(), name_en.strip(), lang)
    return lineage.describe_event(kind="renamed", unit=old.name(lang), successors=[new], effective_on=effective_on,
                                  lang=lang)


def rename_unit(*, session: Session, actor, unit_id: int, effective_on: date | None, name_vi: str, name_en: str,
                kind: str | None = None, note: str | None = None) -> UnitName:
    """From effective_on the unit bears a new name (and possibly a new kind: Sở TT&TT -> Sở KH&CN). Its figures
    stay with it; earlier documents keep the earlier name."""
    _require(actor)
    unit, current, _ = _rename_plan(session, unit_id, effective_on, name_vi)
    if kind is not None and kind not in UNIT_KINDS:
        raise DomainError("org_unknown_unit_kind", kind=kind)
    if current is not None:
        current.valid_to = effective_on - timedelta(days=1)
        session.add(current)
    name = UnitName(unit_id=unit_id, name_vi=name_vi.strip(), name_en=name_en.strip() or name_vi.strip(),
                    valid_from=effective_on)
    session.add(name)
    if kind:
        unit.kind = kind
        session.add(unit)
    session.add(UnitEvent(unit_id=unit_id, kind="renamed", effective_on=effective_on, note=note or None,
                          created_by_id=getattr(actor, "id", None)))
    session.flush()
    return name


# --- lineage events -------------------------------------------------------------------------------------------


def _event_plan(session: Session, unit_id: int, kind: str, effective_on: date | None,
                successor_ids: list[int]) -> tuple[reference.UnitInfo, list[reference.UnitInfo]]:
    _unit(session, unit_id)
    if kind == "renamed":
        raise DomainError("org_use_rename")
    day_before = (effective_on - timedelta(days=1)) if effective_on else date.today()
    names = reference.unit_names(session=session, on=day_before)
    lineage.check_event(unit_id=unit_id, kind=kind, effective_on=effective_on, successor_ids=list(successor_ids),
                        events=reference.lineage_events(session=session), valid_from=_valid_from(session),
                        unit_name=names[unit_id].name_vi)
    after = reference.unit_names(session=session, on=effective_on)
    return names[unit_id], [after[s] for s in successor_ids]


def preview_event(*, session: Session, unit_id: int, kind: str, effective_on: date | None,
                  successor_ids: list[int], lang: str = "vi") -> str:
    unit, successors = _event_plan(session, unit_id, kind, effective_on, successor_ids)
    return lineage.describe_event(kind=kind, unit=unit.name(lang), successors=[s.name(lang) for s in successors],
                                  effective_on=effective_on, lang=lang)


def record_event(*, session: Session, actor, unit_id: int, kind: str, effective_on: date | None,
                 successor_ids: list[int] | None = None, note: str | None = None) -> list[UnitEvent]:
    """Merged into (one successor), split into (two or more) or dissolved, from effective_on. The unit's figures
    stay under its own name; from that day it is no candidate, voter or award recipient, and its accounts are
    refused at login."""
    _require(actor)
    successor_ids = list(successor_ids or [])
    _event_plan(session, unit_id, kind, effective_on, successor_ids)
    rows = [UnitEvent(unit_id=unit_id, kind=kind, effective_on=effective_on, successor_unit_id=s, note=note or None,
                      created_by_id=getattr(actor, "id", None)) for s in (successor_ids or [None])]
    for row in rows:
        session.add(row)
    # its last name ends with it
    for n in session.exec(select(UnitName).where(UnitName.unit_id == unit_id, UnitName.valid_to == None)).all():  # noqa: E711
        n.valid_to = effective_on - timedelta(days=1)
        session.add(n)
    session.flush()
    record_change(session, actor=actor, what="lineage", year=effective_on.year if effective_on else None,
                  unit_id=unit_id, new=json.dumps({"event_ids": [r.id for r in rows], "kind": kind,
                                                   "effective_on": str(effective_on), "successors": successor_ids}))
    return rows


# --- undoing a change -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRecord:
    """A lineage event or a membership change the administrator made, as the audit trail keeps it."""

    id: int
    what: str  # lineage | membership
    year: int | None
    unit_id: int | None
    changed_at: object
    old: dict | None
    new: dict
    undone: bool


UNDOABLE = ("lineage", "membership")


def recent_changes(*, session: Session, limit: int = 30) -> list[ChangeRecord]:
    """The newest lineage events and membership changes, each with whether it was undone since."""
    undone = {int(json.loads(v)["change_id"]) for v in session.exec(
        select(ValueChange.new_value).where(ValueChange.what == "undo")).all()}
    rows = session.exec(select(ValueChange).where(ValueChange.what.in_(UNDOABLE))
                        .order_by(ValueChange.id.desc()).limit(limit)).all()
    return [ChangeRecord(r.id, r.what, r.year, r.unit_id, r.changed_at, json.loads(r.old_value) if r.old_value
                         else None, json.loads(r.new_value), r.id in undone) for r in rows]


def undo_change(*, session: Session, actor, change_id: int, reason: str) -> None:
    """Undo a lineage event (its rows go, the unit's last name is open again) or a membership change (the year's
    members are set back), with a written reason in the audit trail. Refused when a later change of the same unit
    or year was made on top of it (undo that first), or when what was decided since would be orphaned."""
    _require(actor)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise DomainError("org_undo_reason_required", min=10)
    change = session.get(ValueChange, change_id)
    if change is None or change.what not in UNDOABLE:
        raise DomainError("org_unknown_change")
    if session.exec(select(ValueChange.id).where(ValueChange.what == "undo",
                                                 ValueChange.new_value == json.dumps({"change_id": change_id}))
                    ).first() is not None:
        raise DomainError("org_change_already_undone")
    new = json.loads(change.new_value)
    if change.what == "lineage":
        later = session.exec(select(UnitEvent.id).where(UnitEvent.unit_id == change.unit_id,
                                                        UnitEvent.id > max(new["event_ids"]))).first()
        if later is not None:
            raise DomainError("org_change_not_last")
        events = [session.get(UnitEvent, i) for i in new["event_ids"]]
        ended_on = events[0].effective_on if events and events[0] is not None else None
        for event in events:
            if event is not None:
                session.delete(event)
        if ended_on is not None:
            for n in session.exec(select(UnitName).where(UnitName.unit_id == change.unit_id,
                                                         UnitName.valid_to == ended_on - timedelta(days=1))).all():
                n.valid_to = None
                session.add(n)
    else:
        old = json.loads(change.old_value)
        current = sorted(u.id for u in reference.member_units(session=session, cluster_id=old["cluster_id"],
                                                              year=change.year))
        if current != sorted(new["unit_ids"]):
            raise DomainError("org_change_not_last")
        if old["unit_ids"]:
            set_membership(session=session, actor=actor, cluster_id=old["cluster_id"], year=change.year,
                           unit_ids=old["unit_ids"], reason=reason)
        else:
            names = {i: n.name_vi for i, n in reference.unit_names(session=session, year=change.year).items()}
            _check_nothing_decided(session, old["cluster_id"], change.year, set(current), names)
            for row in session.exec(select(ClusterMembership).where(ClusterMembership.cluster_id == old["cluster_id"],
                                                                    ClusterMembership.year == change.year)).all():
                session.delete(row)
    record_change(session, actor=actor, what="undo", year=change.year, unit_id=change.unit_id, reason=reason,
                  old=change.new_value, new=json.dumps({"change_id": change_id}))
    session.flush()


def unit_has_history(*, session: Session, unit_id: int) -> bool:
    """Figures, awards, submissions, memberships, votes, honours or accounts refer to the unit."""
    checks = [(IndicatorValue, IndicatorValue.unit_id), (Award, Award.unit_id), (Submission, Submission.unit_id),
              (ValueChange, ValueChange.unit_id), (ClusterMembership, ClusterMembership.unit_id),
              (YearHonour, YearHonour.unit_id), (PollCandidate, PollCandidate.unit_id),
              (PollVoter, PollVoter.unit_id), (BallotParticipation, BallotParticipation.unit_id),
              (Ballot, Ballot.voter_unit_id), (User, User.unit_id), (UnitDirector, UnitDirector.unit_id),
              (UnitEvent, UnitEvent.successor_unit_id), (EmulationYear, EmulationYear.chair_unit_id),
              (EmulationYear, EmulationYear.vice_chair_unit_id)]
    for model, column in checks:
        if session.exec(select(func.count()).select_from(model).where(column == unit_id)).one():
            return True
    return False


def delete_unit(*, session: Session, actor, unit_id: int) -> None:
    """Only a unit entered by mistake, that nothing refers to, may be deleted; otherwise it is dissolved."""
    _require(actor)
    unit = _unit(session, unit_id)
    if unit_has_history(session=session, unit_id=unit_id):
        raise DomainError("org_unit_has_history", unit=reference.unit_names(session=session)[unit_id].name_vi)
    for model in (UnitName, UnitEvent):
        for row in session.exec(select(model).where(model.unit_id == unit_id)).all():
            session.delete(row)
    session.delete(unit)
    session.flush()


# --- memberships ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MembershipPlan:
    cluster_id: int
    year: int
    unit_ids: tuple[int, ...]
    added: tuple[int, ...]
    removed: tuple[int, ...]


def _membership_plan(session: Session, cluster_id: int, year: int, unit_ids: list[int]) -> MembershipPlan:
    _cluster(session, cluster_id)
    if not 2000 <= year <= 2100:
        raise DomainError("bad_year")
    if not unit_ids:
        raise DomainError("org_membership_empty")
    units = {u.id: u for u in session.exec(select(Unit)).all()}
    if any(u not in units for u in unit_ids):
        raise DomainError("unknown_unit")
    names = {i: n.name_vi for i, n in reference.unit_names(session=session, year=year).items()}
    clusters = {c.id: c.name_vi for c in reference.list_clusters(session=session)}
    taken = {m.unit_id: clusters[m.cluster_id] for m in session.exec(
        select(ClusterMembership).where(ClusterMembership.year == year, ClusterMembership.cluster_id != cluster_id)
    ).all()}
    events = reference.lineage_events(session=session)
    today = reference.unit_names(session=session, year=year)
    owners = {i: lineage.history_owner(i, events) for i in units}
    lineage.check_membership(year=year, unit_ids=unit_ids, taken=taken, names=names,
                             valid_from={i: u.valid_from for i, u in units.items()},
                             ends={i: lineage.end_of(i, events) for i in units},
                             successors={i: today[o].name_vi for i, o in owners.items() if o is not None})
    current = {u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year)}
    wanted = set(unit_ids)
    removed = current - wanted
    _check_nothing_decided(session, cluster_id, year, removed, names)
    return MembershipPlan(cluster_id, year, tuple(sorted(wanted)), tuple(sorted(wanted - current)),
                          tuple(sorted(removed)))


def _check_nothing_decided(session: Session, cluster_id: int, year: int, removed: set[int],
                           names: dict[int, str]) -> None:
    """A unit leaves a cluster's year only while nothing of it was decided there: a submission sent or locked in
    that year would be orphaned (and its figures reopened elsewhere), so the change is refused, naming the unit.
    The chair reopens the unit first (with its reason), or the year stays as it is."""
    if not removed:
        return
    ey = reference.get_emulation_year(session=session, cluster_id=cluster_id, year=year)
    if ey is None:
        return
    for unit_id, state in session.exec(select(Submission.unit_id, Submission.state).where(
            Submission.emulation_year_id == ey.id, Submission.unit_id.in_(sorted(removed)),
            Submission.state.in_(("submitted", "locked"))).order_by(Submission.unit_id)).all():
        raise DomainError("org_member_has_submission", unit=names.get(unit_id, str(unit_id)), year=year,
                          state=state)


def preview_membership(*, session: Session, cluster_id: int, year: int, unit_ids: list[int],
                       lang: str = "vi") -> str:
    plan = _membership_plan(session, cluster_id, year, unit_ids)
    names = reference.unit_names(session=session, year=year)
    cluster = _cluster(session, cluster_id)
    return lineage.describe_membership(year=year, cluster=cluster.name_vi if lang == "vi" else cluster.name_en,
                                       added=[names[u].name(lang) for u in plan.added],
                                       removed=[names[u].name(lang) for u in plan.removed], lang=lang)


def set_membership(*, session: Session, actor, cluster_id: int, year: int, unit_ids: list[int],
                   reason: str | None = None) -> MembershipPlan:
    """The cluster's members in a year, replacing what was set for that year; the change (before and after) is in
    the audit trail, so that it can be undone (undo_change)."""
    _require(actor)
    before = sorted(u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year))
    plan = _membership_plan(session, cluster_id, year, list(unit_ids))
    for row in session.exec(select(ClusterMembership).where(ClusterMembership.cluster_id == cluster_id,
                                                            ClusterMembership.year == year)).all():
        if row.unit_id in plan.removed:
            session.delete(row)
    session.flush()
    for unit_id in plan.added:
        session.add(ClusterMembership(cluster_id=cluster_id, unit_id=unit_id, year=year))
    # the administrator's own choice of members: no longer the app's proposal
    proposal = legal.membership_proposal(session=session, cluster_id=cluster_id, year=year)
    if proposal is not None:
        session.delete(proposal)
    if plan.added or plan.removed:
        record_change(session, actor=actor, what="membership", year=year, reason=reason,
                      old=json.dumps({"cluster_id": cluster_id, "unit_ids": before}),
                      new=json.dumps({"cluster_id": cluster_id, "unit_ids": list(plan.unit_ids)}))
    session.flush()
    return plan


def last_year_members(*, session: Session, cluster_id: int, year: int) -> tuple[int | None, list[int]]:
    """The most recent earlier year with members, and what "copy last year's" offers for `year`: those members,
    each one merged away by then replaced by its successor (see lineage.carry_over_members)."""
    previous = session.exec(select(ClusterMembership.year).where(ClusterMembership.cluster_id == cluster_id,
                                                                 ClusterMembership.year < year)
                            .order_by(ClusterMembership.year.desc())).first()
    if previous is None:
        return None, []
    members = [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=previous)]
    return previous, lineage.carry_over_members(members, year, reference.lineage_events(session=session),
                                                _valid_from(session))


def copy_last_year(*, session: Session, actor, cluster_id: int, year: int) -> MembershipPlan:
    _require(actor)
    previous, members = last_year_members(session=session, cluster_id=cluster_id, year=year)
    if previous is None:
        raise DomainError("org_no_earlier_membership", year=year)
    return set_membership(session=session, actor=actor, cluster_id=cluster_id, year=year, unit_ids=members)


def set_account_cluster(*, session: Session, actor, user_id: int, cluster_id: int | None) -> User:
    """The cluster a chair or viewer account serves (a province's cluster follows its unit's membership)."""
    _require(actor)
    user = session.get(User, user_id)
    if user is None:
        raise DomainError("unknown_user")
    if cluster_id is not None:
        _cluster(session, cluster_id)
    user.cluster_id = cluster_id
    session.add(user)
    session.flush()
    return user


# --- directors and awarding bodies ----------------------------------------------------------------------------


def set_director(*, session: Session, actor, unit_id: int, year: int, name: str,
                 title_vi: str = "Giám đốc") -> UnitDirector:
    _require(actor)
    _unit(session, unit_id)
    if not name.strip():
        raise DomainError("org_director_name_required")
    row = session.exec(select(UnitDirector).where(UnitDirector.unit_id == unit_id, UnitDirector.year == year)).first()
    row = row or UnitDirector(unit_id=unit_id, year=year, name="")
    row.name, row.title_vi = name.strip(), title_vi.strip() or "Giám đốc"
    session.add(row)
    session.flush()
    return row


def directors(*, session: Session, year: int) -> dict[int, UnitDirector]:
    return {d.unit_id: d for d in session.exec(select(UnitDirector).where(UnitDirector.year == year)).all()}


def save_awarding_body(*, session: Session, actor, name_vi: str, name_en: str, head_vi: str, head_en: str,
                       valid_from: date | None, valid_to: date | None, body_id: int | None = None) -> AwardingBody:
    _require(actor)
    if not name_vi.strip() or not head_vi.strip():
        raise DomainError("org_body_name_required")
    if valid_from and valid_to and valid_from > valid_to:
        raise DomainError("org_name_dates_reversed")
    lo, hi = valid_from or date.min, valid_to or date.max
    for other in reference.list_awarding_bodies(session=session):
        if other.id != body_id and (other.valid_from or date.min) <= hi and lo <= (other.valid_to or date.max):
            raise DomainError("org_body_overlap", other=other.name_vi)
    body = session.get(AwardingBody, body_id) if body_id else AwardingBody(name_vi="", name_en="", head_vi="",
                                                                             head_en="")
    body.name_vi, body.name_en = name_vi.strip(), name_en.strip() or name_vi.strip()
    body.head_vi, body.head_en = head_vi.strip(), head_en.strip() or head_vi.strip()
    body.valid_from, body.valid_to = valid_from, valid_to
    session.add(body)
    session.flush()
    return body


def ended_units(*, session: Session) -> dict[int, date]:
    """Units that have ended, with their end (the first day they no longer exist)."""
    events = reference.lineage_events(session=session)
    return {e.unit_id: lineage.end_of(e.unit_id, events) for e in events if e.kind in ENDING_EVENTS}


def events_table(*, session: Session) -> list[UnitEvent]:
    return list(session.exec(select(UnitEvent).order_by(UnitEvent.effective_on, UnitEvent.id)).all())


# --- the whole Khối, read by the ministry -------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterYear:
    cluster: Cluster
    year: int
    state: str | None  # the emulation year's state; None when the cluster has no such year
    members: tuple[int, ...]  # empty: membership not set
    submitted: int
    leaders: tuple[int, ...]
    names: dict


def clusters_overview(*, session: Session, year: int) -> list[ClusterYear]:
    """Every cluster side by side for one year: its members, how many submitted, its leading unit(s)."""
    names = reference.unit_names(session=session, year=year)
    out = []
    for cluster in reference.list_clusters(session=session):
        ey = reference.get_emulation_year(session=session, cluster_id=cluster.id, year=year)
        members = tuple(u.id for u in reference.member_units(session=session, cluster_id=cluster.id, year=year))
        submitted = leaders = ()
        if ey is not None:
            submitted = session.exec(select(Submission.unit_id).where(
                Submission.emulation_year_id == ey.id, Submission.state.in_(("submitted", "locked")))).all()
            leaders = session.exec(select(YearHonour.unit_id).where(YearHonour.emulation_year_id == ey.id,
                                                                   YearHonour.honour == "leading_unit")).all()
        out.append(ClusterYear(cluster, year, ey.state if ey else None, members, len(submitted), tuple(leaders),
                               names))
    return out


def overview_years(*, session: Session) -> list[int]:
    years = set(session.exec(select(EmulationYear.year)).all()) | set(session.exec(select(ClusterMembership.year)).all())
    return sorted(years, reverse=True)
