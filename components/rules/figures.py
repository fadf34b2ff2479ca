"""One figure of results entry: parsing what was typed, its kind and bounds, the ratio and rank
checks, and how a figure is written. Plain functions, no Streamlit, no database.

A problem is reported as Problem(part, code, params); the UI shows t("err.entry_" + code) next to the input named
by part ("value", "numerator", "denominator", "ranked_of", "note", or a field of the award form).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from components.i18n.formatting import fmt_auto, fmt_money, fmt_percent, parse_number

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
    if kind == "count" and not _whole(value):
        return [Problem("value", "count_whole")]
    return _bounds("value", value, min_value, max_value)


def _whole(value: float) -> bool:
    """12,5 communes cannot be: a count (and both sides of a ratio of things counted) is a whole number."""
    return math.isfinite(value) and value == int(value)


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
    if not _whole(num):
        return [Problem("numerator", "count_whole")]
    if not _whole(den):
        return [Problem("denominator", "count_whole")]
    if num > den:
        return [Problem("numerator", "numerator_above_denominator")]
    # the catalogue's bound is on the things counted: the denominator (all villages) as well as the numerator
    return _bounds("numerator", num, min_value, max_value) or _bounds("denominator", den, None, max_value)


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
    # the bound is the number of provinces ranked: on the rank and on the number ranked alike
    return _bounds("value", rank, min_value, max_value) or _bounds("ranked_of", of, None, max_value)


def ratio_percent(numerator: float | None, denominator: float | None) -> float | None:
    """The derived percentage of a ratio, or None when it cannot be computed."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator * 100


def compared_measure(value: float | None, numerator: float | None, denominator: float | None) -> float | None:
    """The one measure of a figure, wherever it is compared, scored or shown: the percentage when numerator and
    denominator are given (1.542/1.562 villages -> 98,72), else the value itself; None when nothing usable was
    reported (a missing or NaN value is not zero)."""
    pct = ratio_percent(numerator, denominator)
    if pct is not None:
        return pct
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def compared_measures(value, numerator, denominator):
    """compared_measure over whole columns (float arrays, NaN for missing), for the comparison screens' thousands
    of rows at once: the same rule, element by element (tests/rules check they agree)."""
    import numpy as np

    value, numerator, denominator = (np.asarray(x, dtype="float64") for x in (value, numerator, denominator))
    with np.errstate(divide="ignore", invalid="ignore"):
        usable = ~np.isnan(numerator) & ~np.isnan(denominator) & (denominator > 0)
        pct = np.where(usable, numerator / np.where(usable, denominator, 1.0) * 100, np.nan)
    return np.where(usable, pct, value)


def scalar(figure: Figure | None) -> float | None:
    """The one number cross-field rules compare: the value, or the numerator of a ratio."""
    if figure is None:
        return None
    return figure.value if figure.value is not None else figure.numerator


UNUSUAL_FACTOR = 10  # a figure ten times last year's (or a tenth of it) is more likely a typing slip
UNUSUAL_SIZE = 1e12  # no figure of a provincial department is this large (1e300 BTS sites is a slip)


def unusual(new: Figure | None, last_year: Figure | None) -> bool:
    """A figure far outside the unit's history or any plausible size: stored only once confirmed."""
    value, before = scalar(new), scalar(last_year)
    if value is None:
        return False
    if abs(value) >= UNUSUAL_SIZE:
        return True
    if before is None or before == 0 or value == 0:
        return False
    return abs(value) > UNUSUAL_FACTOR * abs(before) or abs(value) * UNUSUAL_FACTOR < abs(before)


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
