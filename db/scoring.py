"""Scoring data: the year's criteria table (draft, adopt, copy last year's), each unit's self-score with evidence,
the chair's verification with a reason and the unit's one answer, the lock, the standings, and the proposal of the
eligible units into a poll.

The actor is anything with id, role and unit_id. Every write checks components.rules.access and leaves a
ValueChange row (what = "score_...") saying who changed what, from what to what and why. Once the chair locks the
scores, nothing of the year's scoring changes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, select

from components.i18n.catalogue import translate
from components.rules import access
from components.rules.criteria import (
    Band,
    Condition,
    CriteriaTable,
    Criterion,
    check_points,
    check_table,
    computed_points,
    cross_figure,
)
from components.rules.eligibility import Standing, proposed_units, standings
from components.rules.errors import DomainError
from components.rules.evidence import check_evidence_file, check_evidence_text
from db import reference
from db import results as results_db
from db.models import (
    Award,
    CriterionScore,
    CrossScore,
    EmulationYear,
    Indicator,
    Poll,
    PollProposal,
    ScoreEvidence,
    ScoreSheet,
    ScoringCriterion,
    ScoringTable,
    ValueChange,
    utcnow,
)

REASON_MAX = 2000

# --- the criteria table -----------------------------------------------------------------------------------


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


def year_table(*, session: Session, year: int, cluster_id: int | None = None) -> YearTable | None:
    """The criteria table of the cluster's year (default: the deployment's cluster)."""
    return _year_table(session, results_db.emulation_year(session=session, year=year, cluster_id=cluster_id))


def _year_table(session: Session, ey: EmulationYear) -> YearTable | None:
    row = _table_row(session, ey)
    if row is None:
        return None
    criteria = _criteria_rows(session, row.id)
    return YearTable(row, _to_rules(row, criteria, _indicator_codes(session)), {c.code: c.id for c in criteria})


def _audit(session: Session, actor, year: int, what: str, unit_id: int | None = None, old=None, new=None,
           reason: str | None = None) -> None:
    session.add(ValueChange(unit_id=unit_id, year=year, what=what, user_id=getattr(actor, "id", None),
                            old_value=None if old is None else json.dumps(old, ensure_ascii=False, default=str),
                            new_value=None if new is None else json.dumps(new, ensure_ascii=False, default=str),
                            reason=reason))


def save_table(*, session: Session, actor, year: int, table: CriteriaTable,
               cluster_id: int | None = None) -> ScoringTable:
    """Store the chair's draft of its cluster's year's table (replacing the previous draft). An adopted table is
    fixed. cluster_id: the cluster the page shows, refused unless the actor runs it."""
    if not access.can_draft_criteria(actor):
        raise DomainError("score_not_chair")
    check_table(table)
    ey = results_db.actor_year(session=session, actor=actor, year=year, cluster_id=cluster_id)
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
    _audit(session, actor, year, "score_table_draft", new={"criteria": len(table.criteria), "scale": table.scale})
    session.flush()
    return row


def adopt_table(*, session: Session, actor, year: int, cluster_id: int | None = None) -> ScoringTable:
    """Adopt (lock) the table with the covenant: from now on units score against it and it no longer changes."""
    if not access.can_draft_criteria(actor):
        raise DomainError("score_not_chair")
    current = _year_table(session, results_db.actor_year(session=session, actor=actor, year=year,
                                                          cluster_id=cluster_id))
    if current is None:
        raise DomainError("score_table_empty")
    if current.adopted:
        raise DomainError("score_table_adopted", year=year)
    check_table(current.table)
    current.row.state, current.row.adopted_at, current.row.adopted_by_id = "adopted", utcnow(), getattr(actor, "id", None)
    session.add(current.row)
    _audit(session, actor, year, "score_table_adopt", old="draft", new="adopted")
    session.flush()
    return current.row


def copy_last_year(*, session: Session, actor, year: int, cluster_id: int | None = None) -> ScoringTable:
    """Start this year's draft from the previous year's table of the same cluster (criteria, bands, quota,
    conditions)."""
    ey = results_db.actor_year(session=session, actor=actor, year=year, cluster_id=cluster_id)
    previous = year_table(session=session, year=year - 1, cluster_id=ey.cluster_id)
    if previous is None:
        raise DomainError("score_no_previous_table", year=year - 1)
    return save_table(session=session, actor=actor, year=year, table=previous.table, cluster_id=ey.cluster_id)


# --- the unit's sheet -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreLine:
    criterion: Criterion
    self_points: float | None
    verified_points: float | None
    reason: str | None = None
    answer: str | None = None
    doc_no: str | None = None
    doc_date: date | None = None
    summary: str | None = None
    evidence_name: str | None = None

    @property
    def final_points(self) -> float | None:
        return self.verified_points if self.verified_points is not None else self.self_points

    @property
    def adjusted(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class SheetView:
    unit_id: int
    year: int
    state: str  # "draft" (also: nothing saved yet) or "submitted"
    locked: bool
    lines: list[ScoreLine] = field(default_factory=list)
    conditions_met: tuple[str, ...] = ()

    @property
    def self_total(self) -> float:
        return sum(x.self_points or 0.0 for x in self.lines)

    @property
    def final_total(self) -> float:
        return sum(x.final_points or 0.0 for x in self.lines)


def _sheet(session: Session, table_id: int, unit_id: int) -> ScoreSheet | None:
    return session.exec(select(ScoreSheet).where(ScoreSheet.table_id == table_id,
                                                 ScoreSheet.unit_id == unit_id)).first()


def _scores(session: Session, sheet_id: int) -> dict[int, CriterionScore]:
    return {s.criterion_id: s for s in session.exec(select(CriterionScore)
                                                     .where(CriterionScore.sheet_id == sheet_id)).all()}


def _computed(session: Session, yt: YearTable, unit_id: int, year: int) -> dict[str, float | None]:
    """The points of the formula criteria from the unit's figures and the awards it recorded that year."""
    formula = [c for c in yt.table.criteria if c.computed]
    if not formula:
        return {}
    figures = results_db.stored_figures(session=session, unit_id=unit_id, year=year)
    better = {i.code: i.better for i in session.exec(select(Indicator)).all()}
    awards = [(a.level, a.form) for a in session.exec(select(Award).where(
        Award.unit_id == unit_id, Award.year == year, Award.recipient == "collective")).all()]
    return {c.code: computed_points(c, figures.get(c.indicator_code), better.get(c.indicator_code, "higher"), awards)
            for c in formula}


