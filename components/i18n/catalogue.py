"""The text catalogue: translate(key, lang), Vietnamese first, English as the second language.

Strings live in components/i18n/texts/<area>.py as TEXTS = {key: (vi, en)}; params are str.format placeholders.
Vietnamese nouns do not change with the number; an English text that counts things is a dict of plural forms,
{"one": "{n} indicator saved.", "other": "{n} indicators saved."}, chosen by the count in the param named n, count,
seats or max.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from components.i18n import texts

LANGS = {"vi": "Tiếng Việt", "en": "English"}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(texts.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"components.i18n.texts.{info.name}")
        duplicated = set(merged) & set(module.TEXTS)
        if duplicated:
            raise RuntimeError(f"UI string keys defined twice: {sorted(duplicated)}")
        merged.update(module.TEXTS)
    return merged


COUNT_PARAMS = ("n", "count", "seats", "max")


def plural_form(count: object) -> str:
    """English plural category of a count ("one" or "other"); a count already written as text ("1.542") is read
    back as a whole number."""
    if isinstance(count, str):
        digits = count.replace(".", "").replace(",", "").strip()
        count = int(digits) if digits.isdigit() else None
    return "one" if count == 1 else "other"


def forms_of(text: str | dict[str, str]) -> list[str]:
    """Every written form of a catalogue text (one, or the plural forms)."""
    return [text] if isinstance(text, str) else [text["one"], text["other"]]


def choose_form(text: str | dict[str, str], params: dict) -> str:
    if isinstance(text, str):
        return text
    count = next((params[p] for p in COUNT_PARAMS if p in params), None)
    return text[plural_form(count)]


def translate(key: str, lang: str = "vi", **params: object) -> str:
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = choose_form(entry[0 if lang == "vi" else 1], params)
    return text.format(**params) if params else text
