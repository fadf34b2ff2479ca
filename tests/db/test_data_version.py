"""The data version behind the comparison screens' caches: a counter kept by the database's own triggers
(migration 0007), raised by every committed change to what the screens read, whoever makes it."""

import importlib
import json

import pyarrow as pa
import streamlit as st
from sqlalchemy import create_engine, text

from db import comparison_queries as q
from tests.helpers import app_test, as_user

WATCHED = importlib.import_module("db.migrations.versions.0007_data_version").WATCHED


def version(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT version FROM dataversion WHERE id = 1")).scalar_one()


def test_every_table_the_comparisons_read_has_its_triggers_at_head(engine):
    # a later migration that rebuilds one of these tables on SQLite (batch mode) would drop its triggers silently
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            found = {(r[0], "all") for r in conn.execute(text(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname LIKE 'data_version_%' AND NOT t.tgisinternal"))}
            expected = {(table, "all") for table in WATCHED}
        else:
            found = {(r[0], r[1].rsplit("_", 1)[1]) for r in conn.execute(text(
                "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data_version_%'"))}
            expected = {(table, event) for table in WATCHED for event in ("insert", "update", "delete")}
    assert found == expected


def test_a_committed_change_made_outside_the_app_raises_the_version_and_a_rolled_back_one_does_not(engine,
                                                                                                    db_url):
    other = create_engine(db_url)  # another process, a script, an operator's SQL
    try:
        before = version(engine)
        with other.begin() as conn:
            conn.execute(text("UPDATE indicatorvalue SET value = value + 1 WHERE value IS NOT NULL AND id = "
                              "(SELECT min(id) FROM indicatorvalue WHERE value IS NOT NULL)"))
        after_update = version(engine)
        assert after_update > before
        with other.connect() as conn:
            conn.execute(text("UPDATE unitname SET name_vi = name_vi || ' ' WHERE id = (SELECT min(id) FROM unitname)"))
            conn.rollback()
        assert version(engine) == after_update
        with other.begin() as conn:
            conn.execute(text("DELETE FROM scoreweight"))
            conn.execute(text("INSERT INTO clustermembership (cluster_id, unit_id, year) SELECT cluster_id, unit_id, 2031 FROM clustermembership WHERE year = (SELECT min(year) FROM clustermembership)"))
        assert version(engine) > after_update
    finally:
        other.dispose()


def test_one_transaction_raises_the_version_once_on_postgresql_and_per_row_on_sqlite(engine):
    before = version(engine)
    with engine.begin() as conn:
        values = conn.execute(text("UPDATE indicatorvalue SET value = value WHERE value IS NOT NULL")).rowcount
        awards = conn.execute(text("UPDATE unitname SET name_vi = name_vi")).rowcount
    assert values > 10 and awards > 0
    # PostgreSQL: a deferred trigger at commit, once per transaction (the counter's row is locked only then);
    # SQLite: a trigger per row (one writer at a time, nothing to wait for)
    expected = 1 if engine.dialect.name == "postgresql" else values + awards
    assert version(engine) == before + expected


def test_data_version_is_the_counter(session, engine):
    assert q.data_version(session=session) == (version(engine),)


def test_the_comparisons_page_shows_a_figure_changed_by_another_process_on_its_next_run(db_url):
    st.cache_data.clear()
    st.cache_resource.clear()
    at = as_user(app_test("pages/comparisons.py", timeout=60), "chair").run()
    assert not at.exception, at.exception
    at.selectbox(key="_w_charts.coverage_indicator").set_value("villages_mobile_covered").run()

    def lao_cai_label() -> str:
        for element in at.get("vega_lite_chart"):
            spec = json.loads(element.proto.spec)
            if "Thôn/bản được phủ sóng di động" in str(spec.get("title")):
                for dataset in element.proto.datasets:
                    rows = pa.ipc.open_stream(dataset.data.data).read_pandas()
                    if "unit" in rows:
                        return rows.set_index("unit").at["Lào Cai", "label"]
        raise AssertionError("no coverage chart")

    assert lao_cai_label() == "98,7%"
    other = create_engine(db_url)
    try:
        with other.begin() as conn:
            conn.execute(text(
                "UPDATE indicatorvalue SET numerator = 1500 WHERE unit_id = 4 AND year = 2022 AND indicator_id = "
                "(SELECT id FROM indicator WHERE code = 'villages_mobile_covered')"))
    finally:
        other.dispose()
    at.run()
    assert not at.exception, at.exception
    assert lao_cai_label() == "96,0%"  # 1.500 of 1.562 villages
