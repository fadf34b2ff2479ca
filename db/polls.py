"""The live vote's data: polls and their settings, presence, ballots, closing, tally, publication, reset, run-offs,
paper counts and the data of the minutes.

States: created -> open -> closed -> published; reset (open -> created) discards the ballots and is logged with its
reason. A closed poll cannot be reset (its count may have been read): a new poll or round is created instead. An
early close (fewer ballots than units present) needs a written reason; resets and early closes are printed on the
results page and in the minutes.

Secrecy: who voted (BallotParticipation) and what was voted (Ballot) are separate rows; a ballot row carries no unit
(secret polls), no timestamp and a random key. While the poll is open they are written in one transaction, so
someone reading the live database could pair them (by PostgreSQL's xmin, the heap order or SQLite's rowid). At close
every ballot of the poll is rewritten in random order inside the close transaction (one common xmin, new keys, a
new physical order) and the originals are deleted; scrub_storage() then removes their traces for good (SQLite's
secure_delete and a WAL checkpoint, PostgreSQL's VACUUM). The tally refuses while a poll is created or open,
whoever asks.

Every write takes the actor (anything with id, role and unit_id) and checks it against components/rules/access.py.
A chair acts only on the polls of its own cluster's years (scope.check_runs_cluster; the administrator on any):
knowing another cluster's poll id is not enough to open, close, reset or publish it. A ballot counts only from a
unit on the poll's list of voters, so a unit of another cluster is refused.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from components.documents.minutes import MinutesData, PublishedBallot
from components.i18n.formatting import to_local
from components.rules import ballots as ballot_rules
from components.rules import reasons
from components.rules import tally as tally_rules
from components.rules.access import Actor, can_run_vote, can_vote, require
from components.rules.confirmations import check_acknowledged
from components.rules.enums import POLL_INCIDENTS
from components.rules.errors import DomainError
from components.rules.lineage import vote_day
from components.rules.workflow import check_poll_action, poll_action_allowed
from db import holds, live, reference, scope, standings
from db.engine import after_commit
from db.models import (
    Ballot,
    BallotParticipation,
    Cluster,
    EmulationYear,
    Poll,
    PollCandidate,
    PollEvent,
    PollVoter,
    UnitDirector,
    YearHonour,
    utcnow,
)

FLAG_AWARD = "Cờ thi đua của Bộ"  # the Ministry's Emulation Flag, proposed for the leading unit(s)
RECEIPT_ATTEMPTS = 5
# how long a close waits for SQLite's readers to leave before it gives up clearing the WAL (and is undone)
SCRUB_WAIT_SECONDS = 15.0
RERUN_REASON_MAX = 1000
MIN_REASON = reasons.MIN_REASON
INCIDENTS = POLL_INCIDENTS


@dataclass(frozen=True)
class Receipt:
    poll_id: int
    code: str


@dataclass(frozen=True)
class PollStatus:
    """What anyone may see while a poll runs: who is present and who has voted, never how."""

    poll_id: int
    state: str
    title: str
    round_no: int
    eligible: tuple[int, ...]
    present: tuple[int, ...]
    voted: tuple[int, ...]
    early_close_reason: str | None = None  # the chair's reason, when the poll was closed before everyone voted

    @property
    def ballots_cast(self) -> int:
        return len(self.voted)


def _poll(session: Session, poll_id: int) -> Poll:
    poll = session.get(Poll, poll_id)
    if poll is None:
        raise DomainError("vote_unknown_poll")
    return poll


def get_poll(*, session: Session, actor: Actor, poll_id: int) -> Poll:
    """A poll, for an actor who may read its cluster."""
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _poll(session, poll_id)


def list_polls(*, session: Session, actor: Actor, cluster_id: int, emulation_year_id: int | None = None,
               states: tuple[str, ...] | None = None) -> list[Poll]:
    """The cluster's polls (of one year when given), newest first, for an actor who may read the cluster."""
    scope.check_reads_cluster(session=session, actor=actor, cluster_id=cluster_id)
    stmt = select(Poll).join(EmulationYear, EmulationYear.id == Poll.emulation_year_id).where(
        EmulationYear.cluster_id == cluster_id)
    if emulation_year_id is not None:
        stmt = stmt.where(Poll.emulation_year_id == emulation_year_id)
    if states:
        stmt = stmt.where(Poll.state.in_(states))
    return list(session.exec(stmt.order_by(Poll.id.desc())).all())


def _candidate_ids(session: Session, poll_id: int) -> list[int]:
    return list(session.exec(select(PollCandidate.unit_id).where(PollCandidate.poll_id == poll_id)
                             .order_by(PollCandidate.unit_id)).all())


def candidate_ids(*, session: Session, actor: Actor, poll_id: int) -> list[int]:
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _candidate_ids(session, poll_id)


def _voters(session: Session, poll_id: int) -> list[PollVoter]:
    return list(session.exec(select(PollVoter).where(PollVoter.poll_id == poll_id).order_by(PollVoter.unit_id)).all())


