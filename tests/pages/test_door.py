"""The server's door (server.py, components/ui/auth_routes.py, components/ui/headers.py): the login cookie set
by the server, revocable sessions, cross-site refusals, throttles that keep the hall working, the error hook."""

from __future__ import annotations

import ast
import re
import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select, update

from components.ui import auth
from db import models
from db import users as user_db
from db.engine import get_engine
from tests.asgi import call, login
from tests.conftest import DEMO_PASSWORD, ROOT
from tests.helpers import SCRIPT_ERROR_HOOK, app_test, texts

pytestmark = pytest.mark.usefixtures("db_url")


def _session_of(token: str):
    with Session(get_engine()) as s:
        found = user_db.session_user(session=s, token_hash=auth.token_hash(token))
        return found[0].username if found else None


def _sessions(username: str) -> int:
    with Session(get_engine()) as s:
        user = user_db.get_user(session=s, username=username)
        return len(s.exec(select(models.AuthSession).where(models.AuthSession.user_id == user.id)).all())


def test_server_py_builds_the_st_app_with_the_routes_the_middleware_and_the_error_hook():
    tree = ast.parse((ROOT / "server.py").read_text(encoding="utf-8"))
    call_ = next(n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "app")
    assert ast.unparse(call_.func) == "st.App" and ast.literal_eval(call_.args[0]) == "app.py"
    assert {k.arg: ast.unparse(k.value) for k in call_.keywords} == {
        "routes": "ROUTES", "middleware": "MIDDLEWARE", "on_script_error": "on_script_error"}
    source = (ROOT / "server.py").read_text(encoding="utf-8")
    assert "auth_routes.ROUTES" in source and "Middleware(SecurityHeaders)" in source


def test_the_right_password_sets_an_httponly_strict_cookie_with_a_revocable_session():
    answer = login("sonla", DEMO_PASSWORD)
    assert answer.status == 303 and answer.header("location") == "/entry"
    (raw,) = answer.set_cookies()
    assert raw.startswith("thidua_auth=") and "HttpOnly" in raw and "SameSite=strict" in raw and "Path=/" in raw
    assert "Secure" not in raw  # plain http on a test host
    token = answer.cookie("thidua_auth")
    assert len(token) >= 40 and _session_of(token) == "sonla"
    with Session(get_engine()) as s:  # the database keeps a keyed hash, never the cookie itself
        stored = s.exec(select(models.AuthSession.token_hash)).all()
    assert token not in stored and auth.token_hash(token) in stored


def test_over_https_or_behind_the_proxy_the_cookie_is_secure():
    # uvicorn turns the proxy's X-Forwarded-Proto (trusted from 127.0.0.1 only) into the request's scheme
    raw = login("sonla", DEMO_PASSWORD, scheme="https").set_cookies()[0]
    assert "Secure" in raw and "HttpOnly" in raw


@pytest.mark.parametrize("headers", [{"sec-fetch-site": "cross-site", "origin": "https://evil.example"},
                                     {"sec-fetch-site": "same-site"},
                                     {"origin": "https://evil.example"},
                                     {"origin": "null"}])
def test_a_login_or_logout_posted_from_another_site_is_refused(headers):
    answer = login("sonla", DEMO_PASSWORD, headers=headers)
    assert answer.status == 403 and not answer.set_cookies()
    token = login("chair", DEMO_PASSWORD).cookie("thidua_auth")
    assert call("POST", "/auth/logout", {}, headers=headers, cookies={"thidua_auth": token}).status == 403
    assert _session_of(token) == "chair"


def test_a_login_from_a_page_of_the_same_host_passes_on_its_origin():
    assert login("sonla", DEMO_PASSWORD, headers={"origin": "http://thidua.test"}).status == 303


def test_a_wrong_password_shows_the_form_again_with_the_message_and_what_was_typed():
    answer = login("sonla", "sai-mat-khau")
    assert answer.status == 401 and not answer.set_cookies()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in answer.text
    assert 'value="sonla"' in answer.text and 'name="password"' in answer.text
    assert 'autocomplete="current-password"' in answer.text and 'action="/auth/login"' in answer.text


def test_a_deactivated_account_is_told_so_only_after_the_right_password():
    from components.rules.access import Acting

    with Session(get_engine()) as s:
        user_db.set_active(session=s, actor=Acting(None, "admin"),
                           user_id=user_db.get_user(session=s, username="hagiang").id, active=False)
        s.commit()
    assert "vô hiệu hoá" not in login("hagiang", "sai-mat-khau").text
    answer = login("hagiang", DEMO_PASSWORD)
    assert answer.status == 401 and "Tài khoản đã bị vô hiệu hoá" in answer.text


