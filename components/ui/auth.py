"""Login, current_user() and require_role(), with credentials from the users table.

The login form is a plain st.form: no browser component takes part in it, so a rerun caused by a component reporting
back can never drop what was typed. The login cookie is a JWT signed with the cookie key, carrying the username, its
issue time (iat), its expiry and a random id; whatever its expiry says, it is refused once COOKIE_DAYS have passed
since iat, and refused if issued before the user's sessions_valid_after (set at logout, password reset and
deactivation). The browser writes the cookie itself (Secure when the page is served over HTTPS).
Wrong passwords are throttled per client and per account with growing delays (db/users.py), checked before the
password.
"""

from __future__ import annotations

import json
import math
import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import jwt
import streamlit as st
from streamlit_authenticator.utilities.hasher import Hasher

from components.i18n.formatting import fmt_date
from components.rules import lineage
from components.rules.access import role_allowed
from components.ui.feedback import show_outages_as_messages
from components.ui.language import current_lang, t
from db import reference
from db import users as user_db
from db.bootstrap import ensure_database
from db.engine import session_scope
from db.models import User, utcnow

COOKIE_NAME = "thidua_auth"
COOKIE_DAYS = 7
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
    show_outages_as_messages()
    try:
        cookie_key()
    except ConfigurationError as exc:
        print(f"[thidua] refusing to start: {exc}", flush=True)
        st.error(t("auth.bad_cookie_key", min=MIN_KEY_BYTES), icon=":material/gpp_bad:")
        st.stop()


def issue_token(username: str, now: datetime | None = None) -> str:
    issued = (now or datetime.now(timezone.utc)).timestamp()
    return jwt.encode({"username": username, "iat": int(issued), "exp": int(issued + COOKIE_DAYS * 86400),
                       "jti": secrets.token_hex(16)}, cookie_key(), algorithm="HS256")


def read_token(token: str, now: datetime | None = None) -> tuple[str, datetime] | None:
    """(username, issued at) of a valid token, else None. The lifetime is capped here, whatever exp says."""
    now_ts = (now or datetime.now(timezone.utc)).timestamp()
    try:
        payload = jwt.decode(token, cookie_key(), algorithms=["HS256"],
                             options={"require": ["exp", "iat", "jti", "username"], "verify_iat": False})
        username, issued = str(payload["username"]), float(payload["iat"])
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return None
    if issued > now_ts + 60 or now_ts - issued > COOKIE_DAYS * 86400:
        return None
    return username, datetime.fromtimestamp(issued, timezone.utc)


def client_address() -> str | None:
    """The client as the reverse proxy reports it (X-Real-IP, else the last X-Forwarded-For hop), else the
    socket's peer. The per-client login throttle is keyed on it."""
    headers = st.context.headers or {}
    real, forwarded, peer = headers.get("X-Real-Ip"), headers.get("X-Forwarded-For"), st.context.ip_address
    if isinstance(real, str) and real.strip():
        return real.strip()
    hops = [h.strip() for h in forwarded.split(",") if h.strip()] if isinstance(forwarded, str) else []
    if hops:
        return hops[-1]
    return peer if isinstance(peer, str) and peer else None


def _clear_login() -> None:
    for key in ("authentication_status", "username", "name", "roles", "_login_at", "_auth_token"):
        st.session_state[key] = None


def _user_from_cookie() -> CurrentUser | None:
    token = st.context.cookies.get(COOKIE_NAME) if st.context.cookies else None
    read = read_token(token) if token else None
    if read is None:
        return None
    username, issued_at = read
    with session_scope() as session:
        user = user_db.get_user(session=session, username=username)
        if user is None or not user_db.session_is_valid(user, issued_at) or _ended_unit_refusal(session, user):
            return None
        current = CurrentUser.of(user)
    st.session_state.update(authentication_status=True, username=current.username, name=current.display_name,
                            roles=[current.role], _login_at=issued_at)
    return current


def current_user() -> CurrentUser | None:
    """The logged-in user of this browser session, re-checked against the database on every run."""
    ensure_configured()
    ensure_database()
    if st.session_state.pop("_do_logout", False):
        logout()
    if st.session_state.get("authentication_status") and st.session_state.get("username"):
        login_at = st.session_state.get("_login_at") or utcnow()
        with session_scope() as session:
            user = user_db.get_user(session=session, username=st.session_state["username"])
            if (user is not None and user_db.session_is_valid(user, login_at)
                    and _ended_unit_refusal(session, user) is None):
                return CurrentUser.of(user)
        _clear_login()
        return None
    if st.session_state.get("logout"):
        return None  # logged out in this browser session: the cookie is not consulted again
    return _user_from_cookie()


