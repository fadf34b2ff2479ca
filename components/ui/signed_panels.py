"""The signed versions on the "Văn bản" screen: "Đã ký số" with the signers, their certificate's issuer, the time
and the hash, the signed file to download (a signed document is never generated again), and the chair's upload of
a signed PDF, checked before anything is kept."""

from __future__ import annotations

import streamlit as st

from components.documents.signed_check import MAX_BYTES
from components.i18n.formatting import fmt_datetime
from components.rules.access import is_secretariat
from components.ui import uploads
from components.ui.feedback import FLASH, attempt
from components.ui.language import t, tm
from db import paperwork
from db import signed_documents as signed
from db.engine import session_scope


def signed_status(kind: str, cluster_id: int, cluster_code: str, year: int, actor) -> bool:
    """Show the document's signed version, if one was brought back; True when there is one."""
    with session_scope() as session:
        versions = [v for v in signed.signed_versions(session=session, actor=actor, cluster_id=cluster_id,
                                                      year=year) if v.kind == kind]
    if not versions:
        return False
    version = versions[0]
    with st.container(border=True):
        st.success(t("signed.badge"), icon=":material/verified:")
        rows = [{t("signed.col_field"): s["field"], t("signed.col_signer"): s["signer"],
                 t("signed.col_issuer"): s["issuer"],
                 t("signed.col_time"): fmt_datetime(_parse(s["signed_at"]), "—")} for s in signed.signers_of(version)]
        st.dataframe(rows, hide_index=True, width="stretch")
        st.caption(tm("signed.details", uploaded=fmt_datetime(version.uploaded_at), sha256=version.sha256,
                      size=f"{version.size:,}".replace(",", ".")))
        st.download_button(t("signed.download"), version.content,
                           paperwork.file_name(kind, year, cluster_code, "pdf").replace(".pdf", "_da_ky.pdf"),
                           mime="application/pdf", icon=":material/verified:", key=f"signed_pdf_{kind}_{year}")
        st.caption(t("signed.not_regenerated"))
    return True


def _parse(text):
    from datetime import datetime

    return datetime.fromisoformat(text) if text else None


def upload_form(kind: str, cluster_id: int, year: int, actor) -> None:
    """The chair (or the administrator) brings back the signed PDF of this document."""
    if not is_secretariat(actor.role):
        return
    with st.expander(t("signed.upload_title"), icon=":material/upload_file:"):
        st.caption(t("signed.upload_help", max_mb=MAX_BYTES // (1024 * 1024)))
        uploaded = uploads.file_uploader(t("signed.upload_label"), types=["pdf"], key=f"signed_upload_{kind}_{year}",
                                          own_max_bytes=MAX_BYTES)
        if not st.button(t("signed.upload_check"), icon=":material/verified_user:", disabled=uploaded is None,
                         key=f"signed_check_{kind}_{year}"):
            return
        if uploaded.size > MAX_BYTES:
            st.error(t("err.signed_too_large", max_mb=MAX_BYTES // (1024 * 1024)), icon=":material/error:")
            return
        data = uploaded.getvalue()
        done, outcome = attempt(lambda session: signed.upload_signed(session=session, actor=actor, kind=kind,
                                                                     cluster_id=cluster_id, year=year, data=data))
        if not done:
            return
        result, row = outcome
        if row is None:
            st.error(t("signed.rejected"), icon=":material/gpp_bad:")
            for problem in result.problems:
                st.markdown("- " + tm(f"err.signed_{problem.code}", **problem.params))
            return
        st.session_state[FLASH] = t("signed.stored")
        st.rerun()
