"""The proposal exchange in the data layer: a member files and sends, the chair returns with a reason (the member
reads it), the member corrects and sends again, the chair accepts and forwards; the cluster's tờ trình lists what
was forwarded; a unit on hold cannot send; every step is logged and audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from components.rules.errors import DomainError
from db import award_proposals as proposals
from db import holds, paperwork
from db.models import ValueChange
from tests.db.test_scoring import Actor, actor
from tests.helpers import home_cluster

YEAR = 2026
RETURN = "Thiếu báo cáo thành tích có xác nhận của cấp trên"


def _chair(session) -> Actor:
    return actor(session, "chair")


def _file(session, me, name="Phòng Bưu chính, Viễn thông", form="bang_khen"):
    return proposals.add_item(session=session, actor=me, unit_id=me.unit_id, year=YEAR, subject="collective",
                              name=name, form=form, summary="Hoàn thành xuất sắc nhiệm vụ năm 2026")


def test_the_whole_path_to_the_package_and_the_tờ_trình_lists_it(session):
    me, chair = actor(session, "sonla"), _chair(session)
    first = _file(session, me)
    proposals.send(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    session.commit()
    [sent] = [v for v in proposals.cluster_view(session=session, actor=chair, cluster_id=home_cluster(session),
                                                year=YEAR) if v.proposal is not None]
    with pytest.raises(DomainError, match="proposal_return_reason_required"):
        proposals.chair_step(session=session, actor=chair, proposal_id=sent.proposal.id, action="returned", reason="")
    session.rollback()
    proposals.chair_step(session=session, actor=chair, proposal_id=sent.proposal.id, action="returned", reason=RETURN)
    session.commit()
    mine = proposals.member_view(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    assert mine.proposal.state == "returned" and mine.events[-1].reason == RETURN
    # the member corrects its list and sends it again
    proposals.remove_item(session=session, actor=me, item_id=first.id, year=YEAR)
    _file(session, me, name="Nguyễn Thị Hoa", form="chien_si_thi_dua")
    proposals.send(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    proposals.chair_step(session=session, actor=chair, proposal_id=sent.proposal.id, action="accepted")
    proposals.chair_step(session=session, actor=chair, proposal_id=sent.proposal.id, action="forwarded")
    session.commit()
    mine = proposals.member_view(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    assert [e.action for e in mine.events] == ["sent", "returned", "sent", "accepted", "forwarded"]
    document = paperwork.document_for(session=session, actor=chair, kind="package", cluster_id=home_cluster(session),
                                      year=YEAR)
    table = next(b for b in document.blocks if b.kind == "table")
    assert [row[3] for row in table.rows[1:]] == ["Nguyễn Thị Hoa"] and "Chiến sĩ thi đua" in table.rows[1][4]
    assert "Sơn La" in table.rows[1][1]
    assert len(session.exec(select(ValueChange).where(ValueChange.what == "proposal")).all()) == 5


def test_a_sent_list_cannot_be_changed_and_only_the_member_sends_it(session):
    me, chair = actor(session, "sonla"), _chair(session)
    _file(session, me)
    proposals.send(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    with pytest.raises(DomainError, match="proposal_not_editable"):
        _file(session, me, name="Thêm sau khi gửi")
    with pytest.raises(DomainError, match="entry_not_your_unit"):
        proposals.send(session=session, actor=chair, unit_id=me.unit_id, year=YEAR)
    other = actor(session, "laichau")
    with pytest.raises(DomainError, match="entry_not_your_unit"):
        proposals.member_view(session=session, actor=other, unit_id=me.unit_id, year=YEAR)


def test_a_unit_on_hold_cannot_send_its_proposals_and_the_reason_is_given(session):
    me, chair = actor(session, "sonla"), _chair(session)
    holds.set_hold(session=session, actor=chair, unit_id=me.unit_id, kind="complaint",
                   reason="Xác minh đơn tố cáo số 05/ĐTC", starts_on=date(2026, 10, 1))
    _file(session, me)
    with pytest.raises(DomainError) as refused:
        proposals.send(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    assert refused.value.code == "hold_candidate_held" and "05/ĐTC" in refused.value.params["reason"]


def test_a_file_is_attached_by_its_real_type_and_a_renamed_one_is_refused(session):
    me, chair = actor(session, "sonla"), _chair(session)
    kept = proposals.attach_file(session=session, actor=me, unit_id=me.unit_id, year=YEAR,
                                 file_name="C:\\\\ho so\\\\bao_cao.pdf", data=b"%PDF-1.7 bao cao thanh tich")
    assert kept.file_name == "bao_cao.pdf" and kept.mime == "application/pdf"
    with pytest.raises(DomainError, match="evidence_bad_type"):
        proposals.attach_file(session=session, actor=me, unit_id=me.unit_id, year=YEAR, file_name="x.pdf",
                              data=b"MZ\\x90 not a pdf")
    session.commit()
    [view] = [v for v in proposals.cluster_view(session=session, actor=chair, cluster_id=home_cluster(session),
                                                year=YEAR) if v.proposal is not None]
    assert [f.file_name for f in view.files] == ["bao_cao.pdf"]
