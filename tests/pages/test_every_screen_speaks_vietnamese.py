"""Every screen, for every role of the sample accounts allowed on it, shows no code (snake_case), "None", "nan" or
English word of the app's enums anywhere a person reads: titles, texts, alerts, widget labels, options and
placeholders, tabs, expanders, metrics, buttons and the cells and headers of every table (tests/seen_text.py)."""

from __future__ import annotations

import json
import math
import re

import pytest

from components.ui.navigation import SCREENS, role_allowed
from tests.helpers import app_test, as_user, shown, texts
from tests.seen_text import leaks

ACCOUNTS = {"admin": "admin", "chair": "chair", "province": "sonla"}
CASES = [(s.file, role) for s in SCREENS if s.file not in ("pages/login.py", "pages/setup.py")
         for role in ACCOUNTS if role_allowed(role, s.roles)]


# the chair's criteria editor: a formula's parameters are typed as JSON (shown to the one who edits formulas,
# hidden from readers), and the criterion's code links it to an indicator
TYPED_AS_CODE = {"params"}


def _frame_texts(element) -> list[str]:
    """A table's headers and cells as drawn: a column's configured label instead of its name, a missing value as
    the element's placeholder (Streamlit writes "None" when there is none)."""
    value = element.value
    frame = getattr(value, "data", value)  # a Styler keeps its frame in .data
    config = json.loads(getattr(element.proto, "columns", "") or "{}")
    missing = getattr(element.proto, "placeholder", "") or "None"
    out = []
    for column in frame.columns:
        column_config = config.get(str(column), {})
        if column_config.get("hidden") or str(column) in TYPED_AS_CODE:
            continue
        out.append(str(column_config.get("label") or column))
        # a select column shows each value through its format_func, sent as the options' labels
        labels = {o["value"]: o.get("label", o["value"]) for o in
                  column_config.get("type_config", {}).get("options", []) if isinstance(o, dict)}
        for v in frame[column].tolist():
            if v is None or (isinstance(v, float) and math.isnan(v)):
                out.append(missing)
            elif isinstance(v, str):  # st.table cells are markdown made plain (character references): decoded
                out.append(shown(labels.get(v, v)))
    out += [shown(i) for i in frame.index if isinstance(i, str)]
    return out


def everything_shown(at) -> str:
    parts = [texts(at)]
    for kind in ("selectbox", "multiselect", "radio", "select_slider"):
        for w in getattr(at, kind, []):
            parts += [str(w.label), *[str(o) for o in getattr(w, "options", [])],
                      str(getattr(w.proto, "placeholder", "") or ""), str(w.help or "")]
    for kind in ("text_input", "number_input", "text_area", "date_input", "time_input", "checkbox", "toggle",
                 "button"):
        for w in getattr(at, kind, []):
            parts += [str(w.label), str(getattr(w.proto, "placeholder", "") or ""), str(w.help or "")]
    for w in at.get("download_button"):
        parts.append(str(w.proto.label))
    for w in at.tabs:
        parts.append(str(w.label))
    for w in at.expander:
        parts.append(str(w.label))
    for w in at.metric:
        parts += [str(w.label), str(w.value)]
    for kind in ("table", "dataframe"):
        for w in getattr(at, kind):
            parts += _frame_texts(w)
    return "\n".join(parts)


def _known_names() -> set[str]:
    """Words a person types and reads as they are: the sample's account names (admin, chair, sonla...)."""
    from sqlmodel import Session, select

    from db.engine import get_engine
    from db.models import User

    with Session(get_engine()) as s:
        return set(s.exec(select(User.username)).all())


def _indicator_codes() -> set[str]:
    from sqlmodel import Session, select

    from db.engine import get_engine
    from db.models import Indicator

    with Session(get_engine()) as s:
        return set(s.exec(select(Indicator.code)).all())