def _require_table(session: Session, ey: EmulationYear, *, adopted: bool = True, unlocked: bool = True) -> YearTable:
    year = ey.year
    if unlocked and ey.state == "closed":
        raise DomainError("score_locked", year=year)  # a closed year's scoring is history
    yt = _year_table(session, ey)
    if yt is None or (adopted and not yt.adopted):
        raise DomainError("score_table_not_adopted", year=year)
    if unlocked and yt.locked:
        raise DomainError("score_locked", year=year)
    return yt


def _unit_year(session: Session, unit_id: int, year: int) -> EmulationYear:
    return results_db.unit_year(session=session, unit_id=unit_id, year=year)


def score_sheet(*, session: Session, actor, unit_id: int, year: int) -> SheetView:
    """The unit's sheet in its own cluster's year."""
    yt = _require_table(session, _unit_year(session, unit_id, year), unlocked=False)
    sheet = _sheet(session, yt.row.id, unit_id)
    submitted = sheet is not None and sheet.state == "submitted"
    if not access.can_read_scores(actor, unit_id, submitted):
        raise DomainError("score_not_readable")
    scores = _scores(session, sheet.id) if sheet else {}
    live = {} if submitted else _computed(session, yt, unit_id, year)
    evidence = {}
    if scores:
        evidence = dict(session.exec(select(ScoreEvidence.score_id, ScoreEvidence.filename).where(
            ScoreEvidence.score_id.in_([s.id for s in scores.values()]))).all())
    lines = []
    for c in yt.table.criteria:
        s = scores.get(yt.criterion_ids[c.code])
        own = live.get(c.code) if c.computed and not submitted else (s.self_points if s else None)
        lines.append(ScoreLine(c, own, s.verified_points if s else None, s.adjustment_reason if s else None,
                               s.answer if s else None, s.doc_no if s else None, s.doc_date if s else None,
                               s.summary if s else None, evidence.get(s.id) if s else None))
    met = tuple(json.loads(sheet.conditions_met)) if sheet else ()
    return SheetView(unit_id, year, sheet.state if sheet else "draft", yt.locked, lines, met)


def _sheet_for_write(session: Session, yt: YearTable, unit_id: int) -> ScoreSheet:
    sheet = _sheet(session, yt.row.id, unit_id)
    if sheet is None:
        sheet = ScoreSheet(table_id=yt.row.id, unit_id=unit_id)
        session.add(sheet)
        session.flush()
    return sheet