def password_matches(password: str, password_hash: str) -> bool:
    """A typed password against the stored bcrypt hash, checked by streamlit-authenticator's Hasher (the hashes
    db/users.py writes are the bcrypt hashes the library reads)."""
    return bool(password) and Hasher.check_pw(password, password_hash)


def login_form() -> CurrentUser | None:
    """Render the login form; returns the user once the password was right (the caller then reruns)."""
    ensure_configured()
    ensure_database()
    if "authentication_status" not in st.session_state:
        st.session_state["authentication_status"] = None
    with st.form("login_form"):
        st.subheader(t("auth.login_title"))
        username = st.text_input(t("auth.username"), key="login_username")
        password = st.text_input(t("auth.password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("auth.login_button"), type="primary")
    if not submitted:
        return None
    username, password = username.strip().lower(), password.strip()
    client = client_address()
    with session_scope() as session:
        wait = user_db.retry_after(session=session, username=username, client=client)
    if wait > 0:
        st.error(t("auth.throttled", seconds=math.ceil(wait)), icon=":material/timer:")
        return None
    with session_scope() as session:
        user = user_db.get_user(session=session, username=username)
        if user is None or not password_matches(password, user.password_hash):
            user_db.record_failed_login(session=session, username=username, client=client)
            user = None
        elif not user.active:
            st.error(t("auth.deactivated"))
            return None
        elif (refusal := _ended_unit_refusal(session, user)) is not None:
            st.error(refusal)
            return None
        else:
            user_db.record_login(session=session, username=user.username)
            current = CurrentUser.of(user)
    if user is None:
        st.error(t("auth.bad_credentials"))
        return None
    st.session_state.update(authentication_status=True, username=current.username, name=current.display_name,
                            roles=[current.role], _login_at=utcnow(), logout=None,
                            _auth_token=issue_token(current.username))
    return current


def _ended_unit_refusal(session, user: User) -> str | None:
    """A unit merged away or dissolved no longer logs in: the message names it and its last day."""
    if user.unit_id is None:
        return None
    end = reference.unit_end(session=session, unit_id=user.unit_id)
    if end is None or end > date.today():
        return None
    last_day = end - timedelta(days=1)
    lang = current_lang()
    name = reference.unit_names(session=session, on=last_day)[user.unit_id].name(lang)
    owner = lineage.history_owner(user.unit_id, reference.lineage_events(session=session))
    if owner is not None:
        successor = reference.unit_names(session=session)[owner].name(lang)
        return t("auth.unit_ended_successor", unit=name, date=fmt_date(last_day), successor=successor)
    return t("auth.unit_ended", unit=name, date=fmt_date(last_day))


def _cookie_script(value: str, max_age: int) -> None:
    st.html("<script>document.cookie = " + json.dumps(f"{COOKIE_NAME}={value}") +
            f" + '; path=/; max-age={max_age}; SameSite=Lax' + "
            "(location.protocol === 'https:' ? '; Secure' : '');</script>", unsafe_allow_javascript=True)


def sync_login_cookie() -> None:
    """Write the login cookie after a login (and on the following runs, so that a run cut short by a rerun does
    not lose it); delete it after a logout. The browser writes it, so it is Secure whenever the page is HTTPS."""
    token = st.session_state.get("_auth_token")
    if token and st.session_state.get("authentication_status"):
        _cookie_script(token, COOKIE_DAYS * 86400)
    elif st.session_state.pop("_clear_cookie", False):
        _cookie_script("", 0)


def logout() -> None:
    """End the session: server-side (every cookie issued so far is refused) and in the browser."""
    username = st.session_state.get("username")
    if username:
        with session_scope() as session:
            user_db.end_sessions(session=session, username=username)
    _clear_login()
    st.session_state["logout"] = True
    st.session_state["_clear_cookie"] = True


def request_logout() -> None:
    """on_click of the logout button: the next current_user() call (router or page guard) ends the session."""
    st.session_state["_do_logout"] = True


def require_role(*roles: str) -> CurrentUser:
    """Guard at the top of every page: the login form when nobody is logged in, a refusal for the wrong role."""
    user = current_user()  # also installs the outage message: a page may run without the router
    if user is None:
        # on a freshly started server this page runs before the router: hide Streamlit's raw list of page files
        st.html("<style>[data-testid='stSidebarNav']{display:none}</style>")
        st.info(t("auth.need_login"))
        if login_form() is not None:
            st.rerun()
        st.stop()
    if not role_allowed(user.role, roles):
        st.error(t("auth.forbidden", role=t(f"role.{user.role}")))
        st.stop()
    return user
