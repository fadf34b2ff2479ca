"""Scoring results on screen: the ranked table (self-score beside the verified score, band, eligibility and why),
the heat map of criteria x units, and the scores' proposal for a poll (with the chair's reason when changed)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.charts.score_heatmap import heatmap_frame, score_heatmap
from components.rules.eligibility import government_flag_limit
from components.rules.plain_text import plain
from components.ui.language import current_lang, num, t, tm
from components.ui.score_forms import points_text
from db import standings
from db.engine import session_scope
from db.models import EmulationYear


def _band_label(table, code: str | None) -> str:
    band = next((b for b in table.bands if b.code == code), None)
    if band is None:
        return t("score.no_band")
    return band.label_vi if current_lang() == "vi" else (band.label_en or band.label_vi)


def _reasons(reasons, table) -> str:
    """Why a unit is (not) proposed, in words: a missing condition by its name in the table, never its code."""
    vi = current_lang() == "vi"
    named = {c.code: (c.label_vi if vi else (c.label_en or c.label_vi)) for c in table.conditions}
    out = []
    for code, params in reasons:
        if code == "conditions_missing" and "codes" in params:
            params = {**params, "codes": ", ".join(named.get(c.strip(), c.strip())
                                                   for c in str(params["codes"]).split(","))}
        out.append(t(f"score.reason.{code}", **params))
    return "; ".join(out)


def standings_table(res: standings.YearResults, names: dict[int, str], votes: dict[int, int] | None = None) -> None:
    rows = []
    for r in res.standings:
        # st.table renders its cells as markdown: the unit's name and the reasons shown literally
        row = {t("score.col.rank"): r.rank, t("score.unit"): plain(names.get(r.unit_id, "?")),
               t("score.col.total_self"): points_text(res.self_totals.get(r.unit_id)),
               t("score.col.total_final"): points_text(r.total), t("score.col.band"): _band_label(res.table, r.band),
               t("score.col.eligible"): t("score.yes") if r.meets_standard else t("score.no"),
               t("score.col.proposed"): t("score.yes") if r.proposed else t("score.no"),
               t("score.col.why"): plain(_reasons(r.reasons, res.table))}
        if votes is not None:
            row[t("score.col.votes")] = votes.get(r.unit_id, "")
        rows.append(row)
    # a plain table: it is read, printed and compared at the meeting, not sorted or filtered
    st.table(pd.DataFrame(rows).set_index(t("score.col.rank")) if rows else pd.DataFrame(rows))
    limit = government_flag_limit(res.standings, res.table)
    st.caption(t("score.government_limit", n=limit, pct=num(res.table.government_share_pct)))
    if res.not_submitted:
        st.caption(tm("score.not_submitted_list", units=", ".join(names.get(u, "?") for u in res.not_submitted)))


def heatmap(res: standings.YearResults, names: dict[int, str]) -> None:
    if not res.final_points:
        return
    frame = heatmap_frame(res.final_points, {c.code: c.max_points for c in res.table.criteria}, names)
    st.altair_chart(score_heatmap(frame, t("score.heatmap")), width="stretch")


def override_note(proposal: standings.ProposalRecord | None, names: dict[int, str]) -> None:
    """Printed on the results: the candidates differ from what the scores proposed, and why."""
    if proposal is None or proposal.reason is None:
        return
    proposed = ", ".join(names.get(u, "?") for u in proposal.proposed) or "—"
    st.warning(tm("score.override_printed", proposed=proposed, reason=proposal.reason), icon=":material/edit_note:")


def ballot_proposal(year: EmulationYear, names: dict[int, str]) -> list[int] | None:
    """For the poll settings: the units the year's scores propose (shown), or None when the year is not scored."""
    with session_scope() as session:
        proposal = standings.proposed_candidates(session=session, emulation_year_id=year.id)
    if proposal is None:
        return None
    if proposal.unit_ids:
        st.info(tm("score.proposal", units=", ".join(names.get(u, "?") for u in proposal.unit_ids)),
                icon=":material/how_to_vote:")
    else:
        st.info(t("score.proposal_none"), icon=":material/how_to_vote:")
    if not proposal.locked:
        st.caption(t("score.proposal_provisional"))
    return proposal.unit_ids