def _score_for_write(session: Session, sheet: ScoreSheet, criterion_id: int) -> CriterionScore:
    score = session.exec(select(CriterionScore).where(CriterionScore.sheet_id == sheet.id,
                                                      CriterionScore.criterion_id == criterion_id)).first()
    if score is None:
        score = CriterionScore(sheet_id=sheet.id, criterion_id=criterion_id)
        session.add(score)
        session.flush()
    return score


def save_self_score(*, session: Session, actor, unit_id: int, year: int, code: str, points: float | None,
                    doc_no: str | None = None, doc_date: date | None = None, summary: str | None = None,
                    file_name: str | None = None, file_bytes: bytes | None = None) -> CriterionScore:
    """The unit's own points on one criterion with its evidence (document number, date, summary, a PDF or image
    file). A computed criterion is not typed; points outside the criterion's range are refused."""
    yt = _require_table(session, _unit_year(session, unit_id, year))
    if not access.can_self_score(actor, unit_id):
        raise DomainError("score_not_yours")
    criterion = yt.table.criterion(code)
    if criterion.computed and points is not None:
        raise DomainError("score_computed", code=code)
    check_points(criterion, points)
    check_evidence_text(doc_no, summary)
    mime = check_evidence_file(file_name or "", file_bytes) if file_bytes is not None else None
    sheet = _sheet_for_write(session, yt, unit_id)
    if sheet.state != "draft":
        raise DomainError("score_already_submitted")
    score = _score_for_write(session, sheet, yt.criterion_ids[code])
    old = {"points": score.self_points, "doc_no": score.doc_no}
    if not criterion.computed:
        score.self_points = points
    score.doc_no = (doc_no or "").strip() or None
    score.doc_date, score.summary = doc_date, (summary or "").strip() or None
    session.add(score)
    if mime is not None:
        session.exec(delete(ScoreEvidence).where(ScoreEvidence.score_id == score.id))
        session.add(ScoreEvidence(score_id=score.id, filename=(file_name or "minh-chung")[:255], mime=mime,
                                  size=len(file_bytes), content=file_bytes, uploaded_by_id=getattr(actor, "id", None)))
    _audit(session, actor, year, "score_self", unit_id, old,
           {"code": code, "points": score.self_points, "doc_no": score.doc_no, "file": file_name if mime else None})
    session.flush()
    return score


def submit_sheet(*, session: Session, actor, unit_id: int, year: int) -> ScoreSheet:
    """Send the self-score to the chair: the computed criteria are fixed from the figures as they are now; every
    manual base criterion must be scored and every criterion that requires evidence must have it."""
    yt = _require_table(session, _unit_year(session, unit_id, year))
    if not access.can_self_score(actor, unit_id):
        raise DomainError("score_not_yours")
    sheet = _sheet_for_write(session, yt, unit_id)
    if sheet.state != "draft":
        raise DomainError("score_already_submitted")
    computed = _computed(session, yt, unit_id, year)
    scores = _scores(session, sheet.id)
    files = set(session.exec(select(ScoreEvidence.score_id).where(
        ScoreEvidence.score_id.in_([s.id for s in scores.values()] or [-1]))).all())
    unscored, no_evidence = [], []
    for c in yt.table.criteria:
        s = scores.get(yt.criterion_ids[c.code])
        if c.computed:
            s = s or _score_for_write(session, sheet, yt.criterion_ids[c.code])
            s.self_points = computed.get(c.code)
            session.add(s)
            continue
        if c.kind == "base" and (s is None or s.self_points is None):
            unscored.append(c.code)
        if c.evidence_required and (s is None or (not s.doc_no and s.id not in files)):
            no_evidence.append(c.code)
    if unscored:
        raise DomainError("score_incomplete", codes=", ".join(unscored))
    if no_evidence:
        raise DomainError("score_evidence_missing", codes=", ".join(no_evidence))
    sheet.state, sheet.submitted_at = "submitted", utcnow()
    session.add(sheet)
    _audit(session, actor, year, "score_submit", unit_id, "draft", "submitted")
    session.flush()
    return sheet


def _submitted_sheet(session: Session, yt: YearTable, unit_id: int) -> ScoreSheet:
    sheet = _sheet(session, yt.row.id, unit_id)
    if sheet is None or sheet.state != "submitted":
        raise DomainError("score_not_submitted")
    return sheet


