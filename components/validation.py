"""Rules of results entry: validation of one figure, cross-field rules, the submission workflow, the deadline lock,
the staff targets and award checks. Plain functions without Streamlit; the data layer and the pages both use them.

A problem is reported as Problem(part, code, params); the UI shows t("err.entry_" + code) next to the input named
by part ("value", "numerator", "denominator", "ranked_of", "note", or a field of the award form).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone

from components.formatting import fmt_auto, fmt_money, fmt_percent, parse_number
from db.errors import DomainError

# --- figures ----------------------------------------------------------------------------------------------

SIMPLE_KINDS = ("count", "percent", "score", "money")
PARTS_OF_KIND = {
    "count": ("value",), "percent": ("value",), "score": ("value",), "money": ("value",),
    "ratio": ("numerator", "denominator"), "rank": ("value", "ranked_of"),
}
NOTE_MAX_LENGTH = 1000


@dataclass(frozen=True)
class Figure:
    """The raw inputs of one indicator value: a ratio keeps numerator and denominator, a rank keeps the rank (in
    value) and the number ranked; percentages are derived, never stored."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    ranked_of: float | None = None
    note: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, p) is None for p in ("value", "numerator", "denominator", "ranked_of"))

    def snapshot(self) -> dict:
        """The non-empty parts, for the audit trail."""
        return {k: v for k, v in asdict(self).items() if v is not None and v != ""}

    @classmethod
    def from_snapshot(cls, data: dict | None) -> Figure | None:
        if not data:
            return None
        return cls(**{k: data.get(k) for k in ("value", "numerator", "denominator", "ranked_of", "note")})

    def same_as(self, other: Figure | None) -> bool:
        if other is None:
            return self.is_empty() and not self.note
        return all(_same(getattr(self, p), getattr(other, p)) for p in ("value", "numerator", "denominator",
                                                                          "ranked_of")) \
            and (self.note or None) == (other.note or None)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


@dataclass(frozen=True)
class Problem:
    part: str
    code: str
    params: dict = field(default_factory=dict)


def parse_typed_number(text: str | None, lang: str = "vi") -> tuple[float | None, bool]:
    """What the user typed in a number box: (number, ok). Blank is (None, True); '1.542' and '98,7' are read the
    Vietnamese way."""
    if text is None or not str(text).strip():
        return None, True
    try:
        return parse_number(str(text), lang), True
    except ValueError:
        return None, False


def figure_from_text(kind: str, texts: dict[str, str | None], lang: str = "vi") -> tuple[Figure, list[Problem]]:
    """Build a Figure from the text boxes of one indicator; a box that is not a number is a 'not_a_number' problem."""
    parts: dict[str, float | None] = {}
    problems: list[Problem] = []
    for part in PARTS_OF_KIND[kind]:
        number, ok = parse_typed_number(texts.get(part), lang)
        if not ok:
            problems.append(Problem(part, "not_a_number", {"text": str(texts.get(part)).strip()[:40]}))
        parts[part] = number
    note = (texts.get("note") or "").strip() or None
    return Figure(note=note, **parts), problems


def validate_figure(kind: str, min_value: float | None, max_value: float | None, figure: Figure) -> list[Problem]:
    """Every problem of one figure against its indicator's kind and bounds. An empty figure (not reported) is valid."""
    if figure.note is not None and len(figure.note) > NOTE_MAX_LENGTH:
        return [Problem("note", "note_too_long", {"max": NOTE_MAX_LENGTH})]
    if figure.is_empty():
        return [Problem("note", "note_without_figure")] if figure.note else []
    problems = [Problem(p, "unexpected_part", {"kind": kind}) for p in ("value", "numerator", "denominator",
                                                                       "ranked_of")
                if getattr(figure, p) is not None and p not in PARTS_OF_KIND[kind]]
    if problems:
        return problems
    if kind == "ratio":
        return _validate_ratio(min_value, max_value, figure)
    if kind == "rank":
        return _validate_rank(min_value, max_value, figure)
    value = figure.value
    if value is None:
        return [Problem("value", "value_required")]
    if kind == "percent" and not 0 <= value <= 100:
        return [Problem("value", "percent_range")]
    return _bounds("value", value, min_value, max_value)


