"""An administrative document in the State's format (Nghị định 30/2020/NĐ-CP, Phụ lục I), written as DOCX
(python-docx: offices edit, sign and stamp it) and as PDF (fpdf2) from one description.

The layout: the issuing body under its parent body (top left) beside the national title and motto (top right); the
number and symbol beside the place and date; the title; the body; "Nơi nhận" beside the signature blocks. Times New
Roman is named in the DOCX (every office has it); the PDF embeds Liberation Serif, metric-compatible with Times New
Roman and complete for Vietnamese (SIL Open Font License, components/documents/fonts/LICENSE-LiberationSerif.txt).
No Streamlit, no database: the data comes in as an OfficialDocument.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fontTools.ttLib import TTFont
from fpdf import FPDF

from components.documents import signing
from components.documents.pdf import FONT_DIR  # noqa: E402  (the fonts the app serves and embeds: static/fonts)

PDF_FONT = "LiberationSerif"
DOCX_FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY_PT = 13
# Nghị định 30/2020: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
CONTENT_W = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]


@dataclass(frozen=True)
class Block:
    """A piece of the body: a heading (bold), a paragraph (justified, first line indented), a bullet or a table
    (first row is the header)."""

    kind: str  # heading | paragraph | bullet | table | note
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # table column shares, summing to 1


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...]  # e.g. ("TM. CỤM THI ĐUA SỐ 2", "CỤM TRƯỞNG") or ("GIÁM ĐỐC",)
    unit: str = ""  # the signer's unit, shown above when several units sign (the covenant)
    name: str = ""  # the signer's name, or empty: signed by hand


@dataclass(frozen=True)
class OfficialDocument:
    parent_body: str  # the body above the issuer, e.g. "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    issuer: str  # e.g. "CỤM THI ĐUA SỐ 2"
    number_symbol: str  # e.g. "Số:       /BB-CTĐS2"
    place_date: str  # e.g. "Điện Biên, ngày 20 tháng 02 năm 2023"
    title: str
    subtitle: str = ""
    blocks: tuple[Block, ...] = ()
    recipients: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = ()
    draft: bool = False  # "DỰ THẢO" above the title
    file_title: str = ""
    notes: tuple[str, ...] = field(default=())
    annex: bool = False  # an appendix sent as its own file: the organisation's seal at the top right of page 1


def place_date_line(place: str, day: int | None, month: int | None, year: int) -> str:
    """'Lào Cai, ngày 05 tháng 02 năm 2023' (days and months below 10 with a leading zero, as Nghị định 30 asks for
    1 and 2; a date not yet known is left blank to fill by hand)."""
    d = f"{day:02d}" if day else "     "
    m = f"{month:02d}" if month else "     "
    return f"{place}, ngày {d} tháng {m} năm {year}"


# --- DOCX -----------------------------------------------------------------------------------------------------


def _run(paragraph, text: str, *, bold=False, italic=False, size=BODY_PT, underline=False):
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    run.font.name = DOCX_FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_FONT)
    return run


def _para(cell_or_doc, text="", *, align=WD_ALIGN_PARAGRAPH.CENTER, bold=False, italic=False, size=BODY_PT,
          underline=False, space_after=0, first_indent=None):
    p = cell_or_doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if first_indent is not None:
        p.paragraph_format.first_line_indent = first_indent
    if text:
        _run(p, text, bold=bold, italic=italic, size=size, underline=underline)
    return p


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _first_paragraph(cell):
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return cell


def docx_bytes(doc: OfficialDocument) -> bytes:
    d = Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(MARGINS_MM["top"] / 10), Cm(MARGINS_MM["bottom"] / 10)
    section.left_margin, section.right_margin = Cm(MARGINS_MM["left"] / 10), Cm(MARGINS_MM["right"] / 10)
    style = d.styles["Normal"]
    style.font.name, style.font.size = DOCX_FONT, Pt(BODY_PT)
    if doc.file_title:
        d.core_properties.title = doc.file_title

    header = d.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    widths = (Cm(6.5), Cm(10))
    for row in header.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    left, right = (_first_paragraph(c) for c in header.rows[0].cells)
    _para(left, doc.parent_body.upper(), size=12)
    _para(left, doc.issuer.upper(), bold=True, size=12, underline=False)
    _para(left, "―――――", size=8)
    _para(right, NATIONAL_TITLE, bold=True, size=12)
    _para(right, MOTTO, bold=True, size=13)
    _para(right, "―――――――――――", size=8)
    num, place = (_first_paragraph(c) for c in header.rows[1].cells)
    _para(num, doc.number_symbol, size=13)
    _para(place, doc.place_date, italic=True, size=13)

    _para(d, "", space_after=6)
    if doc.draft:
        _para(d, "DỰ THẢO", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(d, doc.title.upper(), bold=True, size=14)
    if doc.subtitle:
        _para(d, doc.subtitle, bold=True, size=14)
    _para(d, "―――――", size=8, space_after=6)

    for block in doc.blocks:
        if block.kind == "heading":
            _para(d, block.text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6, first_indent=Cm(1))
        elif block.kind == "paragraph":
            _para(d, block.text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6, first_indent=Cm(1))
        elif block.kind == "bullet":
            _para(d, "- " + block.text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=3, first_indent=Cm(1))
        elif block.kind == "note":
            _para(d, block.text, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=12, space_after=6,
                  first_indent=Cm(1))
        elif block.kind == "table":
            _docx_table(d, block)

    _para(d, "", space_after=6)
    _docx_signatures(d, doc)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _docx_table(d, block: Block) -> None:
    table = d.add_table(rows=0, cols=len(block.rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    shares = block.widths or tuple(1 / len(block.rows[0]) for _ in block.rows[0])
    for r, values in enumerate(block.rows):
        cells = table.add_row().cells
        for cell, value, share in zip(cells, values, shares):
            cell.width = Cm(CONTENT_W / 10 * share)
            p = _first_paragraph(cell)
            _para(p, str(value), bold=r == 0, size=12,
                  align=WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.LEFT)
    _para(d, "", space_after=6)


def _docx_signatures(d, doc: OfficialDocument) -> None:
    signatures = list(doc.signatures)
    if doc.recipients or len(signatures) <= 2:
        # "Nơi nhận" on the left, the signature(s) on the right (two signers: one each side, no "Nơi nhận")
        table = d.add_table(rows=1, cols=2)
        _no_borders(table)
        left, right = (_first_paragraph(c) for c in table.rows[0].cells)
        if doc.recipients:
            _para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
            for r in doc.recipients:
                _para(left, f"- {r};" if not r.endswith((";", ".")) else f"- {r}", size=11,
                      align=WD_ALIGN_PARAGRAPH.LEFT)
            cells = [right] * len(signatures)
        else:
            cells = [left, right][-len(signatures):] if signatures else []
        for cell, sig in zip(cells, signatures):
            _docx_signature(cell, sig)
        return
    # many signers (the covenant): a grid of two columns
    rows = (len(signatures) + 1) // 2
    table = d.add_table(rows=rows, cols=2)
    _no_borders(table)
    for i, sig in enumerate(signatures):
        _docx_signature(_first_paragraph(table.rows[i // 2].cells[i % 2]), sig)


def _docx_signature(cell, sig: Signature) -> None:
    if sig.unit:
        _para(cell, sig.unit.upper(), bold=True, size=12)
    for line in sig.lines:
        _para(cell, line.upper(), bold=True, size=13)
    for _ in range(4):
        _para(cell, "")
    _para(cell, sig.name, bold=True, size=13, space_after=12)


# --- PDF ------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """The characters the embedded fonts can draw (Liberation Serif, then DejaVu Sans as the fallback)."""
    codes: set[int] = set()
    for name in ("LiberationSerif-Regular.ttf", "DejaVuSans.ttf"):
        codes |= set(TTFont(str(FONT_DIR / name), lazy=True).getBestCmap())
    return frozenset(codes)


def printable(text: str) -> str:
    """The text with every character no embedded font can draw shown as "?" (a PDF would silently drop it)."""
    covered = _covered()
    return "".join(c if ord(c) in covered or c in "\n\t" else "?" for c in text)


def _pdf() -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font(PDF_FONT, "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_font(PDF_FONT, "B", str(FONT_DIR / "LiberationSerif-Bold.ttf"))
    pdf.add_font(PDF_FONT, "I", str(FONT_DIR / "LiberationSerif-Italic.ttf"))
    pdf.add_font(PDF_FONT, "BI", str(FONT_DIR / "LiberationSerif-BoldItalic.ttf"))
    pdf.set_fallback_fonts(["DejaVu"])  # symbols Liberation Serif lacks (≥, ∑, →)
    pdf.set_margins(MARGINS_MM["left"], MARGINS_MM["top"], MARGINS_MM["right"])
    pdf.set_auto_page_break(auto=True, margin=MARGINS_MM["bottom"])
    pdf.add_page()
    return pdf


def _lines(pdf: FPDF, cells: list[tuple[str, str, float, str]], width: float) -> None:
    """Stacked centred lines in the current column: (text, style, size, align); a signing.Area keeps the place of a
    signature image (and its empty signature fields)."""
    for text, style, size, align in cells:
        if isinstance(text, signing.Area):
            signing.reserve(pdf, text, width, pdf.signature_places)
            continue
        pdf.set_font(PDF_FONT, style, size)
        pdf.multi_cell(width, size * 0.45, printable(text), align=align, new_x="LEFT", new_y="NEXT")


def _two_columns(pdf: FPDF, left: list, right: list, left_w: float) -> None:
    """Two stacks side by side, each wrapping in its own width; the page goes on below the taller one."""
    x, y = pdf.get_x(), pdf.get_y()
    right_w = CONTENT_W - left_w
    _lines(pdf, left, left_w)
    bottom_left = pdf.get_y()
    pdf.set_xy(x + left_w, y)
    _lines(pdf, right, right_w)
    bottom_right = pdf.get_y()
    pdf.set_xy(x, max(bottom_left, bottom_right))


def pdf_bytes(doc: OfficialDocument) -> bytes:
    """The PDF, with an empty signature field at each signature block (components/documents/signing.py)."""
    pdf = _pdf()
    pdf.signature_places = []
    if doc.annex:
        pdf.signature_places.append(signing.annex_seal_place())
    if doc.file_title:
        pdf.set_title(doc.file_title)
    pdf.set_creator("Thi đua Cụm")
    left_w = 74.0
    _two_columns(pdf,
                 [(doc.parent_body.upper(), "", 12, "C"), (doc.issuer.upper(), "B", 12, "C"), ("―――――", "", 8, "C")],
                 [(NATIONAL_TITLE, "B", 12, "C"), (MOTTO, "B", 13, "C"), ("―――――――――――", "", 8, "C")], left_w)
    pdf.ln(1)
    _two_columns(pdf, [(doc.number_symbol, "", 13, "C")], [(doc.place_date, "I", 13, "C")], left_w)
    pdf.ln(6)
    if doc.draft:
        _lines(pdf, [("DỰ THẢO", "B", 13, "L")], CONTENT_W)
    _lines(pdf, [(doc.title.upper(), "B", 14, "C")], CONTENT_W)
    if doc.subtitle:
        _lines(pdf, [(doc.subtitle, "B", 14, "C")], CONTENT_W)
    _lines(pdf, [("―――――", "", 8, "C")], CONTENT_W)
    pdf.ln(3)
    for block in doc.blocks:
        _pdf_block(pdf, block)
    pdf.ln(4)
    _pdf_signatures(pdf, doc, signing.areas_for(doc.signatures, doc.issuer))
    return signing.with_signature_fields(bytes(pdf.output()), pdf.signature_places)


def _pdf_paragraph(pdf: FPDF, text: str, style: str = "", size: float = BODY_PT, indent: float = 10.0) -> None:
    pdf.set_font(PDF_FONT, style, size)
    # the first-line indent as leading spaces keeps multi_cell's own wrapping (never cut, never overlapping)
    spaces = " " * max(0, round(indent / max(pdf.get_string_width(" "), 0.1)))
    pdf.multi_cell(CONTENT_W, size * 0.5, spaces + printable(text), align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _pdf_block(pdf: FPDF, block: Block) -> None:
    if block.kind == "heading":
        _pdf_paragraph(pdf, block.text, "B")
    elif block.kind == "paragraph":
        _pdf_paragraph(pdf, block.text)
    elif block.kind == "bullet":
        _pdf_paragraph(pdf, "- " + block.text)
    elif block.kind == "note":
        _pdf_paragraph(pdf, block.text, "I", 12)
    elif block.kind == "table":
        pdf.set_font(PDF_FONT, "", 11)
        shares = block.widths or tuple(1 / len(block.rows[0]) for _ in block.rows[0])
        with pdf.table(col_widths=tuple(s * 100 for s in shares), width=CONTENT_W, line_height=5.2, align="LEFT",
                       text_align="LEFT", first_row_as_headings=True,
                       headings_style=_heading_style()) as table:
            for values in block.rows:
                row = table.row()
                for value in values:
                    row.cell(printable(str(value)))
        pdf.ln(3)


def _heading_style():
    from fpdf.fonts import FontFace
    return FontFace(family=PDF_FONT, emphasis="BOLD", size_pt=11)


def _pdf_signature_lines(sig: Signature, area: signing.Area) -> list[tuple]:
    """Nghị định 30's block: the title (quyền hạn, chức vụ), the area of the signature image, the full name."""
    lines = [(sig.unit.upper(), "B", 12, "C")] if sig.unit else []
    lines += [(line.upper(), "B", 13, "C") for line in sig.lines]
    lines += [(area, "", 13, "C")]
    lines += [(sig.name or " ", "B", 13, "C")]
    return lines


