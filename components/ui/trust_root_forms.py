"""The administrator's trust roots for signed documents: the roots installed (none is shipped), installing one
from its certificate file, removing one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n.formatting import fmt_datetime
from components.ui import uploads
from components.ui.feedback import run_action
from components.ui.language import t
from db import signed_documents as signed


def roots_table(roots) -> None:
    if not roots:
        st.warning(t("roots.none"), icon=":material/gpp_maybe:")
        return
    st.dataframe(pd.DataFrame([{t("roots.col.subject"): r.subject, t("roots.col.fingerprint"): r.fingerprint,
                                t("roots.col.until"): fmt_datetime(r.not_after),
                                t("roots.col.added"): fmt_datetime(r.added_at)} for r in roots]),
                 hide_index=True, width="stretch")


def install_form(user) -> None:
    uploaded = uploads.file_uploader(t("roots.upload"), types=["pem", "crt", "cer", "der"], key="roots_upload",
                                      own_max_bytes=1024 * 1024)
    if st.button(t("roots.install"), icon=":material/add_moderator:", disabled=uploaded is None, key="roots_install"):
        data = uploaded.getvalue()
        run_action(lambda s: signed.install_trust_root(session=s, actor=user, data=data), t("roots.installed"))


def remove_form(user, roots) -> None:
    if not roots:
        return
    with st.expander(t("roots.remove"), icon=":material/remove_moderator:"):
        picked = st.selectbox(t("roots.col.subject"), roots, format_func=lambda r: r.subject, key="roots_pick", placeholder=t("common.choose"))
        if st.button(t("roots.remove"), key="roots_remove"):
            run_action(lambda s: signed.remove_trust_root(session=s, actor=user, root_id=picked.id),
                       t("roots.removed"))
