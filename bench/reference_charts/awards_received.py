"""Awards received and the emulation-title rates of the staff.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from bench.reference_charts.common import (
    _colour_by_highlight,
    _finish,
    _highlight,
    _pick,
    _slim,
    _units,
    format_measure,
    text,
)
from components.i18n import formatting
from components.rules.honours import DEFAULT_STAFF_TARGETS, StaffTargets, title_rates


def level_label(level: str, lang: str = "vi") -> str:
    key = f"charts.level.{level}"
    label = text(key, lang)
    return level if label == key else label


def awards_frame(awards: pd.DataFrame, members: pd.DataFrame, year: int, lang: str = "vi") -> pd.DataFrame:
    """Counts per member, recipient kind, form and level; a member with no award row for a recipient kind gets
    one empty row labelled "chưa báo cáo"."""
    mine = awards[awards["year"] == year]
    rows = []
    for unit_id, unit in zip(members["unit_id"], members["province"]):
        for recipient in ("collective", "individual"):
            group = mine[(mine["unit_id"] == unit_id) & (mine["recipient"] == recipient)]
            base = {"unit_id": unit_id, "unit": unit, "year": year, "recipient": recipient,
                    "recipient_label": text(f"charts.recipient.{recipient}", lang)}
            if group.empty:
                rows.append({**base, "form": None, "level": None, "category": None, "count": math.nan,
                             "label": text("charts.not_reported", lang)})
            for form, level, count in zip(group["form"], group["level"], group["count"]):
                rows.append({**base, "form": form, "level": level, "category": f"{form} ({level_label(level, lang)})",
                             "count": float(count), "label": formatting.fmt_number(count, 0, lang)})
    return pd.DataFrame(rows, columns=["unit_id", "unit", "year", "recipient", "recipient_label", "form", "level",
                                       "category", "count", "label"])


def awards_chart(frame: pd.DataFrame, year: int, lang: str = "vi", highlight_unit_id: int | None = None):
    """Stacked bars per province by form and issuing level, one panel for collectives, one for individuals."""
    data = _highlight(frame, highlight_unit_id)
    data["text_y"] = 0.0
    order = list(dict.fromkeys(data["unit"]))
    data = _slim(data, ["unit_id", "unit", "recipient_label", "category", "count", "label", "highlighted", "text_y"])
    x = alt.X("unit:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40, labelOverlap=False))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)),
               alt.Tooltip("category:N", title=text("charts.award_form", lang)),
               alt.Tooltip("label:N", title=text("charts.awards_count", lang))]
    bars = (alt.Chart().transform_filter("isValid(datum.count)").mark_bar()
            .encode(x=x, y=alt.Y("sum(count):Q", title=text("charts.awards_count", lang)),
                    color=alt.Color("category:N", title=text("charts.award_form", lang),
                                    legend=alt.Legend(orient="bottom", columns=2, labelLimit=360)),
                    stroke=alt.condition("datum.highlighted", alt.value("#111111"), alt.value(None)),
                    strokeWidth=alt.condition("datum.highlighted", alt.value(2.5), alt.value(0)),
                    detail="highlighted:N",  # keeps the flag through the stacking aggregate
                    tooltip=tooltip)
            .add_params(_pick()))
    missing = (alt.Chart().transform_filter("!isValid(datum.count)").mark_text(angle=270, align="left", dx=-2,
                                                                                color="#888888")
               .encode(x=x, y=alt.Y("text_y:Q"), text="label:N"))
    chart = (alt.layer(bars, missing, data=data).properties(width=alt.Step(52), height=300)
             .facet(column=alt.Column("recipient_label:N", title=None,
                                      sort=[text("charts.recipient.collective", lang),
                                            text("charts.recipient.individual", lang)])))
    return _finish(chart, text("charts.awards_title", lang, year=year))


def rates_frame(values: pd.DataFrame, members: pd.DataFrame, year: int, lang: str = "vi",
                targets: StaffTargets = DEFAULT_STAFF_TARGETS) -> pd.DataFrame:
    """The LĐTT and CSTĐCS shares of staff against the cluster's targets, and the CSTĐCS share of LĐTT against the
    legal cap: three panels, the target and the cap named apart."""
    rates = title_rates(values, list(members["unit_id"]), year, targets)
    frame = rates.merge(_units(members), on="unit_id", how="left")
    frame["label"] = [format_measure(r, "percent", lang) for r in frame["rate"]]
    frame["target_label"] = [text(f"charts.limit.{code}", lang, value=format_measure(v, "percent", lang))
                             for code, v in zip(frame["indicator_code"], frame["target"])]
    # the panel header names the target the dashed rule stands for
    frame["title"] = [f"{text(f'charts.title.{code}', lang)} ({target.lower()})"
                      for code, target in zip(frame["indicator_code"], frame["target_label"])]
    frame["year"] = year
    return frame[["unit_id", "unit", "year", "indicator_code", "title", "rate", "label", "limit_kind", "target",
                  "target_label", "meets_target"]]


def rates_chart(frame: pd.DataFrame, year: int, lang: str = "vi", highlight_unit_id: int | None = None):
    """One panel per share, with the cluster's target (or the legal cap) as a dashed rule."""
    data = _highlight(frame, highlight_unit_id)
    data["text_y"] = data["rate"].fillna(0.0)
    order = list(dict.fromkeys(data["unit"]))
    data = _slim(data, ["unit_id", "unit", "title", "rate", "label", "target", "target_label", "highlighted",
                        "text_y"])
    x = alt.X("unit:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40, labelOverlap=False))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)), alt.Tooltip("label:N", title="%"),
               alt.Tooltip("target_label:N", title=" ")]
    bars = (alt.Chart().transform_filter("isValid(datum.rate)").mark_bar()
            .encode(x=x, y=alt.Y("rate:Q", title=text("charts.rate", lang), scale=alt.Scale(domain=[0, 100])),
                    color=_colour_by_highlight(), tooltip=tooltip).add_params(_pick()))
    labels = alt.Chart().transform_filter("isValid(datum.rate)").mark_text(dy=-6, baseline="bottom").encode(
        x=x, y="text_y:Q", text="label:N", color=alt.value("#222222"))
    missing = alt.Chart().transform_filter("!isValid(datum.rate)").mark_text(angle=270, align="left", dx=4).encode(
        x=x, y="text_y:Q", text="label:N", color=alt.value("#888888"))
    rule = alt.Chart().mark_rule(strokeDash=[6, 4], color="#333333", size=2).encode(
        y="mean(target):Q", tooltip=alt.Tooltip("min(target_label):N", title=" "))
    titles = list(dict.fromkeys(data["title"]))  # in the order of the targets: Lao động tiên tiến first
    chart = (alt.layer(bars, labels, missing, rule, data=data).properties(width=alt.Step(52), height=280)
             .facet(column=alt.Column("title:N", title=None, sort=titles)))
    return _finish(chart, text("charts.rates_title", lang, year=year))
