"""The DTI rank over the years, per pillar, as a position that stays comparable when the number ranked changes
(63 provinces until 2023, 34 from 2024).
"""

from __future__ import annotations

import math
from collections import Counter

import altair as alt
import pandas as pd

from components.charts.common import (
    IS_HIGHLIGHTED,
    NOBODY_HIGHLIGHTED,
    _finish,
    _missing,
    _pick,
    filled,
    province_colour,
    records,
    slot,
    template,
    text,
    unit_labels,
    when,
    with_highlight,
)
from components.rules import scorecard

DTI_PILLARS = ("dti_rank", "dti_rank_digital_government", "dti_rank_digital_economy", "dti_rank_digital_society")
# the 2024 index (published 21/10/2025) ranks the 34 provinces formed on 01/07/2025, each the average of its
# pre-merger provinces: a change of method as well as of N
MERGED_PROVINCE_COUNT = 34
WIDTH = 640
LEGEND_LABEL_LIMIT = 360  # px: the longest member label at 13 px is about 300
BREAK_LABEL_DY = -10  # px above the plot's top edge: a rank-1 label ("1/63") sits on that edge


def _ranked_of_by_year(frame: pd.DataFrame) -> dict[int, float]:
    """The number ranked in each year (the most common N reported for it; the smaller one on a tie)."""
    counts: dict[int, Counter] = {}
    for year, of in zip(frame["year"].tolist(), frame["ranked_of"].tolist()):
        if not _missing(of):
            counts.setdefault(int(year), Counter())[float(of)] += 1
    return {year: min(n for n, k in c.items() if k == max(c.values())) for year, c in sorted(counts.items())}


def dti_frame(values: pd.DataFrame, members: pd.DataFrame, pillar: str, lang: str = "vi") -> pd.DataFrame:
    """Every member x every year that has a rank for anyone: rank, ranked_of, "6/63", the share of provinces ranked
    ahead (0 first .. 1 last, comparable across N), and the line segment the point belongs to (a new segment after
    a year without a rank and where N changes, so that no line bridges either); a missing rank stays empty."""
    figures = scorecard.year_figures(values, pillar, tuple(values["year"].unique().tolist()))
    ranked = {year for _, year in figures}
    # every year from the first rank to the last, a year nobody has a rank for included: the axis is the same
    # for every role (a province does not see the others' drafts, and a year drawn only from the ranks it sees
    # would vanish from its axis while the chair's axis shows it)
    years = list(range(min(ranked), max(ranked) + 1)) if ranked else []
    nothing = (math.nan, math.nan)
    province = dict(zip(members["unit_id"].tolist(), members["province"].tolist()))
    grid = [(unit_id, unit, province.get(unit_id, unit), year, *figures.get((unit_id, year), nothing))
            for unit_id, unit in unit_labels(members, lang, values[values["indicator_code"] == pillar]).items()
            for year in years]
    frame = pd.DataFrame(grid, columns=["unit_id", "unit", "province", "year", "rank", "ranked_of"]).astype(
        {"unit_id": "int64", "year": "int64", "rank": "float64", "ranked_of": "float64"})
    per_year = _ranked_of_by_year(frame)
    ranks, unit_ids, row_years = frame["rank"].tolist(), frame["unit_id"].tolist(), frame["year"].tolist()
    # a rank entered without its N is placed with the year's N
    ranked_of = [o if not _missing(o) or _missing(r) else per_year.get(int(y), math.nan)
                 for r, o, y in zip(ranks, frame["ranked_of"].tolist(), row_years)]
    frame["ranked_of"] = pd.array(ranked_of, dtype="float64")
    missing_label = text("charts.not_reported", lang)
    frame["label"] = [missing_label if _missing(r) else
                      (text("charts.rank_of", lang, rank=int(r), of=int(o)) if not _missing(o) else str(int(r)))
                      for r, o in zip(ranks, ranked_of)]
    ahead = [scorecard.share_ranked_ahead(r, o) for r, o in zip(ranks, ranked_of)]
    frame["ahead"] = ahead
    starts = {year for year, _, _ in scorecard.rank_breaks(per_year)}
    segments: list[str | None] = [None] * len(frame)
    latest: dict[int, int] = {}
    order = {u: i for i, u in enumerate(dict.fromkeys(unit_ids))}
    count, previous_drawn, previous_unit = 0, False, None
    for i in sorted(range(len(frame)), key=lambda i: (order[unit_ids[i]], row_years[i])):
        if unit_ids[i] != previous_unit:
            count, previous_drawn, previous_unit = 0, False, unit_ids[i]
        drawn = not _missing(ahead[i])
        if drawn and (not previous_drawn or int(row_years[i]) in starts):
            count += 1
        if drawn:
            segments[i] = f"{unit_ids[i]}-{count}"
            latest[unit_ids[i]] = i
        previous_drawn = drawn
    frame["segment"] = pd.array(segments, dtype="object")
    is_latest = [False] * len(frame)
    label_at = list(ahead)
    by_year: dict[int, list[int]] = {}
    for i in latest.values():
        is_latest[i] = True
        by_year.setdefault(row_years[i], []).append(i)
    for rows in by_year.values():
        for i, placed in zip(rows, _spread([ahead[i] for i in rows])):
            label_at[i] = placed
    frame["latest"] = is_latest
    frame["label_at"] = label_at
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


