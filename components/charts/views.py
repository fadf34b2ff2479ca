"""The list of chart views a comparison screen shows, built from a dataset and the viewer's choices. No Streamlit:
the comparisons page, meeting mode, the meeting-pack PDF and the benchmark's reference all draw from this list."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from components.charts import awards_received as award_charts
from components.charts import coverage as coverage_charts
from components.charts import dti as dti_charts
from components.charts import rankings as ranking_charts
from components.charts.common import derived_items, text, unit_labels
from components.rules import scorecard
from components.rules.honours import DEFAULT_STAFF_TARGETS, StaffTargets

ALL_FIELDS = "__all__"


@dataclass
class ComparisonData:
    """Everything the charts of one emulation year read, loaded in one go (and cached as one object)."""

    year: int
    emulation_year_id: int
    cluster_name: tuple[str, str]
    members: pd.DataFrame
    catalogue: pd.DataFrame
    values: pd.DataFrame
    awards: pd.DataFrame
    weights: dict[str, float]
    leaders: pd.DataFrame
    staff_targets: StaffTargets = DEFAULT_STAFF_TARGETS
    history: str = "carried"  # how a merged member's earlier years are shown (db.comparison_queries.HISTORIES)
    # the year's catalogue is its indicator pack; a comparison with the year before shows only the fields of both
    # years' packs (None: every field), and says so where the packs differ (the 2024 / 2025 boundary)
    change_fields: tuple[str, ...] | None = None
    packs_differ: bool = False

    @functools.cached_property
    def indicators(self) -> dict[str, dict]:
        """The catalogue as code -> row, in its order (looked up on every rerun of a comparison page)."""
        return {row["indicator_code"]: row for row in self.catalogue.to_dict("records")}

    @functools.cached_property
    def draft_units(self) -> list[int]:
        """The units whose figures of the year are drafts, not yet submitted (only in a dataset that shows them)."""
        values = self.values
        return sorted(set(values.loc[(values["year"] == self.year) & (values["state"] == "draft"), "unit_id"]))

    def unit_labels(self, lang: str) -> dict[int, str]:
        """unit id -> the member's label in the charts, in the reader's language (asked for on every rerun)."""
        labels = self.__dict__.setdefault("_unit_labels", {})
        if lang not in labels:
            labels[lang] = unit_labels(self.members, lang)
        return labels[lang]


@dataclass
class Choices:
    year: int
    highlight: int | None
    field: str
    coverage_indicator: str | None
    pillar: str
    change_indicator: str | None


@dataclass
class ChartView:
    key: str
    title: str
    chart: dict | None  # a Vega-Lite spec
    frame: pd.DataFrame | None
    table: pd.DataFrame | None = None  # a display table shown with (or instead of) the chart
    notes: list[str] = field(default_factory=list)
    empty: str | None = None  # why there is nothing to draw
    # the figures of the chart derived from merged provinces (Tỉnh, Năm, Chỉ tiêu, Giá trị, Nguồn số liệu), shown
    # under the chart and in the meeting pack: a derived figure is never shown without saying so
    derived: pd.DataFrame | None = None


def _with_derived(view: ChartView, entries: list[tuple], lang: str, cells: bool = False) -> ChartView:
    """The view with its derived figures said: what the marking means, which figures (a note), and their table.
    entries: (unit, year, indicator, shown value, source) of every derived figure the chart draws."""
    if not entries:
        return view
    units, years, indicators, shown, sources = (list(c) for c in zip(*entries))
    view.notes.append(text("charts.derived_marked_cells" if cells else "charts.derived_marked_bars", lang))
    view.notes.append(text("charts.derived_list", lang, items=derived_items(units, years, sources, lang)))
    view.derived = pd.DataFrame({
        text("charts.unit", lang): units, text("charts.year", lang): [str(y) for y in years],
        text("charts.indicator", lang): indicators, text("charts.value", lang): shown,
        text("charts.col.source", lang): sources})
    return view


def _name(ind: dict, lang: str) -> str:
    return ind["name_vi"] if lang == "vi" else ind["name_en"]


def _indicator(data: ComparisonData, code: str | None) -> dict | None:
    if code is None:
        return None
    return data.indicators.get(code)


def scorecard_codes(data: ComparisonData, field_code: str, year: int) -> tuple[list[str], int]:
    """Indicators of the field with at least one figure that year, and how many were left out for having none."""
    cat = data.catalogue if field_code == ALL_FIELDS else data.catalogue[data.catalogue["field"] == field_code]
    reported = set(data.values.loc[data.values["year"] == year, "indicator_code"])
    codes = [c for c in cat["indicator_code"] if c in reported]
    return codes, len(cat) - len(codes)


def coverage_view(data: ComparisonData, choices: Choices, lang: str) -> ChartView:
    title = text("charts.tab.coverage", lang)
    ind = _indicator(data, choices.coverage_indicator)
    if ind is None:
        return ChartView("coverage", title, None, None, empty=text("charts.no_indicator", lang))
    frame = coverage_charts.coverage_frame(data.values, data.members, ind, choices.year, lang)
    if not frame["reported"].any():
        return ChartView("coverage", title, None, frame,
                         empty=text("charts.coverage_none", lang, year=choices.year))
    view = ChartView("coverage", title, coverage_charts.coverage_chart(frame, ind, choices.year, lang,
                                                                       choices.highlight), frame)
    mine = frame[frame["derived"]]
    return _with_derived(view, [(u, y, _name(ind, lang), v, s) for u, y, v, s in zip(
        mine["unit"], mine["year"], mine["label"], mine["source"])], lang)


def dti_view(data: ComparisonData, choices: Choices, lang: str) -> ChartView:
    title = text("charts.tab.dti", lang)
    frame = dti_charts.dti_frame(data.values[data.values["year"] <= choices.year], data.members, choices.pillar, lang)
    if frame["rank"].notna().sum() == 0:
        return ChartView("dti", title, None, frame, empty=text("charts.dti_none", lang))
    gaps = dti_charts.dti_missing(frame)
    notes = [dti_charts.break_note(year, before, after, lang) for year, before, after in dti_charts.dti_breaks(frame)]
    if gaps:
        items = "; ".join(f"{unit} ({', '.join(str(y) for y in years)})" for unit, years in gaps.items())
        notes.append(text("charts.dti_missing", lang, items=items))
    return ChartView("dti", title, dti_charts.dti_chart(frame, choices.pillar, lang, choices.highlight), frame, notes=notes)


def awards_view(data: ComparisonData, choices: Choices, lang: str) -> ChartView:
    title = text("charts.tab.awards", lang)
    frame = award_charts.awards_frame(data.awards, data.members, choices.year, lang)
    if frame["count"].notna().sum() == 0:
        return ChartView("awards", title, None, frame, empty=text("charts.awards_none", lang, year=choices.year))
    return ChartView("awards", title, award_charts.awards_chart(frame, choices.year, lang, choices.highlight), frame)


def rates_view(data: ComparisonData, choices: Choices, lang: str) -> ChartView:
    title = text("charts.rates_title", lang, year=choices.year)
    frame = award_charts.rates_frame(data.values, data.members, choices.year, lang, data.staff_targets)
    if frame["rate"].notna().sum() == 0:
        return ChartView("rates", title, None, frame, empty=None)
    view = ChartView("rates", title, award_charts.rates_chart(frame, choices.year, lang, choices.highlight), frame)
    mine = frame[frame["derived"]]
    return _with_derived(view, [(u, y, t, v, s) for u, y, t, v, s in zip(
        mine["unit"], mine["year"], mine["title"], mine["label"], mine["source"])], lang)


def scorecard_view(data: ComparisonData, choices: Choices, lang: str) -> ChartView:
    title = text("charts.tab.scorecard", lang)
    codes, hidden = scorecard_codes(data, choices.field, choices.year)
    if not codes:
        return ChartView("scorecard", title, None, None, empty=text("charts.scorecard_none", lang, year=choices.year))
    frame = ranking_charts.scorecard_frame(data.values, data.members, data.catalogue, choices.year, lang, codes)
    table = ranking_charts.composite_table(frame, data.members, data.weights, lang)
    notes = [text("charts.scorecard_note", lang)]
    if hidden:
        notes.append(text("charts.scorecard_hidden", lang, count=hidden, year=choices.year))
    notes.append(text("charts.composite_note", lang))
    view = ChartView("scorecard", title, ranking_charts.scorecard_chart(frame, choices.year, lang, choices.highlight),
                     frame, table=table, notes=notes)
    mine = frame[frame["derived"]]
    return _with_derived(view, [(u, y, i, v, s) for u, y, i, v, s in zip(
        mine["unit"], mine["year"], mine["indicator"], mine["value_label"], mine["source"])], lang, cells=True)


def change_view(data: ComparisonData, choices: Choices, lang: str) -> ChartView:
    title = text("charts.tab.change", lang)
    ind = _indicator(data, choices.change_indicator)
    if ind is None:
        return ChartView("change", title, None, None, empty=text("charts.no_indicator", lang))
    frame = coverage_charts.change_frame(data.values, data.members, ind, choices.year, lang)
    view = ChartView("change", title, coverage_charts.change_chart(frame, ind, choices.year, lang, choices.highlight),
                     frame)
    if data.packs_differ:
        view.notes.append(text("charts.change_packs_differ", lang, year=choices.year, previous=choices.year - 1))
    entries = []
    for unit, current, previous, now, before, now_source, before_source in zip(
            frame["unit"], frame["current_derived"], frame["previous_derived"], frame["current_label"],
            frame["previous_label"], frame["current_source"], frame["previous_source"]):
        if previous:
            entries.append((unit, choices.year - 1, _name(ind, lang), before, before_source))
        if current:
            entries.append((unit, choices.year, _name(ind, lang), now, now_source))
    return _with_derived(view, entries, lang)


def leaders_view(data: ComparisonData, lang: str) -> ChartView:
    title = text("charts.leaders", lang)
    if data.leaders.empty:
        return ChartView("leaders", title, None, None, empty=text("charts.leaders_none", lang))
    table = pd.DataFrame({
        text("charts.year", lang): [str(y) for y in data.leaders["year"]],
        text("charts.leader_unit", lang): data.leaders["name_vi" if lang == "vi" else "name_en"],
        text("charts.leader_award", lang): data.leaders["proposed_award"]})
    return ChartView("leaders", title, None, table, table=table)


# each view and the choices it depends on besides the year and the highlight: a new choice rebuilds only the views
# that read it (the highlight is one value of a built spec, see common.with_highlight)
VIEW_INPUTS: dict[str, tuple[str, ...]] = {
    "coverage": ("coverage_indicator",), "dti": ("pillar",), "awards": (), "rates": (), "scorecard": ("field",),
    "change": ("change_indicator",), "leaders": (),
}
_BUILDERS = {"coverage": coverage_view, "dti": dti_view, "awards": awards_view, "rates": rates_view,
             "scorecard": scorecard_view, "change": change_view}


# the slides of meeting mode each view gives, in order (the scorecard's composite table is a slide of its own)
SLIDES_OF_VIEW = {"coverage": ("coverage",), "dti": ("dti",), "awards": ("awards",), "rates": ("rates",),
                  "scorecard": ("scorecard", "composite"), "change": ("change",), "leaders": ("leaders",)}


def _measured(data: ComparisonData, codes, years) -> pd.DataFrame:
    """The members' rows of these indicators in these years that carry a figure."""
    v = data.values
    return v[v["indicator_code"].isin(codes) & v["year"].isin(years) & v["measure"].notna()
             & v["unit_id"].isin(data.members["unit_id"])]


