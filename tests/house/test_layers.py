"""The house layout: a file's folder says what it may import (read from the source with ast, like
tests/house/test_permissions.py reads the page guards).

Imports run one way: app.py/pages → components/ui → db → components/documents → components/charts →
components/rules → components/i18n. Only app.py, pages/ and components/ui/ import Streamlit; the pure layers
import no database library either.

And the data layer's own rules (README, "the data layer"): a db/ function reads rows, asks components/rules,
writes the audit trail through db/audit.py only, returns data and words nothing (db/ imports no text catalogue);
every cluster_id it takes is required (db/scope.py decides which cluster, never a default).
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
    """Among the importable modules (components/, db/): a page is a URL, and nothing imports it, so
    pages/entry.py and db/entry.py may share their name."""
    stems = Counter(p.stem for p in app_modules()
                    if p.stem != "__init__" and "versions" not in p.parts and p.parent.name != "texts"
                    and p.relative_to(ROOT).parts[0] in ("components", "db"))
    assert sorted(name for name, n in stems.items() if n > 1) == []


def db_modules() -> list[Path]:
    return sorted(p for p in (ROOT / "db").glob("*.py") if p.name != "__init__.py")


def data_layer_breaks(path: Path) -> list[str]:
    """What a db/ module does that the data layer's rules forbid (see the module's docstring)."""
    where = path.relative_to(ROOT)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    breaks = [f"{where}:{line} imports {module} (db/ words nothing: the words are the screens' and documents')"
              for line, module in imported_modules(path) if module.startswith("components.i18n.catalogue")
              or module == "components.i18n.texts"]
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            defaults = dict(zip([a.arg for a in args.args][len(args.args) - len(args.defaults):], args.defaults))
            defaults |= {a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None}
            if "cluster_id" in defaults:
                breaks.append(f"{where}:{node.lineno} {node.name}() has a default cluster_id")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ValueChange"
                and path.name != "audit.py"):
            breaks.append(f"{where}:{node.lineno} writes a ValueChange itself (the trail's one writer is db/audit.py)")
    return breaks


def test_the_data_layer_keeps_its_rules():
    assert [b for p in db_modules() for b in data_layer_breaks(p)] == []


@pytest.mark.parametrize("source, expected", [
    ("def f(*, session, cluster_id: int | None = None):\n    pass\n", "default cluster_id"),
    ("def f(session, cluster_id=1):\n    pass\n", "default cluster_id"),
    ("from components.i18n.catalogue import translate\n", "words nothing"),
    ("def f(session):\n    session.add(ValueChange(what='x'))\n", "one writer"),
])
def test_the_data_layer_check_catches_a_break(tmp_path, monkeypatch, source, expected):
    import tests.house.test_layers as me

    monkeypatch.setattr(me, "ROOT", tmp_path)
    target = tmp_path / "db" / "x.py"
    target.parent.mkdir(parents=True)
    target.write_text(source)
    breaks = data_layer_breaks(target)
    assert len(breaks) == 1 and expected in breaks[0]


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
    import tests.house.test_layers as me

    monkeypatch.setattr(me, "ROOT", tmp_path)
    target = tmp_path / path
    target.parent.mkdir(parents=True)
    target.write_text(source)
    breaks = layer_breaks(target)
    assert len(breaks) == 1 and expected in breaks[0]
