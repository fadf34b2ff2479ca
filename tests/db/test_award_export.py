"""The awards for other software: one row per award, the danh hiệu and the hình thức khen thưởng apart, as CSV,
XLSX, JSON and a ZIP with the signed PDFs; each says that no national upload format has been published."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from components.rules.access import Acting
from components.rules.errors import DomainError
from db import award_export
from db.models import Award, Unit
from tests.conftest import ROOT
from tests.helpers import ADMIN, home_cluster


def _manage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "manage.py"), *args], capture_output=True,
                          text=True, timeout=180, cwd=ROOT)


def _with_two_awards(session):
    sonla = session.exec(select(Unit).where(Unit.code == "sonla")).one()
    session.add(Award(unit_id=sonla.id, year=2026, form="bang_khen", level="ministry", recipient="collective",
                      count=1, decision_no="123/QĐ-BKHCN", decision_date=date(2026, 11, 2),
                      note="=Hoàn thành xuất sắc"))
    session.add(Award(unit_id=sonla.id, year=2026, form="tap_the_ldxs", level="province", recipient="collective",
                      count=1, scope="thematic"))
    session.commit()


def test_one_row_per_award_with_the_title_and_the_form_apart(session):
    _with_two_awards(session)
    out = award_export.awards_out(session=session, actor=ADMIN, cluster_id=home_cluster(session), year=2026)
    rows = {(r.danh_hieu, r.hinh_thuc): r for r in out.rows}
    merit = rows[("", "bang_khen")]
    assert merit.hinh_thuc_vi == "Bằng khen" and merit.unit_code == "sonla" and "Sơn La" in merit.unit_name
    assert merit.decision_no == "123/QĐ-BKHCN" and merit.decision_date == "2026-11-02"
    assert merit.issuer == "Bộ trưởng Bộ Khoa học và Công nghệ" and merit.scope == "annual"
    title = rows[("tap_the_ldxs", "")]
    assert title.danh_hieu_vi == "Tập thể lao động xuất sắc" and title.scope == "thematic"
    assert title.issuer.startswith("Chủ tịch Ủy ban nhân dân tỉnh Sơn La")


def test_csv_json_and_xlsx_hold_the_same_rows_and_say_no_national_format_exists(session):
    _with_two_awards(session)
    out = award_export.awards_out(session=session, actor=ADMIN, cluster_id=home_cluster(session), year=2026)
    table = list(csv.DictReader(io.StringIO(award_export.export_bytes(out, "csv").decode("utf-8-sig"))))
    assert len(table) == 2 and {r["hinh_thuc"] for r in table} == {"bang_khen", ""}
    payload = json.loads(award_export.export_bytes(out, "json"))
    assert "Chưa có định dạng trao đổi" in payload["format_note"] and len(payload["awards"]) == 2
    book = load_workbook(io.BytesIO(award_export.export_bytes(out, "xlsx")))
    sheet = book["khen_thuong"]
    contents = [c.value for c in sheet["L"]][1:]  # the content column
    assert "=Hoàn thành xuất sắc" in contents and sheet["L2"].data_type == "s"  # text, never a formula
    assert "Chưa có định dạng" in book["ghi_chu"]["A1"].value


def test_the_zip_from_the_command_line_holds_the_files_and_the_readme(db_url, tmp_path):
    target = tmp_path / "khen_thuong.zip"
    done = _manage("export-awards", "--year", "2022", "--format", "zip", "--out", str(target))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert {"khen_thuong_cum2_2022.csv", "khen_thuong_cum2_2022.xlsx", "khen_thuong_cum2_2022.json",
                "README.txt"} <= names
        assert "Chưa có định dạng" in archive.read("README.txt").decode("utf-8")


def test_the_zip_carries_the_signed_pdfs_of_the_year(session):
    from tests.db.test_signed_documents import _stored

    kept = _stored(session)
    out = award_export.awards_out(session=session, actor=ADMIN, cluster_id=home_cluster(session), year=2022)
    with zipfile.ZipFile(io.BytesIO(award_export.export_bytes(out, "zip"))) as archive:
        signed = [n for n in archive.namelist() if n.startswith("signed/")]
        assert len(signed) == 1 and archive.read(signed[0]) == kept.content


def test_a_province_cannot_take_the_awards_out(session):
    province = Acting(id=None, role="province", unit_id=1)
    with pytest.raises(DomainError, match="forbidden"):
        award_export.awards_out(session=session, actor=province, cluster_id=home_cluster(session), year=2026)
