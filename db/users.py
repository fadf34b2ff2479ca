"""User accounts: creation, password checks, login throttling, first-run setup, deactivation, sessions.

Writes take the actor (anything with id, role and unit_id) and check components/rules/access.py; the first admin
(setup token) and seeded accounts are actor-less by design (see create_first_admin and seed_user)."""

from __future__ import annotations

import hashlib
import math
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
from db.models import AuthSession, LoginThrottle, SetupToken, Unit, User, utcnow

MIN_PASSWORD_LENGTH = 8
DISPLAY_NAME_MAX = 200  # User.display_name's column: checked here on both databases, with a message
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


# one account, from anywhere: short, so that an outsider who knows a username cannot keep its owner out
ACCOUNT_THROTTLE = Throttle(free=3, cap=timedelta(seconds=30), window=timedelta(minutes=15))
# one account from one client (its address): long, so that one device cannot keep guessing one account; the other
# accounts of the same address (the phones of a hall behind one NAT) are not concerned
PAIR_THROTTLE = Throttle(free=10, cap=timedelta(minutes=10), window=timedelta(hours=1))
# one client, every account (spraying): a ceiling that one mistyping phone cannot reach alone (the pair throttle
# keeps one device under about 25 failures an hour), with short delays
CLIENT_THROTTLE = Throttle(free=100, cap=timedelta(seconds=60), window=timedelta(hours=1))
SESSION_DAYS = 7
SETUP_TOKEN_HOURS = 24


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
    if len(display_name.strip()) > DISPLAY_NAME_MAX:
        raise DomainError("text_too_long", most=DISPLAY_NAME_MAX)
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
    exists. Each server process issues its own; any of them works, once, for SETUP_TOKEN_HOURS, and all go when
    the admin exists. Expired tokens are deleted here."""
    now = utcnow()
    session.exec(delete(SetupToken).where(SetupToken.created_at < now - timedelta(hours=SETUP_TOKEN_HOURS)))
    token = secrets.token_urlsafe(18)
    session.add(SetupToken(token_hash=_hash_token(token), created_at=now))
    session.flush()
    return token


def create_first_admin(*, session: Session, setup_token: str, username: str, display_name: str,
                       password: str) -> User:
    """The setup screen's action, actor-less by design (nobody can be logged in yet): allowed only with a setup
    token from the server log and while no user exists. Atomic: two simultaneous submits create one admin."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(text("SELECT pg_advisory_xact_lock(720003)"))
    # on SQLite this write takes the database's write lock first, so the count below cannot be stale
    used = session.exec(delete(SetupToken).where(SetupToken.token_hash == _hash_token(setup_token or ""))
                        .returning(SetupToken.created_at)).all()
    if count_users(session=session) > 0:
        raise DomainError("setup_done")
    if len(used) != 1:
        raise DomainError("setup_token_invalid")
    if used[0][0] < utcnow() - timedelta(hours=SETUP_TOKEN_HOURS):
        raise DomainError("setup_token_expired", hours=SETUP_TOKEN_HOURS)
    user = _insert_user(session, username=username, display_name=display_name, password=password, role="admin",
                        unit_id=None)
    session.exec(delete(SetupToken))
    return user


def _check_not_last_admin(session: Session, user: User) -> None:
    """The deployment keeps at least one active administrator: the last one cannot be demoted or deactivated."""
    if user.role != "admin" or not user.active:
        return
    others = session.exec(select(func.count()).select_from(User)
                          .where(User.role == "admin", User.active, User.id != user.id)).one()
    if others == 0:
        raise DomainError("last_admin")


def update_user(*, session: Session, actor: Actor, user_id: int, role: str, unit_id: int | None,
                display_name: str) -> User:
    require(can_manage_users(actor))
    user = _get(session, user_id)
    if not display_name.strip():
        raise DomainError("display_name_required")
    if len(display_name.strip()) > DISPLAY_NAME_MAX:
        raise DomainError("text_too_long", most=DISPLAY_NAME_MAX)
    _check_role_unit(session, role, unit_id)
    if role != "admin":
        _check_not_last_admin(session, user)
    user.role, user.unit_id, user.display_name = role, unit_id, display_name.strip()
    session.add(user)
    return user


