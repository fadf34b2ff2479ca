"""Bytes builders for the chart exports: PNG and SVG (vl-convert), CSV with a UTF-8 BOM (so Excel reads the
Vietnamese text), XLSX (openpyxl) and the meeting-pack PDF (components/documents/pdf.py), all in the app's
bundled Be Vietnam Pro (static/fonts). No Streamlit."""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import vl_convert as vlc
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from components.charts.common import text
from components.documents.pdf import FONT, FONT_DIR, new_pdf, pdf_bytes
from components.documents.results_workbook import FORMULA_PREFIXES, as_text
from components.i18n import formatting

EXPORT_WIDTH = 760
# helper columns of the chart frames that mean nothing in a spreadsheet
HIDDEN_COLUMNS = {"unit_id", "reported", "highlighted", "text_x", "text_y", "recipient", "better", "limit_kind",
                  "segment", "latest", "label_at", "comparable", "derived", "current_derived", "previous_derived"}
COLUMN_TITLES = {
    "unit": "charts.unit", "year": "charts.year", "measure": "charts.value", "numerator": "charts.col.numerator",
    "denominator": "charts.col.denominator", "label": "charts.col.label", "fraction": "charts.numerator_denominator",
    "rank": "charts.dti_rank_of", "ranked_of": "charts.col.ranked_of", "recipient_label": "charts.recipient",
    "form": "charts.col.form", "level": "charts.col.level", "category": "charts.award_form",
    "count": "charts.awards_count", "indicator_code": "charts.col.code", "indicator": "charts.indicator",
    "value_label": "charts.col.label", "ranked_count": "charts.col.ranked_count", "position": "charts.col.position",
    "cell": "charts.position", "title": "charts.col.title", "rate": "charts.rate", "target": "charts.col.target",
    "target_label": "charts.col.target", "meets_target": "charts.col.meets_target", "current": "charts.change_current",
    "previous": "charts.change_previous", "change": "charts.change", "improved": "charts.col.improved",
    "current_label": "charts.change_current", "previous_label": "charts.change_previous",
    "direction": "charts.col.direction", "ahead": "charts.dti_ahead", "source": "charts.col.source",
    "current_source": "charts.col.current_source", "previous_source": "charts.col.previous_source",
}

_fonts_lock = threading.Lock()
_fonts_registered = False


def _register_fonts() -> None:
    # vl-convert renders text with its own font list: give it the files the browser gets (static/fonts), so the
    # PNG/SVG/PDF charts draw the same Vietnamese letters as the page, whatever fonts the server has
    global _fonts_registered
    with _fonts_lock:
        if not _fonts_registered:
            vlc.register_font_directory(str(FONT_DIR))
            _fonts_registered = True


def export_ready(chart) -> dict:
    """The chart's Vega-Lite spec (from an alt.Chart or a spec dict) with a fixed width where the page let the
    chart stretch to its container."""
    spec = dict(chart) if isinstance(chart, dict) else chart.to_dict()
    if "width" not in spec and not any(k in spec for k in ("facet", "hconcat", "vconcat", "concat", "spec")):
        spec["width"] = EXPORT_WIDTH
    spec.setdefault("background", "white")
    return spec


def chart_png(chart, scale: float = 2.0) -> bytes:
    _register_fonts()
    return vlc.vegalite_to_png(export_ready(chart), scale=scale)


def chart_svg(chart) -> bytes:
    _register_fonts()
    return vlc.vegalite_to_svg(export_ready(chart)).encode("utf-8")


def export_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The chart's data for a spreadsheet: helper columns dropped, headings in the reader's language, a missing
    figure left empty (never 0)."""
    keep = [c for c in frame.columns if c not in HIDDEN_COLUMNS]
    table = frame[keep].copy()
    if "position" in table:
        table["position"] = table["position"].round(3)
    names, seen = [], set()
    for column in keep:
        name = text(COLUMN_TITLES[column], lang) if column in COLUMN_TITLES else column
        while name in seen:  # two source columns may share a heading (figure and its label)
            name += " "
        seen.add(name)
        names.append(name)
    table.columns = names
    return table


def _text_not_formula(value):
    """A text that a spreadsheet program would run as a formula ('=', '+', '-', '@' first) gets a leading
    apostrophe, the usual mark of text; a number written as text ('-1,5') is left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not re.fullmatch(r"[-+]?[\d.,\s%]+", value):
        return "'" + value
    return value


