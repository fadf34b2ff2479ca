"""Excel uploads that could stall the server or corrupt figures: claimed dimensions, zip bombs, giant headers,
non-finite numbers, formulas without a cached value; and notes that would become live formulas in a template or an
export."""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from components.documents import exports, results_workbook
from components.rules.errors import DomainError
from components.rules.figures import Figure
from db import entry
from tests.documents.test_excel import edit, plan_for, template
from tests.helpers import reported_before

TIMEOUT = 20  # seconds; today the claimed-dimension workbook keeps a thread busy for about half an hour


def _rewrite(data: bytes, member: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


def _parse_within(data: bytes, seconds: float = TIMEOUT, parse=results_workbook.parse_upload):
    outcome = {}

    def run():
        try:
            outcome["parsed"] = parse(data)
        except DomainError as exc:
            outcome["error"] = exc

    started = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"parse still running after {seconds} s"
    return outcome, time.monotonic() - started


def test_a_workbook_claiming_a_million_rows_and_16384_columns_is_read_quickly(session):
    data = template(session)
    bomb = _rewrite(data, "xl/worksheets/sheet1.xml",
                    lambda xml: re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', xml))
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(bomb)).read("xl/worksheets/sheet1.xml")
    outcome, took = _parse_within(bomb)
    assert "parsed" in outcome and outcome["parsed"].errors == [] and took < 10


def test_a_zip_bomb_is_refused_before_it_is_opened(session):
    data = template(session)
    padding = b" " * (40 * 1024 * 1024)  # 40 MB of spaces compress to a few KB
    bomb = _rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<sheetData>", padding + b"<sheetData>"))
    assert len(bomb) < 1024 * 1024
    outcome, _ = _parse_within(bomb)
    assert outcome["error"].code == "entry_xlsx_too_big"


def test_a_giant_header_gives_a_short_message():
    def build(wb):
        ws = wb.active
        ws.title = results_workbook.SHEET
        ws.append(["x" * 30] * 3000)  # about 94 KB of header

    out = io.BytesIO()
    wb = Workbook()
    build(wb)
    wb.save(out)
    outcome, _ = _parse_within(out.getvalue())
    error = outcome["error"]
    assert error.code == "entry_xlsx_bad_columns"
    assert sum(len(str(v)) for v in error.params.values()) < 1000


@pytest.mark.parametrize("text", [b"nan", b"inf", b"-inf", b"1e999"])
def test_non_finite_numbers_are_row_errors_never_stored(session, text):
    # nan gave a traceback, 1e999 was stored as infinity
    data = edit(template(session), {"villages_mobile_covered": {"numerator": 12345.0}})
    data = _rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<v>12345</v>", b"<v>" + text + b"</v>"))
    plan = plan_for(session, data)
    assert [(e.code, e.error) for e in plan.errors] == [("villages_mobile_covered", "xlsx_not_finite")]
    assert not plan.can_apply


def test_a_formula_without_a_cached_value_is_a_row_error_not_a_cleared_figure(session):
    data = edit(template(session), {"villages_mobile_covered": {"numerator": "=2*600"}})
    plan = plan_for(session, data)
    assert [(e.code, e.error) for e in plan.errors] == [("villages_mobile_covered", "xlsx_formula_no_value")]
    assert not any(c.new is None for c in plan.changes)


NOTES = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("note", NOTES)
def test_a_note_starting_like_a_formula_stays_text_in_the_template(session, note):
    from db import reference
    from db.users import get_user

    sheet = entry.entry_sheet(session=session, actor=get_user(session=session, username="chair"), unit_id=1,
                                year=2026)
    unit = reference.unit_names(session=session)[1]
    first = sheet.rows[0].indicator
    data = results_workbook.build_template(indicators=[first], figures={first.code: Figure(value=1, note=note)},
                                           unit_code=unit.code, unit_name=unit.name_vi, year=2026)
    cell = load_workbook(io.BytesIO(data))[results_workbook.SHEET].cell(2, len(results_workbook.COLUMNS))
    assert cell.data_type == "s" and cell.value == note
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


def test_notes_starting_like_a_formula_stay_text_in_the_exports():
    table = pd.DataFrame({"Đơn vị": ["Sơn La", "Lai Châu"], "Ghi chú": [NOTES[0], "-1,5"], "Số": [1.0, -2.0]})
    data = exports.tables_xlsx({"Bảng": table})
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.cell(2, 2).data_type == "s" and ws.cell(2, 2).value == NOTES[0]
    rows = exports.table_csv(table).decode("utf-8-sig").splitlines()
    assert rows[1].startswith("Sơn La,\"'=HYPERLINK") and rows[2] == 'Lai Châu,"-1,5",-2.0'  # numbers stay numbers


def test_a_figure_beyond_the_catalogues_bound_is_a_row_error_not_a_question(session):
    # 1e300 villages cannot be: refused with the indicator's label, and the plan cannot be applied
    data = edit(template(session), {"white_villages_cleared": {"numerator": 1e300, "denominator": 1e301}})
    plan = plan_for(session, data)
    assert [(e.code, e.error) for e in plan.errors] == [("white_villages_cleared", "above_max")]
    assert plan.errors[0].params["name_vi"] == "Thôn trắng sóng được xoá trong năm" and not plan.can_apply


@pytest.mark.parametrize("numerator, denominator", [(1300, 2160)])
def test_a_figure_far_from_last_year_needs_confirmation(session, numerator, denominator):
    from db import results_import
    from db.users import get_user

    # Sơn La cleared 123 of 216 white villages in 2022 (seed 003); say it did the same in 2025, the year before the
    # open 2026: ten times that, inside the catalogue's bound, is more likely a slip
    reported_before(session, unit_id=1, year=2025, code="white_villages_cleared", numerator=123, denominator=216)
    data = edit(template(session), {"white_villages_cleared": {"numerator": numerator, "denominator": denominator}})
    plan = plan_for(session, data)
    assert plan.errors == [] and [c.code for c in plan.unusual] == ["white_villages_cleared"]
    actor = get_user(session=session, username="sonla")
    with pytest.raises(DomainError) as exc:
        results_import.apply_plan(session=session, actor=actor, unit_id=1, year=2026, plan=plan)
    assert exc.value.code == "entry_unusual_unconfirmed"
    assert results_import.apply_plan(session=session, actor=actor, unit_id=1, year=2026, plan=plan,
                                     confirm_unusual=True) == 1


def test_a_figure_near_last_year_needs_no_confirmation(session):
    reported_before(session, unit_id=1, year=2025, code="white_villages_cleared", numerator=123, denominator=216)
    data = edit(template(session), {"white_villages_cleared": {"numerator": 150, "denominator": 216}})
    assert plan_for(session, data).unusual == []
