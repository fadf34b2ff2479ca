"""Who may do what, and that every page guards itself with the roles the router gives it."""

from __future__ import annotations

import ast
from dataclasses import dataclass

import pytest

from components.rules.access import can_edit_unit, can_manage_users, can_run_vote, can_vote, role_allowed
from components.ui.navigation import ALL, SCREENS, screens_for
from tests.conftest import ROOT


@dataclass
class Actor:
    role: str
    unit_id: int | None = None


def test_province_edits_only_its_own_unit():
    assert can_edit_unit(Actor("province", 3), 3)
    assert not can_edit_unit(Actor("province", 3), 4)
    assert can_edit_unit(Actor("chair"), 4) and can_edit_unit(Actor("admin"), 4)
    assert not can_edit_unit(Actor("viewer"), 4)


def test_roles_for_users_and_vote():
    assert can_manage_users(Actor("admin")) and not can_manage_users(Actor("chair"))
    assert can_run_vote(Actor("chair")) and not can_run_vote(Actor("province", 1))
    assert can_vote(Actor("province", 1)) and not can_vote(Actor("chair")) and not can_vote(Actor("province"))


def test_role_allowed():
    assert role_allowed("viewer", ALL)
    assert not role_allowed("province", ("admin",))


def test_admin_pages_are_not_in_a_province_navigation():
    files = {s.file for s in screens_for("province")}
    assert "pages/admin_users.py" not in files and "pages/board.py" not in files
    assert "pages/entry.py" in files and "pages/ballot.py" in files


def _guard_roles(path) -> tuple[str, ...]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        value = getattr(node, "value", None)
        if isinstance(value, ast.Call) and getattr(value.func, "id", None) == "require_role":
            if value.args and isinstance(value.args[0], ast.Starred):
                return ALL if value.args[0].value.id == "ALL" else ()
            return tuple(a.value for a in value.args)
    raise AssertionError(f"{path} does not call require_role(...) at module level")


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.file)
def test_every_page_guards_itself_with_the_registry_roles(screen):
    assert set(_guard_roles(ROOT / screen.file)) == set(screen.roles)


def test_every_page_file_is_registered():
    registered = {s.file for s in SCREENS} | {"pages/login.py", "pages/setup.py"}
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert on_disk == registered