def poll_status(*, session: Session, actor: Actor, poll_id: int) -> PollStatus:
    """Who is present and who has voted (never how), for an actor who may read the poll's cluster."""
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _status(session, poll_id)


def _status(session: Session, poll_id: int) -> PollStatus:
    poll = _poll(session, poll_id)
    all_voters = _voters(session, poll_id)
    voted = session.exec(select(BallotParticipation.unit_id).where(BallotParticipation.poll_id == poll_id)
                         .order_by(BallotParticipation.unit_id)).all()
    early = _early_close(session, poll_id) if poll.state in ("closed", "published") else None
    return PollStatus(poll.id, poll.state, poll.title, poll.round_no, tuple(v.unit_id for v in all_voters),
                      tuple(v.unit_id for v in all_voters if v.present), tuple(voted), early)


def _early_close(session: Session, poll_id: int) -> str | None:
    """The reason of the poll's standing early close (its last close event, unless a close was undone after it)."""
    last = session.exec(select(PollEvent).where(PollEvent.poll_id == poll_id,
                                                PollEvent.action.in_(("closed", "closed_early", "close_undone")))
                        .order_by(PollEvent.id.desc())).first()
    if last is None or last.action != "closed_early":
        return None
    return (last.reason or "").rpartition(" [")[0]


def _ballots_received(session: Session, poll: Poll) -> int:
    if poll.paper:
        return poll.paper_ballots_cast or 0
    return session.exec(select(func.count()).select_from(BallotParticipation)
                        .where(BallotParticipation.poll_id == poll.id)).one()


def _previous_poll(session: Session, emulation_year_id: int) -> Poll | None:
    """The year's latest poll that received a ballot: a new poll on the year's question re-runs it."""
    for poll in session.exec(select(Poll).where(Poll.emulation_year_id == emulation_year_id)
                             .order_by(Poll.id.desc())).all():
        if _ballots_received(session, poll):
            return poll
    return None


@dataclass(frozen=True)
class PollRecord:
    """One poll of the year's question, as the record lists it: every poll that received a ballot stays on it."""

    poll_id: int
    title: str
    round_no: int
    state: str
    eligible: int
    ballots: int
    early_close_reason: str | None
    rerun_of_id: int | None
    rerun_reason: str | None
    opened_at: object  # datetime | None
    closed_at: object  # datetime | None


def question_polls(*, session: Session, actor: Actor, emulation_year_id: int) -> list[PollRecord]:
    """Every poll of the year that was opened or received a ballot (re-runs and run-off rounds included), oldest
    first, with its counts; for an actor who may read the year's cluster."""
    scope.read_year_id(session=session, actor=actor, emulation_year_id=emulation_year_id)
    return _question_polls(session, emulation_year_id)


def _question_polls(session: Session, emulation_year_id: int) -> list[PollRecord]:
    out = []
    for poll in session.exec(select(Poll).where(Poll.emulation_year_id == emulation_year_id).order_by(Poll.id)).all():
        ballots = _ballots_received(session, poll)
        if poll.state == "created" and not ballots:
            continue
        eligible = session.exec(select(func.count()).select_from(PollVoter).where(PollVoter.poll_id == poll.id)).one()
        out.append(PollRecord(poll.id, poll.title, poll.round_no, poll.state, eligible, ballots,
                              _early_close(session, poll.id), poll.rerun_of_id, poll.rerun_reason,
                              poll.opened_at, poll.closed_at))
    return out


def pushed_status(*, session: Session, poll_id: int) -> PollStatus:
    """The status the server pushes to a poll's viewers (components/ui/live_routes.py): read once per change for
    all of them, after each viewer's own read was checked (poll_status with its actor) when it subscribed."""
    return _status(session, poll_id)


def open_poll_for_unit(*, session: Session, actor: Actor) -> Poll | None:
    """The open poll in which the actor's unit is an eligible voter (at most one is open per emulation year)."""
    if actor.unit_id is None:
        return None
    unit_id = actor.unit_id
    stmt = (select(Poll).join(PollVoter, PollVoter.poll_id == Poll.id)
            .where(Poll.state == "open", PollVoter.unit_id == unit_id).order_by(Poll.id.desc()))
    return session.exec(stmt).first()


def last_voted_poll(*, session: Session, actor: Actor) -> Poll | None:
    """The newest poll the actor's unit has voted in (who voted is not secret; how is)."""
    if actor.unit_id is None:
        return None
    stmt = (select(Poll).join(BallotParticipation, BallotParticipation.poll_id == Poll.id)
            .where(BallotParticipation.unit_id == actor.unit_id).order_by(Poll.id.desc()))
    return session.exec(stmt).first()


def has_voted(*, session: Session, actor: Actor, poll_id: int) -> bool:
    """Has the actor's unit voted in the poll?"""
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return actor.unit_id is not None and _has_voted(session, poll_id, actor.unit_id)


