"""What the comparison screens show: the cached dataset of one emulation year, the viewer's choices, and the
list of chart views built from both. Shared by the comparisons page, meeting mode and the meeting pack.

The page reads the years and the data version itself (db.comparison_queries.years_and_version, one short session);
the widgets here open no session of their own. Caching, keyed on that data version (a counter the database's
triggers raise on every change, read in one row on every page load, so a value saved a moment ago shows on the
next load): the year-independent reads (Readers) once per version, the dataset once per year, each chart once per
year and per the choices it reads; the highlight is set on a built chart, and only the open tab's charts are built.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.charts import common as chart_common
from components.charts import coverage as coverage_charts
from components.charts import dti as dti_charts
from components.charts.views import ALL_FIELDS, VIEW_INPUTS, ChartView, Choices, ComparisonData, build_view
from components.ui.language import current_lang, t, tm
from db import comparison_queries as queries
from db import legal, reference
from db.engine import database_url, session_scope

NO_HIGHLIGHT = 0  # unit ids start at 1; a None option would show as an empty selectbox

AUDIENCE = "charts.audience"  # what the viewer may see (db.comparison_queries.audience), set by choose()


@dataclasses.dataclass(frozen=True)
class Readers:
    """What a dataset reads that does not depend on the year: the units' figures and awards over all years and the
    cluster's leading units. The page keeps them per data version (a year opened next reads none of them again);
    the benchmark's reference reads them straight from the database."""

    values: Callable[[list[int]], pd.DataFrame]
    awards: Callable[[list[int]], pd.DataFrame]
    leaders: Callable[[int], pd.DataFrame]
    catalogue: Callable[[], pd.DataFrame]


def direct_readers(session) -> Readers:
    return Readers(values=lambda unit_ids: queries.indicator_values(session=session, unit_ids=unit_ids),
                   awards=lambda unit_ids: queries.awards(session=session, unit_ids=unit_ids),
                   leaders=lambda cluster_id: queries.leading_units(session=session, cluster_id=cluster_id),
                   catalogue=lambda: queries.indicator_catalogue(session=session))


def load_dataset(*, session, cluster_id: int, cluster_name: tuple[str, str], year: int,
                 emulation_year_id: int, who: tuple = ("all",), readers: Readers | None = None,
                 history: str = queries.HISTORY_CARRIED) -> ComparisonData:
    readers = readers or direct_readers(session)
    members = queries.member_frame(session=session, cluster_id=cluster_id, year=year)
    unit_ids = [int(u) for u in members["unit_id"]]
    # the year's indicator pack (db.legal): the Sở TT&TT's fields until 2024, the Sở KH&CN's from 2025
    fields, change_fields, packs_differ = legal.year_and_change_fields(session=session, year=year)
    catalogue = readers.catalogue()
    catalogue = catalogue if fields is None else catalogue[catalogue["field"].isin(fields)].reset_index(drop=True)
    # a successor shows the figures of the units merged into it, labelled (never added to its own), or, as the
    # viewer chose, a figure derived from them, marked as derived
    values, members = queries.values_with_history(
        session=session, cluster_id=cluster_id, members=members, year=year, fetch=readers.values, history=history,
        who=who,
        kinds=dict(zip(catalogue["indicator_code"].tolist(), catalogue["kind"].tolist())))
    return ComparisonData(
        year=year, emulation_year_id=emulation_year_id, cluster_name=cluster_name, members=members,
        catalogue=catalogue, history=history, change_fields=change_fields, packs_differ=packs_differ,
        values=queries.visible_to(values, who),
        awards=queries.visible_to(readers.awards(unit_ids), who),
        weights=queries.score_weights(session=session, emulation_year_id=emulation_year_id),
        leaders=readers.leaders(cluster_id),
        staff_targets=queries.staff_targets(session=session, emulation_year_id=emulation_year_id))


