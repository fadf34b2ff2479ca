"""The chair's and the administrator's "open the next year" panel on the board: everything the new year takes over is
shown before anything is saved (members through the lineage, the criteria table, the legal basis and pack, the
awarding body, the deadline), and one button opens it."""

from __future__ import annotations

from datetime import date, datetime, time

import streamlit as st

from components.i18n.formatting import VN_TZ
from components.rules.plain_text import plain
from components.ui.feedback import attempt, run_action
from components.ui.language import t, tm
from db import year_opening


def open_next_year_panel(user, cluster_id: int, newest: int, infos: dict) -> None:
    year = newest + 1
    with st.expander(t("open_year.title", year=year), icon=":material/event_upcoming:"):
        ok, plan = attempt(lambda s: year_opening.plan_next_year(session=s, actor=user, cluster_id=cluster_id))
        if not ok:
            return
        chosen = st.multiselect(t("open_year.members"), sorted(infos), default=list(plan.members),
                                format_func=lambda u: infos[u].name_vi, key=f"open_year_members_{year}",
                                placeholder=t("common.choose_many"))
        st.caption(t("open_year.members_help", previous=plan.previous))
        day = st.date_input(t("open_year.deadline"), value=None, min_value=date(year, 1, 1),
                            max_value=date(year + 1, 12, 31), format="DD/MM/YYYY", key=f"open_year_deadline_{year}")
        deadline = datetime.combine(day, time(23, 59), tzinfo=VN_TZ) if day else None
        ok, plan = attempt(lambda s: year_opening.plan_next_year(session=s, actor=user, cluster_id=cluster_id,
                                                                 deadline=deadline, unit_ids=list(chosen)))
        if not ok:  # the refusal (e.g. a member that no longer exists, with its successor) is shown above
            return
        lines = [tm("open_year.line_members", n=len(plan.members), names="; ".join(plan.member_names)),
                 t("open_year.line_criteria", year=plan.criteria_from) if plan.criteria_from
                 else t("open_year.line_no_criteria", year=plan.previous),
                 t("open_year.line_pack", pack=t(f"law.pack.{plan.pack or 'none'}")),
                 tm("open_year.line_body", body=plan.awarding_body or "—"),
                 (t("open_year.line_law_carried", year=plan.law_from) if plan.law_from
                  else t("open_year.line_law_own") if plan.law_lines else t("open_year.line_no_law")),
                 *(f"— {plain(line)}" for line in plan.law_lines),
                 t("open_year.line_deadline", at=day.strftime("%d/%m/%Y")) if day else t("open_year.line_no_deadline")]
        st.info(f"**{t('org.preview_title')}**\n\n" + "\n\n".join(lines), icon=":material/visibility:")
        if st.button(t("open_year.confirm", year=year), type="primary", key=f"open_year_confirm_{year}"):
            run_action(lambda s: year_opening.open_next_year(session=s, actor=user, cluster_id=cluster_id,
                                                             deadline=deadline, unit_ids=list(chosen)),
                       t("open_year.done", year=year))