@pytest.mark.parametrize("next_path", ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:1"])
def test_after_login_the_browser_goes_back_only_to_a_page_of_this_site(next_path):
    answer = call("POST", "/auth/login", {"username": "sonla", "password": DEMO_PASSWORD, "next": next_path},
                  headers={"sec-fetch-site": "same-origin"})
    assert answer.status == 303 and answer.header("location") == "/"


def test_logout_ends_this_device_only_and_everywhere_ends_all():
    phone, laptop, tablet = (login("chair", DEMO_PASSWORD).cookie("thidua_auth") for _ in range(3))
    answer = call("POST", "/auth/logout", {}, headers={"sec-fetch-site": "same-origin"},
                  cookies={"thidua_auth": phone})
    assert answer.status == 303 and answer.header("location") == "/"
    assert 'thidua_auth=""' in answer.set_cookies()[0] and "Max-Age=0" in answer.set_cookies()[0]
    assert _session_of(phone) is None and _session_of(laptop) == "chair" and _session_of(tablet) == "chair"
    call("POST", "/auth/logout", {"everywhere": "1"}, headers={"sec-fetch-site": "same-origin"},
         cookies={"thidua_auth": laptop})
    assert _session_of(laptop) is None and _session_of(tablet) is None and _sessions("chair") == 0


def test_the_script_reads_the_cookie_and_never_writes_it(db_url, monkeypatch):
    token = login("sonla", DEMO_PASSWORD).cookie("thidua_auth")
    monkeypatch.setattr(auth, "cookie_token", lambda: token)  # what the browser sends on the WebSocket handshake
    at = app_test().run()
    assert not at.exception and at.session_state["username"] == "sonla" and "Các năm thi đua" in texts(at)
    assert all("document.cookie" not in h.proto.body for h in at.get("html"))
    # another device logs out everywhere: this page session ends on its next run
    call("POST", "/auth/logout", {"everywhere": "1"}, headers={"sec-fetch-site": "same-origin"},
         cookies={"thidua_auth": login("sonla", DEMO_PASSWORD).cookie("thidua_auth")})
    at.run()
    assert "Các năm thi đua" not in texts(at) and "Đăng nhập hệ thống" in texts(at)


def test_the_login_screen_is_a_plain_html_form_posted_to_the_server(db_url):
    at = app_test().run()
    (form,) = [h.proto.body for h in at.get("html") if "thidua-login" in h.proto.body]
    assert '<form class="thidua-login" method="post" action="/auth/login">' in form
    assert 'name="username" autocomplete="username"' in form and 'type="password"' in form
    assert "<script" not in form and len(at.text_input) == 0


def test_a_session_older_than_its_lifetime_or_of_a_reset_password_is_refused():
    token = login("sonla", DEMO_PASSWORD).cookie("thidua_auth")
    with Session(get_engine()) as s:
        assert user_db.session_user(session=s, token_hash=auth.token_hash(token),
                                    now=models.utcnow() + timedelta(days=user_db.SESSION_DAYS, seconds=1)) is None
    from components.rules.access import Acting

    with Session(get_engine()) as s:
        user_db.reset_password(session=s, actor=Acting(None, "admin"),
                               user_id=user_db.get_user(session=s, username="sonla").id, new_password="mat-khau-moi-1")
        s.commit()
    assert _session_of(token) is None


def test_security_headers_on_every_answer():
    for answer in (call("GET", "/auth/login"), login("sonla", "sai"), call("GET", "/nowhere")):
        csp = answer.header("content-security-policy")
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        # no 'unsafe-inline', no 'unsafe-eval'; blob: for the live count's module (components/ui/live_count.py)
        assert re.search(r"script-src 'self' blob:( 'sha256-[^']+')*;", csp)
        assert answer.header("x-content-type-options") == "nosniff"
        assert answer.header("referrer-policy") == "no-referrer"
        assert answer.header("x-frame-options") == "DENY"


# --- throttles -----------------------------------------------------------------------------------------------

def test_one_phone_guessing_one_account_does_not_lock_the_hall_out():
    hall = "198.51.100.20"  # every phone of the hall behind one NAT address
    for _ in range(21):
        login("laocai", "sai-mat-khau", client=hall)
    refused = login("laocai", DEMO_PASSWORD, client=hall)
    assert refused.status == 401 and "Vui lòng đợi" in refused.text  # that pair waits
    answer = login("sonla", DEMO_PASSWORD, client=hall)  # another director, same address, at once
    assert answer.status == 303 and _session_of(answer.cookie("thidua_auth")) == "sonla"


def test_the_account_itself_is_slowed_for_seconds_from_anywhere():
    at = models.utcnow() - timedelta(seconds=15)  # 8 wrong passwords from 8 addresses, each once its delay allowed
    with Session(get_engine()) as s:
        for n in range(8):
            at += timedelta(seconds=user_db.record_failed_login(session=s, username="dienbien",
                                                                 client=f"192.0.2.{n}", now=at))
        s.commit()
    answer = login("dienbien", DEMO_PASSWORD, client="192.0.2.200")
    assert "Vui lòng đợi" in answer.text
    with Session(get_engine()) as s:
        wait = user_db.retry_after(session=s, username="dienbien", client=None)
    assert 0 < wait <= user_db.ACCOUNT_THROTTLE.cap.total_seconds()


def test_parallel_wrong_guesses_are_all_counted_before_any_password_is_checked():
    free = user_db.PAIR_THROTTLE.free
    results = []

    def guess():
        results.append(auth.check_login("caobang", "sai-mat-khau", "203.0.113.99"))

    threads = [threading.Thread(target=guess) for _ in range(free + 6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    refused = [msg for _, msg in results if msg and "Vui lòng đợi" in msg]
    assert len(refused) >= 5  # the attempts past the free ones were refused, not checked
    with Session(get_engine()) as s:
        counted = s.get(models.LoginThrottle, "pair:203.0.113.99|caobang").failures
    assert counted == len(results) - len(refused)


def test_admin_sees_the_delays_and_the_operator_clears_them():
    start = models.utcnow() - timedelta(seconds=31 * 21)
    with Session(get_engine()) as s:  # one guess every 31 s (past the account's own delay) for ten minutes
        for n in range(21):
            user_db.record_failed_login(session=s, username="langson", client="198.51.100.77",
                                        now=start + timedelta(seconds=31 * n))
        s.commit()
    assert "Vui lòng đợi" in login("langson", DEMO_PASSWORD, client="198.51.100.77").text
    assert login("langson", DEMO_PASSWORD, client="198.51.100.78").status == 303  # its owner, elsewhere
    with Session(get_engine()) as s:
        delays = user_db.login_delays(session=s)
        assert ("pair", "198.51.100.77 | langson") in [(k, w) for k, w, _, _ in delays]
        user_db.unlock(session=s, username="langson")
        s.commit()
    with Session(get_engine()) as s:
        assert user_db.login_delays(session=s) == []
    assert login("langson", DEMO_PASSWORD, client="198.51.100.77").status == 303


def test_a_client_spraying_many_accounts_meets_the_ceiling():
    with Session(get_engine()) as s:
        for n in range(user_db.CLIENT_THROTTLE.free + 2):
            user_db.record_failed_login(session=s, username=f"khongco{n}", client="203.0.113.66")
        s.commit()
    assert "Vui lòng đợi" in login("sonla", DEMO_PASSWORD, client="203.0.113.66").text
    assert login("sonla", DEMO_PASSWORD, client="203.0.113.67").status == 303


def test_the_account_page_password_check_is_throttled(db_url):
    from tests.helpers import as_user

    at = as_user(app_test("pages/account.py"), "sonla").run()
    for _ in range(user_db.ACCOUNT_THROTTLE.free + 1):
        at.text_input[0].input("sai-mat-khau")
        at.text_input[1].input("mat-khau-moi-1")
        at.text_input[2].input("mat-khau-moi-1")
        at.button[0].click().run()
    at.text_input[0].input(DEMO_PASSWORD)
    at.text_input[1].input("mat-khau-moi-1")
    at.text_input[2].input("mat-khau-moi-1")
    at.button[0].click().run()
    assert any("Vui lòng đợi" in e.value for e in at.error)
    with Session(get_engine()) as s:
        assert user_db.check_password(DEMO_PASSWORD, user_db.get_user(session=s, username="sonla").password_hash)


# --- the error hook --------------------------------------------------------------------------------------------

def test_an_unexpected_error_shows_try_again_and_no_traceback(db_url, monkeypatch, caplog):
    from components.ui import feedback
    from db import polls as polls_db
    from tests.helpers import as_user

    monkeypatch.setitem(SCRIPT_ERROR_HOOK, "hook", feedback.on_script_error)  # as server.py installs it

    def broken(*_a, **_k):
        raise ValueError("secret detail /srv/thidua/db.py line 42")

    at = as_user(app_test(), "chair").run()
    monkeypatch.setattr(polls_db, "list_polls", broken)
    at.switch_page("pages/vote_results.py").run()
    assert not at.exception
    shown = texts(at)
    assert "Đã có lỗi ngoài dự kiến" in shown and "secret detail" not in shown and "Traceback" not in shown
    assert "secret detail" in caplog.text  # the detail is in the server log


def test_error_details_are_off_in_the_repository_config():
    assert re.search(r'^showErrorDetails\s*=\s*"none"', (ROOT / ".streamlit/config.toml").read_text(), re.M)


# --- the small ones ------------------------------------------------------------------------------------------

def test_the_last_active_administrator_cannot_be_demoted_or_deactivated():
    from components.rules.access import Acting
    from components.rules.errors import DomainError

    with Session(get_engine()) as s:
        admin = user_db.get_user(session=s, username="admin")
        for change in (lambda: user_db.update_user(session=s, actor=admin, user_id=admin.id, role="chair",
                                                   unit_id=None, display_name="Quản trị"),
                       lambda: user_db.set_active(session=s, actor=Acting(None, "admin"), user_id=admin.id,
                                                  active=False)):
            with pytest.raises(DomainError) as err:
                change()
            assert err.value.code == "last_admin"
        s.rollback()
        second = user_db.create_user(session=s, actor=admin, username="admin2", display_name="Quản trị 2",
                                     password="mat-khau-2026", role="admin")
        user_db.update_user(session=s, actor=second, user_id=admin.id, role="chair", unit_id=None,
                            display_name="Quản trị cũ")  # with another administrator, it may
        assert user_db.get_user(session=s, username="admin").role == "chair"


def test_a_display_name_longer_than_its_column_is_refused_with_a_message_on_every_database():
    from components.rules.errors import DomainError

    with Session(get_engine()) as s:
        admin = user_db.get_user(session=s, username="admin")
        with pytest.raises(DomainError) as err:
            user_db.create_user(session=s, actor=admin, username="dai", display_name="x" * 201,
                                password="mat-khau-2026", role="viewer")
        assert err.value.code == "text_too_long"


def test_setup_tokens_expire_after_a_day_and_say_so(empty_db_url):
    from components.rules.errors import DomainError
    from db.engine import make_engine
    from db.seed import prepare_database

    engine = make_engine(empty_db_url)
    prepare_database(engine)
    with Session(engine) as s:
        token = user_db.issue_setup_token(session=s)
        s.exec(update(models.SetupToken).values(created_at=models.utcnow() - timedelta(hours=25)))
        s.commit()
        with pytest.raises(DomainError) as err:
            user_db.create_first_admin(session=s, setup_token=token, username="admin", display_name="Quản trị",
                                       password="mat-khau-2026")
        assert err.value.code == "setup_token_expired"
        s.rollback()
        user_db.issue_setup_token(session=s)  # a new token (a restart) deletes the expired ones
        s.commit()
        assert len(s.exec(select(models.SetupToken)).all()) == 1
    engine.dispose()


def test_demo_accounts_are_created_only_on_a_database_without_accounts(empty_db_url, monkeypatch):
    from db.engine import make_engine
    from db.seed import prepare_database

    monkeypatch.setenv("DEMO_ACCOUNTS", "1")
    monkeypatch.setenv("DEMO_PASSWORD", "demo-2026-x")
    engine = make_engine(empty_db_url)
    prepare_database(engine)
    with Session(engine) as s:
        assert user_db.get_user(session=s, username="chair") is not None
        s.delete(user_db.get_user(session=s, username="chair"))
        s.commit()
    prepare_database(engine)  # a restart in demo mode: the deleted account is not re-created
    with Session(engine) as s:
        assert user_db.get_user(session=s, username="chair") is None
    engine.dispose()


def test_a_poll_title_longer_than_its_column_is_refused_with_a_message_and_nothing_stored():
    from components.rules.errors import DomainError
    from db import polls as polls_db

    with Session(get_engine()) as s:
        year = s.exec(select(models.EmulationYear).where(models.EmulationYear.year == 2026)).one()
        with pytest.raises(DomainError) as err:
            polls_db.create_poll(session=s, emulation_year_id=year.id, title="x" * 301,
                                 actor=user_db.get_user(session=s, username="chair"))
        assert err.value.code == "text_too_long"
        s.rollback()
        assert s.exec(select(models.Poll)).all() == []
