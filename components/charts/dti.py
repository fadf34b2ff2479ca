"""The DTI rank over the years, per pillar.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.charts.common import _finish, _highlight, _missing, _pick, _slim, _units, text

DTI_PILLARS = ("dti_rank", "dti_rank_digital_government", "dti_rank_digital_economy", "dti_rank_digital_society")


def dti_frame(values: pd.DataFrame, members: pd.DataFrame, pillar: str, lang: str = "vi") -> pd.DataFrame:
    """Every member x every year that has a rank for anyone: rank, ranked_of and "6/63"; missing rank stays empty."""
    mine = values[values["indicator_code"] == pillar]
    years = sorted(mine["year"].unique())
    grid = _units(members).merge(pd.DataFrame({"year": years}, dtype="int64"), how="cross")
    frame = grid.merge(mine[["unit_id", "year", "measure", "ranked_of"]], on=["unit_id", "year"], how="left")
    frame = frame.rename(columns={"measure": "rank"})
    frame["label"] = [text("charts.not_reported", lang) if _missing(r) else
                      (text("charts.rank_of", lang, rank=int(r), of=int(o)) if not _missing(o) else str(int(r)))
                      for r, o in zip(frame["rank"], frame["ranked_of"])]
    return frame


def dti_chart(frame: pd.DataFrame, pillar: str, lang: str = "vi", highlight_unit_id: int | None = None):
    """Rank per province per year on a reversed axis (1 at the top); the number ranked (63, later 34) in the
    tooltip. A year without a rank is a gap in the line, never a point at 0."""
    data = _highlight(frame, highlight_unit_id)
    data = _slim(data[data["rank"].notna()], ["unit_id", "unit", "year", "rank", "ranked_of", "label", "highlighted"])
    top = int(max(data["ranked_of"].max() if data["ranked_of"].notna().any() else 0, data["rank"].max()
                  if len(data) else 1, 1))
    x = alt.X("year:O", title=text("charts.year", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("rank:Q", title=text("charts.dti_rank_axis", lang),
              scale=alt.Scale(reverse=True, domain=[1, top], zero=False, nice=False))
    tooltip = [alt.Tooltip("unit:N", title=text("charts.unit", lang)), alt.Tooltip("year:O", title=text("charts.year", lang)),
               alt.Tooltip("label:N", title=text("charts.dti_rank_of", lang))]
    units = list(dict.fromkeys(frame["unit"]))
    # a fixed palette: the Streamlit theme's palette pairs light and dark shades that read as one colour
    colour = alt.Color("unit:N", title=text("charts.unit", lang), sort=units,
                       scale=alt.Scale(domain=units, scheme="tableau10"))
    dimmed = 0.3 if highlight_unit_id is not None else 0.95
    opacity = alt.condition("datum.highlighted", alt.value(1.0), alt.value(dimmed))
    base = alt.Chart(data).encode(x=x, y=y, color=colour, detail="unit:N")
    lines = base.mark_line().encode(
        strokeWidth=alt.condition("datum.highlighted", alt.value(5), alt.value(2.5)), opacity=opacity)
    points = base.mark_point(filled=True).encode(
        size=alt.condition("datum.highlighted", alt.value(240), alt.value(80)), opacity=opacity,
        tooltip=tooltip).add_params(_pick())
    labels = base.transform_filter("datum.highlighted").mark_text(align="left", dx=10, fontSize=13,
                                                                  fontWeight="bold").encode(text="label:N")
    chart = alt.layer(lines, points, labels).properties(width=640, height=380)
    return _finish(chart, text("charts.dti_title", lang, pillar=text(f"charts.pillar.{pillar}", lang)))


def dti_missing(frame: pd.DataFrame) -> dict[str, list[int]]:
    """province -> years without a rank, for the "chưa báo cáo" note under the DTI chart."""
    gaps = frame[frame["rank"].isna()]
    return {unit: sorted(int(y) for y in group["year"]) for unit, group in gaps.groupby("unit", sort=False)}