def _check_verifier(session: Session, actor, unit_id: int, ey: EmulationYear) -> None:
    """The unit's cluster's chair or vice-chair; a chair account only in the cluster it runs."""
    if not access.can_verify_scores(actor, unit_id, ey.chair_unit_id, ey.vice_chair_unit_id):
        raise DomainError("score_not_verifier")
    reference.check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)


def adjust_score(*, session: Session, actor, unit_id: int, year: int, code: str, points: float,
                 reason: str) -> CriterionScore:
    """The chair's or vice-chair's verified points on one criterion, with the written reason the unit will see."""
    ey = _unit_year(session, unit_id, year)
    yt = _require_table(session, ey)
    _check_verifier(session, actor, unit_id, ey)
    criterion = yt.table.criterion(code)
    if points is None:
        raise DomainError("score_not_a_number", code=code)
    check_points(criterion, points)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("score_reason_required")
    if len(reason) > REASON_MAX:
        raise DomainError("score_reason_long", max=REASON_MAX)
    sheet = _submitted_sheet(session, yt, unit_id)
    score = _score_for_write(session, sheet, yt.criterion_ids[code])
    old = {"self": score.self_points, "verified": score.verified_points}
    score.verified_points, score.adjustment_reason = float(points), reason
    score.adjusted_by_id, score.adjusted_at = getattr(actor, "id", None), utcnow()
    session.add(score)
    _audit(session, actor, year, "score_adjust", unit_id, old, {"code": code, "verified": points}, reason)
    session.flush()
    return score


def answer_adjustment(*, session: Session, actor, unit_id: int, year: int, code: str, answer: str) -> CriterionScore:
    """The unit's one answer (giải trình) to an adjustment."""
    yt = _require_table(session, _unit_year(session, unit_id, year))
    if not access.can_self_score(actor, unit_id):
        raise DomainError("score_not_yours")
    answer = (answer or "").strip()
    if not answer:
        raise DomainError("score_answer_required")
    if len(answer) > REASON_MAX:
        raise DomainError("score_reason_long", max=REASON_MAX)
    sheet = _submitted_sheet(session, yt, unit_id)
    score = _scores(session, sheet.id).get(yt.criterion_ids.get(code, -1))
    if score is None or score.adjustment_reason is None:
        raise DomainError("score_nothing_to_answer", code=code)
    if score.answer is not None:
        raise DomainError("score_already_answered", code=code)
    score.answer, score.answered_at = answer, utcnow()
    session.add(score)
    _audit(session, actor, year, "score_answer", unit_id, None, {"code": code}, answer)
    session.flush()
    return score


def set_conditions(*, session: Session, actor, unit_id: int, year: int, codes: list[str]) -> ScoreSheet:
    """The chair ticks the flag's checklist for a unit (e.g. "Tập thể lao động xuất sắc" this year)."""
    ey = _unit_year(session, unit_id, year)
    yt = _require_table(session, ey)
    _check_verifier(session, actor, unit_id, ey)
    known = {c.code for c in yt.table.conditions}
    if any(c not in known for c in codes):
        raise DomainError("score_bad_condition")
    sheet = _submitted_sheet(session, yt, unit_id)
    old = json.loads(sheet.conditions_met)
    sheet.conditions_met = json.dumps(sorted(set(codes)))
    session.add(sheet)
    _audit(session, actor, year, "score_conditions", unit_id, old, sorted(set(codes)))
    session.flush()
    return sheet


def lock_scores(*, session: Session, actor, year: int, cluster_id: int | None = None) -> ScoringTable:
    """The chair locks its cluster's final scores: from now on nothing of the year's scoring changes."""
    if not access.can_lock_scores(actor):
        raise DomainError("score_not_chair")
    yt = _require_table(session, results_db.actor_year(session=session, actor=actor, year=year,
                                                        cluster_id=cluster_id))
    yt.row.scores_locked_at, yt.row.scores_locked_by_id = utcnow(), getattr(actor, "id", None)
    session.add(yt.row)
    _audit(session, actor, year, "score_lock", old="open", new="locked")
    session.flush()
    return yt.row


