"""User accounts: creation, password checks, login throttling, first-run setup, deactivation, sessions.

Writes take the actor (anything with id, role and unit_id) and check components/rules/access.py; the first admin
(setup token) and seeded accounts are actor-less by design (see create_first_admin and seed_user)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import bcrypt
from sqlalchemy import case, delete, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from components.rules.access import Actor, can_manage_users, require
from components.rules.enums import ROLES
from components.rules.errors import DomainError
from db.models import LoginThrottle, SetupToken, Unit, User, utcnow

MIN_PASSWORD_LENGTH = 8
USERNAME_RE = re.compile(r"^[a-z0-9_.-]{3,64}$")


@dataclass(frozen=True)
class Throttle:
    """Growing delays after wrong passwords: `free` failures cost nothing, then each one doubles the wait before
    the next attempt (1 s, 2 s, 4 s, ...) up to `cap`; the count is forgotten after `window` without failures.
    An account's cap is short, so an outsider who knows the predictable usernames cannot block a member for
    long; a client's is long, so one client cannot keep guessing."""

    free: int
    cap: timedelta
    window: timedelta

    def delay(self, failures: int) -> timedelta:
        if failures <= self.free:
            return timedelta(0)
        return min(self.cap, timedelta(seconds=2 ** min(failures - self.free - 1, 20)))


ACCOUNT_THROTTLE = Throttle(free=3, cap=timedelta(seconds=30), window=timedelta(minutes=15))
CLIENT_THROTTLE = Throttle(free=10, cap=timedelta(minutes=10), window=timedelta(hours=1))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")



def _check_password_policy(password: str) -> None:
    if password != password.strip():  # the login form strips what is typed: such a password could never log in
        raise DomainError("password_spaces")
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


def _insert_user(session: Session, *, username: str, display_name: str, password: str, role: str,
                 unit_id: int | None) -> User:
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


def create_user(*, session: Session, actor: Actor, username: str, display_name: str, password: str, role: str,
                unit_id: int | None = None) -> User:
    require(can_manage_users(actor))
    return _insert_user(session, username=username, display_name=display_name, password=password, role=role,
                        unit_id=unit_id)


def seed_user(*, session: Session, username: str, display_name: str, password: str, role: str,
              unit_id: int | None = None) -> User:
    """Accounts made without a logged-in actor, by design: the demo accounts of db/seed.py and the operator's
    `python scripts/manage.py create-admin` (whoever runs a shell on the server is trusted)."""
    return _insert_user(session, username=username, display_name=display_name, password=password, role=role,
                        unit_id=unit_id)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def issue_setup_token(*, session: Session) -> str:
    """A one-time token for the setup screen, printed in the server log by db/bootstrap.py while no account
    exists. Each server process issues its own; any of them works, once, and all go when the admin exists."""
    token = secrets.token_urlsafe(18)
    session.add(SetupToken(token_hash=_hash_token(token)))
    session.flush()
    return token


def create_first_admin(*, session: Session, setup_token: str, username: str, display_name: str,
                       password: str) -> User:
    """The setup screen's action, actor-less by design (nobody can be logged in yet): allowed only with a setup
    token from the server log and while no user exists. Atomic: two simultaneous submits create one admin."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(text("SELECT pg_advisory_xact_lock(720003)"))
    # on SQLite this write takes the database's write lock first, so the count below cannot be stale
    used = session.exec(delete(SetupToken).where(SetupToken.token_hash == _hash_token(setup_token or "")))
    if count_users(session=session) > 0:
        raise DomainError("setup_done")
    if used.rowcount != 1:
        raise DomainError("setup_token_invalid")
    user = _insert_user(session, username=username, display_name=display_name, password=password, role="admin",
                        unit_id=None)
    session.exec(delete(SetupToken))
    return user


def update_user(*, session: Session, actor: Actor, user_id: int, role: str, unit_id: int | None,
                display_name: str) -> User:
    require(can_manage_users(actor))
    user = _get(session, user_id)
    if not display_name.strip():
        raise DomainError("display_name_required")
    _check_role_unit(session, role, unit_id)
    user.role, user.unit_id, user.display_name = role, unit_id, display_name.strip()
    session.add(user)
    return user


def reset_password(*, session: Session, actor: Actor, user_id: int, new_password: str) -> User:
    """The admin resets anyone's password; every user may change their own."""
    require(can_manage_users(actor) or actor.id == user_id)
    user = _get(session, user_id)
    _check_password_policy(new_password)
    user.password_hash = hash_password(new_password)
    user.failed_logins, user.locked_until = 0, None
    user.sessions_valid_after = utcnow()
    session.add(user)
    return user


