"""The home page's pieces: what to do next for the signed-in role, then the cluster's years and leading units.
Everything is laid out from db.overview.HomeFacts, read once by the page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_datetime
from components.rules.plain_text import plain
from components.ui import frames
from components.ui.language import current_lang, t, tm
from db.overview import HomeFacts

# where each next step is done (the page's URL path, as st.navigation names it)
STEP_PAGES = {"vote": ("ballot", "home.go.ballot"), "fill": ("entry", "home.go.entry"),
              "submit": ("entry", "home.go.entry"), "open_year": ("admin_catalogue", "home.go.setup"),
              "members_not_set": ("admin_catalogue", "home.go.setup"), "lock_year": ("board", "home.go.board"),
              "chase_late": ("board", "home.go.board"), "follow_entries": ("board", "home.go.board"),
              "create_poll": ("vote_manage", "home.go.vote_manage"), "open_poll": ("vote_manage", "home.go.vote_manage"),
              "close_poll": ("vote_manage", "home.go.vote_manage"),
              "publish_poll": ("vote_manage", "home.go.vote_manage")}
CHAIR_ONLY_PAGES = {"board", "vote_manage"}
ADMIN_ONLY_PAGES = {"admin_catalogue"}


def unit_name(facts: HomeFacts, unit_id: int | None) -> str:
    if unit_id is None or unit_id not in facts.names:
        return ""
    info = facts.names[unit_id]
    return info.name_vi if current_lang() == "vi" else info.name_en


def _deadline_text(facts: HomeFacts) -> str:
    deadline = facts.working.entry_deadline
    if deadline is None:
        return t("home.no_deadline")
    days = facts.days_left
    if days > 0:
        return t("home.deadline_left", at=fmt_datetime(deadline), days=days)
    if days == 0:
        return t("home.deadline_today", at=fmt_datetime(deadline))
    return t("home.deadline_passed", at=fmt_datetime(deadline), days=-days)


def _link(role: str, key: str) -> None:
    page = STEP_PAGES.get(key)
    if page is None or (page[0] in CHAIR_ONLY_PAGES and role not in ("chair", "admin")) or \
            (page[0] in ADMIN_ONLY_PAGES and role != "admin"):
        return
    # a plain link: st.page_link needs the router's page list, which a page opened directly lacks
    st.markdown(f":material/arrow_forward: [{t(page[1])}](./{page[0]})")


def next_steps_panel(facts: HomeFacts, role: str) -> None:
    """The working year's state and what the role has to do now."""
    working = facts.working
    if working is None:
        st.info(t("home.no_year"))
        return
    st.subheader(t("home.working_year", year=working.year, state=t(f"year_state.{working.state}")))
    if role in ("province", "chair", "admin") and working.state in ("open", "locked", "planning"):
        st.caption(_deadline_text(facts))
    if facts.steps:
        with st.container(border=True):
            st.markdown(f"**{t('home.next.title')}**")
            for step in facts.steps:
                message = t(f"home.next.{step.key}", **step.params)
                (st.warning if step.urgent else st.info)(message, icon=":material/priority_high:" if step.urgent
                                                         else ":material/arrow_right:")
                _link(role, step.key)
    if facts.province is not None:
        province_panel(facts)
    if facts.chair is not None:
        chair_panel(facts)
    if facts.gaps or role == "admin":
        admin_panel(facts)


def province_panel(facts: HomeFacts) -> None:
    mine = facts.province
    state = mine.submission_state or "not_started"
    st.markdown(t("home.submission", state=t(f"entry.state.{state}")))
    st.markdown(f"**{t('home.progress')}**")
    frames.dataframe(pd.DataFrame([{t("home.field"): t(f"field.{f}"), t("home.filled"): f"{n} / {m}"}
                               for f, (n, m) in mine.progress.items()]), hide_index=True, width="stretch")
    if mine.missing:
        with st.expander(f"{t('home.missing')} ({sum(len(v) for v in mine.missing.values())})",
                         icon=":material/checklist:"):
            for field_code, names in mine.missing.items():
                st.markdown(f"**{t(f'field.{field_code}')}**: " + "; ".join(plain(n) for n in names))
    else:
        st.success(t("home.missing_none"))


