"""Write side of the schedule: the campaign dates, per-area extensions and the plan curve."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, delete

from store import rekap
from store.impor.tulis import HasilImpor, impor_tabel
from store.schema import jadwal, rencana


def simpan_jadwal(engine: Engine, mulai: date, selesai: date, kode_wilayah: str = "") -> HasilImpor:
    """Set the campaign dates ('' ) or an extension for one area; validated like an imported jadwal row."""
    df = pd.DataFrame([{"mulai": mulai, "selesai": selesai, "kode_wilayah": kode_wilayah or None}])
    return impor_tabel(engine, "jadwal", df, "aplikasi:jadwal")


def hapus_perpanjangan(engine: Engine, kode_wilayah: str) -> None:
    if not kode_wilayah:
        raise ValueError("jadwal umum tidak dapat dihapus, hanya diubah")
    with engine.begin() as conn:
        conn.execute(delete(jadwal).where(jadwal.c.kode_wilayah == kode_wilayah))
        rekap.perbarui_cakupan(conn, set())  # the deadlines changed: the coverage counts are rebuilt


def simpan_rencana(engine: Engine, titik: list[tuple[date, float]]) -> HasilImpor | None:
    """Replace the plan curve by these (date, cumulative %) points; an empty list restores the linear plan."""
    if not titik:
        with engine.begin() as conn:
            conn.execute(delete(rencana))
        return None
    df = pd.DataFrame([{"mulai": None, "selesai": None, "tanggal": d, "persen_kumulatif": p} for d, p in titik])
    return impor_tabel(engine, "jadwal", df, "aplikasi:rencana")
