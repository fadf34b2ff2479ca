"""The proposal exchange: a member files its proposals for the year's awards and sends them to the chair; the chair
returns them with a reason, accepts them, or forwards accepted ones into the cluster's package, which the tờ trình
and its list print (db/paperwork.py, kind "package"). Every step is logged (awardproposalevent) and in the audit
trail; a unit on hold (db/holds.py) cannot send, be accepted or forwarded. The rules are
components/rules/proposal_flow.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from components.rules import proposal_flow as flow
from components.rules.access import is_secretariat
from components.rules.errors import DomainError
from components.rules.evidence import check_evidence_file
from components.rules.honours import AWARD_FORMS
from db import holds, reference, scope
from db.audit import record_change
from db.models import AwardProposal, AwardProposalEvent, AwardProposalFile, AwardProposalItem, EmulationYear, utcnow


@dataclass(frozen=True)
class ProposalView:
    proposal: AwardProposal | None  # None: the member has filed nothing yet
    unit_id: int
    items: list[AwardProposalItem]
    events: list[AwardProposalEvent]
    files: list[AwardProposalFile] = field(default_factory=list)


def _year(session: Session, cluster_id: int, year: int) -> EmulationYear:
    return scope.cluster_year(session=session, cluster_id=cluster_id, year=year)


def _member_step(session: Session, actor, unit_id: int, year: int) -> EmulationYear:
    """A province acts for its own unit only, in its cluster's year that is not closed."""
    if getattr(actor, "role", None) != "province" or actor.unit_id != unit_id:
        raise DomainError("entry_not_your_unit")
    ey = scope.write_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    if ey.state == "closed":
        raise DomainError("proposal_year_closed", year=year)
    return ey


def _proposal(session: Session, ey: EmulationYear, unit_id: int) -> AwardProposal | None:
    return session.exec(select(AwardProposal).where(AwardProposal.emulation_year_id == ey.id,
                                                    AwardProposal.unit_id == unit_id)).first()


def _view(session: Session, ey: EmulationYear, unit_id: int) -> ProposalView:
    row = _proposal(session, ey, unit_id)
    if row is None:
        return ProposalView(None, unit_id, [], [])
    items = session.exec(select(AwardProposalItem).where(AwardProposalItem.proposal_id == row.id)
                         .order_by(AwardProposalItem.id)).all()
    events = session.exec(select(AwardProposalEvent).where(AwardProposalEvent.proposal_id == row.id)
                          .order_by(AwardProposalEvent.id)).all()
    files = session.exec(select(AwardProposalFile).where(AwardProposalFile.proposal_id == row.id)
                         .order_by(AwardProposalFile.id)).all()
    return ProposalView(row, unit_id, list(items), list(events), list(files))


def member_view(*, session: Session, actor, unit_id: int, year: int) -> ProposalView:
    """The unit's own proposals and every step taken on them (the chair's reasons included)."""
    ey = scope.read_unit_year(session=session, actor=actor, unit_id=unit_id, year=year)
    if getattr(actor, "role", None) == "province" and actor.unit_id != unit_id:
        raise DomainError("entry_not_your_unit")
    return _view(session, ey, unit_id)


def add_item(*, session: Session, actor, unit_id: int, year: int, subject: str, name: str, form: str,
             summary: str = "") -> AwardProposalItem:
    ey = _member_step(session, actor, unit_id, year)
    subject, name, form, summary = flow.check_item(subject=subject, name=name, form=form, summary=summary,
                                                   forms=AWARD_FORMS)
    row = _proposal(session, ey, unit_id)
    if row is None:
        row = AwardProposal(emulation_year_id=ey.id, unit_id=unit_id)
        session.add(row)
        session.flush()
    flow.check_editable(row.state)
    item = AwardProposalItem(proposal_id=row.id, subject=subject, name=name, form=form, summary=summary,
                             created_by_id=actor.id)
    row.updated_at = utcnow()
    session.add_all([item, row])
    record_change(session, actor=actor, what="proposal_item", year=year, unit_id=unit_id,
                  new={"subject": subject, "name": name, "form": form})
    session.flush()
    return item


def remove_item(*, session: Session, actor, item_id: int, year: int) -> None:
    item = session.get(AwardProposalItem, item_id)
    row = session.get(AwardProposal, item.proposal_id) if item else None
    if item is None or row is None:
        raise DomainError("proposal_unknown_item")
    _member_step(session, actor, row.unit_id, year)
    flow.check_editable(row.state)
    record_change(session, actor=actor, what="proposal_item", year=year, unit_id=row.unit_id,
                  old={"subject": item.subject, "name": item.name, "form": item.form})
    session.delete(item)
    session.flush()


