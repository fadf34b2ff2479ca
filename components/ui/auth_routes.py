"""The server's door (routes of server.py's st.App): POST /auth/login checks the password and sets the login
cookie in its answer; POST /auth/logout ends this device's session (or every session of the account) and deletes
it; GET /auth/login is the same form as a page of its own (no Streamlit), also shown again after a refused try.

The cookie: HttpOnly (no script of the page reads it), SameSite=Strict, Path=/, Secure when the request came over
HTTPS (directly, or through the reverse proxy's X-Forwarded-Proto, which uvicorn trusts from 127.0.0.1 only). A
POST whose Origin (or, without one, Sec-Fetch-Site) is another site is refused: nobody can log a visitor in or out
from another page. Database work runs in a worker thread, never in the server's event loop."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from components.i18n.catalogue import LANGS, translate
from components.ui import auth
from db import users as user_db
from db.bootstrap import ensure_database
from db.engine import session_scope

LOGIN_PATH, LOGOUT_PATH = "/auth/login", "/auth/logout"
MAX_FIELD = 512


def login_form_html(lang: str, *, username: str = "", error: str | None = None, next_path: str = "/") -> str:
    """The login form, built from escaped parts only: shown by the app's login screen (st.html) and by the
    standalone page. Field names and autocomplete hints are the ones password managers look for."""
    def tr(key: str) -> str:
        return escape(translate(key, lang))

    alert = f'<p class="thidua-login-error" role="alert">{escape(error)}</p>' if error else ""
    return (f'<form class="thidua-login" method="post" action="{LOGIN_PATH}">{alert}'
            f'<input type="hidden" name="next" value="{escape(safe_next(next_path))}">'
            f'<input type="hidden" name="ui_lang" value="{escape(lang)}">'
            f'<p><label for="thidua-username">{tr("auth.username")}</label><br>'
            f'<input id="thidua-username" name="username" autocomplete="username" autocapitalize="none" '
            f'spellcheck="false" required maxlength="64" value="{escape(username)}"></p>'
            f'<p><label for="thidua-password">{tr("auth.password")}</label><br>'
            f'<input id="thidua-password" name="password" type="password" autocomplete="current-password" '
            f'required maxlength="200"></p>'
            f'<p><button type="submit">{tr("auth.login_button")}</button></p></form>')


def logout_form_html(lang: str, *, everywhere: bool = False) -> str:
    label = translate("auth.logout_everywhere" if everywhere else "auth.logout", lang)
    field = '<input type="hidden" name="everywhere" value="1">' if everywhere else ""
    return (f'<form class="thidua-logout" method="post" action="{LOGOUT_PATH}">{field}'
            f'<button type="submit">{escape(label)}</button></form>')


STANDALONE_STYLE = ("body{font-family:'Be Vietnam Pro',sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}"
                    "input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}"
                    "button{padding:.5rem 1.2rem;font-size:1rem;background:#b71c1c;color:#fff;border:0;"
                    "border-radius:.4rem}.thidua-login-error{color:#b71c1c;font-weight:600}")


def _page(lang: str, *, username: str = "", error: str | None = None, next_path: str = "/",
          status: int = 200) -> HTMLResponse:
    title = escape(translate("auth.login_title", lang))
    body = login_form_html(lang, username=username, error=error, next_path=next_path)
    return HTMLResponse(f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
                        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                        f'<title>{title}</title><style>{STANDALONE_STYLE}</style></head>'
                        f'<body><h1>{title}</h1>{body}</body></html>', status_code=status)


def safe_next(path: str) -> str:
    """Only a path of this site: never another host (//evil, \\\\evil, a scheme)."""
    path = (path or "/")[:300]
    if not path.startswith("/") or path.startswith("//") or "\\" in path or any(ord(c) < 33 for c in path):
        return "/"
    return path


def same_site(request: Request) -> bool:
    """The request comes from a page of this site. Sec-Fetch-Site, which browsers set and no page can change,
    decides when present (a sandboxed frame is "cross-site"). Otherwise the Origin must be this host; an Origin of
    "null" without Sec-Fetch-Site is refused. (With Referrer-Policy no-referrer, Chromium sends Origin: null even
    for this site's own forms, so Origin alone cannot decide.) A request with neither is not a browser's."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()
    return True


def _lang(value: object) -> str:
    return value if isinstance(value, str) and value in LANGS else "vi"


def _field(form, name: str) -> str:
    value = form.get(name)
    return value[:MAX_FIELD] if isinstance(value, str) else ""


def _set_cookie(response: Response, request: Request, token: str, max_age: int) -> None:
    response.set_cookie(auth.COOKIE_NAME, token, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


async def login_page(request: Request) -> Response:
    return _page(_lang(request.query_params.get("lang")), next_path=request.query_params.get("next", "/"))


def _login(username: str, password: str, client: str | None, lang: str) -> tuple[str | None, str | None]:
    ensure_database()
    user_id, error = auth.check_login(username, password, client, lang)
    if user_id is None:
        return None, error
    with session_scope() as session:
        return auth.new_session(session, user_id), None


async def login(request: Request) -> Response:
    if not same_site(request):
        return PlainTextResponse(translate("auth.cross_site", "vi"), status_code=403)
    form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    lang, username = _lang(form.get("ui_lang")), _field(form, "username").strip().lower()
    next_path = safe_next(_field(form, "next"))
    client = request.client.host if request.client else None
    token, error = await run_in_threadpool(_login, username, _field(form, "password"), client, lang)
    if token is None:
        return _page(lang, username=username, error=error, next_path=next_path, status=401)
    response = RedirectResponse(next_path, status_code=303)
    _set_cookie(response, request, token, auth.COOKIE_DAYS * 86400)
    return response


def _logout(token: str, everywhere: bool) -> None:
    if not token or len(token) > 100:
        return
    hashed = auth.token_hash(token)
    with session_scope() as session:
        found = user_db.session_user(session=session, token_hash=hashed)
        if everywhere and found is not None:
            user_db.end_sessions(session=session, username=found[0].username)
        else:
            user_db.end_session(session=session, token_hash=hashed)


async def logout(request: Request) -> Response:
    if not same_site(request):
        return PlainTextResponse(translate("auth.cross_site", "vi"), status_code=403)
    form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    await run_in_threadpool(_logout, request.cookies.get(auth.COOKIE_NAME, ""), form.get("everywhere") == "1")
    response = RedirectResponse("/", status_code=303)
    _set_cookie(response, request, "", 0)
    return response


ROUTES = [Route(LOGIN_PATH, login_page, methods=["GET"]), Route(LOGIN_PATH, login, methods=["POST"]),
          Route(LOGOUT_PATH, logout, methods=["POST"])]
