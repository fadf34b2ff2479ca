"""Registration (đăng ký thi đua): the titles a unit aims for and its targets, the workflow draft -> submitted ->
approved or returned with a reason, the deadline, and the table of registered versus achieved. Plain functions.

What is registered follows Bộ LĐTBXH form 1a (SCORING.md §3); how achievement compares with the plan was not found
in a written formula, so the table shows the plan, the figure and whether the plan was reached, nothing more.
"""

from __future__ import annotations

import math
from datetime import date

from components.rules.errors import DomainError
from components.rules.honours import AWARD_FORMS

REGISTRATION_STATES = ("draft", "submitted", "approved", "returned")
NOTE_MAX = 500


def check_registration(titles: list[str], targets: dict[str, tuple[float, str | None]],
                       known_indicators: set[str]) -> None:
    """Titles from the award forms, at least one title or target, plans that are numbers."""
    if any(x not in AWARD_FORMS for x in titles):
        raise DomainError("reg_bad_title")
    if not titles and not targets:
        raise DomainError("reg_empty")
    for code, (planned, note) in targets.items():
        if code not in known_indicators:
            raise DomainError("score_unknown_indicator", code=code)
        if not isinstance(planned, (int, float)) or isinstance(planned, bool) or not math.isfinite(planned):
            raise DomainError("reg_bad_plan", code=code)
        if note is not None and len(note) > NOTE_MAX:
            raise DomainError("reg_note_long", code=code, max=NOTE_MAX)


def may_edit(state: str) -> bool:
    return state in ("draft", "returned")


def check_submit(state: str, today: date, deadline: date | None) -> None:
    if not may_edit(state):
        raise DomainError("reg_not_editable")
    if deadline is not None and today > deadline:
        raise DomainError("reg_late", deadline=deadline.strftime("%d/%m/%Y"))


def check_decision(state: str, approve: bool, reason: str | None) -> str | None:
    """The chair approves a submitted registration, or returns it with a reason (kept)."""
    if state != "submitted":
        raise DomainError("reg_not_submitted")
    if approve:
        return None
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reg_reason_required")
    return reason


def achieved(planned: float, figure: float | None, better: str = "higher") -> bool | None:
    """Whether the year's figure reached the plan (None when no figure: not reported is not "not reached")."""
    if figure is None:
        return None
    return figure >= planned if better == "higher" else figure <= planned
