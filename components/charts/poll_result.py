"""The result chart of a vote: a pure function from the tally to an Altair chart (no Streamlit, unit-testable)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.rules.tally import Tally

WINNER_COLOUR = "#c0392b"  # the red of the emulation flag
OTHER_COLOUR = "#7f8c8d"


def result_frame(result: Tally, names: dict[int, str], winner_label: str, other_label: str) -> pd.DataFrame:
    rows = [{"unit": names.get(u, str(u)), "votes": v, "result": winner_label if u in result.winners else other_label}
            for u, v in result.ranking()]
    return pd.DataFrame(rows, columns=["unit", "votes", "result"])


def result_chart(frame: pd.DataFrame, *, needed: int, votes_title: str, threshold_label: str,
                 winner_label: str, other_label: str, font_size: int = 14) -> alt.Chart:
    """Horizontal bars, most votes on top, winners in flag red, and the threshold as a dashed rule."""
    order = frame["unit"].tolist()
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("votes:Q", title=votes_title, axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("unit:N", sort=order, title=None),
        color=alt.Color("result:N", scale=alt.Scale(domain=[winner_label, other_label],
                                                     range=[WINNER_COLOUR, OTHER_COLOUR]), legend=None),
        tooltip=["unit", "votes"])
    labels = bars.mark_text(align="left", dx=6, fontSize=font_size + 2, fontWeight="bold").encode(
        text="votes:Q", color=alt.value("#222"))
    rule_frame = pd.DataFrame({"needed": [needed], "label": [threshold_label]})
    rule = alt.Chart(rule_frame).mark_rule(strokeDash=[6, 4], color="#1f4e79", size=2).encode(x="needed:Q")
    rule_text = alt.Chart(rule_frame).mark_text(align="right", dx=-4, dy=-8, color="#1f4e79",
                                                fontSize=font_size).encode(x="needed:Q", y=alt.value(0), text="label:N")
    return (bars + labels + rule + rule_text).properties(height=alt.Step(font_size * 3)).configure_axis(
        labelFontSize=font_size, titleFontSize=font_size, labelLimit=400)
