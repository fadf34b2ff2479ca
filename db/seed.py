"""Load sample_data/*.csv into an empty database (first run) and create demo accounts on request."""

from __future__ import annotations

import csv
import os
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from db import models, reference
from db.migrate import upgrade

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"

# today's seven members, and Hà Giang's old account (refused at login: its unit ended on 30/06/2025)
DEMO_UNIT_USERS = ("sonla", "laichau", "dienbien", "laocai", "tuyenquang", "caobang", "langson", "hagiang")


KIND_SHORT = {"so_tttt": "Sở TT&TT", "so_khcn": "Sở KH&CN"}


def _rows(name: str, sample_dir: Path) -> list[dict[str, str]]:
    with open(sample_dir / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


def is_empty(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(models.Cluster)).one() == 0


def load_sample_data(session: Session, sample_dir: Path = SAMPLE_DIR) -> None:
    """Insert the sample clusters, units, years, indicator catalogue and figures. Call on an empty database."""
    clusters = {}
    for r in _rows("clusters.csv", sample_dir):
        clusters[r["code"]] = c = models.Cluster(code=r["code"], name_vi=r["name_vi"], name_en=r["name_en"])
        session.add(c)
    units = {}
    for r in _rows("units.csv", sample_dir):
        if r["code"] not in units:
            units[r["code"]] = u = models.Unit(code=r["code"], province=r["province"], kind=r["kind"])
            session.add(u)
        units[r["code"]].kind = r["kind"]  # the kind of its latest name
    session.flush()
    for r in _rows("units.csv", sample_dir):
        session.add(models.UnitName(unit_id=units[r["code"]].id, name_vi=r["name_vi"], name_en=r["name_en"],
                               valid_from=_date(r["valid_from"]), valid_to=_date(r["valid_to"])))
    if (sample_dir / "lineage.csv").exists():
        for r in _rows("lineage.csv", sample_dir):
            session.add(models.UnitEvent(unit_id=units[r["unit_code"]].id, kind=r["kind"],
                                         effective_on=date.fromisoformat(r["effective_on"]),
                                         successor_unit_id=units[r["successor_code"]].id if r["successor_code"]
                                         else None, note=r["note"] or None))
    for r in _rows("memberships.csv", sample_dir):
        session.add(models.ClusterMembership(cluster_id=clusters[r["cluster_code"]].id, unit_id=units[r["unit_code"]].id,
                                        year=int(r["year"])))
    years = {}
    for r in _rows("emulation_years.csv", sample_dir):
        years[(r["cluster_code"], int(r["year"]))] = y = models.EmulationYear(
            cluster_id=clusters[r["cluster_code"]].id, year=int(r["year"]), theme=r["theme"] or None,
            chair_unit_id=units[r["chair_unit"]].id if r["chair_unit"] else None,
            vice_chair_unit_id=units[r["vice_chair_unit"]].id if r["vice_chair_unit"] else None,
            entry_deadline=datetime.fromisoformat(r["entry_deadline"]) if r["entry_deadline"] else None,
            state=r["state"])
        session.add(y)
    indicators = {}
    for r in _rows("indicators.csv", sample_dir):
        indicators[r["code"]] = ind = models.Indicator(
            code=r["code"], field=r["field"], name_vi=r["name_vi"], name_en=r["name_en"], unit=r["unit"],
            kind=r["kind"], better=r["better"], min_value=_num(r["min"]), max_value=_num(r["max"]),
            sort_order=int(r["sort_order"]))
        session.add(ind)
    session.flush()
    for r in _rows("indicator_values.csv", sample_dir):
        session.add(models.IndicatorValue(
            unit_id=units[r["unit_code"]].id, year=int(r["year"]), indicator_id=indicators[r["indicator_code"]].id,
            value=_num(r["value"]), numerator=_num(r["numerator"]), denominator=_num(r["denominator"]),
            ranked_of=_int(r["ranked_of"]), source=r["source"][:300] or None, note=r["note"] or None))
    for r in _rows("cluster_totals.csv", sample_dir):
        session.add(models.ClusterTotal(emulation_year_id=years[(r["cluster_code"], int(r["year"]))].id,
                                   item=r["item"], value=float(r["value"]), source=r["source"]))
    for r in _rows("honours.csv", sample_dir):
        session.add(models.YearHonour(emulation_year_id=years[(r["cluster_code"], int(r["year"]))].id,
                                 unit_id=units[r["unit_code"]].id, honour=r["honour"],
                                 proposed_award=r["proposed_award"] or None, source=r["source"]))
    if (sample_dir / "membership_proposals.csv").exists():
        for r in _rows("membership_proposals.csv", sample_dir):
            session.add(models.MembershipProposal(cluster_id=clusters[r["cluster_code"]].id, year=int(r["year"]),
                                                  note=r["note"]))
    if (sample_dir / "legal_basis.csv").exists():
        for r in _rows("legal_basis.csv", sample_dir):
            session.add(models.LegalBasis(
                year=int(r["year"]), law=r["law"], decree=r["decree"], home_affairs_circular=r["home_affairs_circular"],
                sector_circular=r["sector_circular"], ministry_vi=r["ministry_vi"], ministry_en=r["ministry_en"],
                reading_office_vi=r["reading_office_vi"], pack=r.get("pack", ""), confirmed=r["confirmed"] == "1",
                source=r["source"]))
    for r in _rows("cross_field_rules.csv", sample_dir):
        session.add(models.CrossFieldRule(code=r["code"], left_codes=r["left_codes"], operator=r["operator"],
                                     right_code=r["right_code"], message_vi=r["message_vi"],
                                     message_en=r["message_en"]))


def create_demo_accounts(session: Session, password: str) -> list[str]:
    """Create admin, chair and one account per province with the given password; existing ones are kept."""
    from db.users import seed_user  # local import: users imports models only, no cycle at module load

    units = {u.code: u for u in session.exec(select(models.Unit)).all()}
    existing = set(session.exec(select(models.User.username)).all())
    wanted = [("admin", "Quản trị hệ thống", "admin", None), ("chair", "Thư ký Cụm thi đua", "chair", None)]
    # each account named after its unit's kind of today (its last one for a unit that has ended): Sở KH&CN
    wanted += [(code, f"{KIND_SHORT.get(units[code].kind, '')} {units[code].province}".strip(), "province",
                units[code].id) for code in DEMO_UNIT_USERS if code in units]
    created = []
    for username, name, role, unit_id in wanted:
        if username not in existing:
            seed_user(session=session, username=username, display_name=name, password=password, role=role,
                        unit_id=unit_id)
            created.append(username)
    # the demo chair runs the sample's cluster: an account's cluster is recorded, never assumed (db/scope.py)
    chair = session.exec(select(models.User).where(models.User.username == "chair")).first()
    cluster = session.exec(select(models.Cluster).where(models.Cluster.code == reference.cluster_code())).first()
    if chair is not None and chair.cluster_id is None and cluster is not None:
        chair.cluster_id = cluster.id
        session.add(chair)
    return created


def prepare_database(engine: Engine) -> None:
    """Migrate to the newest schema, load the sample data into an empty database, and create the demo accounts
    when DEMO_ACCOUNTS=1 (their password comes from DEMO_PASSWORD; there is no built-in one) on a database that
    has no account yet: once anyone exists, demo mode never adds or re-creates an account (a deleted or renamed
    demo account stays gone, a production database is never given `admin`/`chair`)."""
    upgrade(engine)
    with Session(engine) as session:
        if is_empty(session) and os.environ.get("LOAD_SAMPLE_DATA", "1") != "0":
            load_sample_data(session)
            session.commit()
        if os.environ.get("DEMO_ACCOUNTS") == "1":
            password = os.environ.get("DEMO_PASSWORD", "")
            if len(password) < 8:
                raise RuntimeError("DEMO_ACCOUNTS=1 cần DEMO_PASSWORD dài ít nhất 8 ký tự "
                                   "(DEMO_ACCOUNTS=1 needs DEMO_PASSWORD of at least 8 characters)")
            if session.exec(select(func.count()).select_from(models.User)).one() == 0:
                create_demo_accounts(session, password)
                session.commit()
            else:
                print("[thidua] DEMO_ACCOUNTS=1 ignored: the database already has accounts", flush=True)
