"""The holds screen (NĐ 152/2025): each member's holds and the checks of the year's law (hard: blocks the
proposal; soft: a warning), the form to record a hold and the one to record the day it ended."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_date
from components.rules.award_law import HOLD_REASON_MAX
from components.rules.enums import HOLD_KINDS
from components.rules.plain_text import plain
from components.ui.feedback import run_action
from components.ui.language import t, tm
from db import holds
from db.engine import session_scope


def holds_table(rows: dict[int, list], names: dict[int, str]) -> None:
    table = [{t("hold.col.unit"): names.get(u, "?"), t("hold.col.person"): r.person or "—",
              t("hold.col.kind"): t(f"hold.kind.{r.kind}"), t("hold.col.reason"): r.reason,
              t("hold.col.from"): fmt_date(r.starts_on), t("hold.col.to"): fmt_date(r.ends_on) or t("hold.running")}
             for u, hs in rows.items() for r in hs]
    if not table:
        st.caption(t("hold.none"))
        return
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")


def checks_list(checks: dict[int, list], names: dict[int, str]) -> None:
    """Per member, what the year's law says about proposing it; a member with nothing to say is not listed."""
    shown = False
    for unit_id, unit_checks in checks.items():
        for check in unit_checks:
            label = t("award.hard") if check.hard else t("award.soft")
            line = f"**{plain(names.get(unit_id, '?'))}** — {label}: " + tm(f"award.check.{check.code}", **check.params)
            (st.error if check.hard else st.warning)(line, icon=":material/block:" if check.hard else
                                                     ":material/warning:")
            shown = True
    if not shown:
        st.caption(t("hold.no_checks"))


def add_form(user, members: list[int], names: dict[int, str]) -> None:
    with st.form("hold_add", clear_on_submit=True):
        st.markdown(f"**{t('hold.add')}**")
        c1, c2 = st.columns(2)
        unit_id = c1.selectbox(t("hold.col.unit"), members, format_func=lambda u: names.get(u, "?"), key="hold_unit", placeholder=t("common.choose"))
        kind = c2.selectbox(t("hold.col.kind"), HOLD_KINDS, format_func=lambda k: t(f"hold.kind.{k}"),
                            key="hold_kind", placeholder=t("common.choose"))
        person = st.text_input(t("hold.person_help"), max_chars=200, key="hold_person")
        reason = st.text_area(t("hold.reason_help"), max_chars=HOLD_REASON_MAX, key="hold_reason")
        c1, c2 = st.columns(2)
        starts_on = c1.date_input(t("hold.col.from"), value=None, format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                                  key="hold_from")
        ends_on = c2.date_input(t("hold.ends_help"), value=None, format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                                key="hold_to")
        if st.form_submit_button(t("hold.save"), icon=":material/block:", type="primary"):
            run_action(lambda s: holds.set_hold(session=s, actor=user, unit_id=unit_id, kind=kind, reason=reason,
                                                starts_on=starts_on, ends_on=ends_on, person=person),
                       t("hold.saved"))


def end_form(user, rows: dict[int, list], names: dict[int, str]) -> None:
    running = [r for hs in rows.values() for r in hs if r.ends_on is None]
    if not running:
        return
    with st.form("hold_end"):
        st.markdown(f"**{t('hold.end')}**")
        picked = st.selectbox(t("hold.end_pick"), running, key="hold_end_pick",
                              format_func=lambda r: f"{names.get(r.unit_id, '?')} — {t(f'hold.kind.{r.kind}')} — "
                                                    f"{fmt_date(r.starts_on)}", placeholder=t("common.choose"))
        ends_on = st.date_input(t("hold.col.to"), value=None, format="DD/MM/YYYY", min_value=date(2000, 1, 1),
                                key="hold_end_on")
        reason = st.text_input(t("hold.end_reason"), max_chars=HOLD_REASON_MAX, key="hold_end_reason")
        if st.form_submit_button(t("hold.end"), icon=":material/event_available:"):
            if ends_on is None:
                st.error(t("err.hold_start_required"))
                return
            run_action(lambda s: holds.end_hold(session=s, actor=user, hold_id=picked.id, ends_on=ends_on,
                                                reason=reason), t("hold.ended"))


def held_notice(cluster_id: int, year: int, actor, names: dict[int, str]) -> set[int]:
    """On the ballot's preparation: the members a hold keeps out of the candidates, and why; returns them."""
    with session_scope() as session:
        held = holds.year_blocks(session=session, actor=actor, cluster_id=cluster_id, year=year)
    for unit_id, params in sorted(held.items()):
        st.warning(tm("hold.ballot_notice", unit=names.get(unit_id, "?"), **params), icon=":material/block:")
    return set(held)
