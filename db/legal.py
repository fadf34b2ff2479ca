"""The law of each emulation year as data (LegalBasis): read by the documents (their "Căn cứ" lines and the ministry
above the cluster), written by the administrator. A year without a row, or whose row is not confirmed, is said so
on the documents page; memberships the app proposed (MembershipProposal) are confirmed here too."""

from __future__ import annotations

from sqlmodel import Session, select

from components.documents.legal_basis import basis_lines
from components.rules import packs
from components.rules.access import can_manage_organisation
from components.rules.errors import DomainError
from db.models import LegalBasis, MembershipProposal, utcnow

TEXT_MAX = 1000


def legal_basis(*, session: Session, year: int) -> LegalBasis | None:
    return session.exec(select(LegalBasis).where(LegalBasis.year == year)).first()


def list_legal_bases(*, session: Session) -> list[LegalBasis]:
    return list(session.exec(select(LegalBasis).order_by(LegalBasis.year.desc())).all())


def lines_for(*, session: Session, year: int) -> tuple[str, ...]:
    row = legal_basis(session=session, year=year)
    if row is None:
        return ()
    return basis_lines(law=row.law, decree=row.decree, home_affairs_circular=row.home_affairs_circular,
                       sector_circular=row.sector_circular)


def pack_fields(*, session: Session, year: int) -> tuple[str, ...] | None:
    """The fields the year's members report (its indicator pack); None: every field."""
    row = legal_basis(session=session, year=year)
    return packs.pack_fields(row.pack if row else None)


def year_and_change_fields(*, session: Session, year: int) -> tuple[tuple[str, ...] | None,
                                                                     tuple[str, ...] | None, bool]:
    """The year's fields (its pack; None: every field), the fields a comparison with the year before may show
    (those of both years' packs), and whether the two packs differ (the 2024 / 2025 boundary: Sở TT&TT, then
    Sở KH&CN). One read of the two years."""
    found = dict(session.exec(select(LegalBasis.year, LegalBasis.pack).where(
        LegalBasis.year.in_((year, year - 1)))).all())
    this, before = packs.pack_fields(found.get(year)), packs.pack_fields(found.get(year - 1))
    shared = packs.shared_fields(found.get(year), found.get(year - 1))
    if shared is None:
        return this, this, False
    return this, shared, this != before


def pack_indicator_codes(*, session: Session, year: int) -> list[str]:
    """The active indicators of the year's pack, in the catalogue's order (what a criterion of the year may link)."""
    from db import reference

    fields = pack_fields(session=session, year=year)
    return [i.code for i in reference.list_indicators(session=session) if fields is None or i.field in fields]


def save_legal_basis(*, session: Session, actor, year: int, law: str, decree: str, home_affairs_circular: str,
                     sector_circular: str, ministry_vi: str, ministry_en: str, reading_office_vi: str, source: str,
                     confirmed: bool, pack: str | None = None) -> LegalBasis:
    """The administrator's record of a year's law. Everything is checked before anything is written."""
    if actor is None or not can_manage_organisation(actor):
        raise DomainError("forbidden")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("bad_year")
    texts = {"law": law, "decree": decree, "home_affairs_circular": home_affairs_circular,
             "sector_circular": sector_circular, "ministry_vi": ministry_vi, "ministry_en": ministry_en,
             "reading_office_vi": reading_office_vi, "source": source}
    texts = {k: (v or "").strip() for k, v in texts.items()}
    if not texts["decree"]:
        raise DomainError("law_decree_required")
    if not texts["ministry_vi"]:
        raise DomainError("law_ministry_required")
    if any(len(v) > (200 if k.startswith(("ministry", "reading")) else TEXT_MAX) for k, v in texts.items()):
        raise DomainError("law_text_too_long", max=TEXT_MAX)
    if confirmed and not texts["source"]:
        raise DomainError("law_source_required")
    if pack is not None and pack != "" and pack not in packs.PACKS:
        raise DomainError("law_unknown_pack", pack=pack)
    row = legal_basis(session=session, year=year) or LegalBasis(year=year)
    if pack is not None:
        row.pack = pack
    for key, value in texts.items():
        setattr(row, key, value)
    row.ministry_en = row.ministry_en or row.ministry_vi
    row.confirmed = bool(confirmed)
    row.updated_at, row.updated_by_id = utcnow(), getattr(actor, "id", None)
    session.add(row)
    session.flush()
    return row


# --- memberships the app proposed ---------------------------------------------------------------------------


def membership_proposal(*, session: Session, cluster_id: int, year: int) -> MembershipProposal | None:
    return session.exec(select(MembershipProposal).where(MembershipProposal.cluster_id == cluster_id,
                                                         MembershipProposal.year == year)).first()


def proposed_years(*, session: Session, cluster_id: int) -> dict[int, str]:
    """Year -> the note of a membership still to be confirmed."""
    return {p.year: p.note for p in session.exec(select(MembershipProposal)
                                                  .where(MembershipProposal.cluster_id == cluster_id)).all()}


def propose_membership(*, session: Session, cluster_id: int, year: int, note: str) -> MembershipProposal:
    row = membership_proposal(session=session, cluster_id=cluster_id, year=year) or MembershipProposal(
        cluster_id=cluster_id, year=year)
    row.note = note
    session.add(row)
    session.flush()
    return row


def confirm_membership(*, session: Session, actor, cluster_id: int, year: int) -> None:
    """The administrator confirms the proposed members of a year as they stand."""
    if actor is None or not can_manage_organisation(actor):
        raise DomainError("forbidden")
    row = membership_proposal(session=session, cluster_id=cluster_id, year=year)
    if row is None:
        raise DomainError("org_membership_not_proposed", year=year)
    session.delete(row)
    session.flush()
