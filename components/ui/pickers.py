"""Choosing the year and the unit on the entry and scoring screens; unit and state labels.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components.rules.errors import DomainError
from components.ui.language import current_lang, error_text, t
from db import criteria_tables, scope, score_sheets
from db.engine import session_scope
from db.entry import EntryChoices, entry_choices
from db.models import EmulationYear


def unit_name(names: dict, unit_id: int) -> str:
    info = names.get(unit_id)
    return "?" if info is None else info.name(current_lang())


def state_label(state: str | None) -> str:
    return t(f"entry.state.{state or 'not_started'}")


def pick_year_and_unit(user, choices: EntryChoices, key: str, *,
                       own_unit_only: bool = False) -> tuple[int, int] | None:
    """The emulation year (the newest open one first) and the unit, from what the page read
    (db.results.entry_choices): a province starts on its own unit; it may look at the others unless own_unit_only."""
    years, names, members = choices.years, choices.names, choices.members
    if not years:
        st.info(t("entry.no_years"))
        return None
    states = {y.year: y.state for y in years}
    options = sorted(states, key=lambda y: (states[y] != "open", -y))
    left, right = st.columns(2)
    year = left.selectbox(t("entry.year"), options, key=f"{key}_year",
                          format_func=lambda y: t("entry.year_option", year=y, state=t(f"year_state.{states[y]}")),
                          placeholder=t("common.choose"))
    units = members[year]
    if user.role == "province" and (own_unit_only or not units):
        units = [user.unit_id]
    index = units.index(user.unit_id) if user.unit_id in units else 0
    unit_id = right.selectbox(t("entry.unit"), units, index=index, key=f"{key}_unit",
                              format_func=lambda u: unit_name(names[year], u), placeholder=t("common.choose"))
    return year, unit_id


@dataclass(frozen=True)
class ScoredSheet:
    """What the self-scoring and review screens show: the year (of the account's cluster), the unit, the year's
    criteria table and the unit's score sheet."""

    year: EmulationYear
    unit_id: int
    current: criteria_tables.YearTable
    sheet: score_sheets.SheetView


def pick_scored_sheet(user, key: str) -> ScoredSheet | None:
    """The year and unit pickers over the signed-in account's cluster, then the year's criteria table and the
    unit's sheet; None when there is nothing to show (no year, or the reason given, e.g. no adopted table)."""
    with session_scope() as session:
        cluster_id = scope.cluster_for(session=session, actor=user).id
        choices = entry_choices(session=session, cluster_id=cluster_id)
    picked = pick_year_and_unit(user, choices, key)
    if picked is None:
        return None
    year, unit_id = picked
    try:
        with session_scope() as session:
            current = criteria_tables.year_table(session=session, year=year, cluster_id=cluster_id)
            ey = scope.cluster_year(session=session, year=year, cluster_id=cluster_id)
            sheet = score_sheets.score_sheet(session=session, actor=user, unit_id=unit_id, year=year)
    except DomainError as exc:
        st.info(error_text(exc), icon=":material/info:")
        return None
    return ScoredSheet(ey, unit_id, current, sheet)