def _has_voted(session: Session, poll_id: int, unit_id: int) -> bool:
    stmt = select(BallotParticipation.id).where(BallotParticipation.poll_id == poll_id,
                                                BallotParticipation.unit_id == unit_id)
    return session.exec(stmt).first() is not None


def poll_events(*, session: Session, actor: Actor, poll_id: int) -> list[PollEvent]:
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return list(session.exec(select(PollEvent).where(PollEvent.poll_id == poll_id).order_by(PollEvent.id)).all())


def runoff_of(*, session: Session, actor: Actor, poll_id: int) -> Poll | None:
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _runoff_of(session, poll_id)


def _runoff_of(session: Session, poll_id: int) -> Poll | None:
    return session.exec(select(Poll).where(Poll.parent_poll_id == poll_id)).first()


def _member_ids(session: Session, emulation_year: EmulationYear) -> list[int]:
    """The year's members that may still take part in its vote (not merged away or dissolved by then)."""
    members = [u.id for u in reference.member_units(session=session, cluster_id=emulation_year.cluster_id,
                                                    year=emulation_year.year)]
    return reference.units_taking_part(session=session, unit_ids=members,
                                       on=vote_day(emulation_year.year, to_local(utcnow()).date()))


def _check_taking_part(session: Session, emulation_year: EmulationYear, unit_ids: list[int]) -> None:
    on = vote_day(emulation_year.year, to_local(utcnow()).date())
    for unit_id in dict.fromkeys(unit_ids):
        reference.check_may_take_part(session=session, unit_id=unit_id, on=on)


def _log(session: Session, poll_id: int, action: str, user_id: int | None, reason: str | None = None) -> None:
    """Every change of a poll is logged here, and announced to the processes showing it (on commit)."""
    session.add(PollEvent(poll_id=poll_id, action=action, user_id=user_id, reason=reason))
    live.announce(session, poll_id)


def _run_poll(session: Session, poll_id: int, actor: Actor, action: str) -> Poll:
    """The poll a chair acts on, locked (see _locked), once the actor is known to run the poll's cluster (a chair
    of another cluster is refused before the row is locked or anything is written) and the poll's state allows
    the action (components/rules/workflow.py)."""
    require(can_run_vote(actor))
    scope.run_poll_year(session=session, actor=actor, poll_id=poll_id)
    poll = _locked(session, poll_id)
    check_poll_action(action, poll.state)
    return poll


def create_poll(*, session: Session, emulation_year_id: int, title: str, actor: Actor,
                candidate_ids: list[int] | None = None, voter_unit_ids: list[int] | None = None,
                max_choices: int = 1, allow_self_vote: bool = False, secret: bool = True,
                threshold_rule: str = "half_cast", winners_count: int = 1,
                candidates_reason: str | None = None, rerun_reason: str | None = None) -> Poll:
    """A new poll in state created. Candidates and voters default to the member units of the year. What the
    year's scores proposed is recorded beside it in the same transaction (standings.record_proposal): candidates
    other than the proposal need candidates_reason, and without it nothing is stored.

    Once a poll of the year has received a ballot, a new poll is a re-run of it: it needs rerun_reason and
    names the earlier poll (closed or published first, never abandoned open), and both stay on the record
    (question_polls), so a vote cannot be peeked at, dropped and started over in silence."""
    require(can_run_vote(actor))
    if session.get(EmulationYear, emulation_year_id) is None:
        raise DomainError("vote_unknown_year")
    year = scope.run_year_id(session=session, actor=actor, emulation_year_id=emulation_year_id)
    if year.state == "closed":
        raise DomainError("vote_year_closed", year=year.year)
    previous = _previous_poll(session, year.id)
    if previous is not None:
        if previous.state == "open":
            raise DomainError("vote_rerun_close_first", title=previous.title)
        rerun_reason = reasons.check_reason(rerun_reason, "vote_rerun_reason_required", max_len=RERUN_REASON_MAX,
                                            title=previous.title)
    elif rerun_reason is not None and rerun_reason.strip():
        raise DomainError("vote_rerun_nothing_to_rerun")
    members = _member_ids(session, year)
    # a unit on hold (NĐ 152/2025, db/holds.py) is no candidate by default, and refused when named
    held = holds.blocking(session=session, ey=year, unit_ids=members)
    candidates = list([u for u in members if u not in held] if candidate_ids is None else candidate_ids)
    voter_ids = list(members if voter_unit_ids is None else voter_unit_ids)
    ballot_rules.check_settings(title=title, candidate_ids=candidates, voter_unit_ids=voter_ids, max_choices=max_choices,
                         winners_count=winners_count, threshold_rule=threshold_rule)
    holds.check_not_held(session=session, ey=year, unit_ids=candidates)
    _check_taking_part(session, year, candidates + voter_ids)
    _check_members(members, candidates + voter_ids)
    poll = Poll(emulation_year_id=year.id, title=title.strip(), max_choices=max_choices,
                allow_self_vote=allow_self_vote, secret=secret, threshold_rule=threshold_rule,
                winners_count=winners_count, created_by_id=actor.id,
                rerun_of_id=previous.id if previous else None, rerun_reason=rerun_reason if previous else None)
    session.add(poll)
    session.flush()
    session.add_all([PollCandidate(poll_id=poll.id, unit_id=u) for u in candidates])
    session.add_all([PollVoter(poll_id=poll.id, unit_id=u, present=True) for u in voter_ids])
    _log(session, poll.id, "created", actor.id)
    if previous is not None:
        _log(session, poll.id, "rerun_of", actor.id, reason=str(previous.id))
        _log(session, previous.id, "rerun_created", actor.id, reason=str(poll.id))
    session.flush()
    standings.record_proposal(session=session, actor=actor, poll_id=poll.id, chosen=candidates,
                              reason=candidates_reason)
    return poll


