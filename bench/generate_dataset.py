"""Generate a large synthetic dataset for the comparisons benchmark: 63 units in 8 clusters, 15 years, 60 indicators.

The figures are random (seeded) and only for timing; about 15% of the cells are left unreported, as in real data.

    .venv/bin/python bench/generate_dataset.py /tmp/bench.db
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from db import models
from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.users import seed_user  # noqa: E402

UNITS, CLUSTERS, YEARS, INDICATORS = 63, 8, list(range(2011, 2026)), 60
FIELDS = ("postal", "telecom", "digital", "cybersecurity", "ict_industry", "press", "enforcement", "admin_reform",
          "movements", "awards")
DTI = ("dti_rank", "dti_rank_digital_government", "dti_rank_digital_economy", "dti_rank_digital_society")
BENCH_PASSWORD = "bench-password-2026"
MISSING_SHARE = 0.15


def indicator_specs() -> list[dict]:
    specs = [dict(code=code, field="digital", kind="rank", better="lower", unit="rank") for code in DTI]
    kinds = ("ratio", "percent", "count", "money", "score")
    for i in range(INDICATORS - len(DTI)):
        kind = kinds[i % len(kinds)]
        specs.append(dict(code=f"bench_{i:02d}", field=FIELDS[i % len(FIELDS)], kind=kind,
                          better="lower" if i % 11 == 0 else "higher", unit="%" if kind == "percent" else "items"))
    return specs


def generate(url: str, seed: int = 2026) -> None:
    rnd = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        clusters = []
        for c in range(1, CLUSTERS + 1):
            code = "cum2" if c == 2 else f"cum{c}"
            cluster = models.Cluster(code=code, name_vi=f"Cụm thi đua số {c}", name_en=f"Emulation Cluster No. {c}")
            session.add(cluster)
            clusters.append(cluster)
        units = [models.Unit(code=f"unit{u:02d}", province=f"Tỉnh {u:02d}") for u in range(1, UNITS + 1)]
        session.add_all(units)
        session.flush()
        for u in units:
            session.add(models.UnitName(unit_id=u.id, name_vi=f"Sở TT&TT {u.province}", name_en=f"DIC {u.code}"))
        for i, u in enumerate(units):
            for year in YEARS:
                session.add(models.ClusterMembership(cluster_id=clusters[i % CLUSTERS].id, unit_id=u.id, year=year))
        years = {}
        for cluster in clusters:
            for year in YEARS:
                years[(cluster.id, year)] = ey = models.EmulationYear(cluster_id=cluster.id, year=year,
                                                                 state="closed" if year < YEARS[-1] else "open")
                session.add(ey)
        indicators = []
        for order, spec in enumerate(indicator_specs()):
            ind = models.Indicator(name_vi=f"Chỉ tiêu {spec['code']}", name_en=f"Indicator {spec['code']}",
                              sort_order=order, **spec)
            session.add(ind)
            indicators.append(ind)
        session.flush()
        rows = []
        for ind in indicators:
            for year in YEARS:
                ranks = rnd.sample(range(1, 64), UNITS) if ind.kind == "rank" else None
                for i, u in enumerate(units):
                    if rnd.random() < MISSING_SHARE:
                        continue  # not reported: no row
                    row = dict(unit_id=u.id, year=year, indicator_id=ind.id, value=None, numerator=None,
                               denominator=None, ranked_of=None, updated_at=models.utcnow())
                    if ind.kind == "rank":
                        row.update(value=float(ranks[i]), ranked_of=63 if year < 2024 else 34)
                        row["value"] = min(row["value"], row["ranked_of"])
                    elif ind.kind == "ratio":
                        den = rnd.randint(100, 3000)
                        row.update(numerator=float(rnd.randint(den // 2, den)), denominator=float(den))
                    elif ind.kind == "percent":
                        row["value"] = round(rnd.uniform(40, 100), 1)
                    elif ind.kind == "score":
                        row["value"] = round(rnd.uniform(0.2, 0.9), 3)
                    else:
                        row["value"] = float(rnd.randint(0, 5000) * (1_000_000 if ind.kind == "money" else 1))
                    rows.append(row)
        session.execute(insert(models.IndicatorValue), rows)
        forms = (("Cờ thi đua", "ministry", "collective"), ("Bằng khen", "minister", "individual"),
                 ("Bằng khen", "province", "collective"), ("Tập thể lao động xuất sắc", "province", "collective"),
                 ("Chiến sĩ thi đua cơ sở", "unit", "individual"))
        awards = [dict(unit_id=u.id, year=year, form=f, level=lv, recipient=rc, count=rnd.randint(1, 12),
                       created_at=models.utcnow())
                  for u in units for year in YEARS for f, lv, rc in forms if rnd.random() > 0.3]
        session.execute(insert(models.Award), awards)
        for cluster in clusters:
            session.add(models.YearHonour(emulation_year_id=years[(cluster.id, YEARS[-2])].id,
                                     unit_id=units[clusters.index(cluster)].id, proposed_award="Cờ thi đua của Bộ"))
        # the chair of Cụm 2 (an account belongs to its cluster: db/scope.py reads nothing for an unplaced one)
        chair = seed_user(session=session, username="chair", display_name="Thư ký Cụm", password=BENCH_PASSWORD,
                          role="chair", unit_id=None)
        chair.cluster_id = clusters[1].id
        session.commit()
        print(f"{len(units)} units, {len(clusters)} clusters, {len(YEARS)} years, {len(indicators)} indicators, "
              f"{len(rows)} values, {len(awards)} award rows -> {url}")
    engine.dispose()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/thidua-bench.db").resolve()
    if target.exists():
        target.unlink()
    generate(f"sqlite:///{target}")
