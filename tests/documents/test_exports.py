"""Exports read back: CSV opens as UTF-8 with a BOM, XLSX through openpyxl, PNG/SVG from vl-convert, and the meeting
pack PDF: its text is decoded through the fonts' ToUnicode maps to check the year and filters on every page."""

import csv
import io
import re
import zlib
from datetime import datetime, timezone

import pandas as pd
from openpyxl import load_workbook
from pypdf import PdfReader

from components.charts import coverage as coverage_charts
from components.charts import dti as dti_charts
from components.charts import rankings as ranking_charts
from components.documents import exports
from tests.charts.test_charts import CATALOGUE, MEMBERS, MERGER_VALUES, VALUES, indicator
from tests.pdf_layout import words


def coverage():
    ind = indicator("villages_mobile_covered")
    frame = coverage_charts.coverage_frame(VALUES, MEMBERS, ind, 2022)
    return frame, coverage_charts.coverage_chart(frame, ind, 2022, highlight_unit_id=4)


def test_csv_has_a_bom_vietnamese_headings_and_empty_missing_figures():
    frame, _ = coverage()
    data = exports.table_csv(exports.export_table(frame))
    assert data.startswith(b"\xef\xbb\xbf")  # what makes Excel read the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert "Tỉnh" in rows[0] and "unit_id" not in rows[0] and "highlighted" not in rows[0]
    by_unit = {r["Tỉnh"]: r for r in rows}
    assert by_unit["Lào Cai"]["Hiển thị"] == "98,7%"
    assert by_unit["Lào Cai"]["Tử số"] == "1542.0"
    assert by_unit["Sơn La"]["Giá trị"] == ""  # not 0
    assert by_unit["Sơn La"]["Hiển thị"] == "chưa báo cáo"


def test_xlsx_reads_back_with_numbers_and_empty_cells():
    frame, _ = coverage()
    scorecard = exports.export_table(ranking_charts.scorecard_frame(VALUES, MEMBERS, CATALOGUE, 2022))
    data = exports.tables_xlsx({"Tỷ lệ, phủ sóng": exports.export_table(frame), "Bảng xếp hạng": scorecard},
                               heading="So sánh năm 2022")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Tỷ lệ, phủ sóng", "Bảng xếp hạng"]
    sheet = book["Tỷ lệ, phủ sóng"]
    assert sheet["A1"].value == "So sánh năm 2022"
    header = [c.value for c in sheet[3]]
    assert header[:3] == ["Tỉnh", "Năm thi đua", "Giá trị"]
    body = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert body["Lào Cai"][2] == pytest_approx(98.7196)
    assert body["Lào Cai"][1] == 2022
    assert body["Sơn La"][2] is None
    assert book["Bảng xếp hạng"].max_row == 3 + len(scorecard)


def pytest_approx(x):
    import pytest

    return pytest.approx(x, abs=1e-3)


def test_sheet_titles_are_made_valid_and_unique():
    data = exports.tables_xlsx({"a/b:c": pd.DataFrame({"x": [1]}), "a b c": pd.DataFrame({"x": [2]})})
    assert load_workbook(io.BytesIO(data)).sheetnames == ["a b c", "a b c (2)"]


def test_png_and_svg_render_the_chart_with_vietnamese_text():
    _, chart = coverage()
    png = exports.chart_png(chart, scale=1)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    assert width >= exports.EXPORT_WIDTH  # the stretched page chart gets a fixed width in the file
    svg = exports.chart_svg(chart).decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    for text in ("Lào Cai", "98,7%", "chưa báo cáo", "Trung bình Cụm"):
        assert text in svg


# --- reading the PDF back --------------------------------------------------------------------------------------


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}


def _stream(body: bytes) -> bytes:
    m = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
    raw = m.group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in body else raw


def _cmap(data: bytes) -> dict[int, str]:
    out = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + i)
    return out


