"""The vote's rules as plain functions: choice validation, receipt codes, the tally, thresholds and the run-off.

No Streamlit and no database here: db/vote.py stores and reads, the pages show; both rely on these rules.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from db.errors import DomainError

THRESHOLD_RULES = ("half_cast", "half_eligible", "two_thirds_cast")

# no 0/O, 1/I/L: a receipt is read aloud and copied from a phone screen
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 8


def new_receipt_code(randbelow=secrets.randbelow) -> str:
    """A short random receipt such as 'K7QM-3XPA' (31^8 ≈ 8.5·10^11 codes; unrelated to the voter or the time)."""
    chars = "".join(RECEIPT_ALPHABET[randbelow(len(RECEIPT_ALPHABET))] for _ in range(RECEIPT_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_receipt(text: str) -> str:
    """What a voter types ('k7qm 3xpa', 'K7QM3XPA') in the stored form 'K7QM-3XPA'."""
    chars = "".join(c for c in text.upper() if c.isalnum())
    return f"{chars[:4]}-{chars[4:]}" if len(chars) == RECEIPT_LENGTH else chars


def check_choices(choices: Iterable[int], *, candidate_ids: Iterable[int], max_choices: int, allow_self_vote: bool,
                  voter_unit_id: int) -> tuple[int, ...]:
    """The ballot's choices, sorted (so their order reveals nothing), or a DomainError. No choice = a blank ballot."""
    picked = list(choices)
    if len(set(picked)) != len(picked):
        raise DomainError("vote_duplicate_choice")
    candidates = set(candidate_ids)
    if any(c not in candidates for c in picked):
        raise DomainError("vote_not_a_candidate")
    if len(picked) > max_choices:
        raise DomainError("vote_too_many_choices", max=max_choices)
    if not allow_self_vote and voter_unit_id in picked:
        raise DomainError("vote_self_vote")
    return tuple(sorted(picked))


def encode_choices(choices: Sequence[int]) -> str:
    return ",".join(str(c) for c in sorted(choices))


def decode_choices(text: str) -> tuple[int, ...]:
    return tuple(int(c) for c in text.split(",") if c.strip())


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


def check_paper_count(*, ballots_cast: int, invalid: int, votes: dict[int, int], present: int,
                      max_choices: int) -> None:
    """A paper count must add up: no more ballots than voters present, no more votes than valid ballots allow."""
    if ballots_cast < 1:
        raise DomainError("vote_paper_no_ballots")
    if ballots_cast > present:
        raise DomainError("vote_paper_more_than_present", cast=ballots_cast, present=present)
    if invalid < 0 or invalid > ballots_cast:
        raise DomainError("vote_paper_invalid_count")
    valid = ballots_cast - invalid
    if any(v < 0 for v in votes.values()):
        raise DomainError("vote_paper_negative")
    if any(v > valid for v in votes.values()):
        raise DomainError("vote_paper_candidate_above_valid", valid=valid)
    if sum(votes.values()) > valid * max_choices:
        raise DomainError("vote_paper_too_many_votes", most=valid * max_choices)


def check_settings(*, title: str, candidate_ids: Sequence[int], voter_unit_ids: Sequence[int], max_choices: int,
                   winners_count: int, threshold_rule: str) -> None:
    """Settings that a poll can be opened with."""
    if not title.strip():
        raise DomainError("vote_title_required")
    if threshold_rule not in THRESHOLD_RULES:
        raise DomainError("vote_unknown_rule", rule=threshold_rule)
    if not candidate_ids:
        raise DomainError("vote_no_candidates")
    if not voter_unit_ids:
        raise DomainError("vote_no_voters")
    if len(set(candidate_ids)) != len(candidate_ids) or len(set(voter_unit_ids)) != len(voter_unit_ids):
        raise DomainError("vote_duplicate_choice")
    if winners_count < 1 or winners_count > len(candidate_ids):
        raise DomainError("vote_bad_winners_count", most=len(candidate_ids))
    if max_choices < 1 or max_choices > len(candidate_ids):
        raise DomainError("vote_bad_max_choices", most=len(candidate_ids))
