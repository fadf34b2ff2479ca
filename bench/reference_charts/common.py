"""What every comparison chart shares: the font, colours, labels, the click selection and the projector
sizes. Each chart family has a *_frame() that turns query results into the table behind the chart (also what the
CSV/XLSX exports carry) and a *_chart() that draws it. A figure a province did not report stays a row with an
empty measure and the label "chưa báo cáo": no bar, no point, no 0.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from components.i18n import formatting, translate

# Altair validates every object against the Vega-Lite schema as it is created ("debug mode"): at the Khối's scale
# that was most of the time of a new choice on the comparisons page. The charts are fixed code, so their specs are
# validated once, by the test suite (tests/test_charts.py calls to_dict(), which validates), not on every build.
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


def _units(members: pd.DataFrame) -> pd.DataFrame:
    return members[["unit_id", "province"]].rename(columns={"province": "unit"})


def _highlight(frame: pd.DataFrame, highlight_unit_id: int | None) -> pd.DataFrame:
    frame = frame.copy()
    frame["highlighted"] = frame["unit_id"] == highlight_unit_id if highlight_unit_id is not None else False
    return frame


# a unit id no member has: a chart built with it has the structure of "some province highlighted" (dimmed lines,
# labels on the highlighted points) with nobody highlighted yet; apply_highlight() then marks the province
HIGHLIGHT_PENDING = -1


def apply_highlight(spec: dict, unit_id: int | None) -> dict:
    """The spec (a chart's to_dict()) with unit_id highlighted: the "highlighted" flag of every data row set anew,
    the datasets renamed so that the browser never reuses the old rows under the old name. A new highlight costs
    this instead of a rebuild of every chart. The given spec is left as it is (it lives in a cache)."""
    datasets = spec.get("datasets")
    if unit_id is None or not datasets:
        return spec
    renamed, patched = {}, {}
    for name, rows in datasets.items():
        if rows and isinstance(rows[0], dict) and "highlighted" in rows[0]:
            renamed[name] = f"{name}-u{unit_id}"
            patched[renamed[name]] = [{**row, "highlighted": row.get("unit_id") == unit_id} for row in rows]
        else:
            patched[name] = rows
    out = _rename_data(spec, renamed)
    out["datasets"] = patched
    return out


def _rename_data(node, renamed: dict[str, str]):
    if isinstance(node, dict):
        if set(node) == {"name"} and node["name"] in renamed:
            return {"name": renamed[node["name"]]}
        return {k: (v if k == "datasets" else _rename_data(v, renamed)) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename_data(v, renamed) for v in node]
    return node


def _slim(data: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only what the marks and tooltips use: every column is sent to the browser, on 4G in the mountains."""
    return data[columns]


def _pick() -> alt.Parameter:
    return alt.selection_point(name=PICK, fields=["unit_id"], on="click", clear="dblclick")


def when(test: str, channel, yes, no):
    """A conditional value built as its channel class (alt.StrokeWidthValue, ...). alt.condition() and alt.value()
    return dicts, and so do shorthand strings ("label:N"), which Altair turns back into objects by rebuilding a
    table of its ~1000 schema classes each time: the typed form costs nothing, and gives the same spec."""
    return channel(value=no, condition={"test": test, "value": yes})


def _colour_by_highlight() -> alt.Color:
    return alt.Color("highlighted:N", scale=alt.Scale(domain=[False, True], range=[BASE_COLOUR, HIGHLIGHT_COLOUR]),
                     legend=None)


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
    "axis": {"labelFontSize": PROJECTOR_MIN_FONT, "titleFontSize": PROJECTOR_MIN_FONT, "labelLimit": 320,
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
            elif key in ("dx", "dy", "xOffset") and isinstance(value, (int, float)):
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
