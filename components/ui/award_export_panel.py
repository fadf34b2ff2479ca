"""The awards of the year for other software, on the "Văn bản" screen: CSV, XLSX, JSON, and a ZIP of them with the
signed PDFs, prepared on request; the screen says that no national upload format has been published."""

from __future__ import annotations

import streamlit as st

from components.documents.awards_export import FORMAT_NOTE
from components.ui.feedback import attempt
from components.ui.language import t
from db import award_export

MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json": "application/json", "zip": "application/zip"}
PREPARED = "_awards_export"


def awards_export(cluster_id: int, year: int, actor) -> None:
    with st.expander(t("export.title", year=year), icon=":material/ios_share:"):
        st.caption(FORMAT_NOTE.split(" / ")[0])
        key = (cluster_id, year)
        if st.button(t("export.prepare"), icon=":material/ios_share:", key=f"awards_export_prepare_{year}"):
            ok, out = attempt(lambda s: award_export.awards_out(session=s, actor=actor, cluster_id=cluster_id,
                                                                year=year))
            if ok:
                files = {fmt: award_export.export_bytes(out, fmt) for fmt in award_export.EXPORT_FORMATS}
                st.session_state[PREPARED] = (key, out.cluster_code, len(out.rows), len(out.signed), files)
        prepared = st.session_state.get(PREPARED)
        if not prepared or prepared[0] != key:
            return
        _, code, rows, signed, files = prepared
        st.caption(t("export.counts", n=rows, signed=signed))
        for column, fmt in zip(st.columns(len(files)), files):
            column.download_button(fmt.upper(), files[fmt], f"khen_thuong_{code}_{year}.{fmt}", mime=MIME[fmt],
                                   key=f"awards_export_{fmt}_{year}", width="stretch")
