"""Irreversible steps that leave something behind (units that have not sent, figures not entered, ballots not
cast, no unit eligible) run only when the caller names what it leaves behind: the screen lists it and asks for a
confirmation naming the count, and the data layer refuses a step whose acknowledgement does not match what it
finds. The count, not a bare tick, so that a confirmation given for 2 missing figures does not cover 40."""

from __future__ import annotations

from components.rules.errors import DomainError


def check_acknowledged(code: str, found: int, acknowledged: int | bool | None, **params: object) -> None:
    """Refuse (DomainError(code, n=found, ...)) unless nothing was found or the acknowledgement names exactly the
    count found; a yes/no concern (found 0 or 1) is acknowledged with True."""
    if found <= 0:
        return
    if acknowledged is True and found == 1 or (type(acknowledged) is int and acknowledged == found):
        return
    raise DomainError(code, n=found, **params)
