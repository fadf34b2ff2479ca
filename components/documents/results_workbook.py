"""Excel round-trip of a unit's results: the template (pre-filled with what is stored) and reading an uploaded
workbook into figures and row errors.

The template has one data sheet, KetQua, with fixed columns; a second sheet, HuongDan, says how to fill it in and
records which unit and year the file is for, so that a file is not imported into the wrong unit by mistake.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from components.i18n.catalogue import translate
from components.rules.errors import DomainError
from components.rules.figures import PARTS_OF_KIND, Figure

SHEET = "KetQua"
GUIDE_SHEET = "HuongDan"
COLUMNS = ("code", "field", "name", "unit", "kind", "value", "numerator", "denominator", "ranked_of", "note")
NUMBER_COLUMNS = ("value", "numerator", "denominator", "ranked_of")
INPUT_COLUMNS = (*NUMBER_COLUMNS, "note")
MAX_BYTES = 5 * 1024 * 1024
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def uom_label(unit: str, lang: str = "vi") -> str:
    """The catalogue's unit of measure in the user's language (the catalogue keeps it in English)."""
    key = f"entry.uom.{unit}"
    text = translate(key, lang)
    return unit if text == key else text


def build_template(*, indicators, figures: dict[str, Figure], unit_code: str, unit_name: str, year: int,
                   lang: str = "vi") -> bytes:
    """The workbook for one unit and year: a row per indicator, its stored figure filled in."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    for ind in indicators:
        fig = figures.get(ind.code) or Figure()
        ws.append([ind.code, translate(f"field.{ind.field}", lang), ind.name_vi if lang == "vi" else ind.name_en,
                   uom_label(ind.unit, lang),
                   translate(f"kind.{ind.kind}", lang), fig.value, fig.numerator, fig.denominator,
                   None if fig.ranked_of is None else int(fig.ranked_of), fig.note])
        row = ws.max_row
        for col, name in enumerate(COLUMNS, start=1):
            if name in PARTS_OF_KIND[ind.kind] or name == "note":
                ws.cell(row, col).fill = input_fill
    for col, width in zip("ABCDEFGHIJ", (30, 24, 60, 14, 20, 14, 14, 14, 12, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "B2"
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.append([translate("entry.excel.guide_title", lang)])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append(["unit_code", unit_code])
    guide.append(["unit", unit_name])
    guide.append(["year", year])
    guide.append([translate("entry.excel.guide", lang)])
    guide["A5"].alignment = Alignment(wrap_text=True, vertical="top")
    guide.column_dimensions["A"].width = 120
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class RowError:
    row: int | None  # the spreadsheet row (1 is the header)
    code: str | None
    error: str  # message code, shown as t("err.entry_" + error)
    params: dict = field(default_factory=dict)


@dataclass
class ParsedUpload:
    figures: dict[str, Figure]
    rows: dict[str, int]  # indicator code -> spreadsheet row
    errors: list[RowError]
    unit_code: str | None
    year: int | None


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def parse_upload(data: bytes) -> ParsedUpload:
    """Read an uploaded workbook. A file that cannot be used at all raises DomainError (empty, not Excel, wrong
    sheet, wrong columns, no rows); problems of single rows come back in errors, row by row."""
    if not data:
        raise DomainError("entry_xlsx_empty")
    if len(data) > MAX_BYTES:
        raise DomainError("entry_xlsx_too_big", mb=MAX_BYTES // (1024 * 1024))
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise DomainError("entry_xlsx_not_excel") from None
    try:
        if SHEET not in wb.sheetnames:
            raise DomainError("entry_xlsx_no_sheet", sheet=SHEET, found=", ".join(wb.sheetnames))
        rows = list(wb[SHEET].iter_rows(values_only=True))
        unit_code, year = _guide_info(wb)
    finally:
        wb.close()
    header = [_cell_text(v) for v in rows[0]] if rows else []
    while header and not header[-1]:
        header.pop()
    if tuple(h.lower() for h in header) != COLUMNS:
        raise DomainError("entry_xlsx_bad_columns", sheet=SHEET, expected=", ".join(COLUMNS),
                          found=", ".join(header) or "∅")
    parsed = ParsedUpload({}, {}, [], unit_code, year)
    for number, values in enumerate(rows[1:], start=2):
        cells = dict(zip(COLUMNS, list(values) + [None] * (len(COLUMNS) - len(values))))
        if all(_cell_text(v) == "" for v in values):
            continue
        _parse_row(number, cells, parsed)
    if not parsed.figures and not parsed.errors:
        raise DomainError("entry_xlsx_no_rows", sheet=SHEET)
    return parsed


def _parse_row(number: int, cells: dict, parsed: ParsedUpload) -> None:
    code = _cell_text(cells["code"])
    if not code:
        if any(_cell_text(cells[c]) for c in INPUT_COLUMNS):
            parsed.errors.append(RowError(number, None, "xlsx_missing_code"))
        return
    if code in parsed.rows:
        parsed.errors.append(RowError(number, code, "xlsx_duplicate_code", {"code": code,
                                                                             "first": parsed.rows[code]}))
        return
    parsed.rows[code] = number
    parts: dict[str, float | None] = {}
    bad = False
    for column in NUMBER_COLUMNS:
        value = cells[column]
        if isinstance(value, str) and not value.strip():
            value = None
        if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            parts[column] = None if value is None else float(value)
        else:
            parsed.errors.append(RowError(number, code, "xlsx_text_in_number",
                                          {"column": column, "text": _cell_text(value)[:40]}))
            bad = True
    if not bad:
        note = _cell_text(cells["note"]) or None
        parsed.figures[code] = Figure(note=note, **parts)


def _guide_info(wb) -> tuple[str | None, int | None]:
    if GUIDE_SHEET not in wb.sheetnames:
        return None, None
    info = {_cell_text(r[0]): r[1] for r in wb[GUIDE_SHEET].iter_rows(min_row=2, max_row=4, values_only=True)
            if r and len(r) > 1}
    year = info.get("year")
    return (_cell_text(info.get("unit_code")) or None,
            int(year) if isinstance(year, (int, float)) and not isinstance(year, bool) else None)


def row_error_text(error: RowError, lang: str = "vi") -> str:
    """The sentence for one row error; a cross-field rule carries its own message as data."""
    if error.error == "rule":
        return error.params["message_vi" if lang == "vi" else "message_en"]
    return translate(f"err.entry_{error.error}", lang, **error.params)
