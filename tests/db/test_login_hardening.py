"""The login cookie and the cookie key; a database outage gives a "try again" message, never a traceback."""

from __future__ import annotations

import jwt
import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from components.ui import auth
from db import polls
from db import users as user_db
from db.engine import get_engine
from tests.conftest import COOKIE_KEY
from tests.helpers import app_test, as_user, texts

OUTAGE = "Cơ sở dữ liệu tạm thời không phản hồi. Không có gì bị thay đổi; vui lòng thử lại sau giây lát."


@pytest.mark.parametrize("key", ["...", "CHANGE-ME", "another-long-random-string", "short-but-random-9f2k"])
def test_app_refuses_to_start_with_a_placeholder_or_short_cookie_key(db_url, monkeypatch, key):
    monkeypatch.setenv("AUTH_COOKIE_KEY", key)
    at = app_test().run()
    assert any("AUTH_COOKIE_KEY" in e.value for e in at.error)
    assert len(at.text_input) == 0  # no login form, no page
    at = app_test("pages/home.py").run()  # a page opened directly refuses too
    assert any("AUTH_COOKIE_KEY" in e.value for e in at.error) and len(at.text_input) == 0


def test_a_forged_or_foreign_cookie_opens_no_session(db_url, monkeypatch):
    """The cookie is a random session id looked up by its keyed hash: a made-up one, an old JWT-format cookie or a
    real id under another cookie key is refused."""
    token = auth.issue_token("admin")
    old_jwt = jwt.encode({"username": "admin", "iat": 0, "exp": 4102444800, "jti": "x"}, COOKIE_KEY, algorithm="HS256")
    for forged in ("x" * 43, old_jwt, token[:-1] + ("A" if token[-1] != "A" else "B")):
        monkeypatch.setattr(auth, "cookie_token", lambda forged=forged: forged)
        at = app_test().run()
        assert "username" not in at.session_state and "Đăng nhập hệ thống" in texts(at)
    monkeypatch.setenv("AUTH_COOKIE_KEY", "another-key-" + "k" * 40)
    with Session(get_engine()) as s:
        assert user_db.session_user(session=s, token_hash=auth.token_hash(token)) is None


def _locked(*_args, **_kwargs):
    raise OperationalError("SELECT poll.id FROM poll", {}, Exception("database is locked"))


def test_a_database_outage_while_reading_gives_a_try_again_message(db_url, monkeypatch):
    at = as_user(app_test(), "chair").run()
    monkeypatch.setattr(polls, "list_polls", _locked)
    at.switch_page("pages/vote_results.py").run()
    assert not at.exception
    assert OUTAGE in [e.value for e in at.error]
    assert "SELECT" not in texts(at)


def test_a_database_outage_while_writing_gives_a_try_again_message(db_url, monkeypatch):
    from tests.pages.test_vote_pages import _poll

    _poll(get_engine(), open_it=False)
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    monkeypatch.setattr(polls, "open_poll", _locked)
    next(b for b in at.button if b.label == "Mở bỏ phiếu").click().run()
    assert not at.exception
    assert OUTAGE in [e.value for e in at.error]
