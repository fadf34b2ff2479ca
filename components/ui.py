"""UI pieces every screen uses: run a data action with its message, and the message shown after the rerun."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import IntegrityError

from components.i18n import error_text, t
from db.engine import session_scope
from db.errors import DomainError

FLASH = "_flash_message"


def run_action(action: Callable, success: str, on_success: Callable[[], None] | None = None) -> None:
    """Run a data function in one transaction. A user error (DomainError, or a unique constraint hit by someone
    saving at the same moment) is shown where the action was placed and nothing is stored; on success the page
    reruns and shows the success message."""
    try:
        with session_scope() as session:
            action(session)
    except DomainError as exc:
        st.error(error_text(exc), icon=":material/error:")
        return
    except IntegrityError:
        st.error(t("common.conflict"), icon=":material/error:")
        return
    st.session_state[FLASH] = success
    if on_success is not None:
        on_success()
    st.rerun()


def show_flash() -> None:
    if message := st.session_state.pop(FLASH, None):
        st.success(message, icon=":material/check_circle:")
