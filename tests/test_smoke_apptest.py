from tests.conftest import DEMO_PASSWORD
from tests.helpers import app_test, as_user, texts


def test_router_shows_login_form_when_logged_out(db_url):
    at = app_test().run()
    assert not at.exception
    assert "Đăng nhập hệ thống" in texts(at)


def test_login_with_form(db_url):
    at = app_test().run()
    at.text_input[0].input("sonla")
    at.text_input[1].input(DEMO_PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.session_state["username"] == "sonla"
    assert "Các năm thi đua" in texts(at)


def test_as_user(db_url):
    at = as_user(app_test(), "chair").run()
    assert "Cụm thi đua số 2" in texts(at)
