"""The one door for a workbook somebody uploaded: every Excel import opens it here (the results import,
results_workbook.parse_upload; the criteria table, criteria_workbook.table_from_xlsx).

Before openpyxl sees it: its size, the number of its zip entries and what they unzip to (a zip bomb). Then the
rows present are read, never the dimension the file claims (a few KB can claim 1,048,576 × 16,384 cells), at most
max_rows rows of max_columns cells. Text cells with control characters (other than tab and line breaks) are refused:
they break the XML of every document and template written from them later. Run it before a database session is
opened: a slow file must not hold a connection."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from components.rules.errors import DomainError
from components.rules.plain_text import has_control


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_unzipped_bytes: int
    max_entries: int
    max_rows: int
    max_columns: int
    # the refusal codes of the caller's catalogue
    not_excel: str
    too_big: str
    too_many_rows: str
    control: str = "xlsx_control_character"


def check_archive(data: bytes, limits: Limits) -> None:
    if not data:
        raise DomainError(limits.not_excel)
    if len(data) > limits.max_bytes:
        raise DomainError(limits.too_big, mb=max(1, limits.max_bytes // (1024 * 1024)))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DomainError(limits.not_excel) from None
    if len(entries) > limits.max_entries or sum(e.file_size for e in entries) > limits.max_unzipped_bytes:
        raise DomainError(limits.too_big, mb=max(1, limits.max_unzipped_bytes // (1024 * 1024)))


def open_workbook(data: bytes, limits: Limits, *, data_only: bool = True):
    """The workbook, read-only, after check_archive; any parser failure is the caller's "not Excel"."""
    check_archive(data, limits)
    try:
        return load_workbook(io.BytesIO(data), data_only=data_only, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError, AttributeError,
            IndexError, SyntaxError):
        raise DomainError(limits.not_excel) from None


def bounded_rows(ws, limits: Limits) -> list[tuple]:
    """At most max_rows rows of at most max_columns cells, whatever the sheet's dimension claims; a text cell with
    a control character is refused with the cell's place."""
    ws.reset_dimensions()  # read the rows present, not the claimed dimension
    rows = []
    try:
        for number, values in enumerate(ws.iter_rows(max_col=limits.max_columns, values_only=True), start=1):
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and has_control(value):
                    raise DomainError(limits.control, row=number, column=column)
            rows.append(values)
            if len(rows) > limits.max_rows:
                raise DomainError(limits.too_many_rows, most=limits.max_rows)
    # a malformed cell or sheet (the XML parser's error is a SyntaxError; a damaged zip member, BadZipFile or zlib)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError, SyntaxError,
            zipfile.BadZipFile, EOFError, zlib.error):
        raise DomainError(limits.not_excel) from None
    return rows
