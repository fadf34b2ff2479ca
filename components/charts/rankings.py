"""The scorecard (position per indicator) and the composite ranking.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from components.charts.common import (
    DERIVED_DASH,
    IS_DERIVED,
    IS_HIGHLIGHTED,
    MISSING_COLOUR,
    _finish,
    _missing,
    _pick,
    derived_dash,
    figure_source_columns,
    figure_sources,
    filled,
    format_measure,
    records,
    slot,
    template,
    text,
    unit_labels,
    when,
    with_highlight,
)
from components.i18n import formatting
from components.rules import scorecard


def scorecard_frame(values: pd.DataFrame, members: pd.DataFrame, catalogue: pd.DataFrame, year: int,
                    lang: str = "vi", indicator_codes: list[str] | None = None) -> pd.DataFrame:
    """Provinces x indicators with the figure, rank among those reporting and position (1 best .. 0 worst)."""
    codes = indicator_codes if indicator_codes is not None else list(catalogue["indicator_code"])
    pos = scorecard.positions(values, catalogue, list(members["unit_id"]), year, codes)
    name_column = "name_vi" if lang == "vi" else "name_en"
    names = dict(zip(catalogue["indicator_code"], catalogue[name_column]))
    better = dict(zip(catalogue["indicator_code"], catalogue["better"]))
    kinds = dict(zip(catalogue["indicator_code"], catalogue["kind"]))
    labels = unit_labels(members, lang, values[(values["year"] == year) & values["indicator_code"].isin(codes)])
    unit_ids, indicator_codes = pos["unit_id"].tolist(), pos["indicator_code"].tolist()
    measures, ranks, counts = pos["measure"].tolist(), pos["rank"].tolist(), pos["ranked_count"].tolist()
    missing = text("charts.not_reported", lang)
    cells: dict[tuple[int, int], str] = {}  # "k/N": a few distinct labels for hundreds of cells
    sources = figure_sources(values, set(indicator_codes), (year,))
    source, derived = figure_source_columns(sources, [(u, year, c) for u, c in zip(unit_ids, indicator_codes)],
                                            [not _missing(m) for m in measures], lang)
    # one frame built from columns, not a copy with columns added one by one (each a new block and a conversion)
    return pd.DataFrame({
        "unit_id": pos["unit_id"].to_numpy(), "unit": [labels.get(u) for u in unit_ids],
        "year": np.full(len(pos), year, dtype="int64"), "indicator_code": indicator_codes,
        "indicator": [names[c] for c in indicator_codes], "better": [better[c] for c in indicator_codes],
        "measure": pos["measure"].to_numpy(),
        "value_label": [format_measure(m, kinds[c], lang) for m, c in zip(measures, indicator_codes)],
        "rank": pos["rank"].array, "ranked_count": pos["ranked_count"].to_numpy(), "position": pos["position"].to_numpy(),
        "cell": [missing if _missing(r) else
                 cells.get((r, n)) or cells.setdefault((r, n), text("charts.rank_of", lang, rank=int(r), of=int(n)))
                 for r, n in zip(ranks, counts)],
        "source": source, "derived": np.array(derived, dtype="bool")})


def scorecard_chart(frame: pd.DataFrame, year: int, lang: str = "vi", highlight_unit_id: int | None = None) -> dict:
    """Heat map: one column per province, one row per indicator, the cell coloured by the province's position
    in the cluster for that indicator (green best, red last; grey when not reported or nothing to compare)."""
    data = frame.assign(rank=frame["rank"].astype("float64"), position=frame["position"].round(3))
    rows = records(data, ["unit_id", "unit", "indicator", "value_label", "rank", "position", "cell", "source",
                          "derived"])
    values = {"units": list(dict.fromkeys(frame["unit"])), "indicators": list(dict.fromkeys(frame["indicator"])),
              "title": text("charts.scorecard_title", lang, year=year)}
    has_derived = bool(frame["derived"].any()) if "derived" in frame else False
    if has_derived:
        values["subtitle"] = text("charts.derived_marked_cells", lang)
    return with_highlight(filled(_scorecard_template(lang, has_derived), values, {"rows": rows}), highlight_unit_id)


@template
def _scorecard_template(lang: str, has_derived: bool = False) -> dict:
    x = alt.X("unit:N", sort=slot("units"), title=None, axis=alt.Axis(orient="top", labelAngle=0))
    y = alt.Y("indicator:N", sort=slot("indicators"), title=None)
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)),
               alt.Tooltip("indicator:N", title=text("charts.indicator", lang)),
               alt.Tooltip("value_label:N", title=text("charts.value", lang)),
               alt.Tooltip("cell:N", title=text("charts.position", lang)),
               alt.Tooltip("source:N", title=text("charts.col.source", lang))]
    colour = alt.Color("position:Q", title=text("charts.position_legend", lang),
                       scale=alt.Scale(scheme="redyellowgreen", domain=[0, 1]),
                       legend=alt.Legend(orient="bottom", format=".0%"))
    base = alt.Chart(alt.NamedData(name=slot("rows")))
    # grey under every cell, colour on top where there is a position: Vega-Lite drops marks whose colour field
    # is empty, and an unreported cell must still be seen
    backdrop = base.mark_rect(color=MISSING_COLOUR).encode(
        x=x, y=y, tooltip=tooltip,
        stroke=when(IS_HIGHLIGHTED, alt.StrokeValue, "#111111", "white"),
        strokeWidth=when(IS_HIGHLIGHTED, alt.StrokeWidthValue, 3, 1)).add_params(_pick())
    cells = (base.transform_filter("isValid(datum.position)").mark_rect().encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        stroke=when(IS_HIGHLIGHTED, alt.StrokeValue, "#111111", "white"),
        strokeWidth=when(IS_HIGHLIGHTED, alt.StrokeWidthValue, 3, 1)))
    # never wider than its cell: a cell squeezed by a narrow screen shortens its text instead of printing over
    # the next one
    labels = base.mark_text(fontSize=13, limit=alt.ExprRef(expr="bandwidth('x') - 4")).encode(
        x=x, y=y, text=alt.Text("cell:N"), tooltip=tooltip,
        color=when("isValid(datum.position) && (datum.position < 0.2 || datum.position > 0.8)", alt.ColorValue,
                   "white", "#222222"))
    layers = [backdrop, cells, labels]
    if has_derived:  # a dashed frame inside the cell of a position computed from a derived figure
        layers.append(base.transform_filter(IS_DERIVED).mark_rect(filled=False, stroke="#111111", strokeWidth=2,
                                                                 strokeDash=DERIVED_DASH)
                      .encode(x=x, y=y, tooltip=tooltip, strokeDash=derived_dash()))
    chart = alt.layer(*layers).properties(width=alt.Step(96), height=alt.Step(30))
    return _finish(chart, slot("title"), slot("subtitle") if has_derived else None).to_dict(validate=False)


def composite_table(position_frame: pd.DataFrame, members: pd.DataFrame, weights: dict[str, float],
                    lang: str = "vi") -> pd.DataFrame:
    """The composite ranking as a display table (rank, province, score, indicators counted)."""
    ranking = scorecard.composite_ranking(position_frame, weights)
    # the scorecard's own labels: the table names whose figures it counts as the chart above it does
    labels = (dict(zip(position_frame["unit_id"].tolist(), position_frame["unit"].tolist()))
              if "unit" in position_frame else {})
    labels = {**unit_labels(members, lang), **labels}
    ranking = ranking[ranking["unit_id"].isin(labels.keys())]
    ranking = ranking.assign(unit=[labels[u] for u in ranking["unit_id"].tolist()])
    counted = position_frame[position_frame["position"].notna()]
    derived = (counted.loc[counted["derived"], "unit_id"].value_counts().to_dict()
               if "derived" in counted else {})
    return pd.DataFrame({
        text("charts.composite_rank", lang): ["—" if _missing(r) else str(int(r)) for r in ranking["rank"]],
        text("charts.unit", lang): ranking["unit"],
        text("charts.composite_score", lang): [text("charts.not_reported", lang) if _missing(s)
                                               else formatting.fmt_number(s, 1, lang) for s in ranking["score"]],
        text("charts.composite_counted", lang): ranking["indicators_counted"],
        # a score with a position computed from a derived figure says so (never mixed silently with reported ones)
        text("charts.col.source", lang): [
            text("charts.source.reported", lang) if not derived.get(u) else
            text("charts.composite_derived", lang, count=derived[u]) for u in ranking["unit_id"].tolist()],
    })
