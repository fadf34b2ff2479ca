"""The submission workflow of a unit's figures for a year (draft, submitted, locked, reopened) and the entry
deadline that locks an open year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from components.rules.access import can_change_submitted, can_lock
from components.rules.errors import DomainError

ACTIONS = ("submit", "withdraw", "lock", "reopen")
# why a unit's figures cannot be changed now (edit_refusal), and "not_your_unit" from the access rules
REFUSALS = ("year_not_open", "year_closed", "unit_locked", "year_locked", "already_submitted", "not_your_unit")


@dataclass(frozen=True)
class SubmissionStatus:
    """A unit's state for a year: None when nothing has been saved yet (not started). reopened: the chair reopened
    the unit with a written reason, which lets it edit again even though the year is locked."""

    state: str | None = None
    reopened: bool = False


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def deadline_passed(deadline: datetime | None, now: datetime) -> bool:
    return deadline is not None and as_utc(now) >= as_utc(deadline)


def year_should_autolock(year_state: str, deadline: datetime | None, now: datetime) -> bool:
    """An open year locks itself at its entry deadline (once: a unit the chair reopens afterwards stays open)."""
    return year_state == "open" and deadline_passed(deadline, now)


def edit_refusal(role: str, year_state: str, status: SubmissionStatus) -> str | None:
    """Why the figures of a unit cannot be changed now (an error code), or None when they can. Who may touch which
    unit at all is components.rules.access.can_edit_unit."""
    if year_state == "planning":
        return "year_not_open"
    if year_state == "closed":
        return "year_closed"
    if status.state == "locked":
        return "unit_locked"
    if year_state == "locked" and not status.reopened:
        return "year_locked"
    if status.state == "submitted" and not can_change_submitted(role):
        return "already_submitted"
    return None


def next_state(action: str, role: str, year_state: str, status: SubmissionStatus, reason: str | None = None) -> str:
    """The state after a workflow action, or DomainError naming why it is refused."""
    if action not in ACTIONS:
        raise DomainError("entry_unknown_action", action=action)
    if action in ("lock", "reopen") and not can_lock(role):
        raise DomainError("entry_chair_only")
    if year_state in ("planning", "closed"):
        raise DomainError("entry_" + edit_refusal(role, year_state, status))
    current = status.state
    if action == "submit":
        if current == "submitted":
            raise DomainError("entry_already_submitted")
        refusal = edit_refusal(role, year_state, status)
        if refusal:
            raise DomainError("entry_" + refusal)
        return "submitted"
    if action == "withdraw":
        if current != "submitted":
            raise DomainError("entry_not_submitted")
        if year_state == "locked" and not status.reopened:
            raise DomainError("entry_year_locked")
        return "draft"
    if action == "lock":
        if current == "locked":
            raise DomainError("entry_unit_locked")
        return "locked"
    if current != "locked":  # reopen
        raise DomainError("entry_not_locked")
    if not (reason or "").strip():
        raise DomainError("entry_reason_required")
    return "draft"


# --- the poll's and the score sheet's states --------------------------------------------------------------

# action -> (the states it is allowed in, the refusal in any other state); a refusal may name a state of its own
POLL_ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "configure": (("created",), "vote_settings_fixed"),
    "set_present": (("created", "open"), "vote_presence_fixed"),
    "open": (("created",), "vote_bad_state"),
    "cast": (("open",), "vote_not_open"),
    "close": (("open",), "vote_bad_state"),
    "paper_count": (("created", "open"), "vote_bad_state"),
    "reset": (("open",), "vote_bad_state"),
    "tally": (("closed", "published"), "vote_tally_secret"),
    "publish": (("closed",), "vote_bad_state"),
    "runoff": (("closed", "published"), "vote_bad_state"),
    "published_ballots": (("published",), "vote_not_published"),
    "minutes": (("published",), "vote_not_published"),
}
# a closed poll's count may have been read: it is never reset (a new poll or round is created instead)
POLL_SPECIAL_REFUSALS = {("reset", "closed"): "vote_closed_no_reset"}


def poll_action_allowed(action: str, state: str) -> bool:
    return state in POLL_ACTIONS[action][0]


def check_poll_action(action: str, state: str) -> None:
    """Refuse (DomainError) an action on a poll in a state that does not allow it."""
    allowed, refusal = POLL_ACTIONS[action]
    if state not in allowed:
        raise DomainError(POLL_SPECIAL_REFUSALS.get((action, state), refusal), state=state)


SHEET_STATES = ("draft", "submitted")
# the unit scores and submits its draft; the verifier, the answer and the other members' cross-scores work on a
# submitted sheet (a sheet not saved yet counts as a draft)
SHEET_ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "self_score": (("draft",), "score_already_submitted"),
    "submit": (("draft",), "score_already_submitted"),
    "adjust": (("submitted",), "score_not_submitted"),
    "conditions": (("submitted",), "score_not_submitted"),
    "answer": (("submitted",), "score_not_submitted"),
    "cross_score": (("submitted",), "score_not_submitted"),
}


def check_sheet_action(action: str, state: str | None) -> None:
    """Refuse (DomainError) an action on a score sheet in a state that does not allow it (None: not saved yet)."""
    allowed, refusal = SHEET_ACTIONS[action]
    if (state or "draft") not in allowed:
        raise DomainError(refusal)