def _bounds(part: str, value: float, min_value: float | None, max_value: float | None) -> list[Problem]:
    if min_value is not None and value < min_value:
        return [Problem(part, "below_min", {"min": fmt_auto(min_value)})]
    if max_value is not None and value > max_value:
        return [Problem(part, "above_max", {"max": fmt_auto(max_value)})]
    return []


def _validate_ratio(min_value: float | None, max_value: float | None, figure: Figure) -> list[Problem]:
    num, den = figure.numerator, figure.denominator
    if num is None:
        return [Problem("numerator", "ratio_needs_both")]
    if den is None:
        return [Problem("denominator", "ratio_needs_both")]
    if num < 0:
        return [Problem("numerator", "negative")]
    if den <= 0:
        return [Problem("denominator", "denominator_positive")]
    if num > den:
        return [Problem("numerator", "numerator_above_denominator")]
    return _bounds("numerator", num, min_value, max_value)


def _validate_rank(min_value: float | None, max_value: float | None, figure: Figure) -> list[Problem]:
    rank, of = figure.value, figure.ranked_of
    if rank is None:
        return [Problem("value", "rank_required")]
    if of is None:
        return [Problem("ranked_of", "ranked_of_required")]
    if rank != int(rank) or rank < 1:
        return [Problem("value", "rank_whole")]
    if of != int(of) or of < 1:
        return [Problem("ranked_of", "rank_whole")]
    if rank > of:
        return [Problem("value", "rank_above_ranked_of", {"of": int(of)})]
    return _bounds("value", rank, min_value, max_value)


def ratio_percent(numerator: float | None, denominator: float | None) -> float | None:
    """The derived percentage of a ratio, or None when it cannot be computed."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator * 100


def scalar(figure: Figure | None) -> float | None:
    """The one number cross-field rules compare: the value, or the numerator of a ratio."""
    if figure is None:
        return None
    return figure.value if figure.value is not None else figure.numerator


def figure_text(kind: str, figure: Figure | None, lang: str = "vi", missing: str = "") -> str:
    """A figure as people write it: '1.542/1.562 (98,7%)', '12/63', '98,5%', '201.500.000 đ'."""
    if figure is None or figure.is_empty():
        return missing
    if kind == "ratio":
        pct = ratio_percent(figure.numerator, figure.denominator)
        return (f"{fmt_auto(figure.numerator, lang)}/{fmt_auto(figure.denominator, lang)}"
                + (f" ({fmt_percent(pct, 1, lang)})" if pct is not None else ""))
    if kind == "rank":
        return f"{fmt_auto(figure.value, lang)}/{fmt_auto(figure.ranked_of, lang)}"
    if kind == "percent":
        return fmt_percent(figure.value, 1, lang)
    if kind == "money":
        return fmt_money(figure.value, lang)
    return fmt_auto(figure.value, lang, max_decimals=3)


# --- cross-field rules ------------------------------------------------------------------------------------

OPERATORS = {
    "=": lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9),
    "<=": lambda a, b: a <= b + 1e-9,
    ">=": lambda a, b: a + 1e-9 >= b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
}


@dataclass(frozen=True)
class CrossRule:
    code: str
    left_codes: tuple[str, ...]
    operator: str
    right_code: str
    message_vi: str
    message_en: str

    @property
    def codes(self) -> tuple[str, ...]:
        return (*self.left_codes, self.right_code)

    def message(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en


def parse_left_codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split("+") if c.strip())


def rule_holds(rule: CrossRule, values: dict[str, float | None]) -> bool | None:
    """True or False, or None when one of the figures is not reported (the rule is then not checked)."""
    numbers = [values.get(c) for c in rule.codes]
    if any(n is None for n in numbers):
        return None
    compare = OPERATORS.get(rule.operator)
    if compare is None:
        raise ValueError(f"unknown operator {rule.operator!r} in rule {rule.code}")
    return compare(sum(numbers[:-1]), numbers[-1])


def cross_field_rejections(rules: list[CrossRule], stored: dict[str, float | None],
                           incoming: dict[str, float | None]) -> dict[str, list[CrossRule]]:
    """Which of the incoming figures must be refused because, stored, they would break a rule.

    A broken rule refuses the figures of this save that take part in it (the stored ones stay). Refusing a figure
    changes the picture, so the check repeats until nothing more is refused.
    """
    refused: dict[str, list[CrossRule]] = {}
    while True:
        candidate = {**stored, **{c: v for c, v in incoming.items() if c not in refused}}
        newly = False
        for rule in rules:
            if rule_holds(rule, candidate) is False:
                for code in rule.codes:
                    if code in incoming and code not in refused:
                        refused[code] = [rule]
                        newly = True
                    elif code in refused and rule not in refused[code]:
                        refused[code].append(rule)
        if not newly:
            return refused


# --- workflow ---------------------------------------------------------------------------------------------

ACTIONS = ("submit", "withdraw", "lock", "reopen")
CHAIR_ROLES = ("chair", "admin")


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
    unit at all is components.permissions.can_edit_unit."""
    if year_state == "planning":
        return "year_not_open"
    if year_state == "closed":
        return "year_closed"
    if status.state == "locked":
        return "unit_locked"
    if year_state == "locked" and not status.reopened:
        return "year_locked"
    if status.state == "submitted" and role not in CHAIR_ROLES:
        return "already_submitted"
    return None