def set_active(*, session: Session, actor: Actor, user_id: int, active: bool) -> User:
    require(can_manage_users(actor))
    user = _get(session, user_id)
    if not active and user.id == actor.id:
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
    """The account is in a throttle delay: the next attempt must wait until locked_until."""
    return user.locked_until is not None and user.locked_until > (now or utcnow())


def retry_after(*, session: Session, username: str, client: str | None, now: datetime | None = None) -> float:
    """Seconds to wait before this client may try this account again (0: go ahead). Checked before the password."""
    now = now or utcnow()
    waits = [0.0]
    user = get_user(session=session, username=username)
    if user is not None and user.locked_until is not None:
        waits.append((user.locked_until - now).total_seconds())
    if client:
        row = session.exec(select(LoginThrottle).where(LoginThrottle.key == _client_key(client))).first()
        if row is not None and row.retry_after is not None:
            waits.append((row.retry_after - now).total_seconds())
    return max(waits)


def _client_key(client: str) -> str:
    return "client:" + client.strip()[:180]


def record_failed_login(*, session: Session, username: str, client: str | None = None,
                        now: datetime | None = None) -> float:
    """Count a wrong password for the account and the client, atomically (an UPDATE that adds one, so two
    processes failing at once both count), and return the seconds to wait before the next attempt."""
    now = now or utcnow()
    waits = [0.0]
    stale = now - ACCOUNT_THROTTLE.window
    counted = session.exec(
        update(User).where(User.username == username.strip().lower())
        .values(failed_logins=case((User.locked_until < stale, 1), else_=User.failed_logins + 1))
        .returning(User.id, User.failed_logins)).first()
    if counted is not None:
        delay = ACCOUNT_THROTTLE.delay(counted[1])
        session.exec(update(User).where(User.id == counted[0]).values(locked_until=now + delay))
        waits.append(delay.total_seconds())
    if client:
        waits.append(_count_client_failure(session, _client_key(client), now).total_seconds())
    session.expire_all()  # the User objects loaded before the UPDATE are stale
    return max(waits)


def _count_client_failure(session: Session, key: str, now: datetime) -> timedelta:
    stale = now - CLIENT_THROTTLE.window
    for _ in range(2):  # the first failure of a client inserts its row; a concurrent insert makes us update
        counted = session.exec(
            update(LoginThrottle).where(LoginThrottle.key == key)
            .values(failures=case((LoginThrottle.last_failure_at < stale, 1), else_=LoginThrottle.failures + 1),
                    last_failure_at=now)
            .returning(LoginThrottle.failures)).first()
        if counted is not None:
            delay = CLIENT_THROTTLE.delay(counted[0])
            session.exec(update(LoginThrottle).where(LoginThrottle.key == key).values(retry_after=now + delay))
            return delay
        try:
            with session.begin_nested():
                session.add(LoginThrottle(key=key, failures=1, last_failure_at=now, retry_after=now))
            return timedelta(0)
        except IntegrityError:
            continue
    return timedelta(0)


def record_login(*, session: Session, username: str) -> None:
    user = get_user(session=session, username=username)
    if user is not None and (user.failed_logins or user.locked_until):
        user.failed_logins, user.locked_until = 0, None
        session.add(user)


def unlock(*, session: Session, username: str) -> User:
    """The operator's break-glass (`python scripts/manage.py unlock USER`): forget the account's failures and
    every client delay."""
    user = get_user(session=session, username=username)
    if user is None:
        raise DomainError("unknown_user")
    user.failed_logins, user.locked_until = 0, None
    session.add(user)
    session.exec(delete(LoginThrottle))
    return user


def end_sessions(*, session: Session, username: str, now: datetime | None = None) -> None:
    """Logout: every cookie issued before now stops working, whether or not the browser deleted it."""
    user = get_user(session=session, username=username)
    if user is not None:
        user.sessions_valid_after = now or utcnow()
        session.add(user)


def session_is_valid(user: User, issued_at: datetime) -> bool:
    return user.active and (user.sessions_valid_after is None or issued_at > user.sessions_valid_after)
