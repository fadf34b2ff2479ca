"""Recomputing a year's scores: 34 units x 60 criteria, printed against baselines measured in the same run.

Two levels, each beside its floor:
- rules: components.rules.eligibility.standings (totals, ranks, bands with per-criterion floors, share caps,
  conditions, quota, reasons) against the bare sum of each unit's points;
- database: db.standings.year_results (read the sheets, the scores and any cross-scores, then the standings) against
  one plain SELECT of the same score rows.

    .venv/bin/python bench/scoring_recompute.py            # SQLite
    BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/scoring_recompute.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import make_url, text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from components.rules.criteria import Band, Condition, CriteriaTable, Criterion  # noqa: E402
from components.rules.eligibility import standings as rank_standings  # noqa: E402
from db import criteria_tables, reference  # noqa: E402
from db import standings as db_standings  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.models import ClusterMembership, CriterionScore, ScoreSheet, Unit, User  # noqa: E402
from tests.conftest import _fill, _pg_execute  # noqa: E402

UNITS, CRITERIA, YEAR, REPEAT = 34, 60, 2023, 30


class Chair:
    def __init__(self, user_id: int) -> None:
        self.id, self.role, self.unit_id = user_id, "chair", None


def bench_table() -> CriteriaTable:
    criteria = [Criterion(f"c{i:02d}", f"G{i // 10}", f"Tiêu chí {i}", f"Criterion {i}", 15.0, evidence_required=False)
                for i in range(CRITERIA - 4)]
    criteria += [Criterion(f"b{i}", "B", f"Thưởng {i}", f"Bonus {i}", 10.0, kind="bonus", evidence_required=False)
                 for i in range(2)]
    criteria += [Criterion(f"p{i}", "P", f"Trừ {i}", f"Penalty {i}", 8.0, kind="penalty", evidence_required=False)
                 for i in range(2)]
    scale = 15.0 * (CRITERIA - 4)
    bands = (Band("excellent", "Xuất sắc", "Excellent", 0.9 * scale, None, 85, cap_of="good", cap_pct=50),
             Band("good", "Tốt", "Good", 0.8 * scale, 0.9 * scale, 80), Band("done", "Hoàn thành", "Done", 0.7 * scale,
                                                                          0.8 * scale, 70))
    return CriteriaTable(scale=scale, criteria=tuple(criteria), bands=bands, flag_band="excellent", flag_quota=3,
                         conditions=(Condition("ldxs", "LĐXS", "Excellent collective"),))


def random_points(table: CriteriaTable, rng: random.Random) -> dict[str, float]:
    out = {}
    for c in table.criteria:
        if c.kind == "penalty":
            out[c.code] = -rng.choice([0.0, 0.0, 0.0, c.max_points])
        else:
            out[c.code] = round(c.max_points * rng.uniform(0.7, 1.0), 1)
    return out


def timed(fn, repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def fresh_database(tmp: Path) -> tuple[str, callable]:
    pg = os.environ.get("BENCH_PG_URL", "").strip()
    if not pg:
        url = f"sqlite:///{tmp / 'bench.db'}"
        _fill(url)
        return url, lambda: None
    name = f"bench_{uuid.uuid4().hex[:10]}"
    _pg_execute(pg, f'CREATE DATABASE "{name}"')
    url = make_url(pg).set(database=name).render_as_string(hide_password=False)
    _fill(url)
    return url, lambda: _pg_execute(pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill_scores(engine, table: CriteriaTable, points: dict[int, dict[str, float]]) -> int:
    """34 member units for the year, the table adopted, every sheet submitted with its 60 scores; returns the
    cluster's id."""
    with Session(engine) as s:
        cluster = reference.get_cluster(session=s)
        cluster_id = cluster.id
        existing = [u.id for u in reference.member_units(session=s, cluster_id=cluster.id, year=YEAR)]
        for i in range(UNITS - len(existing)):
            unit = Unit(code=f"bench{i}", province=f"Tỉnh {i}")
            s.add(unit)
            s.flush()
            s.add(ClusterMembership(cluster_id=cluster.id, unit_id=unit.id, year=YEAR))
        s.flush()
        chair = Chair(s.exec(select(User.id).where(User.username == "chair")).one())
        criteria_tables.save_table(session=s, actor=chair, cluster_id=cluster_id, year=YEAR, table=table)
        criteria_tables.adopt_table(session=s, actor=chair, cluster_id=cluster_id, year=YEAR)
        yt = criteria_tables.year_table(session=s, cluster_id=cluster_id, year=YEAR)
        members = [u.id for u in reference.member_units(session=s, cluster_id=cluster.id, year=YEAR)]
        for unit_id, p in zip(members, points.values()):
            sheet = ScoreSheet(table_id=yt.row.id, unit_id=unit_id, state="submitted", conditions_met='["ldxs"]')
            s.add(sheet)
            s.flush()
            s.add_all([CriterionScore(sheet_id=sheet.id, criterion_id=yt.criterion_ids[code], self_points=v)
                       for code, v in p.items()])
        s.commit()


def main() -> None:
    rng = random.Random(2023)
    table = bench_table()
    points = {u: random_points(table, rng) for u in range(1, UNITS + 1)}
    conditions = {u: {"ldxs"} for u in points}

    bare = timed(lambda: {u: sum(p.values()) for u, p in points.items()}, 200)
    rules = timed(lambda: rank_standings(table, points, conditions), 50)
    print(f"{UNITS} units x {CRITERIA} criteria, median of repeated runs")
    print(f"rules   baseline (bare sums)          {bare:8.3f} ms")
    print(f"rules   standings (bands, floors, ...) {rules:8.3f} ms   x{rules / bare:,.0f}")

    with tempfile.TemporaryDirectory() as tmp:
        url, drop = fresh_database(Path(tmp))
        engine = make_engine(url)
        try:
            cluster_id = fill_scores(engine, table, points)
            with Session(engine) as s:
                check = db_standings.year_results(session=s, cluster_id=cluster_id, year=YEAR)
                assert len(check.standings) == UNITS and all(len(p) == CRITERIA for p in check.final_points.values())
                for u, r in zip(points, sorted(check.standings, key=lambda r: r.unit_id)):
                    assert abs(r.total - sum(points[u].values())) < 1e-6  # the sum of the criteria is the total

            def select_only():
                with Session(engine) as s:
                    s.exec(text("SELECT sheet_id, criterion_id, self_points, verified_points FROM criterionscore")).all()

            def recompute():
                with Session(engine) as s:
                    db_standings.year_results(session=s, cluster_id=cluster_id, year=YEAR)

            base = timed(select_only)
            full = timed(recompute)
            kind = engine.dialect.name
            print(f"{kind:<10} baseline (one SELECT of the scores)  {base:8.3f} ms")
            print(f"{kind:<10} year_results (read + standings)      {full:8.3f} ms   x{full / base:,.1f}")
        finally:
            engine.dispose()
            drop()


if __name__ == "__main__":
    main()
