"""Login, current_user() and require_role(), with credentials from the users table.

The door is the server's (components/ui/auth_routes.py): the login form is a plain HTML form posted to
/auth/login, and the server's answer sets the login cookie, HttpOnly (no script of the page can read it),
SameSite=Strict, Secure over HTTPS. The cookie carries a random session id; the database keeps its keyed hash
(db/users.py start_session), so the server can end one device (logout) or all of them (log out everywhere).
The script reads the cookie from the WebSocket handshake (st.context.cookies) and re-checks the session row on
every run; it never writes the cookie. Wrong passwords are throttled per account, per (client, account) and per
client, counted before the password is checked (db/users.py reserve_attempt).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import streamlit as st

from components.i18n.catalogue import translate
from components.i18n.formatting import fmt_date
from components.rules import lineage
from components.rules.access import role_allowed
from components.rules.errors import DomainError
from components.ui.language import current_lang, t
from db import reference, scope
from db import users as user_db
from db.bootstrap import ensure_database
from db.engine import session_scope
from db.models import User, utcnow

COOKIE_NAME = "thidua_auth"
COOKIE_DAYS = user_db.SESSION_DAYS
MIN_KEY_BYTES = 32
# keys shown in the documentation: anyone who read it could sign an admin cookie with them
PLACEHOLDER_KEYS = {"...", "CHANGE-ME", "change-me", "changeme", "secret", "another-long-random-string"}


class ConfigurationError(RuntimeError):
    pass


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None

    @classmethod
    def of(cls, user: User) -> CurrentUser:
        return cls(user.id, user.username, user.display_name, user.role, user.unit_id)


def check_cookie_key(key: str) -> str:
    if key.strip() in PLACEHOLDER_KEYS or len(key.encode("utf-8")) < MIN_KEY_BYTES:
        raise ConfigurationError(
            f"AUTH_COOKIE_KEY must be a random secret of at least {MIN_KEY_BYTES} bytes, not a placeholder: "
            'python -c "import secrets; print(secrets.token_urlsafe(48))"')
    return key


def cookie_key() -> str:
    """From AUTH_COOKIE_KEY, else [auth] cookie_key in .streamlit/secrets.toml, else a random key generated once
    for this installation and kept in the data folder. Several server processes must share the same key. A short
    or placeholder key is refused (ConfigurationError): the app does not start with it."""
    key = os.environ.get("AUTH_COOKIE_KEY", "").strip()
    if not key:
        try:
            key = str(st.secrets["auth"]["cookie_key"]).strip()
        except (KeyError, FileNotFoundError, AttributeError):
            key = ""
    if key:
        return check_cookie_key(key)
    from db.engine import DEFAULT_DATA_DIR

    path = Path(os.environ.get("DATA_DIR", DEFAULT_DATA_DIR)) / "cookie_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    return check_cookie_key(path.read_text().strip())


def ensure_configured() -> None:
    """Refuse to serve anything with a weak cookie key: say so on the page and in the server log."""
    try:
        cookie_key()
    except ConfigurationError as exc:
        print(f"[thidua] refusing to start: {exc}", flush=True)
        st.error(t("auth.bad_cookie_key", min=MIN_KEY_BYTES), icon=":material/gpp_bad:")
        st.stop()


def token_hash(token: str) -> str:
    """What the database keeps of a session id: its HMAC under the cookie key (a database reader cannot turn it
    back into a cookie, and a new key ends every session)."""
    return hmac.new(cookie_key().encode("utf-8"), token.encode("utf-8"), hashlib.sha256).hexdigest()


def new_session(session, user_id: int) -> str:
    """Start a login on one device and return the random session id the cookie carries."""
    token = secrets.token_urlsafe(32)
    user_db.start_session(session=session, user_id=user_id, token_hash=token_hash(token))
    return token


def issue_token(username: str) -> str:
    """A session id for username, as a login through /auth/login makes (tests and benchmarks hand it to a
    browser as its cookie)."""
    with session_scope() as session:
        return new_session(session, user_db.get_user(session=session, username=username).id)


def client_address() -> str | None:
    """The client of this browser session: the socket's peer, or the address the reverse proxy on the same
    machine reports (uvicorn trusts X-Forwarded-For from 127.0.0.1 only, FORWARDED_ALLOW_IPS). The throttles
    are keyed on it."""
    peer = st.context.ip_address
    return peer if isinstance(peer, str) and peer else None


def _clear_login() -> None:
    for key in ("authentication_status", "username", "name", "roles", "_login_at", "_session_hash"):
        st.session_state[key] = None


def _session_of(hashed: str) -> CurrentUser | None:
    with session_scope() as session:
        found = user_db.session_user(session=session, token_hash=hashed)
        if found is None or _ended_unit_refusal(session, found[0]):
            return None
        return CurrentUser.of(found[0])


def cookie_token() -> str | None:
    """The login cookie as the browser sent it on the WebSocket handshake (only read, never written here)."""
    return st.context.cookies.get(COOKIE_NAME) if st.context.cookies else None


def _user_from_cookie() -> CurrentUser | None:
    token = cookie_token()
    if not token or len(token) > 100:
        return None
    hashed = token_hash(token)
    current = _session_of(hashed)
    if current is None:
        return None
    st.session_state.update(authentication_status=True, username=current.username, name=current.display_name,
                            roles=[current.role], _login_at=utcnow(), _session_hash=hashed)
    return current


def current_user() -> CurrentUser | None:
    """The logged-in user of this browser session, re-checked against the database on every run: the device's
    session row must still be there (logout, log out everywhere, deactivation, a password reset end it)."""
    ensure_configured()
    ensure_database()
    if st.session_state.get("authentication_status") and st.session_state.get("username"):
        hashed = st.session_state.get("_session_hash")
        if hashed:
            current = _session_of(hashed)
            if current is not None and current.username == st.session_state["username"]:
                return current
        else:  # a session logged in without a cookie (AppTest's as_user): checked against the account alone
            login_at = st.session_state.get("_login_at") or utcnow()
            with session_scope() as session:
                user = user_db.get_user(session=session, username=st.session_state["username"])
                if (user is not None and user_db.session_is_valid(user, login_at)
                        and _ended_unit_refusal(session, user) is None):
                    return CurrentUser.of(user)
        _clear_login()
        return None
    return _user_from_cookie()


def check_login(username: str, password: str, client: str | None, lang: str = "vi") -> tuple[int | None, str | None]:
    """The login's check, shared by /auth/login and the account page: (user id, None) for a right password of an
    account that may log in, else (None, the message). The attempt is counted (and refused while a delay runs)
    in its own transaction before the password is checked, so parallel attempts cannot all pass one check."""
    username, password = username.strip().lower(), password.strip()
    try:
        with session_scope() as session:
            user_db.reserve_attempt(session=session, username=username, client=client)
        with session_scope() as session:
            user = user_db.attempt_login(session=session, username=username, password=password, client=client)
            refusal = _ended_unit_refusal(session, user, lang)
            return (None, refusal) if refusal else (user.id, None)
    except DomainError as exc:
        if exc.code == "throttled":
            return None, translate("auth.throttled", lang, seconds=exc.params["seconds"])
        return None, translate("auth.deactivated" if exc.code == "deactivated" else "auth.bad_credentials", lang)


def login_form() -> None:
    """The login form: a plain HTML form posted to the server's /auth/login (a form every password manager
    recognises; nothing typed depends on a rerun). The server answers with the cookie and sends the browser back
    to the page it came from."""
    ensure_configured()
    ensure_database()
    from components.ui.auth_routes import login_form_html

    st.subheader(t("auth.login_title"))
    st.html(login_form_html(current_lang(), next_path=_this_path()))


def _this_path() -> str:
    url = st.context.url or ""
    path = "/" + url.split("://", 1)[-1].partition("/")[2].split("?")[0] if "://" in url else "/"
    return path if path.startswith("/") and not path.startswith("//") else "/"


def _ended_unit_refusal(session, user: User, lang: str | None = None) -> str | None:
    """A unit merged away or dissolved no longer logs in: the message names it and its last day."""
    if user.unit_id is None:
        return None
    end = reference.unit_end(session=session, unit_id=user.unit_id)
    if end is None or end > date.today():
        return None
    last_day = end - timedelta(days=1)
    lang = lang or current_lang()
    name = reference.unit_names(session=session, on=last_day)[user.unit_id].name(lang)
    owner = lineage.history_owner(user.unit_id, reference.lineage_events(session=session))
    if owner is not None:
        successor = reference.unit_names(session=session)[owner].name(lang)
        return translate("auth.unit_ended_successor", lang, unit=name, date=fmt_date(last_day), successor=successor)
    return translate("auth.unit_ended", lang, unit=name, date=fmt_date(last_day))


def logout_button(everywhere: bool = False) -> None:
    """A button that posts to /auth/logout: the server ends this device's session (or, everywhere, every session
    of the account) and deletes the cookie in its answer."""
    from components.ui.auth_routes import logout_form_html

    st.html(logout_form_html(current_lang(), everywhere=everywhere))


def require_role(*roles: str, needs_cluster: bool = True) -> CurrentUser:
    """Guard at the top of every page: the login form when nobody is logged in, a refusal for the wrong role, and
    one clear message for an account that belongs to no cluster yet (it can do nothing but manage its own account:
    needs_cluster=False)."""
    user = current_user()  # also installs the outage message: a page may run without the router
    if user is None:
        # on a freshly started server this page runs before the router: hide Streamlit's raw list of page files
        st.html("<style>[data-testid='stSidebarNav']{display:none}</style>")
        st.info(t("auth.need_login"))
        login_form()
        st.stop()
    if not role_allowed(user.role, roles):
        st.error(t("auth.forbidden", role=t(f"role.{user.role}")))
        st.stop()
    if needs_cluster and not _has_cluster(user):
        st.error(t("err.no_cluster"), icon=":material/group_off:")
        st.stop()
    return user


def _has_cluster(user: CurrentUser) -> bool:
    with session_scope() as session:
        return scope.has_cluster(session=session, actor=user)
