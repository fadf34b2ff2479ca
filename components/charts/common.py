"""What every comparison chart shares: the font, colours, labels, the click selection and the projector
sizes. Each chart family has a *_frame() that turns query results into the table behind the chart (also what the
CSV/XLSX exports carry) and a *_chart() that draws it. A figure a province did not report stays a row with an
empty measure and the label "chưa báo cáo": no bar, no point, no 0.
"""

from __future__ import annotations

import functools
import hashlib
import math
import pickle
import re
import zlib
from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from components.i18n import formatting, translate
from components.rules.derived import DERIVED_RULES

# Altair validates every object against the Vega-Lite schema as it is created ("debug mode"): at the Khối's scale
# that was most of the time of a new choice on the comparisons page. The charts are fixed code, so their specs are
# validated once, by the test suite (tests/charts/test_charts.py calls to_dict(), which validates), not on every build.
alt.utils.schemapi.disable_debug_mode()

# the app's own font: served to every browser from static/fonts (see .streamlit/config.toml) and registered with
# vl-convert for the exports, so no chart depends on what an office computer has installed; DejaVu Sans draws the
# hook (ả) and the breve (ă) like an acute and a macron at chart sizes, and most office computers lack it
FONT = "Be Vietnam Pro"
BASE_COLOUR = "#4c78a8"
HIGHLIGHT_COLOUR = "#e4572e"
MISSING_COLOUR = "#d9d9d9"
PICK = "unit_pick"  # the click selection every chart carries; the page turns a click into the highlight


def text(key: str, lang: str = "vi", **params: object) -> str:
    """A chart's words, through the one door of the catalogue."""
    return translate(key, lang, **params)


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


# one colour per province in every view, year and role: keyed by the province (it keeps its name when its
# department becomes the Sở KH&CN), never by a unit's place in the list. The provinces of the northern mountain
# cluster have a colour each; any other province takes one by a stable hash of its name.
PALETTE = ("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d",
           "#bab0ac")
PROVINCE_COLOURS = {"Sơn La": PALETTE[0], "Lai Châu": PALETTE[1], "Điện Biên": PALETTE[2], "Lào Cai": PALETTE[3],
                    "Hà Giang": PALETTE[4], "Cao Bằng": PALETTE[5], "Lạng Sơn": PALETTE[6],
                    "Tuyên Quang": PALETTE[7], "Yên Bái": PALETTE[8]}


def province_colour(province: str) -> str:
    return PROVINCE_COLOURS.get(province) or PALETTE[zlib.crc32(province.encode("utf-8")) % len(PALETTE)]


def unit_labels(members: pd.DataFrame, lang: str = "vi", shown: pd.DataFrame | None = None) -> dict[int, str]:
    """unit id -> the label a chart prints for each member, in the members' order, in the reader's language where
    it says whose earlier figures a member shows ("Tuyên Quang (gồm số liệu Hà Giang đến 2024)", the column
    "carried" of db.comparison_queries.values_with_history). With shown, the rows the chart draws: only the
    predecessors whose figures are among them are named (Lào Cai's own 2022 coverage is not "gồm số liệu Yên
    Bái" because the scorecard of that year shows a DTI pillar of Yên Bái's); rows that do not say whose figure
    they are (no column "rule") name every predecessor carried."""
    carried = members["carried"].tolist() if "carried" in members else [()] * len(members)
    unit_ids = members["unit_id"].tolist()
    if shown is not None and "rule" in shown:
        mine = shown[shown["rule"] == "carried"]
        named: dict[int, set[str]] = {}
        for unit_id, sources in zip(mine["unit_id"].tolist(), mine["sources"].tolist()):
            named.setdefault(int(unit_id), set()).update(sources)
        carried = [tuple(h for h in history if h[0] in named.get(int(u), ())) for u, history in zip(unit_ids, carried)]
    return {unit_id: _with_history(province, history, lang)
            for unit_id, province, history in zip(unit_ids, members["province"].tolist(), carried)}


def _with_history(province: str, history, lang: str) -> str:
    if not history:
        return province
    label = ", ".join(f"{name} {translate('org.until', lang, year=until)}" for name, until in history)
    return translate("org.with_history", lang, unit=province, predecessors=label)


