"""First-run setup: create the schema and, for the embedded default, load the demo campaign once."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from demo.geografi import geografi_dari_berkas
from demo.kampanye import Kampanye, buat_kampanye
from store import rekap
from store.batas import simpan_batas
from store.db import baca_meta, buat_skema, kosong, tulis_meta
from store.impor.tulis import HasilImpor, impor_semua
from store.schema import impor, metadata

Kemajuan = Callable[[str], None]  # told the name of each stage of a demo load as it begins
PENANDA_MUAT = "muat_kampanye"  # meta key: "mulai" while a generated campaign loads, "selesai" once it has
log = logging.getLogger("pantau.siapkan")
# The share of a demo load done when each stage begins (a progress bar's steps), measured on the 2-core test
# machine: generating 3.7 s, boundaries and the small tables 0.6 s, the families with their rollups 8.3 s.
BAGIAN_DEMO = {
    "bangkit": 0.0,
    "batas": 0.29,
    "wilayah": 0.3,
    "petugas": 0.31,
    "beban": 0.32,
    "jadwal": 0.33,
    "keluarga": 0.34,
    "laporan_harian": 0.97,
    "cek_ulang": 0.98,
    "selesai": 1.0,
}


def muat_kampanye(engine: Engine, kampanye: Kampanye, sumber: str = "demo", kemajuan: Kemajuan | None = None) -> list[HasilImpor]:
    """Load a generated campaign through the same import path as real exports, then its boundaries; kemajuan is
    told each stage as it begins."""
    kabar = kemajuan or (lambda langkah: None)
    kabar("batas")
    buat_skema(engine)
    geo = kampanye.geografi
    with engine.begin() as conn:  # boundaries first, so the import measures each interview point against its desa
        tulis_meta(conn, {PENANDA_MUAT: "mulai"})  # committed with them: a load cut short is known as such (terputus)
        lapisan = [geo.provinsi] if geo.provinsi is not None else []
        lapisan += [geo.kabupaten[["kode", "geometry"]], geo.kecamatan[["kode", "geometry"]], geo.desa[["kode", "geometry"]]]
        batas = pd.concat(lapisan, ignore_index=True)
        simpan_batas(conn, batas.set_geometry("geometry"), f"{sumber}:{geo.sumber}")
    hasil = impor_semua(engine, kampanye.tabel, sumber, kabar)
    with engine.begin() as conn:
        tulis_meta(conn, {"sumber_data": "demo", "demo_info": json.dumps(kampanye.info, default=str), PENANDA_MUAT: "selesai"})
    kabar("selesai")
    return hasil


def muat_demo(
    engine: Engine,
    seed: int = 2022,
    skala: float = 1.0,
    berkas_desa: Path | None = None,
    berkas_kecamatan: Path | None = None,
    kemajuan: Kemajuan | None = None,
) -> dict:
    """Generate and load the demo campaign; returns timings and counts. kemajuan is told each stage as it begins
    (LANGKAH_DEMO: generating, the boundaries, each table, done)."""
    if kemajuan is not None:
        kemajuan("bangkit")
    t0 = time.perf_counter()
    geo = geografi_dari_berkas(np.random.default_rng(seed), berkas_desa, berkas_kecamatan) if berkas_desa else None
    kampanye = buat_kampanye(seed=seed, skala=skala, geografi=geo)
    t1 = time.perf_counter()
    hasil = muat_kampanye(engine, kampanye, kemajuan=kemajuan)
    t2 = time.perf_counter()
    ditolak = {h.tabel: h.jumlah_ditolak for h in hasil if h.jumlah_ditolak}
    if ditolak:
        raise RuntimeError(f"demo campaign produced rejected rows: {ditolak}")
    return {"detik_bangkit": t1 - t0, "detik_muat": t2 - t1, "baris": {h.tabel: h.dimuat for h in hasil}, **kampanye.info}


def terputus(engine: Engine, sumber: str = "demo") -> bool:
    """Whether a generated campaign's load began here and never finished (the process was stopped mid-way): the
    database then holds some tables and not others. Never when any import came from elsewhere (a user's own files)."""
    if baca_meta(engine).get(PENANDA_MUAT) != "mulai":
        return False
    with engine.connect() as conn:
        return conn.execute(select(impor.c.id).where(~impor.c.sumber.startswith(f"{sumber}:", autoescape=True)).limit(1)).first() is None  # demo:wilayah, ...


def kosongkan_bila_terputus(engine: Engine) -> bool:
    """Empty a database whose demo load was cut short, so the next first start loads it whole. True if emptied."""
    if not terputus(engine):
        return False
    log.warning("pemuatan demo sebelumnya terhenti di tengah jalan; basis data dikosongkan dan demo dimuat ulang")
    metadata.drop_all(engine)
    buat_skema(engine)
    return True


def siapkan_basis_data(engine: Engine, isi_demo: bool, kemajuan: Kemajuan | None = None) -> bool:
    """Create the schema; fill with the demo when asked and the database is empty, or holds a demo load that was
    cut short (kemajuan: as for muat_demo). True if the demo was loaded."""
    buat_skema(engine)
    if isi_demo:
        kosongkan_bila_terputus(engine)
    if isi_demo and kosong(engine):
        muat_demo(engine, kemajuan=kemajuan)
        return True
    with engine.begin() as conn:
        rekap.pastikan(conn)
    return False
