"""The awards screen: the table of a unit's awards, the form to add one and deletion.
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_date
from components.rules.enums import AWARD_SCOPES
from components.rules.errors import DomainError
from components.rules.honours import (
    AWARD_FORMS,
    AWARD_LEVELS,
    RECIPIENTS,
)
from components.ui import frames
from components.ui.feedback import FLASH, attempt, run_action
from components.ui.language import t
from db import awards, movements
from db.engine import session_scope


def _award_summary(text: str | None) -> str:
    if not text:
        return ""
    a = json.loads(text)
    return f"{t('entry.awards.form.' + a['form'])} ({t('entry.awards.level.' + a['level'])}), " \
           f"{t('entry.awards.recipient.' + a['recipient'])} × {a['count']}"


def awards_table(awards) -> None:
    if not awards:
        st.caption(t("entry.awards.none"))
        return
    frames.dataframe(pd.DataFrame([{
        t("entry.awards.form"): t(f"entry.awards.form.{a.form}"), t("entry.awards.level"): t(f"entry.awards.level."
                                                                                             f"{a.level}"),
        t("entry.awards.recipient"): t(f"entry.awards.recipient.{a.recipient}"), t("entry.awards.count"): a.count,
        t("entry.awards.decision_no"): a.decision_no or "", t("entry.awards.decision_date"): fmt_date(a.decision_date),
        t("entry.awards.note"): a.note or "", t("award.scope"): t(f"award.scope.{a.scope}")} for a in awards]),
        hide_index=True, width="stretch")
    collective = sum(a.count for a in awards if a.recipient == "collective")
    st.caption(t("entry.awards.total", collective=collective,
                 individual=sum(a.count for a in awards if a.recipient == "individual")))


def award_form(sheet, user) -> None:
    """Add one award; problems show under the input they concern."""
    problems = {p.part: p for p in st.session_state.get("_award_problems", [])}
    version = st.session_state.get("_award_form_version", 0)

    def note(part):
        if part in problems:
            st.error(t(f"err.entry_{problems[part].code}", **problems[part].params), icon=":material/error:")

    with st.form(f"award_form_{version}"):
        c1, c2, c3 = st.columns(3)
        with c1:
            form = st.selectbox(t("entry.awards.form"), AWARD_FORMS, format_func=lambda f: t(f"entry.awards.form.{f}"),
                                placeholder=t("common.choose"))
            note("form")
        with c2:
            level = st.selectbox(t("entry.awards.level"), AWARD_LEVELS,
                                 format_func=lambda lv: t(f"entry.awards.level.{lv}"), index=2,
                                 placeholder=t("common.choose"))
            note("level")
        with c3:
            recipient = st.selectbox(t("entry.awards.recipient"), RECIPIENTS,
                                     format_func=lambda r: t(f"entry.awards.recipient.{r}"),
                                     placeholder=t("common.choose"))
            note("recipient")
        c1, c2, c3 = st.columns(3)
        with c1:
            count = st.number_input(t("entry.awards.count"), min_value=0, value=1, step=1)
            note("count")
        with c2:
            decision_no = st.text_input(t("entry.awards.decision_no"))
            note("decision_no")
        with c3:
            decision_date = st.date_input(t("entry.awards.decision_date"), value=None, format="DD/MM/YYYY",
                                          min_value=date(2000, 1, 1))
            note("decision_date")
        text = st.text_input(t("entry.awards.note"))
        award_scope = st.radio(t("award.scope"), AWARD_SCOPES, format_func=lambda s: t(f"award.scope.{s}"),
                               horizontal=True, key=f"award_scope_{version}")
        with session_scope() as session:
            options = {m.id: m.name for m in movements.cluster_movements(session=session,
                                                                         cluster_id=sheet.year.cluster_id)}
        movement_id = st.selectbox(t("award.movement"), [None, *options], key=f"award_movement_{version}",
                                   format_func=lambda m: t("award.no_movement") if m is None else options[m], placeholder=t("common.choose"))
        submitted = st.form_submit_button(t("entry.awards.add"), type="primary", icon=":material/add:")
    if not submitted:
        return
    def beside_fields(exc: DomainError) -> bool:
        st.session_state["_award_problems"] = exc.params.get("problems", [])
        return bool(exc.params.get("problems"))

    ok, _ = attempt(lambda s: awards.add_award(session=s, actor=user, unit_id=sheet.unit_id, year=sheet.year.year,
                                                 form=form, level=level, recipient=recipient, count=count,
                                                 decision_no=decision_no, decision_date=decision_date, note=text,
                                                 scope=award_scope, movement_id=movement_id),
                    on_error=beside_fields)
    if not ok:
        if st.session_state["_award_problems"]:
            st.rerun()  # the problems show under their fields
        return
    st.session_state["_award_problems"] = []
    st.session_state["_award_form_version"] = version + 1
    st.session_state[FLASH] = t("entry.awards.added")
    st.rerun()


def award_delete(awards, user) -> None:
    if not awards:
        return
    with st.expander(t("entry.awards.delete"), icon=":material/delete:"):
        picked = st.selectbox(t("entry.awards.delete_pick"), awards, key="award_delete_pick",
                              format_func=lambda a: f"{t(f'entry.awards.form.{a.form}')} — "
                                                    f"{t(f'entry.awards.recipient.{a.recipient}')} × {a.count}"
                                                    f" — {a.decision_no or ''}", placeholder=t("common.choose"))
        if st.button(t("entry.awards.delete"), key="award_delete_button", icon=":material/delete:"):
            run_action(lambda s: awards.delete_award(session=s, actor=user, award_id=picked.id),
                       t("entry.awards.deleted"))
