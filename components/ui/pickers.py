"""Choosing the year and the unit on the entry screens; unit and state labels.
"""

from __future__ import annotations

import streamlit as st

from components.ui.language import current_lang, t
from db.results import EntryChoices


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
                          format_func=lambda y: t("entry.year_option", year=y, state=t(f"year_state.{states[y]}")))
    units = members[year]
    if user.role == "province" and (own_unit_only or not units):
        units = [user.unit_id]
    index = units.index(user.unit_id) if user.unit_id in units else 0
    unit_id = right.selectbox(t("entry.unit"), units, index=index, key=f"{key}_unit",
                              format_func=lambda u: unit_name(names[year], u))
    return year, unit_id
