"""Every public function of db/ that takes an actor, called by each role of cluster A (the sample's Cụm thi đua
số 2: its chair, a province, a viewer) on cluster B's ids (Cụm thi đua số 4 of tests/two_clusters.py), is refused
with an access refusal: nothing is returned and nothing is written.

The functions are found by introspection, so a new one is covered without editing this file: its arguments are
made from the parameter names below (a parameter nobody named fails the test, asking for a value). A function that
names no cluster's data at all (no unit, year, cluster, poll, user or award parameter) reads the actor's own and is
listed in OWN_ONLY, which is kept exact."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

import db
from components.rules.access import ACCESS_REFUSALS, Acting
from components.rules.criteria import EXAMPLE_TABLE
from components.rules.errors import DomainError
from components.rules.figures import Figure
from components.rules.honours import DEFAULT_STAFF_TARGETS
from db import awards, comparison_queries, holds, movements, overview, polls, scope
from db.models import AwardProposal, AwardProposalItem, EmulationYear, SQLModel, User, ValueChange
from db.results_import import ImportPlan
from tests.two_clusters import ADMIN, YEAR, second_cluster, units

# a year number alone names no cluster's data (every cluster has its 2023): the pair does
TARGETS = {"unit_id", "cluster_id", "emulation_year_id", "poll_id", "user_id", "award_id", "ey", "change_id",
           "hold_id", "proposal_id", "item_id", "movement_id"}
# functions whose parameters name no cluster's data: they read (or decide) the actor's own, or change what the
# deployment shares (units, the catalogue: the administrator's alone, refused to everyone else)
OWN_ONLY = {"comparison_queries.audience", "comparison_queries.viewable_clusters", "overview.home_facts",
            "polls.open_poll_for_unit", "polls.last_voted_poll", "scope.actor_cluster_id", "scope.has_cluster", "scope.cluster_for",
            "organisation.create_unit", "organisation.save_awarding_body", "organisation.save_cluster",
            "reference.save_indicator", "users.clear_login_delays", "legal.save_legal_basis",
            "signed_documents.install_trust_root", "signed_documents.remove_trust_root"}
# not use cases: the audit trail's writer records what its callers decided; the rest hold no actor's data
SKIP_MODULES = {"migrations", "models", "engine", "migrate", "bootstrap", "seed", "audit"}


def actor_functions():
    for info in pkgutil.iter_modules(db.__path__):
        if info.name in SKIP_MODULES:
            continue
        module = importlib.import_module(f"db.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_") \
                    and "actor" in inspect.signature(fn).parameters:
                yield f"{info.name}.{name}", fn


FUNCTIONS = dict(actor_functions())
TARGETED = sorted(n for n, fn in FUNCTIONS.items() if TARGETS & set(inspect.signature(fn).parameters))


def test_the_functions_that_name_no_cluster_are_exactly_the_known_ones():
    assert sorted(set(FUNCTIONS) - set(TARGETED)) == sorted(OWN_ONLY)
    assert len(TARGETED) > 60  # the introspection found the data layer


def test_the_functions_that_name_no_cluster_give_the_actor_its_own(world, session):
    b, roles, _ = world
    cum2 = scope.default_cluster(session=session).id
    for actor in roles.values():
        assert [c.id for c in comparison_queries.viewable_clusters(session=session, actor=actor)] == [cum2]
        assert scope.cluster_for(session=session, actor=actor).id == cum2
        assert overview.home_facts(session=session, actor=actor).cluster.id == cum2
    for name in ("organisation.create_unit", "organisation.save_awarding_body", "organisation.save_cluster",
                 "reference.save_indicator", "users.clear_login_delays", "legal.save_legal_basis",
                 "signed_documents.install_trust_root", "signed_documents.remove_trust_root"):
        fn = FUNCTIONS[name]
        for actor in roles.values():
            with pytest.raises(DomainError) as exc:
                fn(session=session, actor=actor, **arguments(name, fn, b, units(session)))
            assert exc.value.code in ACCESS_REFUSALS


def table_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar_one()
                for t in SQLModel.metadata.tables}


@pytest.fixture
def world(session, engine):
    """Cluster B with a poll, an award and a criteria table in its 2023; cluster A's chair, province and viewer."""
    cum4 = second_cluster(session)
    u = units(session)
    ey4 = session.exec(select(EmulationYear).where(EmulationYear.cluster_id == cum4,
                                                   EmulationYear.year == YEAR)).one()
    chair4 = session.exec(select(User).where(User.username == "chair4")).one()
    poll = polls.create_poll(session=session, emulation_year_id=ey4.id, title="Suy tôn Cụm 4", actor=ADMIN)
    award = awards.add_award(session=session, actor=ADMIN, unit_id=u["tuyenquang"], year=YEAR, form="bang_khen",
                             level="province", recipient="collective", count=1, decision_no="12/QĐ-UBND",
                             decision_date=date(YEAR, 11, 2))
    # the award path's rows of cluster B: a hold, a member's proposal with one line, a movement
    hold = holds.set_hold(session=session, actor=ADMIN, unit_id=u["tuyenquang"], kind="inspection",
                          reason="Thanh tra theo Quyết định 3/QĐ-TTr", starts_on=date(YEAR, 3, 1))
    proposal = AwardProposal(emulation_year_id=ey4.id, unit_id=u["tuyenquang"], state="sent")
    session.add(proposal)
    session.flush()
    item = AwardProposalItem(proposal_id=proposal.id, subject="collective", name="Phòng Bưu chính", form="bang_khen")
    session.add(item)
    movement = movements.register(session=session, actor=ADMIN, cluster_id=cum4, name="Phong trào của Cụm 4",
                                  level="cluster", kind="regular", starts_on=date(YEAR, 1, 1))
    movements.launch(session=session, actor=ADMIN, movement_id=movement.id)
    session.flush()
    cum2 = scope.default_cluster(session=session).id
    viewer = User(username="viewer2", display_name="Theo dõi Cụm 2", password_hash="x", role="viewer",
                  cluster_id=cum2)
    session.add(viewer)
    session.commit()
    chair = session.exec(select(User).where(User.username == "chair")).one()
    province = session.exec(select(User).where(User.username == "sonla")).one()
    change = session.exec(select(ValueChange).where(ValueChange.what == "membership")
                          .order_by(ValueChange.id.desc())).first()  # cluster B's 2023 members being set
    b = dict(unit_id=u["tuyenquang"], year=YEAR, cluster_id=cum4, emulation_year_id=ey4.id, poll_id=poll.id,
             user_id=chair4.id, award_id=award.id, ey=ey4, change_id=change.id, hold_id=hold.id,
             proposal_id=proposal.id, item_id=item.id, movement_id=movement.id)
    roles = {"chair": Acting(chair.id, "chair"), "province": Acting(province.id, "province", province.unit_id),
             "viewer": Acting(viewer.id, "viewer")}
    assert all(scope.actor_cluster_id(session=session, actor=a, year=YEAR) == cum2 for a in roles.values())
    return b, roles, u


