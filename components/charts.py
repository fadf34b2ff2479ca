"""The comparison charts: pure functions, DataFrame in, alt.Chart out. No Streamlit here, so every chart can be
unit-tested on its spec and exported by components/exports.py.

Each chart has a *_frame() that turns the query results into the table behind the chart (also the table that the
CSV/XLSX exports carry), with labels already in Vietnamese format, and a *_chart() that draws it. A figure a
province did not report stays a row with an empty measure and the label "chưa báo cáo": no bar, no point, no 0.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from components import formatting, scorecard
from components.texts.charts import TEXTS

FONT = "DejaVu Sans"
BASE_COLOUR = "#4c78a8"
HIGHLIGHT_COLOUR = "#e4572e"
MISSING_COLOUR = "#d9d9d9"
PICK = "unit_pick"  # the click selection every chart carries; the page turns a click into the highlight
DTI_PILLARS = ("dti_rank", "dti_rank_digital_government", "dti_rank_digital_economy", "dti_rank_digital_society")
COVERAGE_KINDS = ("percent", "ratio")


def text(key: str, lang: str = "vi", **params: object) -> str:
    vi, en = TEXTS[key]
    chosen = vi if lang == "vi" else en
    return chosen.format(**params) if params else chosen


def format_measure(x: float | None, kind: str, lang: str = "vi") -> str:
    """A figure as the meeting reads it: 98,7% for shares, 6 for ranks, 0,65 for scores, 1.542 for counts."""
    missing = text("charts.not_reported", lang)
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return missing
    if kind in ("percent", "ratio"):
        return formatting.fmt_percent(x, 1, lang, missing)
    if kind == "money":
        return formatting.fmt_money(x, lang, missing)
    if kind == "rank":
        return formatting.fmt_number(x, 0, lang, missing)
    return formatting.fmt_auto(x, lang, missing)


def _missing(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _units(members: pd.DataFrame) -> pd.DataFrame:
    return members[["unit_id", "province"]].rename(columns={"province": "unit"})


def _highlight(frame: pd.DataFrame, highlight_unit_id: int | None) -> pd.DataFrame:
    frame = frame.copy()
    frame["highlighted"] = frame["unit_id"] == highlight_unit_id if highlight_unit_id is not None else False
    return frame


def _slim(data: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only what the marks and tooltips use: every column is sent to the browser, on 4G in the mountains."""
    return data[columns]


def _pick() -> alt.Parameter:
    return alt.selection_point(name=PICK, fields=["unit_id"], on="click", clear="dblclick")


def _colour_by_highlight() -> alt.Color:
    return alt.Color("highlighted:N", scale=alt.Scale(domain=[False, True], range=[BASE_COLOUR, HIGHLIGHT_COLOUR]),
                     legend=None)


def _finish(chart, title: str, subtitle: str | None = None):
    title_params = alt.TitleParams(title, subtitle=subtitle or alt.Undefined, anchor="start")
    # every text role names the bundled font (the Streamlit theme sets its own), so the page, the PNG/SVG files and
    # the PDF look alike; SVG rather than canvas in the browser keeps the Vietnamese text selectable and searchable
    return (chart.properties(title=title_params, usermeta={"embedOptions": {"renderer": "svg"}}).configure(font=FONT)
            .configure_axis(labelLimit=320, labelFont=FONT, titleFont=FONT)
            .configure_title(font=FONT, subtitleFont=FONT, fontWeight="bold")
            .configure_legend(labelFont=FONT, titleFont=FONT)
            .configure_header(labelFont=FONT, titleFont=FONT)
            .configure_text(font=FONT))


# --- coverage --------------------------------------------------------------------------------------------------


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
              .encode(x="text_x:Q", y=y, text="label:N", color=alt.condition(
                  "isValid(datum.measure)", alt.value("#222222"), alt.value("#888888")), tooltip=tooltip))
    layers = [bars, labels]
    if not math.isnan(average):
        avg_label = text("charts.cluster_average", lang, value=format_measure(average, "percent", lang))
        avg = pd.DataFrame({"average": [average], "label": [avg_label]})
        layers.append(alt.Chart(avg).mark_rule(strokeDash=[6, 4], color="#333333", size=2)
                      .encode(x="average:Q", tooltip=alt.Tooltip("label:N", title=" ")))
        layers.append(alt.Chart(avg).mark_text(align="left", dx=4, dy=-8, baseline="bottom", color="#333333")
                      .encode(x="average:Q", y=alt.value(0), text="label:N"))
    chart = alt.layer(*layers).properties(height=alt.Step(34))
    return _finish(chart, text("charts.coverage_title", lang, indicator=name, year=year))


