"""The Excel template of a member's proposals and reading a filled one back: one row per proposal (who or what,
the award asked for, the achievement), in Vietnamese; a bad row is reported by its number, and nothing is taken
unless every row is good. The upload is untrusted: a size cap, read-only parsing, values only (no formulas run).
No Streamlit, no database."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from components.i18n.catalogue import translate
from components.rules.enums import PROPOSAL_SUBJECTS
from components.rules.errors import DomainError

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 200
HEADER = ("Đối tượng", "Tên tập thể, cá nhân, sáng kiến", "Hình thức đề nghị", "Thành tích")
SHEET = "de_nghi"


@dataclass(frozen=True)
class RowProblem:
    row: int  # the row number in the sheet (the header is row 1)
    code: str  # err.proposal_row_<code>
    value: str = ""


def _labels(forms: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    subjects = {translate(f"proposal.subject.{s}", "vi"): s for s in PROPOSAL_SUBJECTS}
    awards = {translate(f"entry.awards.form.{f}", "vi"): f for f in forms}
    return subjects, awards


def template_bytes(forms: tuple[str, ...]) -> bytes:
    subjects, awards = _labels(forms)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(HEADER))
    for column, width in zip("ABCD", (14, 44, 30, 60)):
        sheet.column_dimensions[column].width = width
    # the choices as drop-down lists (a typed value is checked again when the file comes back)
    lists = book.create_sheet("danh_muc")
    for n, label in enumerate(subjects, start=1):
        lists.cell(row=n, column=1, value=label)
    for n, label in enumerate(awards, start=1):
        lists.cell(row=n, column=2, value=label)
    for column, letter, count in (("A", "A", len(subjects)), ("C", "B", len(awards))):
        rule = DataValidation(type="list", formula1=f"=danh_muc!${letter}$1:${letter}${count}", allow_blank=True)
        sheet.add_data_validation(rule)
        rule.add(f"{column}2:{column}{MAX_ROWS + 1}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_rows(data: bytes, forms: tuple[str, ...]) -> tuple[list[tuple[str, str, str, str]], list[RowProblem]]:
    """The rows of a filled template as (subject, name, form, summary) codes, and the problems found."""
    if len(data) > MAX_BYTES:
        raise DomainError("proposal_file_too_large", max_mb=MAX_BYTES // (1024 * 1024))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        values = list(sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 2, max_col=4, values_only=True))
    except Exception:  # an untrusted file: whatever openpyxl cannot read is not a template
        raise DomainError("proposal_file_unreadable") from None
    if not values or tuple(str(v or "").strip() for v in values[0]) != HEADER:
        raise DomainError("proposal_file_not_template")
    if len(values) > MAX_ROWS + 1:
        raise DomainError("proposal_too_many", max=MAX_ROWS)
    subjects, awards = _labels(forms)
    rows, problems = [], []
    for n, raw in enumerate(values[1:], start=2):
        cells = [str(v).strip() if v is not None else "" for v in (tuple(raw) + (None,) * 4)[:4]]
        if not any(cells):
            continue
        subject, name, award, summary = cells
        if subject not in subjects:
            problems.append(RowProblem(n, "subject", subject))
        if not name:
            problems.append(RowProblem(n, "name"))
        if award not in awards:
            problems.append(RowProblem(n, "form", award))
        rows.append((subjects.get(subject, ""), name, awards.get(award, ""), summary))
    if not rows and not problems:
        raise DomainError("proposal_empty")
    return rows, problems
