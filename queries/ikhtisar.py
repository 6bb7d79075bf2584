"""An area's overview read from the database: the one read behind the daily report and the alerts (the pages add a cache)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Connection, Engine

from aturan.ambang import AMBANG
from aturan.ikhtisar import Ikhtisar, susun
from aturan.indikator import Ambang, JadwalKampanye
from aturan.kalibrasi import TINGKAT, Riwayat
from aturan.kode import PANJANG_ANAK
from aturan.proyeksi import lingkup, ramal
from queries.progres import rekap_anak, rekap_wilayah
from queries.proyeksi import baca_bahan, baca_riwayat


def ikhtisar(db: Engine | Connection, kode: str, tanggal: date, jadwal: JadwalKampanye, ambang: Ambang = AMBANG, riwayat: Riwayat | None = None) -> Ikhtisar:
    """Area kode ('' = the nation) and its child areas as of the end of tanggal, with indicators, status and forecast
    (ranges from the scope's own past errors: riwayat, read here unless given) and the children's track record."""
    bahan = baca_bahan(db, kode, tanggal, jadwal.umum.mulai)
    riwayat = riwayat or baca_riwayat(db, lingkup(kode), tanggal, jadwal)
    isi = susun(rekap_wilayah(db, kode, tanggal), rekap_anak(db, kode, tanggal), bahan, jadwal, tanggal, ambang, riwayat.ramal if riwayat else ramal)
    anak = PANJANG_ANAK[len(kode)]
    return replace(isi, rekam_jejak=riwayat.rekam_jejak(tanggal, anak) if riwayat and anak in TINGKAT else None)