@st.cache_resource(show_spinner=False, max_entries=32, ttl=3600)
def _cached_dataset(url: str, cluster_code: str, year: int, version: tuple, who: tuple,
                    history: str = queries.HISTORY_CARRIED) -> ComparisonData:
    """The dataset of one year as this audience may see it, with the merged members' history as chosen (the derived
    variant is its own entry: switching back and forth recomputes nothing, and both read the same Readers). url and
    version are part of the cache key only: a new figure changes version, so this runs again. Shared between sessions, never changed by its readers (the chart
    code builds new frames from it): not a copy per rerun, which st.cache_data would unpickle every time."""
    readers = Readers(values=lambda unit_ids: _shared(url, version, "values", tuple(unit_ids)),
                      awards=lambda unit_ids: _shared(url, version, "awards", tuple(unit_ids)),
                      leaders=lambda cluster_id: _shared(url, version, "leaders", cluster_id),
                      catalogue=lambda: _shared(url, version, "catalogue", None))
    with session_scope() as session:
        cluster = reference.get_cluster(session=session, code=cluster_code)
        ey = reference.get_emulation_year(session=session, cluster_id=cluster.id, year=year)
        return load_dataset(session=session, cluster_id=cluster.id, cluster_name=(cluster.name_vi, cluster.name_en),
                            year=year, emulation_year_id=ey.id, who=who, readers=readers, history=history)


@st.cache_resource(show_spinner=False, max_entries=48, ttl=3600)
def _shared(url: str, version: tuple, what: str, key):
    """One of the Readers' reads, kept per data version. Shared between sessions and read-only (every use filters
    or copies it)."""
    with session_scope() as session:
        read = getattr(direct_readers(session), what)
        return read() if key is None else read(list(key) if isinstance(key, tuple) else key)


@st.cache_resource(show_spinner=False, max_entries=256, ttl=3600)
def _built_view(url: str, cluster_code: str, year: int, version: tuple, key: str, inputs: tuple, lang: str,
                who: tuple, _data: ComparisonData, history: str = queries.HISTORY_CARRIED) -> ChartView:
    """One view, built for the choices it reads (views.VIEW_INPUTS), its chart a Vega-Lite spec with nobody
    highlighted. Shared, never changed: chart_views() marks the highlight on a copy. _data (not part of the key:
    url, year and version name it) is the page's dataset, so that a build does not unpickle another copy from the
    dataset cache."""
    choices = Choices(year, None, ALL_FIELDS, None, dti_charts.DTI_PILLARS[0], None)
    for name, value in zip(VIEW_INPUTS[key], inputs):
        setattr(choices, name, value)
    return build_view(key, _data, choices, lang)


OPEN_TAB = "charts_tab"  # the comparisons page's open tab (st.tabs state)
# the comparisons page's tabs (labels "charts.tab.<key>") and the views each shows
TABS: dict[str, tuple[str, ...]] = {"coverage": ("coverage",), "dti": ("dti",), "awards": ("awards", "rates"),
                                    "scorecard": ("scorecard",), "change": ("change",)}


def chart_views(data: ComparisonData, choices: Choices, version: tuple, lang: str,
                keys: list[str] | None = None) -> list[ChartView]:
    """The views for these choices (all, or the given keys): each built once per data version and the choices it
    reads (a new choice rebuilds only the views that read it, and only when shown), the highlight one value set on
    the built spec (a new highlight rebuilds nothing)."""
    url, cluster, who = database_url(), viewed_cluster(), st.session_state.get(AUDIENCE, ("unit", 0))
    views = []
    for key, names in VIEW_INPUTS.items():
        if keys is not None and key not in keys:
            continue
        built = _built_view(url, cluster, data.year, version, key, tuple(getattr(choices, n) for n in names), lang,
                            who, data, data.history)
        chart = None if built.chart is None else chart_common.with_highlight(built.chart, choices.highlight)
        views.append(dataclasses.replace(built, chart=chart))
    return views


VIEWED_CLUSTER = "charts.cluster"


def viewed_cluster() -> str:
    """The code of the cluster the comparison screens show (set by pick_cluster)."""
    return st.session_state.get(VIEWED_CLUSTER) or reference.cluster_code()


def pick_cluster(clusters: list) -> str:
    """The cluster to compare, among those the page read for this account (db.comparison_queries.viewable_clusters):
    a chair, a province or a viewer has its own; the administrator and the ministry choose among all."""
    lang = current_lang()
    codes = {c.code: (c.name_vi if lang == "vi" else c.name_en) for c in clusters}
    if len(codes) > 1:
        default = st.session_state.get(VIEWED_CLUSTER)
        code = st.selectbox(t("org.cluster"), list(codes), format_func=codes.get, key="charts_cluster_pick",
                            index=list(codes).index(default) if default in codes else 0, placeholder=t("common.choose"))
    else:
        code = next(iter(codes), reference.cluster_code())
    st.session_state[VIEWED_CLUSTER] = code
    return code


HISTORY = "charts.history"  # the viewer's choice of the merged members' history (db.comparison_queries.HISTORIES)


