"""The one writer of the audit trail (ValueChange): who changed what, when, from what to what and why."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session

from db.models import ValueChange, utcnow


def _text(value) -> str | None:
    """A value as stored: text as it is, anything else as JSON (None stays None)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def record_change(session: Session, *, actor, what: str, year: int | None, unit_id: int | None = None,
                  indicator_id: int | None = None, old=None, new=None, reason: str | None = None,
                  at: datetime | None = None) -> ValueChange:
    """Add one row to the trail in the caller's transaction. actor: whoever acts (None for the system, e.g. the
    deadline lock); old/new: text, or anything JSON can hold."""
    row = ValueChange(unit_id=unit_id, year=year, indicator_id=indicator_id, what=what,
                      user_id=getattr(actor, "id", None), changed_at=at or utcnow(), old_value=_text(old),
                      new_value=_text(new), reason=reason)
    session.add(row)
    return row
