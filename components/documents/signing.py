"""Documents ready to be signed digitally (Nghị định 30/2020/NĐ-CP, Phụ lục I, "chữ ký số"): each signature block of
an official PDF keeps an area sized for the signature image between the signer's title and full name, and the PDF
carries an empty, named signature field there (pyHanko), so the director's signing software fills it in place;
where an office seals for an organisation (the chair's "TM. Cụm ...", each member of a covenant), a second empty
field of the seal's size covers the left third of the signature area, as the decree places the seal's image.

The fields are added as one incremental update that keeps fpdf2's /Info (title, creator, creation time); the
db layer stores the hash of the whole result, the bytes a signer starts from. No Streamlit, no database.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields

# the area for the signature image: a signature is about 50 x 25 mm; the seal's image is drawn at the seal's real
# size (a round seal of 30-36 mm); the field of the seal is that square, centred on the area's left third
AREA_W_MM = 60.0
AREA_H_MM = 30.0
SEAL_MM = 30.0
PAGE_H_MM = 297.0
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Area:
    """A signature area to keep in a stack of lines: the signer's field name and whether an office seals it."""

    signer_field: str
    seal_field: str | None = None
    label: str = ""  # the signer's title, the field's readable name ("Chữ ký số: TM. Cụm thi đua số 2 - Cụm trưởng")


@dataclass(frozen=True)
class Place:
    """Where a field goes: page (0-based), top-left corner and size in mm from the page's top-left corner."""

    name: str
    page: int
    x: float
    y: float
    w: float
    h: float
    label: str = ""

    def box(self) -> tuple[int, int, int, int]:
        """The rectangle in PDF points (origin bottom-left): (x1, y1, x2, y2)."""
        return (round(self.x * PT_PER_MM), round((PAGE_H_MM - self.y - self.h) * PT_PER_MM),
                round((self.x + self.w) * PT_PER_MM), round((PAGE_H_MM - self.y) * PT_PER_MM))


def areas_for(signatures, issuer: str) -> list[Area]:
    """One area per signature block, numbered in order (ky_so_1, ky_so_2, ...). The seal's field goes where a
    signer signs for an organisation that has a seal: a member of a covenant (its unit named) or the issuing
    cluster's chair ("TM. CỤM THI ĐUA SỐ 2"); a secretary or the counting committee signs without a seal."""
    out = []
    for n, sig in enumerate(signatures, start=1):
        first = sig.lines[0].upper() if sig.lines else ""
        sealed = bool(sig.unit) or (first.startswith("TM.") and issuer.upper() in first)
        title = " - ".join(filter(None, (sig.unit, *sig.lines)))
        out.append(Area(f"ky_so_{n}", f"dau_{n}" if sealed else None, title))
    return out


def reserve(pdf, area: Area, width: float, places: list[Place]) -> None:
    """Keep the area in the current column of an fpdf2 document (centred in `width`) and note where its fields
    go; the cursor moves below it."""
    x, y = pdf.get_x(), pdf.get_y()
    w = min(AREA_W_MM, width)
    left = x + (width - w) / 2
    page = pdf.page - 1
    places.append(Place(area.signer_field, page, left, y, w, AREA_H_MM, f"Chữ ký số: {area.label}"))
    if area.seal_field:
        centre_x, centre_y = left + w / 6, y + AREA_H_MM / 2
        places.append(Place(area.seal_field, page, centre_x - SEAL_MM / 2, centre_y - SEAL_MM / 2, SEAL_MM, SEAL_MM,
                            f"Chữ ký số của cơ quan, tổ chức (con dấu): {area.label}"))
    pdf.set_xy(x, y + AREA_H_MM)


def annex_seal_place() -> Place:
    """An appendix sent as its own file carries the organisation's digital signature at the top right of its first
    page (Nghị định 30/2020, Phụ lục I): the seal's field there."""
    return Place("dau_phu_luc", 0, 210 - 15 - SEAL_MM - 5, 5, SEAL_MM + 5, SEAL_MM / 2 + 5,
                 "Chữ ký số của cơ quan, tổ chức trên văn bản kèm theo")


class _DeterministicWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer leaving the /Info dictionary as fpdf2 wrote it (title, creator, creation time;
    pyHanko would put its own in its place), with the second part of the file identifier derived from the input."""

    @classmethod
    def _handle_id(cls, prev):
        stream = prev.stream
        position = stream.tell()
        stream.seek(0)
        digest = hashlib.sha256(stream.read()).digest()
        stream.seek(position)
        try:
            first = prev.trailer["/ID"][0]
            if isinstance(first, generic.TextStringObject):
                first = generic.ByteStringObject(first.original_bytes)
        except KeyError:
            first = generic.ByteStringObject(digest[16:32])
        return generic.ArrayObject([first, generic.ByteStringObject(digest[:16])])

    def _update_meta(self):
        return None


def with_signature_fields(data: bytes, places: list[Place]) -> bytes:
    """The PDF with an empty signature field at each place (none: the bytes unchanged)."""
    if not places:
        return data
    writer = _DeterministicWriter(io.BytesIO(data))
    for place in places:
        fields.append_signature_field(writer, fields.SigFieldSpec(place.name, on_page=place.page, box=place.box(),
                                                                     readable_field_name=place.label or None))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def empty_signature_fields(data: bytes) -> list[str]:
    """The names of the signature fields of a PDF that nobody has signed yet."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    return [name for name, value, _ in fields.enumerate_sig_fields(reader, filled_status=False)]
