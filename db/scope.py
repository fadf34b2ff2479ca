"""Which cluster and year an actor reads and writes: the one home of cluster scoping.

A year is always the pair (cluster, year). Nothing here falls back to a default cluster for an account: a chair,
viewer or province whose cluster is not recorded gets DomainError("no_cluster") and can do nothing. The
deployment's cluster (CLUSTER_CODE) is only where the administrator's and the ministry's screens start; they
choose another explicitly. The rules themselves (who may read or run which cluster) are
components/rules/access.py; this module finds the facts they need and raises their refusals.
"""

from __future__ import annotations

from sqlmodel import Session, select

from components.rules.access import CROSS_CLUSTER_ROLES, can_read_cluster, can_run_cluster, is_secretariat
from components.rules.errors import DomainError
from db.models import Cluster, ClusterMembership, EmulationYear, Poll, User
from db.reference import cluster_code, get_cluster


def cluster_of_unit(*, session: Session, unit_id: int, year: int | None = None) -> int | None:
    """The unit's cluster in the year; without a year (or no membership that year) its most recent one before."""
    stmt = select(ClusterMembership).where(ClusterMembership.unit_id == unit_id)
    if year is not None:
        exact = session.exec(stmt.where(ClusterMembership.year == year)).first()
        if exact is not None:
            return exact.cluster_id
        stmt = stmt.where(ClusterMembership.year <= year)
    latest = session.exec(stmt.order_by(ClusterMembership.year.desc())).first()
    return latest.cluster_id if latest else None


def actor_cluster_id(*, session: Session, actor, year: int | None = None) -> int | None:
    """The cluster an account belongs to: a province through its unit's membership of the year, a chair or viewer
    through the account's recorded cluster (else its unit's). None when none is recorded: such an account reads
    and runs nothing. The administrator and the ministry belong to no cluster (they read every one)."""
    role = getattr(actor, "role", None)
    if role in CROSS_CLUSTER_ROLES:
        return None
    if role == "province":
        return None if actor.unit_id is None else cluster_of_unit(session=session, unit_id=actor.unit_id, year=year)
    user = session.get(User, actor.id) if getattr(actor, "id", None) else None
    if user is None:
        return None
    if user.cluster_id is not None:
        return user.cluster_id
    if user.unit_id is not None:
        return cluster_of_unit(session=session, unit_id=user.unit_id, year=year)
    return None


def has_cluster(*, session: Session, actor) -> bool:
    """Can this account work at all? The administrator and the ministry always; others once a cluster is known."""
    return (getattr(actor, "role", None) in CROSS_CLUSTER_ROLES
            or actor_cluster_id(session=session, actor=actor) is not None)


def default_cluster(*, session: Session) -> Cluster:
    """The deployment's cluster (CLUSTER_CODE): where the administrator's and the ministry's screens start."""
    return get_cluster(session=session, code=cluster_code())


def cluster_for(*, session: Session, actor, year: int | None = None) -> Cluster:
    """The cluster a screen shows to this account: its own (refused with no_cluster when none is recorded); the
    administrator and the ministry start on the deployment's cluster and choose others explicitly."""
    if getattr(actor, "role", None) in CROSS_CLUSTER_ROLES:
        return default_cluster(session=session)
    cluster_id = actor_cluster_id(session=session, actor=actor, year=year)
    cluster = session.get(Cluster, cluster_id) if cluster_id is not None else None
    if cluster is None:
        raise DomainError("no_cluster")
    return cluster


def check_reads_cluster(*, session: Session, actor, cluster_id: int, year: int | None = None) -> None:
    """Refuse (not_your_cluster, or no_cluster) a read of a cluster the actor does not belong to."""
    if getattr(actor, "role", None) in CROSS_CLUSTER_ROLES:
        return
    own = actor_cluster_id(session=session, actor=actor, year=year)
    if own is None:
        raise DomainError("no_cluster")
    if not can_read_cluster(actor, cluster_id, own):
        raise DomainError("not_your_cluster")


