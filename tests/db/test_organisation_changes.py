"""Organisation changes keep what was decided: a unit whose figures were sent or locked in a cluster's year cannot
be moved out of it (the preview says so; nothing is stored), and the administrator undoes a membership change or a
lineage event with a written reason in the audit trail."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from components.rules.errors import DomainError
from components.rules.figures import Figure
from db import entry, organisation, reference, scope
from db.models import ClusterMembership, UnitEvent, UnitName, ValueChange
from db.users import get_user
from tests.helpers import ADMIN, home_cluster
from tests.two_clusters import units

YEAR = 2026  # the sample's open year


def members(session, cluster_id: int, year: int) -> list[int]:
    return sorted(u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year))


def test_a_unit_with_locked_figures_cannot_leave_the_clusters_year(session):
    cum2, u = home_cluster(session), units(session)
    sonla = get_user(session=session, username="sonla")
    entry.save_figures(session=session, actor=sonla, unit_id=sonla.unit_id, year=YEAR, figures={"bts_sites": Figure(9)})
    entry.lock_unit(session=session, actor=get_user(session=session, username="chair"), unit_id=sonla.unit_id,
                    year=YEAR)
    session.commit()
    before = members(session, cum2, YEAR)
    others = [m for m in before if m != u["sonla"]]
    for attempt in (organisation.preview_membership, organisation.set_membership):
        kwargs = {"actor": ADMIN} if attempt is organisation.set_membership else {}
        with pytest.raises(DomainError) as exc:
            attempt(session=session, cluster_id=cum2, year=YEAR, unit_ids=others, **kwargs)
        assert exc.value.code == "org_member_has_submission"
        assert exc.value.params["unit"] == "Sở Khoa học và Công nghệ Sơn La"
        session.rollback()
    assert members(session, cum2, YEAR) == before
    assert entry.submission_status(session=session, unit_id=u["sonla"], year=YEAR).state == "locked"
    assert scope.unit_year(session=session, unit_id=u["sonla"], year=YEAR).cluster_id == cum2


def test_a_membership_change_is_undone_with_its_reason(session):
    cum2, u = home_cluster(session), units(session)
    before = members(session, cum2, 2024)
    organisation.set_membership(session=session, actor=ADMIN, cluster_id=cum2, year=2024,
                                unit_ids=[m for m in before if m != u["caobang"]])
    session.commit()
    change = organisation.recent_changes(session=session)[0]
    assert change.what == "membership" and not change.undone
    with pytest.raises(DomainError, match="org_undo_reason_required"):
        organisation.undo_change(session=session, actor=ADMIN, change_id=change.id, reason="nhầm")
    session.rollback()
    with pytest.raises(DomainError, match="forbidden"):
        organisation.undo_change(session=session, actor=get_user(session=session, username="chair"),
                                 change_id=change.id, reason="Bấm nhầm khi sửa danh sách")
    session.rollback()
    organisation.undo_change(session=session, actor=ADMIN, change_id=change.id, reason="Bấm nhầm khi sửa danh sách")
    session.commit()
    assert members(session, cum2, 2024) == before
    undo = session.exec(select(ValueChange).where(ValueChange.what == "undo")).one()
    assert undo.reason == "Bấm nhầm khi sửa danh sách" and json.loads(undo.new_value) == {"change_id": change.id}
    assert organisation.recent_changes(session=session)[1].undone
    with pytest.raises(DomainError, match="org_change_already_undone"):
        organisation.undo_change(session=session, actor=ADMIN, change_id=change.id, reason="Bấm nhầm lần nữa")


def test_a_lineage_event_is_undone_and_the_unit_exists_again(session):
    u = units(session)
    organisation.record_event(session=session, actor=ADMIN, unit_id=u["langson"], kind="dissolved",
                              effective_on=date(2026, 7, 1))
    session.commit()
    assert reference.unit_names(session=session)[u["langson"]].end == date(2026, 7, 1)
    change = organisation.recent_changes(session=session)[0]
    assert change.what == "lineage" and change.unit_id == u["langson"]
    organisation.undo_change(session=session, actor=ADMIN, change_id=change.id,
                             reason="Nhập nhầm đơn vị, Lạng Sơn không giải thể")
    session.commit()
    assert session.exec(select(UnitEvent).where(UnitEvent.unit_id == u["langson"],
                                                UnitEvent.kind == "dissolved")).all() == []
    assert reference.unit_names(session=session)[u["langson"]].end is None
    assert session.exec(select(UnitName).where(UnitName.unit_id == u["langson"],
                                               UnitName.valid_to == None)).first() is not None  # noqa: E711
    assert session.exec(select(ClusterMembership)).first() is not None
