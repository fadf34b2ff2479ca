"""No stored text becomes markup on any page, for any role: a payload of HTML, markdown and autolinks is written
into every free-text column of the database, onto rows the use cases made for each kind of record
(tests/hostile_text.py; each column is classed there as free text or as a code, and a new column must be classed
before the suite passes); then every screen of every role runs, and no text Streamlit reads as markdown or HTML
(bodies, alerts, headings, captions, labels, help texts, tab and expander labels) carries any part of the payload
unescaped. What only a browser shows (built elements, requests, dialogs) is tests/browser/test_markup_browser.py."""

from __future__ import annotations

import pytest

from components.ui.navigation import screens_for
from tests.helpers import app_test, as_user
from tests.hostile_text import ACCOUNTS, FREE_TEXT, MARKERS, NOT_FREE_TEXT, hostile_database, string_columns


def test_every_string_column_is_classed_as_free_text_or_as_a_code():
    unclassed = [f"{t.name}.{c.name}" for t, c in string_columns()
                 if c.name not in FREE_TEXT.get(t.name, ()) + NOT_FREE_TEXT.get(t.name, ())]
    assert unclassed == [], "class each new column in FREE_TEXT or NOT_FREE_TEXT"


@pytest.fixture
def hostile_db(db_url):
    hostile_database(db_url)
    return db_url


def _markdown_texts(at) -> list[tuple[str, str]]:
    """(where, text) for every text of the run that Streamlit reads as markdown or HTML."""
    found = []

    def visit(message, where):
        for field, value in message.ListFields():
            single = isinstance(value, (str, bytes, int, float, bool)) or hasattr(value, "ListFields")
            for item in ([value] if single else value):
                if hasattr(item, "ListFields"):
                    visit(item, f"{where}.{field.name}")
                elif isinstance(item, str) and field.name in ("body", "label", "help", "caption", "title"):
                    found.append((f"{where}.{field.name}", item))

    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            visit(proto, type(node).__name__)
        stack += list(getattr(node, "children", {}).values())
    return found


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_no_stored_text_becomes_markup_on_any_page_of_the_role(hostile_db, role):
    problems = []
    for screen in screens_for(role):
        if screen.file in ("pages/login.py", "pages/setup.py"):
            continue
        at = as_user(app_test(screen.file), ACCOUNTS[role]).run()
        if at.exception:
            problems.append((screen.file, "exception", str(at.exception)[:300]))
            continue
        for where, text in _markdown_texts(at):
            leaked = [m for m in MARKERS if m in text]
            if leaked:
                problems.append((screen.file, where, leaked, text[:160]))
    assert problems == [], "\n".join(map(str, problems))
