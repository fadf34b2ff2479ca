"""Each unit's score sheet for the year: its self-score with evidence, the submission, the chair's (or
vice-chair's) verification with a reason and the unit's one answer, the cross-scores of the other members, the
lock of the year's scores, and the evidence files.

Every function takes the actor: reads and writes are held to the actor's own cluster (db/scope.py), who may do what
is components/rules/access.py, and every write is in the audit trail (what = "score_..."). Once the chair locks the
scores, nothing of the year's scoring changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, select

from components.documents import untrusted_pdf
from components.rules import access
from components.rules.confirmations import check_acknowledged
from components.rules.criteria import Criterion, check_points, computed_points, cross_figure
from components.rules.eligibility import REASON_MAX, final_points
from components.rules.errors import DomainError
from components.rules.evidence import check_evidence_file, check_evidence_text
from components.rules.reasons import check_reason
from components.rules.workflow import check_sheet_action
from db import entry, reference, scope
from db.audit import record_change
from db.criteria_tables import YearTable, require_table
from db.models import (
    Award,
    CriterionScore,
    CrossScore,
    EmulationYear,
    Indicator,
    ScoreEvidence,
    ScoreSheet,
    ScoringTable,
    utcnow,
)


def _audit(session: Session, actor, year: int, what: str, unit_id: int | None = None, old=None, new=None,
           reason: str | None = None) -> None:
    """The scoring rows of the trail keep their old and new values as JSON, strings included."""
    record_change(session, actor=actor, what=what, year=year, unit_id=unit_id,
                  old=None if old is None else json.dumps(old, ensure_ascii=False, default=str),
                  new=None if new is None else json.dumps(new, ensure_ascii=False, default=str), reason=reason)


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

    cross_points: float | None = None  # the cluster's cross-scoring figure, where the table uses it

    @property
    def final_points(self) -> float | None:
        return final_points(self.verified_points, self.cross_points, self.self_points)

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
    figures = entry.stored_figures(session=session, unit_id=unit_id, year=year)
    better = {i.code: i.better for i in session.exec(select(Indicator)).all()}
    awards = [(a.level, a.form) for a in session.exec(select(Award).where(
        Award.unit_id == unit_id, Award.year == year, Award.recipient == "collective")).all()]
    return {c.code: computed_points(c, figures.get(c.indicator_code), better.get(c.indicator_code, "higher"), awards)
            for c in formula}


def score_sheet(*, session: Session, actor, unit_id: int, year: int) -> SheetView:
    """The unit's sheet in its own cluster's year."""
    yt = require_table(session, scope.read_unit_year(session=session, actor=actor, unit_id=unit_id, year=year),
                       unlocked=False)
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
    cross = cross_figures(session, yt)
    lines = []
    for c in yt.table.criteria:
        s = scores.get(yt.criterion_ids[c.code])
        own = live.get(c.code) if c.computed and not submitted else (s.self_points if s else None)
        lines.append(ScoreLine(c, own, s.verified_points if s else None, s.adjustment_reason if s else None,
                               s.answer if s else None, s.doc_no if s else None, s.doc_date if s else None,
                               s.summary if s else None, evidence.get(s.id) if s else None,
                               cross.get((unit_id, yt.criterion_ids[c.code]))))
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
    if not access.can_self_score(actor, unit_id):
        raise DomainError("score_not_yours")
    yt = require_table(session, scope.write_unit_year(session=session, actor=actor, unit_id=unit_id, year=year))
    criterion = yt.table.criterion(code)
    if criterion.computed and points is not None:
        raise DomainError("score_computed", code=code)
    check_points(criterion, points)
    check_evidence_text(doc_no, summary)
    mime = check_evidence_file(file_name or "", file_bytes) if file_bytes is not None else None
    if mime == "application/pdf":  # by its content: no script, no action, not another format in disguise
        untrusted_pdf.check_pdf(file_bytes, file_name or "")
    sheet = _sheet_for_write(session, yt, unit_id)
    check_sheet_action("self_score", sheet.state)
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
    if not access.can_self_score(actor, unit_id):
        raise DomainError("score_not_yours")
    yt = require_table(session, scope.write_unit_year(session=session, actor=actor, unit_id=unit_id, year=year))
    sheet = _sheet_for_write(session, yt, unit_id)
    check_sheet_action("submit", sheet.state)
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


def _submitted_sheet(session: Session, yt: YearTable, unit_id: int, action: str) -> ScoreSheet:
    sheet = _sheet(session, yt.row.id, unit_id)
    check_sheet_action(action, sheet.state if sheet else None)
    return sheet


def _check_verifier(session: Session, actor, unit_id: int, ey: EmulationYear) -> None:
    """The unit's cluster's chair or vice-chair; a chair account only in the cluster it runs."""
    if not access.can_verify_scores(actor, unit_id, ey.chair_unit_id, ey.vice_chair_unit_id):
        raise DomainError("score_not_verifier")
    scope.check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)


def adjust_score(*, session: Session, actor, unit_id: int, year: int, code: str, points: float,
                 reason: str) -> CriterionScore:
    """The chair's or vice-chair's verified points on one criterion, with the written reason the unit will see."""
    ey = scope.unit_year(session=session, unit_id=unit_id, year=year)
    _check_verifier(session, actor, unit_id, ey)
    yt = require_table(session, ey)
    criterion = yt.table.criterion(code)
    if points is None:
        raise DomainError("score_not_a_number", code=code)
    check_points(criterion, points)
    reason = check_reason(reason, "score_reason_required", min_len=1, max_len=REASON_MAX)
    sheet = _submitted_sheet(session, yt, unit_id, "adjust")
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
    if not access.can_self_score(actor, unit_id):
        raise DomainError("score_not_yours")
    yt = require_table(session, scope.write_unit_year(session=session, actor=actor, unit_id=unit_id, year=year))
    answer = check_reason(answer, "score_answer_required", min_len=1, max_len=REASON_MAX)
    sheet = _submitted_sheet(session, yt, unit_id, "answer")
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
    ey = scope.unit_year(session=session, unit_id=unit_id, year=year)
    _check_verifier(session, actor, unit_id, ey)
    yt = require_table(session, ey)
    known = {c.code for c in yt.table.conditions}
    if any(c not in known for c in codes):
        raise DomainError("score_bad_condition")
    sheet = _submitted_sheet(session, yt, unit_id, "conditions")
    old = json.loads(sheet.conditions_met)
    sheet.conditions_met = json.dumps(sorted(set(codes)))
    session.add(sheet)
    _audit(session, actor, year, "score_conditions", unit_id, old, sorted(set(codes)))
    session.flush()
    return sheet


def unsent_units(*, session: Session, cluster_id: int, year: int) -> list[int]:
    """The cluster's members of the year that have not sent their self-score (a locked year's scoring leaves
    them unranked and their sheet read-only)."""
    ey = scope.cluster_year(session=session, cluster_id=cluster_id, year=year)
    yt = require_table(session, ey, unlocked=False)
    sent = set(session.exec(select(ScoreSheet.unit_id).where(ScoreSheet.table_id == yt.row.id,
                                                            ScoreSheet.state == "submitted")).all())
    return [u.id for u in reference.member_units(session=session, cluster_id=ey.cluster_id, year=year)
            if u.id not in sent]


def lock_scores(*, session: Session, actor, cluster_id: int, year: int, acknowledged_unsent: int = 0) -> ScoringTable:
    """The chair locks its cluster's final scores for the whole year: from now on nothing of the year's scoring
    changes, and a unit that has not sent its self-score can no longer send it. With units unsent, refused unless
    acknowledged_unsent names their count (the results screen lists them first)."""
    if not access.can_lock_scores(actor):
        raise DomainError("score_not_chair")
    yt = require_table(session, scope.run_year(session=session, actor=actor, cluster_id=cluster_id, year=year))
    unsent = unsent_units(session=session, cluster_id=cluster_id, year=year)
    check_acknowledged("score_lock_unsent", len(unsent), acknowledged_unsent)
    yt.row.scores_locked_at, yt.row.scores_locked_by_id = utcnow(), getattr(actor, "id", None)
    session.add(yt.row)
    _audit(session, actor, year, "score_lock", old="open", new="locked")
    session.flush()
    return yt.row


def evidence_file(*, session: Session, actor, unit_id: int, year: int, code: str) -> tuple[str, str, bytes] | None:
    yt = require_table(session, scope.read_unit_year(session=session, actor=actor, unit_id=unit_id, year=year),
                       unlocked=False)
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
    if actor.role != "province" or actor.unit_id is None:
        raise DomainError("score_not_yours")
    if actor.unit_id == unit_id:
        raise DomainError("score_cross_own")
    yt = require_table(session, scope.write_unit_year(session=session, actor=actor, unit_id=unit_id, year=year))
    if not access.can_cross_score(actor, unit_id, yt.table.cross_scoring):
        raise DomainError("score_cross_off")
    criterion = yt.table.criterion(code)
    if criterion.computed:
        raise DomainError("score_computed", code=code)
    if points is None:
        raise DomainError("score_not_a_number", code=code)
    check_points(criterion, points)
    _submitted_sheet(session, yt, unit_id, "cross_score")
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


def cross_figures(session: Session, yt: YearTable) -> dict[tuple[int, int], float]:
    """(unit, criterion id) -> the cluster's figure from the other units' scores."""
    if not yt.table.cross_scoring:
        return {}
    by_cell: dict[tuple[int, int], dict[int, float]] = {}
    for r in session.exec(select(CrossScore).where(CrossScore.table_id == yt.row.id)).all():
        by_cell.setdefault((r.unit_id, r.criterion_id), {})[r.scorer_unit_id] = r.points
    figures = {cell: cross_figure(scores, cell[0], yt.table.cross_aggregate, yt.table.cross_trim)
               for cell, scores in by_cell.items()}
    return {cell: v for cell, v in figures.items() if v == v}
