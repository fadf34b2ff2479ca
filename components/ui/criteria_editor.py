"""The criteria table screen's widgets: the year picker of scoring, the table read-only, and the chair's editor
(criteria, bands, conditions, settings; save the draft, adopt, copy last year's, start from the example)."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from components.documents.criteria_workbook import MAX_BYTES as CRITERIA_MAX_BYTES
from components.documents.criteria_workbook import table_from_xlsx, table_to_xlsx
from components.documents.results_workbook import XLSX_MIME
from components.rules import access
from components.rules.criteria import (
    BAND_COLUMNS,
    CONDITION_COLUMNS,
    CRITERION_COLUMNS,
    CRITERION_KINDS,
    CROSS_AGGREGATES,
    EXAMPLE_TABLE,
    FORMULAS,
    CriteriaTable,
    band_from_row,
    band_row,
    condition_from_row,
    condition_row,
    criterion_from_row,
    criterion_row,
)
from components.rules.errors import DomainError
from components.rules.plain_text import plain
from components.ui import frames, uploads
from components.ui.feedback import run_action
from components.ui.language import current_lang, error_text, num, t
from db import criteria_tables, reference
from db.engine import session_scope


def pick_year(key: str, cluster_id: int) -> int | None:
    """The emulation year of the cluster the page shows (open years first, newest first)."""
    with session_scope() as session:
        years = {y.year: y.state for y in reference.list_emulation_years(session=session, cluster_id=cluster_id)}
    if not years:
        st.info(t("entry.no_years"))
        return None
    options = sorted(years, key=lambda y: (years[y] != "open", -y))
    return st.selectbox(t("score.year"), options, key=f"{key}_year",
                        format_func=lambda y: t("entry.year_option", year=y, state=t(f"year_state.{years[y]}")),
                        placeholder=t("common.choose"))


def table_summary(yt: criteria_tables.YearTable) -> None:
    sums = yt.table.max_by_kind()
    st.markdown(t("score.state_line", state=t(f"score.state.{yt.row.state}"), scale=num(yt.table.scale),
                  base=num(sums["base"], 1), bonus=num(sums["bonus"], 1), penalty=num(sums["penalty"], 1)))
    if yt.locked:
        st.success(t("score.locked_line"), icon=":material/lock:")


def _criteria_frame(table: CriteriaTable) -> pd.DataFrame:
    return pd.DataFrame([criterion_row(c) for c in table.criteria], columns=CRITERION_COLUMNS)


def _bands_frame(table: CriteriaTable) -> pd.DataFrame:
    return pd.DataFrame([band_row(b) for b in table.bands], columns=BAND_COLUMNS)


def _conditions_frame(table: CriteriaTable) -> pd.DataFrame:
    return pd.DataFrame([condition_row(c) for c in table.conditions], columns=CONDITION_COLUMNS)


def _column_config(indicator_codes: list[str]) -> dict:
    return {
        "code": st.column_config.TextColumn(t("score.col.code"), required=True, max_chars=32),
        "group": st.column_config.TextColumn(t("score.col.group"), required=True),
        "name_vi": st.column_config.TextColumn(t("score.col.name_vi"), required=True),
        "name_en": st.column_config.TextColumn(t("score.col.name_en")),
        "max_points": st.column_config.NumberColumn(t("score.col.max_points"), min_value=0, required=True),
        "kind": st.column_config.SelectboxColumn(t("score.col.kind"), options=list(CRITERION_KINDS), default="base",
                                                 format_func=lambda k: t(f"score.kind.{k}")),
        "evidence_required": st.column_config.CheckboxColumn(t("score.col.evidence"), default=True),
        "indicator_code": st.column_config.SelectboxColumn(t("score.col.indicator"), options=["", *indicator_codes]),
        "formula": st.column_config.SelectboxColumn(t("score.col.formula"), options=list(FORMULAS), default="manual",
                                                    format_func=lambda f: t(f"score.formula.{f}")),
        "params": st.column_config.TextColumn(t("score.col.params")),
        "label_vi": st.column_config.TextColumn(t("score.col.label_vi"), required=True),
        "label_en": st.column_config.TextColumn(t("score.col.label_en")),
        "min_total": st.column_config.NumberColumn(t("score.col.min_total"), min_value=0),
        "max_total": st.column_config.NumberColumn(t("score.col.max_total"), min_value=0),
        "floor_pct": st.column_config.NumberColumn(t("score.col.floor_pct"), min_value=0, max_value=100),
        "cap_of": st.column_config.TextColumn(t("score.col.cap_of")),
        "cap_pct": st.column_config.NumberColumn(t("score.col.cap_pct"), min_value=0, max_value=100),
    }


def table_read_only(table: CriteriaTable) -> None:
    # a reader sees what each criterion is worth and how it is scored, not the formula's parameters (JSON)
    config = _column_config([]) | {"params": None}
    st.subheader(t("score.criteria"))
    frames.dataframe(_criteria_frame(table), hide_index=True, column_config=config, key="score_table_ro_criteria")
    st.subheader(t("score.bands"))
    frames.dataframe(_bands_frame(table), hide_index=True, column_config=config | {"code": None},  # by its name
                     key="score_table_ro_bands")
    if table.conditions:
        st.subheader(t("score.conditions"))
        labels = [c.label_vi if current_lang() == "vi" else (c.label_en or c.label_vi) for c in table.conditions]
        st.markdown("\n".join(f"- {plain(x)}" for x in labels))
    st.caption(f"{t('score.flag_quota')}: {table.flag_quota} · {t('score.government_share')}: "
               f"{num(table.government_share_pct)}%")


def _rows(frame: pd.DataFrame) -> list[dict]:
    return [r for r in frame.to_dict("records") if any(v not in (None, "") and v == v for v in r.values())]


def export_button(year: int, table: CriteriaTable) -> None:
    st.download_button(t("score.export"), table_to_xlsx(table), file_name=f"bang-tieu-chi-{year}.xlsx",
                       mime=XLSX_MIME, icon=":material/download:", key=f"score_export_{year}")


def import_form(year: int, cluster_id: int, user) -> None:
    with st.form(f"score_import_{year}", clear_on_submit=True):
        upload = uploads.file_uploader(t("score.import"), types=["xlsx"], own_max_bytes=CRITERIA_MAX_BYTES,
                                       key=f"score_import_file_{year}")
        if st.form_submit_button(t("score.import_button"), icon=":material/upload:") and upload is not None:
            try:  # read before any database session is opened (a slow file must not hold a connection)
                with st.spinner(t("entry.excel.checking")):
                    table = table_from_xlsx(upload.getvalue())
            except DomainError as exc:
                st.error(error_text(exc), icon=":material/error:")
                return
            run_action(lambda s: criteria_tables.save_table(session=s, actor=user, year=year, cluster_id=cluster_id,
                                                       table=table), t("score.saved"))


def table_editor(year: int, cluster_id: int, current: criteria_tables.YearTable | None, user,
                 indicator_codes: list[str]) -> None:
    """The chair's editor of a draft table; start from the current draft, else an empty one."""
    table = current.table if current is not None else CriteriaTable(scale=100, criteria=())
    # the widgets' keys carry the stored draft's digest: when the draft changes (saved, copied, imported) every
    # widget starts again from it instead of keeping a value chosen for the previous draft
    rev = f"{year}_{hashlib.sha1(repr(table).encode()).hexdigest()[:10]}"
    config = _column_config(indicator_codes)
    left, mid, right = st.columns(3)
    if left.button(t("score.copy_last_year"), icon=":material/content_copy:", key="score_copy"):
        run_action(lambda s: criteria_tables.copy_last_year(session=s, actor=user, year=year, cluster_id=cluster_id),
                   t("score.copied"))
    if mid.button(t("score.use_example"), icon=":material/library_books:", key="score_example"):
        run_action(lambda s: criteria_tables.save_table(session=s, actor=user, year=year, cluster_id=cluster_id,
                                                   table=EXAMPLE_TABLE), t("score.saved"))
    st.subheader(t("score.criteria"))
    criteria = frames.data_editor(_criteria_frame(table), num_rows="dynamic", hide_index=True, column_config=config,
                              key=f"score_criteria_{rev}", width="stretch")
    st.subheader(t("score.bands"))
    bands = frames.data_editor(_bands_frame(table), num_rows="dynamic", hide_index=True, column_config=config,
                           key=f"score_bands_{rev}", width="stretch")
    st.subheader(t("score.conditions"))
    conditions = frames.data_editor(_conditions_frame(table), num_rows="dynamic", hide_index=True,
                                column_config=config, key=f"score_conditions_{rev}", width="stretch")
    st.subheader(t("score.settings"))
    a, b, c, d = st.columns(4)
    scale = a.number_input(t("score.scale"), min_value=1.0, value=float(table.scale), key=f"score_scale_{rev}")
    band_codes = [r.get("code") for r in _rows(bands) if r.get("code")]
    flag_band = b.selectbox(t("score.flag_band"), band_codes, key=f"score_flag_band_{rev}",
                            index=band_codes.index(table.flag_band) if table.flag_band in band_codes else 0,
                            placeholder=t("common.choose"))
    quota = c.number_input(t("score.flag_quota"), min_value=0, value=int(table.flag_quota), step=1,
                           key=f"score_quota_{rev}")
    share = d.number_input(t("score.government_share"), min_value=0.0, max_value=100.0,
                           value=float(table.government_share_pct), key=f"score_share_{rev}")
    e, f, g = st.columns(3)
    cross = e.checkbox(t("score.cross_scoring"), value=table.cross_scoring, key=f"score_cross_{rev}")
    aggregate = f.selectbox(t("score.cross_aggregate"), list(CROSS_AGGREGATES), disabled=not cross,
                            index=CROSS_AGGREGATES.index(table.cross_aggregate), key=f"score_aggregate_{rev}",
                            format_func=lambda a: t(f"score.aggregate.{a}"), placeholder=t("common.choose"))
    trim = g.number_input(t("score.cross_trim"), min_value=0, value=int(table.cross_trim), step=1,
                          disabled=not cross, key=f"score_trim_{rev}")

    def build() -> CriteriaTable:
        return CriteriaTable(
            scale=float(scale), criteria=tuple(criterion_from_row(r) for r in _rows(criteria)),
            bands=tuple(band_from_row(r) for r in _rows(bands)), flag_band=flag_band or None,
            flag_quota=int(quota), government_share_pct=float(share),
            conditions=tuple(condition_from_row(r) for r in _rows(conditions)), cross_scoring=bool(cross),
            cross_aggregate=aggregate, cross_trim=int(trim))

    save_col, adopt_col = st.columns(2)
    if save_col.button(t("score.save_draft"), type="primary", icon=":material/save:", key="score_save"):
        run_action(lambda s: criteria_tables.save_table(session=s, actor=user, year=year, cluster_id=cluster_id,
                                                   table=build()), t("score.saved"))
    if current is not None and adopt_col.button(t("score.adopt"), icon=":material/verified:", key="score_adopt"):
        def adopt(s):
            criteria_tables.save_table(session=s, actor=user, year=year, cluster_id=cluster_id, table=build())
            criteria_tables.adopt_table(session=s, actor=user, year=year, cluster_id=cluster_id)
        run_action(adopt, t("score.adopted_msg", year=year))


def can_edit(user, current: criteria_tables.YearTable | None) -> bool:
    return access.can_draft_criteria(user) and (current is None or not current.adopted)
