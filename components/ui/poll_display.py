"""Streamlit pieces shared by the vote pages: unit names, the live count, the published result, actions with
Vietnamese errors, and the minutes download."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.charts import poll_result
from components.i18n.formatting import fmt_datetime
from components.rules.tally import Tally
from components.ui import frames
from components.ui.language import current_lang, num, pct, plain_table, t, tm
from db import polls
from db.models import Poll

PROJECTOR_DISCOVER_SECONDS = 10.0  # the projector looks for another current poll this often (the count is pushed)

BIG_CSS = """
<style>
.vote-big {font-size: 7rem; font-weight: 800; line-height: 1.05; text-align: center; color: #1f4e79;}
.vote-big small {font-size: 2.2rem; font-weight: 600; color: #555;}
.vote-banner {font-size: 2.6rem; font-weight: 700; text-align: center; margin: .4rem 0 1rem 0;}
.vote-grid {display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: .6rem;}
.vote-unit {font-size: 1.7rem; padding: .6rem .9rem; border-radius: .6rem; border: 2px solid #d0d7de;}
.vote-unit.voted {background: #e6f4ea; border-color: #1e8e3e;}
.vote-unit.waiting {background: #fff8e1; border-color: #f9a825;}
.vote-unit.absent {color: #888; background: #f3f3f3;}
.vote-count-small {font-size: 2.4rem; font-weight: 700; margin-bottom: .4rem;}
.vote-count-label {font-size: .95rem; font-weight: 400; color: #555;}
.vote-winner {font-size: 3.2rem; font-weight: 800; text-align: center; color: #c0392b;}
.vote-receipt {font-size: 3rem; font-weight: 800; letter-spacing: .2rem; text-align: center;
               border: 3px dashed #1e8e3e; border-radius: .8rem; padding: .8rem; margin: .6rem 0;}
</style>
"""


# the projector fills the screen the room reads: no sidebar, and sizes that follow the screen's height, so that
# every member's card fits (7 at 1366x768, 34 at 1920x1080)
PROJECTOR_CSS = BIG_CSS + """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
.block-container { max-width: 100% !important; padding: 1rem 1.5rem !important; }
.vote-big {font-size: clamp(3rem, 12vh, 7rem);}
.vote-big small {font-size: clamp(1.1rem, 3.2vh, 2.2rem);}
.vote-banner {font-size: clamp(1.4rem, 4.2vh, 2.6rem); margin: .2rem 0 .5rem 0;}
.vote-grid {grid-template-columns: repeat(auto-fill, minmax(13.5rem, 1fr)); gap: .5rem;}
.vote-unit {font-size: clamp(.95rem, 2.4vh, 1.7rem); padding: .3rem .7rem; line-height: 1.25;}
.vote-winner {font-size: clamp(1.8rem, 6vh, 3.2rem);}
</style>
"""


def big_css() -> None:
    st.html(BIG_CSS)


def projector_css() -> None:
    st.html(PROJECTOR_CSS)


def names_in_language(infos: dict) -> dict[int, str]:
    """Unit names in the user's language, from the names the page read (db.reference.unit_names of the poll's
    year: the names the ballots and the minutes use)."""
    lang = current_lang()
    return {i: n.name(lang) for i, n in infos.items()}


def poll_label(poll: Poll) -> str:
    return " — ".join((poll_label_of(poll.title, poll.round_no), t(f"vote.state.{poll.state}")))


def poll_label_of(title: str, round_no: int) -> str:
    return " — ".join(x for x in (title, t("vote.round", n=round_no) if round_no > 1 else "") if x)


def live_count(status: polls.PollStatus, names: dict[int, str], *, big: bool) -> None:
    """Ballots cast against voters present, and which units have voted (never how)."""
    present = len(status.present)
    if big:
        st.markdown(f"<div class='vote-big' data-testid='vote-count'>{status.ballots_cast} / {present}"
                    f"<br><small>{html.escape(t('vote.ballots_of_present'))}</small></div>", unsafe_allow_html=True)
    else:
        st.metric(t("vote.ballots_of_present"), f"{status.ballots_cast} / {present}")
    cells = []
    for unit_id in status.eligible:
        if unit_id in status.voted:
            kind, mark = "voted", t("vote.unit_voted")
        elif unit_id in status.present:
            kind, mark = "waiting", t("vote.unit_waiting")
        else:
            kind, mark = "absent", t("vote.unit_absent")
        cells.append(f"<div class='vote-unit {kind}'><b>{html.escape(names.get(unit_id, '?'))}</b><br>"
                     f"<span>{html.escape(mark)}</span></div>")
    if not big:
        st.html(BIG_CSS.replace("1.7rem", "1rem"))
    st.markdown(f"<div class='vote-grid'>{''.join(cells)}</div>", unsafe_allow_html=True)


def rule_text(result: Tally) -> str:
    return t(f"vote.rule.{result.rule}") + " — " + t("vote.needed", n=num(result.needed))


def show_result(poll: Poll, result: Tally, names: dict[int, str], *, big: bool = False) -> None:
    """The published (or, for the chair, closed) result: winners, figures, chart with threshold, run-off note."""
    if result.winners:
        winners = ", ".join(names.get(u, "?") for u in result.winners)
        text = tm("vote.winners", names=winners)
        if big:
            st.markdown(f"<div class='vote-winner'>{text}</div>", unsafe_allow_html=True)
        else:
            st.success(text, icon=":material/emoji_events:")
        st.caption(t("vote.flag_proposed"))
    if result.runoff_needed:
        key = "vote.runoff_tie" if result.tie else "vote.runoff_threshold"
        st.warning(tm(key, names=", ".join(names.get(u, "?") for u in result.runoff_candidates),
                     seats=result.seats_left), icon=":material/replay:")
    cols = st.columns(5)
    cols[0].metric(t("vote.present"), f"{result.present} / {result.eligible}")
    cols[1].metric(t("vote.ballots_cast"), num(result.ballots_cast))
    cols[2].metric(t("vote.valid"), num(result.valid))
    cols[3].metric(t("vote.invalid"), num(result.invalid))
    cols[4].metric(t("vote.blank"), num(result.blank) if not poll.paper else "—")
    st.markdown(f"**{t('vote.rule_applied')}:** {rule_text(result)}")
    winner, other = t("vote.chart_winner"), t("vote.chart_other")
    frame = poll_result.result_frame(result, names, winner, other)
    chart = poll_result.result_chart(frame, needed=result.needed, votes_title=t("vote.votes"),
                                    threshold_label=t("vote.threshold_line", n=result.needed),
                                    winner_label=winner, other_label=other, font_size=22 if big else 14)
    st.altair_chart(chart, width="stretch")
    if not big:
        table = frame.rename(columns={"unit": t("vote.unit"), "votes": t("vote.votes"), "result": t("vote.result")})
        table[t("vote.share")] = [pct(100 * v / result.ballots_cast) if result.ballots_cast else "—"
                                  for v in frame["votes"]]
        frames.dataframe(table, hide_index=True, width="stretch")


def minutes_button(poll: Poll, build: Callable[[], bytes]) -> None:
    """Download of the minutes (biên bản kiểm phiếu); the page's build() makes the PDF when the button is clicked."""
    st.download_button(t("vote.minutes_download"), data=build, mime="application/pdf", icon=":material/picture_as_pdf:",
                       file_name=f"bien-ban-kiem-phieu-{poll.id}-vong-{poll.round_no}.pdf", key=f"minutes_{poll.id}",
                       on_click="ignore")


def poll_times(poll: Poll) -> str:
    parts = [(t("vote.opened_at"), poll.opened_at), (t("vote.closed_at"), poll.closed_at),
             (t("vote.published_at"), poll.published_at)]
    return " · ".join(f"{label}: {fmt_datetime(at)}" for label, at in parts if at)


def ballot_table(ballots: list[polls.PublishedBallot], names: dict[int, str], *, named: bool) -> None:
    """The receipts counted, by code (alphabetical: the codes are random, so no order in time). A secret poll's
    list has no choices (they are not published by receipt); a named poll's shows each voter's choices."""
    rows = []
    for b in ballots:
        row = {t("vote.receipt"): b.receipt}
        if b.choices is not None:
            row[t("vote.choices")] = ", ".join(names.get(u, "?") for u in b.choices) or t("vote.blank_ballot")
        row[t("vote.valid")] = t("common.yes") if b.valid else t("common.no")
        if named:
            row[t("vote.voter")] = names.get(b.voter_unit_id, "?")
        rows.append(row)
    frames.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def incidents(found: list[polls.Incident]) -> None:
    """Every reset and early close of the poll, with its time and written reason."""
    for i in found:
        st.warning(tm(f"vote.incident.{i.action}", at=fmt_datetime(i.at), reason=i.reason, n=num(i.ballots)),
                   icon=":material/report:")


def question_polls(records: list[polls.PollRecord]) -> None:
    """Every poll of the year that was opened or received a ballot, with its counts: a re-run never hides the poll
    it replaced."""
    if len(records) < 2 and not any(r.early_close_reason or r.rerun_of_id for r in records):
        return
    titles = {r.poll_id: r.title for r in records}
    rows = []
    for r in records:
        notes = []
        if r.rerun_of_id:
            notes.append(t("vote.qp_rerun", title=titles.get(r.rerun_of_id, "?"), reason=r.rerun_reason or ""))
        if r.early_close_reason is not None:
            notes.append(t("vote.qp_early", reason=r.early_close_reason))
        rows.append({t("vote.qp_poll"): poll_label_of(r.title, r.round_no), t("vote.qp_state"): t(f"vote.state.{r.state}"),
                     t("vote.qp_ballots"): t("vote.qp_count", n=num(r.ballots), total=num(r.eligible)),
                     t("vote.qp_note"): "; ".join(notes) or "—"})
    st.markdown(f"**{t('vote.question_polls')}**")
    # a table that wraps its cells: the reasons are sentences, and a grid cut them at the column's edge
    st.table(plain_table(pd.DataFrame(rows)), hide_index=True)
