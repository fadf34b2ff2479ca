"""Excel round-trip of a unit's results: the template (pre-filled with what is stored) and reading an uploaded
workbook into figures and row errors.

The template has one data sheet, KetQua, with fixed columns; a second sheet, HuongDan, says how to fill it in and
records which unit and year the file is for, so that a file is not imported into the wrong unit by mistake.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string

from components.documents import untrusted_workbook
from components.i18n.catalogue import translate
from components.rules.errors import DomainError
from components.rules.figures import PARTS_OF_KIND, Figure

SHEET = "KetQua"
GUIDE_SHEET = "HuongDan"
COLUMNS = ("code", "field", "name", "unit", "kind", "value", "numerator", "denominator", "ranked_of", "note")
# the header row a person reads, in the template's language; a file with the columns' keys as its header (the
# templates made before) is read the same way
HEADERS = {"vi": ("Mã chỉ tiêu", "Lĩnh vực", "Tên chỉ tiêu", "Đơn vị tính", "Loại số liệu", "Giá trị", "Tử số",
                  "Mẫu số", "Trên tổng số", "Ghi chú"),
           "en": ("Code", "Field", "Indicator", "Unit", "Kind", "Value", "Numerator", "Denominator", "Ranked of",
                  "Note")}
NUMBER_COLUMNS = ("value", "numerator", "denominator", "ranked_of")
INPUT_COLUMNS = (*NUMBER_COLUMNS, "note")
MAX_BYTES = 5 * 1024 * 1024
# bounds checked before openpyxl opens the file: a 5 KB workbook can claim a million rows, or unzip to gigabytes
MAX_UNZIPPED_BYTES = 30 * 1024 * 1024
MAX_ZIP_ENTRIES = 200
MAX_ROWS = 2000  # the catalogue has a few dozen indicators
MAX_COLUMNS = 40
MAX_MESSAGE = 300  # characters of the file's own text quoted back in a message
FORMULA_PREFIXES = ("=", "+", "-", "@")  # a text cell starting so is read as a formula by spreadsheet programs
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def uom_label(unit: str, lang: str = "vi") -> str:
    """The catalogue's unit of measure in the user's language (the catalogue keeps it in English)."""
    key = f"entry.uom.{unit}"
    text = translate(key, lang)
    return unit if text == key else text


def as_text(cell) -> None:
    """Keep a text cell text: openpyxl stores a string starting with '=' as a formula, and spreadsheet programs
    also evaluate '+', '-' and '@'. A province's note must never become a live formula in the chair's file."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True


def build_template(*, indicators, figures: dict[str, Figure], unit_code: str, unit_name: str, year: int,
                   lang: str = "vi") -> bytes:
    """The workbook for one unit and year: a row per indicator, its stored figure filled in."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(HEADERS.get(lang, HEADERS["vi"])))
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
        as_text(ws.cell(row, len(COLUMNS)))
        for col, name in enumerate(COLUMNS, start=1):
            if name in PARTS_OF_KIND[ind.kind] or name == "note":
                ws.cell(row, col).fill = input_fill
    for col, width in zip("ABCDEFGHIJ", (30, 24, 60, 14, 20, 14, 14, 14, 12, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "B2"
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.append([translate("entry.excel.guide_title", lang)])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([translate("entry.excel.guide_unit_code", lang), unit_code])
    guide.append([translate("entry.excel.guide_unit", lang), unit_name])
    as_text(guide.cell(guide.max_row, 2))
    guide.append([translate("entry.excel.guide_year", lang), year])
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
    non_finite: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of nan/inf cells


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + "…"


LIMITS = untrusted_workbook.Limits(MAX_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, MAX_ROWS, MAX_COLUMNS,
                                   not_excel="entry_xlsx_not_excel", too_big="entry_xlsx_too_big",
                                   too_many_rows="entry_xlsx_too_many_rows")


_NUMBER_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*)><v>([^<]*)</v>')


def _sheet_member(archive: zipfile.ZipFile, name: str) -> str | None:
    """The zip member of the worksheet called name (workbook.xml names it, its relationships give the file)."""
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return None
    sheet = re.search(rb'<sheet [^>]*name="' + re.escape(name.encode()) + rb'"[^>]*r:id="([^"]+)"', book)
    if sheet is None:
        return None
    target = re.search(rb'<Relationship [^>]*Id="' + re.escape(sheet.group(1)) + rb'"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rb'<Relationship [^>]*Target="([^"]+)"[^>]*Id="' + re.escape(sheet.group(1)) + rb'"', rels)
    if target is None:
        return None
    path = target.group(1).decode()
    return path.lstrip("/") if path.startswith("/") else "xl/" + path


def _blank_non_finite(data: bytes) -> tuple[bytes, set[tuple[int, int]]]:
    """(the file with every non-finite number of the data sheet blanked, their (row, column) cells). openpyxl
    stops the whole file at 'nan' or 'inf' with a ValueError; here each such cell becomes a row error."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        member = _sheet_member(archive, SHEET)
        if member is None or member not in archive.namelist():
            return data, set()
        xml = archive.read(member)
        found: set[tuple[int, int]] = set()

        def blank(match: re.Match) -> bytes:
            kind = re.search(rb'\st="([a-zA-Z]+)"', match.group(3))
            if kind is not None and kind.group(1) != b"n":
                return match.group(0)
            try:
                finite = math.isfinite(float(match.group(4)))
            except ValueError:
                finite = False
            if finite or not match.group(4).strip():
                return match.group(0)
            found.add((int(match.group(2)), column_index_from_string(match.group(1).decode())))
            return match.group(0).replace(b"<v>" + match.group(4) + b"</v>", b"")

        cleaned = _NUMBER_CELL.sub(blank, xml)
        if not found:
            return data, set()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                copy.writestr(info, cleaned if info.filename == member else archive.read(info.filename))
    return out.getvalue(), found


