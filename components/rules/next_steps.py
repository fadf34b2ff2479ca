"""What each role has to do next in the emulation year, for the home page: the year the cluster is working on, the
days left to the deadline, a province's figures filled per field, who is late, what the administrator has not set
up. Plain functions; each step is a text key (home.next.*) with its parameters, so the page only translates them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from components.rules.workflow import as_utc

# the year a home page talks about: the one open for entry, else the one being voted on, else the one being
# prepared, else the newest
WORKING_ORDER = ("open", "locked", "planning", "closed")
# every step and set-up gap these rules name (the catalogue has home.next.<step> and home.gap.<gap> for each)
STEP_KEYS = ("vote", "voted", "wait_open", "submitted", "fill", "submit", "year_locked", "year_closed",
             "members_not_set", "open_year", "lock_year", "chase_late", "follow_entries", "create_poll", "open_poll",
             "close_poll", "publish_poll", "close_year", "year_done")
ADMIN_GAPS = ("members", "deadline", "chair")


@dataclass(frozen=True)
class Step:
    key: str  # home.next.<key> in the text catalogue
    params: dict = field(default_factory=dict)
    urgent: bool = False


def working_year(years: Sequence) -> object | None:
    """Of the cluster's emulation years (objects with .year and .state), the one the home page is about."""
    for state in WORKING_ORDER:
        mine = [y for y in years if y.state == state]
        if mine:
            return max(mine, key=lambda y: y.year)
    return None


def days_left(deadline: datetime | None, now: datetime) -> int | None:
    """Whole days until the deadline, rounded up (0: it passes today; negative: passed); None without one."""
    if deadline is None:
        return None
    return math.ceil((as_utc(deadline) - as_utc(now)).total_seconds() / 86400)


def field_progress(rows: Iterable[tuple[str, bool]], fields: Sequence[str]) -> dict[str, tuple[int, int]]:
    """(filled, total) per field, in the given field order, from (field, filled) per indicator; fields with no
    indicator are left out."""
    counts = {f: [0, 0] for f in fields}
    for field_code, filled in rows:
        if field_code in counts:
            counts[field_code][1] += 1
            counts[field_code][0] += int(filled)
    return {f: (n, m) for f, (n, m) in counts.items() if m}


def province_steps(*, year: int, year_state: str, submission_state: str | None, missing: int,
                   days: int | None, poll_open: bool, voted: bool) -> list[Step]:
    """A province's next steps: enter what is missing, submit before the deadline, vote when a poll is open."""
    steps = []
    if poll_open and not voted:
        steps.append(Step("vote", {"year": year}, urgent=True))
    if year_state == "planning":
        steps.append(Step("wait_open", {"year": year}))
    elif year_state == "open":
        late = days is not None and days < 0
        if submission_state in ("submitted", "locked"):
            steps.append(Step("submitted", {"year": year}))
        elif missing:
            steps.append(Step("fill", {"year": year, "count": missing}, urgent=late or (days is not None
                                                                                       and days <= 7)))
        else:
            steps.append(Step("submit", {"year": year}, urgent=days is not None and days <= 7))
    elif year_state == "locked":
        steps.append(Step("year_locked", {"year": year}))
    else:
        steps.append(Step("year_closed", {"year": year}))
    if poll_open and voted:
        steps.append(Step("voted", {"year": year}))
    return steps


def late_units(states: dict[int, str], days: int | None) -> list[int]:
    """Members that have not submitted: all of them once the deadline has passed, else none."""
    if days is None or days >= 0:
        return []
    return [unit_id for unit_id, state in states.items() if state in ("not_started", "draft")]


def chair_steps(*, year: int, year_state: str, states: dict[int, str], days: int | None,
                poll_state: str | None, members_set: bool) -> list[Step]:
    """The chair's next step of the year: open it, follow the entries, lock, run the vote, publish."""
    if not members_set:
        return [Step("members_not_set", {"year": year}, urgent=True)]
    waiting = sum(1 for s in states.values() if s in ("not_started", "draft"))
    if year_state == "planning":
        return [Step("open_year", {"year": year})]
    if year_state == "open":
        if waiting == 0:
            return [Step("lock_year", {"year": year})]
        if days is not None and days < 0:
            return [Step("chase_late", {"year": year, "count": waiting}, urgent=True)]
        return [Step("follow_entries", {"year": year, "count": waiting})]
    if year_state == "locked":
        if poll_state is None:
            return [Step("create_poll", {"year": year})]
        if poll_state == "created":
            return [Step("open_poll", {"year": year})]
        if poll_state == "open":
            return [Step("close_poll", {"year": year})]
        if poll_state == "closed":
            return [Step("publish_poll", {"year": year}, urgent=True)]
        return [Step("close_year", {"year": year})]
    return [Step("year_done", {"year": year})]


def admin_gaps(*, members_set: bool, deadline: datetime | None, chair_unit_id: int | None) -> list[str]:
    """What the administrator has not set up for the working year: members, deadline, chair (home.gap.*)."""
    gaps = []
    if not members_set:
        gaps.append("members")
    if deadline is None:
        gaps.append("deadline")
    if chair_unit_id is None:
        gaps.append("chair")
    return gaps
