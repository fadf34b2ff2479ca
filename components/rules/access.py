"""Who may do what: the one home of the access rules. Plain functions, no Streamlit, no database; the pages, the
navigation and every data function that writes rely on them.

An actor is anything with a role and a unit_id (components.ui.auth.CurrentUser in the app, a stand-in in tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from components.rules.enums import ROLES
from components.rules.errors import DomainError

if TYPE_CHECKING:
    from components.rules.workflow import SubmissionStatus

ALL_ROLES = ROLES
SECRETARIAT = ("chair", "admin")  # the cluster's secretariat (chair) and the administrator
ENTRY_ROLES = ("province", *SECRETARIAT)  # who works on the entry screens
READ_ALL_ROLES = (*SECRETARIAT, "viewer", "ministry")  # read every unit's figures (of the clusters they read)
CROSS_CLUSTER_ROLES = ("admin", "ministry")  # belong to no cluster and read every one
# the error codes that mean "you may not" (not "this cannot be done now"): a refusal by the access rules or by the
# cluster scope (db/scope.py)
ACCESS_REFUSALS = ("forbidden", "not_your_cluster", "no_cluster", "unit_not_placed", "entry_not_your_unit",
                   "entry_chair_only", "entry_not_readable", "score_not_yours", "score_not_chair",
                   "score_not_readable", "score_not_verifier", "charts_weights_forbidden")


class Actor(Protocol):
    """Whoever acts: the logged-in user (components.ui.auth.CurrentUser), a db.models.User, or an Acting."""

    id: int | None
    role: str
    unit_id: int | None


@dataclass(frozen=True)
class Acting:
    """An actor that is not a logged-in browser session: a command-line operator, a benchmark, a test."""

    id: int | None
    role: str
    unit_id: int | None = None


def require(allowed: bool) -> None:
    """The data layer's check: a refused action is a DomainError, shown as a message like any other."""
    if not allowed:
        raise DomainError("forbidden")


def role_allowed(role: str, roles: tuple[str, ...] | list[str]) -> bool:
    """May this role open a screen guarded by roles? An empty roles list means any logged-in user."""
    return not roles or role in roles


# --- results entry ----------------------------------------------------------------------------------------


def is_secretariat(role: str) -> bool:
    """The chair and the administrator correct any unit, lock and reopen, and edit submitted figures."""
    return role in SECRETARIAT


def can_edit_unit(actor: Actor, unit_id: int) -> bool:
    """A province writes only its own figures; the chair and admin may correct any unit."""
    if is_secretariat(actor.role):
        return True
    return actor.role == "province" and actor.unit_id == unit_id


def sees_drafts(role: str) -> bool:
    """Who sees other units' draft figures on the comparison screens (marked as drafts): the chair, the admin and
    the ministry. Everyone else sees other units' figures once submitted or locked."""
    return role in (*SECRETARIAT, "ministry")


def can_read_unit(role: str, actor_unit_id: int | None, unit_id: int, year_state: str,
                  status: SubmissionStatus) -> bool:
    """A province reads its own figures and the figures other units have submitted; the chair, admin and viewers
    read everything. A closed year's figures are public to every member."""
    if role in READ_ALL_ROLES or actor_unit_id == unit_id:
        return True
    return status.state in ("submitted", "locked") or year_state == "closed"


def can_change_submitted(role: str) -> bool:
    """Submitted figures are frozen for the province; the secretariat may still correct them."""
    return is_secretariat(role)


def can_lock(role: str) -> bool:
    """Locking a unit or the whole year, and reopening a unit with a reason."""
    return is_secretariat(role)


def can_set_targets(actor: Actor) -> bool:
    """The year's staff targets are the chair's (the administrator may stand in)."""
    return is_secretariat(actor.role)


# --- comparisons ------------------------------------------------------------------------------------------


def can_set_weights(actor: Actor) -> bool:
    """The weights of the composite ranking are set by the chair for the year."""
    return is_secretariat(getattr(actor, "role", None))


# --- users and the vote -----------------------------------------------------------------------------------


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
    if actor.role in CROSS_CLUSTER_ROLES:
        return True
    return actor_cluster_id is not None and actor_cluster_id == cluster_id


def can_run_cluster(actor: Actor, cluster_id: int, actor_cluster_id: int | None) -> bool:
    """Running a cluster's year (board, corrections, vote): the administrator anywhere, a chair in its own cluster.
    The ministry's role reads and writes nothing."""
    if actor.role == "admin":
        return True
    return actor.role == "chair" and actor_cluster_id is not None and actor_cluster_id == cluster_id


def can_run_vote(actor: Actor) -> bool:
    return is_secretariat(actor.role)


def can_vote(actor: Actor) -> bool:
    """Ballots are cast by member units, through their province account."""
    return actor.role == "province" and actor.unit_id is not None


# --- registration ---------------------------------------------------------------------------------------


def can_register(actor: Actor, unit_id: int) -> bool:
    """A unit registers its own titles and targets for the year (through its province account)."""
    return actor.role == "province" and actor.unit_id == unit_id


def can_decide_registration(actor: Actor) -> bool:
    """The chair sets the registration deadline and approves or returns a registration."""
    return is_secretariat(actor.role)


def can_read_registration(actor: Actor, unit_id: int, sent: bool) -> bool:
    """A unit reads its own registration, and the others' once sent; the secretariat, viewers and the ministry
    read all (of the clusters they read)."""
    return actor.role in READ_ALL_ROLES or actor.unit_id == unit_id or sent


# --- scoring ----------------------------------------------------------------------------------------------


def can_draft_criteria(actor: Actor) -> bool:
    """The chair drafts and adopts the year's criteria table; members read it."""
    return is_secretariat(actor.role)


def can_self_score(actor: Actor, unit_id: int) -> bool:
    """A unit scores itself; nobody else writes its self-score."""
    return actor.role == "province" and actor.unit_id == unit_id


def can_verify_scores(actor: Actor, unit_id: int, chair_unit_id: int | None, vice_chair_unit_id: int | None) -> bool:
    """The chair (the secretariat's account, or the chair unit's province account) and the vice-chair adjust a
    unit's scores, never their own unit's."""
    if is_secretariat(actor.role):
        return True
    return (actor.role == "province" and actor.unit_id is not None and actor.unit_id != unit_id
            and actor.unit_id in (chair_unit_id, vice_chair_unit_id))


def can_cross_score(actor: Actor, unit_id: int, cross_scoring: bool) -> bool:
    """Where the year's table uses cross-scoring, every member unit (through its province account) scores the
    other units, never its own."""
    return (cross_scoring and actor.role == "province" and actor.unit_id is not None
            and actor.unit_id != unit_id)


def can_lock_scores(actor: Actor) -> bool:
    return is_secretariat(actor.role)


def can_read_scores(actor: Actor, unit_id: int, submitted: bool) -> bool:
    """A province reads its own scores, and the others' once they are submitted; the secretariat, viewers and the
    ministry read all."""
    if actor.role in READ_ALL_ROLES or actor.unit_id == unit_id:
        return True
    return submitted
