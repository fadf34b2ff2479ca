"""Every Excel import goes through one door (components/documents/untrusted_workbook.py): the criteria table's import
has the results import's bounds now (a few-KB file claiming a million rows, a zip bomb, too many rows), control
characters are refused with the cell's place, and malformed cells or sheets are a clear refusal, never a crash."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from components.documents import criteria_workbook, results_workbook
from components.i18n.catalogue import translate
from components.rules.criteria import EXAMPLE_TABLE
from tests.documents.test_excel import template
from tests.documents.test_excel_bounds import _parse_within, _rewrite


def _within(parse, data: bytes, seconds: float = 10):
    return _parse_within(data, seconds, parse)


def _criteria_sheet_member(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))


def test_the_criteria_import_reads_a_claimed_million_rows_quickly():
    data = criteria_workbook.table_to_xlsx(EXAMPLE_TABLE)
    member = _criteria_sheet_member(data)
    bomb = _rewrite(data, member, lambda xml: re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>',
                                                     xml))
    outcome, took = _within(criteria_workbook.table_from_xlsx, bomb)
    assert outcome["parsed"] == criteria_workbook.table_from_xlsx(data) and took < 10


def test_the_criteria_import_refuses_a_zip_bomb_and_too_many_rows():
    data = criteria_workbook.table_to_xlsx(EXAMPLE_TABLE)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/padding.bin", b"\0" * (40 * 1024 * 1024))  # compresses to a few KB
    outcome, _ = _within(criteria_workbook.table_from_xlsx, out.getvalue())
    assert outcome["error"].code == "score_bad_workbook"

    book = load_workbook(io.BytesIO(data))
    sheet = book[criteria_workbook.SHEETS["criteria"]]
    for n in range(criteria_workbook.LIMITS.max_rows + 5):
        sheet.append([f"x{n}", "I", "Tiêu chí", "Criterion", 1])
    many = io.BytesIO()
    book.save(many)
    outcome, _ = _within(criteria_workbook.table_from_xlsx, many.getvalue())
    assert outcome["error"].code == "score_workbook_too_many_rows"
    assert "tối đa 500" in translate(f"err.{outcome['error'].code}", "vi", **outcome["error"].params)


@pytest.mark.parametrize("which", ["results", "criteria"])
def test_a_control_character_in_a_cell_is_refused_with_its_place(session, which):
    # openpyxl will not write a control character: the file is edited as another program could write it (DEL,
    # U+007F, is well-formed XML, so it reaches the reader)
    if which == "results":
        book = load_workbook(io.BytesIO(template(session)))
        book[results_workbook.SHEET].cell(row=2, column=results_workbook.COLUMNS.index("note") + 1,
                                          value="ghi chú CTRLMARK ẩn")
        parse = results_workbook.parse_upload
    else:
        book = load_workbook(io.BytesIO(criteria_workbook.table_to_xlsx(EXAMPLE_TABLE)))
        book[criteria_workbook.SHEETS["criteria"]].cell(row=2, column=3, value="Tiêu chí CTRLMARK")
        parse = criteria_workbook.table_from_xlsx
    out = io.BytesIO()
    book.save(out)
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, zipfile.ZipFile(edited, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename).replace(b"CTRLMARK", b"&#127;"))
    data = edited.getvalue()
    outcome, _ = _within(parse, data)
    error = outcome["error"]
    assert error.code == "xlsx_control_character" and error.params["row"] == 2
    assert "ký tự điều khiển" in translate("err.xlsx_control_character", "vi", **error.params)


@pytest.mark.parametrize("change", [
    lambda xml: re.sub(rb"<c r=\"F2\"[^>]*>", b'<c r="F2" t="d">', xml, count=1),  # a date cell holding a number
    lambda xml: xml.replace(b"<sheetData>", b"<sheetData><row r=\"x\"><c r=\"??\"><v>1</v></c></row>", 1),
    lambda xml: xml[: len(xml) // 2],  # a sheet cut in the middle
])
def test_malformed_cells_and_sheets_are_refused_not_raised(session, change):
    data = _rewrite(template(session), "xl/worksheets/sheet1.xml", change)
    outcome, took = _within(results_workbook.parse_upload, data)
    assert took < 10
    # either the cell is read as a row error, or the whole file is refused with the "not Excel" message
    assert "parsed" in outcome or outcome["error"].code in {"entry_xlsx_not_excel", "entry_xlsx_bad_columns"}
