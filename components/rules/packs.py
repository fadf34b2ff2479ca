"""Indicator packs: which fields of the catalogue a year's members report, by the kind of unit they were that year.
The Sở TT&TT reported on every field of its sector until 2024; from 2025 a Sở Khoa học và Công nghệ reports the
post, telecom and digital work it took over, its science, technology and innovation work (PII, Nghị quyết 57-NQ/TW),
and the fields every member reports (enforcement, administrative procedures, movements, awards). The press and
ICT-industry fields and information security are not in the Sở KH&CN pack: SINCE_2025.md names only the post,
telecom and digital indicators as kept. A year's pack is part of its legal basis (db.models.LegalBasis.pack)."""

from __future__ import annotations

COMMON = ("enforcement", "admin_reform", "movements", "awards")
PACKS: dict[str, tuple[str, ...]] = {
    "so_tttt": ("postal", "telecom", "digital", "cybersecurity", "ict_industry", "press", *COMMON),
    "so_khcn": ("postal", "telecom", "digital", "innovation", *COMMON),
}


def pack_fields(pack: str | None) -> tuple[str, ...] | None:
    """The fields of a pack; None (every field) for no pack or an unknown one."""
    return PACKS.get(pack or "")


def shared_fields(first: str | None, second: str | None) -> tuple[str, ...] | None:
    """The fields two years' packs have in common (a comparison across the 2024/2025 boundary); None when either
    year has no pack."""
    a, b = pack_fields(first), pack_fields(second)
    if a is None or b is None:
        return None
    return tuple(f for f in a if f in b)
