"""Helpers for AppTest: open a page as a logged-in user without typing the password each time."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from db.models import utcnow

ROOT = Path(__file__).resolve().parent.parent


def app_test(page: str = "app.py", timeout: float = 30) -> AppTest:
    """AppTest of the router (default) or of one page file run directly, as a fresh server does."""
    return AppTest.from_file(str(ROOT / page), default_timeout=timeout)


def as_user(at: AppTest, username: str) -> AppTest:
    """Mark the session logged in as username (the page still checks the account against the database)."""
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = username
    at.session_state["_login_at"] = utcnow()
    return at


def texts(at: AppTest) -> str:
    """All visible text of the run: markdown, titles, alerts, captions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def reported_before(session, *, unit_id: int, year: int, code: str, **parts) -> None:
    """A test's own setup: the unit reported `parts` for `code` in `year` (a closed year, written as the closed
    year's figures are, straight into the table). Used where a rule compares with last year's figure: the sample's
    open year 2026 follows 2025, for which no public source gives a figure."""
    from sqlmodel import select

    from db.models import Indicator, IndicatorValue

    indicator = session.exec(select(Indicator).where(Indicator.code == code)).one()
    session.add(IndicatorValue(unit_id=unit_id, year=year, indicator_id=indicator.id, source="test setup", **parts))
    session.commit()
