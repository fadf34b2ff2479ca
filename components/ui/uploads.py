"""The file uploader with its limit said in Vietnamese: the widget's own size limit is the smaller of the app's
limit for that file (evidence, Excel: 5 MB) and the server's (server.maxUploadSize), so that the "… MB per file"
Streamlit prints and the help beside it state the same number. Streamlit's "Drag and drop", "Browse files" and
"per file" stay English (README: Streamlit's own texts)."""

from __future__ import annotations

import streamlit as st

from components.ui.language import t


def limit_mb(own_max_bytes: int) -> int:
    server = int(st.get_option("server.maxUploadSize") or 200)
    return max(1, min(own_max_bytes // (1024 * 1024), server))


def file_uploader(label: str, *, types: list[str], own_max_bytes: int, key: str):
    mb = limit_mb(own_max_bytes)
    return st.file_uploader(label, type=types, key=key, max_upload_size=mb,
                            help=t("common.upload_help", types=", ".join(x.upper() for x in types if x != "jpeg"),
                                   mb=mb))