def reset_password(*, session: Session, actor: Actor, user_id: int, new_password: str,
                   keep_token_hash: str | None = None) -> User:
    """The admin resets anyone's password; every user may change their own. Every login of the account ends,
    except the device's own (keep_token_hash) when a user changes their own password."""
    require(can_manage_users(actor) or actor.id == user_id)
    user = _get(session, user_id)
    _check_password_policy(new_password)
    user.password_hash = hash_password(new_password)
    user.failed_logins, user.locked_until = 0, None
    user.sessions_valid_after = utcnow()
    session.add(user)
    _end_sessions_of(session, user.id, keep=keep_token_hash if actor.id == user_id else None)
    return user


def _end_sessions_of(session: Session, user_id: int, keep: str | None = None) -> None:
    ended = delete(AuthSession).where(AuthSession.user_id == user_id)
    session.exec(ended.where(AuthSession.token_hash != keep) if keep else ended)


def set_active(*, session: Session, actor: Actor, user_id: int, active: bool) -> User:
    require(can_manage_users(actor))
    user = _get(session, user_id)
    if not active and user.id == actor.id:
        raise DomainError("cannot_deactivate_self")
    if not active:
        _check_not_last_admin(session, user)
    user.active = active
    if not active:
        user.sessions_valid_after = utcnow()
        _end_sessions_of(session, user.id)
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


def _client_key(client: str) -> str:
    return "client:" + client.strip()[:120]


def _pair_key(client: str, username: str) -> str:
    return "pair:" + client.strip()[:120] + "|" + username.strip().lower()[:64]


def _throttle_keys(username: str, client: str | None) -> list[tuple[str, Throttle]]:
    return [(_pair_key(client, username), PAIR_THROTTLE), (_client_key(client), CLIENT_THROTTLE)] if client else []


def retry_after(*, session: Session, username: str, client: str | None, now: datetime | None = None) -> float:
    """Seconds to wait before this client may try this account again (0: go ahead)."""
    now = now or utcnow()
    waits = [0.0]
    user = get_user(session=session, username=username)
    if user is not None and user.locked_until is not None:
        waits.append((user.locked_until - now).total_seconds())
    for key, _ in _throttle_keys(username, client):
        row = session.get(LoginThrottle, key)
        if row is not None and row.retry_after is not None:
            waits.append((row.retry_after - now).total_seconds())
    return max(waits)


def _reserve_account(session: Session, username: str, now: datetime) -> float:
    """Count one attempt on the account unless it is in a delay (then: the seconds left, nothing counted). The
    delay that follows if this attempt fails is set at once, in the same transaction: a parallel attempt waits
    for this one's row lock (PostgreSQL) or write lock (SQLite) and then sees it."""
    stale = now - ACCOUNT_THROTTLE.window
    counted = session.exec(
        update(User).where(User.username == username,
                           # free failures never refuse (their time only dates the window): a parallel attempt
                           # whose clock read came a moment earlier is not refused by them
                           (User.failed_logins <= ACCOUNT_THROTTLE.free) | User.locked_until.is_(None)
                           | (User.locked_until <= now))
        .values(failed_logins=case((User.locked_until < stale, 1), else_=User.failed_logins + 1))
        .returning(User.id, User.failed_logins)).first()
    if counted is not None:
        session.exec(update(User).where(User.id == counted[0])
                     .values(locked_until=now + ACCOUNT_THROTTLE.delay(counted[1])))
        return 0.0
    locked = session.exec(select(User.locked_until).where(User.username == username)).first()
    return max(0.001, (locked - now).total_seconds()) if locked is not None else 0.0  # no such account: nothing


