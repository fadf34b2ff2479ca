"""Who may do what. Plain functions, no Streamlit: the pages and the data layer both rely on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from components.rules.errors import DomainError
from components.rules.workflow import SubmissionStatus


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
    """An empty roles list means any logged-in user."""
    return not roles or role in roles


def can_edit_unit(actor: Actor, unit_id: int) -> bool:
    """A province writes only its own figures; the chair and admin may correct any unit."""
    if actor.role in ("admin", "chair"):
        return True
    return actor.role == "province" and actor.unit_id == unit_id


def can_manage_users(actor: Actor) -> bool:
    return actor.role == "admin"


def can_run_vote(actor: Actor) -> bool:
    return actor.role in ("chair", "admin")


def can_vote(actor: Actor) -> bool:
    """Ballots are cast by member units, through their province account."""
    return actor.role == "province" and actor.unit_id is not None


def sees_drafts(role: str) -> bool:
    """Who sees other units' draft figures on the comparison screens (marked as drafts): the chair and the admin
    (and a ministry role, if one is added). Everyone else sees other units' figures once submitted or locked."""
    return role in ("chair", "admin", "ministry")


def can_read_unit(role: str, actor_unit_id: int | None, unit_id: int, year_state: str,
                  status: SubmissionStatus) -> bool:
    """A province reads its own figures and the figures other units have submitted; the chair, admin and viewers
    read everything. A closed year's figures are public to every member."""
    if role in ("chair", "admin", "viewer") or actor_unit_id == unit_id:
        return True
    return status.state in ("submitted", "locked") or year_state == "closed"