def _unescape(s: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i]
        if c == 0x5C:  # backslash
            n = s[i + 1]
            if n in b"01234567":
                j = i + 1
                while j < len(s) and j < i + 4 and s[j] in b"01234567":
                    j += 1
                out.append(int(s[i + 1:j], 8) & 0xFF)
                i = j
                continue
            out.append({ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def pdf_pages_text(pdf: bytes) -> list[str]:
    """The text of each page of an fpdf2 document with embedded TrueType subsets (2-byte glyph codes)."""
    objs = _objects(pdf)
    font_maps = {}
    for num, body in objs.items():
        m = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if m and b"/Type /Font" in body:
            font_maps[num] = _cmap(_stream(objs[int(m.group(1))]))
    pages = []
    for num, body in sorted(objs.items()):
        if not re.search(rb"/Type /Page\b", body):
            continue
        contents = int(re.search(rb"/Contents (\d+) 0 R", body).group(1))
        resources = re.search(rb"/Resources (\d+) 0 R", body)
        res_body = objs[int(resources.group(1))] if resources else body
        fonts = {name: int(ref) for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", res_body)}
        content = _stream(objs[contents])
        text, current = [], {}
        for m in re.finditer(rb"/(F\d+) [\d.]+ Tf|\((.*?)(?<!\\)\) ?Tj", content, re.S):
            if m.group(1):
                current = font_maps.get(fonts.get(m.group(1)), {})
            else:
                raw = _unescape(m.group(2))
                text.append("".join(current.get(int.from_bytes(raw[i:i + 2], "big"), "?")
                                    for i in range(0, len(raw) - 1, 2)))
        pages.append(" ".join(text))
    return pages


def test_meeting_pack_has_every_section_and_the_year_and_filters_on_each_page():
    frame, chart = coverage()
    scorecard_frame = ranking_charts.scorecard_frame(VALUES, MEMBERS, CATALOGUE, 2022)
    table = ranking_charts.composite_table(scorecard_frame.assign(), MEMBERS, {})
    sections = [exports.PackSection("Tỷ lệ, phủ sóng", chart),
                exports.PackSection("Bảng xếp hạng", ranking_charts.scorecard_chart(scorecard_frame, 2022), table,
                                    note="Tỉnh chưa báo cáo không bị xếp cuối.")]
    progress = []
    pdf = exports.meeting_pack_pdf(sections, year=2022, filters="Lĩnh vực: Viễn thông; làm nổi bật: Lào Cai",
                                   made_at=datetime(2026, 1, 15, 2, 30, tzinfo=timezone.utc),
                                   on_progress=lambda i, n, title: progress.append((i, n, title)))
    assert pdf.startswith(b"%PDF")
    assert progress == [(1, 2, "Tỷ lệ, phủ sóng"), (2, 2, "Bảng xếp hạng")]
    assert b"BeVietnamPro" in pdf  # the bundled font, the one the browser gets, is embedded
    pages = pdf_pages_text(pdf)
    assert len(pages) >= 2  # the cover's heading with the first section, a page per further section (a long table may add more)
    for page in pages:
        assert "Năm 2022 · Lĩnh vực: Viễn thông; làm nổi bật: Lào Cai" in page
        assert "Lập lúc 15/01/2026 09:30" in page  # Vietnam time
    assert "Tài liệu so sánh kết quả thi đua năm 2022" in pages[0]
    assert "Tỷ lệ, phủ sóng" in pages[0]
    joined = " ".join(pages[1:])
    assert "Bảng xếp hạng" in joined and "Tỉnh chưa báo cáo không bị xếp cuối." in joined
    assert "Lạng Sơn" in joined and "Điểm tổng hợp (0–100)" in joined  # the composite table


def test_the_meeting_pack_prints_a_charts_derived_figures_with_their_source():
    from components.charts.views import ALL_FIELDS, Choices, build_view
    from tests.charts.test_derived_charts import RATIO_SOURCE, dataset
    from tests.charts.test_derived_charts import VALUES as DERIVED_VALUES

    view = build_view("coverage", dataset(DERIVED_VALUES),
                      Choices(2022, None, ALL_FIELDS, "villages_mobile_covered", "dti_rank", None), "vi")
    pdf = exports.meeting_pack_pdf([exports.PackSection(view.title, view.chart, None, "\n".join(view.notes),
                                                        derived=view.derived)],
                                   year=2022, filters="Lịch sử của đơn vị sáp nhập: Chuỗi suy ra từ các tỉnh hợp thành")
    page = " ".join(pdf_pages_text(pdf))
    assert "Cột nhạt, viền nét đứt: số liệu suy ra từ các tỉnh hợp thành" in page  # the note
    assert "Số liệu suy ra trong biểu đồ này" in page and "Nguồn số liệu" in page  # the table
    assert RATIO_SOURCE in page and "92,0%" in page


def _page_texts(pdf: bytes) -> dict[int, str]:
    pages: dict[int, list[str]] = {}
    for w in words(pdf):
        pages.setdefault(w.page, []).append(w.text)
    return {page: " ".join(texts) for page, texts in pages.items()}


def test_meeting_pack_keeps_each_sections_title_chart_and_note_on_one_page_and_no_page_has_a_title_alone():
    _, coverage_chart = coverage()
    dti_frame = dti_charts.dti_frame(MERGER_VALUES, MEMBERS, "dti_rank")
    scorecard_frame = ranking_charts.scorecard_frame(VALUES, MEMBERS, CATALOGUE, 2022)
    # notes as long as the DTI chart's: the break explained, then the units that did not report
    long_note = ("Từ 2024, DTI xếp hạng 34 tỉnh, thành phố sau sáp nhập (trước đó 63); mỗi tỉnh mới là trung bình "
                 "các tỉnh trước sáp nhập, nên thứ hạng hai giai đoạn không so sánh trực tiếp được.\n"
                 "Chưa báo cáo xếp hạng: Sơn La (2020–2024), Lai Châu (2020–2024), Lào Cai (2020–2024), "
                 "Hà Giang (2020–2024), Điện Biên (2020, 2023, 2024).")
    sections = [exports.PackSection("Tỷ lệ, phủ sóng", coverage_chart, note="Lào Cai làm nổi bật."),
                exports.PackSection("Chỉ số DTI", dti_charts.dti_chart(dti_frame, "dti_rank"), note=long_note),
                exports.PackSection("Bảng xếp hạng", ranking_charts.scorecard_chart(scorecard_frame, 2022),
                                    ranking_charts.composite_table(scorecard_frame, MEMBERS, {}),
                                    note="Tỉnh chưa báo cáo không bị xếp cuối."),
                exports.PackSection("Chỉ số DTI, lần hai", dti_charts.dti_chart(dti_frame, "dti_rank"),
                                    note=long_note)]
    pdf = exports.meeting_pack_pdf(sections, year=2024, filters="Lĩnh vực: tất cả",
                                   made_at=datetime(2026, 1, 15, 2, 30, tzinfo=timezone.utc))
    pages = _page_texts(pdf)
    images = {number: len(page.images) for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1)}
    for section in sections:
        on = [page for page, body in pages.items() if section.title + " " in body + " "]
        assert len(on) == 1, (section.title, on)
        [page] = on
        # the title, its chart and its whole note on the same page
        assert images[page] >= 1, section.title
        assert " ".join(section.note.split()) in pages[page], section.title
    # the cover's heading shares its page with the first section's chart
    assert "Tài liệu so sánh kết quả thi đua năm 2024" in pages[1] and images[1] >= 1
    # every page has a chart or a table's rows, not only its stamp, a title and the page number
    table_pages = [page for page, body in pages.items() if "Điểm tổng hợp (0–100)" in body]
    assert all(images[page] >= 1 or page in table_pages for page in pages)
