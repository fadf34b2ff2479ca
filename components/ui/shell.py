"""Small cached look-ups for the UI shell."""

from __future__ import annotations

from components.ui.language import current_lang
from db import reference
from db import users as user_db
from db.bootstrap import ensure_database
from db.engine import session_scope


def no_users_yet() -> bool:
    ensure_database()
    with session_scope() as session:
        return user_db.count_users(session=session) == 0


def unit_label(unit_id: int) -> str:
    with session_scope() as session:
        info = reference.unit_names(session=session).get(unit_id)
    return "?" if info is None else info.name(current_lang())
