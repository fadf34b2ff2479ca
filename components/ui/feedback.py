"""UI pieces every screen uses: run a data action with its message, and the message shown after the rerun."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from components.rules.errors import DomainError
from components.ui.language import error_text, t
from db.engine import session_scope

FLASH = "_flash_message"
T = TypeVar("T")
# the database did not answer (locked, connection lost, pool exhausted): the user may simply try again
OUTAGES = (DBAPIError, PoolTimeout)
log = logging.getLogger("thidua")


def _outage(exc: Exception) -> None:
    log.warning("database unavailable: %s", type(exc).__name__)  # the SQL stays out of the page and the log line
    st.error(t("common.db_unavailable"), icon=":material/cloud_off:")


def on_script_error(exc: Exception) -> bool:
    """st.App's on_script_error (server.py): an uncaught exception of a run, a callback or a fragment is shown as a
    short "try again" message, never a traceback; the detail goes to the server log only. A database that does
    not answer gets its own message (and the log line names only the exception's type, never the SQL)."""
    if isinstance(exc, OUTAGES):
        _outage(exc)
    else:
        log.error("uncaught %s in a script run", type(exc).__name__, exc_info=exc)
        st.error(t("common.unexpected_error"), icon=":material/error:")
    return True  # instead of Streamlit's traceback box


def attempt(action: Callable[[Session], T],
            on_error: Callable[[DomainError], bool] | None = None) -> tuple[bool, T | None]:
    """Run a data function in one transaction and return (True, its result). A user error (DomainError, or a
    unique constraint hit by someone saving at the same moment) is shown where the action was placed, nothing is
    stored, and (False, None) comes back. on_error may show a DomainError itself (e.g. next to the fields it
    names): it returns True when it did."""
    try:
        with session_scope() as session:
            return True, action(session)
    except DomainError as exc:
        if on_error is None or not on_error(exc):
            st.error(error_text(exc), icon=":material/error:")
    except IntegrityError:
        st.error(t("common.conflict"), icon=":material/error:")
    except OUTAGES as exc:
        _outage(exc)
    return False, None


def run_action(action: Callable, success: str) -> None:
    """attempt(action); on success the page reruns and shows the success message. What a use case must do after
    its commit it schedules itself (db.engine.after_commit), so there is nothing for the page to finish."""
    ok, _ = attempt(action)
    if not ok:
        return
    st.session_state[FLASH] = success
    st.rerun()


def show_flash() -> None:
    if message := st.session_state.pop(FLASH, None):
        st.success(message, icon=":material/check_circle:")
