"""Admin widgets for the organisation over time. Every change is previewed in a sentence first ("Xem trước"), and
saved only on "Xác nhận lưu"; a refused change shows its message and stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_date, fmt_datetime
from components.rules import packs
from components.rules.enums import UNIT_KINDS
from components.rules.plain_text import plain
from components.ui import frames
from components.ui.feedback import attempt, run_action
from components.ui.language import current_lang, t, tm
from db import legal
from db import organisation as org

PENDING = "_org_pending"


def _preview_then_confirm(key: str, save: Callable, success: str) -> None:
    """Show the preview of the change asked for under `key`, with the button that saves it."""
    pending = st.session_state.get(PENDING)
    if not pending or pending[0] != key:
        return
    st.info(f"**{t('org.preview_title')}**\n\n{plain(pending[1])}", icon=":material/visibility:")
    if st.button(t("org.confirm"), type="primary", key=f"{key}_confirm"):
        st.session_state.pop(PENDING, None)
        run_action(save, success)


def _ask_preview(key: str, preview: Callable) -> None:
    ok, text = attempt(preview)
    if ok:
        st.session_state[PENDING] = (key, text)
    else:
        st.session_state.pop(PENDING, None)


def _status(info) -> str:
    if info.end is None:
        return t("org.active")
    return t("org.ended", date=fmt_date(info.end))


def units_tab(infos: dict, user) -> None:
    lang = current_lang()
    frames.dataframe(pd.DataFrame([{
        t("org.code"): i.code, t("org.unit"): i.name(lang), t("org.province"): i.province,
        t("org.kind"): t(f"org.kind.{i.kind}"), t("org.status"): _status(i),
        t("org.valid_from"): fmt_date(i.valid_from)} for i in infos.values()]), hide_index=True, width="stretch")
    with st.expander(t("org.new_unit")), st.form("org_new_unit"):
        c1, c2, c3 = st.columns(3)
        code = c1.text_input(t("org.code"))
        province = c2.text_input(t("org.province"))
        kind = c3.selectbox(t("org.kind"), UNIT_KINDS, format_func=lambda k: t(f"org.kind.{k}"),
                            placeholder=t("common.choose"))
        name_vi = st.text_input(t("org.name_vi"))
        name_en = st.text_input(t("org.name_en"))
        start = st.date_input(t("org.valid_from"), value=None, format="DD/MM/YYYY", min_value=date(1945, 1, 1))
        if st.form_submit_button(t("common.save"), type="primary"):
            run_action(lambda s: org.create_unit(session=s, actor=user, code=code, province=province, kind=kind,
                                                 name_vi=name_vi, name_en=name_en, valid_from=start),
                       t("org.saved"))
    with st.expander(t("org.delete_unit")):
        victim = st.selectbox(t("org.unit"), list(infos), format_func=lambda u: infos[u].name(lang), key="org_del",
                              placeholder=t("common.choose"))
        if st.button(t("org.delete"), key="org_del_btn"):
            run_action(lambda s: org.delete_unit(session=s, actor=user, unit_id=victim), t("org.deleted"))


def changes_tab(infos: dict, events: list, user) -> None:
    lang = current_lang()
    kinds = ("renamed", "merged_into", "split_into", "dissolved")
    c1, c2 = st.columns(2)
    unit_id = c1.selectbox(t("org.unit"), list(infos), format_func=lambda u: infos[u].name(lang), key="org_ev_unit",
                           placeholder=t("common.choose"))
    kind = c2.selectbox(t("org.change"), kinds, format_func=lambda k: t(f"org.event.{k}"), key="org_ev_kind",
                        placeholder=t("common.choose"))
    with st.form("org_event"):
        when = st.date_input(t("org.effective_on"), value=None, format="DD/MM/YYYY", min_value=date(1945, 1, 1),
                             key="org_ev_date")
        successors, name_vi, name_en, new_kind = [], "", "", None
        if kind == "renamed":
            name_vi = st.text_input(t("org.new_name_vi"), key="org_ev_name_vi")
            name_en = st.text_input(t("org.new_name_en"), key="org_ev_name_en")
            new_kind = st.selectbox(t("org.new_kind"), UNIT_KINDS, format_func=lambda k: t(f"org.kind.{k}"),
                                    index=UNIT_KINDS.index(infos[unit_id].kind), key="org_ev_new_kind",
                                    placeholder=t("common.choose"))
        elif kind != "dissolved":
            successors = st.multiselect(t("org.successors"), [u for u in infos if u != unit_id],
                                        format_func=lambda u: infos[u].name(lang),
                                        max_selections=1 if kind == "merged_into" else None,
                                        key="org_ev_successors", placeholder=t("common.choose_many"))
        note = st.text_input(t("org.note"))
        asked = st.form_submit_button(t("org.preview_button"))
    key = f"event:{unit_id}:{kind}"
    if asked:
        if kind == "renamed":
            _ask_preview(key, lambda s: org.preview_rename(session=s, unit_id=unit_id, effective_on=when,
                                                           name_vi=name_vi, name_en=name_en, lang=lang))
        else:
            _ask_preview(key, lambda s: org.preview_event(session=s, unit_id=unit_id, kind=kind, effective_on=when,
                                                          successor_ids=list(successors), lang=lang))
    if kind == "renamed":
        save = lambda s: org.rename_unit(session=s, actor=user, unit_id=unit_id, effective_on=when,  # noqa: E731
                                         name_vi=name_vi, name_en=name_en, kind=new_kind, note=note)
    else:
        save = lambda s: org.record_event(session=s, actor=user, unit_id=unit_id, kind=kind,  # noqa: E731
                                          effective_on=when, successor_ids=list(successors), note=note)
    _preview_then_confirm(key, save, t("org.saved"))
    st.subheader(t("org.history"))
    frames.dataframe(pd.DataFrame([{
        t("org.effective_on"): fmt_date(e.effective_on), t("org.unit"): infos[e.unit_id].name(lang),
        t("org.change"): t(f"org.event.{e.kind}"),
        t("org.successors"): infos[e.successor_unit_id].name(lang) if e.successor_unit_id else "",
        t("org.note"): e.note or ""} for e in events]), hide_index=True, width="stretch")


def undo_panel(changes: list, infos: dict, clusters: list, user) -> None:
    """The recent lineage events and membership changes not undone yet, and the undo with its written reason."""
    lang = current_lang()
    st.subheader(t("org.undo_title"))
    st.caption(t("org.undo_help"))
    open_changes = [c for c in changes if not c.undone]
    if not open_changes:
        st.info(t("org.undo_none"))
        return
    cluster_names = {c.id: c.name_vi if lang == "vi" else c.name_en for c in clusters}

    def label(c) -> str:
        if c.what == "lineage":
            return t("org.undo_lineage", at=fmt_datetime(c.changed_at), unit=infos[c.unit_id].name(lang),
                     change=t(f"org.event.{c.new['kind']}"), day=fmt_date(date.fromisoformat(c.new["effective_on"])))
        return t("org.undo_membership", at=fmt_datetime(c.changed_at), cluster=cluster_names.get(c.new["cluster_id"], "—"),
                 year=c.year, n=len(c.new["unit_ids"]))

    by_id = {c.id: c for c in open_changes}
    with st.form("org_undo"):
        picked = st.selectbox(t("org.undo_pick"), list(by_id), format_func=lambda i: label(by_id[i]), key="org_undo_pick",
                              placeholder=t("common.choose"))
        reason = st.text_input(t("org.undo_reason"), key="org_undo_reason")
        if st.form_submit_button(t("org.undo_button"), icon=":material/undo:"):
            run_action(lambda s: org.undo_change(session=s, actor=user, change_id=picked, reason=reason),
                       t("org.undone"))


def members_tab(clusters: list, infos_of_year: Callable[[int], dict], members_of: Callable[[int, int], list[int]],
                last_year: Callable[[int, int], tuple[int | None, list[int]]], user,
                proposed_of: Callable[[int], dict[int, str]] = lambda _: {}) -> None:
    lang = current_lang()
    c1, c2 = st.columns(2)
    cluster = c1.selectbox(t("org.cluster"), clusters, format_func=lambda c: c.name_vi if lang == "vi" else c.name_en,
                           key="org_m_cluster", placeholder=t("common.choose"))
    year = int(c2.number_input(t("org.year"), min_value=2000, max_value=2100, step=1, value=date.today().year,
                               key="org_m_year"))
    infos = infos_of_year(year)
    current = members_of(cluster.id, year)
    previous, offered = last_year(cluster.id, year)
    widget = f"org_m_units_{cluster.id}_{year}"
    if not current:
        st.warning(tm("org.membership_not_set", cluster=cluster.name_vi if lang == "vi" else cluster.name_en,
                     year=year), icon=":material/group_off:")
        if previous is not None and st.button(t("org.copy_last_year", year=previous), key="org_m_copy"):
            st.session_state[widget] = offered
    elif widget not in st.session_state:
        st.session_state[widget] = current
    proposed = proposed_of(cluster.id)
    if current and year in proposed:
        st.warning(tm("org.members_proposed", year=year, note=proposed[year]), icon=":material/pending:")
        if st.button(t("org.confirm_members", year=year), type="primary", key=f"org_m_confirm_{cluster.id}_{year}"):
            run_action(lambda s: legal.confirm_membership(session=s, actor=user, cluster_id=cluster.id, year=year),
                       t("org.members_confirmed", year=year))
    chosen = st.multiselect(t("org.members"), list(infos), format_func=lambda u: infos[u].name(lang), key=widget,
                            placeholder=t("common.choose_many"))
    key = f"members:{cluster.id}:{year}"
    if st.button(t("org.preview_button"), key="org_m_preview"):
        _ask_preview(key, lambda s: org.preview_membership(session=s, cluster_id=cluster.id, year=year,
                                                           unit_ids=list(chosen), lang=lang))
    _preview_then_confirm(key, lambda s: org.set_membership(session=s, actor=user, cluster_id=cluster.id,
                                                                   year=year, unit_ids=list(chosen)),
                          t("org.saved"))


def directors_tab(infos: dict, directors_of: Callable[[int], dict], user) -> None:
    lang = current_lang()
    year = int(st.number_input(t("org.year"), min_value=2000, max_value=2100, step=1, value=date.today().year,
                               key="org_d_year"))
    directors = directors_of(year)
    frames.dataframe(pd.DataFrame([{t("org.unit"): infos[u].name(lang), t("org.director"): d.name}
                               for u, d in directors.items()]), hide_index=True, width="stretch")
    with st.form("org_director"):
        unit_id = st.selectbox(t("org.unit"), list(infos), format_func=lambda u: infos[u].name(lang),
                               placeholder=t("common.choose"))
        name = st.text_input(t("org.director_name"))
        if st.form_submit_button(t("common.save"), type="primary"):
            run_action(lambda s: org.set_director(session=s, actor=user, unit_id=unit_id, year=year, name=name),
                       t("org.director_saved"))


def clusters_tab(clusters: list, bodies: list, accounts: list, user) -> None:
    lang = current_lang()
    st.subheader(t("org.clusters"))
    frames.dataframe(pd.DataFrame([{t("org.code"): c.code, t("org.cluster"): c.name_vi if lang == "vi" else c.name_en}
                               for c in clusters]), hide_index=True, width="stretch")
    with st.expander(t("org.new_cluster")), st.form("org_cluster"):
        code = st.text_input(t("org.code"))
        name_vi = st.text_input(t("org.name_vi"))
        name_en = st.text_input(t("org.name_en"))
        if st.form_submit_button(t("common.save"), type="primary"):
            run_action(lambda s: org.save_cluster(session=s, actor=user, code=code, name_vi=name_vi,
                                                  name_en=name_en), t("org.saved"))
    st.subheader(t("org.account_cluster"))
    st.caption(t("org.account_cluster_help"))
    names = {c.id: c.name_vi if lang == "vi" else c.name_en for c in clusters}
    with st.form("org_account_cluster"):
        c1, c2 = st.columns(2)
        account = c1.selectbox(t("org.account"), accounts, format_func=lambda a: f"{a.username} — {a.display_name}",
                               placeholder=t("common.choose"))
        cluster_id = c2.selectbox(t("org.cluster"), list(names), format_func=names.get, placeholder=t("common.choose"))
        if st.form_submit_button(t("common.save"), type="primary") and account is not None:
            run_action(lambda s: org.set_account_cluster(session=s, actor=user, user_id=account.id,
                                                         cluster_id=cluster_id), t("org.saved"))
    st.subheader(t("org.bodies"))
    frames.dataframe(pd.DataFrame([{
        t("org.unit"): b.name_vi if lang == "vi" else b.name_en, t("org.body_head"): b.head_vi if lang == "vi"
        else b.head_en, t("org.valid_from"): fmt_date(b.valid_from, "…"), t("org.valid_to"): fmt_date(b.valid_to, "…")}
        for b in bodies]), hide_index=True, width="stretch")


def law_tab(bases: list, user) -> None:
    """The law of each year: what the documents cite ("Căn cứ") and the ministry they are issued under."""
    lang = current_lang()
    st.caption(t("law.help"))
    frames.dataframe(pd.DataFrame([{
        t("org.year"): str(b.year), t("law.decree"): b.decree, t("law.home_affairs"): b.home_affairs_circular,
        t("law.sector"): b.sector_circular, t("law.ministry"): b.ministry_vi if lang == "vi" else b.ministry_en,
        t("law.confirmed"): t("law.yes") if b.confirmed else t("org.unconfirmed")} for b in bases]),
        hide_index=True, width="stretch")
    by_year = {b.year: b for b in bases}
    year = int(st.number_input(t("org.year"), min_value=2000, max_value=2100, step=1, value=date.today().year,
                               key="law_year"))
    row = by_year.get(year)
    with st.form(f"law_form_{year}"):
        law = st.text_input(t("law.law"), row.law if row else "")
        decree = st.text_input(t("law.decree"), row.decree if row else "")
        home = st.text_input(t("law.home_affairs"), row.home_affairs_circular if row else "")
        sector = st.text_input(t("law.sector"), row.sector_circular if row else "")
        c1, c2, c3 = st.columns(3)
        ministry_vi = c1.text_input(t("law.ministry"), row.ministry_vi if row else "")
        ministry_en = c2.text_input(t("law.ministry_en"), row.ministry_en if row else "")
        office = c3.text_input(t("law.office"), row.reading_office_vi if row else "")
        pack_codes = ["", *packs.PACKS]
        pack = st.selectbox(t("law.pack"), pack_codes, index=pack_codes.index(row.pack) if row and row.pack in
                            pack_codes else 0, format_func=lambda p: t(f"law.pack.{p or 'none'}"),
                            placeholder=t("common.choose"))
        source = st.text_area(t("law.source"), row.source if row else "", height=80)
        confirmed = st.checkbox(t("law.confirm"), value=bool(row and row.confirmed))
        if st.form_submit_button(t("common.save"), type="primary"):
            run_action(lambda s: legal.save_legal_basis(
                session=s, actor=user, year=year, law=law, decree=decree, home_affairs_circular=home,
                sector_circular=sector, ministry_vi=ministry_vi, ministry_en=ministry_en, reading_office_vi=office,
                source=source, confirmed=confirmed, pack=pack), t("law.saved", year=year))
