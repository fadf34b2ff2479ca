"""Who may do what. Plain functions, no Streamlit: the pages and the data layer both rely on them."""

from __future__ import annotations

from typing import Protocol

from components.rules.workflow import SubmissionStatus


class Actor(Protocol):
    role: str
    unit_id: int | None


def role_allowed(role: str, roles: tuple[str, ...] | list[str]) -> bool:
    """An empty roles list means any logged-in user."""
    return not roles or role in roles


def can_edit_unit(actor: Actor, unit_id: int) -> bool:
    """A province writes only its own figures; the chair and admin may correct any unit."""
    if actor.role in ("admin", "chair"):
        return True
    return actor.role == "province" and actor.unit_id == unit_id


def can_manage_users(actor: Actor) -> bool:
    return actor.role == "admin"


def can_manage_catalogue(actor: Actor) -> bool:
    """The indicator catalogue and the emulation years."""
    return actor.role == "admin"


def can_manage_organisation(actor: Actor) -> bool:
    """Units, names, lineage, clusters, memberships, directors and awarding bodies: the administrator only."""
    return actor.role == "admin"


def can_read_cluster(actor: Actor, cluster_id: int, actor_cluster_id: int | None) -> bool:
    """The administrator and the Ministry's emulation department read every cluster; everyone else only their own
    (a province's through its unit's membership of the year, a chair's or viewer's through the account)."""
    if actor.role in ("admin", "ministry"):
        return True
    return actor_cluster_id is not None and actor_cluster_id == cluster_id


def can_run_cluster(actor: Actor, cluster_id: int, actor_cluster_id: int | None) -> bool:
    """Running a cluster's year (board, corrections, vote): the administrator anywhere, a chair in its own cluster.
    The ministry's role reads and writes nothing."""
    if actor.role == "admin":
        return True
    return actor.role == "chair" and actor_cluster_id is not None and actor_cluster_id == cluster_id


def can_run_vote(actor: Actor) -> bool:
    return actor.role in ("chair", "admin")


def can_vote(actor: Actor) -> bool:
    """Ballots are cast by member units, through their province account."""
    return actor.role == "province" and actor.unit_id is not None



def can_read_unit(role: str, actor_unit_id: int | None, unit_id: int, year_state: str,
                  status: SubmissionStatus) -> bool:
    """A province reads its own figures and the figures other units have submitted; the chair, admin and viewers
    read everything. A closed year's figures are public to every member."""
    if role in ("chair", "admin", "viewer", "ministry") or actor_unit_id == unit_id:
        return True
    return status.state in ("submitted", "locked") or year_state == "closed"