def _pdf_signatures(pdf: FPDF, doc: OfficialDocument, areas: list) -> None:
    signatures = [(sig, area) for sig, area in zip(doc.signatures, areas)]
    needed = 70.0
    if pdf.get_y() + needed > pdf.h - MARGINS_MM["bottom"]:
        pdf.add_page()
    if doc.recipients or len(signatures) <= 2:
        left = []
        if doc.recipients:
            left = [("Nơi nhận:", "BI", 12, "L")] + [
                (f"- {r};" if not r.endswith((";", ".")) else f"- {r}", "", 11, "L") for r in doc.recipients]
            right = [line for sig in signatures for line in _pdf_signature_lines(*sig)]
            _two_columns(pdf, left, right, CONTENT_W / 2 - 5)
        elif len(signatures) == 2:
            _two_columns(pdf, _pdf_signature_lines(*signatures[0]), _pdf_signature_lines(*signatures[1]),
                         CONTENT_W / 2)
        elif signatures:
            _two_columns(pdf, [(" ", "", 11, "L")], _pdf_signature_lines(*signatures[0]), CONTENT_W / 2 - 5)
        return
    for i in range(0, len(signatures), 2):
        pair = signatures[i:i + 2]
        if pdf.get_y() + needed > pdf.h - MARGINS_MM["bottom"]:
            pdf.add_page()
        right = _pdf_signature_lines(*pair[1]) if len(pair) > 1 else [(" ", "", 11, "C")]
        _two_columns(pdf, _pdf_signature_lines(*pair[0]), right, CONTENT_W / 2)
        pdf.ln(4)
