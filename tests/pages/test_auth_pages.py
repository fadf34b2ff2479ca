"""AppTest: login, wrong password, lock-out, deactivated accounts, role gating, logout, setup screen, admin page."""

from __future__ import annotations

import re

from sqlmodel import Session, delete, func, select, update

from components.rules.access import Acting
from db import models
from db import users as user_db
from db.engine import get_engine
from tests.conftest import DEMO_PASSWORD
from tests.helpers import app_test, as_user, texts

ADMIN = Acting(id=None, role="admin")


def _login(at, username, password):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def _user(username):
    with Session(get_engine()) as s:
        return user_db.get_user(session=s, username=username)


def test_logged_out_router_shows_only_the_login_form(db_url):
    at = app_test().run()
    assert not at.exception
    assert "Đăng nhập hệ thống" in texts(at)
    assert "Các năm thi đua" not in texts(at)


def test_login_with_the_right_password_opens_the_overview(db_url):
    at = _login(app_test().run(), "sonla", DEMO_PASSWORD)
    assert not at.exception
    assert at.session_state["username"] == "sonla"
    assert "Các năm thi đua" in texts(at)


def test_wrong_password_gets_a_vietnamese_message_and_no_login(db_url):
    at = _login(app_test().run(), "sonla", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]
    assert _user("sonla").failed_logins == 1


def test_unknown_user_gets_the_same_message_and_nothing_is_written(db_url):
    with Session(get_engine()) as s:
        before = s.exec(select(func.count()).select_from(models.User)).one()
    at = _login(app_test().run(), "khongco", DEMO_PASSWORD)
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in [e.value for e in at.error]
    with Session(get_engine()) as s:
        assert s.exec(select(func.count()).select_from(models.User)).one() == before


def test_wrong_passwords_slow_the_account_down_for_seconds_not_a_quarter_hour(db_url):
    at = app_test().run()
    for _ in range(5):  # today's lock-out count: an outsider knowing the username could lock the account
        at = _login(at, "laocai", "sai-mat-khau")
    at = _login(at, "laocai", DEMO_PASSWORD)
    assert any(re.fullmatch(r"Đã nhập sai nhiều lần\. Vui lòng đợi [12] giây rồi thử lại\.", e.value)
               for e in at.error)  # checked before the password
    assert not at.session_state["authentication_status"]
    wait = (_user("laocai").locked_until - models.utcnow()).total_seconds()
    assert 0 < wait <= user_db.ACCOUNT_THROTTLE.cap.total_seconds()
    with Session(get_engine()) as s:  # the delay has passed
        s.exec(update(models.User).where(models.User.username == "laocai").values(locked_until=models.utcnow()))
        s.commit()
    at = _login(at, "laocai", DEMO_PASSWORD)
    assert at.session_state["authentication_status"] and "Các năm thi đua" in texts(at)


def test_deactivated_account_cannot_log_in(db_url):
    with Session(get_engine()) as s:
        user_db.set_active(session=s, actor=ADMIN, user_id=user_db.get_user(session=s, username="hagiang").id,
                           active=False)
        s.commit()
    at = _login(app_test().run(), "hagiang", DEMO_PASSWORD)
    assert "Tài khoản đã bị vô hiệu hoá. Liên hệ quản trị viên." in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]


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


def test_logout_ends_the_session_on_the_server(db_url):
    at = as_user(app_test(), "chair").run()
    at.button(key="logout_button").click().run()
    assert "Đăng nhập hệ thống" in texts(at)
    assert _user("chair").sessions_valid_after is not None


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
