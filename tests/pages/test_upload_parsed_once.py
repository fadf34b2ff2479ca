"""A workbook is parsed once per content: the preview, the confirmation and every rerun between them reuse the
result by its hash (components/ui/import_preview.py parsed_once), a refusal included; another file is parsed anew."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from components.rules.errors import DomainError
    from components.ui.import_preview import parsed_once

    def parse(data: bytes):
        st.session_state["calls"] = st.session_state.get("calls", 0) + 1
        if data.startswith(b"bad"):
            raise DomainError("excel_not_xlsx")
        return data.upper()

    content = st.session_state.get("content", b"workbook")
    try:
        st.session_state["result"] = parsed_once(content, parse)
    except DomainError as exc:
        st.session_state["result"] = exc.code


def test_the_same_upload_is_parsed_once_across_reruns_and_a_new_one_again():
    at = AppTest.from_function(_script)
    for _ in range(3):
        at.run()
    assert not at.exception
    assert (at.session_state["calls"], at.session_state["result"]) == (1, b"WORKBOOK")
    at.session_state["content"] = b"bad file"
    at.run()
    at.run()
    assert (at.session_state["calls"], at.session_state["result"]) == (2, "excel_not_xlsx")
    at.session_state["content"] = b"another"
    at.run()
    assert (at.session_state["calls"], at.session_state["result"]) == (3, b"ANOTHER")