# --- DTI -------------------------------------------------------------------------------------------------------


def dti_frame(values: pd.DataFrame, members: pd.DataFrame, pillar: str, lang: str = "vi") -> pd.DataFrame:
    """Every member x every year that has a rank for anyone: rank, ranked_of and "6/63"; missing rank stays empty."""
    mine = values[values["indicator_code"] == pillar]
    years = sorted(mine["year"].unique())
    grid = _units(members).merge(pd.DataFrame({"year": years}, dtype="int64"), how="cross")
    frame = grid.merge(mine[["unit_id", "year", "measure", "ranked_of"]], on=["unit_id", "year"], how="left")
    frame = frame.rename(columns={"measure": "rank"})
    frame["label"] = [text("charts.not_reported", lang) if _missing(r) else
                      (text("charts.rank_of", lang, rank=int(r), of=int(o)) if not _missing(o) else str(int(r)))
                      for r, o in zip(frame["rank"], frame["ranked_of"])]
    return frame


def dti_chart(frame: pd.DataFrame, pillar: str, lang: str = "vi", highlight_unit_id: int | None = None):
    """Rank per province per year on a reversed axis (1 at the top); the number ranked (63, later 34) in the
    tooltip. A year without a rank is a gap in the line, never a point at 0."""
    data = _highlight(frame, highlight_unit_id)
    data = _slim(data[data["rank"].notna()], ["unit_id", "unit", "year", "rank", "ranked_of", "label", "highlighted"])
    top = int(max(data["ranked_of"].max() if data["ranked_of"].notna().any() else 0, data["rank"].max()
                  if len(data) else 1, 1))
    x = alt.X("year:O", title=text("charts.year", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("rank:Q", title=text("charts.dti_rank_axis", lang),
              scale=alt.Scale(reverse=True, domain=[1, top], zero=False, nice=False))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)), alt.Tooltip("year:O", title=text("charts.year", lang)),
               alt.Tooltip("label:N", title=text("charts.dti_rank_of", lang))]
    units = list(dict.fromkeys(frame["unit"]))
    # a fixed palette: the Streamlit theme's palette pairs light and dark shades that read as one colour
    colour = alt.Color("unit:N", title=text("charts.unit", lang), sort=units,
                       scale=alt.Scale(domain=units, scheme="tableau10"))
    dimmed = 0.3 if highlight_unit_id is not None else 0.95
    opacity = alt.condition("datum.highlighted", alt.value(1.0), alt.value(dimmed))
    base = alt.Chart(data).encode(x=x, y=y, color=colour, detail="unit:N")
    lines = base.mark_line().encode(
        strokeWidth=alt.condition("datum.highlighted", alt.value(5), alt.value(2.5)), opacity=opacity)
    points = base.mark_point(filled=True).encode(
        size=alt.condition("datum.highlighted", alt.value(240), alt.value(80)), opacity=opacity,
        tooltip=tooltip).add_params(_pick())
    labels = base.transform_filter("datum.highlighted").mark_text(align="left", dx=10, fontSize=13,
                                                                  fontWeight="bold").encode(text="label:N")
    chart = alt.layer(lines, points, labels).properties(width=640, height=380)
    return _finish(chart, text("charts.dti_title", lang, pillar=text(f"charts.pillar.{pillar}", lang)))


def dti_missing(frame: pd.DataFrame) -> dict[str, list[int]]:
    """province -> years without a rank, for the "chưa báo cáo" note under the DTI chart."""
    gaps = frame[frame["rank"].isna()]
    return {unit: sorted(int(y) for y in group["year"]) for unit, group in gaps.groupby("unit", sort=False)}


# --- awards ----------------------------------------------------------------------------------------------------


def level_label(level: str, lang: str = "vi") -> str:
    key = f"charts.level.{level}"
    return text(key, lang) if key in TEXTS else level


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
                targets: dict[str, float] | None = None) -> pd.DataFrame:
    rates = scorecard.title_rates(values, list(members["unit_id"]), year,
                                  targets or scorecard.DEFAULT_AWARD_TARGETS)
    frame = rates.merge(_units(members), on="unit_id", how="left")
    frame["label"] = [format_measure(r, "percent", lang) for r in frame["rate"]]
    frame["target_label"] = [text("charts.target", lang, value=format_measure(v, "percent", lang))
                             for v in frame["target"]]
    # the panel header names the target the dashed rule stands for
    frame["title"] = [f"{text(f'charts.title.{code}', lang)} ({target.lower()})"
                      for code, target in zip(frame["indicator_code"], frame["target_label"])]
    frame["year"] = year
    return frame[["unit_id", "unit", "year", "indicator_code", "title", "rate", "label", "target", "target_label",
                  "meets_target"]]