# --- where a figure comes from (issue 21, item 5) ------------------------------------------------------------------
# A merged member's earlier years may show a figure derived from the provinces it is made of
# (db.comparison_queries.values_with_history, columns "rule" and "sources"). Each chart marks such a row in its
# data ("derived": true, "source": the sentence), draws it apart (pale, dashed outline) and says so in a note and
# in its tooltip; the table behind the chart and its exports carry the same "source" column.
IS_DERIVED = "datum.derived === true"
DERIVED_OPACITY = 0.45
DERIVED_DASH = [4, 3]


def source_text(rule: str | None, sources, lang: str = "vi") -> str:
    """The source of a figure in words: "Báo cáo", "Báo cáo của Yên Bái", "Suy ra: tổng của Lào Cai, Yên Bái"."""
    if rule is None or rule == "reported":
        return text("charts.source.reported", lang)
    return text(f"charts.source.{rule}", lang, units=", ".join(sources or ()))


def is_derived(rule: str | None) -> bool:
    return rule in DERIVED_RULES


def figure_sources(values: pd.DataFrame, codes, years) -> dict[tuple[int, int, str], tuple[str, tuple]]:
    """(unit, year, indicator) -> (rule, sources) of the figures in `values` that are not the member's own report
    (a carried or a derived one); a frame without the columns (a test's, say) holds reported figures only."""
    if "rule" not in values.columns or values.empty:
        return {}
    mine = values[(values["rule"] != "reported") & values["indicator_code"].isin(list(codes))
                  & values["year"].isin(list(years))]
    return {(u, y, c): (r, s) for u, y, c, r, s in zip(mine["unit_id"].tolist(), mine["year"].tolist(),
                                                       mine["indicator_code"].tolist(), mine["rule"].tolist(),
                                                       mine["sources"].tolist())}


def figure_source_columns(sources: Mapping, keys, present, lang: str = "vi") -> tuple[list[str], list[bool]]:
    """For the figures at keys (unit, year, indicator; present: whether each has a figure), their source in words
    ("" where there is none) and whether each is derived: the "source" and "derived" columns of a chart's frame."""
    found = [sources.get(key, ("reported", ())) for key in keys]
    present = list(present)
    return ([source_text(r, p, lang) if ok else "" for (r, p), ok in zip(found, present)],
            [ok and is_derived(r) for (r, _), ok in zip(found, present)])


def derived_bar_marks() -> dict:
    """A bar's encodings that draw a derived figure apart: pale, with a dashed dark outline."""
    return {"opacity": derived_opacity(), "strokeDash": derived_dash(),
            "stroke": when(IS_DERIVED, alt.StrokeValue, "#333333", None),
            "strokeWidth": when(IS_DERIVED, alt.StrokeWidthValue, 1.5, 0)}


def derived_opacity() -> alt.OpacityValue:
    return when(IS_DERIVED, alt.OpacityValue, DERIVED_OPACITY, 1)


def derived_dash() -> alt.StrokeDashValue:
    return when(IS_DERIVED, alt.StrokeDashValue, DERIVED_DASH, [])


def derived_items(units, years, sources, lang: str = "vi") -> str:
    """ "Lào Cai 2022 (suy ra: tổng của Lào Cai, Yên Bái); ..." for a view's note, once per unit and year."""
    seen = dict.fromkeys(f"{u} {y} ({s[0].lower()}{s[1:]})" for u, y, s in zip(units, years, sources))
    return "; ".join(seen)


# The highlighted province is a top-level Vega-Lite variable, not a column of the data: a chart is built once
# for a year and its choices, and a new highlight changes one value of its spec (with_highlight), never its rows.
HIGHLIGHT = "highlight_unit"
IS_HIGHLIGHTED = f"datum.unit_id === {HIGHLIGHT}"
NOBODY_HIGHLIGHTED = f"{HIGHLIGHT} === null"


def with_highlight(spec: dict, unit_id: int | None) -> dict:
    """The spec (left as it is: it lives in a cache) with unit_id as the highlighted province (None: nobody)."""
    params = [p for p in spec.get("params", []) if p.get("name") != HIGHLIGHT]
    return {**spec, "params": params + [{"name": HIGHLIGHT, "value": None if unit_id is None else int(unit_id)}]}


