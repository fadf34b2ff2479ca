"""The text catalogue: translate(key, lang), Vietnamese first, English as the second language.

Strings live in components/i18n/texts/<area>.py as TEXTS = {key: (vi, en)}; params are str.format placeholders.
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


def translate(key: str, lang: str = "vi", **params: object) -> str:
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry[0 if lang == "vi" else 1]
    return text.format(**params) if params else text
