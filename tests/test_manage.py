"""The operator's command line: break-glass unlock and creating an administrator without the web."""

from __future__ import annotations

import subprocess
import sys

from sqlmodel import Session

from db import users as user_db
from db.engine import get_engine
from db.models import utcnow
from tests.conftest import ROOT


def _manage(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "manage.py"), *args], input=stdin,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_unlock_forgets_the_failures_of_an_account(db_url):
    with Session(get_engine()) as s:
        for _ in range(8):
            user_db.record_failed_login(session=s, username="chair", client="203.0.113.5")
        s.commit()
        assert user_db.retry_after(session=s, username="chair", client="203.0.113.5") > 0
    done = _manage("unlock", "chair")
    assert done.returncode == 0, done.stderr
    assert "unlocked: chair" in done.stdout
    with Session(get_engine()) as s:
        assert user_db.retry_after(session=s, username="chair", client="203.0.113.5", now=utcnow()) == 0
        assert user_db.get_user(session=s, username="chair").failed_logins == 0


def test_unlock_of_an_unknown_user_says_so(db_url):
    done = _manage("unlock", "khongco")
    assert done.returncode == 1 and done.stderr.strip()


def test_create_admin_from_the_command_line(db_url):
    done = _manage("create-admin", "--username", "quantri2", "--password-stdin", stdin="mat-khau-manh\n")
    assert done.returncode == 0, done.stderr
    with Session(get_engine()) as s:
        user = user_db.get_user(session=s, username="quantri2")
        assert user.role == "admin" and user_db.check_password("mat-khau-manh", user.password_hash)
    refused = _manage("create-admin", "--username", "quantri3", "--password-stdin", stdin=" co-dau-cach \n")
    assert refused.returncode == 1 and "dấu cách" in refused.stderr
