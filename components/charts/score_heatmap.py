"""The heat map of a year's scores: criteria x units, each cell the final points as a share of the criterion's
maximum; an unscored cell is shown as such, not as zero."""

from __future__ import annotations

import altair as alt
import pandas as pd

HEATMAP_COLUMNS = ["unit", "criterion", "points", "max_points", "share"]


def heatmap_frame(final_points: dict[int, dict[str, float | None]], max_points: dict[str, float],
                  unit_labels: dict[int, str]) -> pd.DataFrame:
    rows = []
    for unit_id, points in final_points.items():
        for code, m in max_points.items():
            p = points.get(code)
            rows.append({"unit": unit_labels.get(unit_id, str(unit_id)), "criterion": code, "points": p,
                         "max_points": m, "share": None if p is None else 100.0 * p / m})
    return pd.DataFrame(rows, columns=HEATMAP_COLUMNS)


def score_heatmap(frame: pd.DataFrame, title: str, not_scored: str = "—") -> alt.Chart:
    data = frame.copy()
    data["label"] = [not_scored if pd.isna(p) else f"{p:g}" for p in data["points"]]
    base = alt.Chart(data).encode(
        x=alt.X("criterion:N", sort=list(dict.fromkeys(data["criterion"])), title=None),
        y=alt.Y("unit:N", sort=list(dict.fromkeys(data["unit"])), title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("share:Q", scale=alt.Scale(domain=[0, 100], scheme="redyellowgreen"), title="%"),
        tooltip=["unit", "criterion", "points", "max_points"],
    )
    labels = base.mark_text(fontSize=11).encode(text="label:N")
    return (cells + labels).properties(title=title, height=alt.Step(28))