def _check_members(members: list[int], unit_ids: list[int]) -> None:
    if any(u not in members for u in unit_ids):
        raise DomainError("vote_not_a_member")


def configure_poll(*, session: Session, poll_id: int, actor: Actor, title: str, candidate_ids: list[int],
                   voter_unit_ids: list[int], max_choices: int, allow_self_vote: bool, secret: bool,
                   threshold_rule: str, winners_count: int, candidates_reason: str | None = None) -> Poll:
    """Change the settings of a poll that has not opened yet (they are fixed once it opens); the proposal's
    record follows the new candidates (see create_poll)."""
    poll = _run_poll(session, poll_id, actor, "configure")
    ballot_rules.check_settings(title=title, candidate_ids=candidate_ids, voter_unit_ids=voter_unit_ids,
                         max_choices=max_choices, winners_count=winners_count, threshold_rule=threshold_rule)
    year = session.get(EmulationYear, poll.emulation_year_id)
    holds.check_not_held(session=session, ey=year, unit_ids=candidate_ids)
    _check_taking_part(session, year, list(candidate_ids) + list(voter_unit_ids))
    _check_members(_member_ids(session, year), list(candidate_ids) + list(voter_unit_ids))
    poll.title, poll.max_choices, poll.allow_self_vote = title.strip(), max_choices, allow_self_vote
    poll.secret = secret
    poll.threshold_rule, poll.winners_count = threshold_rule, winners_count
    session.add(poll)
    old_present = {v.unit_id: v.present for v in _voters(session, poll_id)}
    session.exec(delete(PollCandidate).where(PollCandidate.poll_id == poll_id))
    session.exec(delete(PollVoter).where(PollVoter.poll_id == poll_id))
    session.add_all([PollCandidate(poll_id=poll_id, unit_id=u) for u in candidate_ids])
    session.add_all([PollVoter(poll_id=poll_id, unit_id=u, present=old_present.get(u, True)) for u in voter_unit_ids])
    _log(session, poll_id, "configured", actor.id)
    session.flush()
    standings.record_proposal(session=session, actor=actor, poll_id=poll_id, chosen=list(candidate_ids),
                              reason=candidates_reason)
    return poll


def set_present(*, session: Session, poll_id: int, unit_id: int, present: bool, actor: Actor) -> None:
    """The chair's roll call; a late arrival may be marked present while the poll is open."""
    _run_poll(session, poll_id, actor, "set_present")
    voter = session.exec(select(PollVoter).where(PollVoter.poll_id == poll_id, PollVoter.unit_id == unit_id)).first()
    if voter is None:
        raise DomainError("vote_not_eligible")
    if not present and _has_voted(session, poll_id, unit_id):
        raise DomainError("vote_absent_but_voted")
    if voter.present != present:
        voter.present = present
        session.add(voter)
        _log(session, poll_id, "present" if present else "absent", actor.id, reason=str(unit_id))
    session.flush()


def _locked(session: Session, poll_id: int, *, share: bool = False) -> Poll:
    """The poll row, locked until commit on PostgreSQL: FOR SHARE lets ballots go in together while a transition
    (FOR UPDATE) waits for them, so no ballot lands in a poll that has just closed. SQLite locks the whole
    database on the first write instead, and callers re-check the state after writing."""
    stmt = select(Poll).where(Poll.id == poll_id).with_for_update(read=share)
    poll = session.exec(stmt.execution_options(populate_existing=True)).first()
    if poll is None:
        raise DomainError("vote_unknown_poll")
    return poll


def open_poll(*, session: Session, poll_id: int, actor: Actor) -> Poll:
    poll = _run_poll(session, poll_id, actor, "open")
    status = _status(session, poll_id)
    if not status.present:
        raise DomainError("vote_nobody_present")
    other = session.exec(select(Poll.id).where(Poll.emulation_year_id == poll.emulation_year_id,
                                               Poll.state == "open", Poll.id != poll_id)).first()
    if other is not None:
        raise DomainError("vote_other_poll_open")
    poll.state, poll.opened_at = "open", utcnow()
    session.add(poll)
    _log(session, poll_id, "opened", actor.id)
    session.flush()
    return poll


