"""Reference data shared by every screen: clusters, units and their names, emulation years, the indicator catalogue."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, select

from components.rules import lineage
from components.rules.access import can_manage_catalogue
from components.rules.enums import INDICATOR_KINDS, YEAR_STATES
from components.rules.errors import DomainError
from db.engine import read_once
from db.models import (
    AwardingBody,
    Cluster,
    ClusterMembership,
    EmulationYear,
    Indicator,
    Unit,
    UnitEvent,
    UnitName,
    YearHonour,
)

FIELDS = ("postal", "telecom", "digital", "innovation", "cybersecurity", "ict_industry", "press", "enforcement",
          "admin_reform", "movements", "awards")


def cluster_code() -> str:
    """The cluster this deployment serves (CLUSTER_CODE, default cum2)."""
    return os.environ.get("CLUSTER_CODE", "cum2")


def get_cluster(*, session: Session, code: str | None = None) -> Cluster:
    cluster = session.exec(select(Cluster).where(Cluster.code == (code or cluster_code()))).first()
    if cluster is None:
        raise DomainError("unknown_cluster", code=code or cluster_code())
    return cluster


def list_clusters(*, session: Session) -> list[Cluster]:
    return list(session.exec(select(Cluster).order_by(Cluster.id)).all())


@dataclass(frozen=True)
class UnitInfo:
    """A unit with the name it bore on the date asked for, and what lineage knows about it."""

    id: int
    code: str
    province: str
    name_vi: str
    name_en: str
    kind: str = "so_tttt"
    valid_from: date | None = None
    end: date | None = None  # first day it no longer exists
    spans: tuple[lineage.NameSpan, ...] = field(default=(), compare=False)

    def name(self, lang: str) -> str:
        """The unit's display name in the user's language (the one place that chooses between name_vi/name_en)."""
        return lineage.localised(self.name_vi, self.name_en, lang)


def lineage_events(*, session: Session) -> list[lineage.Event]:
    return [lineage.Event(e.unit_id, e.kind, e.effective_on, e.successor_unit_id)
            for e in session.exec(select(UnitEvent).order_by(UnitEvent.effective_on, UnitEvent.id)).all()]


def name_spans(*, session: Session) -> dict[int, list[lineage.NameSpan]]:
    spans: dict[int, list[lineage.NameSpan]] = {}
    for n in session.exec(select(UnitName).order_by(UnitName.valid_from, UnitName.id)).all():
        spans.setdefault(n.unit_id, []).append(lineage.NameSpan(n.unit_id, n.name_vi, n.name_en, n.valid_from,
                                                                n.valid_to))
    return spans


def unit_names(*, session: Session, on: date | None = None, year: int | None = None) -> dict[int, UnitInfo]:
    """Every unit with the name valid on a date (default today), or in a year (its name at the end of the year, or
    on its last day when it ended during the year); the nearest name when none is valid then. Read once per
    session and date (a page's load asks it several times); read again after a write in the session."""
    return dict(read_once(session, ("unit_names", on or date.today(), year),
                          lambda: _unit_names(session=session, on=on, year=year)))  # a copy: callers may add to it


def _unit_names(*, session: Session, on: date | None, year: int | None) -> dict[int, UnitInfo]:
    events = lineage_events(session=session)
    spans = name_spans(session=session)
    out: dict[int, UnitInfo] = {}
    for unit in session.exec(select(Unit)).all():
        end = lineage.end_of(unit.id, events)
        when = on or date.today()
        if year is not None:
            when = lineage.year_end(year)
            if end is not None and end <= when:
                when = end - timedelta(days=1)
        own = tuple(spans.get(unit.id, ()))
        chosen = lineage.name_on(own, when)
        out[unit.id] = UnitInfo(unit.id, unit.code, unit.province,
                                chosen.name_vi if chosen else unit.province,
                                chosen.name_en if chosen else unit.province,
                                unit.kind, unit.valid_from, end, own)
    return out


def member_units(*, session: Session, cluster_id: int, year: int) -> list[Unit]:
    """Units that belong to the cluster in a year, in the cluster's customary order (by id). Empty when the year's
    membership is not set: a year never silently reuses another year's members (see membership_is_set)."""
    stmt = (select(Unit).join(ClusterMembership, ClusterMembership.unit_id == Unit.id)
            .where(ClusterMembership.cluster_id == cluster_id, ClusterMembership.year == year).order_by(Unit.id))
    return list(session.exec(stmt).all())


def membership_is_set(*, session: Session, cluster_id: int, year: int) -> bool:
    return session.exec(select(ClusterMembership.id).where(ClusterMembership.cluster_id == cluster_id,
                                                           ClusterMembership.year == year)).first() is not None


def unit_end(*, session: Session, unit_id: int) -> date | None:
    return lineage.end_of(unit_id, lineage_events(session=session))


def check_may_take_part(*, session: Session, unit_id: int, on: date) -> None:
    """Refuse a unit merged away or dissolved before `on` as a candidate, voter or award recipient."""
    end = unit_end(session=session, unit_id=unit_id)
    if end is not None and on >= end:
        name = unit_names(session=session, on=end - timedelta(days=1))[unit_id].name_vi
        lineage.check_may_take_part(unit_name=name, end=end, on=on)


def units_taking_part(*, session: Session, unit_ids: list[int], on: date) -> list[int]:
    """The units among unit_ids that still exist on `on`."""
    events = lineage_events(session=session)
    return [u for u in unit_ids if lineage.exists_on(on, valid_from=None, end=lineage.end_of(u, events))]


def awarding_body_on(*, session: Session, on: date) -> AwardingBody | None:
    """The body the cluster's proposals go to on a date."""
    for body in session.exec(select(AwardingBody).order_by(AwardingBody.valid_from)).all():
        if (body.valid_from is None or body.valid_from <= on) and (body.valid_to is None or on <= body.valid_to):
            return body
    return None


def list_awarding_bodies(*, session: Session) -> list[AwardingBody]:
    return list(session.exec(select(AwardingBody).order_by(AwardingBody.valid_from)).all())


def list_units(*, session: Session) -> list[Unit]:
    return list(session.exec(select(Unit).order_by(Unit.id)).all())


def list_emulation_years(*, session: Session, cluster_id: int) -> list[EmulationYear]:
    return list(session.exec(select(EmulationYear).where(EmulationYear.cluster_id == cluster_id)
                             .order_by(EmulationYear.year.desc())).all())


def get_emulation_year(*, session: Session, cluster_id: int, year: int) -> EmulationYear | None:
    return session.exec(select(EmulationYear).where(EmulationYear.cluster_id == cluster_id,
                                                    EmulationYear.year == year)).first()


def list_indicators(*, session: Session, active_only: bool = True) -> list[Indicator]:
    stmt = select(Indicator).order_by(Indicator.sort_order, Indicator.id)
    if active_only:
        stmt = stmt.where(Indicator.active == True)  # noqa: E712  SQL comparison
    return list(session.exec(stmt).all())


def get_indicator(*, session: Session, code: str) -> Indicator | None:
    return session.exec(select(Indicator).where(Indicator.code == code)).first()


def _require_catalogue_manager(actor) -> None:
    if actor is None or not can_manage_catalogue(actor):
        raise DomainError("forbidden")


def save_indicator(*, session: Session, actor, indicator_id: int | None, code: str, field: str, name_vi: str, name_en: str,
                   unit: str, kind: str, better: str, min_value: float | None, max_value: float | None,
                   sort_order: int = 0, active: bool = True) -> Indicator:
    """Create or edit a catalogue entry (admin)."""
    _require_catalogue_manager(actor)
    code = code.strip()
    if not code or not name_vi.strip():
        raise DomainError("indicator_code_name_required")
    if kind not in INDICATOR_KINDS:
        raise DomainError("unknown_kind", kind=kind)
    if better not in ("higher", "lower"):
        raise DomainError("unknown_better")
    if max_value is None:  # a figure beyond it cannot be true (docs/indicator_bounds.md): every indicator has one
        raise DomainError("indicator_max_required")
    if min_value is not None and min_value > max_value:
        raise DomainError("min_above_max")
    if kind == "percent" and ((min_value is not None and min_value < 0) or (max_value is not None and max_value > 100)):
        raise DomainError("percent_bounds")
    other = get_indicator(session=session, code=code)
    if other is not None and other.id != indicator_id:
        raise DomainError("indicator_code_taken", code=code)
    ind = session.get(Indicator, indicator_id) if indicator_id else Indicator(code=code)
    if ind is None:
        raise DomainError("unknown_indicator")
    ind.code, ind.field, ind.name_vi, ind.name_en, ind.unit = code, field, name_vi.strip(), name_en.strip(), unit
    ind.kind, ind.better, ind.min_value, ind.max_value = kind, better, min_value, max_value
    ind.sort_order, ind.active = sort_order, active
    session.add(ind)
    session.flush()
    return ind


def leading_units(*, session: Session, cluster_id: int) -> list[tuple[int, int, str | None]]:
    """(year, unit_id, proposed_award) of every recorded leading unit of the cluster, newest first."""
    stmt = (select(EmulationYear.year, YearHonour.unit_id, YearHonour.proposed_award)
            .join(EmulationYear, EmulationYear.id == YearHonour.emulation_year_id)
            .where(EmulationYear.cluster_id == cluster_id, YearHonour.honour == "leading_unit")
            .order_by(EmulationYear.year.desc(), YearHonour.unit_id))
    return [tuple(r) for r in session.exec(stmt).all()]


def save_emulation_year(*, session: Session, actor, cluster_id: int, year: int, theme: str | None, chair_unit_id: int | None,
                        vice_chair_unit_id: int | None, entry_deadline, state: str,
                        year_id: int | None = None) -> EmulationYear:
    """Create or edit an emulation year (admin)."""
    _require_catalogue_manager(actor)
    if not 2000 <= year <= 2100:
        raise DomainError("bad_year")
    if state not in YEAR_STATES:
        raise DomainError("bad_year")
    if chair_unit_id is not None and chair_unit_id == vice_chair_unit_id:
        raise DomainError("chair_equals_vice")
    # the year's officers are members of that year (the membership screen's own rule): a dissolved unit, or one of
    # another cluster, is refused; a year whose membership is not set yet takes its officers once it is
    members = {u.id for u in member_units(session=session, cluster_id=cluster_id, year=year)}
    for unit_id in (chair_unit_id, vice_chair_unit_id):
        if unit_id is not None and unit_id not in members:
            named = unit_names(session=session, year=year).get(unit_id)
            raise DomainError("officer_not_member", unit=named.name("vi") if named else "—", year=year)
    existing = get_emulation_year(session=session, cluster_id=cluster_id, year=year)
    if existing is not None and existing.id != year_id:
        raise DomainError("year_exists", year=year)
    ey = session.get(EmulationYear, year_id) if year_id else EmulationYear(cluster_id=cluster_id, year=year)
    ey.year, ey.theme, ey.chair_unit_id, ey.vice_chair_unit_id = year, (theme or "").strip() or None, chair_unit_id, \
        vice_chair_unit_id
    ey.entry_deadline, ey.state = entry_deadline, state
    session.add(ey)
    session.flush()
    return ey
