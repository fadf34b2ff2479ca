"""What only a browser shows: the login cookie set by the server (HttpOnly, out of reach of the page's scripts)
across reloads, logout that sticks, pages guarded on a fresh server, the security headers on pages and files."""

from __future__ import annotations

import pytest

from components.i18n.catalogue import translate
from components.ui.navigation import SCREENS
from tests.browser.conftest import login, wait_for_app
from tests.conftest import DEMO_PASSWORD

MARKERS_OF_CONTENT = ["Chào mừng", "Các năm thi đua", "Tài khoản người dùng", "Danh mục chỉ tiêu"]


def _wait_cookie(context, name="thidua_auth", timeout_s=15):
    import time

    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if any(c["name"] == name for c in context.cookies()):
            return True
        time.sleep(0.1)
    return False


def test_province_stays_logged_in_after_reload_and_logout_sticks(server, context, page):
    login(page, server.url, "sonla", DEMO_PASSWORD)
    assert page.get_by_text("Sở KH&CN Sơn La").first.is_visible()
    assert _wait_cookie(context), "the login cookie was never stored by the browser"
    (cookie,) = [c for c in context.cookies() if c["name"] == "thidua_auth"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and not cookie["secure"]  # plain http here
    assert "thidua_auth" not in page.evaluate("document.cookie")  # no script of the page can read it

    page.reload()
    wait_for_app(page)
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=20_000)
    assert page.get_by_text("Sở KH&CN Sơn La").first.is_visible()

    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    page.get_by_role("button", name="Đăng nhập").wait_for(timeout=20_000)
    assert not [c for c in context.cookies() if c["name"] == "thidua_auth"]  # deleted by the server's answer
    page.reload()
    wait_for_app(page)
    page.get_by_role("button", name="Đăng nhập").wait_for(timeout=20_000)
    assert page.get_by_role("button", name="Đăng xuất", exact=True).count() == 0


def test_a_stolen_cookie_stops_working_after_logout(server, browser, context, page):
    login(page, server.url, "chair", DEMO_PASSWORD)
    assert _wait_cookie(context)
    saved = [c for c in context.cookies() if c["name"] == "thidua_auth"]
    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    page.get_by_role("button", name="Đăng nhập").wait_for(timeout=20_000)

    other = browser.new_context()
    try:
        other.add_cookies(saved)  # the library's known issue: a copy of the cookie outlives the logout
        p2 = other.new_page()
        p2.goto(server.url + "/")
        wait_for_app(p2)
        p2.get_by_role("button", name="Đăng nhập").wait_for(timeout=20_000)
        assert p2.get_by_role("button", name="Đăng xuất", exact=True).count() == 0
    finally:
        other.close()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.file)
def test_fresh_server_shows_no_page_content_before_login(server_factory, context, screen):
    srv = server_factory()  # a new process per page: the first request is the one that bypasses the router
    page = context.new_page()
    path = screen.file.removeprefix("pages/").removesuffix(".py")
    page.goto(f"{srv.url}/{path}")
    wait_for_app(page)
    page.get_by_role("button", name="Đăng nhập").wait_for(timeout=20_000)
    body = page.inner_text("body")
    for marker in MARKERS_OF_CONTENT:
        assert marker not in body
    assert page.locator("h1", has_text=translate(screen.title_key)).count() == 0
    assert page.locator("[data-testid='stSidebarNav']:visible").count() == 0  # no raw list of page files
    assert page.get_by_role("button", name="Đăng xuất", exact=True).count() == 0


def test_what_was_typed_on_a_slow_first_start_reaches_the_server_and_the_page_is_csp_clean(server, context, page):
    """The form is the browser's own (posted to /auth/login): typing while the page is still busy loses nothing.
    Every page the account opens runs under the Content-Security-Policy without a single violation."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server.url + "/")
    page.get_by_label("Tên đăng nhập").fill("chair")  # as soon as the field exists, before the run settles
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Đăng xuất", exact=True).wait_for(timeout=20_000)
    for path in ("comparisons", "meeting", "projector", "vote_manage", "documents", "account"):
        page.goto(f"{server.url}/{path}")
        wait_for_app(page)
    assert violations == []
    import urllib.request

    for path in ("/", "/app/static/fonts/BeVietnamPro-Regular.ttf", "/auth/login", "/_stcore/health"):
        with urllib.request.urlopen(server.url + path) as answer:
            assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"], path
            assert answer.headers["X-Content-Type-Options"] == "nosniff", path
            assert answer.headers["Referrer-Policy"] == "no-referrer", path