def arguments(name: str, fn, b: dict, u: dict) -> dict:
    """Valid-looking arguments on cluster B's data, by parameter name (per function where names are shared)."""
    values = {
        **b,
        "reason": "Lý do đủ dài để được ghi nhận", "answer": "Giải trình của đơn vị", "title": "Suy tôn",
        "text": "Nội dung", "key": "report.direction", "points": 1.0, "code": "dti", "codes": [],
        "choices": [u["yenbai"]], "chosen": [u["tuyenquang"]], "candidate_ids": [u["tuyenquang"], u["yenbai"]],
        "voter_unit_ids": [u["tuyenquang"], u["yenbai"]], "max_choices": 1, "allow_self_vote": False,
        "secret": True, "threshold_rule": "half_cast", "winners_count": 1, "figures": {"bts_sites": Figure(1.0)},
        "table": EXAMPLE_TABLE, "weights": {}, "targets": DEFAULT_STAFF_TARGETS, "titles": [], "approve": True,
        "on": date(YEAR, 3, 1), "present": False, "ballots_cast": 0, "invalid": 0, "votes": {}, "kind": "covenant",
        "form": "bang_khen", "level": "province", "recipient": "collective", "count": 1,
        "plan": ImportPlan([], [], {}), "parsed": None, "data": b"", "lang": "vi",
        # users and organisation (the administrator's alone)
        "username": "x", "display_name": "x", "password": "mat-khau-dai-du", "new_password": "mat-khau-dai-du",
        "role": "viewer", "active": False, "name": "x", "title_vi": "Giám đốc", "name_vi": "x", "name_en": "x",
        "head_vi": "x", "head_en": "x", "valid_from": date(2025, 1, 1), "valid_to": None, "body_id": None,
        "province": "x", "effective_on": date(2025, 7, 1), "successor_ids": [], "note": None, "unit_ids": [],
        "indicator_id": None, "field": "telecom", "unit": "", "better": "higher", "min_value": None,
        "max_value": None, "sort_order": 0, "theme": None, "chair_unit_id": None, "vice_chair_unit_id": None,
        "entry_deadline": None, "state": "open", "year_id": None,
        # the law of a year (the administrator's alone)
        "law": "Luật Thi đua, khen thưởng 2022", "decree": "152/2025/NĐ-CP", "home_affairs_circular": "x",
        "sector_circular": "x", "ministry_vi": "x", "ministry_en": "x", "reading_office_vi": "x", "source": "x",
        "confirmed": False,
        # the award path
        "starts_on": date(YEAR, 3, 1), "ends_on": date(YEAR, 6, 30), "person": "", "subject": "collective",
        "action": "accepted", "file_name": "ke_hoach.pdf", "root_id": 1,
        "rows": [("collective", "Phòng Bưu chính", "bang_khen", "")],
    }
    if name == "registrations.save_registration":
        values["targets"] = {}
    if name == "organisation.create_unit" or name == "organisation.save_cluster":
        values["code"] = "x"
    args = {}
    for param in inspect.signature(fn).parameters.values():
        if param.name in ("session", "actor"):
            continue
        if param.name in values:
            args[param.name] = values[param.name]
        elif param.default is inspect.Parameter.empty:
            pytest.fail(f"{name}: no test value for its parameter {param.name!r}; add one to arguments()")
    return args


@pytest.mark.parametrize("name", TARGETED)
def test_each_role_of_cluster_a_is_refused_on_cluster_b(name, world, engine):
    b, roles, u = world
    fn = FUNCTIONS[name]
    before = table_counts(engine)
    for role, actor in roles.items():
        with Session(engine, expire_on_commit=False) as session:
            try:
                out = fn(session=session, actor=actor, **arguments(name, fn, b, u))
            except DomainError as exc:
                assert exc.code in ACCESS_REFUSALS, f"{name} as {role}: refused with {exc.code}, not an access refusal"
            else:
                pytest.fail(f"{name} as the {role} of cluster A on cluster B's data returned {out!r}")
            finally:
                session.rollback()
        assert table_counts(engine) == before, f"{name} as {role} wrote"
