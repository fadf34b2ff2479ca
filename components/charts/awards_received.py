"""Awards received and the emulation-title rates of the staff.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from components.charts.common import (
    IS_HIGHLIGHTED,
    _colour_by_highlight,
    _finish,
    _pick,
    columns_frame,
    derived_bar_marks,
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
from components.rules.honours import DEFAULT_STAFF_TARGETS, StaffTargets, title_rates

STAFF_FIGURES = ("staff_total", "staff_ldtt", "staff_cstdcs")
NOTHING_CARRIED = pd.DataFrame({"unit_id": [], "rule": [], "sources": []})


def level_label(level: str, lang: str = "vi") -> str:
    key = f"charts.level.{level}"
    label = text(key, lang)
    return level if label == key else label


def awards_frame(awards: pd.DataFrame, members: pd.DataFrame, year: int, lang: str = "vi") -> pd.DataFrame:
    """Counts per member, recipient kind, form and level; a member with no award row for a recipient kind gets
    one empty row labelled "chưa báo cáo"."""
    mine = awards[awards["year"] == year]
    found: dict[tuple[int, str], list[tuple[str, str, int]]] = {}
    for unit_id, recipient, form, level, count in zip(mine["unit_id"].tolist(), mine["recipient"].tolist(),
                                                      mine["form"].tolist(), mine["level"].tolist(),
                                                      mine["count"].tolist()):
        found.setdefault((unit_id, recipient), []).append((form, level, count))
    recipients = {r: text(f"charts.recipient.{r}", lang) for r in ("collective", "individual")}
    missing = text("charts.not_reported", lang)
    rows = []
    # awards are the members' own (no predecessor's are read): no label names a predecessor
    for unit_id, unit in unit_labels(members, lang, NOTHING_CARRIED).items():
        for recipient, recipient_label in recipients.items():
            base = {"unit_id": unit_id, "unit": unit, "year": year, "recipient": recipient,
                    "recipient_label": recipient_label}
            group = found.get((unit_id, recipient))
            if not group:
                rows.append({**base, "form": None, "level": None, "category": None, "count": math.nan,
                             "label": missing})
            for form, level, count in group or ():
                rows.append({**base, "form": form, "level": level, "category": f"{form} ({level_label(level, lang)})",
                             "count": float(count), "label": formatting.fmt_number(count, 0, lang)})
    return pd.DataFrame(rows, columns=["unit_id", "unit", "year", "recipient", "recipient_label", "form", "level",
                                       "category", "count", "label"])


def awards_chart(frame: pd.DataFrame, year: int, lang: str = "vi", highlight_unit_id: int | None = None) -> dict:
    """Stacked bars per province by form and issuing level, one panel for collectives, one for individuals."""
    rows = records(frame.assign(text_y=0.0), ["unit_id", "unit", "recipient_label", "category", "count", "label",
                                              "text_y"])
    values = {"order": list(dict.fromkeys(frame["unit"])), "title": text("charts.awards_title", lang, year=year)}
    return with_highlight(filled(_awards_template(lang), values, {"rows": rows}), highlight_unit_id)


@template
def _awards_template(lang: str) -> dict:
    x = alt.X("unit:N", sort=slot("order"), title=None, axis=alt.Axis(labelAngle=-40, labelOverlap=False))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)),
               alt.Tooltip("category:N", title=text("charts.award_form", lang)),
               alt.Tooltip("label:N", title=text("charts.awards_count", lang))]
    bars = (alt.Chart().transform_filter("isValid(datum.count)").mark_bar()
            .encode(x=x, y=alt.Y("sum(count):Q", title=text("charts.awards_count", lang)),
                    color=alt.Color("category:N", title=text("charts.award_form", lang),
                                    legend=alt.Legend(orient="bottom", columns=2, labelLimit=360)),
                    stroke=when(IS_HIGHLIGHTED, alt.StrokeValue, "#111111", None),
                    strokeWidth=when(IS_HIGHLIGHTED, alt.StrokeWidthValue, 2.5, 0),
                    detail=alt.Detail("unit_id:N"),  # keeps the unit id (the highlight's test) through the stacking
                    tooltip=tooltip)
            .add_params(_pick()))
    missing = (alt.Chart().transform_filter("!isValid(datum.count)").mark_text(angle=270, align="left", dx=-2,
                                                                                color="#888888")
               .encode(x=x, y=alt.Y("text_y:Q"), text=alt.Text("label:N")))
    chart = (alt.layer(bars, missing, data=alt.NamedData(name=slot("rows"))).properties(width=alt.Step(52), height=300)
             .facet(column=alt.Column("recipient_label:N", title=None,
                                      sort=[text("charts.recipient.collective", lang),
                                            text("charts.recipient.individual", lang)])))
    return _finish(chart, slot("title")).to_dict(validate=False)


def rates_frame(values: pd.DataFrame, members: pd.DataFrame, year: int, lang: str = "vi",
                targets: StaffTargets = DEFAULT_STAFF_TARGETS) -> pd.DataFrame:
    """The LĐTT and CSTĐCS shares of staff against the cluster's targets, and the CSTĐCS share of LĐTT against the
    legal cap: three panels, the target and the cap named apart."""
    labels = unit_labels(members, lang, values[(values["year"] == year) & values["indicator_code"].isin(STAFF_FIGURES)])
    rates = title_rates(values, list(labels), year, targets)
    # a share's source: a derived staff figure marks it derived (the sums of the merged provinces' staff)
    sources = figure_sources(values, STAFF_FIGURES, (year,))
    figures_of = {"ldtt_of_staff": ("staff_ldtt", "staff_total"), "cstdcs_of_staff": ("staff_cstdcs", "staff_total"),
                  "cstdcs_of_ldtt": ("staff_cstdcs", "staff_ldtt")}
    rows = []
    for unit_id, code, rate, kind, target, meets in zip(
            rates["unit_id"].tolist(), rates["indicator_code"].tolist(), rates["rate"].tolist(),
            rates["limit_kind"].tolist(), rates["target"].tolist(), rates["meets_target"].tolist()):
        target_label = text(f"charts.limit.{code}", lang, value=format_measure(target, "percent", lang))
        # the panel header names the target the dashed rule stands for
        title = f"{text(f'charts.title.{code}', lang)} ({target_label.lower()})"
        found = [sources.get((unit_id, year, f), ("reported", ())) for f in figures_of.get(code, ())]
        rule, parts = next((f for f in found if is_derived(f[0])), found[0] if found else ("reported", ()))
        present = not math.isnan(rate)
        rows.append((unit_id, labels.get(unit_id), year, code, title, rate, format_measure(rate, "percent", lang),
                     kind, target, target_label, meets, source_text(rule, parts, lang) if present else "",
                     present and is_derived(rule)))
    return columns_frame(rows, {"unit_id": "int64", "unit": None, "year": "int64", "indicator_code": None,
                                "title": None, "rate": "float64", "label": None, "limit_kind": None,
                                "target": "float64", "target_label": None, "meets_target": object,
                                "source": None, "derived": "bool"})


def rates_chart(frame: pd.DataFrame, year: int, lang: str = "vi", highlight_unit_id: int | None = None) -> dict:
    """One panel per share, with the cluster's target (or the legal cap) as a dashed rule."""
    rows = records(frame.assign(text_y=frame["rate"].fillna(0.0)),
                   ["unit_id", "unit", "title", "rate", "label", "target", "target_label", "text_y", "source",
                    "derived"])
    values = {"order": list(dict.fromkeys(frame["unit"])),
              # in the order of the targets: Lao động tiên tiến first
              "titles": list(dict.fromkeys(frame["title"])),
              "title": text("charts.rates_title", lang, year=year)}
    has_derived = bool(frame["derived"].any())
    if has_derived:
        values["subtitle"] = text("charts.derived_marked_bars", lang)
    return with_highlight(filled(_rates_template(lang, has_derived), values, {"rows": rows}), highlight_unit_id)


