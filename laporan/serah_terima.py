"""Handover lists of a reallocation plan, per PML or per Koseka: rows, a CSV, and a printable PDF."""

from __future__ import annotations

from datetime import date

import pandas as pd

from laporan.pdf_daftar import Bagian, pdf_bagian
from tampilan.aman import ke_csv, singkat
from tampilan.teks import angka, t, tanggal

KOLOM = ("tim", "kode_sls", "desa", "keluarga", "aturan", "dari", "ke", "arah")


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


def pdf_serah_terima(baris: pd.DataFrame, nama_wilayah: str, tanggal_rencana: date, keterangan: str, bahasa: str, per: str, demo: bool = False) -> bytes:
    """A printable PDF (A4 landscape): one section per team, each starting on a new page, with the plan's area,
    day and status (keterangan: adopted by whom and when, or a proposal) and the moves as a table."""
    judul = judul_kolom(bahasa, per)
    kepala = [t("serah_kepala", bahasa, wilayah=singkat(nama_wilayah, 80), tanggal=tanggal(tanggal_rencana, bahasa), keterangan=keterangan), t("serah_petunjuk", bahasa)]
    bagian = []
    for tim, isi in list(baris.groupby("tim", sort=True)) or [(t("tanpa_tim", bahasa), baris)]:
        total = isi.groupby("arah")["keluarga"].sum()
        bagian.append(
            Bagian(
                judul=t("serah_judul", bahasa, tim=singkat(tim, 80), tingkat=judul["tim"]),
                kepala=kepala,
                kolom=[judul[k] for k in KOLOM[1:]],
                isi=[
                    [r.kode_sls, singkat(r.desa, 40), angka(r.keluarga, 0, bahasa), r.aturan, singkat(r.dari, 50), singkat(r.ke, 50), r.arah]
                    for r in isi.itertuples(index=False)
                ],
                kaki=" · ".join(f"{a}: {angka(n, 0, bahasa)} {t('keluarga', bahasa)}" for a, n in total.items()),
                lebar=(38, 36, 22, 62, 42, 42, 25),
            )
        )
    return pdf_bagian(bagian, bahasa, demo)