def cast_ballot(*, session: Session, poll_id: int, actor: Actor, choices: list[int]) -> Receipt:
    """Record the actor's unit's ballot and return its receipt. Run it in its own transaction (the caller commits):
    participation and ballot are inserted together, and the unique (poll, unit) constraint on the participation
    refuses a second ballot, whatever the timing."""
    require(can_vote(actor))
    unit_id = actor.unit_id
    ey = scope.poll_year(session=session, poll_id=poll_id)
    scope.check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)
    poll = _locked(session, poll_id, share=True)
    check_poll_action("cast", poll.state)
    voter = session.exec(select(PollVoter).where(PollVoter.poll_id == poll_id, PollVoter.unit_id == unit_id)).first()
    if voter is None:
        raise DomainError("vote_not_eligible")
    if not voter.present:
        raise DomainError("vote_not_present")
    picked = ballot_rules.check_choices(choices, candidate_ids=_candidate_ids(session, poll_id),
                                 max_choices=poll.max_choices, allow_self_vote=poll.allow_self_vote,
                                 voter_unit_id=unit_id)
    secret = poll.secret
    for _ in range(RECEIPT_ATTEMPTS):
        code = ballot_rules.new_receipt_code()
        session.add(BallotParticipation(poll_id=poll_id, unit_id=unit_id))
        session.add(Ballot(poll_id=poll_id, receipt=code, choices=ballot_rules.encode_choices(picked), valid=True,
                           voter_unit_id=None if secret else unit_id))
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            if _has_voted(session, poll_id, unit_id):
                raise DomainError("vote_already_voted") from None
            _locked(session, poll_id, share=True)  # a receipt collided: take the lock again and retry
            continue
        # on SQLite the write lock is held from the flush on: a close committed meanwhile is visible now
        state = session.exec(select(Poll.state).where(Poll.id == poll_id)).one()
        if not poll_action_allowed("cast", state):
            session.rollback()
            check_poll_action("cast", state)
        live.announce(session, poll_id)
        return Receipt(poll_id, code)
    raise DomainError("vote_receipt_failed")


def close_poll(*, session: Session, poll_id: int, actor: Actor, reason: str | None = None,
               acknowledged_missing: int = 0, acknowledged_no_eligible: bool = False) -> Poll:
    """End the vote. Closing before every unit present has voted is an early close: it needs a written reason,
    which is printed with the result, and the acknowledgement of what it leaves behind (see poll_concerns). The ballots are then rewritten so that nothing stored pairs them with the
    participations (see the module's docstring); scrub_storage() runs once the close has committed."""
    poll = _run_poll(session, poll_id, actor, "close")
    status = _status(session, poll_id)
    missing = len(status.present) - status.ballots_cast
    if missing > 0:
        reasons.check_reason(reason, "vote_close_reason_required", n=missing)
    _check_concerns(session, poll_id, acknowledged_missing, acknowledged_no_eligible)
    _unlink_ballots(session, poll_id)
    poll.state, poll.closed_at = "closed", utcnow()
    session.add(poll)
    if missing > 0:
        _log(session, poll_id, "closed_early", actor.id, reason=f"{reason.strip()} [{status.ballots_cast}]")
    else:
        _log(session, poll_id, "closed", actor.id)
    session.flush()
    engine = session.get_bind()
    after_commit(session, lambda: _scrub_or_undo_close(engine, poll_id, actor.id))
    return poll


def _scrub_or_undo_close(engine: Engine, poll_id: int, actor_id: int | None) -> None:
    """After the close has committed: clear the traces of the voting order. If SQLite's WAL cannot be cleared
    (a reader kept an old snapshot past SCRUB_WAIT_SECONDS), the close is undone (the poll is open again, nothing
    can be counted or published) and refused with a message, rather than leaving the order on disk."""
    if scrub_storage(engine=engine):
        return
    with Session(engine) as session:
        poll = session.get(Poll, poll_id)
        poll.state, poll.closed_at = "open", None
        session.add(poll)
        _log(session, poll_id, "close_undone", actor_id)
        session.commit()
    raise DomainError("vote_scrub_failed", seconds=int(SCRUB_WAIT_SECONDS))


def _scrub_after_commit(session: Session) -> None:
    engine = session.get_bind()
    after_commit(session, lambda: scrub_storage(engine=engine))


