"""Every screen opens for one role allowed on it (OpenMS's test_gui.py, here over navigation.SCREENS): the page
runs to its end with no exception and no traceback text, on the sample data."""

from __future__ import annotations

import pytest

from components.ui.navigation import SCREENS
from tests.helpers import app_test, as_user, texts

# an account of the sample data (tests/conftest.py's demo accounts) for each role
ACCOUNT = {"admin": "admin", "chair": "chair", "province": "sonla"}
SHOWN = [s for s in SCREENS if s.file not in ("pages/login.py", "pages/setup.py")]


def allowed_account(screen) -> str:
    for role in ("chair", "province", "admin"):
        if not screen.roles or role in screen.roles:
            return ACCOUNT[role]
    pytest.fail(f"{screen.file}: no sample account may open it ({screen.roles})")


@pytest.mark.parametrize("screen", SHOWN, ids=[s.file for s in SHOWN])
def test_the_screen_opens_for_an_allowed_role(db_url, screen):
    at = as_user(app_test(screen.file), allowed_account(screen)).run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Traceback" not in shown and "Error" not in shown
    assert shown.strip(), f"{screen.file} showed nothing"
