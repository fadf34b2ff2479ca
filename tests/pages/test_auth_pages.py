"""AppTest: deactivated accounts, role gating, setup screen, admin page (the login itself, posted to the server, is
tested in tests/pages/test_door.py)."""

from __future__ import annotations

import re

from sqlmodel import Session, delete

from components.rules.access import Acting
from db import models
from db import users as user_db
from db.engine import get_engine
from tests.helpers import app_test, as_user, texts

ADMIN = Acting(id=None, role="admin")


def _user(username):
    with Session(get_engine()) as s:
        return user_db.get_user(session=s, username=username)


def test_logged_out_router_shows_only_the_login_form(db_url):
    at = app_test().run()
    assert not at.exception
    assert "Đăng nhập hệ thống" in texts(at)
    assert "Các năm thi đua" not in texts(at)


def test_deactivation_ends_a_running_session(db_url):
    at = as_user(app_test(), "caobang").run()
    assert "Các năm thi đua" in texts(at)
    with Session(get_engine()) as s:
        user_db.set_active(session=s, actor=ADMIN, user_id=user_db.get_user(session=s, username="caobang").id,
                           active=False)
        s.commit()
    at.run()
    assert "Các năm thi đua" not in texts(at)
    assert "Đăng nhập hệ thống" in texts(at)


def test_province_opening_the_admin_page_by_url_is_refused(db_url):
    at = as_user(app_test("pages/admin_users.py"), "sonla").run()
    assert any("không có quyền mở trang này" in e.value for e in at.error)
    assert len(at.dataframe) == 0 and len(at.text_input) == 0


def test_page_opened_without_login_shows_the_login_form_only(db_url):
    at = app_test("pages/admin_users.py").run()
    assert "Vui lòng đăng nhập để xem trang này." in [i.value for i in at.info]
    assert len(at.dataframe) == 0


def test_admin_opens_the_users_page(db_url):
    at = as_user(app_test("pages/admin_users.py"), "admin").run()
    assert not at.exception
    assert "Tài khoản người dùng" in texts(at)
    assert len(at.dataframe) == 1


def _setup_form(at, token, username, name, password):
    at.text_input[0].input(token)
    at.text_input[1].input(username)
    at.text_input[2].input(name)
    at.text_input[3].input(password)
    at.text_input[4].input(password)
    at.button[0].click().run()
    return at


def test_setup_screen_needs_the_token_printed_in_the_server_log(db_url, capfd):
    with Session(get_engine()) as s:
        s.exec(delete(models.User))
        s.commit()
    at = app_test().run()
    token = re.search(r"setup token for the first administrator: (\S+)", capfd.readouterr().err).group(1)
    _setup_form(at, "khong-phai-ma", "quantri", "Nguyễn Văn A", "mat-khau-manh")
    assert "Mã thiết lập không đúng. Mã được in trong nhật ký máy chủ khi khởi động." in [e.value for e in at.error]
    assert _user("quantri") is None
    _setup_form(at, token, "quantri", "Nguyễn Văn A", "mat-khau-manh")
    assert _user("quantri").role == "admin"


def test_setup_screen_creates_the_first_admin(db_url):
    with Session(get_engine()) as s:
        s.exec(delete(models.User))
        token = user_db.issue_setup_token(session=s)
        s.commit()
    at = app_test().run()
    assert "Hệ thống chưa có tài khoản nào. Hãy tạo tài khoản quản trị đầu tiên." in [i.value for i in at.info]
    _setup_form(at, token, "quantri", "Nguyễn Văn A", "mat-khau-manh")
    assert not at.exception
    user = _user("quantri")
    assert user.role == "admin" and user.display_name == "Nguyễn Văn A"
    assert "Đã tạo tài khoản quản trị. Hãy đăng nhập." in [s.value for s in at.success]
    assert "Đăng nhập hệ thống" in texts(at)


def test_setup_refuses_a_short_password_and_writes_nothing(db_url):
    with Session(get_engine()) as s:
        s.exec(delete(models.User))
        token = user_db.issue_setup_token(session=s)
        s.commit()
    at = app_test().run()
    _setup_form(at, token, "quantri", "Nguyễn Văn A", "ngan")
    assert "Mật khẩu phải có ít nhất 8 ký tự." in [e.value for e in at.error]
    assert _user("quantri") is None


def test_setup_page_is_closed_once_accounts_exist(db_url):
    at = app_test("pages/setup.py").run()
    assert "Hệ thống đã có tài khoản; không thể thiết lập lại." in [e.value for e in at.error]
    assert len(at.text_input) == 0


def test_admin_creates_a_province_account(db_url):
    at = as_user(app_test("pages/admin_users.py"), "admin").run()
    at.text_input[0].input("sonla2")
    at.text_input[1].input("Cán bộ thi đua Sơn La")
    at.selectbox[0].select("province")
    at.selectbox[1].select(1)
    at.text_input[2].input("mat-khau-moi")
    at.button[0].click().run()
    assert not at.exception
    user = _user("sonla2")
    assert user.role == "province" and user.unit_id == 1
    assert "Đã tạo tài khoản sonla2." in [s.value for s in at.success]


def test_admin_gets_a_message_for_a_province_account_without_unit(db_url):
    at = as_user(app_test("pages/admin_users.py"), "admin").run()
    at.text_input[0].input("sonla3")
    at.text_input[1].input("Cán bộ")
    at.selectbox[0].select("province")
    at.text_input[2].input("mat-khau-moi")
    at.button[0].click().run()
    assert "Tài khoản Sở thành viên phải gắn với một đơn vị." in [e.value for e in at.error]
    assert _user("sonla3") is None


def test_english_switch(db_url):
    at = app_test().run()
    at.sidebar.radio[0].set_value("en").run()
    assert "Log in" in texts(at)
