"""Positions within the cluster and the composite ranking. Plain functions on DataFrames, no Streamlit.

Rules: rank 1 is the best, "better" says which way (DTI ranks: lower is better); equal figures share a rank
(1, 1, 3); a unit that did not report an indicator is left out of that indicator's ranking, not ranked last; an
indicator only one unit reported gives no position (nothing to compare with).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

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


def positions(values: pd.DataFrame, catalogue: pd.DataFrame, unit_ids: list[int], year: int,
              indicator_codes: list[str] | None = None) -> pd.DataFrame:
    """Every unit x indicator of one year with its rank and position; missing figures stay as rows with <NA>, so
    a heat map can say "not reported" instead of dropping the cell."""
    codes = indicator_codes if indicator_codes is not None else list(catalogue["indicator_code"])
    better = dict(zip(catalogue["indicator_code"], catalogue["better"]))
    this_year = values[values["year"] == year]
    parts = []
    for code in codes:
        measures = this_year[this_year["indicator_code"] == code].set_index("unit_id")["measure"]
        ranked = rank_units(measures.reindex(unit_ids), better.get(code, "higher"))
        ranked.insert(1, "indicator_code", code)
        parts.append(ranked)
    if not parts:
        return pd.DataFrame(columns=POSITION_COLUMNS)
    return pd.concat(parts, ignore_index=True)[POSITION_COLUMNS]


def composite_ranking(position_frame: pd.DataFrame, weights: Mapping[str, float],
                      default_weight: float = 1.0) -> pd.DataFrame:
    """Weighted mean of each unit's positions over the indicators it reported (a missing figure neither adds nor
    subtracts), scaled to 0-100, ranked best first. A unit with no position at all gets no score and no rank."""
    frame = position_frame.dropna(subset=["position"]).copy()
    frame["weight"] = [float(weights.get(code, default_weight)) for code in frame["indicator_code"]]
    frame = frame[frame["weight"] > 0]
    unit_ids = list(dict.fromkeys(position_frame["unit_id"]))
    rows = []
    for unit_id in unit_ids:
        mine = frame[frame["unit_id"] == unit_id]
        total = float(mine["weight"].sum())
        score = float((mine["position"] * mine["weight"]).sum() / total * 100) if total > 0 else math.nan
        rows.append({"unit_id": unit_id, "score": score, "indicators_counted": int(len(mine)),
                     "weight_counted": total})
    result = pd.DataFrame(rows, columns=COMPOSITE_COLUMNS[:-1])
    result["score"] = result["score"].astype("float64")
    ranks = result["score"].round(6).rank(method="min", ascending=False)
    result["rank"] = pd.array([pd.NA if math.isnan(r) else int(r) for r in ranks], dtype="Int64")
    return result.sort_values(["rank", "unit_id"], na_position="last", ignore_index=True)


def change_from_previous(values: pd.DataFrame, unit_ids: list[int], indicator_code: str, year: int,
                         better: str = "higher") -> pd.DataFrame:
    """Each unit's figure this year and the year before and the change; improved says whether the change goes the
    good way (a rank that falls from 38 to 35 improved). Missing either year leaves change <NA>."""
    mine = values[values["indicator_code"] == indicator_code]
    current = mine[mine["year"] == year].set_index("unit_id")["measure"].reindex(unit_ids)
    previous = mine[mine["year"] == year - 1].set_index("unit_id")["measure"].reindex(unit_ids)
    frame = pd.DataFrame({"unit_id": unit_ids, "current": current.values.astype("float64"),
                          "previous": previous.values.astype("float64")})
    frame["change"] = frame["current"] - frame["previous"]
    sign = 1.0 if better == "higher" else -1.0
    frame["improved"] = [None if math.isnan(c) else (c * sign > 0 if c != 0 else None) for c in frame["change"]]
    return frame


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
