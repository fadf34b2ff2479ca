"""A database created at the previous head (0001), holding figures, awards, a published poll and users, upgrades to
the newest head with everything kept. Rows are written with plain SQL: today's models have columns 0001 lacks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlmodel import Session, select

from db import models
from db.engine import make_engine
from db.migrate import upgrade

ROWS = [
    "INSERT INTO cluster (id, code, name_vi, name_en) VALUES (1, 'cum2', 'Cụm thi đua số 2', 'Cluster 2')",
    "INSERT INTO unit (id, code, province, kind) VALUES (1, 'sonla', 'Sơn La', 'so_tttt'), "
    "(2, 'dienbien', 'Điện Biên', 'so_tttt'), (3, 'vhttdl', 'Sơn La', 'so_vhttdl')",
    "INSERT INTO unitname (id, unit_id, name_vi, name_en, valid_from, valid_to) VALUES "
    "(1, 1, 'Sở Thông tin và Truyền thông Sơn La', 'Son La DIC', NULL, '2025-02-28'), "
    "(2, 2, 'Sở Thông tin và Truyền thông Điện Biên', 'Dien Bien DIC', NULL, NULL)",
    "INSERT INTO clustermembership (id, cluster_id, unit_id, year) VALUES (1, 1, 1, 2023), (2, 1, 2, 2023)",
    "INSERT INTO emulationyear (id, cluster_id, year, state) VALUES (1, 1, 2023, 'open')",
    "INSERT INTO indicator (id, code, field, name_vi, name_en, unit, kind, better, sort_order, active) VALUES "
    "(1, 'bts_stations', 'telecom', 'Số trạm BTS', 'BTS stations', 'trạm', 'count', 'higher', 10, TRUE)",
    "INSERT INTO \"user\" (id, username, display_name, password_hash, role, unit_id, active, failed_logins, "
    "created_at) VALUES (1, 'admin', 'Quản trị', 'h', 'admin', NULL, TRUE, 0, '2026-01-01 00:00:00'), "
    "(2, 'sonla', 'Sở Sơn La', 'h', 'province', 1, TRUE, 0, '2026-01-01 00:00:00')",
    "INSERT INTO indicatorvalue (id, unit_id, year, indicator_id, value, updated_at, updated_by_id) VALUES "
    "(1, 1, 2023, 1, 2432, '2026-01-02 00:00:00', 2)",
    "INSERT INTO award (id, unit_id, year, form, level, recipient, count, decision_no, created_at) VALUES "
    "(1, 1, 2023, 'bang_khen', 'ministry', 'collective', 2, '123/QĐ-BTTTT', '2026-01-02 00:00:00')",
    "INSERT INTO poll (id, emulation_year_id, title, round_no, state, max_choices, allow_self_vote, secret, "
    "threshold_rule, winners_count, paper, created_at, closed_at, published_at) VALUES "
    "(1, 1, 'Suy tôn 2023', 1, 'published', 1, FALSE, TRUE, 'half_cast', 1, FALSE, '2026-01-03 00:00:00', "
    "'2026-01-03 01:00:00', '2026-01-03 02:00:00')",
    "INSERT INTO pollcandidate (id, poll_id, unit_id) VALUES (1, 1, 1), (2, 1, 2)",
    "INSERT INTO pollvoter (id, poll_id, unit_id, present) VALUES (1, 1, 1, TRUE), (2, 1, 2, TRUE)",
    "INSERT INTO ballotparticipation (id, poll_id, unit_id) VALUES (1, 1, 1), (2, 1, 2)",
    "INSERT INTO ballot (id, poll_id, receipt, choices, valid) VALUES ('a1', 1, 'ABCD-EFGH', '2', TRUE), "
    "('b2', 1, 'JKLM-NPQR', '2', TRUE)",
    "INSERT INTO yearhonour (id, emulation_year_id, unit_id, honour, poll_id) VALUES (1, 1, 2, 'leading_unit', 1)",
]


def test_a_database_at_0001_upgrades_to_head_with_everything_kept(empty_db_url):
    engine = make_engine(empty_db_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        for sql in ROWS:
            conn.execute(text(sql))
    upgrade(engine)
    with Session(engine) as s:
        assert [(u.code, u.kind) for u in s.exec(select(models.Unit).order_by(models.Unit.id)).all()] == [
            ("sonla", "so_tttt"), ("dienbien", "so_tttt"), ("vhttdl", "other")]  # an unknown kind becomes 'other'
        assert len(s.exec(select(models.UnitName)).all()) == 2
        assert s.exec(select(models.IndicatorValue)).one().value == 2432
        award = s.exec(select(models.Award)).one()
        assert (award.count, award.decision_no) == (2, "123/QĐ-BTTTT")
        poll = s.exec(select(models.Poll)).one()
        assert poll.state == "published" and poll.title == "Suy tôn 2023"
        assert sorted(b.receipt for b in s.exec(select(models.Ballot)).all()) == ["ABCD-EFGH", "JKLM-NPQR"]
        assert len(s.exec(select(models.BallotParticipation)).all()) == 2
        assert s.exec(select(models.YearHonour)).one().poll_id == 1
        users = {u.username: u for u in s.exec(select(models.User)).all()}
        assert users["sonla"].unit_id == 1 and users["sonla"].cluster_id is None and users["admin"].role == "admin"
        assert len(s.exec(select(models.ClusterMembership)).all()) == 2
        bodies = s.exec(select(models.AwardingBody).order_by(models.AwardingBody.id)).all()
        assert [(b.name_vi, b.valid_from, b.valid_to) for b in bodies] == [
            ("Bộ Thông tin và Truyền thông", None, date(2025, 2, 28)),
            ("Bộ Khoa học và Công nghệ", date(2025, 3, 1), None)]
        # the new role is accepted and the new tables work
        s.add(models.User(id=10, username="vutdkt", display_name="Vụ TĐKT", password_hash="h", role="ministry"))
        s.add(models.UnitEvent(id=10, unit_id=1, kind="renamed", effective_on=date(2025, 3, 1)))
        s.commit()
    engine.dispose()
