"""The "Căn cứ" lines of a year's documents, from the law of that year (db.models.LegalBasis): the law, the decree,
the Bộ Nội vụ circular and the sector circular, in that order, each as one line "Căn cứ …;". Nothing here knows a
year's law: it comes in as plain text, and a text left empty has no line."""

from __future__ import annotations

from components.documents.official import Block


def basis_lines(*, law: str = "", decree: str = "", home_affairs_circular: str = "",
                sector_circular: str = "") -> tuple[str, ...]:
    texts = [t.strip().rstrip(";.").strip() for t in (law, decree, home_affairs_circular, sector_circular)]
    return tuple(f"Căn cứ {t};" for t in texts if t)


def basis_blocks(lines: tuple[str, ...]) -> tuple[Block, ...]:
    return tuple(Block("paragraph", line) for line in lines)