def _unlink_ballots(session: Session, poll_id: int) -> None:
    """Rewrite the poll's ballots in random order with new keys, in the current transaction: on PostgreSQL they
    then share one xmin (this transaction's) and a new heap order, on SQLite new rowids in random order."""
    ballots = list(session.exec(select(Ballot.receipt, Ballot.choices, Ballot.valid, Ballot.voter_unit_id)
                                .where(Ballot.poll_id == poll_id)).all())
    session.exec(delete(Ballot).where(Ballot.poll_id == poll_id).execution_options(synchronize_session=False))
    secrets.SystemRandom().shuffle(ballots)
    for receipt, choices, valid, voter in ballots:
        session.add(Ballot(poll_id=poll_id, receipt=receipt, choices=choices, valid=valid, voter_unit_id=voter))
        session.flush()  # one INSERT per row, in the shuffled order


def scrub_storage(*, engine: Engine, wait: float | None = None) -> bool:
    """Remove the traces of deleted ballots for good, after the close (or reset) has committed: SQLite overwrites
    freed pages (secure_delete, set on every connection) and the WAL is checkpointed and truncated; PostgreSQL's
    VACUUM frees the dead row versions. It must run outside a transaction.

    SQLite's checkpoint cannot finish while a reader holds an older snapshot: it is retried until the WAL is
    empty or `wait` seconds (SCRUB_WAIT_SECONDS) have passed. True when the traces are gone."""
    if engine.dialect.name == "sqlite":
        deadline = time.monotonic() + (SCRUB_WAIT_SECONDS if wait is None else wait)
        with engine.connect() as conn:
            (timeout,) = conn.exec_driver_sql("PRAGMA busy_timeout").one()
            try:
                while True:
                    left = max(0.0, deadline - time.monotonic())
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(min(left, 0.5) * 1000)}")
                    busy, log_frames, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
                    if busy == 0 and log_frames <= 0:
                        return True
                    if time.monotonic() >= deadline:
                        return False
                    time.sleep(0.1)
            finally:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(timeout)}")
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ballot"))
    return True


def record_paper_count(*, session: Session, poll_id: int, actor: Actor, ballots_cast: int, invalid: int,
                       votes: dict[int, int]) -> Poll:
    """The paper fallback: the chair enters the count of paper ballots instead; the poll is then closed.
    Only before any electronic ballot was cast (reset first, with a reason, to discard them)."""
    poll = _run_poll(session, poll_id, actor, "paper_count")
    if _status(session, poll_id).voted:
        raise DomainError("vote_paper_after_electronic")
    candidates = session.exec(select(PollCandidate).where(PollCandidate.poll_id == poll_id)).all()
    if set(votes) != {c.unit_id for c in candidates}:
        raise DomainError("vote_paper_candidates")
    present = len(_status(session, poll_id).present)
    ballot_rules.check_paper_count(ballots_cast=ballots_cast, invalid=invalid, votes=votes, present=present,
                            max_choices=poll.max_choices)
    for c in candidates:
        c.paper_votes = votes[c.unit_id]
        session.add(c)
    now = utcnow()
    poll.paper, poll.paper_ballots_cast, poll.paper_ballots_invalid = True, ballots_cast, invalid
    poll.state, poll.opened_at, poll.closed_at = "closed", poll.opened_at or now, now
    session.add(poll)
    _log(session, poll_id, "paper_count", actor.id)
    session.flush()
    return poll


def tally_poll(*, session: Session, actor: Actor, poll_id: int) -> tally_rules.Tally:
    """The result; refused while the poll is created or open, for everyone (the chair included), and to anyone
    outside the poll's cluster."""
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _tally(session, poll_id)


def result_withheld(*, session: Session, actor: Actor, poll_id: int) -> bool:
    """True for a poll closed early and not yet published: its count is shown only by publishing it (so it
    cannot be read, dropped and voted again in silence)."""
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _withheld(session, _poll(session, poll_id))


def _withheld(session: Session, poll: Poll) -> bool:
    return poll.state == "closed" and _early_close(session, poll.id) is not None


def _tally(session: Session, poll_id: int, *, publishing: bool = False) -> tally_rules.Tally:
    poll = _poll(session, poll_id)
    check_poll_action("tally", poll.state)
    if not publishing and _withheld(session, poll):
        raise DomainError("vote_early_close_count_on_publish")
    status = _status(session, poll_id)
    common = dict(rule=poll.threshold_rule, eligible=len(status.eligible), present=len(status.present),
                  seats=poll.winners_count)
    if poll.paper:
        votes = {c.unit_id: c.paper_votes or 0 for c in
                 session.exec(select(PollCandidate).where(PollCandidate.poll_id == poll_id)).all()}
        return tally_rules.paper_tally(votes, ballots_cast=poll.paper_ballots_cast or 0,
                                 invalid=poll.paper_ballots_invalid or 0, **common)
    rows = session.exec(select(Ballot.choices, Ballot.valid).where(Ballot.poll_id == poll_id)).all()
    return tally_rules.tally(((ballot_rules.decode_choices(c), v) for c, v in rows),
                       candidate_ids=_candidate_ids(session, poll_id), **common)


