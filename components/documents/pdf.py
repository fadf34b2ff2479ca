"""A PDF document in the app's own font (Be Vietnam Pro, bundled in static/fonts), so Vietnamese text renders in
every PDF the app makes exactly as on screen; DejaVu Sans stands in for the few symbols Be Vietnam Pro lacks."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

# the one home of the bundled fonts: Streamlit serves this folder to the browser (server.enableStaticServing), and
# vl-convert and fpdf2 read the same files, so the page, the chart exports and the PDFs draw the same letters
FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
FONT = "Be Vietnam Pro"
FONT_FILES = {"": "BeVietnamPro-Regular.ttf", "B": "BeVietnamPro-Bold.ttf"}
FALLBACK_FONT = "DejaVu"
FALLBACK_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


def new_pdf(orientation: str = "P", title: str = "") -> FPDF:
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    for family, files in ((FONT, FONT_FILES), (FALLBACK_FONT, FALLBACK_FILES)):
        for style, file_name in files.items():
            pdf.add_font(family, style, str(FONT_DIR / file_name))
    pdf.set_fallback_fonts([FALLBACK_FONT])
    pdf.set_font(FONT, size=11)
    pdf.set_auto_page_break(auto=True, margin=15)
    if title:
        pdf.set_title(title)
    pdf.set_creator("Thi đua Cụm số 2")
    return pdf


def pdf_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())
