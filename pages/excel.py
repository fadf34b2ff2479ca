"""Excel round-trip: download a unit's template pre-filled with what is stored, upload it back, see a dry run
(row-by-row errors and the changes), then apply all changes or none."""

import hashlib

import streamlit as st

from components.documents import results_workbook
from components.rules.errors import DomainError
from components.ui import import_preview as import_ui
from components.ui import pickers, uploads
from components.ui.auth import require_role
from components.ui.feedback import run_action, show_flash
from components.ui.language import current_lang, error_text, t
from db import entry, reference, results_import, scope
from db.engine import session_scope

user = require_role("province", "chair", "admin")
st.title(t("page.excel"))
show_flash()
st.caption(t("entry.excel.intro"))

with session_scope() as session:
    choices = entry.entry_choices(session=session,
                                     cluster_id=scope.cluster_for(session=session, actor=user).id)
picked = pickers.pick_year_and_unit(user, choices, "excel", own_unit_only=True)
if picked is None:
    st.stop()
year, unit_id = picked
lang = current_lang()

with session_scope() as session:
    sheet = entry.entry_sheet(session=session, actor=user, unit_id=unit_id, year=year)
    unit = reference.unit_names(session=session, year=year)[unit_id]
    template = results_workbook.build_template(indicators=[r.indicator for r in sheet.rows],
                                    figures={r.indicator.code: r.current for r in sheet.rows if r.current},
                                    unit_code=unit.code, unit_name=unit.name_vi, year=year, lang=lang)
st.download_button(t("entry.excel.download"), template, file_name=f"ket_qua_{unit.code}_{year}.xlsx",
                   mime=results_workbook.XLSX_MIME, icon=":material/download:")
if sheet.refusal:
    st.info(t("entry.excel.readonly", why=t(f"entry.readonly.{sheet.refusal}")), icon=":material/lock:")
    st.stop()

version = st.session_state.setdefault("excel_upload_version", 0)
upload = uploads.file_uploader(t("entry.excel.upload"), types=["xlsx"], own_max_bytes=results_workbook.MAX_BYTES,
                               key=f"excel_upload_{unit_id}_{year}_{version}")
if upload is None:
    st.stop()
data = upload.getvalue()
try:
    with st.spinner(t("entry.excel.checking")):
        # bounded, before a database connection is taken, and once per file (kept by its hash across reruns)
        parsed = import_ui.parsed_once(data, results_workbook.parse_upload)
        with session_scope() as session:
            plan = results_import.dry_run(session=session, actor=user, unit_id=unit_id, year=year, parsed=parsed)
except DomainError as exc:
    st.error(error_text(exc), icon=":material/error:")
    st.stop()

names = {r.indicator.code: r.indicator.name_vi if lang == "vi" else r.indicator.name_en for r in sheet.rows}
import_ui.import_plan_tables(plan, names)
if plan.errors:
    st.error(t("entry.excel.blocked"), icon=":material/block:")
elif plan.changes:
    digest = hashlib.sha256(data).hexdigest()[:16]
    confirmed = import_ui.unusual_confirmation(plan, names, key=f"excel_unusual_{digest}")
    if st.button(t("entry.excel.confirm", n=len(plan.changes)), type="primary", key=f"excel_apply_{digest}",
                 icon=":material/done_all:"):
        with st.spinner(t("entry.excel.applying")):
            run_action(lambda s: results_import.apply_plan(session=s, actor=user, unit_id=unit_id, year=year, plan=plan,
                                                           confirm_unusual=confirmed),
                             t("entry.excel.applied", n=len(plan.changes)),
                             on_success=lambda: st.session_state.update(excel_upload_version=version + 1))