def evidence_file(*, session: Session, actor, unit_id: int, year: int, code: str) -> tuple[str, str, bytes] | None:
    yt = _require_table(session, _unit_year(session, unit_id, year), unlocked=False)
    sheet = _sheet(session, yt.row.id, unit_id)
    if sheet is None:
        return None
    if not access.can_read_scores(actor, unit_id, sheet.state == "submitted"):
        raise DomainError("score_not_readable")
    score = _scores(session, sheet.id).get(yt.criterion_ids.get(code, -1))
    if score is None:
        return None
    ev = session.exec(select(ScoreEvidence).where(ScoreEvidence.score_id == score.id)).first()
    return None if ev is None else (ev.filename, ev.mime, bytes(ev.content))


# --- cross-scoring ----------------------------------------------------------------------------------------


def save_cross_score(*, session: Session, actor, unit_id: int, year: int, code: str, points: float) -> CrossScore:
    """A member unit scores another unit of its cluster's criterion (when the table says so); its own is never
    scored."""
    ey = _unit_year(session, unit_id, year)
    yt = _require_table(session, ey)
    if not yt.table.cross_scoring:
        raise DomainError("score_cross_off")
    if actor.role != "province" or actor.unit_id is None:
        raise DomainError("score_not_yours")
    if actor.unit_id == unit_id:
        raise DomainError("score_cross_own")
    if results_db.unit_cluster_id(session=session, unit_id=actor.unit_id, year=year) != ey.cluster_id:
        raise DomainError("not_your_cluster")
    criterion = yt.table.criterion(code)
    if criterion.computed:
        raise DomainError("score_computed", code=code)
    if points is None:
        raise DomainError("score_not_a_number", code=code)
    check_points(criterion, points)
    _submitted_sheet(session, yt, unit_id)
    cid = yt.criterion_ids[code]
    row = session.exec(select(CrossScore).where(CrossScore.table_id == yt.row.id, CrossScore.unit_id == unit_id,
                                                CrossScore.scorer_unit_id == actor.unit_id,
                                                CrossScore.criterion_id == cid)).first() or \
        CrossScore(table_id=yt.row.id, scorer_unit_id=actor.unit_id, unit_id=unit_id, criterion_id=cid, points=0.0)
    old, row.points, row.scored_at = row.points if row.id else None, float(points), utcnow()
    session.add(row)
    _audit(session, actor, year, "score_cross", unit_id, old, {"code": code, "points": points, "by": actor.unit_id})
    session.flush()
    return row


def _cross_figures(session: Session, yt: YearTable) -> dict[tuple[int, int], float]:
    """(unit, criterion id) -> the cluster's figure from the other units' scores."""
    if not yt.table.cross_scoring:
        return {}
    by_cell: dict[tuple[int, int], dict[int, float]] = {}
    for r in session.exec(select(CrossScore).where(CrossScore.table_id == yt.row.id)).all():
        by_cell.setdefault((r.unit_id, r.criterion_id), {})[r.scorer_unit_id] = r.points
    figures = {cell: cross_figure(scores, cell[0], yt.table.cross_aggregate, yt.table.cross_trim)
               for cell, scores in by_cell.items()}
    return {cell: v for cell, v in figures.items() if v == v}


# --- results and the proposal -----------------------------------------------------------------------------


@dataclass(frozen=True)
class YearResults:
    table: CriteriaTable
    locked: bool
    standings: list[Standing]
    self_totals: dict[int, float]
    final_points: dict[int, dict[str, float | None]]  # unit -> criterion code -> final points
    not_submitted: list[int]


def year_results(*, session: Session, year: int, cluster_id: int | None = None) -> YearResults:
    """The ranked standings of the submitted sheets of the cluster's members (self-score beside the verified score,
    band, eligibility and its reasons): only submitted sheets are ranked, which every member may read."""
    ey = results_db.emulation_year(session=session, year=year, cluster_id=cluster_id)
    yt = _require_table(session, ey, unlocked=False)
    members = [u.id for u in reference.member_units(session=session, cluster_id=ey.cluster_id, year=year)]
    sheets = {s.unit_id: s for s in session.exec(select(ScoreSheet).where(ScoreSheet.table_id == yt.row.id)).all()}
    code_of = {i: c for c, i in yt.criterion_ids.items()}
    final, self_totals, met = {}, {}, {}
    submitted = [u for u in members if u in sheets and sheets[u].state == "submitted"]
    ids = [sheets[u].id for u in submitted]
    # plain columns, not ORM objects: a cluster of 34 units x 60 criteria reads 2.040 rows
    rows = session.exec(select(CriterionScore.sheet_id, CriterionScore.criterion_id, CriterionScore.self_points,
                               CriterionScore.verified_points).where(CriterionScore.sheet_id.in_(ids or [-1]))).all()
    by_sheet: dict[int, list] = {}
    for r in rows:
        by_sheet.setdefault(r.sheet_id, []).append(r)
    cross = _cross_figures(session, yt)
    for u in submitted:
        scores = by_sheet.get(sheets[u].id, [])
        final[u] = {c.code: None for c in yt.table.criteria}
        for s in scores:
            # the verifier's points first, else the cross-scoring figure (when the table uses it), else the unit's
            own = cross.get((u, s.criterion_id), s.self_points)
            final[u][code_of[s.criterion_id]] = s.verified_points if s.verified_points is not None else own
        self_totals[u] = sum(s.self_points or 0.0 for s in scores)
        met[u] = set(json.loads(sheets[u].conditions_met))
    ranked = standings(yt.table, final, met)
    return YearResults(yt.table, yt.locked, ranked, self_totals, final,
                       [u for u in members if u not in submitted])


