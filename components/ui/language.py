"""The session's language in the UI: t(key) and the language switch, numbers in the user's language.
"""

from __future__ import annotations

import streamlit as st

from components.i18n import formatting
from components.i18n.catalogue import LANGS, translate
from components.rules.plain_text import plain


def current_lang() -> str:
    lang = st.session_state.get("lang", "vi")
    return lang if lang in LANGS else "vi"


def t(key: str, **params: object) -> str:
    return translate(key, current_lang(), **params)


def tm(key: str, **params: object) -> str:
    """t() for markdown (st.markdown, st.caption, st.info/warning/error/success, labels): every text parameter is
    shown literally (components/rules/plain_text.py), the catalogue's own formatting stays. Use it whenever a
    parameter may hold text a user gave (names, titles, reasons, notes, answers)."""
    return translate(key, current_lang(), **{k: plain(v) if isinstance(v, str) else v for k, v in params.items()})


def plain_table(frame):
    """A DataFrame for st.table, which renders its cells (and index) as markdown: every text cell shown
    literally."""
    frame = frame.map(lambda v: plain(v) if isinstance(v, str) else v)
    frame.index = frame.index.map(lambda v: plain(v) if isinstance(v, str) else v)  # keeps the index's name
    return frame


def language_switch() -> None:
    """A compact language selector for the sidebar."""
    st.sidebar.radio("🌐", options=list(LANGS), format_func=LANGS.get, key="lang", horizontal=True,
                     label_visibility="collapsed")


def num(x, decimals: int = 0, missing: str | None = None) -> str:
    return formatting.fmt_number(x, decimals, current_lang(), t("common.not_reported") if missing is None else missing)


def pct(x, decimals: int = 1, missing: str | None = None) -> str:
    return formatting.fmt_percent(x, decimals, current_lang(), t("common.not_reported") if missing is None else missing)


def money(x, missing: str | None = None) -> str:
    return formatting.fmt_money(x, current_lang(), t("common.not_reported") if missing is None else missing)


def error_text(exc) -> str:
    """The sentence for a db.errors.DomainError, for markdown (st.error and its kin): its text parameters may hold
    what a user typed (a title, a name, a file name, a reason), so they are shown literally, as tm() does."""
    return tm(f"err.{exc.code}", **exc.params)
