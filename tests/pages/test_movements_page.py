"""The movements screen: the chair registers and launches a movement; the member sees it (and its opening is
recorded); the chair's register shows who opened it."""

from __future__ import annotations

from datetime import date

from tests.helpers import app_test, as_user, texts


def _open(username: str):
    at = as_user(app_test("pages/movements.py"), username).run()
    assert not at.exception, at.exception
    return at


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def test_registered_launched_seen_by_the_member_and_shown_as_opened(db_url):
    chair = _open("chair")
    chair.text_input(key="movement_name").input("Thi đua chuyển đổi số năm 2026")
    chair.selectbox(key="movement_level").select("ministry")
    chair.date_input(key="movement_from").set_value(date(2026, 3, 1))
    chair = _click(chair, "Lưu")
    assert "Đã đăng ký phong trào." in texts(chair)
    assert "Thi đua chuyển đổi số năm 2026" not in texts(_open("sonla"))  # not launched yet
    chair = _click(chair, "Phát động")
    assert "Đã phát động" in texts(chair)
    member = _open("sonla")
    assert any("Thi đua chuyển đổi số năm 2026" in e.label for e in member.expander)
    board = _open("chair").dataframe[0].value.to_csv()
    opened = [line for line in board.splitlines() if "Sơn La" in line]
    assert opened and "chưa mở" not in opened[0]
    assert "chưa mở" in board  # the others have not opened it
