"""t("key") in the session's language, Vietnamese first; English as the second language.

Strings live in components/texts/<area>.py as TEXTS = {key: (vi, en)}; params are str.format placeholders.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import streamlit as st

from components import formatting, texts

LANGS = {"vi": "Tiếng Việt", "en": "English"}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(texts.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"components.texts.{info.name}")
        duplicated = set(merged) & set(module.TEXTS)
        if duplicated:
            raise RuntimeError(f"UI string keys defined twice: {sorted(duplicated)}")
        merged.update(module.TEXTS)
    return merged


def current_lang() -> str:
    lang = st.session_state.get("lang", "vi")
    return lang if lang in LANGS else "vi"


def translate(key: str, lang: str = "vi", **params: object) -> str:
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry[0 if lang == "vi" else 1]
    return text.format(**params) if params else text


def t(key: str, **params: object) -> str:
    return translate(key, current_lang(), **params)


def language_switch() -> None:
    """A compact language selector for the sidebar."""
    st.sidebar.radio("🌐", options=list(LANGS), format_func=LANGS.get, key="lang", horizontal=True,
                     label_visibility="collapsed")


def num(x, decimals: int = 0, missing: str | None = None) -> str:
    return formatting.fmt_number(x, decimals, current_lang(), t("common.not_reported") if missing is None else missing)


def pct(x, decimals: int = 1, missing: str | None = None) -> str:
    return formatting.fmt_percent(x, decimals, current_lang(), t("common.not_reported") if missing is None else missing)


def money(x, missing: str | None = None) -> str:
    return formatting.fmt_money(x, current_lang(), t("common.not_reported") if missing is None else missing)


def error_text(exc) -> str:
    """The sentence for a db.errors.DomainError."""
    return t(f"err.{exc.code}", **exc.params)