def _reserve_key(session: Session, key: str, throttle: Throttle, now: datetime) -> float:
    stale = now - throttle.window
    row = LoginThrottle
    for _ in range(2):  # the first attempt of a key inserts its row; a concurrent insert makes us update
        counted = session.exec(
            update(row).where(row.key == key, (row.failures <= throttle.free) | row.retry_after.is_(None)
                              | (row.retry_after <= now))
            .values(failures=case((row.last_failure_at < stale, 1), else_=row.failures + 1), last_failure_at=now)
            .returning(row.failures)).first()
        if counted is not None:
            session.exec(update(row).where(row.key == key).values(retry_after=now + throttle.delay(counted[0])))
            return 0.0
        found = session.exec(select(row.retry_after).where(row.key == key)).first()
        if found is not None:
            return max(0.001, (found - now).total_seconds())
        try:
            with session.begin_nested():
                session.add(LoginThrottle(key=key, failures=1, last_failure_at=now,
                                          retry_after=now + throttle.delay(1)))
            return 0.0
        except IntegrityError:
            continue
    return 0.0


def reserve_attempt(*, session: Session, username: str, client: str | None, now: datetime | None = None) -> None:
    """Before a password is checked: count the attempt as a failure on the account, on (client, account) and on
    the client, atomically, and set the delay that a failure would bring. If any of them is in its delay, nothing
    is counted (the transaction rolls back) and DomainError("throttled", seconds=...) says how long to wait.
    After a right password, login_succeeded() takes the attempt back."""
    now = now or utcnow()
    username = username.strip().lower()
    waits = [_reserve_account(session, username, now)]
    waits += [_reserve_key(session, key, throttle, now) for key, throttle in _throttle_keys(username, client)]
    session.expire_all()  # the User objects loaded before the UPDATE are stale
    if max(waits) > 0:
        raise DomainError("throttled", seconds=max(1, math.ceil(max(waits))))


def login_succeeded(*, session: Session, username: str, client: str | None) -> None:
    """The password was right: the account's and this pair's counts go; the client keeps its other failures."""
    username = username.strip().lower()
    session.exec(update(User).where(User.username == username).values(failed_logins=0, locked_until=None))
    if client:
        session.exec(delete(LoginThrottle).where(LoginThrottle.key == _pair_key(client, username)))
        key = _client_key(client)
        left = session.exec(update(LoginThrottle).where(LoginThrottle.key == key, LoginThrottle.failures > 0)
                            .values(failures=LoginThrottle.failures - 1).returning(LoginThrottle.failures)).first()
        if left is not None and left[0] <= CLIENT_THROTTLE.free:
            session.exec(update(LoginThrottle).where(LoginThrottle.key == key).values(retry_after=None))
    session.expire_all()


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bool(password) and bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))
    except ValueError:  # not a bcrypt hash
        return False


def attempt_login(*, session: Session, username: str, password: str, client: str | None,
                  now: datetime | None = None) -> User:
    """The password check of a login, after reserve_attempt committed in its own transaction (so that the
    attempt stays counted when this one raises): wrong password or unknown account, DomainError("bad_credentials");
    a deactivated account, DomainError("deactivated") (said only once the password was right). A right password
    takes the reserved attempt back (login_succeeded)."""
    user = get_user(session=session, username=username)
    if user is None or not check_password(password, user.password_hash):
        raise DomainError("bad_credentials")
    if not user.active:
        raise DomainError("deactivated")
    login_succeeded(session=session, username=username, client=client)
    return user


def record_failed_login(*, session: Session, username: str, client: str | None = None,
                        now: datetime | None = None) -> float:
    """One wrong password counted on every throttle, as reserve_attempt counts it (tests and the CLI); returns
    the seconds to wait before the next attempt."""
    now = now or utcnow()
    try:
        with session.begin_nested():
            reserve_attempt(session=session, username=username, client=client, now=now)
    except DomainError:
        pass
    return max(0.0, retry_after(session=session, username=username, client=client, now=now))


