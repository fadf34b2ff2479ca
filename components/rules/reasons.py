"""The written reasons the record keeps: a reset, an early close, an adjustment, a change of candidates."""

from __future__ import annotations

from components.rules.errors import DomainError

MIN_REASON = 10  # characters of a written reason of the vote (reset, early close)


def check_reason(text: str | None, code: str, *, min_len: int = MIN_REASON, max_len: int | None = None,
                 too_long: str = "score_reason_long", **params) -> str:
    """The reason, stripped; DomainError(code, min=min_len, **params) when it is shorter than min_len, and
    DomainError(too_long, max=max_len) when it is longer than max_len."""
    reason = (text or "").strip()
    if len(reason) < min_len:
        raise DomainError(code, min=min_len, **params)
    if max_len is not None and len(reason) > max_len:
        raise DomainError(too_long, max=max_len)
    return reason
