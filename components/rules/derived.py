"""Derived history for a merged member (issue 21, item 5): for Tuyên Quang (with Hà Giang) and Lào Cai (with Yên Bái)
before 2025, a value computed from the figures of the provinces it is made of, as the Bộ KH&CN did for the DTI 2024
(the mean of the predecessors' indices). Indices and percentages: the mean; counts and money: the sum; ratios: the
summed numerators over the summed denominators. Ranks are never derived (the rank of a merged province is not the
mean of two ranks). A point is derived only when every part reported it; each carries derived=True and its parts, so
that it is never mixed silently with a reported value. Plain functions, no database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MEAN_KINDS = ("score", "percent")
DERIVED_RULES = ("mean", "sum", "ratio")
# where a figure shown for a member comes from: its own report, a predecessor's report carried into its history
# (rules/lineage.py carry_history), or one of the derivation rules
SOURCE_RULES = ("reported", "carried", *DERIVED_RULES)
SUM_KINDS = ("count", "money")


@dataclass(frozen=True)
class Part:
    unit_id: int
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class DerivedPoint:
    unit_id: int  # the successor the point is drawn for
    year: int
    indicator_code: str
    value: float | None
    numerator: float | None
    denominator: float | None
    parts: tuple[int, ...]  # the units it is computed from
    rule: str  # "mean" | "sum" | "ratio"
    derived: bool = True


def derive(kind: str, parts: Iterable[Part]) -> tuple[str, float | None, float | None, float | None] | None:
    """(rule, value, numerator, denominator) from the parts, or None when it cannot honestly be derived: a rank, an
    unknown kind, fewer than two parts, or a part that did not report."""
    parts = list(parts)
    if len(parts) < 2:
        return None
    if kind == "ratio":
        if any(p.numerator is None or p.denominator is None for p in parts):
            return None
        num, den = sum(p.numerator for p in parts), sum(p.denominator for p in parts)
        return ("ratio", None, num, den) if den > 0 else None
    if any(p.value is None for p in parts):
        return None
    values = [p.value for p in parts]
    if kind in MEAN_KINDS:
        return "mean", sum(values) / len(values), None, None
    if kind in SUM_KINDS:
        return "sum", sum(values), None, None
    return None


def derived_history(*, successor: int, predecessors: Iterable[int], last_year: int,
                    rows: Iterable[Mapping], kinds: Mapping[str, str]) -> list[DerivedPoint]:
    """Derived points for `successor` up to `last_year` (the year before the merger), from rows with unit_id, year,
    indicator_code, value, numerator, denominator. The successor's own figures of those years are one of the parts
    (Lào Cai before 2025 is Lào Cai's part of the new Lào Cai), never replaced."""
    members = [successor, *[p for p in predecessors if p != successor]]
    by_key: dict[tuple[int, str], dict[int, Part]] = {}
    for r in rows:
        if r["unit_id"] in members and r["year"] <= last_year:
            by_key.setdefault((r["year"], r["indicator_code"]), {})[r["unit_id"]] = Part(
                r["unit_id"], r.get("value"), r.get("numerator"), r.get("denominator"))
    out = []
    for (year, code), found in sorted(by_key.items()):
        if set(found) != set(members):
            continue
        result = derive(kinds.get(code, ""), [found[u] for u in members])
        if result is not None:
            rule, value, num, den = result
            out.append(DerivedPoint(successor, year, code, value, num, den, tuple(members), rule))
    return out
