"""The DTI rank over the years, per pillar, as a position that stays comparable when the number ranked changes
(63 provinces until 2023, 34 from 2024).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from bench.reference_charts.common import _finish, _highlight, _missing, _pick, _slim, _units, text, when
from components.rules import scorecard

DTI_PILLARS = ("dti_rank", "dti_rank_digital_government", "dti_rank_digital_economy", "dti_rank_digital_society")
# the 2024 index (published 21/10/2025) ranks the 34 provinces formed on 01/07/2025, each the average of its
# pre-merger provinces: a change of method as well as of N
MERGED_PROVINCE_COUNT = 34
WIDTH = 640


def _ranked_of_by_year(frame: pd.DataFrame) -> dict[int, float]:
    """The number ranked in each year (the most common N reported for it)."""
    known = frame.dropna(subset=["ranked_of"])
    return {int(year): float(group["ranked_of"].mode().iloc[0]) for year, group in known.groupby("year")}


def dti_frame(values: pd.DataFrame, members: pd.DataFrame, pillar: str, lang: str = "vi") -> pd.DataFrame:
    """Every member x every year that has a rank for anyone: rank, ranked_of, "6/63", the share of provinces ranked
    ahead (0 first .. 1 last, comparable across N), and the line segment the point belongs to (a new segment after
    a year without a rank and where N changes, so that no line bridges either); a missing rank stays empty."""
    mine = values[values["indicator_code"] == pillar]
    years = sorted(int(y) for y in mine["year"].unique())
    grid = _units(members).merge(pd.DataFrame({"year": years}, dtype="int64"), how="cross")
    frame = grid.merge(mine[["unit_id", "year", "measure", "ranked_of"]], on=["unit_id", "year"], how="left")
    frame = frame.rename(columns={"measure": "rank"})
    frame["ranked_of"] = pd.to_numeric(frame["ranked_of"], errors="coerce").astype("float64")  # Int64 from the db
    per_year = _ranked_of_by_year(frame)
    # a rank entered without its N is placed with the year's N
    frame["ranked_of"] = [o if not _missing(o) or _missing(r) else per_year.get(int(y)) for r, o, y in
                          zip(frame["rank"], frame["ranked_of"], frame["year"])]
    frame["ranked_of"] = frame["ranked_of"].astype("float64")
    frame["label"] = [text("charts.not_reported", lang) if _missing(r) else
                      (text("charts.rank_of", lang, rank=int(r), of=int(o)) if not _missing(o) else str(int(r)))
                      for r, o in zip(frame["rank"], frame["ranked_of"])]
    frame["ahead"] = [scorecard.share_ranked_ahead(r, o) for r, o in zip(frame["rank"], frame["ranked_of"])]
    starts = {year for year, _, _ in scorecard.rank_breaks(per_year)}
    segments, latest = [], {}
    for unit_id, group in frame.sort_values("year").groupby("unit_id", sort=False):
        count, previous_drawn = 0, False
        for index, year, ahead in zip(group.index, group["year"], group["ahead"]):
            drawn = not _missing(ahead)
            if drawn and (not previous_drawn or int(year) in starts):
                count += 1
            segments.append((index, f"{unit_id}-{count}" if drawn else None))
            if drawn:
                latest[unit_id] = index
            previous_drawn = drawn
    frame["segment"] = pd.Series(dict(segments), dtype="object")
    frame["latest"] = frame.index.isin(list(latest.values()))
    frame["label_at"] = frame["ahead"]
    for _, group in frame[frame["latest"]].groupby("year"):
        frame.loc[group.index, "label_at"] = pd.Series(_spread(list(group["ahead"])), index=group.index)
    return frame


LABEL_GAP = 0.07  # of the 0-100% axis: two "k/N" labels of one year never closer (ranks 35 and 38 of 63 are 0.05)


def _spread(positions: list[float], gap: float = LABEL_GAP) -> list[float]:
    """Label heights near the given positions, at least gap apart, kept within 0..1 where there is room."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    if placed and placed[-1] > 1.0:
        placed[-1] = 1.0
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    out = [0.0] * len(positions)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def dti_breaks(frame: pd.DataFrame) -> list[tuple[int, int, int]]:
    """(year, N before, N from then) where the ranking changes (see scorecard.rank_breaks)."""
    return scorecard.rank_breaks(_ranked_of_by_year(frame))