def rates_chart(frame: pd.DataFrame, year: int, lang: str = "vi", highlight_unit_id: int | None = None):
    """Share of staff holding each title, one panel per title, with the cluster's target as a rule."""
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


# --- scorecard -------------------------------------------------------------------------------------------------


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
        stroke=alt.condition("datum.highlighted", alt.value("#111111"), alt.value("white")),
        strokeWidth=alt.condition("datum.highlighted", alt.value(3), alt.value(1))).add_params(_pick())
    cells = (alt.Chart(data).transform_filter("isValid(datum.position)").mark_rect().encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        stroke=alt.condition("datum.highlighted", alt.value("#111111"), alt.value("white")),
        strokeWidth=alt.condition("datum.highlighted", alt.value(3), alt.value(1))))
    labels = alt.Chart(data).mark_text(fontSize=11).encode(
        x=x, y=y, text="cell:N", tooltip=tooltip,
        color=alt.condition("isValid(datum.position) && (datum.position < 0.2 || datum.position > 0.8)",
                            alt.value("white"), alt.value("#222222")))
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


# --- change on the previous year -------------------------------------------------------------------------------


def change_frame(values: pd.DataFrame, members: pd.DataFrame, indicator: dict, year: int,
                 lang: str = "vi") -> pd.DataFrame:
    frame = scorecard.change_from_previous(values, list(members["unit_id"]), indicator["indicator_code"], year,
                                           indicator["better"])
    frame = _units(members).merge(frame, on="unit_id")
    kind = indicator["kind"]
    frame["current_label"] = [format_measure(v, kind, lang) for v in frame["current"]]
    frame["previous_label"] = [format_measure(v, kind, lang) for v in frame["previous"]]
    change_kind = "percent_points" if kind in ("percent", "ratio") else kind
    frame["label"] = [_change_label(c, change_kind, lang) for c in frame["change"]]
    frame["direction"] = [text("charts.change_missing", lang) if _missing(c) else
                          text("charts.change_same", lang) if imp is None else
                          text("charts.change_better" if imp else "charts.change_worse", lang)
                          for c, imp in zip(frame["change"], frame["improved"])]
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
                    stroke=alt.condition("datum.highlighted", alt.value("#111111"), alt.value(None)),
                    strokeWidth=alt.condition("datum.highlighted", alt.value(3), alt.value(0)),
                    tooltip=tooltip).add_params(_pick()))
    labels = base.transform_filter("isValid(datum.change)").mark_text(dy=-6, baseline="bottom").encode(
        x=x, y="text_y:Q", text="label:N", tooltip=tooltip, color=alt.value("#222222"))
    missing = base.transform_filter("!isValid(datum.change)").mark_text(angle=270, align="left", dx=4).encode(
        x=x, y="text_y:Q", text="label:N", tooltip=tooltip, color=alt.value("#888888"))
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#333333").encode(y="y:Q")
    chart = alt.layer(bars, labels, missing, zero).properties(width=alt.Step(70), height=320)
    subtitle = text("charts.change_rank_note", lang) if indicator["better"] == "lower" else None
    return _finish(chart, text("charts.change_title", lang, indicator=name, year=year, previous=year - 1), subtitle)


# --- projector -------------------------------------------------------------------------------------------------


PROJECTOR_CONFIG = {
    "axis": {"labelFontSize": 18, "titleFontSize": 18, "labelLimit": 420},
    "legend": {"labelFontSize": 16, "titleFontSize": 16, "labelLimit": 420},
    "title": {"fontSize": 28, "subtitleFontSize": 18},
    "text": {"fontSize": 18},
    "header": {"labelFontSize": 20, "titleFontSize": 20},
}


def for_projector(chart):
    """The same chart (an alt.Chart or its spec dict) with type readable from the back of a conference room."""
    if isinstance(chart, dict):
        config = dict(chart.get("config", {}))
        for part, values in PROJECTOR_CONFIG.items():
            config[part] = {**config.get(part, {}), **values}
        return {**chart, "config": config}
    return (chart.configure_axis(**PROJECTOR_CONFIG["axis"]).configure_legend(**PROJECTOR_CONFIG["legend"])
            .configure_title(**PROJECTOR_CONFIG["title"]).configure_text(**PROJECTOR_CONFIG["text"])
            .configure_header(**PROJECTOR_CONFIG["header"]))
