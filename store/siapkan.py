"""First-run setup: create the schema and, for the embedded default, load the demo campaign once."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from demo.geografi import geografi_dari_berkas
from demo.kampanye import Kampanye, buat_kampanye
from store import rekap
from store.batas import simpan_batas
from store.db import buat_skema, kosong, tulis_meta
from store.impor.tulis import HasilImpor, impor_semua


def muat_kampanye(engine: Engine, kampanye: Kampanye, sumber: str = "demo") -> list[HasilImpor]:
    """Load a generated campaign through the same import path as real exports, then its boundaries."""
    buat_skema(engine)
    geo = kampanye.geografi
    with engine.begin() as conn:  # boundaries first, so the import measures each interview point against its desa
        lapisan = [geo.provinsi] if geo.provinsi is not None else []
        lapisan += [geo.kabupaten[["kode", "geometry"]], geo.kecamatan[["kode", "geometry"]], geo.desa[["kode", "geometry"]]]
        batas = pd.concat(lapisan, ignore_index=True)
        simpan_batas(conn, batas.set_geometry("geometry"), f"{sumber}:{geo.sumber}")
    hasil = impor_semua(engine, kampanye.tabel, sumber)
    with engine.begin() as conn:
        tulis_meta(conn, {"sumber_data": "demo", "demo_info": json.dumps(kampanye.info, default=str)})
    return hasil


def muat_demo(engine: Engine, seed: int = 2022, skala: float = 1.0, berkas_desa: Path | None = None, berkas_kecamatan: Path | None = None) -> dict:
    """Generate and load the demo campaign; returns timings and counts."""
    t0 = time.perf_counter()
    geo = geografi_dari_berkas(np.random.default_rng(seed), berkas_desa, berkas_kecamatan) if berkas_desa else None
    kampanye = buat_kampanye(seed=seed, skala=skala, geografi=geo)
    t1 = time.perf_counter()
    hasil = muat_kampanye(engine, kampanye)
    t2 = time.perf_counter()
    ditolak = {h.tabel: h.jumlah_ditolak for h in hasil if h.jumlah_ditolak}
    if ditolak:
        raise RuntimeError(f"demo campaign produced rejected rows: {ditolak}")
    return {"detik_bangkit": t1 - t0, "detik_muat": t2 - t1, "baris": {h.tabel: h.dimuat for h in hasil}, **kampanye.info}


def siapkan_basis_data(engine: Engine, isi_demo: bool) -> bool:
    """Create the schema; fill with the demo when asked and the database is empty. True if the demo was loaded."""
    buat_skema(engine)
    if isi_demo and kosong(engine):
        muat_demo(engine)
        return True
    with engine.begin() as conn:
        rekap.pastikan(conn)
    return False
