"""The "Văn bản" page and signed documents: the chair brings back a signed PDF, the app checks it and keeps it;
the page then shows "Đã ký số" with the signer, the issuer and the time to the chair and the ministry, and offers
the signed file instead of generating the document again. A file that fails is refused in Vietnamese, nothing kept."""

from __future__ import annotations

from sqlmodel import select

from db import signed_documents as signed
from db import users as user_db
from db.models import SignedDocument
from tests.helpers import ADMIN, SAMPLE_CHAIR, app_test, as_user, home_cluster, texts
from tests.signing import make_ca, sign


def _issued(session, with_root: bool = True):
    """The proposal of 2022 as the app issues it, signed by our own certificate (whose root the administrator
    installed, unless with_root is False)."""
    ca = make_ca()
    data = signed.issue_pdf(session=session, actor=SAMPLE_CHAIR, kind="proposal", cluster_id=home_cluster(session),
                            year=2022)
    if with_root:
        signed.install_trust_root(session=session, actor=ADMIN, data=ca.root_pem)
    session.commit()
    return sign(data, ca, "ky_so_1")


def _proposal_2022(username: str):
    at = as_user(app_test("pages/documents.py"), username).run()
    at.selectbox(key="docs_year").select(2022).run()
    at.radio(key="docs_kind").set_value("proposal").run()
    assert not at.exception, at.exception
    return at


def _upload(at, name: str, data: bytes):
    at.file_uploader(key="signed_upload_proposal_2022").set_value((name, data, "application/pdf")).run()
    next(b for b in at.button if b.label == "Kiểm tra và lưu").click().run()
    assert not at.exception, at.exception
    return at


def test_the_chair_uploads_the_signed_proposal_and_the_page_shows_it_signed(db_url, session):
    signed_file = _issued(session)
    at = _upload(_proposal_2022("chair"), "to_trinh_da_ky.pdf", signed_file)
    shown = texts(at)
    assert "Đã kiểm tra và lưu bản ký số." in shown and "Đã ký số" in shown
    table = at.dataframe[0].value
    assert "Nguyễn Văn A (Kiểm thử)" in table.to_string() and "CA Kiểm thử" in table.to_string()
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Tải về bản đã ký số (PDF)"]  # no fresh PDF or DOCX: a signed version is not regenerated
    stored = session.exec(select(SignedDocument)).one()
    assert stored.content == signed_file and stored.kind == "proposal" and stored.year == 2022


def test_the_ministry_sees_the_signed_version(db_url, session):
    signed_file = _issued(session)
    _upload(_proposal_2022("chair"), "to_trinh_da_ky.pdf", signed_file)
    user_db.seed_user(session=session, username="bo_khcn", display_name="Vụ Thi đua", password="mat-khau-bo-2026",
                      role="ministry")
    session.commit()
    at = _proposal_2022("bo_khcn")
    assert "Đã ký số" in texts(at)
    assert "Nguyễn Văn A (Kiểm thử)" in at.dataframe[0].value.to_string()
    assert not any(b.label == "Kiểm tra và lưu" for b in at.button)  # the ministry reads, it does not upload


def test_a_damaged_file_is_refused_in_vietnamese_and_nothing_is_kept(db_url, session):
    at = _upload(_proposal_2022("chair"), "hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF")
    assert "không phải là PDF hợp lệ hoặc bị hỏng" in texts(at)
    assert session.exec(select(SignedDocument)).all() == []
    assert any(b.label == "Tải về PDF" for b in at.get("download_button"))


def test_without_an_installed_root_the_signed_file_is_refused(db_url, session):
    signed_file = _issued(session, with_root=False)
    at = _upload(_proposal_2022("chair"), "to_trinh_da_ky.pdf", signed_file)
    assert "Chưa có chứng thư gốc tin cậy nào" in texts(at)
    assert session.exec(select(SignedDocument)).all() == []


def test_the_chair_prepares_the_awards_export_on_the_documents_page(db_url):
    at = _proposal_2022("chair")
    next(b for b in at.button if b.label == "Tạo các tệp xuất").click().run()
    assert not at.exception, at.exception
    labels = [b.label for b in at.get("download_button")]
    assert {"CSV", "XLSX", "JSON", "ZIP"} <= set(labels)
    assert "Chưa có định dạng trao đổi" in texts(at)
