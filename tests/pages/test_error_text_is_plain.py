"""A refusal that names something a user typed (a poll title, a unit name, a file name) shows it as text: the
message goes to st.error, which reads markdown, so a stored markdown image or link in the name is never built."""

from __future__ import annotations

import html

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from components.rules.errors import DomainError
    from components.ui.language import error_text

    st.error(error_text(DomainError("vote_rerun_reason_required", title="![x](https://evil.example/p.png) <b>",
                                    min=10)))


def test_a_refusal_shows_the_typed_title_literally():
    at = AppTest.from_function(_script).run()
    assert not at.exception
    shown = at.error[0].value
    assert "![x](" not in shown and "<b>" not in shown  # nothing markdown or HTML could read as markup
    assert "![x](https://evil.example/p.png) <b>" in html.unescape(shown).replace("\u2060", "")
