"""Login, current_user() and require_role(), on streamlit-authenticator with credentials from the users table.

The library's re-authentication cookie is a JWT of (username, exp_date) that stays valid after logout if the browser
keeps it. We therefore read the cookie ourselves and refuse any cookie issued before the user's
sessions_valid_after (set at logout, password reset and deactivation), and tell the library to ignore cookies.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

from components.i18n.formatting import fmt_date
from components.rules.access import role_allowed
from components.ui.language import current_lang, t
from db import reference
from db import users as user_db
from db.bootstrap import ensure_database
from db.engine import session_scope
from db.models import User, utcnow

COOKIE_NAME = "thidua_auth"
COOKIE_EXPIRY_DAYS = 7.0


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


def cookie_key() -> str:
    """From AUTH_COOKIE_KEY, else [auth] cookie_key in .streamlit/secrets.toml, else a random key generated once
    for this installation and kept in the data folder. Several server processes must share the same key."""
    key = os.environ.get("AUTH_COOKIE_KEY", "").strip()
    if key:
        return key
    try:
        key = str(st.secrets["auth"]["cookie_key"]).strip()
    except (KeyError, FileNotFoundError, AttributeError):
        key = ""
    if key:
        return key
    from db.engine import DEFAULT_DATA_DIR

    path = Path(os.environ.get("DATA_DIR", DEFAULT_DATA_DIR)) / "cookie_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def _credentials(session) -> dict:
    now = utcnow()
    usernames = {}
    for u in user_db.list_users(session=session):
        usernames[u.username] = {
            "name": u.display_name,
            "password": u.password_hash,
            "roles": [u.role],
            "email": f"{u.username}@localhost",
            # a locked account makes the library refuse before it checks the password
            "failed_login_attempts": user_db.MAX_FAILED_LOGINS if user_db.is_locked(u, now) else 0,
        }
    return {"usernames": usernames}


def _authenticator(credentials: dict) -> stauth.Authenticate:
    # one instance per browser session: constructing it renders the library's cookie component, which may
    # appear only once per run
    auth = st.session_state.get("_authenticator")
    if auth is None:
        auth = stauth.Authenticate(credentials, COOKIE_NAME, cookie_key(), COOKIE_EXPIRY_DAYS, auto_hash=False,
                                   login_sleep_time=0)
        st.session_state["_authenticator"] = auth
    else:
        auth.authentication_controller.authentication_model.credentials = credentials
    return auth


def _clear_login() -> None:
    for key in ("authentication_status", "username", "name", "roles", "email", "_login_at", "_cookie_exp"):
        st.session_state[key] = None


def _user_from_cookie() -> CurrentUser | None:
    token = st.context.cookies.get(COOKIE_NAME) if st.context.cookies else None
    if not token:
        return None
    try:
        payload = jwt.decode(token, cookie_key(), algorithms=["HS256"])
        username, exp = str(payload["username"]), float(payload["exp_date"])
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return None
    now = datetime.now(timezone.utc)
    if exp <= now.timestamp():
        return None
    issued_at = datetime.fromtimestamp(exp - COOKIE_EXPIRY_DAYS * 86400, timezone.utc)
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


def login_form() -> CurrentUser | None:
    """Render the login form; returns the user once the password was right (the caller then reruns)."""
    ensure_database()
    # we check the cookie ourselves (with revocation); the library must not log in from it
    st.session_state["logout"] = True
    with session_scope() as session:
        credentials = _credentials(session)
    before = {u: d["failed_login_attempts"] for u, d in credentials["usernames"].items()}
    authenticator = _authenticator(credentials)
    fields = {"Form name": t("auth.login_title"), "Username": t("auth.username"), "Password": t("auth.password"),
              "Login": t("auth.login_button")}
    try:
        authenticator.login(location="main", max_login_attempts=user_db.MAX_FAILED_LOGINS, fields=fields,
                            key="login_form")
    except LoginError:
        st.error(t("auth.locked", minutes=_lockout_minutes()))
        return None
    failed = [u for u, d in credentials["usernames"].items()
              if d.get("failed_login_attempts", 0) > before.get(u, 0)]
    if st.session_state.get("authentication_status") is False:
        with session_scope() as session:
            for username in failed:
                user = user_db.record_failed_login(session=session, username=username)
                if user is not None and user_db.is_locked(user):
                    st.error(t("auth.locked", minutes=_lockout_minutes()))
                    return None
        st.error(t("auth.bad_credentials"))
        return None
    if st.session_state.get("authentication_status"):
        with session_scope() as session:
            user = user_db.get_user(session=session, username=st.session_state["username"])
            if user is None or not user.active:
                _clear_login()
                st.error(t("auth.deactivated"))
                return None
            refusal = _ended_unit_refusal(session, user)
            if refusal:
                _clear_login()
                st.error(refusal)
                return None
            user_db.record_login(session=session, username=user.username)
            current = CurrentUser.of(user)
        st.session_state["_login_at"] = utcnow()
        st.session_state["logout"] = None
        exp = authenticator.cookie_controller.cookie_model.exp_date
        if exp:
            st.session_state["_cookie_exp"] = exp
        return current
    return None


def _ended_unit_refusal(session, user: User) -> str | None:
    """A unit merged away or dissolved no longer logs in: the message names it and its last day."""
    if user.unit_id is None:
        return None
    end = reference.unit_end(session=session, unit_id=user.unit_id)
    if end is None or end > date.today():
        return None
    last_day = end - timedelta(days=1)
    name = reference.unit_names(session=session, on=last_day)[user.unit_id].name(current_lang())
    return t("auth.unit_ended", unit=name, date=fmt_date(last_day))


def keep_login_cookie() -> None:
    """Re-render the cookie the library set at login on the following runs, so that the browser stores it even
    though the login run was cut short by the rerun that shows the user's pages."""
    exp = st.session_state.get("_cookie_exp")
    username = st.session_state.get("username")
    auth = st.session_state.get("_authenticator")
    if not (exp and username and auth and st.session_state.get("authentication_status")):
        return
    token = jwt.encode({"username": username, "exp_date": exp}, cookie_key(), algorithm="HS256")
    auth.cookie_controller.cookie_model.cookie_manager.set(
        COOKIE_NAME, token, key="keep_login_cookie", expires_at=datetime.fromtimestamp(exp))


def _lockout_minutes() -> int:
    return int(user_db.LOCKOUT.total_seconds() // 60)


def logout() -> None:
    """End the session: server-side (every cookie issued so far is refused) and in the browser."""
    username = st.session_state.get("username")
    if username:
        with session_scope() as session:
            user_db.end_sessions(session=session, username=username)
    with session_scope() as session:
        credentials = _credentials(session)
    authenticator = _authenticator(credentials)
    if st.session_state.get("authentication_status"):
        authenticator.logout(location="unrendered")
    _clear_login()
    st.session_state["logout"] = True


def request_logout() -> None:
    """on_click of the logout button: the next current_user() call (router or page guard) ends the session."""
    st.session_state["_do_logout"] = True


def require_role(*roles: str) -> CurrentUser:
    """Guard at the top of every page: the login form when nobody is logged in, a refusal for the wrong role."""
    user = current_user()
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
