"""The register of movements: the chair registers and launches one with its document; members see only launched
movements, and the register shows who opened it; an award given in a movement by period is thematic."""

from __future__ import annotations

from datetime import date

import pytest

from components.rules import emulation_movements as rules
from components.rules.errors import DomainError
from db import awards, movements
from db.models import Award
from tests.db.test_scoring import actor
from tests.helpers import home_cluster


def test_registered_attached_launched_and_opened(session):
    chair, member = actor(session, "chair"), actor(session, "sonla")
    cluster = home_cluster(session)
    row = movements.register(session=session, actor=chair, cluster_id=cluster, name="Chuyển đổi số năm 2026",
                             level="ministry", kind="period", starts_on=date(2026, 3, 1), ends_on=date(2026, 12, 31))
    movements.attach(session=session, actor=chair, movement_id=row.id, file_name="ke_hoach.pdf", data=b"%PDF-1.7 x")
    session.commit()
    assert movements.register_of(session=session, actor=member, cluster_id=cluster) == []  # not launched yet
    movements.launch(session=session, actor=chair, movement_id=row.id)
    session.commit()
    [seen] = movements.register_of(session=session, actor=member, cluster_id=cluster)
    assert seen.documents[0].file_name == "ke_hoach.pdf" and seen.opened_by == {}
    movements.mark_opened(session=session, actor=member, movement_id=row.id)
    movements.mark_opened(session=session, actor=member, movement_id=row.id)  # the first time is kept
    session.commit()
    [entry] = movements.register_of(session=session, actor=chair, cluster_id=cluster)
    assert list(entry.opened_by) == [member.unit_id]
    with pytest.raises(DomainError, match="movement_already_launched"):
        movements.launch(session=session, actor=chair, movement_id=row.id)
    with pytest.raises(DomainError, match="entry_chair_only"):
        movements.register(session=session, actor=member, cluster_id=cluster, name="x", level="cluster",
                           kind="regular", starts_on=date(2026, 1, 1))


def test_an_award_of_a_movement_by_period_is_thematic(session):
    chair, member = actor(session, "chair"), actor(session, "sonla")
    row = movements.register(session=session, actor=chair, cluster_id=home_cluster(session), name="Bình dân học vụ số",
                             level="national", kind="period", starts_on=date(2026, 3, 1), ends_on=date(2026, 9, 30))
    award = awards.add_award(session=session, actor=member, unit_id=member.unit_id, year=2026, form="giay_khen",
                             level="province", recipient="collective", count=1, movement_id=row.id)
    session.commit()
    stored = session.get(Award, award.id)
    assert stored.movement_id == row.id and stored.scope == "thematic"


@pytest.mark.parametrize("kwargs, code", [
    ({"name": ""}, "movement_name_required"), ({"level": "district"}, "movement_unknown_level"),
    ({"kind": "period", "ends_on": None}, "movement_period_needs_end"),
    ({"ends_on": date(2025, 1, 1)}, "movement_ends_before_start"), ({"starts_on": None}, "movement_start_required"),
])
def test_a_movement_needs_a_name_a_level_and_dates_in_order(kwargs, code):
    given = {"name": "Thi đua chuyển đổi số", "level": "cluster", "kind": "regular", "starts_on": date(2026, 1, 1),
             "ends_on": None, **kwargs}
    with pytest.raises(DomainError) as refused:
        rules.check_movement(**given)
    assert refused.value.code == code