def publish_poll(*, session: Session, poll_id: int, actor: Actor, acknowledged_missing: int = 0,
                 acknowledged_no_eligible: bool = False) -> tally_rules.Tally:
    """Publish the result; each winner becomes a leading unit of the year, proposed for the Ministry's flag.
    A result short of ballots or of a year whose scores propose no unit needs the acknowledgement (poll_concerns)."""
    poll = _run_poll(session, poll_id, actor, "publish")
    _check_concerns(session, poll_id, acknowledged_missing, acknowledged_no_eligible)
    result = _tally(session, poll_id, publishing=True)
    for unit_id in result.winners:
        honour = session.exec(select(YearHonour).where(YearHonour.emulation_year_id == poll.emulation_year_id,
                                                       YearHonour.unit_id == unit_id,
                                                       YearHonour.honour == "leading_unit")).first()
        honour = honour or YearHonour(emulation_year_id=poll.emulation_year_id, unit_id=unit_id, honour="leading_unit")
        honour.proposed_award, honour.poll_id = FLAG_AWARD, poll.id
        honour.source = f"poll:{poll.id}"
        session.add(honour)
    poll.state, poll.published_at = "published", utcnow()
    session.add(poll)
    _log(session, poll_id, "published", actor.id)
    session.flush()
    return result


def reset_poll(*, session: Session, poll_id: int, actor: Actor, reason: str) -> Poll:
    """Discard every ballot of an open poll and return to created; the written reason is logged and printed with
    the result. A closed poll is not reset: its count may have been read, so a reset would let the chair vote
    again until the result suits; create a new poll or round instead."""
    reasons.check_reason(reason, "vote_reset_reason_required")
    poll = _run_poll(session, poll_id, actor, "reset")
    discarded = session.exec(select(func.count()).select_from(BallotParticipation)
                             .where(BallotParticipation.poll_id == poll_id)).one()
    session.exec(delete(Ballot).where(Ballot.poll_id == poll_id))
    session.exec(delete(BallotParticipation).where(BallotParticipation.poll_id == poll_id))
    for c in session.exec(select(PollCandidate).where(PollCandidate.poll_id == poll_id)).all():
        c.paper_votes = None
        session.add(c)
    poll.state, poll.opened_at, poll.closed_at = "created", None, None
    poll.paper, poll.paper_ballots_cast, poll.paper_ballots_invalid = False, None, None
    session.add(poll)
    _log(session, poll_id, "reset", actor.id, reason=f"{reason.strip()} [{discarded}]")
    session.flush()
    _scrub_after_commit(session)
    return poll


def create_runoff(*, session: Session, poll_id: int, actor: Actor) -> Poll:
    """One step: a new round among the tied or leading candidates for the seats left, linked to this round,
    with the same voters (and their presence) and the same rules."""
    parent = _run_poll(session, poll_id, actor, "runoff")
    if _runoff_of(session, poll_id) is not None:
        raise DomainError("vote_runoff_exists")
    result = _tally(session, poll_id)
    if not result.runoff_needed:
        raise DomainError("vote_runoff_not_needed")
    seats = result.seats_left
    child = Poll(emulation_year_id=parent.emulation_year_id, title=parent.title, round_no=parent.round_no + 1,
                 parent_poll_id=parent.id, max_choices=max(1, min(parent.max_choices, seats)),
                 allow_self_vote=parent.allow_self_vote, secret=parent.secret, threshold_rule=parent.threshold_rule,
                 winners_count=seats, created_by_id=actor.id)
    session.add(child)
    session.flush()
    session.add_all([PollCandidate(poll_id=child.id, unit_id=u) for u in result.runoff_candidates])
    session.add_all([PollVoter(poll_id=child.id, unit_id=v.unit_id, present=v.present)
                     for v in _voters(session, poll_id)])
    _log(session, child.id, "created", actor.id, reason=f"runoff_of:{parent.id}")
    _log(session, parent.id, "runoff_created", actor.id, reason=str(child.id))
    session.flush()
    return child


def published_ballots(*, session: Session, actor: Actor, poll_id: int) -> list[PublishedBallot]:
    """The receipts counted (alphabetical: random codes, so no order in time), once published. In a secret poll
    a receipt's choices are not published: a list mapping receipts to choices would let a voter prove their vote
    to whoever bought it. A named poll shows each voter's choices, as its voters agreed."""
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _published_ballots(session, poll_id)


def _published_ballots(session: Session, poll_id: int) -> list[PublishedBallot]:
    poll = _poll(session, poll_id)
    check_poll_action("published_ballots", poll.state)
    rows = session.exec(select(Ballot).where(Ballot.poll_id == poll_id).order_by(Ballot.receipt)).all()
    if poll.secret:
        return [PublishedBallot(b.receipt, None, b.valid, None) for b in rows]
    return [PublishedBallot(b.receipt, ballot_rules.decode_choices(b.choices), b.valid, b.voter_unit_id) for b in rows]


@dataclass(frozen=True)
class Incident:
    """A reset or an early close, printed with the result."""

    action: str
    at: object  # datetime
    reason: str
    ballots: int  # discarded (reset) or cast when closed early