def break_note(year: int, before: int, after: int, lang: str = "vi") -> str:
    key = "charts.dti_break_merged" if after == MERGED_PROVINCE_COUNT and after < before else "charts.dti_break"
    return text(key, lang, year=year, before=before, after=after)


def dti_chart(frame: pd.DataFrame, pillar: str, lang: str = "vi", highlight_unit_id: int | None = None):
    """Share of provinces ranked ahead per province per year (0% at the top = first), so that "34/34" (last) in
    2024 shows as last, not as a climb from "61/63"; points labelled "k/N"; a dashed rule where N or the method
    changes; a year without a rank is a gap in the line, never a point at 0."""
    data = _highlight(frame, highlight_unit_id)
    data = _slim(data[data["ahead"].notna()], ["unit_id", "unit", "year", "rank", "ranked_of", "label", "ahead",
                                                "label_at", "segment", "latest", "highlighted"])
    x = alt.X("year:O", title=text("charts.year", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("ahead:Q", title=text("charts.dti_ahead_axis", lang),
              scale=alt.Scale(reverse=True, domain=[0, 1], zero=False, nice=False),
              axis=alt.Axis(format=".0%"))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)), alt.Tooltip("year:O", title=text("charts.year", lang)),
               alt.Tooltip("label:N", title=text("charts.dti_rank_of", lang)),
               alt.Tooltip("ahead:Q", title=text("charts.dti_ahead", lang), format=".0%")]
    units = list(dict.fromkeys(frame["unit"]))
    # a fixed palette: the Streamlit theme's palette pairs light and dark shades that read as one colour
    colour = alt.Color("unit:N", title=text("charts.unit", lang), sort=units,
                       scale=alt.Scale(domain=units, scheme="tableau10"))
    dimmed = 0.3 if highlight_unit_id is not None else 0.95
    opacity = when("datum.highlighted", alt.OpacityValue, 1.0, dimmed)
    base = alt.Chart(data).encode(x=x, y=y, color=colour)
    lines = base.mark_line().encode(
        detail=alt.Detail("segment:N"), strokeWidth=when("datum.highlighted", alt.StrokeWidthValue, 5, 2.5),
        opacity=opacity)
    points = base.mark_point(filled=True).encode(
        size=when("datum.highlighted", alt.SizeValue, 240, 80), opacity=opacity,
        tooltip=tooltip).add_params(_pick())
    # "k/N" beside the highlighted province's points, or beside each province's latest point
    labelled = "datum.highlighted" if highlight_unit_id is not None else "datum.latest"
    # the latest points' labels are spread apart (label_at) so that close ranks do not print over each other
    labels = base.transform_filter(labelled).mark_text(align="left", dx=14, fontSize=13, fontWeight="bold").encode(
        y=alt.Y("label_at:Q", title=text("charts.dti_ahead_axis", lang), axis=alt.Axis(format=".0%"),
                scale=alt.Scale(reverse=True, domain=[0, 1], zero=False, nice=False)),
        text=alt.Text("label:N"))
    layers = [lines, points, labels]
    breaks = dti_breaks(frame)
    if breaks:
        marks = pd.DataFrame({"year": [b[0] for b in breaks],
                              "break_label": [text("charts.dti_break_short", lang, year=b[0], after=b[2])
                                              for b in breaks]})
        # halfway back to the year before: the x scale is a point scale padded by half a step on each side
        half_step = WIDTH / (2 * max(frame["year"].nunique(), 1))
        rule = alt.Chart(marks).mark_rule(strokeDash=[6, 4], color="#555555", size=2, xOffset=-half_step).encode(
            x=alt.X("year:O"))
        rule_text = alt.Chart(marks).mark_text(align="right", baseline="top", dx=-6, dy=4, fontSize=13,
                                               color="#333333", xOffset=-half_step).encode(x=alt.X("year:O"), y=alt.YValue(0),
                                                                       text=alt.Text("break_label:N"))
        layers += [rule, rule_text]
    chart = alt.layer(*layers).properties(width=WIDTH, height=380)
    return _finish(chart, text("charts.dti_title", lang, pillar=text(f"charts.pillar.{pillar}", lang)))


def dti_missing(frame: pd.DataFrame) -> dict[str, list[int]]:
    """province -> years without a rank, for the "chưa báo cáo" note under the DTI chart."""
    gaps = frame[frame["rank"].isna()]
    return {unit: sorted(int(y) for y in group["year"]) for unit, group in gaps.groupby("unit", sort=False)}
