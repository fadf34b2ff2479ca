"""The login cookie and the cookie key; a database outage gives a "try again" message, never a traceback."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

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


def test_token_carries_issue_time_and_a_random_id(db_url):
    first, second = auth.issue_token("chair"), auth.issue_token("chair")
    payloads = [jwt.decode(t, COOKIE_KEY, algorithms=["HS256"]) for t in (first, second)]
    assert all({"username", "iat", "exp", "jti"} <= set(p) for p in payloads)
    assert payloads[0]["jti"] != payloads[1]["jti"]
    assert auth.read_token(first)[0] == "chair"


def test_a_minted_cookie_with_a_far_expiry_does_not_survive_logout(db_url):
    now = datetime.now(timezone.utc)
    # the old cookie format (username and expiry only): its issue time was taken as expiry minus 7 days
    old = jwt.encode({"username": "admin", "exp_date": (now + timedelta(days=3650)).timestamp()}, COOKIE_KEY,
                     algorithm="HS256")
    assert auth.read_token(old) is None
    far = jwt.encode({"username": "admin", "iat": int((now - timedelta(days=8)).timestamp()),
                      "exp": int((now + timedelta(days=3650)).timestamp()), "jti": "x"}, COOKIE_KEY, algorithm="HS256")
    assert auth.read_token(far) is None  # the lifetime is capped when verified, whatever exp says
    token = auth.issue_token("admin", now=now - timedelta(minutes=5))
    username, issued = auth.read_token(token)
    with Session(get_engine()) as s:
        user_db.end_sessions(session=s, username="admin")
        s.commit()
        assert not user_db.session_is_valid(user_db.get_user(session=s, username="admin"), issued)


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
