"""Words and numbers in the user's language. The one door to the text catalogue is translate(key, lang)."""

from components.i18n.catalogue import LANGS, translate

__all__ = ["LANGS", "translate"]
