"""Registration widgets: the unit's form (titles, targets), its submission, the chair's decision and deadline,
and the table of registered versus achieved."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.rules.honours import AWARD_FORMS
from components.rules.plain_text import plain
from components.ui import frames
from components.ui.feedback import run_action
from components.ui.language import num, t, tm
from db import registrations


def status(view: registrations.RegistrationView) -> None:
    st.markdown(t("reg.state_line", state=t(f"reg.state.{view.state}")))
    st.caption(t("reg.deadline", date=view.deadline.strftime("%d/%m/%Y")) if view.deadline else t("reg.no_deadline"))
    if view.state == "returned" and view.returned_reason:
        st.warning(tm("reg.returned_reason", reason=view.returned_reason), icon=":material/undo:")


def unit_form(view: registrations.RegistrationView, user, indicator_codes: list[str], editable: bool) -> None:
    titles = st.multiselect(t("reg.titles"), list(AWARD_FORMS), default=list(view.titles), disabled=not editable,
                            format_func=lambda f: t(f"entry.awards.form.{f}"), key=f"reg_titles_{view.year}",
                            placeholder=t("common.choose_many"))
    frame = pd.DataFrame([{"indicator": c, "planned": p, "note": n or ""} for c, (p, n) in view.targets.items()],
                         columns=["indicator", "planned", "note"])
    config = {"indicator": st.column_config.SelectboxColumn(t("reg.col.indicator"), options=indicator_codes,
                                                            required=True),
              "planned": st.column_config.NumberColumn(t("reg.col.planned"), required=True),
              "note": st.column_config.TextColumn(t("reg.col.note"), max_chars=500)}
    st.subheader(t("reg.targets"))
    edited = frames.data_editor(frame, num_rows="dynamic" if editable else "fixed", disabled=not editable,
                            hide_index=True, column_config=config, key=f"reg_targets_{view.year}_{view.unit_id}")
    if not editable:
        return
    targets = {r["indicator"]: (r["planned"], r["note"] or None) for r in edited.to_dict("records")
               if r.get("indicator") and r.get("planned") == r.get("planned") and r.get("planned") is not None}
    left, right = st.columns(2)
    if left.button(t("reg.save"), type="primary", icon=":material/save:", key="reg_save"):
        run_action(lambda s: registrations.save_registration(session=s, actor=user, unit_id=view.unit_id, year=view.year,
                                                      titles=titles, targets=targets), t("reg.saved"))
    if right.button(t("reg.submit"), icon=":material/send:", key="reg_submit"):
        def save_and_submit(s):
            registrations.save_registration(session=s, actor=user, unit_id=view.unit_id, year=view.year, titles=titles,
                                     targets=targets)
            registrations.submit_registration(session=s, actor=user, unit_id=view.unit_id, year=view.year)
        run_action(save_and_submit, t("reg.submitted"))


def decision_form(view: registrations.RegistrationView, user) -> None:
    with st.form(f"reg_decide_{view.unit_id}"):
        reason = st.text_area(t("reg.reason"), key=f"reg_reason_{view.unit_id}")
        left, right = st.columns(2)
        approve = left.form_submit_button(t("reg.approve"), type="primary", icon=":material/check:")
        send_back = right.form_submit_button(t("reg.return"), icon=":material/undo:")
    if approve or send_back:
        run_action(lambda s: registrations.decide_registration(session=s, actor=user, unit_id=view.unit_id, year=view.year,
                                                        approve=approve, reason=reason), t("reg.decided"))


def deadline_form(year: int, cluster_id: int, current: date | None, user) -> None:
    with st.form("reg_deadline"):
        on = st.date_input(t("reg.set_deadline"), value=current, format="DD/MM/YYYY", key="reg_deadline_date")
        if st.form_submit_button(t("reg.save_deadline"), icon=":material/event:"):
            run_action(lambda s: registrations.set_deadline(session=s, actor=user, year=year, on=on, cluster_id=cluster_id),
                       t("reg.deadline_saved"))


def summary_table(regs, lines, names: dict[int, str]) -> None:
    st.subheader(t("reg.summary"))
    rows = [{t("score.unit"): names.get(x.unit_id, "?"), t("reg.col.indicator"): x.indicator_code,
             t("reg.col.planned"): num(x.planned, 1), t("reg.col.figure"): num(x.figure, 1),
             t("reg.col.reached"): "—" if x.reached is None else (t("score.yes") if x.reached else t("score.no"))}
            for x in lines]
    states = {r.unit_id: t(f"reg.state.{r.state}") for r in regs}
    st.caption(" · ".join(f"{plain(names.get(u, '?'))}: {plain(s)}" for u, s in states.items()))
    if rows:
        frames.dataframe(pd.DataFrame(rows), hide_index=True, key="reg_summary")