def check_runs_cluster(*, session: Session, actor, cluster_id: int, year: int | None = None) -> None:
    """Refuse a write on a cluster the actor does not work in: a chair only on its own cluster's year (the
    administrator on any); a province only in its own unit's cluster (its unit is checked by the caller); the
    ministry's and viewers' roles write nothing, which the caller's access rule refuses."""
    role = getattr(actor, "role", None)
    if role == "admin":
        return
    own = actor_cluster_id(session=session, actor=actor, year=year)
    if own is None:
        raise DomainError("no_cluster")
    if is_secretariat(role):
        if not can_run_cluster(actor, cluster_id, own):
            raise DomainError("not_your_cluster")
    elif own != cluster_id:
        raise DomainError("not_your_cluster")


def cluster_year(*, session: Session, cluster_id: int, year: int) -> EmulationYear:
    """The emulation year (cluster, year), or entry_unknown_year."""
    ey = session.exec(select(EmulationYear).where(EmulationYear.cluster_id == cluster_id,
                                                  EmulationYear.year == year)).first()
    if ey is None:
        raise DomainError("entry_unknown_year", year=year)
    return ey


def unit_cluster_id(*, session: Session, unit_id: int, year: int) -> int:
    """The cluster whose year holds a unit's figures, states and scores: its cluster of that year (else its most
    recent one before). A unit never placed in a cluster has no year to work in (unit_not_placed)."""
    found = cluster_of_unit(session=session, unit_id=unit_id, year=year)
    if found is None:
        raise DomainError("unit_not_placed")
    return found


def unit_year(*, session: Session, unit_id: int, year: int) -> EmulationYear:
    """The emulation year of the unit's own cluster: a unit of a second cluster works in that cluster's year."""
    return cluster_year(session=session, cluster_id=unit_cluster_id(session=session, unit_id=unit_id, year=year),
                        year=year)


def run_year(*, session: Session, actor, cluster_id: int, year: int) -> EmulationYear:
    """The year a cluster-wide write acts on, once the actor is known to run that cluster."""
    check_runs_cluster(session=session, actor=actor, cluster_id=cluster_id, year=year)
    return cluster_year(session=session, cluster_id=cluster_id, year=year)


def read_unit_year(*, session: Session, actor, unit_id: int, year: int) -> EmulationYear:
    """The unit's year, once the actor may read the unit's cluster."""
    ey = unit_year(session=session, unit_id=unit_id, year=year)
    check_reads_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=year)
    return ey


def write_unit_year(*, session: Session, actor, unit_id: int, year: int) -> EmulationYear:
    """The unit's year, once the actor may write in the unit's cluster."""
    ey = unit_year(session=session, unit_id=unit_id, year=year)
    check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=year)
    return ey


def year_by_id(*, session: Session, emulation_year_id: int) -> EmulationYear:
    ey = session.get(EmulationYear, emulation_year_id)
    if ey is None:
        raise DomainError("entry_unknown_year", year=emulation_year_id)
    return ey


def read_year_id(*, session: Session, actor, emulation_year_id: int) -> EmulationYear:
    ey = year_by_id(session=session, emulation_year_id=emulation_year_id)
    check_reads_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)
    return ey


def run_year_id(*, session: Session, actor, emulation_year_id: int) -> EmulationYear:
    ey = year_by_id(session=session, emulation_year_id=emulation_year_id)
    check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)
    return ey


def poll_year(*, session: Session, poll_id: int) -> EmulationYear:
    """The emulation year a poll belongs to, or vote_unknown_poll."""
    year_id = session.exec(select(Poll.emulation_year_id).where(Poll.id == poll_id)).first()
    if year_id is None:
        raise DomainError("vote_unknown_poll")
    return session.get(EmulationYear, year_id)


def read_poll_year(*, session: Session, actor, poll_id: int) -> EmulationYear:
    """The poll's year, once the actor may read the poll's cluster (its members, its chair, the administrator and
    the ministry): knowing another cluster's poll id is not enough to see its status, tally or minutes."""
    ey = poll_year(session=session, poll_id=poll_id)
    check_reads_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)
    return ey


def run_poll_year(*, session: Session, actor, poll_id: int) -> EmulationYear:
    ey = poll_year(session=session, poll_id=poll_id)
    check_runs_cluster(session=session, actor=actor, cluster_id=ey.cluster_id, year=ey.year)
    return ey