def highlighted_unit(spec: dict) -> int | None:
    """The unit a spec highlights (see with_highlight)."""
    return next((p.get("value") for p in spec.get("params", []) if p.get("name") == HIGHLIGHT), None)


# --- templates: Altair draws each chart's structure once, a new choice pours new rows and words into it ---------
# Building Altair objects (and turning them into a spec) cost most of a new choice on the comparisons page at the
# Khối's scale; the data and the words were a small part. Each chart family builds its Altair chart once per
# language and shape, with named slots where the year's words and lists go and named datasets for its rows;
# fill() then puts a choice's values into a copy of that spec.

_SLOT = "\u2063slot:"  # an invisible separator: never part of a real text
_SLOT_RE = re.compile("\u2063slot:([a-z_0-9]+)\u2063")


def slot(name: str) -> str:
    """A placeholder for a value that fill() puts in: a whole value (a title, a sort order) or part of a text."""
    return f"{_SLOT}{name}\u2063"


def fill(node, values: Mapping[str, object]):
    """A copy of a template spec with every slot replaced by its value."""
    if isinstance(node, str):
        if _SLOT not in node:
            return node
        whole = _SLOT_RE.fullmatch(node)
        if whole:
            return values[whole.group(1)]
        return _SLOT_RE.sub(lambda m: str(values[m.group(1)]), node)
    if isinstance(node, dict):
        return {k: fill(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [fill(v, values) for v in node]
    return node


def template(build):
    """Cache a template builder's spec (per its arguments: language and shape); the spec is only ever copied."""
    return functools.lru_cache(maxsize=None)(build)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The rows a chart draws, only the columns its marks and tooltips use (every column is sent to the browser,
    on 4G in the mountains), a missing figure as null (never 0). Built column by column: a row-wise to_dict()
    boxes every value through pandas."""
    lists = []
    for column in columns:
        values = frame[column].tolist()
        if frame[column].dtype.kind == "f":  # floats: NaN is the only gap
            lists.append([None if x != x else x for x in values])
        else:
            lists.append([None if _missing(x) else x for x in values])
    return [dict(zip(columns, row)) for row in zip(*lists)]


def columns_frame(rows: list[tuple], dtypes: Mapping[str, str | None]) -> pd.DataFrame:
    """A frame from row tuples, built column by column with each column's dtype (None: let pandas infer, for texts):
    one construction instead of a frame and an astype() per column."""
    columns = list(zip(*rows)) or [()] * len(dtypes)
    return pd.DataFrame({name: (list(values) if dtype is None else np.array(values, dtype=dtype))
                         for (name, dtype), values in zip(dtypes.items(), columns)})


def dataset_name(prefix: str, rows: list[dict]) -> str:
    """A dataset's name from its content: the browser never takes new rows for old ones under the same name."""
    return f"{prefix}-{hashlib.blake2b(pickle.dumps(rows, protocol=5), digest_size=10).hexdigest()}"


def filled(spec_template: dict, values: Mapping[str, object], datasets: Mapping[str, list[dict]]) -> dict:
    """The template filled with values, its datasets named by content (the slots named like the datasets get
    those names), nobody highlighted yet."""
    names = {slot_name: dataset_name(slot_name, rows) for slot_name, rows in datasets.items()}
    spec = fill(spec_template, {**values, **names})
    spec["datasets"] = {names[slot_name]: rows for slot_name, rows in datasets.items()}
    return with_highlight(spec, None)


def _pick() -> alt.Parameter:
    return alt.selection_point(name=PICK, fields=["unit_id"], on="click", clear="dblclick")


def when(test: str, channel, yes, no):
    """A conditional value built as its channel class (alt.StrokeWidthValue, ...). alt.condition() and alt.value()
    return dicts, and so do shorthand strings ("label:N"), which Altair turns back into objects by rebuilding a
    table of its ~1000 schema classes each time: the typed form costs nothing, and gives the same spec."""
    return channel(value=no, condition={"test": test, "value": yes})


def _colour_by_highlight() -> alt.ColorValue:
    return when(IS_HIGHLIGHTED, alt.ColorValue, HIGHLIGHT_COLOUR, BASE_COLOUR)


def _finish(chart, title: str, subtitle: str | None = None):
    title_params = alt.TitleParams(title, subtitle=subtitle or alt.Undefined, anchor="start")
    # every text role names the bundled font (the Streamlit theme sets its own), so the page, the PNG/SVG files and
    # the PDF look alike; SVG rather than canvas in the browser keeps the Vietnamese text selectable and searchable
    # sizes: Vega's defaults (10-11 px) shrink the hook and the breve to a dot; from 13 px they stay distinct
    # one copy of the chart, not one per configure_*() call: each copies the whole chart, data included
    finished = chart.properties(title=title_params, usermeta={"embedOptions": {"renderer": "svg"}})
    finished.config = alt.Config(
        font=FONT,
        axis=alt.AxisConfig(labelLimit=320, labelFont=FONT, titleFont=FONT, labelFontSize=13, titleFontSize=13),
        title=alt.TitleConfig(font=FONT, subtitleFont=FONT, fontWeight="bold", fontSize=17, subtitleFontSize=14),
        legend=alt.LegendConfig(labelFont=FONT, titleFont=FONT, labelFontSize=13, titleFontSize=13),
        header=alt.HeaderConfig(labelFont=FONT, titleFont=FONT, labelFontSize=13, titleFontSize=13),
        text=alt.MarkConfig(font=FONT, fontSize=13))
    return finished


PROJECTOR_MIN_FONT = 18  # px: read from the back of a conference room at 1920x1080
PROJECTOR_SCALE = 1.5  # charts grow with their type, so that labels at 18 px keep their room
PROJECTOR_CONFIG = {
    # greedy: a label that would touch its neighbour at 18 px is left out; not flush, since the end label shifted
    # inward to fit ("100") escapes that check and lands on its neighbour ("98")
    # the longest member label ("Tuyên Quang (gồm số liệu Hà Giang đến 2024)") is about 420 px at 18 px
    "axis": {"labelFontSize": PROJECTOR_MIN_FONT, "titleFontSize": PROJECTOR_MIN_FONT, "labelLimit": 440,
             "labelOverlap": "greedy", "labelSeparation": 8, "labelFlush": False, "tickCount": 10},
    "legend": {"labelFontSize": PROJECTOR_MIN_FONT, "titleFontSize": PROJECTOR_MIN_FONT, "labelLimit": 420,
               "gradientLength": 420, "labelOverlap": "greedy", "tickCount": 4},
    "title": {"fontSize": 28, "subtitleFontSize": 20},
    "text": {"fontSize": PROJECTOR_MIN_FONT},
    "header": {"labelFontSize": 20, "titleFontSize": 20},
}


def _enlarged(node):
    """Every explicit font size raised to the projector's minimum, every size and step scaled alike."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "datasets":
                out[key] = value
            elif key == "fontSize" and isinstance(value, (int, float)):
                out[key] = max(value, PROJECTOR_MIN_FONT)
            elif key in ("width", "height") and isinstance(value, (int, float)):
                out[key] = round(value * PROJECTOR_SCALE)
            elif key in ("width", "height") and isinstance(value, dict) and isinstance(value.get("step"), (int, float)):
                out[key] = {**value, "step": round(value["step"] * PROJECTOR_SCALE)}
            elif key in ("dx", "dy", "xOffset", "labelLimit") and isinstance(value, (int, float)):
                out[key] = value * PROJECTOR_SCALE
            else:
                out[key] = _enlarged(value)
        return out
    if isinstance(node, list):
        return [_enlarged(v) for v in node]
    return node


def for_projector(chart):
    """The same chart (an alt.Chart or its spec dict) with type readable from the back of a conference room: no
    text under 18 px, the chart scaled up with its type so that nothing overlaps."""
    spec = _enlarged(chart if isinstance(chart, dict) else chart.to_dict())
    config = dict(spec.get("config", {}))
    for part, values in PROJECTOR_CONFIG.items():
        config[part] = {**config.get(part, {}), **values}
    return {**spec, "config": config}
