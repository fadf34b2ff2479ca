"""The schema: the migration builds exactly the models, and the named constraints refuse bad rows."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from db import models
from db.engine import make_engine
from db.migrate import upgrade


def test_migration_from_empty_database_matches_the_models(empty_db_url):
    engine = make_engine(empty_db_url)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_every_table_is_created_with_named_constraints(engine):
    insp = inspect(engine)
    tables = set(insp.get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    uniques = {u["name"] for u in insp.get_unique_constraints("ballotparticipation")}
    assert "uq_ballotparticipation_poll_id_unit_id" in uniques
    checks = {c["name"] for c in insp.get_check_constraints("indicatorvalue")}
    assert "ck_indicatorvalue_numerator_le_denominator" in checks


def _unit_and_indicator(session: Session, code: str = "villages_mobile_covered"):
    unit = session.exec(select(models.Unit).where(models.Unit.code == "sonla")).one()
    indicator = session.exec(select(models.Indicator).where(models.Indicator.code == code)).one()
    return unit, indicator


def test_numerator_above_denominator_is_refused_by_the_database(session):
    unit, indicator = _unit_and_indicator(session)
    session.add(models.IndicatorValue(unit_id=unit.id, year=2023, indicator_id=indicator.id, numerator=10, denominator=5))
    with pytest.raises(IntegrityError):
        session.commit()


def test_rank_above_number_ranked_is_refused_by_the_database(session):
    unit, indicator = _unit_and_indicator(session, "dti_rank")
    session.add(models.IndicatorValue(unit_id=unit.id, year=2023, indicator_id=indicator.id, value=64, ranked_of=63))
    with pytest.raises(IntegrityError):
        session.commit()


def test_one_value_per_unit_year_and_indicator(session):
    unit, indicator = _unit_and_indicator(session, "bts_stations")
    session.add(models.IndicatorValue(unit_id=unit.id, year=2023, indicator_id=indicator.id, value=1))
    session.commit()
    session.add(models.IndicatorValue(unit_id=unit.id, year=2023, indicator_id=indicator.id, value=2))
    with pytest.raises(IntegrityError):
        session.commit()


def test_province_account_must_have_a_unit(session):
    session.add(models.User(username="x1", display_name="X", password_hash="h", role="province"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_unknown_role_is_refused(session):
    session.add(models.User(username="x2", display_name="X", password_hash="h", role="superuser"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_a_unit_participates_once_per_poll(session):
    year = session.exec(select(models.EmulationYear).where(models.EmulationYear.year == 2023)).one()
    poll = models.Poll(emulation_year_id=year.id, title="Bình xét 2023")
    session.add(poll)
    session.flush()
    session.add(models.BallotParticipation(poll_id=poll.id, unit_id=1))
    session.commit()
    session.add(models.BallotParticipation(poll_id=poll.id, unit_id=1))
    with pytest.raises(IntegrityError):
        session.commit()


def test_foreign_keys_are_enforced(session):
    session.add(models.ClusterMembership(cluster_id=1, unit_id=999, year=2023))
    with pytest.raises(IntegrityError):
        session.commit()
