"""Tabs that stay on the open one after a save: a save reruns the page, and Streamlit's plain tabs go back to the
first. The open tab is remembered by an id of its own (the field's code), so a label that counts ("Bưu chính
3 / 5") may change with the save and the same tab is still the one shown."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import streamlit as st

from components.ui.styles import app_styles


def kept_tabs(labels: Sequence[str], *, key: str, ids: Sequence[str] | None = None):
    ids = list(ids if ids is not None else labels)
    label_of = dict(zip(ids, labels))
    # a new set of labels is a new widget (its state was the old label), opened on the remembered tab
    widget_key = f"{key}__{hashlib.sha1('|'.join(labels).encode()).hexdigest()[:10]}"

    def remember() -> None:
        picked = st.session_state.get(widget_key)
        st.session_state[key] = next((i for i, label in label_of.items() if label == picked), ids[0])

    # the remembered tab is given to the widget as its state: passed as default=, it would be part of the widget's
    # identity, and the first click (which changes what is remembered) would make a new widget, redrawn
    # from scratch in the browser while the user types into a field of the open tab
    remembered = label_of.get(st.session_state.get(key))
    if remembered is not None and st.session_state.get(widget_key) != remembered:
        st.session_state[widget_key] = remembered
    app_styles()  # the tab row wraps (see components/ui/styles.py)
    return st.tabs(list(labels), key=widget_key, on_change=remember)


def open_tab(key: str) -> str | None:
    """The id of the tab the user has open (None: the first, never switched)."""
    return st.session_state.get(key)
