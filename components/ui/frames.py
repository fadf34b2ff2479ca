"""Tables as Streamlit draws them, with a missing value shown as "—" (Streamlit's own default is "None", a word
from the code, not from the reader's language). Every screen draws its st.dataframe / st.data_editor through here."""

from __future__ import annotations

import streamlit as st

MISSING = "—"


def dataframe(data=None, **kwargs):
    kwargs.setdefault("placeholder", MISSING)
    return st.dataframe(data, **kwargs)


def data_editor(data, **kwargs):
    kwargs.setdefault("placeholder", MISSING)
    return st.data_editor(data, **kwargs)