def record_login(*, session: Session, username: str) -> None:
    login_succeeded(session=session, username=username, client=None)


def login_delays(*, session: Session, now: datetime | None = None) -> list[tuple[str, str, int, datetime]]:
    """What is throttled now, for the administrator: (kind, who, failures, until) with kind account, pair
    (who = "client | account") or client."""
    now = now or utcnow()
    found = [("account", u.username, u.failed_logins, u.locked_until)
             for u in session.exec(select(User).where(User.locked_until > now)).all()]
    for row in session.exec(select(LoginThrottle).where(LoginThrottle.retry_after > now)).all():
        kind, _, who = row.key.partition(":")
        found.append((kind, who.replace("|", " | "), row.failures, row.retry_after))
    return sorted(found, key=lambda r: r[3], reverse=True)


def unlock(*, session: Session, username: str | None = None) -> User | None:
    """The break-glass (`python scripts/manage.py unlock [USER]`, the admin's users page): forget the account's
    failures, those of every client on it, and every client's ceiling. Without a username: every delay."""
    if username is None:
        session.exec(update(User).values(failed_logins=0, locked_until=None))
        session.exec(delete(LoginThrottle))
        return None
    user = get_user(session=session, username=username)
    if user is None:
        raise DomainError("unknown_user")
    user.failed_logins, user.locked_until = 0, None
    session.add(user)
    session.exec(delete(LoginThrottle).where(LoginThrottle.key.like("pair:%|" + user.username)))
    session.exec(delete(LoginThrottle).where(LoginThrottle.key.like("client:%")))
    return user


def clear_login_delays(*, session: Session, actor: Actor) -> None:
    """The administrator's break-glass on the users page: every login delay goes (no shell needed)."""
    require(can_manage_users(actor))
    unlock(session=session)


def prune_throttles(*, session: Session, now: datetime | None = None) -> None:
    """Rows of keys whose window has passed count nothing any more."""
    stale = (now or utcnow()) - max(PAIR_THROTTLE.window, CLIENT_THROTTLE.window)
    session.exec(delete(LoginThrottle).where(LoginThrottle.last_failure_at < stale))


def end_sessions(*, session: Session, username: str, now: datetime | None = None) -> None:
    """Log out everywhere: every login of the account on every device ends (its session rows go, and a running
    page session logged in before now is refused on its next run)."""
    user = get_user(session=session, username=username)
    if user is not None:
        user.sessions_valid_after = now or utcnow()
        session.add(user)
        _end_sessions_of(session, user.id)


def start_session(*, session: Session, user_id: int, token_hash: str, now: datetime | None = None) -> None:
    """A login on one device (the cookie carries the token, this row its keyed hash); expired rows go."""
    now = now or utcnow()
    session.exec(delete(AuthSession).where(AuthSession.created_at < now - timedelta(days=SESSION_DAYS)))
    session.add(AuthSession(token_hash=token_hash, user_id=user_id, created_at=now))
    session.flush()


def session_user(*, session: Session, token_hash: str, now: datetime | None = None) -> tuple[User, datetime] | None:
    """The account of a device's login and when it began, if it still holds: its row is there (logout, log out
    everywhere, a password reset and deactivation delete rows), not older than SESSION_DAYS, the account active."""
    now = now or utcnow()
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == token_hash)).first()
    if row is None or row.created_at <= now - timedelta(days=SESSION_DAYS):
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return user, row.created_at


def end_session(*, session: Session, token_hash: str) -> None:
    """Log out this device: its session row goes (other devices stay logged in)."""
    session.exec(delete(AuthSession).where(AuthSession.token_hash == token_hash))


def session_is_valid(user: User, issued_at: datetime) -> bool:
    return user.active and (user.sessions_valid_after is None or issued_at > user.sessions_valid_after)
