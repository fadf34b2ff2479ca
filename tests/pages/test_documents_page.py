"""The "Văn bản" page: the chair previews and downloads a year's documents and edits the texts they carry."""

from __future__ import annotations

from sqlmodel import select

from db.models import YearText
from tests.helpers import app_test, as_user, texts


def open_page(username: str):
    return as_user(app_test("pages/documents.py"), username).run()


def test_the_chair_downloads_the_review_report_as_docx_and_pdf(db_url):
    at = open_page("chair")
    assert not at.exception, at.exception
    at.selectbox(key="docs_year").select(2022).run()
    at.radio(key="docs_kind").set_value("report").run()
    assert not at.exception, at.exception
    labels = [b.label for b in at.get("download_button")]
    assert any("DOCX" in label for label in labels) and any("PDF" in label for label in labels)


def test_a_year_without_a_published_poll_has_no_count_minutes_and_says_why(db_url):
    at = open_page("chair")
    at.selectbox(key="docs_year").select(2023).run()
    at.radio(key="docs_kind").set_value("minutes").run()
    assert "chưa có cuộc bỏ phiếu nào được công bố kết quả" in texts(at)
    assert not at.get("download_button")


def test_the_chair_saves_the_years_direction(db_url, session):
    at = open_page("chair")
    at.selectbox(key="docs_year").select(2026).run()
    box = next(a for a in at.text_area if a.label.startswith("Phương hướng"))
    box.input("Đẩy mạnh chuyển đổi số.")
    next(b for b in at.button if b.label == "Lưu nội dung").click().run()
    assert not at.exception, at.exception
    assert "Đã lưu 1 nội dung." in texts(at)
    row = session.exec(select(YearText).where(YearText.key == "report.direction")).one()
    assert row.text == "Đẩy mạnh chuyển đổi số."


def test_a_province_may_not_open_the_documents(db_url):
    at = open_page("sonla")
    assert "không có quyền mở trang này" in texts(at)
    assert not at.get("download_button")


def test_the_files_are_written_when_their_button_is_clicked_not_on_every_run(db_url, monkeypatch):
    from db import paperwork

    written = []
    real = paperwork.render
    monkeypatch.setattr(paperwork, "render", lambda document, fmt: written.append(fmt) or real(document, fmt))
    at = open_page("chair")
    at.selectbox(key="docs_year").select(2022).run()
    at.radio(key="docs_kind").set_value("report").run()
    at.run()
    assert not at.exception and len(at.get("download_button")) == 2
    assert written == []  # three runs with the preview shown, no DOCX or PDF written
