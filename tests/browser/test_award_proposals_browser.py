"""In a real browser, the issue's path: a member files a proposal and sends it, the chair returns it with a reason,
the member reads the reason, corrects it and sends it again, the chair accepts and forwards it, and the cluster's
tờ trình lists it; a member on hold cannot send, and the screen says why."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect
from sqlmodel import select

from db import holds
from db.models import Unit
from tests.browser.conftest import login, wait_for_app
from tests.conftest import DEMO_PASSWORD
from tests.db.test_scoring import actor

RETURN = "Thiếu báo cáo thành tích có xác nhận của cấp trên"
HOLD = "Xác minh đơn tố cáo theo Thông báo 9/TB-TTr"


def _as(browser, server, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    login(page, server.url, username, DEMO_PASSWORD)
    page.goto(server.url + "/award_proposals")
    wait_for_app(page)
    return context, page


def _file(page, name: str) -> None:
    page.get_by_label("Tên tập thể, cá nhân, sáng kiến").fill(name)
    page.get_by_label("Thành tích").fill("Hoàn thành xuất sắc nhiệm vụ năm 2026")
    page.get_by_role("button", name="Thêm đề nghị").click()
    wait_for_app(page)
    page.get_by_text("Đã thêm đề nghị.").wait_for()


def _click(page, label: str, then: str) -> None:
    page.get_by_role("button", name=label).click()
    wait_for_app(page)
    page.get_by_text(then).first.wait_for()


def test_filed_returned_corrected_forwarded_and_in_the_tờ_trình(server, browser, session):
    chair = actor(session, "chair")
    laichau = session.exec(select(Unit.id).where(Unit.code == "laichau")).one()
    holds.set_hold(session=session, actor=chair, unit_id=laichau, kind="complaint", reason=HOLD,
                   starts_on=date(2026, 10, 1))
    session.commit()

    member_context, member = _as(browser, server, "sonla")
    chair_context, board = _as(browser, server, "chair")
    held_context, held = _as(browser, server, "laichau")
    try:
        _file(member, "Phòng Bưu chính, Viễn thông")
        _click(member, "Gửi Cụm trưởng", "Đã gửi hồ sơ đề nghị cho Cụm trưởng.")

        board.reload()
        wait_for_app(board)
        reason = board.get_by_label("Lý do trả lại (bắt buộc khi trả lại)")
        reason.fill(RETURN)
        reason.press("Tab")
        wait_for_app(board)
        _click(board, "Trả lại đơn vị", "Đã thực hiện: Trả lại.")

        member.reload()
        wait_for_app(member)
        expect(member.get_by_text(RETURN).first).to_be_visible()
        _file(member, "Phòng Bưu chính, Viễn thông (có xác nhận)")
        _click(member, "Gửi Cụm trưởng", "Đã gửi hồ sơ đề nghị cho Cụm trưởng.")

        board.reload()
        wait_for_app(board)
        _click(board, "Tiếp nhận", "Đã thực hiện: Tiếp nhận.")
        _click(board, "Chuyển vào hồ sơ của Cụm", "Đã thực hiện: Chuyển vào hồ sơ của Cụm.")

        board.goto(server.url + "/documents")
        wait_for_app(board)
        board.get_by_text("Tờ trình đề nghị khen thưởng (hồ sơ của Cụm)").click()
        wait_for_app(board)
        expect(board.get_by_text("Phòng Bưu chính, Viễn thông (có xác nhận)").first).to_be_visible()

        _file(held, "Phòng Công nghệ thông tin")
        held.get_by_role("button", name="Gửi Cụm trưởng").click()
        wait_for_app(held)
        expect(held.get_by_text(HOLD).first).to_be_visible()
        expect(held.get_by_text("không được đề nghị").first).to_be_visible()
    finally:
        for context in (member_context, chair_context, held_context):
            context.close()
