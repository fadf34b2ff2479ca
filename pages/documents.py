"""Văn bản: the year's documents written from the data (covenant, programme, review report, count minutes, review
meeting minutes, proposal for the flag), previewed and downloaded as DOCX and PDF; the chair edits the texts they
carry."""

import streamlit as st

from components.ui import award_export_panel, signed_panels
from components.ui import paperwork_panels as panels
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import legal, paperwork, reference, scope
from db.engine import session_scope

user = require_role("chair", "admin", "ministry")
st.title(t("page.documents"))
show_flash()

with session_scope() as session:
    cluster = scope.cluster_for(session=session, actor=user)
    years = [y for y in reference.list_emulation_years(session=session, cluster_id=cluster.id)]
if not years:
    st.info(t("entry.no_years"))
    st.stop()

by_year = {y.year: y for y in years}
year = st.selectbox(t("docs.year"), sorted(by_year, reverse=True), key="docs_year", placeholder=t("common.choose"))
emulation_year = by_year[year]
kind = st.radio(t("docs.kind"), paperwork.KINDS, key="docs_kind", horizontal=True,
                format_func=lambda k: t(f"docs.kind.{k}"))
with session_scope() as session:
    texts = paperwork.year_texts(session=session, actor=user, emulation_year_id=emulation_year.id)
    law = legal.legal_basis(session=session, year=year)
panels.legal_basis_notice(law, year)

panels.texts_form(user, emulation_year.id, year, texts,
                  editable=emulation_year.state != "closed" and user.role != "ministry")
# a signed version is shown as it came back, never generated again
if not signed_panels.signed_status(kind, cluster.id, cluster.code, year, user):
    panels.document_files(kind, cluster.id, cluster.code, year, user)
    signed_panels.upload_form(kind, cluster.id, year, user)

award_export_panel.awards_export(cluster.id, year, user)
