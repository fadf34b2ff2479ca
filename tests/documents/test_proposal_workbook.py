"""The Excel template of a member's proposals: filled and read back as codes; a bad row is named by its number;
a file that is not the template, or not a workbook at all, is refused plainly."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from components.documents import proposal_workbook as workbook
from components.rules.errors import DomainError
from components.rules.honours import AWARD_FORMS


def filled(*rows) -> bytes:
    book = load_workbook(io.BytesIO(workbook.template_bytes(AWARD_FORMS)))
    for row in rows:
        book[workbook.SHEET].append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_template_reads_back_as_codes():
    rows, problems = workbook.read_rows(filled(("Tập thể", "Phòng Bưu chính", "Bằng khen", "Xuất sắc"),
                                               ("Cá nhân", "Nguyễn Thị Hoa", "Chiến sĩ thi đua", None)), AWARD_FORMS)
    assert problems == []
    assert rows == [("collective", "Phòng Bưu chính", "bang_khen", "Xuất sắc"),
                    ("individual", "Nguyễn Thị Hoa", "chien_si_thi_dua", "")]


def test_a_bad_row_is_named_by_its_number():
    _, problems = workbook.read_rows(filled(("Tập thể", "Phòng Bưu chính", "Bằng khen", ""),
                                            ("Đội", "", "Huy chương vàng", "")), AWARD_FORMS)
    assert [(p.row, p.code) for p in problems] == [(3, "subject"), (3, "name"), (3, "form")]


@pytest.mark.parametrize("data, code", [(b"PK\x03\x04 not really a zip", "proposal_file_unreadable"),
                                        (b"", "proposal_file_unreadable")])
def test_a_file_that_is_not_a_workbook_is_refused(data, code):
    with pytest.raises(DomainError) as refused:
        workbook.read_rows(data, AWARD_FORMS)
    assert refused.value.code == code


def test_a_workbook_that_is_not_the_template_is_refused():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tên", "Giá trị"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(DomainError, match="proposal_file_not_template"):
        workbook.read_rows(out.getvalue(), AWARD_FORMS)
