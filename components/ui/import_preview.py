"""The Excel import's preview: row errors and the changes before they are applied.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.documents.results_workbook import row_error_text
from components.rules.errors import DomainError
from components.rules.figures import figure_text
from components.ui import frames
from components.ui.language import current_lang, t, tm

PARSED = "_parsed_upload"  # (digest, parsed or the DomainError it raised): this session's last upload


def parsed_once(data: bytes, parse: Callable[[bytes], object]) -> object:
    """parse(data), once per content: the preview and the confirmation (and every rerun between them) reuse the
    result by the file's SHA-256, so a large workbook is read once, not on each click. A refusal is kept too."""
    digest = hashlib.sha256(data).hexdigest()
    kept = st.session_state.get(PARSED)
    if kept is None or kept[0] != digest:
        try:
            kept = (digest, parse(data))
        except DomainError as exc:
            kept = (digest, exc)
        st.session_state[PARSED] = kept
    if isinstance(kept[1], DomainError):
        raise kept[1]
    return kept[1]


def import_plan_tables(plan, names: dict[str, str]) -> None:
    """The dry run: errors row by row, then the changes the import would make."""
    lang = current_lang()
    if plan.errors:
        st.subheader(t("entry.excel.errors", n=len(plan.errors)))
        frames.dataframe(pd.DataFrame([{
            t("entry.excel.col.row"): str(e.row or ""), t("entry.excel.col.code"): e.code or "",
            t("entry.excel.col.name"): names.get(e.code or "", ""), t("entry.excel.col.error"): row_error_text(e, lang)}
            for e in plan.errors]), hide_index=True, width="stretch")
    if not plan.changes:
        if not plan.errors:
            st.info(t("entry.excel.no_changes"), icon=":material/info:")
        return
    st.subheader(t("entry.excel.changes", n=len(plan.changes)))
    empty = t("entry.history_empty")
    frames.dataframe(pd.DataFrame([{
        t("entry.excel.col.row"): str(c.row), t("entry.excel.col.code"): c.code,
        t("entry.excel.col.name"): names.get(c.code, ""),
        t("entry.excel.col.old"): figure_text(c.kind, c.old, lang, empty),
        t("entry.excel.col.new"): figure_text(c.kind, c.new, lang, t("entry.excel.clear"))} for c in plan.changes]),
        hide_index=True, width="stretch")


def unusual_confirmation(plan, names: dict[str, str], key: str) -> bool:
    """Figures far from last year's or from any plausible size are applied only when ticked here."""
    if not plan.unusual:
        return False
    st.warning(tm("entry.excel.unusual", names="; ".join(names.get(c.code, c.code) for c in plan.unusual)),
               icon=":material/priority_high:")
    return st.checkbox(t("entry.excel.unusual_confirm"), key=key)