def dti_chart(frame: pd.DataFrame, pillar: str, lang: str = "vi", highlight_unit_id: int | None = None) -> dict:
    """Share of provinces ranked ahead per province per year (0% at the top = first), so that "34/34" (last) in
    2024 shows as last, not as a climb from "61/63"; points labelled "k/N"; a dashed rule where N or the method
    changes; a year without a rank is a gap in the line, never a point at 0."""
    drawn = frame[frame["ahead"].notna()]
    datasets = {"rows": records(drawn, ["unit_id", "unit", "year", "rank", "ranked_of", "label", "ahead", "label_at",
                                        "segment", "latest"])}
    breaks = dti_breaks(frame)
    if breaks:
        datasets["breaks"] = [{"year": b[0], "break_label": text("charts.dti_break_short", lang, year=b[0], after=b[2])}
                              for b in breaks]
    units = list(dict.fromkeys(frame["unit"]))
    province_of = dict(zip(frame["unit"], frame["province"])) if "province" in frame else {}
    values = {"units": units, "years": sorted(int(y) for y in frame["year"].unique()), "colours": [province_colour(province_of.get(u, u)) for u in units],
              "title": text("charts.dti_title", lang, pillar=text(f"charts.pillar.{pillar}", lang)),
              # halfway back to the year before: the x scale is a point scale padded by half a step on each side
              "half_step": -WIDTH / (2 * max(frame["year"].nunique(), 1))}
    return with_highlight(filled(_dti_template(lang, bool(breaks)), values, datasets), highlight_unit_id)


@template
def _dti_template(lang: str, has_breaks: bool) -> dict:
    # every year of the frame on the axis, also one with no point drawn (see dti_frame)
    x = alt.X("year:O", title=text("charts.year", lang), axis=alt.Axis(labelAngle=0),
              scale=alt.Scale(domain=slot("years")))
    y = alt.Y("ahead:Q", title=text("charts.dti_ahead_axis", lang),
              scale=alt.Scale(reverse=True, domain=[0, 1], zero=False, nice=False),
              axis=alt.Axis(format=".0%"))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)), alt.Tooltip("year:O", title=text("charts.year", lang)),
               alt.Tooltip("label:N", title=text("charts.dti_rank_of", lang)),
               alt.Tooltip("ahead:Q", title=text("charts.dti_ahead", lang), format=".0%")]
    # a fixed palette: the Streamlit theme's palette pairs light and dark shades that read as one colour
    # beside the plot, wide enough for "Tuyên Quang (gồm số liệu Hà Giang đến 2024)"; not under it: Streamlit fits
    # the whole chart into its height, and a legend under the plot squeezed the plot to a strip on the projector
    colour = alt.Color("unit:N", title=text("charts.unit", lang), sort=slot("units"),
                       scale=alt.Scale(domain=slot("units"), range=slot("colours")),
                       legend=alt.Legend(orient="right", labelLimit=LEGEND_LABEL_LIMIT))
    # the highlighted province at full strength, the others dimmed; with nobody highlighted, all nearly full
    opacity = alt.OpacityValue(value=0.3, condition=[{"test": IS_HIGHLIGHTED, "value": 1.0},
                                                     {"test": NOBODY_HIGHLIGHTED, "value": 0.95}])
    base = alt.Chart(alt.NamedData(name=slot("rows"))).encode(x=x, y=y, color=colour)
    lines = base.mark_line().encode(
        detail=alt.Detail("segment:N"), strokeWidth=when(IS_HIGHLIGHTED, alt.StrokeWidthValue, 5, 2.5),
        opacity=opacity)
    points = base.mark_point(filled=True).encode(
        size=when(IS_HIGHLIGHTED, alt.SizeValue, 240, 80), opacity=opacity,
        tooltip=tooltip).add_params(_pick())
    # "k/N" beside the highlighted province's points, or beside each province's latest point when nobody is
    # highlighted; the latest points' labels are spread apart (label_at) so that close ranks do not print over
    # each other
    labels = base.transform_filter(f"{NOBODY_HIGHLIGHTED} ? datum.latest : {IS_HIGHLIGHTED}").mark_text(
        align="left", dx=14, fontSize=13, fontWeight="bold").encode(
        y=alt.Y("label_at:Q", title=text("charts.dti_ahead_axis", lang), axis=alt.Axis(format=".0%"),
                scale=alt.Scale(reverse=True, domain=[0, 1], zero=False, nice=False)),
        text=alt.Text("label:N"))
    layers = [lines, points, labels]
    if has_breaks:
        marks = alt.Chart(alt.NamedData(name=slot("breaks")))
        rule = marks.mark_rule(strokeDash=[6, 4], color="#555555", size=2, xOffset=slot("half_step")).encode(
            x=alt.X("year:O"))
        # above the plot area, where no point or label of a province can be
        rule_text = marks.mark_text(align="center", baseline="bottom", dy=BREAK_LABEL_DY, fontSize=13,
                                    color="#333333", xOffset=slot("half_step")).encode(
            x=alt.X("year:O"), y=alt.YValue(0), text=alt.Text("break_label:N"))
        layers += [rule, rule_text]
    chart = alt.layer(*layers).properties(width=WIDTH, height=380)
    return _finish(chart, slot("title")).to_dict(validate=False)


def dti_missing(frame: pd.DataFrame) -> dict[str, list[int]]:
    """province -> years without a rank, for the "chưa báo cáo" note under the DTI chart."""
    gaps = frame[frame["rank"].isna()]
    return {unit: sorted(int(y) for y in group["year"]) for unit, group in gaps.groupby("unit", sort=False)}
