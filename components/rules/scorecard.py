"""Positions within the cluster and the composite ranking. Plain functions on DataFrames, no Streamlit.

Rules: rank 1 is the best, "better" says which way (DTI ranks: lower is better); equal figures share a rank
(1, 1, 3); a unit that did not report an indicator is left out of that indicator's ranking, not ranked last; an
indicator only one unit reported gives no position (nothing to compare with).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

POSITION_COLUMNS = ["unit_id", "indicator_code", "measure", "rank", "ranked_count", "position"]
COMPOSITE_COLUMNS = ["unit_id", "score", "indicators_counted", "weight_counted", "rank"]


def rank_units(measures: pd.Series, better: str = "higher") -> pd.DataFrame:
    """Rank the units of one indicator. measures: unit_id -> figure (NaN/None = not reported).

    Returns unit_id, measure, rank (Int64, <NA> when not reported), ranked_count and position (1.0 best .. 0.0
    worst among those reported; <NA> when not reported or when fewer than two units reported)."""
    if better not in ("higher", "lower"):
        raise ValueError(f"better must be 'higher' or 'lower', not {better!r}")
    frame = pd.DataFrame({"unit_id": measures.index, "measure": pd.to_numeric(measures.values, errors="coerce")})
    frame["measure"] = frame["measure"].astype("float64")
    reported = frame["measure"].notna()
    n = int(reported.sum())
    ranks = frame.loc[reported, "measure"].rank(method="min", ascending=(better == "lower"))
    frame["rank"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame.loc[reported, "rank"] = ranks.astype("int64")
    frame["ranked_count"] = n
    position = pd.Series([float("nan")] * len(frame), dtype="float64")
    if n >= 2:
        position[reported.values] = ((n - ranks) / (n - 1)).values
    frame["position"] = position.values
    return frame


def comparable_position(rank, ranked_of) -> float:
    """A rank "k of N" as a position that means the same whatever N is: 1.0 first, 0.0 last, (N - k) / (N - 1);
    NaN when either is missing or N < 2. 61 of 63 (0.03) and 34 of 34 (0.0) are both near the bottom, where the
    raw ranks on one axis would show the second as a climb of 27 places."""
    if _missing(rank) or _missing(ranked_of) or float(ranked_of) < 2:
        return math.nan
    return (float(ranked_of) - float(rank)) / (float(ranked_of) - 1.0)


def share_ranked_ahead(rank, ranked_of) -> float:
    """The share of the other ranked provinces placed ahead (0.0 first .. 1.0 last): 1 - comparable_position."""
    position = comparable_position(rank, ranked_of)
    return math.nan if math.isnan(position) else 1.0 - position


def rank_breaks(ranked_of_by_year: Mapping[int, float]) -> list[tuple[int, int, int]]:
    """(year, N before, N from that year) wherever the number ranked changes between two consecutive reported
    years (2024: 34 provinces after the merger, each the average of its pre-merger provinces, where 2023 had 63).
    A chart breaks its lines there: the two sides are different rankings."""
    breaks, previous = [], None
    for year in sorted(ranked_of_by_year):
        n = ranked_of_by_year[year]
        if _missing(n):
            continue
        if previous is not None and int(n) != int(previous):
            breaks.append((int(year), int(previous), int(n)))
        previous = n
    return breaks


def _missing(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _min_ranks(scores: list[float]) -> list[float]:
    """Rank 1 for the highest score, equal scores sharing the better rank (1, 1, 3); NaN for a missing score."""
    present = [x for x in scores if not math.isnan(x)]
    return [math.nan if math.isnan(x) else 1.0 + sum(1 for y in present if y > x) for x in scores]


def positions(values: pd.DataFrame, catalogue: pd.DataFrame, unit_ids: list[int], year: int,
              indicator_codes: list[str] | None = None) -> pd.DataFrame:
    """Every unit x indicator of one year with its rank and position; missing figures stay as rows with <NA>, so
    a heat map can say "not reported" instead of dropping the cell. Ranks that all carry their N are compared by
    comparable position (so "34 of 34" is never better than "61 of 63"). Plain Python over the year's rows: at the
    Khối's scale (60 indicators x the members) grouped pandas operations cost more than the ranking itself."""
    codes = indicator_codes if indicator_codes is not None else list(catalogue["indicator_code"])
    if not codes:
        return pd.DataFrame(columns=POSITION_COLUMNS)
    better = dict(zip(catalogue["indicator_code"], catalogue["better"]))
    unknown = {b for b in (better.get(c, "higher") for c in codes) if b not in ("higher", "lower")}
    if unknown:
        raise ValueError(f"better must be 'higher' or 'lower', not {unknown.pop()!r}")
    kinds = dict(zip(catalogue["indicator_code"], catalogue["kind"])) if "kind" in catalogue else {}
    this_year = values[values["year"] == year]
    ranked_of = (this_year["ranked_of"].tolist() if "ranked_of" in this_year else [None] * len(this_year))
    found: dict[tuple[str, int], tuple[float, float]] = {}  # the last row wins, as drop_duplicates(keep="last")
    for code, unit_id, measure, of in zip(this_year["indicator_code"].tolist(), this_year["unit_id"].tolist(),
                                          this_year["measure"].tolist(), ranked_of):
        found[(code, unit_id)] = (math.nan if _missing(measure) else float(measure),
                                  math.nan if _missing(of) else float(of))
    out_units, out_codes, out_measures, out_ranks, out_counts, out_positions = [], [], [], [], [], []
    nothing = (math.nan, math.nan)
    for code in codes:
        cells = [found.get((code, u), nothing) for u in unit_ids]
        measures = [m for m, _ in cells]
        compared = measures
        reported_of = [of for m, of in cells if not math.isnan(m)]
        if kinds.get(code) == "rank" and reported_of and all(of >= 2 for of in reported_of):
            compared = [m if math.isnan(m) else (m - 1.0) / (of - 1.0) for m, of in cells]
        sign = -1.0 if better.get(code, "higher") == "lower" else 1.0
        ranks = _min_ranks([sign * x for x in compared])
        n = sum(1 for r in ranks if not math.isnan(r))
        out_units += unit_ids
        out_codes += [code] * len(unit_ids)
        out_measures += measures
        out_ranks += ranks
        out_counts += [n] * len(unit_ids)
        out_positions += [math.nan if math.isnan(r) or n < 2 else (n - r) / (n - 1) for r in ranks]
    return pd.DataFrame({
        "unit_id": pd.array(out_units, dtype="int64"), "indicator_code": pd.array(out_codes, dtype=object),
        "measure": pd.array(out_measures, dtype="float64"),
        "rank": pd.array([pd.NA if math.isnan(r) else int(r) for r in out_ranks], dtype="Int64"),
        "ranked_count": pd.array(out_counts, dtype="int64"), "position": pd.array(out_positions, dtype="float64")},
        columns=POSITION_COLUMNS).astype({"indicator_code": object})