def poll_incidents(*, session: Session, actor: Actor, poll_id: int) -> list[Incident]:
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _incidents(session, poll_id)


def _incidents(session: Session, poll_id: int) -> list[Incident]:
    events = session.exec(select(PollEvent).where(PollEvent.poll_id == poll_id, PollEvent.action.in_(INCIDENTS))
                          .order_by(PollEvent.id)).all()
    out = []
    for e in events:
        reason, _, count = (e.reason or "").rpartition(" [")  # stored as "reason [n]"
        out.append(Incident(e.action, e.at, reason, int(count.rstrip("]"))))
    return out


def minutes_data(*, session: Session, actor: Actor, poll_id: int, lang: str = "vi") -> MinutesData:
    """The data of the count's minutes, once published, for an actor who may read the poll's cluster."""
    year = scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    poll = _poll(session, poll_id)
    check_poll_action("minutes", poll.state)
    cluster = session.get(Cluster, year.cluster_id)
    # the names of the emulation year, as on the ballots; the proposal goes to the awarding body of the day of the vote
    names = {i: n.name(lang) for i, n in reference.unit_names(session=session, year=year.year).items()}
    body = reference.awarding_body_on(session=session, on=to_local(poll.closed_at or utcnow()).date())
    status = _status(session, poll_id)
    parent = session.get(Poll, poll.parent_poll_id) if poll.parent_poll_id else None
    return MinutesData(poll=poll, cluster_name=cluster.name_vi if lang == "vi" else cluster.name_en, year=year.year,
                       unit_names=names, eligible=status.eligible, present=status.present,
                       tally=_tally(session, poll_id),
                       ballots=tuple(_published_ballots(session, poll_id)),
                       parent_round=parent.round_no if parent else None,
                       awarding_head=(body.head_vi if lang == "vi" else body.head_en) if body else "",
                       chair_director=_chair_director(session, year),
                       incidents=tuple((i.action, i.at, i.reason, i.ballots)
                                       for i in _incidents(session, poll_id)),
                       candidate_change=standings.candidate_change(session=session, poll_id=poll_id),
                       other_polls=_other_polls(session, poll), rerun_of=_rerun_of(session, poll))


def _other_polls(session: Session, poll: Poll) -> tuple:
    """The year's other polls on the record (see question_polls), as the minutes print them."""
    records = _question_polls(session, poll.emulation_year_id)
    titles = {r.poll_id: r.title for r in records}
    return tuple((r.title, r.round_no, r.state, r.ballots, r.eligible, r.early_close_reason,
                  titles.get(r.rerun_of_id) if r.rerun_of_id else None, r.rerun_reason)
                 for r in records if r.poll_id != poll.id)


def _rerun_of(session: Session, poll: Poll) -> tuple[str, str] | None:
    if poll.rerun_of_id is None:
        return None
    return session.get(Poll, poll.rerun_of_id).title, poll.rerun_reason or ""


def poll_year(*, session: Session, poll: Poll) -> int:
    """The emulation year a poll belongs to (its units are named as they were that year)."""
    return session.get(EmulationYear, poll.emulation_year_id).year


def _chair_director(session: Session, year: EmulationYear) -> str:
    if year.chair_unit_id is None:
        return ""
    director = session.exec(select(UnitDirector).where(UnitDirector.unit_id == year.chair_unit_id,
                                                       UnitDirector.year == year.year)).first()
    return director.name if director else ""


# --- what a close or a publication leaves behind: the caller names it (components/rules/confirmations.py) ---


@dataclass(frozen=True)
class PollConcerns:
    missing_ballots: int  # units present whose ballot is not (or was not, once closed) cast
    no_eligible_unit: bool  # the year's adopted scores propose no unit for the flag


def poll_concerns(*, session: Session, actor: Actor, poll_id: int) -> PollConcerns:
    """What closing or publishing this poll would leave behind, for the screen to say before asking."""
    scope.read_poll_year(session=session, actor=actor, poll_id=poll_id)
    return _concerns(session, poll_id)


def _concerns(session: Session, poll_id: int) -> PollConcerns:
    poll = _poll(session, poll_id)
    status = _status(session, poll_id)
    cast = (poll.paper_ballots_cast or 0) if poll.paper else status.ballots_cast
    proposal = standings.proposed_candidates(session=session, emulation_year_id=poll.emulation_year_id)
    return PollConcerns(max(0, len(status.present) - cast), proposal is not None and not proposal.unit_ids)


def _check_concerns(session: Session, poll_id: int, acknowledged_missing: int,
                    acknowledged_no_eligible: bool) -> None:
    concerns = _concerns(session, poll_id)
    check_acknowledged("vote_ack_missing_ballots", concerns.missing_ballots, acknowledged_missing)
    check_acknowledged("vote_ack_no_eligible", int(concerns.no_eligible_unit), bool(acknowledged_no_eligible))
