"""Helpers for AppTest: open a page as a logged-in user without typing the password each time."""

from __future__ import annotations

import html
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from components.rules.access import Acting
from components.ui.feedback import OUTAGES, on_script_error
from db import scope
from db.models import utcnow

ROOT = Path(__file__).resolve().parent.parent


def apptest_error_hook(exc: Exception) -> bool | None:
    """server.py's on_script_error as AppTest sees it: AppTest runs app.py without the st.App, so the hook is
    installed on its script runner here. A database outage gets the app's message as in production; any other
    exception still reaches at.exception, so that a test sees a crash instead of the polite message (a test of
    the message itself monkeypatches SCRIPT_ERROR_HOOK to on_script_error)."""
    return on_script_error(exc) if isinstance(exc, OUTAGES) else None


SCRIPT_ERROR_HOOK = {"hook": apptest_error_hook}
_runner_init = LocalScriptRunner.__init__


def _init_with_hook(self, *args, **kwargs):
    _runner_init(self, *args, **kwargs)
    self._on_script_error = lambda exc: SCRIPT_ERROR_HOOK["hook"](exc)


LocalScriptRunner.__init__ = _init_with_hook


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


def shown(value: object) -> str:
    """A markdown text as the browser shows it: the character references of plain() decoded, the invisible word
    joiners dropped."""
    return html.unescape(str(value)).replace("\u2060", "")


def shown_table(frame):
    """An st.table frame (cells and index through plain_table) as the browser shows it."""
    frame = frame.map(lambda v: shown(v) if isinstance(v, str) else v)
    frame.index = frame.index.map(lambda v: shown(v) if isinstance(v, str) else v)
    return frame


def texts(at: AppTest) -> str:
    """All visible text of the run: markdown, titles, alerts, captions. User texts reach markdown written as
    character references (components/rules/plain_text.py), which the browser shows as the characters: decoded
    here the same way."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += live_count_texts(at) + receipt_texts(at)
    return html.unescape("\n".join(parts)).replace("\u2060", "")


def live_counts(at: AppTest) -> list[dict]:
    """The data of every live count element (components/ui/live_count.py) of the run: what its script draws
    before the first pushed message."""
    return [json.loads(e.proto.json) for e in at.get("bidi_component")
            if e.proto.component_name == "thidua_live_count"]


def live_count_texts(at: AppTest) -> list[str]:
    """The text a live count element draws from its data (its JS, in the same order): k / n, then each card's
    name and mark."""
    out = []
    for data in live_counts(at):
        s, names, labels = data["status"], dict(data["names"]), data["labels"]
        out.append(f"{s['cast']} / {len(s['present'])} {labels['of_present']}")
        for unit in s["eligible"]:
            kind = "voted" if unit in s["voted"] else "waiting" if unit in s["present"] else "absent"
            out.append(f"{names.get(unit, '?')} {labels[kind]}")
    return out


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


def reported_before(session, *, unit_id: int, year: int, code: str, **parts) -> None:
    """A test's own setup: the unit reported `parts` for `code` in `year` (a closed year, written as the closed
    year's figures are, straight into the table). Used where a rule compares with last year's figure: the sample's
    open year 2026 follows 2025, for which no public source gives a figure."""
    from sqlmodel import select

    from db.models import Indicator, IndicatorValue

    indicator = session.exec(select(Indicator).where(Indicator.code == code)).one()
    session.add(IndicatorValue(unit_id=unit_id, year=year, indicator_id=indicator.id, source="test setup", **parts))
    session.commit()


def receipt_texts(at: AppTest) -> list[str]:
    """What a receipt element (components/ui/receipt_keeper.py) draws from its data when handed a fresh code (a
    browser that kept one from before shows that one instead: the browser tests check it)."""
    out = []
    for e in at.get("bidi_component"):
        if e.proto.component_name == "thidua_receipt":
            data = json.loads(e.proto.json)
            if data["code"]:
                out += [data["labels"]["title"], data["code"], data["labels"]["help"]]
    return out


# --- the confirmed form of the steps that need an acknowledgement (components/rules/confirmations.py) --------
# Tests that are not about the confirmation call these; the tests of the confirmation itself call db directly.


def lock_scores_confirmed(*, session, actor, cluster_id: int, year: int):
    from db import score_sheets

    unsent = score_sheets.unsent_units(session=session, cluster_id=cluster_id, year=year)
    return score_sheets.lock_scores(session=session, actor=actor, cluster_id=cluster_id, year=year,
                                    acknowledged_unsent=len(unsent))


def submit_confirmed(*, session, actor, unit_id: int, year: int, **kw):
    from db import entry

    missing = entry.missing_figures(session=session, unit_id=unit_id, year=year)
    return entry.submit_results(session=session, actor=actor, unit_id=unit_id, year=year,
                                acknowledged_missing=len(missing), **kw)


def lock_year_confirmed(*, session, actor, cluster_id: int, year: int, **kw):
    from db import entry

    unsubmitted = entry.unsubmitted_units(session=session, cluster_id=cluster_id, year=year)
    return entry.lock_year(session=session, actor=actor, cluster_id=cluster_id, year=year,
                           acknowledged_unsubmitted=len(unsubmitted), **kw)


def close_confirmed(*, session, poll_id: int, actor, reason: str | None = None):
    from db import polls

    concerns = polls.poll_concerns(session=session, actor=actor, poll_id=poll_id)
    return polls.close_poll(session=session, poll_id=poll_id, actor=actor, reason=reason,
                            acknowledged_missing=concerns.missing_ballots,
                            acknowledged_no_eligible=concerns.no_eligible_unit)


def publish_confirmed(*, session, poll_id: int, actor):
    from db import polls

    concerns = polls.poll_concerns(session=session, actor=actor, poll_id=poll_id)
    return polls.publish_poll(session=session, poll_id=poll_id, actor=actor,
                              acknowledged_missing=concerns.missing_ballots,
                              acknowledged_no_eligible=concerns.no_eligible_unit)


def tiny_pdf(text: str = "Bao cao") -> bytes:
    """A real one-page PDF (fpdf2), as a scanner or a "print to PDF" makes: evidence files are read by content."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())