def table_csv(table: pd.DataFrame) -> bytes:
    table = table.map(_text_not_formula)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_title(name: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Sheet"
    base, n = title, 2
    while title in taken:
        suffix = f" ({n})"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def _cell(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return formatting.fmt_datetime(value)
    return value


def tables_xlsx(sheets: dict[str, pd.DataFrame], heading: str | None = None) -> bytes:
    """One worksheet per table; numbers stay numbers, a missing figure stays an empty cell."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, table in sheets.items():
        sheet = book.create_sheet(_sheet_title(name, taken))
        first = 1
        if heading:
            sheet.cell(row=1, column=1, value=heading).font = Font(bold=True, size=13)
            first = 3
        for col, title in enumerate(table.columns, start=1):
            sheet.cell(row=first, column=col, value=str(title).strip()).font = Font(bold=True)
        for r, row in enumerate(table.itertuples(index=False), start=first + 1):
            for col, value in enumerate(row, start=1):
                as_text(sheet.cell(row=r, column=col, value=_cell(value)))
        for col, title in enumerate(table.columns, start=1):
            width = max([len(str(title))] + [len(str(v)) for v in table.iloc[:, col - 1].head(200)])
            sheet.column_dimensions[get_column_letter(col)].width = min(max(10, width + 2), 60)
        sheet.freeze_panes = sheet.cell(row=first + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class PackSection:
    """One page (or more) of the meeting pack: a title, a chart and/or a table, an optional note."""

    title: str
    chart: object | None = None
    table: pd.DataFrame | None = None
    note: str | None = None
    derived: pd.DataFrame | None = None  # the chart's figures derived from merged provinces (views.ChartView.derived)


def meeting_pack_pdf(sections: list[PackSection], *, year: int, filters: str, lang: str = "vi",
                     made_at: datetime | None = None,
                     on_progress: Callable[[int, int, str], None] | None = None) -> bytes:
    """Every chart and table on its own landscape page, the year and the filters stamped on each page."""
    pdf = new_pdf(orientation="L", title=text("charts.pack_cover", lang, year=year))
    stamp = text("charts.pack_stamp", lang, year=year, filters=filters)
    made = text("charts.pack_made", lang, when=formatting.fmt_datetime(made_at)) if made_at else ""

    def header() -> None:
        pdf.set_font(FONT, size=8)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(0, 5, stamp, new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(180, 180, 180)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)
        pdf.set_text_color(0, 0, 0)

    def footer() -> None:
        pdf.set_y(-12)
        pdf.set_font(FONT, size=8)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(0, 5, made, align="L")
        pdf.set_x(pdf.l_margin)
        pdf.cell(0, 5, text("charts.pack_page", lang, page=pdf.page_no()), align="R")
        pdf.set_text_color(0, 0, 0)

    # FPDF calls header()/footer() on every page, including the pages a long table breaks onto
    pdf.header, pdf.footer = header, footer
    # the cover's heading above the first section: no page carries a title alone
    pdf.add_page()
    pdf.ln(4)
    pdf.set_font(FONT, "B", 20)
    pdf.multi_cell(0, 12, text("charts.pack_cover", lang, year=year), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=12)
    pdf.ln(2)
    pdf.multi_cell(0, 8, filters, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    total = len(sections)
    for index, section in enumerate(sections, start=1):
        if on_progress:
            on_progress(index, total, section.title)
        if index > 1:
            pdf.add_page()
        _place_section(pdf, section, lang)
    return pdf_bytes(pdf)


MIN_IMAGE_H = 80  # mm: a chart smaller than this on the rest of a page goes to a new page with its title and note
TABLE_IMAGE_H = 110  # mm: a chart with its table under it leaves room for the table's first rows
TABLE_START_H = 20  # mm: a table's heading and first rows stay with the section's title
HEADER_H = 8  # mm: the stamp line at the top of every page


def _room_for_image(pdf, section: PackSection) -> float:
    """What is left of the page (mm) for the chart, under the section's title and above its note."""
    pdf.set_font(FONT, "B", 14)
    title_h = pdf.multi_cell(0, 8, section.title, dry_run=True, output="HEIGHT") + 2
    pdf.set_font(FONT, size=9)
    note_h = pdf.multi_cell(0, 5, section.note, dry_run=True, output="HEIGHT") + 2 if section.note else 0
    return pdf.page_break_trigger - pdf.get_y() - title_h - note_h - 3 - 1  # 1 mm against rounding


def _place_section(pdf, section: PackSection, lang: str = "vi") -> None:
    """A section's title, chart and note on one page (the chart shrunk to the room left, or all three on a new
    page when the room left is too small), then its table, which may run onto further pages."""
    png = chart_png(section.chart, scale=2.0) if section.chart is not None else None
    room = _room_for_image(pdf, section)
    if pdf.get_y() > pdf.t_margin + HEADER_H:  # not at the top of a page
        table_follows = section.table is not None and not section.table.empty
        needed = (min(_image_height(pdf, png), MIN_IMAGE_H) if png is not None
                  else TABLE_START_H if table_follows else 0)
        if room < needed:
            pdf.add_page()
            room = _room_for_image(pdf, section)
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    if png is not None:
        # (a note too long for any page leaves the chart its minimum and runs on)
        room = max(room, MIN_IMAGE_H / 2)
        _place_image(pdf, png, max_h=min(room, TABLE_IMAGE_H) if section.table is not None else room)
    if section.note:
        pdf.set_font(FONT, size=9)
        pdf.multi_cell(0, 5, section.note, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if section.table is not None and not section.table.empty:
        _place_table(pdf, section.table)
    if section.derived is not None and not section.derived.empty:
        pdf.ln(3)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 6, text("charts.derived_table", lang), new_x="LMARGIN", new_y="NEXT")
        _place_table(pdf, section.derived)


def _image_height(pdf, png: bytes) -> float:
    """The chart's height at the page's full width (mm)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    return (pdf.w - pdf.l_margin - pdf.r_margin) * height_px / width_px


def _place_image(pdf, png: bytes, max_h: float) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    max_w = pdf.w - pdf.l_margin - pdf.r_margin
    w = max_w
    h = w * height_px / width_px
    if h > max_h:
        h = max_h
        w = h * width_px / height_px
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (max_w - w) / 2, w=w, h=h)
    pdf.ln(3)


def _place_table(pdf, table: pd.DataFrame) -> None:
    pdf.set_font(FONT, size=8)
    rows = [[str(c).strip() for c in table.columns]]
    for row in table.itertuples(index=False):
        rows.append(["" if _cell(v) is None else str(_cell(v)) for v in row])
    with pdf.table(first_row_as_headings=True, line_height=5, text_align="LEFT") as pdf_table:
        for row in rows:
            pdf_row = pdf_table.row()
            for value in row:
                pdf_row.cell(value)
