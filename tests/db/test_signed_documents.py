"""Documents ready to sign and signed ones checked: the proposal PDF of 2022 written by scripts/manage.py carries an
empty signature field; signed with a certificate of our own, `verify-signed` with our root passes, and a changed
byte, a signature over another document, a missing or a wrong root each fail with a plain message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, select

from components.documents import official, signing
from db.engine import get_engine
from db.models import GeneratedPdf
from tests.conftest import ROOT
from tests.signing import make_ca, sign


def _manage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "manage.py"), *args], capture_output=True,
                          text=True, timeout=180, cwd=ROOT)


@pytest.fixture
def proposal_2022(db_url, tmp_path) -> bytes:
    out = tmp_path / "to_trinh_2022.pdf"
    done = _manage("document", "proposal", "--year", "2022", "--format", "pdf", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@pytest.fixture
def ca(tmp_path):
    ca = make_ca()
    (tmp_path / "root.pem").write_bytes(ca.root_pem)
    return ca


def _verify(tmp_path: Path, data: bytes, *roots: str) -> subprocess.CompletedProcess:
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(data)
    args = [a for root in roots for a in ("--trust", str(tmp_path / root))]
    return _manage("verify-signed", str(signed), *args)


def test_the_proposal_pdf_has_empty_named_signature_fields_and_its_hash_is_kept(proposal_2022):
    names = signing.empty_signature_fields(proposal_2022)
    assert "ky_so_1" in names and "dau_1" in names  # the chair's signature and the office's seal
    import hashlib

    with Session(get_engine()) as s:
        kept = s.exec(select(GeneratedPdf)).all()
    assert [(g.kind, g.year, g.sha256) for g in kept] == [("proposal", 2022, hashlib.sha256(proposal_2022).hexdigest())]


def test_a_proposal_signed_with_our_certificate_passes_with_our_root(proposal_2022, ca, tmp_path):
    done = _verify(tmp_path, sign(proposal_2022, ca, "ky_so_1"), "root.pem")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Nguyễn Văn A" in done.stdout and "CA Kiểm thử" in done.stdout
    assert "Tờ trình đề nghị tặng Cờ năm 2022" in done.stdout  # the app's document it was signed over
    assert "mọi kiểm tra đều đạt" in done.stdout


def test_signed_by_the_chair_and_sealed_by_the_office_passes(proposal_2022, ca, tmp_path):
    office = make_ca("CA Kiểm thử", "Văn phòng Sở")
    twice = sign(sign(proposal_2022, ca, "ky_so_1"), office, "dau_1")
    (tmp_path / "office.pem").write_bytes(office.root_pem)
    done = _verify(tmp_path, twice, "root.pem", "office.pem")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Văn phòng Sở" in done.stdout


def test_one_byte_changed_in_the_signed_file_fails(proposal_2022, ca, tmp_path):
    signed = bytearray(sign(proposal_2022, ca, "ky_so_1"))
    at = signed.index(b"/Title") + 8  # inside the bytes the signature covers
    signed[at] ^= 0x01
    done = _verify(tmp_path, bytes(signed), "root.pem")
    assert done.returncode != 0
    assert "không toàn vẹn" in done.stderr


def test_a_pdf_signed_over_another_document_fails(proposal_2022, ca, tmp_path):
    other = official.OfficialDocument(parent_body="BỘ KHOA HỌC VÀ CÔNG NGHỆ", issuer="CỤM THI ĐUA SỐ 2",
                                      number_symbol="Số:       /TTr-CTĐS2", place_date="Điện Biên, ngày   tháng   năm 2023",
                                      title="Tờ trình", subtitle="Một văn bản khác",
                                      signatures=(official.Signature(("TM. CỤM THI ĐUA SỐ 2", "CỤM TRƯỞNG")),))
    done = _verify(tmp_path, sign(official.pdf_bytes(other), ca, "ky_so_1"), "root.pem")
    assert done.returncode != 0
    assert "không phải là văn bản do ứng dụng tạo ra" in done.stderr


def test_something_added_after_the_signature_fails(proposal_2022, ca, tmp_path):
    from tests.signing import append_annotation

    done = _verify(tmp_path, append_annotation(sign(proposal_2022, ca, "ky_so_1")), "root.pem")
    assert done.returncode != 0
    assert "không bao trùm toàn bộ tệp" in done.stderr


def test_without_a_trust_root_or_with_a_wrong_one_it_fails(proposal_2022, ca, tmp_path):
    signed = sign(proposal_2022, ca, "ky_so_1")
    none = _verify(tmp_path, signed)  # no --trust and none installed in the app
    assert none.returncode != 0 and "Chưa có chứng thư gốc tin cậy" in none.stderr
    (tmp_path / "wrong.pem").write_bytes(make_ca("CA Khác").root_pem)
    wrong = _verify(tmp_path, signed, "wrong.pem")
    assert wrong.returncode != 0 and "không chuỗi đến chứng thư gốc tin cậy" in wrong.stderr


def test_the_root_installed_by_the_administrator_is_used_when_none_is_given(proposal_2022, ca, tmp_path):
    assert _manage("trust-root", "add", str(tmp_path / "root.pem")).returncode == 0
    done = _verify(tmp_path, sign(proposal_2022, ca, "ky_so_1"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_file_that_is_not_a_pdf_fails_plainly(db_url, tmp_path):
    done = _verify(tmp_path, b"%PDF-1.7\n garbage \x00\xff")
    assert done.returncode != 0 and "không phải là PDF hợp lệ" in done.stderr
    assert "Traceback" not in done.stderr


# --- signed versions kept in the app ----------------------------------------------------------------------------


def _stored(session):
    from db import signed_documents as signed_db
    from tests.helpers import ADMIN, SAMPLE_CHAIR, home_cluster

    ca = make_ca()
    cluster = home_cluster(session)
    data = signed_db.issue_pdf(session=session, actor=SAMPLE_CHAIR, kind="proposal", cluster_id=cluster, year=2022)
    signed_db.install_trust_root(session=session, actor=ADMIN, data=ca.root_pem)
    result, row = signed_db.upload_signed(session=session, actor=SAMPLE_CHAIR, kind="proposal", cluster_id=cluster,
                                          year=2022, data=sign(data, ca, "ky_so_1"))
    assert result.ok and row is not None, result.problems
    session.commit()
    return row


def test_a_signed_version_cannot_be_changed_or_deleted(session):
    from sqlalchemy import text

    from components.rules.errors import DomainError

    row = _stored(session)
    assert row.signed_at is not None and len(row.sha256) == 64
    assert "Nguyễn Văn A" in row.signers and "CA Kiểm thử" in row.signers
    row.content = b"%PDF-1.7 something else"
    session.add(row)
    with pytest.raises(DomainError):
        session.commit()
    session.rollback()
    with pytest.raises(DomainError):
        session.delete(session.get(type(row), row.id))
        session.commit()
    session.rollback()
    # and the database itself refuses, whoever writes to it
    for sql in ("UPDATE signeddocument SET size = 1", "DELETE FROM signeddocument"):
        with pytest.raises(Exception, match="immutable"):
            session.exec(text(sql))
        session.rollback()
    assert session.exec(select(type(row))).one().content.startswith(b"%PDF")


def test_a_signed_document_is_not_generated_again(session):
    from components.rules.errors import DomainError
    from db import signed_documents as signed_db
    from tests.helpers import SAMPLE_CHAIR, home_cluster

    _stored(session)
    with pytest.raises(DomainError) as refused:
        signed_db.issue_pdf(session=session, actor=SAMPLE_CHAIR, kind="proposal", cluster_id=home_cluster(session),
                            year=2022)
    assert refused.value.code == "signed_exists"


def test_a_file_signed_for_another_document_is_not_kept_under_this_one(session):
    from db import signed_documents as signed_db
    from db.models import SignedDocument
    from tests.helpers import ADMIN, SAMPLE_CHAIR, home_cluster

    ca = make_ca()
    cluster = home_cluster(session)
    report = signed_db.issue_pdf(session=session, actor=SAMPLE_CHAIR, kind="report", cluster_id=cluster, year=2022)
    signed_db.install_trust_root(session=session, actor=ADMIN, data=ca.root_pem)
    result, row = signed_db.upload_signed(session=session, actor=SAMPLE_CHAIR, kind="proposal", cluster_id=cluster,
                                          year=2022, data=sign(report, ca, "ky_so_1"))
    assert row is None and [p.code for p in result.problems] == ["other_document"]
    assert session.exec(select(SignedDocument)).all() == []


def test_the_appendices_are_pdfs_of_their_own_with_the_seal_field_on_the_first_page(session):
    from db import paperwork
    from tests.helpers import ADMIN, home_cluster

    units = paperwork.document_for(session=session, actor=ADMIN, kind="annex_units", cluster_id=home_cluster(session),
                                   year=2025)
    table = next(b for b in units.blocks if b.kind == "table")
    assert units.title == "Phụ lục I" and len(table.rows) == 8  # the header and the seven members of 2025
    assert not any(b.text.startswith("Căn cứ") for b in units.blocks)
    data = paperwork.render(units, "pdf")
    assert signing.empty_signature_fields(data) == ["dau_phu_luc"]
    scores = paperwork.document_for(session=session, actor=ADMIN, kind="annex_scores",
                                    cluster_id=home_cluster(session), year=2025)
    assert scores.title == "Phụ lục II" and scores.annex
