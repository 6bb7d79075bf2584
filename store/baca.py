"""Reading helpers shared by the write side and the reads: statements to DataFrames, code ranges, the schedule, rollup state."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, select
from sqlalchemy.sql import Executable

from aturan.indikator import JadwalKampanye
from aturan.kode import PANJANG_KODE_MAKS
from store.schema import jadwal, meta, rencana


@contextmanager
def koneksi(db: Engine | Connection):
    """Yield a connection, opening (and closing) one when given an engine."""
    if isinstance(db, Connection):
        yield db
    else:
        with db.connect() as conn:
            yield conn


def _pengolah(stmt: Executable, dialek, deskripsi) -> list | None:
    """Per selected column, the dialect's conversion of raw driver values (None where there is none), given the
    driver's type code of each result column, as SQLAlchemy itself asks for it."""
    kolom = getattr(stmt, "selected_columns", None)
    if kolom is None or deskripsi is None or len(kolom) != len(deskripsi):
        return None
    return [c.type.dialect_impl(dialek).result_processor(dialek, d[1]) for c, d in zip(kolom, deskripsi, strict=True)]


def ke_df(db: Engine | Connection, stmt: Executable, kolom: list[str] | None = None) -> pd.DataFrame:
    """Run a select and return its rows as a DataFrame. Rows are read straight from the driver's cursor and
    converted column by column (a date stored as text in SQLite becomes a date, as SQLAlchemy would), which
    skips building a Row object per row: the dominant cost of reading ~100,000 rows."""
    with koneksi(db) as conn:
        res = conn.execute(stmt)
        nama = kolom or list(res.keys())
        pengolah = _pengolah(stmt, conn.dialect, res.cursor.description if res.returns_rows else None)
        if pengolah is None or len(pengolah) != len(nama):
            return pd.DataFrame([tuple(r) for r in res.fetchall()], columns=nama)
        baris = res.cursor.fetchall()
        res.close()
        if not baris or not any(pengolah):
            return pd.DataFrame(baris, columns=nama)
        isi = [list(map(olah, nilai)) if olah else nilai for olah, nilai in zip(pengolah, _kolom(baris, len(nama)), strict=True)]
        return pd.DataFrame(dict(enumerate(isi))).set_axis(nama, axis=1)  # by position: names may repeat


def _kolom(baris: list, n_kolom: int) -> list[list]:
    """The driver's rows as one list per column. Through a numpy object array (one C loop, a third of the time of
    zip(*rows) for 80,000 rows); rows holding a sequence in a cell keep the plain transpose."""
    try:
        tabel = np.array(baris, dtype=object)
    except ValueError:  # cells of unequal lengths
        tabel = None
    if tabel is None or tabel.shape != (len(baris), n_kolom):
        return [list(k) for k in zip(*baris, strict=True)]
    return [tabel[:, i].tolist() for i in range(n_kolom)]


def di_bawah(kolom, induk: str):
    """Codes under induk (descendants, any depth) as a range on the code, which an index can serve."""
    return kolom.between(induk, induk + "9" * (PANJANG_KODE_MAKS - len(induk)))


def baca_jadwal(db: Engine | Connection) -> JadwalKampanye | None:
    """The campaign schedule (row with kode_wilayah ''), its area extensions and the plan curve."""
    rows = ke_df(db, select(jadwal.c.kode_wilayah, jadwal.c.mulai, jadwal.c.selesai).order_by(jadwal.c.kode_wilayah))  # one order: the same schedule, the same key
    if rows.empty:
        return None
    plan = ke_df(db, select(rencana.c.tanggal, rencana.c.persen_kumulatif).order_by(rencana.c.tanggal))
    return JadwalKampanye.dari_tabel(rows, tuple((r.tanggal, float(r.persen_kumulatif)) for r in plan.itertuples(index=False)))


def bangunan_cakupan(db: Engine | Connection) -> dict[str, str]:
    """How the per-kecamatan daily rollup was last built (meta): cakupan_sidik, cakupan_awal, cakupan_akhir."""
    q = select(meta.c.kunci, meta.c.nilai).where(meta.c.kunci.in_(["cakupan_sidik", "cakupan_awal", "cakupan_akhir"]))
    return dict(ke_df(db, q, ["kunci", "nilai"]).itertuples(index=False))
