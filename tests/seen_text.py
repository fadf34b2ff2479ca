"""What must never reach a person: a code (snake_case), "None", "nan", or an English word of the app's own enums
(components/rules/enums.py) and of the sample criteria table's band codes. Used by the scans of every generated
document and every screen."""

from __future__ import annotations

import re

from components.rules import enums

# the one-word values (a value with "_" is caught as snake_case)
ENUM_WORDS = sorted({value for name in dir(enums) if name.isupper() for value in getattr(enums, name)
                     if isinstance(value, str) and value.isalpha()} | {"excellent", "good", "fair", "weak"})
# a code between slashes ("value/ranked_of/note") counts; a path or address ("docs/a_b.md", "x@y_z.vn") does not
SNAKE = re.compile(r"(?<![\w.@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.@-])")
PLACEHOLDERS = re.compile(r"\b(None|nan|NaN|null|undefined)\b")
ENGLISH = re.compile(r"(?<![\w/.@-])(%s)(?![\w/.@-])" % "|".join(ENUM_WORDS))


# drawn, not read: Streamlit's icon codes (":material/arrow_forward:") and a markdown link's target ("](./entry)")
NOT_READ = re.compile(r":material/[a-z0-9_]+:|\]\([^)\s]*\)")


def leaks(text: str) -> list[str]:
    """Each forbidden word found, with a few characters around it to say where."""
    text = NOT_READ.sub(" ", text)
    found = []
    for pattern in (SNAKE, PLACEHOLDERS, ENGLISH):
        for m in pattern.finditer(text):
            found.append(text[max(0, m.start() - 30):m.end() + 30].replace("\n", " "))
    return found
