"""Admin forms: the indicator catalogue and the emulation years. Each form saves through run_action."""

from __future__ import annotations

from datetime import datetime, time

import pandas as pd
import streamlit as st

from components.documents.results_workbook import uom_label
from components.i18n.formatting import VN_TZ, fmt_auto, to_local
from components.rules.enums import INDICATOR_KINDS, YEAR_STATES
from components.ui import frames
from components.ui.feedback import run_action
from components.ui.language import current_lang, t
from db import reference
from db.engine import session_scope


def indicator_catalogue(indicators: list, user) -> None:
    lang = current_lang()
    frames.dataframe(pd.DataFrame([{
        t("admin.cat.code"): i.code, t("admin.cat.field"): t(f"field.{i.field}"),
        t("admin.cat.name_vi"): i.name_vi if lang == "vi" else i.name_en, t("admin.cat.unit"): uom_label(i.unit, lang),
        t("admin.cat.kind"): t(f"kind.{i.kind}"), t("admin.cat.better"): t(f"better.{i.better}"),
        t("admin.cat.min"): fmt_auto(i.min_value, lang), t("admin.cat.max"): fmt_auto(i.max_value, lang),
        t("admin.cat.active"): t("common.yes") if i.active else t("common.no")} for i in indicators]),
        hide_index=True, width="stretch")
    st.subheader(t("admin.cat.edit"))
    picked = st.selectbox(t("admin.cat.pick"), [None, *indicators],
                          format_func=lambda i: t("admin.cat.new") if i is None else f"{i.code} — {i.name_vi}",
                          placeholder=t("common.choose"))
    with st.form("indicator_form"):
        c1, c2 = st.columns(2)
        code = c1.text_input(t("admin.cat.code"), value=picked.code if picked else "")
        field = c2.selectbox(t("admin.cat.field"), reference.FIELDS, format_func=lambda f: t(f"field.{f}"),
                             index=reference.FIELDS.index(picked.field) if picked and picked.field in reference.FIELDS
                             else 0, placeholder=t("common.choose"))
        name_vi = st.text_input(t("admin.cat.name_vi"), value=picked.name_vi if picked else "")
        name_en = st.text_input(t("admin.cat.name_en"), value=picked.name_en if picked else "")
        c1, c2, c3 = st.columns(3)
        unit = c1.text_input(t("admin.cat.unit"), value=picked.unit if picked else "")
        kind = c2.selectbox(t("admin.cat.kind"), INDICATOR_KINDS, format_func=lambda k: t(f"kind.{k}"),
                            index=INDICATOR_KINDS.index(picked.kind) if picked else 0, placeholder=t("common.choose"))
        better = c3.selectbox(t("admin.cat.better"), ("higher", "lower"), format_func=lambda b: t(f"better.{b}"),
                              index=("higher", "lower").index(picked.better) if picked else 0,
                              placeholder=t("common.choose"))
        c1, c2, c3 = st.columns(3)
        min_value = c1.number_input(t("admin.cat.min"), value=picked.min_value if picked else None, format="%g")
        max_value = c2.number_input(t("admin.cat.max"), value=picked.max_value if picked else None, format="%g")
        order = c3.number_input(t("admin.cat.order"), value=picked.sort_order if picked else 0, step=1)
        active = st.checkbox(t("admin.cat.active"), value=picked.active if picked else True)
        if st.form_submit_button(t("common.save"), type="primary"):
            run_action(lambda s: reference.save_indicator(
                session=s, actor=user, indicator_id=picked.id if picked else None, code=code, field=field, name_vi=name_vi,
                name_en=name_en, unit=unit, kind=kind, better=better, min_value=min_value, max_value=max_value,
                sort_order=int(order), active=active), t("admin.cat.saved", code=code))


def emulation_years(years: list, cluster_id: int, units: dict[int, str], user) -> None:
    picked_year = st.selectbox(t("admin.years.edit"), [None, *years],
                               format_func=lambda y: t("admin.years.new") if y is None else str(y.year),
                               placeholder=t("common.choose"))
    # the year is chosen outside the form, so that the officers' selects offer that year's members only
    year = st.number_input(t("common.year"), min_value=2000, max_value=2100, step=1,
                           value=picked_year.year if picked_year else datetime.now().year,
                           key=f"year_form_year_{picked_year.id if picked_year else 'new'}")
    with session_scope() as session:
        members = [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=int(year))]
        names = {i: n.name(current_lang()) for i, n in reference.unit_names(session=session, year=int(year)).items()}
    if members:
        st.caption(t("admin.years.officers_from_members", n=len(members), year=int(year)))
    else:
        st.info(t("admin.years.no_members", year=int(year)), icon=":material/group_off:")
    unit_options = [None, *members]
    for role, stored in (("home.chair", picked_year and picked_year.chair_unit_id),
                         ("home.vice_chair", picked_year and picked_year.vice_chair_unit_id)):
        if stored and stored not in members:
            st.warning(t("admin.years.officer_gone", unit=names.get(stored, units.get(stored, "—")), role=t(role),
                         year=int(year)), icon=":material/warning:")

    def index_of(stored: int | None) -> int:
        return unit_options.index(stored) if stored in unit_options else 0

    with st.form("year_form"):
        theme = st.text_area(t("home.theme"), value=(picked_year.theme or "") if picked_year else "")
        c1, c2 = st.columns(2)
        chair = c1.selectbox(t("home.chair"), unit_options, format_func=lambda u: names.get(u, t("common.none")),
                             index=index_of(picked_year.chair_unit_id if picked_year else None),
                             placeholder=t("common.choose"))
        vice = c2.selectbox(t("home.vice_chair"), unit_options, format_func=lambda u: names.get(u, t("common.none")),
                            index=index_of(picked_year.vice_chair_unit_id if picked_year else None),
                            placeholder=t("common.choose"))
        deadline = picked_year.entry_deadline if picked_year else None
        has_deadline = st.checkbox(t("admin.years.has_deadline"), value=deadline is not None)
        c1, c2 = st.columns(2)
        local = to_local(deadline) if deadline else None
        d = c1.date_input(t("home.deadline"), value=local.date() if local else None, format="DD/MM/YYYY")
        tm = c2.time_input(" ", value=local.time() if local else time(23, 59))
        state = st.selectbox(t("home.state"), YEAR_STATES, format_func=lambda s: t(f"year_state.{s}"),
                             index=YEAR_STATES.index(picked_year.state) if picked_year else 0,
                             placeholder=t("common.choose"))
        if st.form_submit_button(t("common.save"), type="primary"):
            when = datetime.combine(d, tm, tzinfo=VN_TZ) if has_deadline and d else None
            run_action(lambda s: reference.save_emulation_year(
                session=s, actor=user, cluster_id=cluster_id, year=int(year), theme=theme, chair_unit_id=chair,
                vice_chair_unit_id=vice, entry_deadline=when, state=state,
                year_id=picked_year.id if picked_year else None), t("admin.years.saved", year=int(year)))
