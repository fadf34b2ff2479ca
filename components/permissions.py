"""Who may do what. Plain functions, no Streamlit: the pages and the data layer both rely on them."""

from __future__ import annotations

from typing import Protocol


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


def can_run_vote(actor: Actor) -> bool:
    return actor.role in ("chair", "admin")


def can_vote(actor: Actor) -> bool:
    """Ballots are cast by member units, through their province account."""
    return actor.role == "province" and actor.unit_id is not None