def has_something(key: str, data: ComparisonData, choices: Choices) -> bool:
    """Whether the view would draw anything, read off the dataset without building it: meeting mode lists its
    slides with this and builds only the slide shown. The same conditions as the builders' empty cases above."""
    year = choices.year
    if key == "coverage":
        return _indicator(data, choices.coverage_indicator) is not None and \
            not _measured(data, [choices.coverage_indicator], [year]).empty
    if key == "dti":  # the ranks up to the year
        return not _measured(data, [choices.pillar], [y for y in set(data.values["year"]) if y <= year]).empty
    if key == "awards":
        mine = data.awards[(data.awards["year"] == year) & data.awards["unit_id"].isin(data.members["unit_id"])]
        return bool(mine["count"].notna().any())
    if key == "rates":  # a share needs the staff total and one of the titles' counts of the same unit
        rows = _measured(data, list(award_charts.STAFF_FIGURES), [year])
        totals = set(rows.loc[rows["indicator_code"] == "staff_total", "unit_id"])
        counted = set(rows.loc[rows["indicator_code"] != "staff_total", "unit_id"])
        return bool(totals & counted)
    if key in ("scorecard", "composite"):
        return bool(scorecard_codes(data, choices.field, year)[0])
    if key == "change":
        return _indicator(data, choices.change_indicator) is not None
    if key == "leaders":
        return not data.leaders.empty
    raise KeyError(key)


def build_view(key: str, data: ComparisonData, choices: Choices, lang: str = "vi") -> ChartView:
    if key == "leaders":
        return leaders_view(data, lang)
    return _BUILDERS[key](data, choices, lang)


def build_views(data: ComparisonData, choices: Choices, lang: str = "vi") -> list[ChartView]:
    return [build_view(key, data, choices, lang) for key in VIEW_INPUTS]


def composite_positions(data: ComparisonData, choices: Choices) -> pd.DataFrame:
    """Positions behind the composite ranking (for the weights editor)."""
    codes, _ = scorecard_codes(data, choices.field, choices.year)
    return scorecard.positions(data.values, data.catalogue, list(data.members["unit_id"]), choices.year, codes)
