"""The proposal exchange on screen: a member files a proposal and sends it, the chair returns it with a reason, the
member reads the reason, corrects and sends again, the chair accepts and forwards it; the tờ trình of the package
lists it. A unit on hold cannot send, and the screen says why."""

from __future__ import annotations

import html
from datetime import date

from sqlmodel import select

from db import holds
from db.models import Unit
from tests.db.test_scoring import actor
from tests.helpers import app_test, as_user, texts

RETURN = "Thiếu báo cáo thành tích có xác nhận của cấp trên"


def _open(username: str):
    at = as_user(app_test("pages/award_proposals.py"), username).run()
    assert not at.exception, at.exception
    at.selectbox(key="proposals_year").select(2026).run()
    return at


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def _file(at, name: str, form: str = "bang_khen"):
    at.selectbox(key="proposal_subject").select("collective")
    at.selectbox(key="proposal_form").select(form)
    at.text_input(key="proposal_name").input(name)
    at.text_area(key="proposal_summary").input("Hoàn thành xuất sắc nhiệm vụ năm 2026")
    return _click(at, "Thêm đề nghị")


def test_filed_returned_corrected_forwarded_and_listed_in_the_tờ_trình(db_url):
    member = _file(_open("sonla"), "Phòng Bưu chính, Viễn thông")
    assert "Đã thêm đề nghị." in texts(member)
    member = _click(member, "Gửi Cụm trưởng")
    assert "Đã gửi Cụm trưởng" in texts(member)

    chair = _open("chair")
    chair.text_area(key="proposal_reason").input(RETURN)
    chair = _click(chair, "Trả lại đơn vị")
    assert "Đã thực hiện: Trả lại." in texts(chair)

    member = _open("sonla")
    assert RETURN in texts(member) and "Cụm trưởng trả lại" in texts(member)
    member = _file(member, "Phòng Bưu chính, Viễn thông (bổ sung xác nhận)")
    member = _click(member, "Gửi Cụm trưởng")

    chair = _click(_open("chair"), "Tiếp nhận")
    chair = _click(chair, "Chuyển vào hồ sơ của Cụm")
    assert "Đã thực hiện: Chuyển vào hồ sơ của Cụm." in texts(chair)

    member = _open("sonla")
    assert "Đã chuyển vào hồ sơ của Cụm" in texts(member)
    docs = as_user(app_test("pages/documents.py"), "chair").run()
    docs.selectbox(key="docs_year").select(2026).run()
    docs.radio(key="docs_kind").set_value("package").run()
    assert not docs.exception, docs.exception
    preview = html.unescape("\n".join(t.value.to_csv() for t in docs.table))  # cells are shown literally
    assert "Phòng Bưu chính, Viễn thông (bổ sung xác nhận)" in preview and "Bằng khen" in preview


def test_a_unit_on_hold_cannot_send_and_the_reason_shows(db_url, session):
    chair = actor(session, "chair")
    sonla = session.exec(select(Unit.id).where(Unit.code == "sonla")).one()
    holds.set_hold(session=session, actor=chair, unit_id=sonla, kind="discipline",
                   reason="Xem xét kỷ luật theo Thông báo 7/TB-UBKT", starts_on=date(2026, 9, 1))
    session.commit()
    member = _click(_file(_open("sonla"), "Phòng Công nghệ thông tin"), "Gửi Cụm trưởng")
    assert "không được đề nghị" in texts(member) and "Thông báo 7/TB-UBKT" in texts(member)
    assert "Đang soạn" in texts(member)


def test_the_member_imports_its_proposals_from_the_excel_template(db_url, session):
    from db.models import AwardProposalItem
    from tests.documents.test_proposal_workbook import filled

    at = _open("sonla")
    at.file_uploader(key="proposal_excel").set_value(("de_nghi.xlsx", filled(
        ("Tập thể", "Phòng Bưu chính", "Bằng khen", "Xuất sắc"), ("Cá nhân", "Nguyễn Thị Hoa", "Chiến sĩ thi đua", "")),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    at = _click(at, "Nhập các dòng")
    assert "Đã nhập 2 dòng đề nghị." in texts(at)
    assert sorted(i.name for i in session.exec(select(AwardProposalItem)).all()) == ["Nguyễn Thị Hoa",
                                                                                      "Phòng Bưu chính"]


def test_a_template_with_a_bad_row_imports_nothing_and_names_the_row(db_url, session):
    from db.models import AwardProposalItem
    from tests.documents.test_proposal_workbook import filled

    at = _open("sonla")
    at.file_uploader(key="proposal_excel").set_value(("de_nghi.xlsx", filled(
        ("Tập thể", "Phòng Bưu chính", "Bằng khen", ""), ("Đội", "Tổ công tác", "Bằng khen", "")),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    at = _click(at, "Nhập các dòng")
    assert "Dòng 3: đối tượng “Đội” không có trong danh mục." in texts(at)
    assert session.exec(select(AwardProposalItem)).all() == []
