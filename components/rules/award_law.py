"""Who may be proposed for an award under the year's law (NĐ 152/2025/NĐ-CP from 2025; NĐ 91/2017 and NĐ 98/2023
before), as far as software can apply it (../shared/domain/SINCE_2025.md, section 2):

- no proposal while the unit (or a person of it) is under consideration for discipline, under investigation or
  inspection, or while a complaint about it is being verified: a hold, a hard condition that blocks;
- after a discipline has been served, achievements count from the day it ended;
- awards for one-off achievements and thematic movements are kept apart and never count toward annual merit;
- from 2025 a higher award no longer needs the lower one first (before, it did: a hard condition then).

Hard conditions block the proposal, soft ones only warn; each check says which it is. Plain functions, no
Streamlit, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from components.rules.enums import AWARD_SCOPES, HOLD_KINDS
from components.rules.errors import DomainError
from components.rules.reasons import check_reason

HOLD_REASON_MAX = 2000
PERSON_MAX = 200
CHECKS = ("held", "held_person", "lower_award_missing", "discipline_recent")


@dataclass(frozen=True)
class YearLaw:
    """The settings of a year's law that the checks use (one place to change when a new decree comes)."""

    year: int
    decree: str
    lower_award_first: bool  # a higher award needs the lower one first
    holds_block: bool = True  # a hold blocks the proposal (Luật Thi đua, khen thưởng 2022; NĐ 98/2023; NĐ 152/2025)


def law_of_year(year: int) -> YearLaw:
    if year >= 2025:
        return YearLaw(year, "NĐ 152/2025/NĐ-CP", lower_award_first=False)
    if year == 2024:
        return YearLaw(year, "NĐ 98/2023/NĐ-CP", lower_award_first=True)
    return YearLaw(year, "NĐ 91/2017/NĐ-CP", lower_award_first=True)


@dataclass(frozen=True)
class Hold:
    kind: str  # HOLD_KINDS
    reason: str
    starts_on: date
    ends_on: date | None = None  # None: still running
    person: str = ""  # empty: the unit itself

    def active_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


def check_hold(*, kind: str, reason: str | None, starts_on: date | None, ends_on: date | None,
               person: str | None = None) -> Hold:
    """A hold as the chair or the administrator enters it, or DomainError saying what is wrong."""
    if kind not in HOLD_KINDS:
        raise DomainError("hold_unknown_kind", kind=kind)
    if starts_on is None:
        raise DomainError("hold_start_required")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError("hold_ends_before_start")
    kept = check_reason(reason, "hold_reason_required", min_len=1, max_len=HOLD_REASON_MAX)
    person = (person or "").strip()
    if len(person) > PERSON_MAX:
        raise DomainError("hold_person_too_long", max=PERSON_MAX)
    return Hold(kind, kept, starts_on, ends_on, person)


@dataclass(frozen=True)
class Check:
    code: str  # CHECKS; the catalogue's award.check.<code>
    hard: bool  # True: blocks the proposal; False: a warning the chair reads
    params: dict = field(default_factory=dict)


def active_holds(holds: Iterable[Hold], day: date) -> list[Hold]:
    return [h for h in holds if h.active_on(day)]


def hold_checks(holds: Iterable[Hold], day: date, law: YearLaw) -> list[Check]:
    """One check per hold running on the day: hard on the unit itself; a hold on one person of the unit blocks
    that person only, so for the unit's proposal it is a warning."""
    out = []
    for hold in active_holds(holds, day):
        params = {"kind": hold.kind, "reason": hold.reason, "since": hold.starts_on.strftime("%d/%m/%Y")}
        if hold.person:
            out.append(Check("held_person", False, {**params, "person": hold.person}))
        else:
            out.append(Check("held", law.holds_block, params))
    return out


def achievements_count_from(holds: Iterable[Hold], period_start: date) -> date:
    """The first day whose achievements count: the period's start, or the day after the last discipline of the unit
    that ended inside the period (NĐ 152: after a discipline, achievements count from the day it ended)."""
    start = period_start
    for hold in holds:
        if hold.kind == "discipline" and not hold.person and hold.ends_on is not None and hold.ends_on >= start:
            start = hold.ends_on + timedelta(days=1)
    return start


# --- awards: the annual cycle apart from thematic and one-off awards ---------------------------------------------


@dataclass(frozen=True)
class AwardFact:
    year: int
    form: str
    scope: str = "annual"  # AWARD_SCOPES


def counts_toward_annual(scope: str) -> bool:
    """Only an award of the annual cycle counts toward annual merit; thematic and one-off awards never do."""
    if scope not in AWARD_SCOPES:
        raise DomainError("award_unknown_scope", scope=scope)
    return scope == "annual"


def has_annual_award(awards: Iterable[AwardFact], *, year: int, form: str) -> bool:
    """Whether the unit holds the annual award `form` of `year` (a thematic or one-off one of the same form does
    not count)."""
    return any(a.year == year and a.form == form and counts_toward_annual(a.scope) for a in awards)


def lower_award_check(awards: Iterable[AwardFact], *, law: YearLaw, lower_form: str | None,
                      lower_year: int) -> list[Check]:
    """Under a law that wants the lower award first, a unit without it (as an annual award) may not be proposed;
    from 2025 nothing is asked."""
    if not law.lower_award_first or lower_form is None:
        return []
    if has_annual_award(awards, year=lower_year, form=lower_form):
        return []
    return [Check("lower_award_missing", True, {"form": lower_form, "year": lower_year})]


def proposal_checks(*, law: YearLaw, day: date, holds: Iterable[Hold], awards: Iterable[AwardFact] = (),
                    lower_form: str | None = None, lower_year: int | None = None) -> list[Check]:
    """Every check of the year's law on proposing one unit, hard ones first."""
    holds = list(holds)
    checks = hold_checks(holds, day, law)
    checks += lower_award_check(list(awards), law=law, lower_form=lower_form,
                                lower_year=lower_year if lower_year is not None else law.year - 1)
    recent = achievements_count_from(holds, date(law.year, 1, 1))
    if recent > date(law.year, 1, 1):
        checks.append(Check("discipline_recent", False, {"since": recent.strftime("%d/%m/%Y")}))
    return sorted(checks, key=lambda c: not c.hard)


def blocked(checks: Iterable[Check]) -> bool:
    return any(c.hard for c in checks)
