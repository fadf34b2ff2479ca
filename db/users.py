"""User accounts: creation, password checks, lock-out, deactivation, sessions."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import bcrypt
from sqlmodel import Session, func, select

from components.rules.enums import ROLES
from components.rules.errors import DomainError
from db.models import Unit, User, utcnow

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
USERNAME_RE = re.compile(r"^[a-z0-9_.-]{3,64}$")


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def check_password(password: str, password_hash: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))


def _check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError("password_too_short", min=MIN_PASSWORD_LENGTH)
    if len(password.encode("utf-8")) > 72:  # bcrypt ignores bytes past 72
        raise DomainError("password_too_long")


def count_users(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def get_user(*, session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == username.strip().lower())).first()


def list_users(*, session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.role, User.username)).all())


def _check_role_unit(session: Session, role: str, unit_id: int | None) -> None:
    if role not in ROLES:
        raise DomainError("unknown_role", role=role)
    if role == "province" and unit_id is None:
        raise DomainError("province_needs_unit")
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise DomainError("unknown_unit")


def create_user(*, session: Session, username: str, display_name: str, password: str, role: str,
                unit_id: int | None = None) -> User:
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise DomainError("bad_username")
    if not display_name.strip():
        raise DomainError("display_name_required")
    _check_password_policy(password)
    _check_role_unit(session, role, unit_id)
    if get_user(session=session, username=username) is not None:
        raise DomainError("username_taken", username=username)
    user = User(username=username, display_name=display_name.strip(), password_hash=hash_password(password),
                role=role, unit_id=unit_id)
    session.add(user)
    session.flush()
    return user


def create_first_admin(*, session: Session, username: str, display_name: str, password: str) -> User:
    """The setup screen's action: allowed only while no user exists."""
    if count_users(session=session) > 0:
        raise DomainError("setup_done")
    return create_user(session=session, username=username, display_name=display_name, password=password,
                       role="admin")


def update_user(*, session: Session, user_id: int, role: str, unit_id: int | None, display_name: str) -> User:
    user = _get(session, user_id)
    if not display_name.strip():
        raise DomainError("display_name_required")
    _check_role_unit(session, role, unit_id)
    user.role, user.unit_id, user.display_name = role, unit_id, display_name.strip()
    session.add(user)
    return user


def reset_password(*, session: Session, user_id: int, new_password: str) -> User:
    user = _get(session, user_id)
    _check_password_policy(new_password)
    user.password_hash = hash_password(new_password)
    user.failed_logins, user.locked_until = 0, None
    user.sessions_valid_after = utcnow()
    session.add(user)
    return user


def set_active(*, session: Session, user_id: int, active: bool, acting_user_id: int | None = None) -> User:
    user = _get(session, user_id)
    if not active and user.id == acting_user_id:
        raise DomainError("cannot_deactivate_self")
    user.active = active
    if not active:
        user.sessions_valid_after = utcnow()
    session.add(user)
    return user


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise DomainError("unknown_user")
    return user


def is_locked(user: User, now: datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or utcnow())


def record_failed_login(*, session: Session, username: str, now: datetime | None = None) -> User | None:
    """Count a wrong password; the account locks for LOCKOUT after MAX_FAILED_LOGINS in a row."""
    user = get_user(session=session, username=username)
    if user is None:
        return None
    now = now or utcnow()
    if user.locked_until is not None and user.locked_until <= now:
        user.failed_logins, user.locked_until = 0, None
    user.failed_logins += 1
    if user.failed_logins >= MAX_FAILED_LOGINS:
        user.locked_until = now + LOCKOUT
    session.add(user)
    return user


def record_login(*, session: Session, username: str) -> None:
    user = get_user(session=session, username=username)
    if user is not None and (user.failed_logins or user.locked_until):
        user.failed_logins, user.locked_until = 0, None
        session.add(user)


def end_sessions(*, session: Session, username: str, now: datetime | None = None) -> None:
    """Logout: every cookie issued before now stops working, whether or not the browser deleted it."""
    user = get_user(session=session, username=username)
    if user is not None:
        user.sessions_valid_after = now or utcnow()
        session.add(user)


def session_is_valid(user: User, issued_at: datetime) -> bool:
    return user.active and (user.sessions_valid_after is None or issued_at > user.sessions_valid_after)
