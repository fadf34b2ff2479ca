"""Reading a generated PDF back the way a reader sees it: the words with their boxes (pdftotext -bbox, Debian's
poppler-utils) and PNG pages (pdftoppm), to check that no text runs into other text."""

from __future__ import annotations

import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(pdf: bytes) -> list[Word]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        out = Path(tmp) / "doc.html"
        subprocess.run(["pdftotext", "-bbox", str(src), str(out)], check=True, capture_output=True)
        xml = out.read_text(encoding="utf-8")
    root = ET.fromstring(xml.replace('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"'
                                     ' "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">', ""))
    found = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            found.append(Word(number, float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                              float(w.get("yMax")), w.text or ""))
    return found


def overlapping(found: list[Word], tolerance: float = 0.6) -> list[tuple[Word, Word]]:
    """Pairs of words whose boxes intersect by more than the tolerance (points) both ways."""
    pairs = []
    by_page: dict[int, list[Word]] = {}
    for w in found:
        by_page.setdefault(w.page, []).append(w)
    for page_words in by_page.values():
        page_words.sort(key=lambda w: w.y0)
        for i, a in enumerate(page_words):
            for b in page_words[i + 1:]:
                if b.y0 >= a.y1 - tolerance:
                    break
                if min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance and min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance:
                    pairs.append((a, b))
    return pairs


def text_of(pdf: bytes) -> str:
    return " ".join(w.text for w in words(pdf))


def save_pages(pdf: bytes, stem: str, dpi: int = 60) -> list[Path]:
    """The pages as PNG under test-artifacts/ (for a person to look at; the test also checks they render)."""
    ARTIFACTS.mkdir(exist_ok=True)
    src = ARTIFACTS / f"{stem}.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(src), str(ARTIFACTS / stem)], check=True,
                   capture_output=True)
    return sorted(ARTIFACTS.glob(f"{stem}*.png"))
