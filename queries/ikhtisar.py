"""An area's overview read from the database: the one read behind the daily report and the alerts (the pages add a cache)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, Engine

from aturan.ambang import AMBANG
from aturan.ikhtisar import Ikhtisar, susun
from aturan.indikator import Ambang, JadwalKampanye
from queries.progres import rekap_anak, rekap_wilayah
from queries.proyeksi import baca_bahan


def ikhtisar(db: Engine | Connection, kode: str, tanggal: date, jadwal: JadwalKampanye, ambang: Ambang = AMBANG) -> Ikhtisar:
    """Area kode ('' = the nation) and its child areas as of the end of tanggal, with indicators, status and forecast."""
    bahan = baca_bahan(db, kode, tanggal, jadwal.umum.mulai)
    return susun(rekap_wilayah(db, kode, tanggal), rekap_anak(db, kode, tanggal), bahan, jadwal, tanggal, ambang)
