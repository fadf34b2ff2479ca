"""What the home page shows, read in one go: the cluster, its years and leading units, and for the working year
what the signed-in role has to do next (components/rules/next_steps.py decides the steps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from components.rules import next_steps
from db import entry, legal, polls, reference, scope
from db.models import Cluster, ClusterMembership, EmulationYear, Poll, utcnow


@dataclass
class ProvinceFacts:
    submission_state: str | None
    progress: dict[str, tuple[int, int]]  # field -> (filled, total)
    missing: dict[str, list[str]]  # field -> names of the indicators still empty (in the reader's language)
    poll_open: bool
    voted: bool


@dataclass
class ChairFacts:
    states: dict[int, str]  # unit -> not_started / draft / submitted / locked
    poll_state: str | None


@dataclass
class HomeFacts:
    cluster: Cluster
    years: list[EmulationYear]
    names: dict
    leaders: list[tuple[int, int, str | None]]
    working: EmulationYear | None
    members: list[int]
    members_set: bool  # a membership is recorded for exactly the working year
    days_left: int | None
    province: ProvinceFacts | None = None
    chair: ChairFacts | None = None
    steps: list[next_steps.Step] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    members_proposed: str | None = None  # the note of a membership the app proposed, until the admin confirms it


def _members_set(session: Session, cluster_id: int, year: int) -> bool:
    return session.exec(select(ClusterMembership.unit_id).where(ClusterMembership.cluster_id == cluster_id,
                                                                ClusterMembership.year == year)).first() is not None


def _latest_poll(session: Session, emulation_year_id: int) -> Poll | None:
    return session.exec(select(Poll).where(Poll.emulation_year_id == emulation_year_id)
                        .order_by(Poll.round_no.desc(), Poll.id.desc())).first()


def _province(session: Session, actor, working: EmulationYear, lang: str, now: datetime) -> ProvinceFacts | None:
    if working.state == "planning" or actor.unit_id is None:
        return None
    sheet = entry.entry_sheet(session=session, actor=actor, unit_id=actor.unit_id, year=working.year, now=now)
    filled = [(r.indicator.field, r.current is not None and not r.current.is_empty()) for r in sheet.rows]
    missing: dict[str, list[str]] = {}
    for row, (field_code, is_filled) in zip(sheet.rows, filled):
        if not is_filled:
            missing.setdefault(field_code, []).append(row.indicator.name_vi if lang == "vi" else row.indicator.name_en)
    poll = _latest_poll(session, working.id)
    open_poll = poll if poll is not None and poll.state == "open" else None
    voted = open_poll is not None and polls.has_voted(session=session, actor=actor, poll_id=open_poll.id)
    return ProvinceFacts(sheet.status.state, next_steps.field_progress(filled, reference.FIELDS), missing,
                         open_poll is not None, voted)


def home_facts(*, session: Session, actor, lang: str = "vi", now: datetime | None = None) -> HomeFacts:
    """Everything the home page lays out for this actor (province, chair, admin or viewer)."""
    now = now or utcnow()
    cluster = scope.cluster_for(session=session, actor=actor)
    years = reference.list_emulation_years(session=session, cluster_id=cluster.id)
    working = next_steps.working_year(years)
    # the units under the names they bore in the working year
    facts = HomeFacts(cluster, years, reference.unit_names(session=session, year=working.year if working else None),
                      reference.leading_units(session=session, cluster_id=cluster.id), working, [], False, None)
    if working is None:
        return facts
    facts.members = [u.id for u in reference.member_units(session=session, cluster_id=cluster.id, year=working.year)]
    facts.members_set = _members_set(session, cluster.id, working.year)
    proposal = legal.membership_proposal(session=session, cluster_id=cluster.id, year=working.year)
    facts.members_proposed = proposal.note if proposal is not None else None
    facts.days_left = next_steps.days_left(working.entry_deadline, now)
    if actor.role == "province":
        facts.province = _province(session, actor, working, lang, now)
        if facts.province is not None:
            facts.steps = next_steps.province_steps(
                year=working.year, year_state=working.state, submission_state=facts.province.submission_state,
                missing=sum(m - n for n, m in facts.province.progress.values()), days=facts.days_left,
                poll_open=facts.province.poll_open, voted=facts.province.voted)
        else:
            facts.steps = [next_steps.Step("wait_open", {"year": working.year})]
    elif actor.role in ("chair", "admin"):
        states = {}
        if working.state != "planning":
            states = {r.unit_id: r.state for r in entry.submission_board(session=session, cluster_id=cluster.id,
                                                                         year=working.year, now=now)}
        poll = _latest_poll(session, working.id)
        facts.chair = ChairFacts(states, poll.state if poll is not None else None)
        facts.steps = next_steps.chair_steps(year=working.year, year_state=working.state, states=states,
                                             days=facts.days_left, poll_state=facts.chair.poll_state,
                                             members_set=facts.members_set)
        if actor.role == "admin":
            facts.gaps = next_steps.admin_gaps(members_set=facts.members_set, deadline=working.entry_deadline,
                                               chair_unit_id=working.chair_unit_id)
    return facts
