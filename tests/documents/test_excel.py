"""Excel round-trip: template, good uploads, malformed files, the dry run and the all-or-none apply."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from components.documents import results_workbook
from components.rules import packs
from components.rules.errors import DomainError
from components.rules.figures import Figure
from db import entry, reference, results_import
from db.models import IndicatorValue
from db.users import get_user
from tests.helpers import home_cluster, lock_year_confirmed

YEAR, SONLA = 2026, 1


def template(session, unit_id=SONLA, year=YEAR) -> bytes:
    sheet = entry.entry_sheet(session=session, actor=get_user(session=session, username="chair"), unit_id=unit_id,
                              year=year)
    unit = reference.unit_names(session=session)[unit_id]
    return results_workbook.build_template(indicators=[r.indicator for r in sheet.rows],
                                figures={r.indicator.code: r.current for r in sheet.rows if r.current},
                                unit_code=unit.code, unit_name=unit.name_vi, year=year)


def edit(data: bytes, values: dict[str, dict], sheet=results_workbook.SHEET) -> bytes:
    """Fill cells of the template: {code: {column: value}}."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for code, cells in values.items():
        for column, value in cells.items():
            ws.cell(rows[code], results_workbook.COLUMNS.index(column) + 1).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def workbook_bytes(build) -> bytes:
    wb = Workbook()
    build(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def plan_for(session, data, username="sonla"):
    return results_import.dry_run(session=session, actor=get_user(session=session, username=username), unit_id=SONLA,
                         year=YEAR, data=data)


def test_template_has_the_fixed_columns_and_the_stored_figures(session):
    entry.save_figures(session=session, actor=get_user(session=session, username="sonla"), unit_id=SONLA, year=YEAR,
                       figures={"villages_mobile_covered": Figure(numerator=1542, denominator=1562, note="n")})
    session.commit()
    wb = load_workbook(io.BytesIO(template(session)))
    assert wb.sheetnames == [results_workbook.SHEET, results_workbook.GUIDE_SHEET]
    ws = wb[results_workbook.SHEET]
    assert tuple(c.value for c in ws[1]) == results_workbook.HEADERS["vi"]  # read by a person: in Vietnamese
    assert [c.value for c in wb[results_workbook.GUIDE_SHEET]["A"][1:4]] == ["Mã đơn vị", "Đơn vị", "Năm"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["villages_mobile_covered"][5:] == (None, 1542, 1562, None, "n")
    assert rows["bts_sites"][5:] == (None, None, None, None, None)
    # the rows are the year's indicator pack: a Sở KH&CN's in 2026 (no press field, the innovation field)
    pack = packs.PACKS["so_khcn"]
    assert len(rows) == len([i for i in reference.list_indicators(session=session) if i.field in pack])
    assert "pii_rank" in rows and "foreign_info_articles" not in rows


def test_good_upload_dry_run_lists_changes_and_confirm_applies_them(session):
    data = edit(template(session), {"bts_sites": {"value": 1200}, "dti_rank": {"value": 12, "ranked_of": 63},
                                    "households_fibre": {"numerator": 85760, "denominator": 171984}})
    plan = plan_for(session, data)
    assert plan.errors == [] and plan.can_apply
    assert {c.code: c.new for c in plan.changes} == {
        "bts_sites": Figure(value=1200), "dti_rank": Figure(value=12, ranked_of=63),
        "households_fibre": Figure(numerator=85760, denominator=171984)}
    assert session.exec(select(IndicatorValue).where(IndicatorValue.year == YEAR,
                                                  IndicatorValue.unit_id == SONLA)).all() == []  # dry run only
    applied = results_import.apply_plan(session=session, actor=get_user(session=session, username="sonla"), unit_id=SONLA,
                               year=YEAR, plan=plan)
    session.commit()
    assert applied == 3
    assert entry.stored_figures(session=session, unit_id=SONLA, year=YEAR)["bts_sites"].value == 1200
    assert plan_for(session, data).changes == []  # uploading the same file again changes nothing


def test_a_cleared_row_removes_the_stored_figure(session):
    entry.save_figures(session=session, actor=get_user(session=session, username="sonla"), unit_id=SONLA, year=YEAR,
                       figures={"bts_sites": Figure(value=1200)})
    session.commit()
    plan = plan_for(session, edit(template(session), {"bts_sites": {"value": None}}))
    assert [(c.code, c.old, c.new) for c in plan.changes] == [("bts_sites", Figure(value=1200), None)]


def test_row_errors_are_listed_row_by_row_and_nothing_can_be_applied(session):
    data = edit(template(session), {"bts_sites": {"value": "nhiều"}, "mobile_coverage_pct": {"value": 140},
                                    "dti_rank": {"value": 70, "ranked_of": 63}, "bts_stations": {"value": 5}})
    plan = plan_for(session, data)
    by_code = {e.code: e for e in plan.errors}
    assert set(by_code) == {"bts_sites", "mobile_coverage_pct", "dti_rank"}
    assert by_code["bts_sites"].error == "xlsx_text_in_number"
    assert "là chữ, không phải số" in results_workbook.row_error_text(by_code["bts_sites"])
    assert results_workbook.row_error_text(by_code["mobile_coverage_pct"]) == "Tỷ lệ phải nằm trong khoảng 0–100%."
    assert all(e.row and e.row > 1 for e in plan.errors)
    assert [e.row for e in plan.errors] == sorted(e.row for e in plan.errors)
    assert not plan.can_apply
    with pytest.raises(DomainError) as err:
        results_import.apply_plan(session=session, actor=get_user(session=session, username="sonla"), unit_id=SONLA,
                         year=YEAR, plan=plan)
    assert err.value.code == "entry_import_has_errors"
    session.rollback()
    assert entry.stored_figures(session=session, unit_id=SONLA, year=YEAR) == {}


def test_cross_field_rule_errors_come_with_the_rule_message(session):
    data = edit(template(session), {"dossiers_received": {"value": 10}, "dossiers_early": {"value": 5},
                                    "dossiers_on_time": {"value": 1}, "dossiers_late": {"value": 1}})
    plan = plan_for(session, data)
    assert {e.code for e in plan.errors} == {"dossiers_received", "dossiers_early", "dossiers_on_time",
                                             "dossiers_late"}
    assert results_workbook.row_error_text(plan.errors[0]).startswith("Hồ sơ trước hạn + đúng hạn + quá hạn")


def test_unknown_and_duplicate_codes_are_row_errors(session):
    def build(wb):
        ws = wb.active
        ws.title = results_workbook.SHEET
        ws.append(list(results_workbook.COLUMNS))
        ws.append(["bts_sites", None, None, None, None, 10])
        ws.append(["bts_sites", None, None, None, None, 11])
        ws.append(["no_such_code", None, None, None, None, 1])
        ws.append([None, None, None, None, None, 3])
    plan = plan_for(session, workbook_bytes(build))
    assert [(e.row, e.error) for e in plan.errors] == [(3, "xlsx_duplicate_code"), (4, "unknown_indicator"),
                                                      (5, "xlsx_missing_code")]


def test_a_file_for_another_unit_is_refused(session):
    data = template(session, unit_id=2)
    with pytest.raises(DomainError) as err:
        plan_for(session, data)
    assert err.value.code == "entry_xlsx_wrong_unit" and err.value.params["file_unit"].endswith("Lai Châu")


def test_a_figure_changed_after_the_dry_run_refuses_the_whole_import(session):
    plan = plan_for(session, edit(template(session), {"bts_sites": {"value": 1200}, "bts_stations": {"value": 9}}))
    entry.save_figures(session=session, actor=get_user(session=session, username="chair"), unit_id=SONLA, year=YEAR,
                       figures={"bts_sites": Figure(value=1100)})
    session.commit()
    with pytest.raises(DomainError) as err:
        results_import.apply_plan(session=session, actor=get_user(session=session, username="sonla"), unit_id=SONLA,
                         year=YEAR, plan=plan)
    assert err.value.code == "entry_changed_meanwhile"
    session.rollback()
    stored = entry.stored_figures(session=session, unit_id=SONLA, year=YEAR)
    assert stored["bts_sites"].value == 1100 and "bts_stations" not in stored


def _wrong_sheet(wb):
    wb.active.title = "Sheet1"
    wb.active.append(list(results_workbook.COLUMNS))


def _wrong_columns(wb):
    wb.active.title = results_workbook.SHEET
    wb.active.append(["code", "value", "note"])


def _header_only(wb):
    wb.active.title = results_workbook.SHEET
    wb.active.append(list(results_workbook.COLUMNS))


@pytest.mark.parametrize("data,code", [
    (b"", "entry_xlsx_empty"),
    (b"code,value\nbts_sites,12\n", "entry_xlsx_not_excel"),
    (b"PK\x03\x04 not really a zip", "entry_xlsx_not_excel"),
    (workbook_bytes(_wrong_sheet), "entry_xlsx_no_sheet"),
    (workbook_bytes(_wrong_columns), "entry_xlsx_bad_columns"),
    (workbook_bytes(_header_only), "entry_xlsx_no_rows"),
], ids=["empty", "csv", "broken-zip", "wrong-sheet", "wrong-columns", "no-rows"])
def test_malformed_files_get_a_clear_message(data, code):
    with pytest.raises(DomainError) as err:
        results_workbook.parse_upload(data)
    assert err.value.code == code
    from components.i18n.catalogue import translate
    message = translate(f"err.{code}", "vi", **err.value.params)
    assert message != f"err.{code}" and "{" not in message


def test_wrong_columns_message_names_the_expected_ones():
    with pytest.raises(DomainError) as err:
        results_workbook.parse_upload(workbook_bytes(_wrong_columns))
    assert err.value.params["expected"].startswith("Mã chỉ tiêu, Lĩnh vực, Tên chỉ tiêu") and err.value.params["found"] == \
        "code, value, note"


def test_locked_unit_cannot_import(session):
    lock_year_confirmed(session=session, actor=get_user(session=session, username="chair"), cluster_id=home_cluster(session), year=YEAR)
    session.commit()
    with pytest.raises(DomainError) as err:
        plan_for(session, template(session))
    assert err.value.code == "entry_unit_locked"
