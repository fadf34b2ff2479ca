"""Opening the next emulation year in one step (issue 21, item 3): the chair or the administrator opens year N+1 of
its cluster with everything carried from year N shown first and saved together: the members (N's, each one merged
away replaced by its successor, as a proposal the administrator confirms), N's criteria table copied as a draft,
the legal basis and indicator pack (N's carried, not confirmed, unless N+1 already has its own), the awarding body
of 01/01 of N+1 and the entry deadline. plan_next_year() reads and checks; open_next_year() writes it all or
nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from components.rules.access import is_secretariat
from components.rules.errors import DomainError
from db import criteria_tables, legal, reference, scope
from db import organisation as org
from db.models import ClusterMembership, EmulationYear, LegalBasis


@dataclass(frozen=True)
class YearPlan:
    cluster_id: int
    year: int
    previous: int
    members: tuple[int, ...]  # proposed, in the cluster's order
    member_names: tuple[str, ...]  # with the names of the new year
    criteria_from: int | None  # the year whose criteria table is copied; None: none to copy
    law_from: int | None  # the year whose legal basis is carried; None: the new year has its own, or none at all
    law_lines: tuple[str, ...]
    pack: str
    ministry: str
    awarding_body: str | None
    deadline: datetime | None


def _check_actor(session: Session, actor, cluster_id: int, year: int) -> None:
    if actor is None or not is_secretariat(getattr(actor, "role", "")):
        raise DomainError("forbidden")
    scope.check_runs_cluster(session=session, actor=actor, cluster_id=cluster_id, year=year)


def plan_next_year(*, session: Session, actor, cluster_id: int, deadline: datetime | None = None,
                   unit_ids: list[int] | None = None) -> YearPlan:
    """What opening the year after the cluster's newest year will do. unit_ids: the members the chair keeps (default:
    the ones the lineage proposes); each must exist in the new year, else the refusal names its successor."""
    years = reference.list_emulation_years(session=session, cluster_id=cluster_id)
    if not years:
        raise DomainError("open_year_no_previous")
    previous = max(y.year for y in years)
    year = previous + 1
    _check_actor(session, actor, cluster_id, previous)
    if reference.get_emulation_year(session=session, cluster_id=cluster_id, year=year) is not None:
        raise DomainError("year_exists", year=year)
    _, offered = org.last_year_members(session=session, cluster_id=cluster_id, year=year)
    members = list(offered if unit_ids is None else unit_ids)
    if not members:
        raise DomainError("org_membership_empty")
    org.preview_membership(session=session, cluster_id=cluster_id, year=year, unit_ids=members)  # checks them
    names = reference.unit_names(session=session, year=year)
    table = criteria_tables.year_table(session=session, year=previous, cluster_id=cluster_id)
    own = legal.legal_basis(session=session, year=year)
    carried = legal.legal_basis(session=session, year=previous)
    law = own or carried
    lines = legal.lines_for(session=session, year=year if own else previous)
    body = reference.awarding_body_on(session=session, on=date(year, 1, 1))
    ordered = tuple(sorted(set(members)))
    return YearPlan(cluster_id, year, previous, ordered, tuple(names[u].name_vi for u in ordered),
                    previous if table is not None else None, None if own or carried is None else previous, lines,
                    law.pack if law else "", law.ministry_vi if law else "", body.name_vi if body else None,
                    deadline)


def open_next_year(*, session: Session, actor, cluster_id: int, deadline: datetime | None = None,
                   unit_ids: list[int] | None = None) -> EmulationYear:
    """Open the next year as plan_next_year() describes it; nothing is written if any part is refused."""
    if deadline is not None and deadline.tzinfo is None:
        raise DomainError("open_year_deadline_without_zone")
    plan = plan_next_year(session=session, actor=actor, cluster_id=cluster_id, deadline=deadline, unit_ids=unit_ids)
    before = reference.get_emulation_year(session=session, cluster_id=cluster_id, year=plan.previous)
    ey = EmulationYear(cluster_id=cluster_id, year=plan.year, state="open", entry_deadline=deadline,
                       target_ldtt_of_staff_pct=before.target_ldtt_of_staff_pct,
                       target_cstdcs_of_staff_pct=before.target_cstdcs_of_staff_pct,
                       target_ldxs_collectives_pct=before.target_ldxs_collectives_pct,
                       cap_cstdcs_of_ldtt_pct=before.cap_cstdcs_of_ldtt_pct)
    session.add(ey)
    session.flush()
    if not reference.membership_is_set(session=session, cluster_id=cluster_id, year=plan.year):
        for unit_id in plan.members:
            session.add(ClusterMembership(cluster_id=cluster_id, unit_id=unit_id, year=plan.year))
        legal.propose_membership(session=session, cluster_id=cluster_id, year=plan.year,
                                 note=f"Đề xuất khi mở năm {plan.year}: thành viên năm {plan.previous} theo kế thừa")
    if plan.law_from is not None:
        old = legal.legal_basis(session=session, year=plan.law_from)
        session.add(LegalBasis(year=plan.year, law=old.law, decree=old.decree,
                               home_affairs_circular=old.home_affairs_circular, sector_circular=old.sector_circular,
                               ministry_vi=old.ministry_vi, ministry_en=old.ministry_en,
                               reading_office_vi=old.reading_office_vi, pack=old.pack, confirmed=False,
                               source=f"Căn cứ năm {plan.law_from} chuyển sang khi mở năm {plan.year}; " + old.source))
    session.flush()
    if plan.criteria_from is not None:
        criteria_tables.copy_last_year(session=session, actor=actor, year=plan.year, cluster_id=cluster_id)
    return ey
