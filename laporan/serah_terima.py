"""Handover lists of a reallocation plan, per PML or per Koseka: rows, a CSV, and a printable PDF (fpdf2)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from tampilan.aman import ke_csv, singkat
from tampilan.teks import angka, t, tanggal

KOLOM = ("tim", "kode_sls", "desa", "keluarga", "aturan", "dari", "ke", "arah")
# A Unicode font for names in any script; the first found is used, else the PDF core font (Latin-1 only, the rest as '?')
HURUF = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)


def baris_serah_terima(
    pindah: pd.DataFrame, petugas: pd.DataFrame, nama_desa: dict[str, str], label: dict[str, str], tanggal_rencana: date, per: str, bahasa: str = "id"
) -> pd.DataFrame:
    """One row per move and team that takes part in it: a move between two PML teams is on both lists (out of one,
    into the other). per is "pml" or "koseka"; label shows an officer (ID, or name and ID where allowed).
    Columns KOLOM: tim (the PML or Koseka), kode_sls, desa, keluarga, aturan (which families, in words), dari, ke, arah."""
    atasan = dict(zip(petugas["id_petugas"], petugas["id_atasan"], strict=True))

    def tim(ppl: str) -> str:
        pml = atasan.get(ppl)
        kepala = pml if per == "pml" else atasan.get(pml) if isinstance(pml, str) else None
        return kepala if isinstance(kepala, str) and kepala else ""

    baris = []
    for m in pindah.itertuples(index=False):
        asal, tujuan = tim(m.dari_ppl), tim(m.ke_ppl)
        aturan = t("serah_utuh", bahasa, tanggal=tanggal(tanggal_rencana, bahasa)) if m.utuh else t("serah_sebagian", bahasa, n=angka(m.keluarga, 0, bahasa))
        for kelompok in dict.fromkeys([asal, tujuan]):
            arah = "serah_dalam" if asal == tujuan else "serah_keluar" if kelompok == asal else "serah_masuk"
            baris.append(
                {
                    "tim": label.get(kelompok, kelompok) if kelompok else t("tanpa_tim", bahasa),
                    "kode_sls": m.kode_sls,
                    "desa": nama_desa.get(m.kode_sls[:10], m.kode_sls[:10]),
                    "keluarga": int(m.keluarga),
                    "aturan": aturan,
                    "dari": label.get(m.dari_ppl, m.dari_ppl),
                    "ke": label.get(m.ke_ppl, m.ke_ppl),
                    "arah": t(arah, bahasa),
                }
            )
    return pd.DataFrame(baris, columns=list(KOLOM)).sort_values(["tim", "kode_sls"], kind="stable", ignore_index=True)


def judul_kolom(bahasa: str, per: str) -> dict[str, str]:
    return {k: t(f"serah_kolom_{k}", bahasa) for k in KOLOM} | {"tim": t(f"serah_kolom_{per}", bahasa)}


def csv_serah_terima(baris: pd.DataFrame, bahasa: str, per: str) -> bytes:
    """The handover rows as CSV with headers in the language (formulas neutralised)."""
    return ke_csv(baris.rename(columns=judul_kolom(bahasa, per)))


def _huruf(pdf: FPDF) -> tuple[str, bool]:
    for biasa, tebal in HURUF:
        if Path(biasa).exists() and Path(tebal).exists():
            pdf.add_font("isi", "", biasa)
            pdf.add_font("isi", "B", tebal)
            return "isi", True
    return "helvetica", False


def pdf_serah_terima(baris: pd.DataFrame, nama_wilayah: str, tanggal_rencana: date, keterangan: str, bahasa: str, per: str, demo: bool = False) -> bytes:
    """A printable PDF (A4 landscape): one section per team, each starting on a new page, with the plan's area,
    day and status (keterangan: adopted by whom and when, or a proposal) and the moves as a table."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=14)
    nama_huruf, unicode = _huruf(pdf)

    def teks(x: object) -> str:
        s = str(x)
        return s if unicode else s.encode("latin-1", "replace").decode("latin-1")

    judul = judul_kolom(bahasa, per)
    lebar = (38, 36, 22, 62, 42, 42, 25)
    kelompok = list(baris.groupby("tim", sort=True)) or [(t("tanpa_tim", bahasa), baris)]
    for tim, isi in kelompok:
        pdf.add_page()
        if demo:
            pdf.set_font(nama_huruf, "B", 12)
            pdf.set_fill_color(198, 40, 40)
            pdf.set_text_color(255, 255, 255)
            pdf.cell(0, 8, teks(t("lencana_demo", bahasa)), align="R", fill=True, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.set_fill_color(255, 255, 255)
        pdf.set_font(nama_huruf, "B", 15)
        pdf.multi_cell(0, 8, teks(t("serah_judul", bahasa, tim=singkat(tim, 80), tingkat=judul["tim"])), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(nama_huruf, "", 10)
        pdf.multi_cell(
            0,
            5,
            teks(t("serah_kepala", bahasa, wilayah=singkat(nama_wilayah, 80), tanggal=tanggal(tanggal_rencana, bahasa), keterangan=keterangan)),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.multi_cell(0, 5, teks(t("serah_petunjuk", bahasa)), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font(nama_huruf, "", 9)
        kepala = FontFace(emphasis="BOLD", fill_color=(226, 232, 236))
        with pdf.table(col_widths=lebar, text_align="LEFT", headings_style=kepala, line_height=5, cell_fill_color=(243, 245, 247), cell_fill_mode="ROWS") as tabel:
            tabel.row([teks(judul[k]) for k in KOLOM[1:]])
            for r in isi.itertuples(index=False):
                tabel.row(
                    [
                        teks(r.kode_sls),
                        teks(singkat(r.desa, 40)),
                        angka(r.keluarga, 0, bahasa),
                        teks(r.aturan),
                        teks(singkat(r.dari, 50)),
                        teks(singkat(r.ke, 50)),
                        teks(r.arah),
                    ]
                )
        pdf.ln(3)
        pdf.set_font(nama_huruf, "", 9)
        total = isi.groupby("arah")["keluarga"].sum()
        pdf.multi_cell(0, 5, teks(" · ".join(f"{a}: {angka(n, 0, bahasa)} {t('keluarga', bahasa)}" for a, n in total.items())), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
