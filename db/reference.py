"""Reference data shared by every screen: clusters, units and their names, emulation years, the indicator catalogue."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from components.rules.enums import INDICATOR_KINDS
from components.rules.errors import DomainError
from db.models import Cluster, ClusterMembership, EmulationYear, Indicator, Unit, UnitName, YearHonour

FIELDS = ("postal", "telecom", "digital", "cybersecurity", "ict_industry", "press", "enforcement", "admin_reform",
          "movements", "awards")


def cluster_code() -> str:
    """The cluster this deployment serves (CLUSTER_CODE, default cum2)."""
    return os.environ.get("CLUSTER_CODE", "cum2")


def get_cluster(*, session: Session, code: str | None = None) -> Cluster:
    cluster = session.exec(select(Cluster).where(Cluster.code == (code or cluster_code()))).first()
    if cluster is None:
        raise DomainError("unknown_cluster", code=code or cluster_code())
    return cluster


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    province: str
    name_vi: str
    name_en: str


def unit_names(*, session: Session, on: date | None = None) -> dict[int, UnitInfo]:
    """Every unit with the name valid on a date (default today; the latest name when none is valid then)."""
    on = on or date.today()
    out: dict[int, UnitInfo] = {}
    names = session.exec(select(UnitName).order_by(UnitName.valid_from)).all()
    by_unit: dict[int, list[UnitName]] = {}
    for n in names:
        by_unit.setdefault(n.unit_id, []).append(n)
    for unit in session.exec(select(Unit)).all():
        candidates = by_unit.get(unit.id, [])
        valid = [n for n in candidates if (n.valid_from is None or n.valid_from <= on)
                 and (n.valid_to is None or n.valid_to >= on)]
        chosen = (valid or candidates or [None])[-1]
        out[unit.id] = UnitInfo(unit.id, unit.code, unit.province,
                                chosen.name_vi if chosen else unit.province,
                                chosen.name_en if chosen else unit.province)
    return out


def member_units(*, session: Session, cluster_id: int, year: int) -> list[Unit]:
    """Units that belong to the cluster in a year, in the cluster's customary order (by id)."""
    stmt = (select(Unit).join(ClusterMembership, ClusterMembership.unit_id == Unit.id)
            .where(ClusterMembership.cluster_id == cluster_id, ClusterMembership.year == year).order_by(Unit.id))
    units = list(session.exec(stmt).all())
    if not units:  # years after the last recorded membership: fall back to the latest membership
        latest = session.exec(select(ClusterMembership.year).where(ClusterMembership.cluster_id == cluster_id,
                                                                   ClusterMembership.year <= year)
                              .order_by(ClusterMembership.year.desc())).first()
        if latest is not None and latest != year:
            return member_units(session=session, cluster_id=cluster_id, year=latest)
    return units


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


def save_indicator(*, session: Session, indicator_id: int | None, code: str, field: str, name_vi: str, name_en: str,
                   unit: str, kind: str, better: str, min_value: float | None, max_value: float | None,
                   sort_order: int = 0, active: bool = True) -> Indicator:
    """Create or edit a catalogue entry (admin)."""
    code = code.strip()
    if not code or not name_vi.strip():
        raise DomainError("indicator_code_name_required")
    if kind not in INDICATOR_KINDS:
        raise DomainError("unknown_kind", kind=kind)
    if better not in ("higher", "lower"):
        raise DomainError("unknown_better")
    if min_value is not None and max_value is not None and min_value > max_value:
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


def save_emulation_year(*, session: Session, cluster_id: int, year: int, theme: str | None, chair_unit_id: int | None,
                        vice_chair_unit_id: int | None, entry_deadline, state: str,
                        year_id: int | None = None) -> EmulationYear:
    """Create or edit an emulation year (admin)."""
    from components.rules.enums import YEAR_STATES

    if not 2000 <= year <= 2100:
        raise DomainError("bad_year")
    if state not in YEAR_STATES:
        raise DomainError("bad_year")
    if chair_unit_id is not None and chair_unit_id == vice_chair_unit_id:
        raise DomainError("chair_equals_vice")
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