def parse_upload(data: bytes) -> ParsedUpload:
    """Read an uploaded workbook. A file that cannot be used at all raises DomainError (empty, not Excel, too big,
    wrong sheet, wrong columns, no rows); problems of single rows come back in errors, row by row. Bounded: sizes
    are checked before opening and only the first rows and columns are read. Run it before opening a database
    session: a slow file must not hold a connection."""
    if not data:
        raise DomainError("entry_xlsx_empty")
    untrusted_workbook.check_archive(data, LIMITS)
    data, non_finite = _blank_non_finite(data)
    books = []
    try:
        # twice: the cached values, and the formulas (a formula without a cached value must not read as blank)
        for data_only in (True, False):
            books.append(untrusted_workbook.open_workbook(data, LIMITS, data_only=data_only))
    except DomainError:
        for book in books:
            book.close()
        raise
    try:
        values, formulas = books
        if SHEET not in values.sheetnames:
            raise DomainError("entry_xlsx_no_sheet", sheet=SHEET, found=_short(", ".join(values.sheetnames)))
        rows = untrusted_workbook.bounded_rows(values[SHEET], LIMITS)
        formula_rows = untrusted_workbook.bounded_rows(formulas[SHEET], LIMITS)
        unit_code, year = _guide_info(values)
    finally:
        for book in books:
            book.close()
    header = [_cell_text(v) for v in rows[0]] if rows else []
    while header and not header[-1]:
        header.pop()
    read = tuple(h.strip().lower() for h in header)
    if read != COLUMNS and read not in {tuple(h.lower() for h in names) for names in HEADERS.values()}:
        raise DomainError("entry_xlsx_bad_columns", sheet=SHEET, expected=", ".join(HEADERS["vi"]),
                          found=_short(", ".join(header)) or "∅")
    parsed = ParsedUpload({}, {}, [], unit_code, year)
    parsed.non_finite = non_finite
    for number, row_values in enumerate(rows[1:], start=2):
        cells = dict(zip(COLUMNS, list(row_values) + [None] * (len(COLUMNS) - len(row_values))))
        if all(_cell_text(v) == "" for v in row_values):
            written = formula_rows[number - 1] if number - 1 < len(formula_rows) else ()
            if not any(isinstance(v, str) and v.startswith("=") for v in written):
                continue
        formula_cells = formula_rows[number - 1] if number - 1 < len(formula_rows) else ()
        formulas_in = dict(zip(COLUMNS, formula_cells))
        _parse_row(number, cells, formulas_in, parsed)
    if not parsed.figures and not parsed.errors:
        raise DomainError("entry_xlsx_no_rows", sheet=SHEET)
    return parsed


def _parse_row(number: int, cells: dict, formulas: dict, parsed: ParsedUpload) -> None:
    code = _cell_text(cells["code"])
    if not code:
        if any(_cell_text(cells[c]) or _cell_text(formulas.get(c)) for c in INPUT_COLUMNS):
            parsed.errors.append(RowError(number, None, "xlsx_missing_code"))
        return
    code = _short(code)
    if code in parsed.rows:
        parsed.errors.append(RowError(number, code, "xlsx_duplicate_code", {"code": code,
                                                                             "first": parsed.rows[code]}))
        return
    parsed.rows[code] = number
    parts: dict[str, float | None] = {}
    bad = False
    for column in NUMBER_COLUMNS:
        value = cells[column]
        written = formulas.get(column)
        if (number, COLUMNS.index(column) + 1) in parsed.non_finite:
            value = float("nan")
        if value is None and isinstance(written, str) and written.startswith("="):
            # a formula the program that saved the file did not compute: reading it as blank would clear the figure
            parsed.errors.append(RowError(number, code, "xlsx_formula_no_value", {"column": column}))
            bad = True
            continue
        if isinstance(value, str) and not value.strip():
            value = None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isfinite(value):
            parsed.errors.append(RowError(number, code, "xlsx_not_finite", {"column": column}))
            bad = True
        elif value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
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
    guide = wb[GUIDE_SHEET]
    guide.reset_dimensions()
    # rows 2-4 of column B: the unit's code and, two rows down, the year (their labels are in the template's
    # language: read by place, as every template since the first has put them)
    rows = [r for r in guide.iter_rows(min_row=2, max_row=4, max_col=2, values_only=True)]
    rows += [(None, None)] * (3 - len(rows))
    value = [r[1] if r and len(r) > 1 else None for r in rows]
    year = value[2]
    return (_short(_cell_text(value[0])) or None,
            int(year) if isinstance(year, (int, float)) and not isinstance(year, bool) and math.isfinite(year)
            else None)


def row_error_text(error: RowError, lang: str = "vi") -> str:
    """The sentence for one row error; a cross-field rule carries its own message as data."""
    if error.error == "rule":
        return error.params["message_vi" if lang == "vi" else "message_en"]
    return translate(f"err.entry_{error.error}", lang, **error.params)
