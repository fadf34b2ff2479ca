"""The chair's submission board: a row per member unit and the workflow actions.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_datetime
from components.rules.honours import StaffTargets
from components.rules.plain_text import plain
from components.ui.feedback import run_action
from components.ui.language import plain_table, t
from components.ui.pickers import state_label, unit_name
from db import entry


def board_table(rows, names: dict) -> None:
    # a plain table: seven rows, readable on a projector and by assistive technology
    st.table(plain_table(pd.DataFrame([{
        t("entry.board.col.unit"): unit_name(names, r.unit_id), t("entry.board.col.state"): state_label(
            None if r.state == "not_started" else r.state),
        t("entry.board.col.submitted_at"): fmt_datetime(r.submitted_at),
        t("entry.board.col.locked_at"): fmt_datetime(r.locked_at),
        t("entry.board.col.updated_at"): fmt_datetime(r.updated_at), t("entry.board.col.values"): r.values_count,
        t("entry.board.col.reopened"): r.reopened_reason or ""} for r in rows]).set_index(t("entry.board.col.unit"))))


def board_actions(rows, names: dict, user, year) -> None:
    """The chair's actions: lock one unit, reopen one unit with a written reason, lock the whole year."""
    st.subheader(t("entry.board.actions"))
    lockable = [r.unit_id for r in rows if r.state != "locked"]
    locked = [r.unit_id for r in rows if r.state == "locked"]
    left, right = st.columns(2)
    with left.container(border=True):
        unit = st.selectbox(t("entry.board.pick_unit"), lockable, key="board_lock_unit_" + "_".join(map(str, lockable)),
                            placeholder=t("entry.board.no_unit"), format_func=lambda u: unit_name(names, u))
        if st.button(t("entry.board.lock_unit"), key="board_lock", icon=":material/lock:", disabled=unit is None):
            run_action(lambda s: entry.lock_unit(session=s, actor=user, unit_id=unit, year=year.year),
                       t("entry.board.locked_unit", unit=unit_name(names, unit)))
    with right.container(border=True):
        unit_r = st.selectbox(t("entry.board.pick_unit"), locked, key="board_reopen_unit_" + "_".join(map(str, locked)),
                              placeholder=t("entry.board.no_unit"), format_func=lambda u: unit_name(names, u))
        reason = st.text_area(t("entry.board.reopen_reason"), key="board_reopen_reason", height=80)
        if st.button(t("entry.board.reopen"), key="board_reopen", icon=":material/lock_open:", disabled=unit_r is None):
            run_action(lambda s: entry.reopen_unit(session=s, actor=user, unit_id=unit_r, year=year.year,
                                                      reason=reason),
                       t("entry.board.reopened", unit=unit_name(names, unit_r)))
    if year.state == "open":
        # what locking does to the reports not submitted is said, with their names, before the tick
        unsubmitted = [r.unit_id for r in rows if r.state in ("not_started", "draft")]
        if unsubmitted:
            st.warning(t("entry.board.lock_year_unsubmitted", n=len(unsubmitted), year=year.year),
                       icon=":material/warning:")
            st.markdown("\n".join(f"- {plain(unit_name(names, u))}" for u in unsubmitted))
            label = t("entry.board.lock_year_confirm_unsubmitted", n=len(unsubmitted), year=year.year)
        else:
            label = t("entry.board.lock_year_confirm", year=year.year)
        sure = st.checkbox(label, key="board_lock_year_sure")
        if st.button(t("entry.board.lock_year", year=year.year), key="board_lock_year", icon=":material/lock:",
                     disabled=not sure):
            run_action(lambda s: entry.lock_year(session=s, actor=user, year=year.year, cluster_id=year.cluster_id,
                                                 acknowledged_unsubmitted=len(unsubmitted)),
                       t("entry.board.locked_year", year=year.year))


def targets_form(year, user) -> None:
    """The chair sets the year's staff targets; the legal cap is beside them, named apart."""
    current = year.staff_targets()
    disabled = year.state == "closed"
    with st.expander(t("entry.targets.title", year=year.year), icon=":material/flag:"):
        with st.form(f"targets_{year.year}", border=False):
            left, right = st.columns(2)
            ldtt = left.number_input(t("entry.targets.ldtt_of_staff"), 0.0, 100.0, current.ldtt_of_staff_pct, 1.0,
                                     disabled=disabled)
            cstdcs = left.number_input(t("entry.targets.cstdcs_of_staff"), 0.0, 100.0, current.cstdcs_of_staff_pct,
                                       1.0, disabled=disabled)
            collectives = right.number_input(t("entry.targets.ldxs_collectives"), 0.0, 100.0,
                                             current.ldxs_collectives_pct, 1.0, disabled=disabled)
            cap = right.number_input(t("entry.targets.cstdcs_cap"), 0.0, 100.0, current.cstdcs_cap_of_ldtt_pct, 1.0,
                                     disabled=disabled, help=t("entry.targets.cap_help"))
            if st.form_submit_button(t("entry.targets.save"), icon=":material/save:", disabled=disabled):
                targets = StaffTargets(ldtt, cstdcs, collectives, cap)
                run_action(lambda s: entry.save_staff_targets(session=s, actor=user, year=year.year,
                                                                 targets=targets, cluster_id=year.cluster_id),
                           t("entry.targets.saved", year=year.year))
