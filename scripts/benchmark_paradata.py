"""Benchmark of paradata work: distances to desa polygons at import, the per-PPL-day rollup, and the field-quality page reads."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aturan.ambang import AMBANG_KUALITAS
from aturan.kualitas import ringkas_harian
from queries import paradata as qp
from store import paradata
from store.db import buat_engine
from store.schema import batas_wilayah, keluarga


def _ukur(fungsi, ulang: int = 5) -> float:
    """Median seconds of a few runs."""
    waktu = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        fungsi()
        waktu.append(time.perf_counter() - t0)
    return statistics.median(waktu)


def titik_acak(conn, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n points, each near a random stored desa: about nine in ten inside it, the rest up to a few km away."""
    baris = conn.execute(select(batas_wilayah.c.kode, batas_wilayah.c.geojson).where(batas_wilayah.c.tingkat == 4)).all()
    kode = np.array([b[0] for b in baris])
    pusat = shapely.get_coordinates(shapely.point_on_surface(shapely.from_geojson([b[1] for b in baris])))
    pilih = rng.integers(0, len(kode), n)
    sebaran = np.where(rng.random(n) < 0.9, 0.002, 0.03)
    return kode[pilih], pusat[pilih, 1] + rng.normal(0, 1, n) * sebaran, pusat[pilih, 0] + rng.normal(0, 1, n) * sebaran


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--url", required=True, help="a database holding a campaign with paradata and desa boundaries (manage.py demo)")
    p.add_argument("--titik", type=int, default=1_000_000, help="interview points measured against their desa")
    a = p.parse_args()
    eng = buat_engine(a.url)
    print(f"mesin: {platform.platform()}, {os.cpu_count()} inti, Python {platform.python_version()}, shapely {shapely.__version__}")
    with eng.connect() as conn:
        kode, lintang, bujur = titik_acak(conn, a.titik, np.random.default_rng(1))
        t0 = time.perf_counter()
        jarak = paradata.PengukurJarak(conn).jarak(kode, lintang, bujur)
        detik = time.perf_counter() - t0
        laju = a.titik / detik
        print(f"jarak ke poligon desa: {a.titik:,} titik di {len(set(kode)):,} desa dalam {detik:.2f} s ({laju:,.0f} titik/s); {np.mean(jarak > 0):.1%} di luar")
        t0 = time.perf_counter()
        kolom = [keluarga.c[c] for c in paradata.KOLOM_KIRIMAN]
        k = pd.DataFrame(conn.execute(select(*kolom)).all(), columns=paradata.KOLOM_KIRIMAN)
        baca = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = ringkas_harian(k, AMBANG_KUALITAS)
        print(f"rekap paradata dari {len(k):,} kiriman: baca {baca:.1f} s, hitung {time.perf_counter() - t0:.1f} s, {len(r):,} baris PPL-hari")
    kab = sorted({x[:4] for x in kode})[:3]
    akhir, mulai = date(2022, 11, 30), date(2022, 10, 15)

    def halaman(induk: str) -> None:
        qp.kualitas_area(eng, induk, mulai, akhir, AMBANG_KUALITAS)

    for k4 in kab:
        kec = k4 + "010"
        print(f"halaman kualitas kabupaten {k4}: {_ukur(lambda k4=k4: halaman(k4)) * 1000:.0f} ms; kecamatan {kec}: {_ukur(lambda kec=kec: halaman(kec)) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
