"""The tally: counting ballots, the threshold rules and the run-off.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from components.rules.errors import DomainError


def votes_needed(rule: str, *, ballots_cast: int, eligible: int) -> int:
    """The fewest votes that meet the threshold.

    half_cast: more than half of the ballots cast; half_eligible: more than half of the eligible voters;
    two_thirds_cast: at least two thirds of the ballots cast. Never below 1: nobody wins with no vote.
    """
    if rule == "half_cast":
        return max(1, ballots_cast // 2 + 1)
    if rule == "half_eligible":
        return max(1, eligible // 2 + 1)
    if rule == "two_thirds_cast":
        return max(1, math.ceil(2 * ballots_cast / 3))
    raise DomainError("vote_unknown_rule", rule=rule)


@dataclass(frozen=True)
class Tally:
    """The counted result of one round."""

    rule: str
    eligible: int
    present: int
    ballots_cast: int
    valid: int
    invalid: int
    blank: int
    votes: dict[int, int]  # candidate unit id -> votes, every candidate present (0 when nobody chose it)
    needed: int
    seats: int
    winners: tuple[int, ...]  # elected in this round, best first
    runoff_candidates: tuple[int, ...] = field(default=())  # empty when no run-off is needed
    tie: bool = False  # the run-off is needed because of a tie at the last seat (else: threshold missed)

    @property
    def runoff_needed(self) -> bool:
        return bool(self.runoff_candidates)

    @property
    def seats_left(self) -> int:
        return self.seats - len(self.winners)

    def ranking(self) -> list[tuple[int, int]]:
        """(unit id, votes), most votes first; equal votes by unit id (the cluster's customary order)."""
        return sorted(self.votes.items(), key=lambda kv: (-kv[1], kv[0]))


def count_votes(ballots: Iterable[tuple[Sequence[int], bool]],
                candidate_ids: Iterable[int]) -> tuple[dict[int, int], int, int, int]:
    """(votes per candidate, ballots, invalid, blank) from (choices, valid) pairs."""
    votes = {c: 0 for c in candidate_ids}
    cast = invalid = blank = 0
    for choices, valid in ballots:
        cast += 1
        if not valid:
            invalid += 1
            continue
        if not choices:
            blank += 1
        for c in choices:
            votes[c] += 1  # a KeyError here means a ballot names a non-candidate: stored data is corrupt
    return votes, cast, invalid, blank


def decide(votes: dict[int, int], *, rule: str, ballots_cast: int, eligible: int,
           seats: int) -> tuple[tuple[int, ...], tuple[int, ...], bool, int]:
    """(winners, run-off candidates, tie, votes needed) for a round.

    Candidates that meet the threshold win in order of votes until the seats are filled. When the last seat
    falls between candidates with equal votes, none of the tied wins and they go to a run-off for the seats left.
    When fewer candidates meet the threshold than there are seats, the run-off is among the leading candidates
    not elected: one more than the seats left, plus everyone tied with the last of them.
    """
    needed = votes_needed(rule, ballots_cast=ballots_cast, eligible=eligible)
    ranking = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    qualified = [(u, v) for u, v in ranking if v >= needed]
    if len(qualified) > seats and qualified[seats - 1][1] == qualified[seats][1]:
        cut = qualified[seats - 1][1]
        winners = tuple(u for u, v in qualified if v > cut)
        tied = tuple(u for u, v in qualified if v == cut)
        return winners, tied, True, needed
    winners = tuple(u for u, _ in qualified[:seats])
    left = seats - len(winners)
    if left == 0:
        return winners, (), False, needed
    rest = [(u, v) for u, v in ranking if u not in winners]
    if not rest:
        return winners, (), False, needed
    take = min(len(rest), left + 1)
    cut = rest[take - 1][1]
    runoff = tuple(u for u, v in rest if v >= cut)
    return winners, runoff, False, needed


def tally(ballots: Iterable[tuple[Sequence[int], bool]], *, candidate_ids: Iterable[int], rule: str, eligible: int,
          present: int, seats: int) -> Tally:
    """Count electronic ballots ((choices, valid) pairs) and apply the threshold rule."""
    votes, cast, invalid, blank = count_votes(ballots, candidate_ids)
    return _result(votes, rule=rule, eligible=eligible, present=present, cast=cast, invalid=invalid, blank=blank,
                   seats=seats)


def paper_tally(votes: dict[int, int], *, ballots_cast: int, invalid: int, rule: str, eligible: int, present: int,
                seats: int) -> Tally:
    """The same result from a paper count (blank ballots are not told apart on paper: counted as valid)."""
    return _result(dict(votes), rule=rule, eligible=eligible, present=present, cast=ballots_cast, invalid=invalid,
                   blank=0, seats=seats)


def _result(votes, *, rule, eligible, present, cast, invalid, blank, seats) -> Tally:
    winners, runoff, tie, needed = decide(votes, rule=rule, ballots_cast=cast, eligible=eligible, seats=seats)
    return Tally(rule=rule, eligible=eligible, present=present, ballots_cast=cast, valid=cast - invalid,
                 invalid=invalid, blank=blank, votes=votes, needed=needed, seats=seats, winners=winners,
                 runoff_candidates=runoff, tie=tie)
