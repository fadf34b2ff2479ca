"""The house layout: a file's folder says what it may import (read from the source with ast, like
tests/test_permissions.py reads the page guards).

Imports run one way: app.py/pages → components/ui → db → components/documents → components/charts →
components/rules → components/i18n. Only app.py, pages/ and components/ui/ import Streamlit; the pure layers
import no database library either.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import ROOT

LAYERS = ("app", "ui", "db", "documents", "charts", "rules", "i18n")  # each may import only those after it
STREAMLIT = ("streamlit", "streamlit_authenticator", "extra_streamlit_components")
DATABASE = ("sqlmodel", "sqlalchemy", "alembic", "psycopg")
PURE = ("documents", "charts", "rules", "i18n")


def layer_of_path(path: Path) -> str | None:
    parts = path.relative_to(ROOT).parts
    if parts == ("app.py",) or parts[0] == "pages":
        return "app"
    if parts[0] == "db":
        return "db"
    if parts[0] == "components" and len(parts) > 2:
        return parts[1] if parts[1] in LAYERS else None
    return None


def layer_of_module(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "db":
        return "db"
    if parts[0] == "pages" or module == "app":
        return "app"
    if parts[0] == "components" and len(parts) > 1:
        return parts[1] if parts[1] in LAYERS else "components?"
    return None


def app_modules() -> list[Path]:
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").rglob("*.py"),
             *(ROOT / "db").rglob("*.py")]
    return sorted(f for f in files if "__pycache__" not in f.parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it (function bodies too), with the line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module in ("components", "db"):  # "from components import rules" names the package inside
                found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def layer_breaks(path: Path) -> list[str]:
    own = layer_of_path(path)
    if own is None:
        return []
    rank = LAYERS.index(own)
    where = path.relative_to(ROOT)
    breaks = []
    for line, module in imported_modules(path):
        top = module.split(".")[0]
        if top in STREAMLIT and own not in ("app", "ui"):
            breaks.append(f"{where}:{line} imports {module} (Streamlit only in app.py, pages/, components/ui/)")
        if top in DATABASE and own in PURE:
            breaks.append(f"{where}:{line} imports {module} (components/{own} is a pure layer)")
        target = layer_of_module(module)
        if target == "components?":
            breaks.append(f"{where}:{line} imports {module}, which is not in a layer folder")
        elif target is not None and LAYERS.index(target) < rank:
            breaks.append(f"{where}:{line} imports {module}: {own} may not import {target}")
    return breaks


def test_every_app_module_is_in_a_layer():
    assert [str(p.relative_to(ROOT)) for p in app_modules()
            if layer_of_path(p) is None and p.relative_to(ROOT).parts != ("components", "__init__.py")] == []


def test_components_holds_only_layer_folders():
    entries = {p.name for p in (ROOT / "components").iterdir() if p.name != "__pycache__"}
    assert entries == {"__init__.py", "ui", "documents", "charts", "rules", "i18n"}


def test_imports_run_one_way():
    assert [b for p in app_modules() for b in layer_breaks(p)] == []


def test_no_two_modules_share_a_name_across_layers():
    stems = Counter(p.stem for p in app_modules()
                    if p.stem != "__init__" and "versions" not in p.parts and p.parent.name != "texts")
    assert sorted(name for name, n in stems.items() if n > 1) == []


@pytest.mark.parametrize("source, path, expected", [
    ("import streamlit as st\n", "components/rules/x.py", "Streamlit only"),
    ("from sqlmodel import Session\n", "components/charts/x.py", "pure layer"),
    ("from components.ui import feedback\n", "db/x.py", "db may not import ui"),
    ("from db import results\n", "components/documents/x.py", "documents may not import db"),
    ("def f():\n    from components.charts import common\n", "components/rules/x.py",
     "rules may not import charts"),
    ("from components import ui\n", "components/i18n/x.py", "i18n may not import ui"),
])
def test_the_layer_check_catches_a_wrong_import(tmp_path, monkeypatch, source, path, expected):
    """The check itself can fail: a planted wrong import is reported."""
    import tests.test_layers as me

    monkeypatch.setattr(me, "ROOT", tmp_path)
    target = tmp_path / path
    target.parent.mkdir(parents=True)
    target.write_text(source)
    breaks = layer_breaks(target)
    assert len(breaks) == 1 and expected in breaks[0]