def next_state(action: str, role: str, year_state: str, status: SubmissionStatus, reason: str | None = None) -> str:
    """The state after a workflow action, or DomainError naming why it is refused."""
    if action not in ACTIONS:
        raise DomainError("entry_unknown_action", action=action)
    chair = role in CHAIR_ROLES
    if action in ("lock", "reopen") and not chair:
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


def can_read_unit(role: str, actor_unit_id: int | None, unit_id: int, year_state: str,
                  status: SubmissionStatus) -> bool:
    """A province reads its own figures and the figures other units have submitted; the chair, admin and viewers
    read everything. A closed year's figures are public to every member."""
    if role in ("chair", "admin", "viewer") or actor_unit_id == unit_id:
        return True
    return status.state in ("submitted", "locked") or year_state == "closed"


# --- awards and staff targets -----------------------------------------------------------------------------

LDTT_TARGET_PCT = 90.0  # the cluster's target: more than 90% of staff titled Lao động tiên tiến
CSTDCS_CAP_PCT = 15.0  # at most 15% of those titled Lao động tiên tiến may be Chiến sĩ thi đua cơ sở
STAFF_CODES = ("staff_total", "staff_ldtt", "staff_cstdcs")

AWARD_FORMS = ("co_thi_dua", "bang_khen", "giay_khen", "tap_the_ldxs", "tap_the_ldtt", "chien_si_thi_dua",
               "huan_chuong", "ky_niem_chuong", "other")
AWARD_LEVELS = ("state", "government", "ministry", "province", "unit")
RECIPIENTS = ("collective", "individual")
DECISION_NO_MAX = 100


@dataclass(frozen=True)
class StaffCheck:
    ldtt_pct: float | None
    ldtt_meets_target: bool | None
    cstdcs_pct: float | None
    cstdcs_within_cap: bool | None


def staff_targets(total: float | None, ldtt: float | None, cstdcs: float | None) -> StaffCheck:
    """The shares shown next to the staff inputs: LĐTT over staff against the >90% target, CSTĐCS over LĐTT against
    the 15% cap. None where a figure is missing."""
    ldtt_pct = ldtt / total * 100 if total and ldtt is not None else None
    cstdcs_pct = cstdcs / ldtt * 100 if ldtt and cstdcs is not None else None
    return StaffCheck(ldtt_pct, None if ldtt_pct is None else ldtt_pct > LDTT_TARGET_PCT,
                      cstdcs_pct, None if cstdcs_pct is None else cstdcs_pct <= CSTDCS_CAP_PCT + 1e-9)


def validate_award(*, form: str, level: str, recipient: str, count: object, decision_no: str | None,
                   decision_date: date | None, today: date) -> list[Problem]:
    problems = []
    if form not in AWARD_FORMS:
        problems.append(Problem("form", "award_form"))
    if level not in AWARD_LEVELS:
        problems.append(Problem("level", "award_level"))
    if recipient not in RECIPIENTS:
        problems.append(Problem("recipient", "award_recipient"))
    if not isinstance(count, (int, float)) or isinstance(count, bool) or count != int(count) or count < 1:
        problems.append(Problem("count", "award_count"))
    if decision_no is not None and len(decision_no.strip()) > DECISION_NO_MAX:
        problems.append(Problem("decision_no", "award_decision_no", {"max": DECISION_NO_MAX}))
    if decision_date is not None and decision_date > today:
        problems.append(Problem("decision_date", "award_future_date"))
    return problems
