"""The awards of a cluster's year for other software (components/documents/awards_export.py): one row per award of
the members, with the unit's code and its name of the year, the issuer from the award's level (the awarding body's
head for a ministry award, on the decision's day), and the signed PDFs of the year for the ZIP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from components.documents import awards_export as export
from components.rules.access import CROSS_CLUSTER_ROLES, is_secretariat
from components.rules.errors import DomainError
from db import paperwork, reference, scope
from db.models import Award, Cluster, Movement, SignedDocument, Unit


@dataclass(frozen=True)
class AwardsOut:
    cluster_code: str
    year: int
    rows: list[export.AwardRow]
    signed: dict[str, bytes]  # file name -> the signed PDF as it came back


def _issuer(session: Session, award: Award, names) -> str:
    head = None
    if award.level == "ministry":
        body = reference.awarding_body_on(session=session, on=award.decision_date or date(award.year, 12, 31))
        head = body.head_vi if body is not None else None
    province = names[award.unit_id].province if award.unit_id in names else None
    return export.issuer(award.level, ministry_head=head, province=province)


def awards_out(*, session: Session, actor, cluster_id: int, year: int) -> AwardsOut:
    """The chair, the administrator or the ministry takes the awards of a cluster's year out."""
    if not (is_secretariat(actor.role) or actor.role in CROSS_CLUSTER_ROLES):
        raise DomainError("forbidden")
    scope.check_reads_cluster(session=session, actor=actor, cluster_id=cluster_id, year=year)
    cluster = session.get(Cluster, cluster_id)
    if cluster is None or reference.get_emulation_year(session=session, cluster_id=cluster_id, year=year) is None:
        raise DomainError("documents_unknown_year", year=year)
    members = [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year)]
    names = reference.unit_names(session=session, year=year)
    codes = dict(session.exec(select(Unit.id, Unit.code).where(Unit.id.in_(members or [-1]))).all())
    movements = {m.id: m.name for m in session.exec(select(Movement).where(Movement.cluster_id == cluster_id)).all()}
    rows = []
    for award in session.exec(select(Award).where(Award.year == year, Award.unit_id.in_(members or [-1]))
                              .order_by(Award.unit_id, Award.level, Award.form, Award.id)).all():
        rows.append(export.award_row(year=year, unit_code=codes[award.unit_id],
                                     unit_name=names[award.unit_id].name_vi if award.unit_id in names else "",
                                     form=award.form, level=award.level, recipient=award.recipient,
                                     count=award.count, note=award.note, decision_no=award.decision_no,
                                     decision_date=award.decision_date, issuer=_issuer(session, award, names),
                                     scope=award.scope, movement=movements.get(award.movement_id, "")))
    signed = {}
    for doc in session.exec(select(SignedDocument).where(SignedDocument.cluster_id == cluster_id,
                                                         SignedDocument.year == year)
                            .order_by(SignedDocument.id)).all():
        name = paperwork.file_name(doc.kind, year, cluster.code, "pdf").replace(".pdf", f"_da_ky_{doc.id}.pdf")
        signed[name] = doc.content
    return AwardsOut(cluster.code, year, rows, signed)


def export_bytes(out: AwardsOut, fmt: str) -> bytes:
    if fmt == "csv":
        return export.csv_bytes(out.rows)
    if fmt == "xlsx":
        return export.xlsx_bytes(out.rows)
    if fmt == "json":
        return export.json_bytes(out.rows, cluster=out.cluster_code, year=out.year)
    if fmt == "zip":
        return export.zip_bytes(out.rows, cluster=out.cluster_code, year=out.year, signed=out.signed)
    raise DomainError("documents_unknown_format", fmt=fmt)


EXPORT_FORMATS = ("csv", "xlsx", "json", "zip")