def dataset(year: int, version: tuple, history: str = queries.HISTORY_CARRIED) -> ComparisonData:
    return _cached_dataset(database_url(), viewed_cluster(), year, version, st.session_state.get(AUDIENCE, ("unit", 0)),
                           history)


def has_merged_members(data: ComparisonData) -> bool:
    """Whether a member of the year carries the history of units merged into it (the choice of history matters)."""
    return "merged" in data.members and any(data.members["merged"].tolist())


def pick_history(data: ComparisonData) -> str:
    """The viewer's choice for the years before a merger: the predecessors' own figures (the default) or a series
    derived from the merged provinces, each derived figure marked. Shown only when a member has merged units."""
    if not has_merged_members(data):
        return queries.HISTORY_CARRIED
    return persisted(st.radio, HISTORY, list(queries.HISTORIES), queries.HISTORY_CARRIED, label=t("charts.history"),
                     format_func=lambda h: t(f"charts.history.{h}"), help=t("charts.history_help"), horizontal=True)


def drafts_note(data: ComparisonData) -> None:
    """For those who see drafts: which units' figures of the year are drafts, not yet submitted."""
    if data.draft_units:
        labels = data.unit_labels(current_lang())
        st.caption(tm("charts.drafts_shown", units=", ".join(labels.get(int(u), "?") for u in data.draft_units)))


def default_year(years: list[int], version: tuple) -> int:
    """The newest emulation year that most members have already reported for (the year a review conference
    discusses): most members have figures of the year, and the year has at least half as many figures as the
    fullest year (a year with only the published DTI and PII ranks of a few members, their reports not in yet,
    opens on empty charts); else the newest with any figure; else the newest."""
    counts = {}  # year -> (members reporting, figures, members)
    for year in years:
        data = dataset(year, version)
        mine = data.values[data.values["year"] == year]
        counts[year] = (mine["unit_id"].nunique(), len(mine), len(data.members))
    fullest = max((n for _, n, _ in counts.values()), default=0)
    for year in years:
        reporting, figures, members = counts[year]
        if reporting and reporting * 2 >= members and figures * 2 >= fullest:
            return year
    return next((year for year in years if counts[year][0]), years[0])


# --- choices kept across pages ----------------------------------------------------------------------------------


def persisted(widget, key: str, options: list, default, **kwargs):
    """A selectbox-like widget whose value survives a visit to another page (Streamlit drops the state of a widget
    that is not drawn, so the value is also kept under a plain key)."""
    widget_key = f"_w_{key}"
    if st.session_state.get(key, default) not in options:
        st.session_state[key] = default
    if widget_key not in st.session_state or st.session_state[widget_key] not in options:
        st.session_state[widget_key] = st.session_state.get(key, default)
    if widget is not st.radio:
        kwargs.setdefault("placeholder", t("common.choose"))
    value = widget(options=options, key=widget_key, **kwargs)
    st.session_state[key] = value
    return value


def pick_highlight(chart_key: str) -> None:
    """on_select callback of every chart: the clicked province becomes the highlight of every chart."""
    state = st.session_state.get(chart_key)
    points = (state or {}).get("selection", {}).get(chart_common.PICK) if state else None
    if points:
        unit_id = points[0].get("unit_id")
        if unit_id is not None:
            st.session_state["charts.highlight"] = int(unit_id)
            st.session_state["_w_charts.highlight"] = int(unit_id)


def indicator_dicts(data: ComparisonData, field_code: str, kinds: tuple[str, ...] | None = None) -> list[dict]:
    return [ind for ind in data.indicators.values()
            if (field_code == ALL_FIELDS or ind["field"] == field_code) and (kinds is None or ind["kind"] in kinds)]


def indicator_name(ind: dict, lang: str) -> str:
    return ind["name_vi"] if lang == "vi" else ind["name_en"]


def unit_name(data: ComparisonData, unit_id: int | None, lang: str) -> str:
    if unit_id is None:
        return t("charts.highlight_none")
    return data.unit_labels(lang).get(int(unit_id), "?")


def _with_data_first(data: ComparisonData, indicators: list[dict], years: tuple[int, ...]) -> str | None:
    """The first indicator that has figures in every one of the given years, else the first one."""
    if not indicators:
        return None
    for ind in indicators:
        mine = data.values[data.values["indicator_code"] == ind["indicator_code"]]
        if all((mine["year"] == y).any() for y in years):
            return ind["indicator_code"]
    return indicators[0]["indicator_code"]


def default_highlight(user, data: ComparisonData) -> int | None:
    """A province account sees its own unit highlighted; others start with none."""
    if user.role == "province" and user.unit_id in set(int(u) for u in data.members["unit_id"]):
        return int(user.unit_id)
    return None


