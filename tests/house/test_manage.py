"""The operator's command line: break-glass unlock and creating an administrator without the web."""

from __future__ import annotations

import subprocess
import sys

from sqlmodel import Session
from streamlit_authenticator.utilities.hasher import Hasher

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
        assert user.role == "admin" and Hasher.check_pw("mat-khau-manh", user.password_hash)
    refused = _manage("create-admin", "--username", "quantri3", "--password-stdin", stdin=" co-dau-cach \n")
    assert refused.returncode == 1 and "dấu cách" in refused.stderr


def test_document_writes_the_2022_report_from_the_database(db_url, tmp_path):
    from docx import Document

    out = tmp_path / "bao_cao_2022.docx"
    done = _manage("document", "report", "--year", "2022", "--format", "docx", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "written:" in done.stdout
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "49 cuộc thanh tra, kiểm tra đối với 43 tổ chức, 156 cá nhân" in text and "328.250.000 đ" in text
    pdf = tmp_path / "bao_cao_2022.pdf"
    done = _manage("document", "report", "--year", "2022", "--cluster", "cum2", "--format", "pdf", "--out", str(pdf))
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_document_that_cannot_be_written_says_why_and_writes_nothing(db_url, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "bien_ban.pdf"
    done = _manage("document", "minutes", "--year", "2023", "--format", "pdf", "--out", str(out))
    assert done.returncode == 1 and "chưa có cuộc bỏ phiếu nào được công bố" in done.stderr
    assert not out.exists() and not list(out_dir.iterdir())
    done = _manage("document", "report", "--year", "2022", "--cluster", "khongco", "--format", "pdf", "--out", str(out))
    assert done.returncode == 1 and done.stderr.strip() and not out.exists()
