"""A fresh database per test: a temp-file SQLite by default, PostgreSQL when TEST_DATABASE_URL is set.

Each run migrates and seeds one template (sample data plus the demo accounts) and copies it per test: a file copy
on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from db import bootstrap as db_setup
from db.engine import dispose_engines, make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.seed import create_demo_accounts, load_sample_data  # noqa: E402

DEMO_PASSWORD = "thidua-test-2026"
COOKIE_KEY = "test-cookie-key-" + "x" * 32
PG_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def pytest_collection_modifyitems(config, items):
    """The browser tests run last: Playwright's sync API leaves an event loop running in the main thread, in which
    the libraries that run their own loop (pyHanko's signature checks) cannot start one.

    The production set-up runs on PostgreSQL only: without TEST_DATABASE_URL it is deselected (reported as
    such), so the SQLite pass of scripts/test.sh does not run it a second time."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath))  # stable: each group keeps its order
    if PG_URL:
        return
    production = [item for item in items if item.get_closest_marker("production")]
    if production:
        config.hook.pytest_deselected(items=production)
        items[:] = [item for item in items if not item.get_closest_marker("production")]


def _admin_url(url: str) -> str:
    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


def _pg_execute(url: str, sql: str) -> None:
    engine = make_engine(_admin_url(url))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(sql))
    engine.dispose()


def _fill(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        load_sample_data(session)
        session.flush()
        create_demo_accounts(session, DEMO_PASSWORD)
        session.commit()
    engine.dispose()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    if PG_URL:
        name = f"tmpl_{uuid.uuid4().hex[:10]}"
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        _pg_execute(PG_URL, f'CREATE DATABASE "{name}"')
        _fill(url)
        yield url
        _pg_execute(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path_factory.mktemp("template") / "template.db"
        url = f"sqlite:///{path}"
        _fill(url)
        yield url


def _fresh_copy(template_url: str, tmp_path: Path) -> tuple[str, callable]:
    if PG_URL:
        name = f"t_{uuid.uuid4().hex[:12]}"
        template = make_url(template_url).database
        _pg_execute(PG_URL, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        return url, lambda: _pg_execute(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    source = Path(make_url(template_url).database)
    target = tmp_path / "test.db"
    shutil.copyfile(source, target)
    return f"sqlite:///{target}", lambda: None


def _app_uses(url: str, drop, tmp_path, monkeypatch):
    """Point the app (DATABASE_URL and friends) at url for one test, then dispose of it."""
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("AUTH_COOKIE_KEY", COOKIE_KEY)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DEMO_ACCOUNTS", raising=False)
    db_setup.reset_for_tests()
    yield url
    dispose_engines()
    db_setup.reset_for_tests()
    drop()


@pytest.fixture
def db_url(template_db, tmp_path, monkeypatch):
    """URL of a fresh database with the sample data and demo accounts; the app under test uses it too."""
    url, drop = _fresh_copy(template_db, tmp_path)
    yield from _app_uses(url, drop, tmp_path, monkeypatch)


@pytest.fixture
def engine(db_url):
    from db.engine import get_engine

    return get_engine(db_url)


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def empty_db_url(tmp_path, monkeypatch):
    """A database with no tables at all, as on a first start."""
    if PG_URL:
        name = f"e_{uuid.uuid4().hex[:12]}"
        _pg_execute(PG_URL, f'CREATE DATABASE "{name}"')
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        drop = lambda: _pg_execute(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # noqa: E731
    else:
        url, drop = f"sqlite:///{tmp_path / 'empty.db'}", lambda: None
    yield from _app_uses(url, drop, tmp_path, monkeypatch)
