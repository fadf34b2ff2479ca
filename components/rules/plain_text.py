"""Text a user gave, shown as text: the one helper every page uses before such a text reaches Streamlit's
markdown (st.markdown, st.caption, st.info/error/..., labels, st.write of a string) or HTML (unsafe_allow_html).

`plain(text)` writes every character that markdown or HTML could read as markup (< > & " ' and the markdown
punctuation: [ ] ( ) ! * _ ` # | ~ $ : \\ { } + - . / = @) as a numeric character reference. Markdown decodes
such a reference into the literal character and never treats it as syntax, and so does HTML inside an
unsafe_allow_html block: an `<img onerror>`, an `<iframe srcdoc>`, a markdown image or link, an autolinked URL,
a heading or a `:color[...]` directive in a stored name is displayed exactly as typed, nothing is fetched and
no element is built from it. Newlines are kept (a markdown line break).

References alone do not stop GFM's autolinks, which are found in the decoded text (www.example.org,
https://..., name@example.org): a WORD JOINER (U+2060, invisible, no line break) goes after "www" before its dot,
after a scheme before its colon, and after an "@", so that no link is made from a stored text."""

from __future__ import annotations

import re

MARKUP = set("<>&\"'[]()!*_`#|~$:\\{}+-./=@%")
_TABLE = {ord(c): f"&#{ord(c)};" for c in MARKUP}
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?:\bwww(?=\.)|\b(?:https?|ftps?|mailto|xmpp)(?=:)|@)")


def plain(text: object) -> str:
    """A user's text for markdown or HTML, shown literally (None gives "")."""
    if text is None:
        return ""
    unlinked = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, str(text))
    return unlinked.translate(_TABLE).replace("\r\n", "\n").replace("\n", "  \n")


# control characters (tab and line breaks excepted): refused in every stored text, as they break the XML of the
# Excel templates and the DOCX documents written from it later
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control(text: str) -> bool:
    return bool(CONTROL.search(text))
