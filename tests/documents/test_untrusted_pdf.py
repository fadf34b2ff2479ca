"""Evidence PDFs are checked by their content (components/documents/untrusted_pdf.py), not by their first bytes:
scripts, actions run on opening, launched programs and embedded files are refused wherever they sit (names escaped
as #xx included), so are polyglots, encrypted and damaged files; a plain PDF passes. Through the data layer a
refused file stores nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from sqlmodel import select

from components.documents.untrusted_pdf import check_pdf
from components.rules.errors import DomainError
from db import score_sheets
from db.models import ScoreEvidence
from tests.helpers import tiny_pdf


def _written(change) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(tiny_pdf()))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _launch(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})


def _script(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")})


def _page_action(writer: PdfWriter) -> None:
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})})


HOSTILE = {
    "a script run on opening": lambda: _written(_script),
    "a launched program": lambda: _written(_launch),
    "a page's own action": lambda: _written(_page_action),
    "an embedded file": lambda: _written(lambda w: w.add_attachment("x.bat", b"echo payload")),
    "an escaped name": lambda: _written(_script).replace(b"/JavaScript", b"/J#61vaScript"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_active_content_is_refused_wherever_it_sits(kind):
    with pytest.raises(DomainError) as refused:
        check_pdf(HOSTILE[kind](), "minh-chung.pdf")
    assert refused.value.code == "evidence_pdf_active"


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("evil.html", "<script>alert(1)</script>")
    return out.getvalue()


@pytest.mark.parametrize("content, code", [
    (lambda: tiny_pdf() + _zip(), "evidence_pdf_polyglot"),  # a PDF that is also a ZIP
    (lambda: tiny_pdf() + b"\n<html><script>alert(1)</script></html>", "evidence_pdf_polyglot"),
    (lambda: tiny_pdf()[: len(tiny_pdf()) // 2] + b"\n%%EOF\n", "evidence_pdf_unreadable"),  # cut in the middle
    (lambda: _written(lambda w: w.encrypt("mật-khẩu")), "evidence_pdf_encrypted"),
])
def test_polyglots_encrypted_and_damaged_files_are_refused(content, code):
    with pytest.raises(DomainError) as refused:
        check_pdf(content(), "minh-chung.pdf")
    assert refused.value.code == code


def test_a_plain_pdf_passes():
    check_pdf(tiny_pdf(), "bao-cao.pdf")
    check_pdf(_written(lambda w: w.add_metadata({"/Title": "Báo cáo năm 2026"})), "bao-cao.pdf")


def test_the_self_score_refuses_a_scripted_pdf_and_keeps_nothing(session):
    from components.rules.criteria import EXAMPLE_TABLE
    from db import criteria_tables
    from db.users import get_user
    from tests.helpers import home_cluster

    chair = get_user(session=session, username="chair")
    criteria_tables.save_table(session=session, actor=chair, year=2026, cluster_id=home_cluster(session),
                               table=EXAMPLE_TABLE)
    criteria_tables.adopt_table(session=session, actor=chair, year=2026, cluster_id=home_cluster(session))
    session.commit()
    me = get_user(session=session, username="sonla")
    code = next(c.code for c in EXAMPLE_TABLE.criteria if c.kind == "base" and not c.computed)
    with pytest.raises(DomainError) as refused:
        score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=2026, code=code, points=1,
                                     doc_no="01/BC", file_name="bc.pdf", file_bytes=HOSTILE["a launched program"]())
    session.rollback()
    assert refused.value.code == "evidence_pdf_active"
    assert session.exec(select(ScoreEvidence)).all() == []
