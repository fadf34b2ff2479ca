"""The register of emulation movements: the chair (or the administrator) registers a movement of its cluster with
its level, kind and dates and attaches the launching documents, then launches it ("phát động"): from then the
members see it, and the register shows which of them has opened it. Awards can name the movement they were given
in (db/awards.py). The rules are components/rules/emulation_movements.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from components.rules import emulation_movements as rules
from components.rules.access import is_secretariat
from components.rules.errors import DomainError
from db import reference, scope
from db.audit import record_change
from db.models import Movement, MovementDocument, MovementView, utcnow


def _run(session: Session, actor, cluster_id: int) -> None:
    if not is_secretariat(getattr(actor, "role", None)):
        raise DomainError("entry_chair_only")
    scope.check_runs_cluster(session=session, actor=actor, cluster_id=cluster_id)


def register(*, session: Session, actor, cluster_id: int, name: str, level: str, kind: str, starts_on: date | None,
             ends_on: date | None = None) -> Movement:
    _run(session, actor, cluster_id)
    name, level, kind, starts_on, ends_on = rules.check_movement(name=name, level=level, kind=kind,
                                                                 starts_on=starts_on, ends_on=ends_on)
    row = Movement(cluster_id=cluster_id, name=name, level=level, kind=kind, starts_on=starts_on, ends_on=ends_on,
                   created_by_id=getattr(actor, "id", None))
    session.add(row)
    record_change(session, actor=actor, what="movement", year=starts_on.year,
                  new={"name": name, "level": level, "kind": kind})
    session.flush()
    return row


def attach(*, session: Session, actor, movement_id: int, file_name: str, data: bytes) -> MovementDocument:
    row = _movement(session, movement_id)
    _run(session, actor, row.cluster_id)
    name = rules.check_file(file_name, len(data))
    doc = MovementDocument(movement_id=row.id, file_name=name, content=data, size=len(data),
                           uploaded_by_id=getattr(actor, "id", None))
    session.add(doc)
    session.flush()
    return doc


def launch(*, session: Session, actor, movement_id: int) -> Movement:
    """Phát động: the members see the movement from now on."""
    row = _movement(session, movement_id)
    _run(session, actor, row.cluster_id)
    if row.launched_at is not None:
        raise DomainError("movement_already_launched")
    row.launched_at, row.launched_by_id = utcnow(), getattr(actor, "id", None)
    session.add(row)
    record_change(session, actor=actor, what="movement", year=row.starts_on.year, new={"launched": row.name})
    session.flush()
    return row


def _movement(session: Session, movement_id: int) -> Movement:
    row = session.get(Movement, movement_id)
    if row is None:
        raise DomainError("movement_unknown")
    return row


@dataclass(frozen=True)
class MovementEntry:
    movement: Movement
    documents: list[MovementDocument]
    opened_by: dict[int, object]  # unit -> when it first opened the movement


def register_of(*, session: Session, actor, cluster_id: int) -> list[MovementEntry]:
    """The cluster's movements, newest first: every one for the chair, the launched ones for a member."""
    scope.check_reads_cluster(session=session, actor=actor, cluster_id=cluster_id)
    stmt = select(Movement).where(Movement.cluster_id == cluster_id)
    if not is_secretariat(getattr(actor, "role", None)):
        stmt = stmt.where(Movement.launched_at.is_not(None))
    out = []
    for row in session.exec(stmt.order_by(Movement.starts_on.desc(), Movement.id.desc())).all():
        docs = session.exec(select(MovementDocument).where(MovementDocument.movement_id == row.id)
                            .order_by(MovementDocument.id)).all()
        views = session.exec(select(MovementView).where(MovementView.movement_id == row.id)).all()
        out.append(MovementEntry(row, list(docs), {v.unit_id: v.opened_at for v in views}))
    return out


def mark_opened(*, session: Session, actor, movement_id: int) -> None:
    """A member opened a launched movement (the first time is kept)."""
    if getattr(actor, "role", None) != "province" or actor.unit_id is None:
        raise DomainError("forbidden")  # only a member's opening counts
    row = _movement(session, movement_id)
    scope.check_reads_cluster(session=session, actor=actor, cluster_id=row.cluster_id)
    if row.launched_at is None:
        raise DomainError("movement_unknown")
    exists = session.exec(select(MovementView).where(MovementView.movement_id == row.id,
                                                     MovementView.unit_id == actor.unit_id)).first()
    if exists is not None:
        return
    try:
        with session.begin_nested():
            session.add(MovementView(movement_id=row.id, unit_id=actor.unit_id, user_id=actor.id))
    except IntegrityError:  # the same member opened it at the same moment on another device
        pass


def cluster_movements(*, session: Session, cluster_id: int) -> list[Movement]:
    return list(session.exec(select(Movement).where(Movement.cluster_id == cluster_id)
                             .order_by(Movement.starts_on.desc())).all())


def members(*, session: Session, cluster_id: int, year: int) -> list[int]:
    return [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year)]
