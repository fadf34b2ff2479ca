"""The scorecard (position per indicator) and the composite ranking.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from bench.reference_charts.common import (
    MISSING_COLOUR,
    _finish,
    _highlight,
    _missing,
    _pick,
    _slim,
    _units,
    format_measure,
    text,
    when,
)
from components.i18n import formatting
from components.rules import scorecard


def scorecard_frame(values: pd.DataFrame, members: pd.DataFrame, catalogue: pd.DataFrame, year: int,
                    lang: str = "vi", indicator_codes: list[str] | None = None) -> pd.DataFrame:
    """Provinces x indicators with the figure, rank among those reporting and position (1 best .. 0 worst)."""
    codes = indicator_codes if indicator_codes is not None else list(catalogue["indicator_code"])
    pos = scorecard.positions(values, catalogue, list(members["unit_id"]), year, codes)
    info = catalogue.set_index("indicator_code")
    frame = pos.merge(_units(members), on="unit_id", how="left")
    frame["indicator"] = [info.at[c, "name_vi" if lang == "vi" else "name_en"] for c in frame["indicator_code"]]
    frame["better"] = [info.at[c, "better"] for c in frame["indicator_code"]]
    frame["value_label"] = [format_measure(m, info.at[c, "kind"], lang)
                            for m, c in zip(frame["measure"], frame["indicator_code"])]
    frame["cell"] = [text("charts.not_reported", lang) if _missing(r) else
                     text("charts.rank_of", lang, rank=int(r), of=int(n))
                     for r, n in zip(frame["rank"], frame["ranked_count"])]
    frame["year"] = year
    return frame[["unit_id", "unit", "year", "indicator_code", "indicator", "better", "measure", "value_label",
                  "rank", "ranked_count", "position", "cell"]]


def scorecard_chart(frame: pd.DataFrame, year: int, lang: str = "vi", highlight_unit_id: int | None = None):
    """Heat map: one column per province, one row per indicator, the cell coloured by the province's position
    in the cluster for that indicator (green best, red last; grey when not reported or nothing to compare)."""
    data = _highlight(frame, highlight_unit_id)
    data["rank"] = data["rank"].astype("float64")
    data["position"] = data["position"].round(3)
    unit_order = list(dict.fromkeys(data["unit"]))
    indicator_order = list(dict.fromkeys(data["indicator"]))
    data = _slim(data, ["unit_id", "unit", "indicator", "value_label", "rank", "position", "cell", "highlighted"])
    x = alt.X("unit:N", sort=unit_order, title=None, axis=alt.Axis(orient="top", labelAngle=0))
    y = alt.Y("indicator:N", sort=indicator_order, title=None)
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)),
               alt.Tooltip("indicator:N", title=text("charts.indicator", lang)),
               alt.Tooltip("value_label:N", title=text("charts.value", lang)),
               alt.Tooltip("cell:N", title=text("charts.position", lang))]
    colour = alt.Color("position:Q", title=text("charts.position_legend", lang),
                       scale=alt.Scale(scheme="redyellowgreen", domain=[0, 1]),
                       legend=alt.Legend(orient="bottom", format=".0%"))
    # grey under every cell, colour on top where there is a position: Vega-Lite drops marks whose colour field
    # is empty, and an unreported cell must still be seen
    backdrop = alt.Chart(data).mark_rect(color=MISSING_COLOUR).encode(
        x=x, y=y, tooltip=tooltip,
        stroke=when("datum.highlighted", alt.StrokeValue, "#111111", "white"),
        strokeWidth=when("datum.highlighted", alt.StrokeWidthValue, 3, 1)).add_params(_pick())
    cells = (alt.Chart(data).transform_filter("isValid(datum.position)").mark_rect().encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        stroke=when("datum.highlighted", alt.StrokeValue, "#111111", "white"),
        strokeWidth=when("datum.highlighted", alt.StrokeWidthValue, 3, 1)))
    # never wider than its cell: a cell squeezed by a narrow screen shortens its text instead of printing over
    # the next one
    labels = alt.Chart(data).mark_text(fontSize=13, limit=alt.ExprRef(expr="bandwidth('x') - 4")).encode(
        x=x, y=y, text=alt.Text("cell:N"), tooltip=tooltip,
        color=when("isValid(datum.position) && (datum.position < 0.2 || datum.position > 0.8)", alt.ColorValue,
                   "white", "#222222"))
    chart = alt.layer(backdrop, cells, labels).properties(width=alt.Step(96), height=alt.Step(30))
    return _finish(chart, text("charts.scorecard_title", lang, year=year))


def composite_table(position_frame: pd.DataFrame, members: pd.DataFrame, weights: dict[str, float],
                    lang: str = "vi") -> pd.DataFrame:
    """The composite ranking as a display table (rank, province, score, indicators counted)."""
    ranking = scorecard.composite_ranking(position_frame, weights).merge(_units(members), on="unit_id")
    return pd.DataFrame({
        text("charts.composite_rank", lang): ["—" if _missing(r) else str(int(r)) for r in ranking["rank"]],
        text("charts.unit", lang): ranking["unit"],
        text("charts.composite_score", lang): [text("charts.not_reported", lang) if _missing(s)
                                               else formatting.fmt_number(s, 1, lang) for s in ranking["score"]],
        text("charts.composite_counted", lang): ranking["indicators_counted"],
    })
