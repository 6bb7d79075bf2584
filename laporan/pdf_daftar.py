"""Printable lists as PDF (fpdf2): one section per group (a PML, a Koseka), each on its own page, with a table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from tampilan.teks import t

# A Unicode font for names in any script; the first found is used, else the PDF core font (Latin-1 only, the rest as '?')
HURUF = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)


@dataclass
class Bagian:
    """One group's page: a title, lines under it, the table (headers and rows of text) and a closing line."""

    judul: str
    kepala: list[str]
    kolom: list[str]
    isi: list[list[str]]
    kaki: str = ""
    lebar: tuple[float, ...] = field(default_factory=tuple)  # column widths in mm (A4 landscape holds 267)


def _huruf(pdf: FPDF) -> tuple[str, bool]:
    for biasa, tebal in HURUF:
        if Path(biasa).exists() and Path(tebal).exists():
            pdf.add_font("isi", "", biasa)
            pdf.add_font("isi", "B", tebal)
            return "isi", True
    return "helvetica", False


def pdf_bagian(bagian: list[Bagian], bahasa: str, demo: bool = False) -> bytes:
    """A4 landscape, each section on a new page; a DATA DEMO band on every page made from demo data."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=14)
    nama_huruf, unicode = _huruf(pdf)

    def teks(x: object) -> str:
        s = str(x)
        return s if unicode else s.encode("latin-1", "replace").decode("latin-1")

    kepala_tabel = FontFace(emphasis="BOLD", fill_color=(226, 232, 236))
    for b in bagian:
        pdf.add_page()
        if demo:
            pdf.set_font(nama_huruf, "B", 12)
            pdf.set_fill_color(198, 40, 40)
            pdf.set_text_color(255, 255, 255)
            pdf.cell(0, 8, teks(t("lencana_demo", bahasa)), align="R", fill=True, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.set_fill_color(255, 255, 255)
        pdf.set_font(nama_huruf, "B", 15)
        pdf.multi_cell(0, 8, teks(b.judul), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(nama_huruf, "", 10)
        for baris in b.kepala:
            pdf.multi_cell(0, 5, teks(baris), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font(nama_huruf, "", 9)
        lebar = b.lebar or tuple([267 / len(b.kolom)] * len(b.kolom))
        with pdf.table(col_widths=lebar, text_align="LEFT", headings_style=kepala_tabel, line_height=5, cell_fill_color=(243, 245, 247), cell_fill_mode="ROWS") as tabel:
            tabel.row([teks(k) for k in b.kolom])
            for r in b.isi:
                tabel.row([teks(x) for x in r])
        if b.kaki:
            pdf.ln(3)
            pdf.multi_cell(0, 5, teks(b.kaki), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
