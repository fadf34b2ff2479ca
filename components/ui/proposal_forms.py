"""The proposal exchange's screen: a member's list (add, remove, send) with every step and the chair's reasons;
the chair's board of the members' lists with return (with a reason), accept and forward."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.documents import proposal_workbook as workbook
from components.i18n.formatting import fmt_datetime
from components.rules.enums import PROPOSAL_SUBJECTS
from components.rules.errors import DomainError
from components.rules.honours import AWARD_FORMS
from components.rules.proposal_flow import NAME_MAX, STEPS, SUMMARY_MAX
from components.ui import uploads
from components.ui.feedback import run_action
from components.ui.language import error_text, t, tm
from db import award_proposals as proposals


def items_table(items) -> None:
    if not items:
        st.caption(t("proposal.none"))
        return
    st.dataframe(pd.DataFrame([{t("proposal.col.subject"): t(f"proposal.subject.{i.subject}"),
                                t("proposal.col.name"): i.name, t("proposal.col.form"): t(f"entry.awards.form.{i.form}"),
                                t("proposal.col.summary"): i.summary} for i in items]),
                 hide_index=True, width="stretch")


def events_log(events) -> None:
    if not events:
        return
    st.markdown(f"**{t('proposal.log')}**")
    st.dataframe(pd.DataFrame([{t("proposal.col.when"): fmt_datetime(e.at),
                                t("proposal.col.action"): t(f"proposal.action.{e.action}"),
                                t("proposal.col.reason"): e.reason or ""} for e in events]),
                 hide_index=True, width="stretch")


def member_panel(user, year: int, view) -> None:
    state = view.proposal.state if view.proposal else "draft"
    st.info(t("proposal.state_now", state=t(f"proposal.state.{state}")), icon=":material/assignment:")
    if view.events and view.events[-1].action == "returned":
        st.warning(tm("proposal.returned_reason", reason=view.events[-1].reason or ""), icon=":material/undo:")
    items_table(view.items)
    editable = state in ("draft", "returned")
    files_list(view.files)
    if editable:
        _add_form(user, year)
        _excel(user, year)
        _attach(user, year)
        if view.items:
            with st.expander(t("proposal.remove"), icon=":material/delete:"):
                picked = st.selectbox(t("proposal.remove_pick"), view.items, format_func=lambda i: i.name,
                                      key="proposal_remove_pick", placeholder=t("common.choose"))
                if st.button(t("proposal.remove"), key="proposal_remove"):
                    run_action(lambda s: proposals.remove_item(session=s, actor=user, item_id=picked.id, year=year),
                               t("proposal.removed"))
        if st.button(t("proposal.send"), type="primary", icon=":material/send:", key="proposal_send",
                     disabled=not view.items):
            run_action(lambda s: proposals.send(session=s, actor=user, unit_id=user.unit_id, year=year),
                       t("proposal.sent_ok"))
    events_log(view.events)


def files_list(files) -> None:
    for f in files:
        st.download_button(f.file_name, f.content, f.file_name, mime=f.mime, key=f"proposal_file_{f.id}",
                           icon=":material/attach_file:")


def _attach(user, year: int) -> None:
    with st.expander(t("proposal.attach"), icon=":material/attach_file:"):
        uploaded = uploads.file_uploader(t("proposal.attach_label"), types=["pdf", "png", "jpg", "jpeg"],
                                          key="proposal_attach", own_max_bytes=5 * 1024 * 1024)
        if uploaded is not None and st.button(t("proposal.attach_save"), key="proposal_attach_save"):
            data = uploaded.getvalue()
            run_action(lambda s: proposals.attach_file(session=s, actor=user, unit_id=user.unit_id, year=year,
                                                       file_name=uploaded.name, data=data), t("proposal.attached"))


def _excel(user, year: int) -> None:
    with st.expander(t("proposal.excel"), icon=":material/table_view:"):
        st.caption(t("proposal.excel_help"))
        st.download_button(t("proposal.excel_template"), workbook.template_bytes(AWARD_FORMS), "mau_de_nghi.xlsx",
                           key="proposal_template")
        uploaded = uploads.file_uploader(t("proposal.excel_upload"), types=["xlsx"], key="proposal_excel",
                                          own_max_bytes=2 * 1024 * 1024)
        if uploaded is None or not st.button(t("proposal.excel_import"), key="proposal_excel_import"):
            return
        try:
            rows, problems = workbook.read_rows(uploaded.getvalue(), AWARD_FORMS)
        except DomainError as exc:
            st.error(error_text(exc), icon=":material/error:")
            return
        if problems:
            st.error(t("proposal.excel_problems"), icon=":material/error:")
            for p in problems:
                st.markdown("- " + tm(f"proposal.row.{p.code}", row=p.row, value=p.value))
            return
        run_action(lambda s: proposals.import_items(session=s, actor=user, unit_id=user.unit_id, year=year, rows=rows),
                   t("proposal.excel_imported", n=len(rows)))


def _add_form(user, year: int) -> None:
    with st.form("proposal_add", clear_on_submit=True):
        st.markdown(f"**{t('proposal.add')}**")
        c1, c2 = st.columns(2)
        subject = c1.selectbox(t("proposal.col.subject"), PROPOSAL_SUBJECTS,
                               format_func=lambda s: t(f"proposal.subject.{s}"), key="proposal_subject", placeholder=t("common.choose"))
        form = c2.selectbox(t("proposal.col.form"), AWARD_FORMS, format_func=lambda f: t(f"entry.awards.form.{f}"),
                            key="proposal_form", placeholder=t("common.choose"))
        name = st.text_input(t("proposal.col.name"), max_chars=NAME_MAX, key="proposal_name")
        summary = st.text_area(t("proposal.col.summary"), max_chars=SUMMARY_MAX, key="proposal_summary")
        if st.form_submit_button(t("proposal.add"), icon=":material/add:"):
            run_action(lambda s: proposals.add_item(session=s, actor=user, unit_id=user.unit_id, year=year,
                                                    subject=subject, name=name, form=form, summary=summary),
                       t("proposal.added"))


def chair_board(user, views, names: dict[int, str]) -> None:
    st.dataframe(pd.DataFrame([{t("proposal.col.unit"): names.get(v.unit_id, "?"),
                                t("proposal.col.state"): t(f"proposal.state.{v.proposal.state}") if v.proposal
                                else t("proposal.none"), t("proposal.col.name"): len(v.items)} for v in views]),
                 hide_index=True, width="stretch")
    filed = [v for v in views if v.proposal is not None and v.proposal.state != "draft"]
    if not filed:
        return
    picked = st.selectbox(t("proposal.pick"), filed, key="proposal_pick",
                          format_func=lambda v: f"{names.get(v.unit_id, '?')} — {t(f'proposal.state.{v.proposal.state}')}", placeholder=t("common.choose"))
    items_table(picked.items)
    files_list(picked.files)
    events_log(picked.events)
    reason = st.text_area(t("proposal.reason"), key="proposal_reason", max_chars=2000)
    actions = [a for a in ("returned", "accepted", "forwarded") if picked.proposal.state in STEPS[a][0]]
    for column, action in zip(st.columns(max(len(actions), 1)), actions):
        if column.button(t(f"proposal.do.{action}"), key=f"proposal_do_{action}", width="stretch"):
            run_action(lambda s, a=action: proposals.chair_step(session=s, actor=user, proposal_id=picked.proposal.id,
                                                                action=a, reason=reason),
                       t("proposal.done", action=t(f"proposal.action.{action}")))