def proposed_members_warning(facts: HomeFacts) -> None:
    """The working year's members are the app's proposal (carried through the lineage): said on the chair's and the
    administrator's screens until the administrator confirms them."""
    if facts.working is not None and facts.members_proposed:
        st.warning(tm("org.members_proposed", year=facts.working.year, note=facts.members_proposed),
                   icon=":material/pending:")


def chair_panel(facts: HomeFacts) -> None:
    proposed_members_warning(facts)
    chair = facts.chair
    if chair.states:
        count = {s: sum(1 for v in chair.states.values() if v == s)
                 for s in ("not_started", "draft", "submitted", "locked")}
        st.markdown(t("home.board_line", year=facts.working.year, submitted=count["submitted"] + count["locked"],
                      total=len(chair.states), draft=count["draft"], none=count["not_started"],
                      locked=count["locked"]))
        # the province alone: seven "Sở Thông tin và Truyền thông ..." in a row say nothing more
        waiting = [facts.names[u].province if u in facts.names else str(u)
                   for u, s in chair.states.items() if s in ("not_started", "draft")]
        if facts.days_left is not None and facts.days_left < 0:
            st.markdown(tm("home.late", units=", ".join(waiting)) if waiting else t("home.late_none"))
        elif waiting:
            st.caption(tm("home.not_submitted", units=", ".join(waiting)))
    st.markdown(t("home.poll", state=t(f"vote.state.{chair.poll_state}")) if chair.poll_state
                else t("home.poll_none"))


def admin_panel(facts: HomeFacts) -> None:
    proposed_members_warning(facts)
    year = facts.working.year
    st.markdown(f"**{t('home.setup_title', year=year)}**")
    if not facts.gaps:
        st.success(t("home.setup_complete", year=year))
        return
    for gap in facts.gaps:
        st.warning(t(f"home.gap.{gap}", year=year), icon=":material/build:")
    _link("admin", "open_year")


def province_of(facts: HomeFacts, unit_id: int | None) -> str:
    """The unit's province: one department per province in a cluster, so the province says which unit it is
    in a table's narrow column."""
    if unit_id is None or unit_id not in facts.names:
        return ""
    return facts.names[unit_id].province


# pixels: together under the main column's 904 px at 1366x768 with the sidebar open; a long theme is cut in its cell
# (the whole text shows on hover), never the table on the right
YEAR_COLUMN_WIDTHS = {"home.year": 60, "home.theme": 330, "home.state": 140, "home.deadline": 130,
                      "home.chair": 110, "home.vice_chair": 110}


def cluster_tables(facts: HomeFacts) -> None:
    """The cluster's years (the whole width: six columns), then its leading units and the working year's members;
    units by their province in the tables, so that every column fits at 1366x768 with the sidebar open."""
    st.subheader(t("home.years"))
    year_columns = {t(k): st.column_config.TextColumn(width=w) for k, w in YEAR_COLUMN_WIDTHS.items()}
    frames.dataframe(pd.DataFrame([{
        t("home.year"): str(y.year), t("home.theme"): y.theme or "", t("home.state"): t(f"year_state.{y.state}"),
        t("home.deadline"): fmt_datetime(y.entry_deadline), t("home.chair"): province_of(facts, y.chair_unit_id),
        t("home.vice_chair"): province_of(facts, y.vice_chair_unit_id)} for y in facts.years]),
        hide_index=True, width="stretch", column_config=year_columns)
    left, right = st.columns(2)
    with left:
        st.subheader(t("home.leading_units"))
        frames.dataframe(pd.DataFrame([{t("home.year"): str(year), t("home.unit"): province_of(facts, unit_id),
                                        t("home.award"): award or ""} for year, unit_id, award in facts.leaders]),
                         hide_index=True, width="stretch")
    with right:
        if facts.working is not None and facts.members:
            st.subheader(t("home.members", year=facts.working.year)
                         + (f" ({t('org.unconfirmed')})" if facts.members_proposed else ""))
            st.markdown("\n".join(f"- {plain(unit_name(facts, u))}" for u in facts.members))
