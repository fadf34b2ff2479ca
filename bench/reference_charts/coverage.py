"""Coverage charts (shares of villages, households, ... covered) and the change from the previous year.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from bench.reference_charts.common import (
    _colour_by_highlight,
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

COVERAGE_KINDS = ("percent", "ratio")


def coverage_frame(values: pd.DataFrame, members: pd.DataFrame, indicator: dict, year: int,
                   lang: str = "vi") -> pd.DataFrame:
    """One row per member for a share indicator: measure (%), numerator, denominator and the label."""
    mine = values[(values["indicator_code"] == indicator["indicator_code"]) & (values["year"] == year)]
    frame = _units(members).merge(mine[["unit_id", "measure", "numerator", "denominator"]], on="unit_id", how="left")
    frame.insert(2, "year", year)
    frame["label"] = [format_measure(x, indicator["kind"], lang) for x in frame["measure"]]
    frame["fraction"] = ["" if _missing(n) or _missing(d) else
                         f"{formatting.fmt_auto(n, lang)}/{formatting.fmt_auto(d, lang)}"
                         for n, d in zip(frame["numerator"], frame["denominator"])]
    frame["reported"] = frame["measure"].notna()
    return frame.sort_values(["reported", "measure"], ascending=[False, False], ignore_index=True)


def coverage_chart(frame: pd.DataFrame, indicator: dict, year: int, lang: str = "vi",
                   highlight_unit_id: int | None = None):
    """Horizontal bars sorted best first, "98,7%" labels, the cluster average as a rule; provinces that did not
    report are listed at the bottom with "chưa báo cáo" and no bar."""
    data = _highlight(frame, highlight_unit_id)
    data["text_x"] = data["measure"].fillna(0.0)  # where the label sits; the bar itself stays absent
    average = scorecard.cluster_average(data["measure"], data["numerator"], data["denominator"])
    order = list(data["unit"])
    data = _slim(data, ["unit_id", "unit", "measure", "label", "fraction", "highlighted", "text_x"])
    name = indicator["name_vi"] if lang == "vi" else indicator["name_en"]
    y = alt.Y("unit:N", sort=order, title=None)
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)),
               alt.Tooltip("label:N", title=text("charts.percent", lang)),
               alt.Tooltip("fraction:N", title=text("charts.numerator_denominator", lang))]
    base = alt.Chart(data)
    bars = (base.transform_filter("isValid(datum.measure)").mark_bar()
            .encode(x=alt.X("measure:Q", title=text("charts.percent", lang), scale=alt.Scale(domain=[0, 100])),
                    y=y, color=_colour_by_highlight(), tooltip=tooltip)
            .add_params(_pick()))
    labels = (base.mark_text(align="left", dx=4)
              .encode(x=alt.X("text_x:Q"), y=y, text=alt.Text("label:N"),
                      color=when("isValid(datum.measure)", alt.ColorValue, "#222222", "#888888"), tooltip=tooltip))
    layers = [bars, labels]
    if not math.isnan(average):
        avg_label = text("charts.cluster_average", lang, value=format_measure(average, "percent", lang))
        avg = pd.DataFrame({"average": [average], "label": [avg_label]})
        layers.append(alt.Chart(avg).mark_rule(strokeDash=[6, 4], color="#333333", size=2)
                      .encode(x=alt.X("average:Q"), tooltip=alt.Tooltip("label:N", title=" ")))
        layers.append(alt.Chart(avg).mark_text(align="left", dx=4, dy=-8, baseline="bottom", color="#333333")
                      .encode(x=alt.X("average:Q"), y=alt.YValue(0), text=alt.Text("label:N")))
    chart = alt.layer(*layers).properties(height=alt.Step(34))
    return _finish(chart, text("charts.coverage_title", lang, indicator=name, year=year))


def change_frame(values: pd.DataFrame, members: pd.DataFrame, indicator: dict, year: int,
                 lang: str = "vi") -> pd.DataFrame:
    frame = scorecard.change_from_previous(values, list(members["unit_id"]), indicator["indicator_code"], year,
                                           indicator["better"])
    frame = _units(members).merge(frame, on="unit_id")
    kind = indicator["kind"]
    frame["current_label"] = [format_measure(v, kind, lang) for v in frame["current"]]
    frame["previous_label"] = [format_measure(v, kind, lang) for v in frame["previous"]]
    change_kind = "percent_points" if kind in ("percent", "ratio") else kind
    frame["label"] = [_change_label(c, change_kind, lang) if ok else text("charts.change_incomparable", lang)
                      for c, ok in zip(frame["change"], frame["comparable"])]
    frame["direction"] = [text("charts.change_incomparable", lang) if not ok else
                          text("charts.change_missing", lang) if _missing(c) else
                          text("charts.change_same", lang) if imp is None else
                          text("charts.change_better" if imp else "charts.change_worse", lang)
                          for c, imp, ok in zip(frame["change"], frame["improved"], frame["comparable"])]
    frame["year"] = year
    return frame


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
                 highlight_unit_id: int | None = None):
    """Change against the previous year per province, coloured by whether it went the good way."""
    data = _highlight(frame, highlight_unit_id)
    data["text_y"] = data["change"].fillna(0.0)
    order = list(data["unit"])
    data = _slim(data, ["unit_id", "unit", "change", "label", "direction", "previous_label", "current_label",
                        "highlighted", "text_y"])
    name = indicator["name_vi"] if lang == "vi" else indicator["name_en"]
    directions = [text(k, lang) for k in ("charts.change_better", "charts.change_worse", "charts.change_same")]
    x = alt.X("unit:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40, labelOverlap=False))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)),
               alt.Tooltip("previous_label:N", title=text("charts.change_previous", lang)),
               alt.Tooltip("current_label:N", title=text("charts.change_current", lang)),
               alt.Tooltip("label:N", title=text("charts.change", lang))]
    base = alt.Chart(data)
    bars = (base.transform_filter("isValid(datum.change)").mark_bar()
            .encode(x=x, y=alt.Y("change:Q", title=text("charts.change", lang)),
                    color=alt.Color("direction:N", title=None, scale=alt.Scale(
                        domain=directions, range=["#2ca02c", "#d62728", "#999999"]), legend=alt.Legend(orient="bottom")),
                    stroke=when("datum.highlighted", alt.StrokeValue, "#111111", None),
                    strokeWidth=when("datum.highlighted", alt.StrokeWidthValue, 3, 0),
                    tooltip=tooltip).add_params(_pick()))
    labels = base.transform_filter("isValid(datum.change)").mark_text(dy=-6, baseline="bottom").encode(
        x=x, y=alt.Y("text_y:Q"), text=alt.Text("label:N"), tooltip=tooltip, color=alt.ColorValue("#222222"))
    missing = base.transform_filter("!isValid(datum.change)").mark_text(angle=270, align="left", dx=4).encode(
        x=x, y=alt.Y("text_y:Q"), text=alt.Text("label:N"), tooltip=tooltip, color=alt.ColorValue("#888888"))
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#333333").encode(y=alt.Y("y:Q"))
    chart = alt.layer(bars, labels, missing, zero).properties(width=alt.Step(70), height=320)
    subtitle = text("charts.change_rank_note", lang) if indicator["better"] == "lower" else None
    return _finish(chart, text("charts.change_title", lang, indicator=name, year=year, previous=year - 1), subtitle)
