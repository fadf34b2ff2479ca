"""Emulation movements (phong trào thi đua): the register's checks and the "phát động" step. A movement by period
(theo đợt, chuyên đề) is thematic: its awards stay apart from the annual cycle (components/rules/award_law.py).
Plain functions, no Streamlit, no database."""

from __future__ import annotations

from datetime import date

from components.rules.enums import MOVEMENT_KINDS, MOVEMENT_LEVELS
from components.rules.errors import DomainError

NAME_MAX = 300
FILE_MAX = 10 * 1024 * 1024
FILE_TYPES = (".pdf", ".docx", ".doc", ".xlsx")


def check_movement(*, name: str | None, level: str, kind: str, starts_on: date | None,
                   ends_on: date | None) -> tuple[str, str, str, date, date | None]:
    name = (name or "").strip()
    if not name:
        raise DomainError("movement_name_required")
    if len(name) > NAME_MAX:
        raise DomainError("movement_name_too_long", max=NAME_MAX)
    if level not in MOVEMENT_LEVELS:
        raise DomainError("movement_unknown_level", level=level)
    if kind not in MOVEMENT_KINDS:
        raise DomainError("movement_unknown_kind", kind=kind)
    if starts_on is None:
        raise DomainError("movement_start_required")
    if kind == "period" and ends_on is None:
        raise DomainError("movement_period_needs_end")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError("movement_ends_before_start")
    return name, level, kind, starts_on, ends_on


def award_scope_of(kind: str) -> str:
    """The scope an award of the movement takes: by period (thematic) or of the annual cycle."""
    return "thematic" if kind == "period" else "annual"


def check_file(name: str, size: int) -> str:
    name = (name or "").strip().replace("\\", "/").rsplit("/", 1)[-1]
    if not name.lower().endswith(FILE_TYPES):
        raise DomainError("movement_file_type", types=", ".join(FILE_TYPES))
    if size > FILE_MAX:
        raise DomainError("movement_file_too_large", max_mb=FILE_MAX // (1024 * 1024))
    if size == 0:
        raise DomainError("movement_file_empty")
    return name[:200]
