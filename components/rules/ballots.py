"""Ballots: choice validation, receipt codes, poll settings and the paper count's checks. No Streamlit and no
database here: db/polls.py stores and reads, the pages show.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence

from components.rules.enums import THRESHOLD_RULES
from components.rules.errors import DomainError

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


TITLE_MAX = 300


def check_settings(*, title: str, candidate_ids: Sequence[int], voter_unit_ids: Sequence[int], max_choices: int,
                   winners_count: int, threshold_rule: str) -> None:
    """Settings that a poll can be opened with."""
    if not title.strip():
        raise DomainError("vote_title_required")
    if len(title.strip()) > TITLE_MAX:  # Poll.title's column: refused with a message on SQLite as on PostgreSQL
        raise DomainError("text_too_long", most=TITLE_MAX)
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