@dataclass(frozen=True)
class Proposal:
    unit_ids: list[int]
    locked: bool  # proposed from locked (final) scores


def proposed_candidates(*, session: Session, emulation_year_id: int) -> Proposal | None:
    """The units the scores propose for the year's ballot (eligible and within the quota); None when the year has
    no adopted table."""
    ey = session.get(EmulationYear, emulation_year_id)
    if ey is None:
        return None
    yt = _year_table(session, ey)
    if yt is None or not yt.adopted:
        return None
    res = year_results(session=session, year=ey.year, cluster_id=ey.cluster_id)
    return Proposal(proposed_units(res.standings), yt.locked)


def _ids(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def check_candidate_change(proposed: list[int] | None, chosen: list[int], reason: str | None) -> str | None:
    """A list of candidates other than the proposal needs a written reason; returns the reason to keep."""
    if proposed is None or sorted(proposed) == sorted(chosen):
        return None
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("score_override_reason_required")
    if len(reason) > REASON_MAX:
        raise DomainError("score_reason_long", max=REASON_MAX)
    return reason


def record_proposal(*, session: Session, actor, poll_id: int, chosen: list[int],
                    reason: str | None = None) -> PollProposal | None:
    """Keep, beside a poll, what the scores proposed and the chair's reason when its candidates differ. Called in
    the same transaction as the poll's creation or settings, so that a missing reason stores nothing. Like every
    action on a poll, only by a chair of the poll's cluster (or the administrator)."""
    access.require(access.can_run_vote(actor))
    poll = session.get(Poll, poll_id)
    if poll is None:
        raise DomainError("vote_unknown_poll")
    ey = session.get(EmulationYear, poll.emulation_year_id)
    reference.check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)
    proposal = proposed_candidates(session=session, emulation_year_id=poll.emulation_year_id)
    if proposal is None:
        return None
    kept = check_candidate_change(proposal.unit_ids, chosen, reason)
    row = session.exec(select(PollProposal).where(PollProposal.poll_id == poll_id)).first() or \
        PollProposal(poll_id=poll_id, created_by_id=actor.id)
    row.proposed = ",".join(str(u) for u in sorted(proposal.unit_ids))
    row.chosen = ",".join(str(u) for u in sorted(chosen))
    row.reason = kept
    session.add(row)
    if kept:
        session.add(ValueChange(year=ey.year, what="score_override", user_id=actor.id, reason=kept,
                                old_value=json.dumps(proposal.unit_ids), new_value=json.dumps(sorted(chosen))))
    session.flush()
    return row


@dataclass(frozen=True)
class ProposalRecord:
    proposed: list[int]
    chosen: list[int]
    reason: str | None


def poll_proposal(*, session: Session, poll_id: int) -> ProposalRecord | None:
    row = session.exec(select(PollProposal).where(PollProposal.poll_id == poll_id)).first()
    return None if row is None else ProposalRecord(_ids(row.proposed), _ids(row.chosen), row.reason)


def candidate_note(*, session: Session, poll_id: int, names: dict[int, str], lang: str = "vi") -> str | None:
    """The line of the minutes when the chair changed the proposed candidates: the proposal and the reason."""
    record = poll_proposal(session=session, poll_id=poll_id)
    if record is None or record.reason is None:
        return None
    proposed = ", ".join(names.get(u, "?") for u in record.proposed) or "—"
    return translate("score.m_candidates_note", lang, proposed=proposed, reason=record.reason)
