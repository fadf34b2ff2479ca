"""The register of emulation movements on screen: the chair registers one, attaches its launching documents and
launches it ("phát động"), and sees which members have opened it; a member sees the launched ones and their
documents (opening one is recorded)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_date, fmt_datetime
from components.rules.emulation_movements import NAME_MAX
from components.rules.enums import MOVEMENT_KINDS, MOVEMENT_LEVELS
from components.rules.plain_text import plain
from components.ui import uploads
from components.ui.feedback import attempt, run_action
from components.ui.language import t
from db import movements


def register_form(user, cluster_id: int) -> None:
    with st.form("movement_add", clear_on_submit=True):
        st.markdown(f"**{t('movement.add')}**")
        name = st.text_input(t("movement.col.name"), max_chars=NAME_MAX, key="movement_name")
        c1, c2 = st.columns(2)
        level = c1.selectbox(t("movement.col.level"), MOVEMENT_LEVELS, format_func=lambda v: t(f"movement.level.{v}"),
                             key="movement_level", placeholder=t("common.choose"))
        kind = c2.selectbox(t("movement.col.kind"), MOVEMENT_KINDS, format_func=lambda v: t(f"movement.kind.{v}"),
                            key="movement_kind", placeholder=t("common.choose"))
        c1, c2 = st.columns(2)
        starts_on = c1.date_input(t("movement.col.from"), value=None, format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                                  key="movement_from")
        ends_on = c2.date_input(t("movement.col.to"), value=None, format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                                key="movement_to")
        if st.form_submit_button(t("movement.save"), icon=":material/campaign:", type="primary"):
            run_action(lambda s: movements.register(session=s, actor=user, cluster_id=cluster_id, name=name,
                                                    level=level, kind=kind, starts_on=starts_on, ends_on=ends_on),
                       t("movement.saved"))


def entry_panel(user, entry, member_names: dict[int, str], chair: bool) -> None:
    m = entry.movement
    with st.expander(f"{plain(m.name)} — {t(f'movement.level.{m.level}')}", icon=":material/campaign:",
                     expanded=not chair):
        st.caption(t("movement.summary", kind=t(f"movement.kind.{m.kind}"), start=fmt_date(m.starts_on),
                     end=fmt_date(m.ends_on) or "…"))
        for doc in entry.documents:
            st.download_button(plain(doc.file_name), doc.content, doc.file_name, key=f"movement_doc_{doc.id}",
                               icon=":material/attach_file:")
        if not chair:
            return
        if m.launched_at is None:
            uploaded = uploads.file_uploader(t("movement.attach"), types=["pdf", "docx", "doc", "xlsx"],
                                              key=f"movement_file_{m.id}", own_max_bytes=10 * 1024 * 1024)
            if uploaded is not None and st.button(t("movement.attach_save"), key=f"movement_attach_{m.id}"):
                data = uploaded.getvalue()
                run_action(lambda s: movements.attach(session=s, actor=user, movement_id=m.id,
                                                      file_name=uploaded.name, data=data), t("movement.attached"))
            if st.button(t("movement.launch"), key=f"movement_launch_{m.id}", type="primary",
                         icon=":material/campaign:"):
                run_action(lambda s: movements.launch(session=s, actor=user, movement_id=m.id), t("movement.launched"))
            return
        st.caption(t("movement.launched_at", at=fmt_datetime(m.launched_at)))
        st.dataframe(pd.DataFrame([{t("movement.col.member"): name,
                                    t("movement.col.opened"): fmt_datetime(entry.opened_by[u])
                                    if u in entry.opened_by else t("movement.not_opened")}
                                   for u, name in member_names.items()]), hide_index=True, width="stretch")


def record_opened(user, entries) -> None:
    """A member's screen shows the launched movements: each counts as opened by the member."""
    for entry in entries:
        if entry.movement.launched_at is not None and user.unit_id not in entry.opened_by:
            attempt(lambda s, m=entry.movement.id: movements.mark_opened(session=s, actor=user, movement_id=m))
