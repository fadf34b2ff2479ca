"""The year's criteria table: the chair drafts it (or copies last year's), adopts it with the covenant, and units
score against it from then on. Every write is the chair's (or the administrator's), on its own cluster's year
(db/scope.py), and is in the audit trail."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy import delete
from sqlmodel import Session, select

from components.rules import access
from components.rules.criteria import Band, Condition, CriteriaTable, Criterion, check_table
from components.rules.errors import DomainError
from db import scope
from db.audit import record_change
from db.models import EmulationYear, Indicator, ScoringCriterion, ScoringTable, utcnow


def _table_row(session: Session, ey: EmulationYear) -> ScoringTable | None:
    return session.exec(select(ScoringTable).where(ScoringTable.emulation_year_id == ey.id)).first()


def _criteria_rows(session: Session, table_id: int) -> list[ScoringCriterion]:
    return list(session.exec(select(ScoringCriterion).where(ScoringCriterion.table_id == table_id)
                             .order_by(ScoringCriterion.sort_order, ScoringCriterion.id)).all())


def _indicator_codes(session: Session) -> dict[int, str]:
    return {i.id: i.code for i in session.exec(select(Indicator)).all()}


def _to_rules(row: ScoringTable, criteria: list[ScoringCriterion], codes: dict[int, str]) -> CriteriaTable:
    return CriteriaTable(
        scale=row.scale,
        criteria=tuple(Criterion(c.code, c.group_name, c.name_vi, c.name_en, c.max_points, c.kind,
                                 c.evidence_required, codes.get(c.indicator_id) if c.indicator_id else None,
                                 c.formula, json.loads(c.params or "{}")) for c in criteria),
        bands=tuple(Band(**b) for b in json.loads(row.bands or "[]")),
        flag_band=row.flag_band, flag_quota=row.flag_quota, government_share_pct=row.government_share_pct,
        conditions=tuple(Condition(**c) for c in json.loads(row.conditions or "[]")),
        cross_scoring=row.cross_scoring, cross_aggregate=row.cross_aggregate, cross_trim=row.cross_trim)


@dataclass(frozen=True)
class YearTable:
    """A year's table as stored (state, lock) and as rules read it."""

    row: ScoringTable
    table: CriteriaTable
    criterion_ids: dict[str, int]

    @property
    def adopted(self) -> bool:
        return self.row.state == "adopted"

    @property
    def locked(self) -> bool:
        return self.row.scores_locked_at is not None


def year_table(*, session: Session, cluster_id: int, year: int) -> YearTable | None:
    """The criteria table of the cluster's year, or None when none is drafted."""
    return table_of_year(session, scope.cluster_year(session=session, cluster_id=cluster_id, year=year))


def table_of_year(session: Session, ey: EmulationYear) -> YearTable | None:
    row = _table_row(session, ey)
    if row is None:
        return None
    criteria = _criteria_rows(session, row.id)
    return YearTable(row, _to_rules(row, criteria, _indicator_codes(session)), {c.code: c.id for c in criteria})


def save_table(*, session: Session, actor, cluster_id: int, year: int, table: CriteriaTable) -> ScoringTable:
    """Store the chair's draft of its cluster's year's table (replacing the previous draft). An adopted table is
    fixed. cluster_id: the cluster the page shows, refused unless the actor runs it."""
    if not access.can_draft_criteria(actor):
        raise DomainError("score_not_chair")
    check_table(table)
    ey = scope.run_year(session=session, actor=actor, cluster_id=cluster_id, year=year)
    row = _table_row(session, ey)
    if row is not None and row.state == "adopted":
        raise DomainError("score_table_adopted", year=year)
    ids = {code: i for i, code in _indicator_codes(session).items()}
    unknown = [c.indicator_code for c in table.criteria if c.indicator_code and c.indicator_code not in ids]
    if unknown:
        raise DomainError("score_unknown_indicator", code=unknown[0])
    if row is None:
        row = ScoringTable(emulation_year_id=ey.id)
    row.scale, row.flag_band, row.flag_quota = float(table.scale), table.flag_band, table.flag_quota
    row.government_share_pct = float(table.government_share_pct)
    row.bands = json.dumps([asdict(b) for b in table.bands], ensure_ascii=False)
    row.conditions = json.dumps([asdict(c) for c in table.conditions], ensure_ascii=False)
    row.cross_scoring, row.cross_aggregate, row.cross_trim = table.cross_scoring, table.cross_aggregate, table.cross_trim
    session.add(row)
    session.flush()
    session.exec(delete(ScoringCriterion).where(ScoringCriterion.table_id == row.id))
    session.add_all([ScoringCriterion(table_id=row.id, code=c.code, group_name=c.group, name_vi=c.name_vi,
                                      name_en=c.name_en, max_points=float(c.max_points), kind=c.kind,
                                      evidence_required=c.evidence_required,
                                      indicator_id=ids.get(c.indicator_code) if c.indicator_code else None,
                                      formula=c.formula, params=json.dumps(dict(c.params), ensure_ascii=False),
                                      sort_order=i) for i, c in enumerate(table.criteria)])
    record_change(session, actor=actor, year=year, what="score_table_draft", new={"criteria": len(table.criteria), "scale": table.scale})
    session.flush()
    return row


def adopt_table(*, session: Session, actor, cluster_id: int, year: int) -> ScoringTable:
    """Adopt (lock) the table with the covenant: from now on units score against it and it no longer changes."""
    if not access.can_draft_criteria(actor):
        raise DomainError("score_not_chair")
    current = table_of_year(session, scope.run_year(session=session, actor=actor, cluster_id=cluster_id, year=year))
    if current is None:
        raise DomainError("score_table_empty")
    if current.adopted:
        raise DomainError("score_table_adopted", year=year)
    check_table(current.table)
    current.row.state, current.row.adopted_at, current.row.adopted_by_id = "adopted", utcnow(), getattr(actor, "id", None)
    session.add(current.row)
    record_change(session, actor=actor, year=year, what="score_table_adopt", old=json.dumps("draft"),
                  new=json.dumps("adopted"))
    session.flush()
    return current.row


def copy_last_year(*, session: Session, actor, cluster_id: int, year: int) -> ScoringTable:
    """Start this year's draft from the previous year's table of the same cluster (criteria, bands, quota,
    conditions)."""
    ey = scope.run_year(session=session, actor=actor, cluster_id=cluster_id, year=year)
    previous = year_table(session=session, cluster_id=ey.cluster_id, year=year - 1)
    if previous is None:
        raise DomainError("score_no_previous_table", year=year - 1)
    return save_table(session=session, actor=actor, cluster_id=ey.cluster_id, year=year, table=previous.table)


def require_table(session: Session, ey: EmulationYear, *, adopted: bool = True, unlocked: bool = True) -> YearTable:
    year = ey.year
    if unlocked and ey.state == "closed":
        raise DomainError("score_locked", year=year)  # a closed year's scoring is history
    yt = table_of_year(session, ey)
    if yt is None or (adopted and not yt.adopted):
        raise DomainError("score_table_not_adopted", year=year)
    if unlocked and yt.locked:
        raise DomainError("score_locked", year=year)
    return yt