@template
def _rates_template(lang: str, has_derived: bool = False) -> dict:
    x = alt.X("unit:N", sort=slot("order"), title=None, axis=alt.Axis(labelAngle=-40, labelOverlap=False))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)), alt.Tooltip("label:N", title="%"),
               alt.Tooltip("target_label:N", title=" "),
               alt.Tooltip("source:N", title=text("charts.col.source", lang))]
    bars = (alt.Chart().transform_filter("isValid(datum.rate)").mark_bar()
            .encode(x=x, y=alt.Y("rate:Q", title=text("charts.rate", lang), scale=alt.Scale(domain=[0, 100])),
                    color=_colour_by_highlight(), tooltip=tooltip, **derived_bar_marks())
            .add_params(_pick()))
    labels = alt.Chart().transform_filter("isValid(datum.rate)").mark_text(dy=-6, baseline="bottom").encode(
        x=x, y=alt.Y("text_y:Q"), text=alt.Text("label:N"), color=alt.ColorValue("#222222"))
    missing = alt.Chart().transform_filter("!isValid(datum.rate)").mark_text(angle=270, align="left", dx=4).encode(
        x=x, y=alt.Y("text_y:Q"), text=alt.Text("label:N"), color=alt.ColorValue("#888888"))
    rule = alt.Chart().mark_rule(strokeDash=[6, 4], color="#333333", size=2).encode(
        y=alt.Y("mean(target):Q"), tooltip=alt.Tooltip("min(target_label):N", title=" "))
    chart = (alt.layer(bars, labels, missing, rule, data=alt.NamedData(name=slot("rows")))
             .properties(width=alt.Step(52), height=280)
             .facet(column=alt.Column("title:N", title=None, sort=slot("titles"))))
    return _finish(chart, slot("title"), slot("subtitle") if has_derived else None).to_dict(validate=False)