def _step(session: Session, actor, row: AwardProposal, ey: EmulationYear, action: str, by: str,
          reason: str | None) -> AwardProposal:
    target = flow.next_state(action, row.state, by=by)
    kept = flow.check_step_reason(action, reason)
    if action in ("sent", "accepted", "forwarded"):
        holds.check_not_held(session=session, ey=ey, unit_ids=[row.unit_id])
    if action == "sent":
        count = len(session.exec(select(AwardProposalItem.id).where(AwardProposalItem.proposal_id == row.id)).all())
        flow.check_sendable(count)
    old = row.state
    row.state, row.updated_at = target, utcnow()
    session.add(row)
    session.add(AwardProposalEvent(proposal_id=row.id, action=action, reason=kept, actor_id=actor.id))
    record_change(session, actor=actor, what="proposal", year=ey.year, unit_id=row.unit_id, old=old, new=target,
                  reason=kept)
    session.flush()
    return row


def send(*, session: Session, actor, unit_id: int, year: int) -> AwardProposal:
    """The member sends its list to the chair (again, once corrected after a return)."""
    ey = _member_step(session, actor, unit_id, year)
    row = _proposal(session, ey, unit_id)
    if row is None:
        raise DomainError("proposal_empty")
    return _step(session, actor, row, ey, "sent", "member", None)


def chair_step(*, session: Session, actor, proposal_id: int, action: str, reason: str | None = None) -> AwardProposal:
    """The chair returns a member's proposals with a reason, accepts them, or forwards them into the package."""
    if not is_secretariat(getattr(actor, "role", None)):
        raise DomainError("entry_chair_only")
    row = session.get(AwardProposal, proposal_id)
    if row is None:
        raise DomainError("proposal_unknown")
    ey = session.get(EmulationYear, row.emulation_year_id)
    scope.run_year(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)
    return _step(session, actor, row, ey, action, "chair", reason)


def cluster_view(*, session: Session, actor, cluster_id: int, year: int) -> list[ProposalView]:
    """Every member's proposals of the year for the chair (or the administrator), members without any included."""
    if not is_secretariat(getattr(actor, "role", None)):
        raise DomainError("entry_chair_only")
    scope.check_reads_cluster(session=session, actor=actor, cluster_id=cluster_id, year=year)
    ey = _year(session, cluster_id, year)
    return [_view(session, ey, u.id) for u in reference.member_units(session=session, cluster_id=cluster_id,
                                                                      year=year)]


def package_items(*, session: Session, cluster_id: int, year: int) -> list[tuple[int, AwardProposalItem]]:
    """The lines forwarded into the cluster's package: (unit, item), by unit then as filed."""
    ey = _year(session, cluster_id, year)
    rows = session.exec(select(AwardProposal).where(AwardProposal.emulation_year_id == ey.id,
                                                    AwardProposal.state == "forwarded")
                        .order_by(AwardProposal.unit_id)).all()
    out = []
    for row in rows:
        for item in session.exec(select(AwardProposalItem).where(AwardProposalItem.proposal_id == row.id)
                                 .order_by(AwardProposalItem.id)).all():
            out.append((row.unit_id, item))
    return out


def import_items(*, session: Session, actor, unit_id: int, year: int,
                 rows: list[tuple[str, str, str, str]]) -> list[AwardProposalItem]:
    """Every row of a filled template (components/documents/proposal_workbook.py) added in one go, or none."""
    _member_step(session, actor, unit_id, year)
    return [add_item(session=session, actor=actor, unit_id=unit_id, year=year, subject=subject, name=name, form=form,
                     summary=summary) for subject, name, form, summary in rows]


def attach_file(*, session: Session, actor, unit_id: int, year: int, file_name: str,
                data: bytes) -> AwardProposalFile:
    """A file for the member's proposals (a PDF or an image, by its first bytes), while the list can change."""
    ey = _member_step(session, actor, unit_id, year)
    mime = check_evidence_file(file_name, data)
    row = _proposal(session, ey, unit_id)
    if row is None:
        row = AwardProposal(emulation_year_id=ey.id, unit_id=unit_id)
        session.add(row)
        session.flush()
    flow.check_editable(row.state)
    name = (file_name or "tep").replace("\\", "/").rsplit("/", 1)[-1][:200]
    item = AwardProposalFile(proposal_id=row.id, file_name=name, mime=mime, content=data, size=len(data),
                             uploaded_by_id=actor.id)
    session.add(item)
    record_change(session, actor=actor, what="proposal_file", year=year, unit_id=unit_id, new=name)
    session.flush()
    return item