def choose(user, years: list[int], version: tuple, *, detail: bool = True) -> tuple[ComparisonData, Choices]:
    """Draw the selectors (year, field, highlight and, with detail, the chart-specific ones) into the current
    container and return the dataset and the choices."""
    lang = current_lang()
    st.session_state[AUDIENCE] = queries.audience(user)
    col_year, col_field, col_highlight = st.columns([1, 2, 2])
    with col_year:
        chosen = st.session_state.get("charts.year")
        default = chosen if chosen in years else default_year(years, version)
        year = persisted(st.selectbox, "charts.year", years, default, label=t("charts.year"))
    with st.spinner(t("charts.loading")):
        data = dataset(year, version)
    history = pick_history(data)
    if history != data.history:
        with st.spinner(t("charts.loading")):
            data = dataset(year, version, history)
    present = {i["field"] for i in data.indicators.values()}
    fields = [ALL_FIELDS] + [f for f in reference.FIELDS if f in present]
    with col_field:
        field_code = persisted(st.selectbox, "charts.field", fields, ALL_FIELDS, label=t("charts.field"),
                               format_func=lambda f: t("charts.all_fields") if f == ALL_FIELDS else t(f"field.{f}"))
    units = [NO_HIGHLIGHT] + [int(u) for u in data.members["unit_id"]]
    with col_highlight:
        labels = data.unit_labels(lang)
        highlight = persisted(st.selectbox, "charts.highlight", units, default_highlight(user, data) or NO_HIGHLIGHT,
                              label=t("charts.highlight"), help=t("charts.highlight_help"),
                              format_func=lambda u: labels.get(u, "?") if u else t("charts.highlight_none"))
    highlight = highlight or None
    drafts_note(data)
    coverage = indicator_dicts(data, field_code, coverage_charts.COVERAGE_KINDS)
    every = indicator_dicts(data, field_code)
    # the change compares with the year before: only what both years' packs hold
    anything = [i for i in every if data.change_fields is None or i["field"] in data.change_fields]
    coverage_codes = [i["indicator_code"] for i in coverage]
    change_codes = [i["indicator_code"] for i in anything]
    names = {i["indicator_code"]: indicator_name(i, lang) for i in every}
    choices = Choices(year, highlight, field_code,
                      st.session_state.get("charts.coverage_indicator") or _with_data_first(data, coverage, (year,)),
                      st.session_state.get("charts.pillar", dti_charts.DTI_PILLARS[0]),
                      st.session_state.get("charts.change_indicator") or
                      _with_data_first(data, anything, (year, year - 1)))
    if choices.coverage_indicator not in coverage_codes:
        choices.coverage_indicator = _with_data_first(data, coverage, (year,))
    if choices.change_indicator not in change_codes:
        choices.change_indicator = _with_data_first(data, anything, (year, year - 1))
    if detail:
        c1, c2, c3 = st.columns(3)
        with c1:
            if coverage_codes:
                choices.coverage_indicator = persisted(
                    st.selectbox, "charts.coverage_indicator", coverage_codes, choices.coverage_indicator,
                    label=f"{t('charts.tab.coverage')}: {t('charts.indicator').lower()}", format_func=names.get)
        with c2:
            choices.pillar = persisted(st.selectbox, "charts.pillar", list(dti_charts.DTI_PILLARS), choices.pillar,
                                       label=t("charts.pillar"), format_func=lambda p: t(f"charts.pillar.{p}"))
        with c3:
            if change_codes:
                choices.change_indicator = persisted(
                    st.selectbox, "charts.change_indicator", change_codes, choices.change_indicator,
                    label=f"{t('charts.tab.change')}: {t('charts.indicator').lower()}", format_func=names.get)
    return data, choices


def filters_text(data: ComparisonData, choices: Choices, lang: str) -> str:
    inds = {code: indicator_name(i, lang) for code, i in data.indicators.items()}
    filters = t("charts.filters",
                field=t("charts.all_fields") if choices.field == ALL_FIELDS else t(f"field.{choices.field}"),
                indicator=inds.get(choices.coverage_indicator, "—"), pillar=t(f"charts.pillar.{choices.pillar}"),
                highlight=unit_name(data, choices.highlight, lang))
    if data.history != queries.HISTORY_CARRIED:  # the pack says that it shows derived figures
        filters += "; " + t("charts.history_shown", history=t(f"charts.history.{data.history}"))
    return filters
