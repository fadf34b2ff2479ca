"""The awards in a shape other software can take: one row per award with the danh hiệu thi đua and the hình thức
khen thưởng as separate fields (codes and their Vietnamese names), as CSV, XLSX and JSON, and a ZIP holding those
with the signed PDFs of the year. No national exchange format or upload for an emulation database has been
published (../shared/domain/SINCE_2025.md, section 5); every file says so. No Streamlit, no database.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import asdict, dataclass

from openpyxl import Workbook

from components.i18n.catalogue import translate

# danh hiệu thi đua (titles) apart from hình thức khen thưởng (forms of award), Luật Thi đua, khen thưởng 2022
TITLES = ("co_thi_dua", "tap_the_ldxs", "tap_the_ldtt", "chien_si_thi_dua")
FORMS = ("huan_chuong", "bang_khen", "giay_khen", "ky_niem_chuong", "other")
FORMAT_NOTE = ("Chưa có định dạng trao đổi hay tải lên cơ sở dữ liệu thi đua, khen thưởng quốc gia nào được công bố; "
               "tệp này theo cấu trúc riêng của ứng dụng: mỗi dòng một khen thưởng, danh hiệu thi đua và hình thức "
               "khen thưởng tách riêng. / No national exchange or upload format for an emulation and awards "
               "database has been published; this file follows the app's own layout: one row per award, the title "
               "and the form of award apart.")
SCHEMA = "thidua-cum/awards/1"


@dataclass(frozen=True)
class AwardRow:
    year: int
    unit_code: str
    unit_name: str
    recipient: str  # collective | individual
    recipient_vi: str
    danh_hieu: str  # a title's code, or empty
    danh_hieu_vi: str
    hinh_thuc: str  # a form of award's code, or empty
    hinh_thuc_vi: str
    level: str
    count: int
    content: str
    decision_no: str
    decision_date: str  # ISO 8601, or empty
    issuer: str
    scope: str  # annual | thematic | one_off
    movement: str  # the emulation movement, when the award belongs to one (empty: none recorded)


COLUMNS = tuple(AwardRow.__dataclass_fields__)


def issuer(level: str, *, ministry_head: str | None, province: str | None) -> str:
    """Who issues an award of a level: the awarding body's head for a ministry award, the province's People's
    Committee chair for a provincial one, else the level as the award form names it."""
    if level == "ministry" and ministry_head:
        return ministry_head
    if level == "province" and province:
        return f"Chủ tịch Ủy ban nhân dân tỉnh {province}"
    return translate(f"entry.awards.level.{level}", "vi")


def award_row(*, year: int, unit_code: str, unit_name: str, form: str, level: str, recipient: str, count: int,
              note: str | None, decision_no: str | None, decision_date, issuer: str, scope: str,
              movement: str = "") -> AwardRow:
    label = translate(f"entry.awards.form.{form}", "vi")
    return AwardRow(year, unit_code, unit_name, recipient, translate(f"entry.awards.recipient.{recipient}", "vi"),
                    form if form in TITLES else "", label if form in TITLES else "",
                    form if form not in TITLES else "", label if form not in TITLES else "", level, count,
                    note or "", decision_no or "", decision_date.isoformat() if decision_date else "", issuer, scope,
                    movement)


def csv_bytes(rows: list[AwardRow]) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens Vietnamese text right), a header row of the column names."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(asdict(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def json_bytes(rows: list[AwardRow], *, cluster: str, year: int) -> bytes:
    payload = {"schema": SCHEMA, "format_note": FORMAT_NOTE, "cluster": cluster, "year": year,
               "awards": [asdict(r) for r in rows]}
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


def xlsx_bytes(rows: list[AwardRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "khen_thuong"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(list(asdict(row).values()))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # text stays text: a value starting with = is never read as a formula
                cell.data_type = "s"
    note = book.create_sheet("ghi_chu")
    note.append([FORMAT_NOTE])
    note.append([f"schema: {SCHEMA}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bytes(rows: list[AwardRow], *, cluster: str, year: int, signed: dict[str, bytes]) -> bytes:
    """The three files, the signed PDFs of the year under signed/, and a README saying what is what."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        stem = f"khen_thuong_{cluster}_{year}"
        archive.writestr(f"{stem}.csv", csv_bytes(rows))
        archive.writestr(f"{stem}.xlsx", xlsx_bytes(rows))
        archive.writestr(f"{stem}.json", json_bytes(rows, cluster=cluster, year=year))
        for name, data in sorted(signed.items()):
            archive.writestr(f"signed/{name}", data)
        archive.writestr("README.txt", (FORMAT_NOTE + "\n\nschema: " + SCHEMA + "\ncolumns: " + ", ".join(COLUMNS)
                                        + f"\nsigned PDFs: {len(signed)}\n").encode("utf-8"))
    return out.getvalue()