def _band_codes() -> set[str]:
    from components.rules.criteria import EXAMPLE_TABLE

    return {b.code for b in EXAMPLE_TABLE.bands}


# the administrator's catalogue edits the indicators' codes themselves (the key of the Excel template); the
# chair's criteria editor edits the bands' codes (readers see the bands by name)
ALLOWED_CODES = {"pages/admin_catalogue.py": _indicator_codes}
EDITOR_CODES = {("pages/scoring_table.py", "chair"): _band_codes}


def _without(text: str, words: set[str]) -> str:
    for word in sorted(words, key=len, reverse=True):
        text = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", "", text)
    return text


@pytest.mark.parametrize("page, role", CASES, ids=[f"{p}-{r}" for p, r in CASES])
def test_no_code_none_or_english_reaches_the_screen(db_url, page, role):
    at = as_user(app_test(page), ACCOUNTS[role]).run()
    assert not at.exception, at.exception
    allowed = _known_names() | (ALLOWED_CODES[page]() if page in ALLOWED_CODES else set()) | \
        (EDITOR_CODES[page, role]() if (page, role) in EDITOR_CODES else set())
    assert leaks(_without(everything_shown(at), allowed)) == []


LIVED_IN = [(p, r) for p, r in CASES if r in ("chair", "province")]


@pytest.mark.parametrize("page, role", LIVED_IN, ids=[f"{p}-{r}" for p, r in LIVED_IN])
def test_no_code_reaches_the_screen_once_the_year_is_scored_and_voted(db_url, page, role):
    """The same scan with 2026 scored on the example table (Sơn La sent, bands and conditions shown) and a vote
    published at 3 of 7 ballots: the states in which the review found "None", "excellent" and "good"."""
    from sqlmodel import Session

    from db.engine import get_engine
    from tests.documents.test_documents_say_what_happened import _scored_2026, _vote_2026_with_three_of_seven

    with Session(get_engine()) as s:
        _scored_2026(s)
        _vote_2026_with_three_of_seven(s)
    at = as_user(app_test(page), ACCOUNTS[role]).run()
    assert not at.exception, at.exception
    allowed = _known_names() | (ALLOWED_CODES[page]() if page in ALLOWED_CODES else set()) | \
        (EDITOR_CODES[page, role]() if (page, role) in EDITOR_CODES else set())
    assert leaks(_without(everything_shown(at), allowed)) == []


@pytest.mark.parametrize("page, role", CASES, ids=[f"{p}-{r}" for p, r in CASES])
def test_every_select_has_a_vietnamese_placeholder(db_url, page, role):
    """Streamlit writes "Choose an option" / "Choose options" where a select has no placeholder of its own."""
    at = as_user(app_test(page), ACCOUNTS[role]).run()
    bare = [w.label for kind in ("selectbox", "multiselect") for w in getattr(at, kind)
            if not getattr(w.proto, "placeholder", "")]
    assert bare == []


def test_the_menu_lists_every_page_and_the_uploads_state_their_limit(monkeypatch):
    from pathlib import Path

    from components.ui import uploads
    from tests.helpers import ROOT

    assert "st.navigation(pages, expanded=True)" in Path(ROOT, "app.py").read_text(encoding="utf-8")
    monkeypatch.setattr(uploads.st, "get_option", lambda name: 200 if name == "server.maxUploadSize" else None)
    assert uploads.limit_mb(5 * 1024 * 1024) == 5
    monkeypatch.setattr(uploads.st, "get_option", lambda name: 2 if name == "server.maxUploadSize" else None)
    assert uploads.limit_mb(5 * 1024 * 1024) == 2  # the server's own limit, when smaller, is the one said
    sources = [p.read_text(encoding="utf-8") for p in (*Path(ROOT, "pages").glob("*.py"),
                                                        *Path(ROOT, "components", "ui").glob("*.py"))
               if p.name != "uploads.py"]
    assert not [s for s in sources if "st.file_uploader(" in s]  # every upload goes through uploads.py
