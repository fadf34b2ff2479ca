"""Streamlit pieces of the comparison screens: one chart view with its exports, the chair's weights, the meeting
pack, the projector style."""

from __future__ import annotations

import functools

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from components.charts import common as chart_common
from components.charts.views import SLIDES_OF_VIEW, ChartView, Choices, ComparisonData, has_something, scorecard_codes
from components.documents import exports
from components.rules import access
from components.rules.errors import DomainError
from components.rules.plain_text import plain
from components.ui import frames
from components.ui.comparison_choices import chart_views, filters_text, indicator_name, pick_highlight
from components.ui.language import error_text, t
from db import comparison_queries as queries
from db.engine import session_scope
from db.models import utcnow

PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
html { font-size: 22px; }
.block-container { max-width: 100% !important; padding-left: 2rem; padding-right: 2rem; padding-top: 1.5rem; }
</style>
"""


def file_stem(year: int, key: str) -> str:
    return f"so-sanh-cum2-{year}-{key}"


def _export_table(view: ChartView, lang: str) -> pd.DataFrame | None:
    return view.table if view.frame is None or view.key == "leaders" else exports.export_table(view.frame, lang)


def _csv(view: ChartView, lang: str) -> bytes:
    return exports.table_csv(_export_table(view, lang))


def _xlsx(view: ChartView, lang: str) -> bytes:
    sheets = {view.title: _export_table(view, lang)}
    if view.table is not None and view.key != "leaders":
        sheets[t("charts.composite")] = view.table
    return exports.tables_xlsx(sheets, view.title)


def export_menu(view: ChartView, year: int, lang: str) -> None:
    """PNG, SVG, CSV and XLSX of one chart; the files (and the tables behind them) are made only when a button is
    pressed."""
    stem = file_stem(year, view.key)
    with st.popover(t("charts.export"), icon=":material/download:"):
        if view.chart is not None:
            chart = view.chart
            st.download_button(t("charts.export_png"), data=functools.partial(exports.chart_png, chart),
                               file_name=f"{stem}.png", mime="image/png", key=f"dl_png_{view.key}",
                               on_click="ignore", icon=":material/image:")
            st.download_button(t("charts.export_svg"), data=functools.partial(exports.chart_svg, chart),
                               file_name=f"{stem}.svg", mime="image/svg+xml", key=f"dl_svg_{view.key}",
                               on_click="ignore", icon=":material/image:")
        if view.frame is not None or view.table is not None:
            st.download_button(t("charts.export_csv"), data=functools.partial(_csv, view, lang),
                               file_name=f"{stem}.csv", mime="text/csv", key=f"dl_csv_{view.key}",
                               on_click="ignore", icon=":material/csv:")
            st.download_button(t("charts.export_xlsx"), data=functools.partial(_xlsx, view, lang),
                               file_name=f"{stem}.xlsx", key=f"dl_xlsx_{view.key}", on_click="ignore",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               icon=":material/table_view:")


@st.cache_resource(show_spinner=False, max_entries=512, ttl=3600)
def _arrow(name: str, _rows: list[dict]) -> bytes:
    """A chart's dataset as the Arrow bytes Streamlit sends to the browser, made once per dataset: its name comes
    from its content (common.dataset_name), so a rerun that shows the same rows converts nothing. Straight from the
    rows to an Arrow table (what Streamlit does with a pyarrow table), not through a pandas frame: ten times
    faster for the year's first draw."""
    try:
        table = pa.Table.from_pylist(_rows)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column of mixed kinds: let pandas find the common type
        return dataframe_util.convert_anything_to_arrow_bytes(_rows)
    return dataframe_util.convert_arrow_table_to_arrow_bytes(table)


def _for_browser(spec: dict) -> dict:
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    return {**spec, "datasets": {name: _arrow(name, rows) for name, rows in datasets.items()}}


def show_view(view: ChartView, *, year: int, lang: str, projector: bool = False, export: bool = True) -> None:
    if view.empty:
        st.info(plain(view.empty))
    if view.chart is not None:
        chart = chart_common.for_projector(view.chart) if projector else view.chart
        key = f"chart_{view.key}"
        st.vega_lite_chart(spec=_for_browser(chart), key=key, on_select=functools.partial(pick_highlight, key),
                           selection_mode=[chart_common.PICK])
    for note in view.notes:
        st.caption(plain(note))
    if view.derived is not None:
        st.markdown(f"**{t('charts.derived_table')}**")
        frames.dataframe(view.derived, hide_index=True, width="stretch")
    if view.table is not None:
        if view.key == "scorecard":
            st.markdown(f"**{t('charts.composite')}**")
        frames.dataframe(view.table, hide_index=True, width="stretch")
    if export and (view.chart is not None or view.table is not None):
        export_menu(view, year, lang)


