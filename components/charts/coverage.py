"""Coverage charts (shares of villages, households, ... covered) and the change from the previous year.
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from components.charts.common import (
    IS_DERIVED,
    IS_HIGHLIGHTED,
    _colour_by_highlight,
    _finish,
    _missing,
    _pick,
    columns_frame,
    derived_bar_marks,
    derived_dash,
    derived_opacity,
    figure_source_columns,
    figure_sources,
    filled,
    format_measure,
    is_derived,
    records,
    slot,
    source_text,
    template,
    text,
    unit_labels,
    when,
    with_highlight,
)
from components.i18n import formatting
from components.rules import scorecard

COVERAGE_KINDS = ("percent", "ratio")


def coverage_frame(values: pd.DataFrame, members: pd.DataFrame, indicator: dict, year: int,
                   lang: str = "vi") -> pd.DataFrame:
    """One row per member for a share indicator: measure (%), numerator, denominator, the label and where the
    figure comes from (source; derived when it is derived from the merged provinces, common.figure_sources); best
    first, then the members that did not report."""
    code = indicator["indicator_code"]
    mine = values[(values["indicator_code"] == code) & (values["year"] == year)]
    sources = figure_sources(mine, (code,), (year,))
    found = {u: (m, n, d) for u, m, n, d in zip(mine["unit_id"].tolist(), mine["measure"].tolist(),
                                                mine["numerator"].tolist(), mine["denominator"].tolist())}
    nothing = (math.nan, math.nan, math.nan)
    rows = []
    for unit_id, unit in unit_labels(members, lang, mine).items():
        measure, numerator, denominator = (math.nan if _missing(x) else float(x) for x in found.get(unit_id, nothing))
        fraction = ("" if math.isnan(numerator) or math.isnan(denominator) else
                    f"{formatting.fmt_auto(numerator, lang)}/{formatting.fmt_auto(denominator, lang)}")
        reported = not math.isnan(measure)
        rule, parts = sources.get((unit_id, year, code), ("reported", ()))
        rows.append((unit_id, unit, year, measure, numerator, denominator,
                     format_measure(measure, indicator["kind"], lang), fraction, reported,
                     source_text(rule, parts, lang) if reported else "", reported and is_derived(rule)))
    rows.sort(key=lambda r: (not r[8], -r[3] if r[8] else 0.0))  # stable: the members' order among equals
    return columns_frame(rows, {"unit_id": "int64", "unit": None, "year": "int64", "measure": "float64",
                                "numerator": "float64", "denominator": "float64", "label": None, "fraction": None,
                                "reported": "bool", "source": None, "derived": "bool"})


def coverage_chart(frame: pd.DataFrame, indicator: dict, year: int, lang: str = "vi",
                   highlight_unit_id: int | None = None) -> dict:
    """Horizontal bars sorted best first, "98,7%" labels, the cluster average as a rule; provinces that did not
    report are listed at the bottom with "chưa báo cáo" and no bar."""
    data = frame.assign(text_x=frame["measure"].fillna(0.0))  # where the label sits; the bar itself stays absent
    average = scorecard.cluster_average(data["measure"], data["numerator"], data["denominator"])
    name = indicator["name_vi"] if lang == "vi" else indicator["name_en"]
    datasets = {"rows": records(data, ["unit_id", "unit", "measure", "label", "fraction", "text_x", "source",
                                       "derived"])}
    has_average = not math.isnan(average)
    if has_average:
        datasets["average"] = [{"average": average, "label": text("charts.cluster_average", lang,
                                                                  value=format_measure(average, "percent", lang))}]
    has_derived = bool(frame["derived"].any())
    values = {"order": list(data["unit"]), "title": text("charts.coverage_title", lang, indicator=name, year=year)}
    if has_derived:  # the chart says what its marking means, also as a PNG or in the PDF
        values["subtitle"] = text("charts.derived_marked_bars", lang)
    spec = filled(_coverage_template(lang, has_average, has_derived), values, datasets)
    return with_highlight(spec, highlight_unit_id)


@template
def _coverage_template(lang: str, has_average: bool, has_derived: bool = False) -> dict:
    y = alt.Y("unit:N", sort=slot("order"), title=None)
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)),
               alt.Tooltip("label:N", title=text("charts.percent", lang)),
               alt.Tooltip("fraction:N", title=text("charts.numerator_denominator", lang)),
               alt.Tooltip("source:N", title=text("charts.col.source", lang))]
    base = alt.Chart(alt.NamedData(name=slot("rows")))
    bars = (base.transform_filter("isValid(datum.measure)").mark_bar()
            .encode(x=alt.X("measure:Q", title=text("charts.percent", lang), scale=alt.Scale(domain=[0, 100])),
                    y=y, color=_colour_by_highlight(), tooltip=tooltip, **derived_bar_marks())
            .add_params(_pick()))
    labels = (base.mark_text(align="left", dx=4)
              .encode(x=alt.X("text_x:Q"), y=y, text=alt.Text("label:N"),
                      color=when("isValid(datum.measure)", alt.ColorValue, "#222222", "#888888"), tooltip=tooltip))
    layers = [bars, labels]
    if has_average:
        avg = alt.Chart(alt.NamedData(name=slot("average")))
        layers.append(avg.mark_rule(strokeDash=[6, 4], color="#333333", size=2)
                      .encode(x=alt.X("average:Q"), tooltip=alt.Tooltip("label:N", title=" ")))
        layers.append(avg.mark_text(align="left", dx=4, dy=-8, baseline="bottom", color="#333333")
                      .encode(x=alt.X("average:Q"), y=alt.YValue(0), text=alt.Text("label:N")))
    chart = alt.layer(*layers).properties(height=alt.Step(34))
    return _finish(chart, slot("title"), slot("subtitle") if has_derived else None).to_dict(validate=False)


def change_frame(values: pd.DataFrame, members: pd.DataFrame, indicator: dict, year: int,
                 lang: str = "vi") -> pd.DataFrame:
    code = indicator["indicator_code"]
    labels = unit_labels(members, lang, values[(values["indicator_code"] == code)
                                              & values["year"].isin((year, year - 1))])
    change = scorecard.change_from_previous(values, list(labels), indicator["indicator_code"], year,
                                            indicator["better"])
    kind = indicator["kind"]
    change_kind = "percent_points" if kind in ("percent", "ratio") else kind
    incomparable = text("charts.change_incomparable", lang)
    changes, improved, comparable = change["change"].tolist(), change["improved"].tolist(), change["comparable"].tolist()
    sources = figure_sources(values, (code,), (year, year - 1))
    unit_ids = change["unit_id"].tolist()

    def source(figures: list, in_year: int) -> tuple[list[str], list[bool]]:
        return figure_source_columns(sources, [(u, in_year, code) for u in unit_ids],
                                     [not _missing(v) for v in figures], lang)

    current_source, current_derived = source(change["current"].tolist(), year)
    previous_source, previous_derived = source(change["previous"].tolist(), year - 1)
    return pd.DataFrame({
        "unit_id": change["unit_id"].to_numpy(), "unit": list(labels.values()),
        "current": change["current"].to_numpy(), "previous": change["previous"].to_numpy(),
        "change": change["change"].to_numpy(), "comparable": change["comparable"].to_numpy(),
        "improved": change["improved"].to_numpy(),
        "current_label": [format_measure(v, kind, lang) for v in change["current"].tolist()],
        "previous_label": [format_measure(v, kind, lang) for v in change["previous"].tolist()],
        "label": [_change_label(c, change_kind, lang) if ok else incomparable for c, ok in zip(changes, comparable)],
        "direction": [incomparable if not ok else
                      text("charts.change_missing", lang) if _missing(c) else
                      text("charts.change_same", lang) if imp is None else
                      text("charts.change_better" if imp else "charts.change_worse", lang)
                      for c, imp, ok in zip(changes, improved, comparable)],
        "current_source": current_source, "previous_source": previous_source,
        "current_derived": np.array(current_derived, dtype="bool"),
        "previous_derived": np.array(previous_derived, dtype="bool"),
        # the change is marked when either of its two figures is derived
        "derived": np.array([a or b for a, b in zip(current_derived, previous_derived)], dtype="bool"),
        "year": year})


def _change_label(change: float, kind: str, lang: str) -> str:
    if _missing(change):
        return text("charts.not_reported", lang)
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    magnitude = abs(change)
    if kind == "percent_points":
        return sign + formatting.fmt_number(magnitude, 1, lang) + (" điểm %" if lang == "vi" else " pts")
    if kind == "money":
        return sign + formatting.fmt_money(magnitude, lang)
    return sign + formatting.fmt_auto(magnitude, lang)


def change_chart(frame: pd.DataFrame, indicator: dict, year: int, lang: str = "vi",
                 highlight_unit_id: int | None = None) -> dict:
    """Change against the previous year per province, coloured by whether it went the good way."""
    data = frame.assign(text_y=frame["change"].fillna(0.0))
    name = indicator["name_vi"] if lang == "vi" else indicator["name_en"]
    rows = records(data, ["unit_id", "unit", "change", "label", "direction", "previous_label", "current_label",
                          "previous_source", "current_source", "derived", "text_y"])
    lower = indicator["better"] == "lower"
    falls_only = bool(data["change"].notna().any()) and bool((data["change"].dropna() <= 0).all())
    values = {"order": list(data["unit"]),
              "title": text("charts.change_title", lang, indicator=name, year=year, previous=year - 1),
              "missing_align": "right" if falls_only else "left", "missing_dx": -6 if falls_only else 6}
    subtitle = []
    if lower:
        subtitle.append(text("charts.change_rank_note", lang))
    if bool(data.loc[data["change"].notna(), "derived"].any()):
        subtitle.append(text("charts.derived_marked_bars", lang))
    if subtitle:
        values["subtitle"] = subtitle[0] if len(subtitle) == 1 else subtitle
    return with_highlight(filled(_change_template(lang, bool(subtitle)), values, {"rows": rows}), highlight_unit_id)


@template
def _change_template(lang: str, with_subtitle: bool) -> dict:
    directions = [text(k, lang) for k in ("charts.change_better", "charts.change_worse", "charts.change_same")]
    # the provinces down the side, as on the coverage chart: their names read whole, never turned on a slant, and
    # the chart grows with the members instead of being squeezed into the height Streamlit fits it to
    y = alt.Y("unit:N", sort=slot("order"), title=None)
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)),
               alt.Tooltip("previous_label:N", title=text("charts.change_previous", lang)),
               alt.Tooltip("current_label:N", title=text("charts.change_current", lang)),
               alt.Tooltip("label:N", title=text("charts.change", lang)),
               alt.Tooltip("previous_source:N", title=text("charts.col.previous_source", lang)),
               alt.Tooltip("current_source:N", title=text("charts.col.current_source", lang))]
    base = alt.Chart(alt.NamedData(name=slot("rows")))
    bars = (base.transform_filter("isValid(datum.change)").mark_bar()
            # "~g": no trailing zeros (a change of 0 read "0.000000" under d3's default for tiny ranges)
            # room at both ends for the label beside the longest bar
            .encode(y=y, x=alt.X("change:Q", title=text("charts.change", lang), axis=alt.Axis(format="~g"),
                                 scale=alt.Scale(padding=48)),
                    color=alt.Color("direction:N", title=None, scale=alt.Scale(
                        domain=directions, range=["#2ca02c", "#d62728", "#999999"]), legend=alt.Legend(orient="bottom")),
                    stroke=when(IS_HIGHLIGHTED, alt.StrokeValue, "#111111", "#333333"),
                    strokeWidth=alt.StrokeWidthValue(value=0, condition=[
                        {"test": IS_HIGHLIGHTED, "value": 3}, {"test": IS_DERIVED, "value": 1.5}]),
                    opacity=derived_opacity(), strokeDash=derived_dash(),
                    tooltip=tooltip).add_params(_pick()))
    # the change beside its bar's end: right of a growth, left of a fall
    gains = base.transform_filter("isValid(datum.change) && datum.change >= 0").mark_text(align="left", dx=6).encode(
        y=y, x=alt.X("text_y:Q", axis=None), text=alt.Text("label:N"), tooltip=tooltip,
        color=alt.ColorValue("#222222"))
    falls = base.transform_filter("isValid(datum.change) && datum.change < 0").mark_text(align="right", dx=-6).encode(
        y=y, x=alt.X("text_y:Q", axis=None), text=alt.Text("label:N"), tooltip=tooltip,
        color=alt.ColorValue("#222222"))
    # "chưa báo cáo" at zero, on the side where the plot has room (left of zero when every change is a fall)
    missing = base.transform_filter("!isValid(datum.change)").mark_text(
        align=slot("missing_align"), dx=slot("missing_dx")).encode(
        y=y, x=alt.X("text_y:Q", axis=None), text=alt.Text("label:N"), tooltip=tooltip,
        color=alt.ColorValue("#888888"))
    zero = alt.Chart(alt.InlineData(values=[{"x": 0.0}])).mark_rule(color="#333333").encode(
        x=alt.X("x:Q", axis=None))
    chart = alt.layer(bars, gains, falls, missing, zero).properties(height=alt.Step(34))
    return _finish(chart, slot("title"), slot("subtitle") if with_subtitle else None).to_dict(validate=False)
