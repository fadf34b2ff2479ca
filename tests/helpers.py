"""Helpers for AppTest: open a page as a logged-in user without typing the password each time."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.rules.access import Acting
from db import scope
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


# the administrator as an actor of the data layer: reads and runs every cluster (db/scope.py)
ADMIN = Acting(id=None, role="admin")


def home_cluster(session) -> int:
    """The id of the sample data's cluster (Cụm thi đua số 2), the one the tests' years belong to."""
    return scope.default_cluster(session=session).id


class _SampleChair:
    """The sample data's chair account (it runs Cụm thi đua số 2) as an actor of the data layer: its id is read
    from the database the test is using, so that the scope (db/scope.py) finds its recorded cluster."""

    role = "chair"
    unit_id = None

    @property
    def id(self) -> int:
        from sqlmodel import Session

        from db.engine import get_engine
        from db.users import get_user

        with Session(get_engine()) as session:
            return get_user(session=session, username="chair").id


SAMPLE_CHAIR = _SampleChair()
