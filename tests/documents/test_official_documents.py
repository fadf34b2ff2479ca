"""The State-format documents as files: every builder's DOCX read back with python-docx, every PDF read back word by
word (pdftotext -bbox) with no text running into other text, and pages rendered to PNG (pdftoppm)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from components.documents import cluster_papers as papers
from components.documents.official import Block, OfficialDocument, Signature, docx_bytes, pdf_bytes, printable
from components.documents.year_report import REPORT_ITEMS, ReportData, Total, cluster_total, report_document
from tests.pdf_layout import overlapping, save_pages, text_of, words

CTX = papers.PaperContext(parent_body="Bộ Khoa học và Công nghệ", issuer="Cụm thi đua số 2", symbol="CTĐS2",
                          place="Lào Cai", year=2025)
MEMBERS = tuple(papers.Member(f"Sở Khoa học và Công nghệ {p}", director=d) for p, d in
                [("Sơn La", "Nguyễn Văn A"), ("Lai Châu", ""), ("Điện Biên", "Lò Thị Ủy"), ("Lào Cai", ""),
                 ("Tuyên Quang", ""), ("Cao Bằng", "Hoàng Ngọc Sơn"), ("Lạng Sơn", "")])
VOTE = papers.VoteSummary(held_on=date(2026, 2, 20), eligible=7, present=7, ballots_cast=7, valid=7,
                          votes=(("Sở Khoa học và Công nghệ Điện Biên", 5), ("Sở Khoa học và Công nghệ Lào Cai", 2)),
                          elected=("Sở Khoa học và Công nghệ Điện Biên",), rule_text="quá nửa số phiếu hợp lệ")


def docx_text(data: bytes) -> str:
    d = Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def all_documents() -> dict[str, OfficialDocument]:
    report = ReportData(parent_body="Bộ Thông tin và Truyền thông", issuer="Cụm thi đua số 2", symbol="CTĐS2",
                        place="Lào Cai", year=2022, members=tuple(m.unit for m in MEMBERS),
                        totals={item: Total(item, 1542.0, "figures") for item, _, _ in REPORT_ITEMS},
                        highlights=(("Lạng Sơn", ("Cửa khẩu số " * 60,)),), leading_units=("Điện Biên",),
                        direction="Tiếp tục đẩy mạnh chuyển đổi số.\nThực hiện tốt cải cách hành chính.", theme=None)
    return {
        "report": report_document(report),
        "covenant": papers.covenant_document(CTX, theme="Đổi mới, sáng tạo", commitments=("Giữ gìn đoàn kết.",) * 3,
                                             members=MEMBERS),
        "programme": papers.programme_document(CTX, theme=None,
                                               targets=(("Bưu chính", ("100% xã có điểm phục vụ",)),),
                                               staff_targets=("Trên 90% CCVCNLĐ đạt Lao động tiên tiến",)),
        "meeting": papers.meeting_document(CTX, held_on=date(2026, 2, 20), attendance=((MEMBERS[0].unit, True),),
                                           scores=(), vote=VOTE, next_chair="Sở KH&CN Điện Biên",
                                           next_vice_chair=None),
        "proposal": papers.proposal_document(CTX, awarding_head="Bộ trưởng Bộ Khoa học và Công nghệ", vote=VOTE,
                                             candidates=VOTE.elected),
    }


@pytest.mark.parametrize("kind", ["report", "covenant", "programme", "meeting", "proposal"])
def test_every_document_is_laid_out_without_overlapping_text(kind):
    doc = all_documents()[kind]
    pdf = pdf_bytes(doc)
    found = words(pdf)
    assert len(found) > 40
    assert overlapping(found) == []
    text = text_of(pdf)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "CỤM THI ĐUA SỐ 2"):
        assert expected in text
    assert save_pages(pdf, f"document_{kind}")  # rendered to PNG for a person to look at
    written = docx_text(docx_bytes(doc))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in written and doc.title.upper() in written
    for block in doc.blocks:
        if block.kind != "table":
            assert block.text.strip()[:60] in written


def test_the_covenant_has_a_signature_block_per_member_with_the_directors_name():
    doc = all_documents()["covenant"]
    written = docx_text(docx_bytes(doc))
    for member in MEMBERS:
        assert member.unit.upper() in written
    assert "Lò Thị Ủy" in written and "Hoàng Ngọc Sơn" in written
    assert written.count("GIÁM ĐỐC") == len(MEMBERS)
    pdf_text = text_of(pdf_bytes(doc))
    assert "Ủy" in pdf_text and "Giao" not in pdf_text.split("GIAO ƯỚC")[0][-5:]


def test_the_proposal_goes_to_the_awarding_head_of_the_day():
    doc = all_documents()["proposal"]
    text = text_of(pdf_bytes(doc))
    assert "Bộ trưởng Bộ Khoa học và Công nghệ" in text and "Thông tin và Truyền thông" not in text
    assert "BỘ KHOA HỌC VÀ CÔNG NGHỆ" in text


def test_a_very_long_note_is_wrapped_never_cut():
    long = " ".join(f"từ{i}" for i in range(1500))
    doc = OfficialDocument(parent_body="Bộ Khoa học và Công nghệ", issuer="Cụm thi đua số 2", number_symbol="Số: /BC",
                           place_date="Lào Cai, ngày 01 tháng 02 năm 2026", title="Báo cáo",
                           blocks=(Block("paragraph", long),), signatures=(Signature(("Cụm trưởng",)),))
    pdf = pdf_bytes(doc)
    found = words(pdf)
    assert max(w.page for w in found) >= 2
    assert {"từ0", "từ749", "từ1499"} <= {w.text for w in found}
    assert overlapping(found) == []
    assert "từ1499" in docx_text(docx_bytes(doc))


def test_characters_outside_the_fonts_are_shown_not_dropped():
    assert printable("Cờ 🚩 ≥ ả") == "Cờ ? ≥ ả"
    doc = OfficialDocument(parent_body="Bộ", issuer="Cụm", number_symbol="Số: /BC", place_date="Lào Cai",
                           title="Thử", blocks=(Block("paragraph", "Cờ 🚩 漢 ok"),))
    assert "Cờ ? ? ok" in text_of(pdf_bytes(doc))
    assert "🚩" in docx_text(docx_bytes(doc))  # Word has its own fonts: the DOCX keeps the text as typed


def test_a_cluster_total_is_the_sum_only_when_every_member_reported():
    assert cluster_total("x", {"A": 2, "B": 3}, None) == Total("x", 5.0, "figures")
    assert cluster_total("x", {"A": 2, "B": 3}, 99) == Total("x", 5.0, "figures")  # the figures win
    assert cluster_total("x", {"A": 2, "B": None}, 99) == Total("x", 99.0, "cluster")
    partial = cluster_total("x", {"A": 2, "B": None}, None)
    assert partial.value is None and partial.source == "partial" and partial.partial_sum == 2.0
    assert cluster_total("x", {"A": None, "B": None}, None) == Total("x", None, "none")
    assert cluster_total("x", {}, None).source == "none"


def test_a_report_without_figures_says_so_and_writes_no_zero():
    empty = {item: Total(item, None, "none") for item, _, _ in REPORT_ITEMS}
    doc = report_document(ReportData(parent_body="Bộ Khoa học và Công nghệ", issuer="Cụm thi đua số 2",
                                     symbol="CTĐS2", place="Lào Cai", year=2026, members=(), totals=empty,
                                     highlights=(), leading_units=(), direction=None, theme=None))
    text = docx_text(docx_bytes(doc))
    assert "chưa báo cáo" in text and "Chưa xác định thành viên" in text and "Chưa có kết quả suy tôn" in text
    assert " 0 " not in text
