"""The year's standings and the ballot's proposal: the ranked final scores of the submitted sheets (band,
eligibility and its reasons), the units they propose for the vote, the record of the chair's choice beside a poll,
and the line of the minutes when the choice differs. A unit's final points are components.rules.eligibility
.final_points, the same rule as on its sheet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, select

from components.rules import access
from components.rules.criteria import CriteriaTable
from components.rules.eligibility import Standing, check_candidate_change, final_points, proposed_units, standings
from db import holds, reference, scope
from db.audit import record_change
from db.criteria_tables import require_table, table_of_year
from db.models import CriterionScore, EmulationYear, Poll, PollProposal, ScoreSheet
from db.score_sheets import cross_figures


@dataclass(frozen=True)
class YearResults:
    table: CriteriaTable
    locked: bool
    standings: list[Standing]
    self_totals: dict[int, float]
    final_points: dict[int, dict[str, float | None]]  # unit -> criterion code -> final points
    not_submitted: list[int]


def year_results(*, session: Session, cluster_id: int, year: int) -> YearResults:
    """The ranked standings of the submitted sheets of the cluster's members (self-score beside the verified score,
    band, eligibility and its reasons): only submitted sheets are ranked, which every member may read."""
    ey = scope.cluster_year(session=session, cluster_id=cluster_id, year=year)
    yt = require_table(session, ey, unlocked=False)
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
    cross = cross_figures(session, yt)
    for u in submitted:
        scores = by_sheet.get(sheets[u].id, [])
        final[u] = {c.code: None for c in yt.table.criteria}
        for s in scores:
            final[u][code_of[s.criterion_id]] = final_points(s.verified_points, cross.get((u, s.criterion_id)),
                                                             s.self_points)
        self_totals[u] = sum(s.self_points or 0.0 for s in scores)
        met[u] = set(json.loads(sheets[u].conditions_met))
    # a unit on hold under the year's law is ranked, never proposed (db/holds.py)
    ranked = standings(yt.table, final, met, held=holds.blocking(session=session, ey=ey, unit_ids=submitted))
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
    yt = table_of_year(session, ey)
    if yt is None or not yt.adopted:
        return None
    res = year_results(session=session, cluster_id=ey.cluster_id, year=ey.year)
    return Proposal(proposed_units(res.standings), yt.locked)


def _ids(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def record_proposal(*, session: Session, actor, poll_id: int, chosen: list[int],
                    reason: str | None = None) -> PollProposal | None:
    """Keep, beside a poll, what the scores proposed and the chair's reason when its candidates differ. Called in
    the same transaction as the poll's creation or settings, so that a missing reason stores nothing. Like every
    action on a poll, only by a chair of the poll's cluster (or the administrator)."""
    access.require(access.can_run_vote(actor))
    ey = scope.run_poll_year(session=session, actor=actor, poll_id=poll_id)
    poll = session.get(Poll, poll_id)
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
        record_change(session, actor=actor, year=ey.year, what="score_override", reason=kept,
                      old=json.dumps(proposal.unit_ids), new=json.dumps(sorted(chosen)))
    session.flush()
    return row


@dataclass(frozen=True)
class ProposalRecord:
    proposed: list[int]
    chosen: list[int]
    reason: str | None


def poll_proposal(*, session: Session, actor, poll_id: int) -> ProposalRecord | None:
    """What the scores proposed beside a poll and the chair's reason, for an actor who may read its cluster."""
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _proposal(session, poll_id)


def _proposal(session: Session, poll_id: int) -> ProposalRecord | None:
    row = session.exec(select(PollProposal).where(PollProposal.poll_id == poll_id)).first()
    return None if row is None else ProposalRecord(_ids(row.proposed), _ids(row.chosen), row.reason)


def candidate_change(*, session: Session, poll_id: int) -> tuple[tuple[int, ...], str] | None:
    """When the chair changed the proposed candidates: the units the scores proposed and the chair's reason."""
    record = _proposal(session, poll_id)
    if record is None or record.reason is None:
        return None
    return tuple(record.proposed), record.reason
