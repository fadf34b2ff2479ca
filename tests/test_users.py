"""Accounts: creation rules, lock-out, password reset, deactivation and the end of sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from components.rules.errors import DomainError
from db import users as user_db
from db.models import utcnow


def test_create_user_hashes_the_password_with_bcrypt(session):
    user = user_db.create_user(session=session, username="Thu.Ky", display_name="Thư ký", password="mat-khau-1",
                               role="chair")
    assert user.username == "thu.ky"
    assert user.password_hash.startswith("$2") and "mat-khau-1" not in user.password_hash
    assert user_db.check_password("mat-khau-1", user.password_hash)
    assert not user_db.check_password("mat-khau-2", user.password_hash)


@pytest.mark.parametrize("kwargs, code", [
    (dict(username="ab"), "bad_username"),
    (dict(username="sơn la"), "bad_username"),
    (dict(password="short"), "password_too_short"),
    (dict(role="province", unit_id=None), "province_needs_unit"),
    (dict(role="root"), "unknown_role"),
    (dict(unit_id=999, role="province"), "unknown_unit"),
    (dict(username="sonla"), "username_taken"),
    (dict(display_name="  "), "display_name_required"),
])
def test_create_user_refuses_bad_input(session, kwargs, code):
    args = dict(username="newuser", display_name="Người dùng", password="mat-khau-1", role="viewer", unit_id=None)
    args.update(kwargs)
    with pytest.raises(DomainError) as err:
        user_db.create_user(session=session, **args)
    assert err.value.code == code


def test_first_admin_only_while_no_user_exists(session):
    with pytest.raises(DomainError) as err:
        user_db.create_first_admin(session=session, username="boss", display_name="Boss", password="mat-khau-1")
    assert err.value.code == "setup_done"


def test_account_locks_after_repeated_failures_and_unlocks_later(session):
    now = utcnow()
    for _ in range(user_db.MAX_FAILED_LOGINS - 1):
        user = user_db.record_failed_login(session=session, username="sonla", now=now)
    assert not user_db.is_locked(user, now)
    user = user_db.record_failed_login(session=session, username="sonla", now=now)
    assert user_db.is_locked(user, now)
    assert not user_db.is_locked(user, now + user_db.LOCKOUT + timedelta(seconds=1))
    user_db.record_login(session=session, username="sonla")
    assert user.failed_logins == 0 and user.locked_until is None


def test_failed_login_for_unknown_user_writes_nothing(session):
    assert user_db.record_failed_login(session=session, username="nobody") is None


def test_logout_ends_sessions_issued_before_it(session):
    user = user_db.get_user(session=session, username="chair")
    issued = utcnow()
    assert user_db.session_is_valid(user, issued)
    user_db.end_sessions(session=session, username="chair", now=issued + timedelta(seconds=1))
    assert not user_db.session_is_valid(user, issued)
    assert user_db.session_is_valid(user, issued + timedelta(seconds=2))


def test_reset_password_and_deactivate_end_sessions(session):
    user = user_db.get_user(session=session, username="laichau")
    issued = utcnow() - timedelta(seconds=1)
    user_db.reset_password(session=session, user_id=user.id, new_password="mat-khau-moi")
    assert not user_db.session_is_valid(user, issued)
    assert user_db.check_password("mat-khau-moi", user.password_hash)
    user_db.set_active(session=session, user_id=user.id, active=False)
    assert not user_db.session_is_valid(user, utcnow() + timedelta(seconds=1))


def test_admin_cannot_deactivate_itself(session):
    admin = user_db.get_user(session=session, username="admin")
    with pytest.raises(DomainError) as err:
        user_db.set_active(session=session, user_id=admin.id, active=False, acting_user_id=admin.id)
    assert err.value.code == "cannot_deactivate_self"