def weights_panel(user, data: ComparisonData, choices: Choices, lang: str) -> None:
    """The weights behind the composite ranking: shown to everyone, editable by the chair."""
    codes, _ = scorecard_codes(data, choices.field, choices.year)
    if not codes:
        return
    names = {code: indicator_name(i, lang) for code, i in data.indicators.items()}
    current = {c: data.weights.get(c, 1.0) for c in codes}
    st.markdown(f"**{t('charts.weights')}**")
    frames.dataframe(pd.DataFrame({t("charts.indicator"): [names[c] for c in codes],
                               t("charts.weight"): [current[c] for c in codes]}), hide_index=True, width="stretch")
    if not access.can_set_weights(user):
        return
    # a toggle, not an expander: an expander draws its 60 inputs on every rerun even when closed
    if st.toggle(t("charts.weights_edit"), key="charts_weights_edit"):
        with st.form("charts_weights_form"):
            columns = st.columns(2)
            entered = {}
            for i, code in enumerate(codes):
                with columns[i % 2]:
                    entered[code] = st.number_input(plain(names[code]), min_value=0.0, max_value=queries.MAX_WEIGHT,
                                                    value=float(current[code]), step=0.5, key=f"charts_w_{code}",
                                                    help=t("charts.weights_help"))
            submitted = st.form_submit_button(t("charts.weights_save"), type="primary")
        if submitted:
            try:
                with session_scope() as session:
                    queries.save_score_weights(session=session, actor=user, emulation_year_id=data.emulation_year_id,
                                               weights=entered)
            except DomainError as exc:
                st.error(error_text(exc))
            else:
                st.session_state["charts.weights_saved"] = choices.year
                st.rerun()
    if st.session_state.pop("charts.weights_saved", None) == choices.year:
        st.success(t("charts.weights_saved", year=choices.year))


def meeting_pack(data: ComparisonData, choices: Choices, lang: str, version: tuple) -> None:
    """Build the meeting-pack PDF on request, with progress, and offer it for download while it matches the
    current data and filters. Every view goes in, whichever tab is open (built here if not yet)."""
    filters = filters_text(data, choices, lang)
    signature = (version, choices.year, filters, lang)
    st.subheader(t("charts.pack"))
    if st.button(t("charts.pack_make"), icon=":material/picture_as_pdf:", key="charts_pack_make"):
        sections = [exports.PackSection(v.title, v.chart, v.table if v.key in ("scorecard", "leaders") else None,
                                        "\n".join(v.notes) or v.empty, derived=v.derived)
                    for v in chart_views(data, choices, version, lang)
                    if v.chart is not None or v.table is not None]
        with st.status(t("charts.pack"), expanded=True) as status:
            bar = st.progress(0.0)

            def progress(i: int, n: int, title: str) -> None:
                bar.progress(min(1.0, (i - 1) / max(n, 1)), text=t("charts.pack_progress", chart=title))

            pdf = exports.meeting_pack_pdf(sections, year=choices.year, filters=filters, lang=lang,
                                           made_at=utcnow(), on_progress=progress)
            bar.progress(1.0)
            status.update(label=t("charts.pack_ready"), state="complete", expanded=False)
        st.session_state["charts.pack"] = (signature, pdf)
    stored = st.session_state.get("charts.pack")
    if stored is not None:
        if stored[0] == signature:
            st.download_button(t("charts.pack_download"), data=stored[1], file_name=f"{file_stem(choices.year, 'hop')}.pdf",
                               mime="application/pdf", key="charts_pack_download", icon=":material/download:",
                               on_click="ignore", type="primary")
        else:
            st.caption(t("charts.pack_stale"))


# meeting mode's slides in order: each view, the composite table apart from the scorecard
SLIDES = tuple(slide for slides_of in SLIDES_OF_VIEW.values() for slide in slides_of)


def slides(data: ComparisonData, choices: Choices) -> list[str]:
    """Meeting mode: the slides that have something to show, found without building any (views.has_something)."""
    return [key for key in SLIDES if has_something(key, data, choices)]


def slide(key: str, data: ComparisonData, choices: Choices, version: tuple, lang: str) -> ChartView:
    """The one slide shown, built (once per data version and choices) only when it is shown."""
    [view] = chart_views(data, choices, version, lang, keys=["scorecard" if key == "composite" else key])
    if key == "composite":
        return ChartView("composite", t("charts.composite"), None, view.table, table=view.table, notes=view.notes[2:])
    if key == "scorecard":
        derived_notes = view.notes[-2:] if view.derived is not None else []
        return ChartView("scorecard", view.title, view.chart, view.frame, notes=view.notes[:2] + derived_notes,
                         derived=view.derived)
    return view


def clamp_slide(total: int) -> int:
    index = st.session_state.get("charts.slide", 0)
    index = index if isinstance(index, int) else 0
    index = max(0, min(index, total - 1))
    st.session_state["charts.slide"] = index
    return index


def move_slide(step: int, total: int) -> None:
    st.session_state["charts.slide"] = max(0, min(st.session_state.get("charts.slide", 0) + step, total - 1))