def composite_ranking(position_frame: pd.DataFrame, weights: Mapping[str, float],
                      default_weight: float = 1.0) -> pd.DataFrame:
    """Weighted mean of each unit's positions over the indicators it reported (a missing figure neither adds nor
    subtracts), scaled to 0-100, ranked best first. A unit with no position at all gets no score and no rank."""
    unit_ids = list(dict.fromkeys(position_frame["unit_id"].tolist()))
    parts: dict[int, list[tuple[float, float]]] = {u: [] for u in unit_ids}
    for unit_id, code, position in zip(position_frame["unit_id"].tolist(), position_frame["indicator_code"].tolist(),
                                       position_frame["position"].tolist()):
        weight = float(weights.get(code, default_weight))
        if not _missing(position) and weight > 0:
            parts[unit_id].append((float(position), weight))
    rows = []
    for unit_id in unit_ids:
        total = math.fsum(w for _, w in parts[unit_id])
        score = math.fsum(p * w for p, w in parts[unit_id]) / total * 100 if total > 0 else math.nan
        rows.append({"unit_id": unit_id, "score": score, "indicators_counted": len(parts[unit_id]),
                     "weight_counted": total})
    result = pd.DataFrame(rows, columns=COMPOSITE_COLUMNS[:-1])
    result["score"] = result["score"].astype("float64")
    ranks = _min_ranks([s if math.isnan(s) else round(s, 6) for s in result["score"].tolist()])
    result["rank"] = pd.array([pd.NA if math.isnan(r) else int(r) for r in ranks], dtype="Int64")
    return result.sort_values(["rank", "unit_id"], na_position="last", ignore_index=True)


def year_figures(values: pd.DataFrame, indicator_code: str, years: tuple[int, ...]) -> dict[tuple[int, int], tuple]:
    """(unit, year) -> (measure, ranked_of) of one indicator in the given years (NaN where not given): a dict
    lookup per cell, not a DataFrame filter per unit."""
    mine = values[(values["indicator_code"] == indicator_code) & values["year"].isin(years)]
    ranked_of = mine["ranked_of"].tolist() if "ranked_of" in mine else [None] * len(mine)
    return {(u, y): (math.nan if _missing(m) else float(m), math.nan if _missing(o) else float(o))
            for u, y, m, o in zip(mine["unit_id"].tolist(), mine["year"].tolist(), mine["measure"].tolist(),
                                  ranked_of)}


def change_from_previous(values: pd.DataFrame, unit_ids: list[int], indicator_code: str, year: int,
                         better: str = "higher") -> pd.DataFrame:
    """Each unit's figure this year and the year before and the change; improved says whether the change goes the
    good way (a rank that falls from 38 to 35 improved). Missing either year leaves change <NA>. A rank out of
    another number of provinces (61 of 63, then 34 of 34) is another ranking: no change between the two is shown,
    however the raw ranks differ."""
    figures = year_figures(values, indicator_code, (year, year - 1))
    nothing = (math.nan, math.nan)
    sign = 1.0 if better == "higher" else -1.0
    rows = []
    for unit_id in unit_ids:
        (current, of_now), (previous, of_before) = figures.get((unit_id, year), nothing), figures.get(
            (unit_id, year - 1), nothing)
        comparable = math.isnan(of_now) or math.isnan(of_before) or of_now == of_before
        change = current - previous if comparable else math.nan
        improved = None if math.isnan(change) or change == 0 else change * sign > 0
        rows.append((unit_id, current, previous, change, comparable, improved))
    columns = list(zip(*rows)) or [()] * 6
    return pd.DataFrame({
        "unit_id": np.array(columns[0], dtype="int64"), "current": np.array(columns[1], dtype="float64"),
        "previous": np.array(columns[2], dtype="float64"), "change": np.array(columns[3], dtype="float64"),
        "comparable": np.array(columns[4], dtype="bool"), "improved": pd.array(columns[5], dtype=object)})


def cluster_average(measures: pd.Series, numerators: pd.Series | None = None,
                    denominators: pd.Series | None = None) -> float:
    """The cluster figure: pooled numerator/denominator when every reporting unit gave both (the cluster's own
    percentage), else the mean of the reported figures. NaN when nobody reported."""
    reported = measures.dropna()
    if reported.empty:
        return math.nan
    if numerators is not None and denominators is not None:
        num, den = numerators[reported.index], denominators[reported.index]
        if num.notna().all() and den.notna().all() and den.sum() > 0:
            return float(100.0 * num.sum() / den.sum())
    return float(reported.mean())
