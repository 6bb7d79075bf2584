"""Provinces side by side: two provinces' submission files imported one after the other, then at once, on PostgreSQL."""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from demo.kampanye import buat_kampanye, di_provinsi_lain  # noqa: E402
from scripts.benchmark import mesin  # noqa: E402
from store.batas import simpan_batas  # noqa: E402
from store.db import buat_skema  # noqa: E402
from store.impor.tulis import impor_tabel  # noqa: E402

PROVINSI = ("99", "98", "97", "96")


def _engine(url: str, skema: str):
    return sa.create_engine(url, connect_args={"options": f"-csearch_path={skema}"})


def siapkan(url: str, kampanye: dict, skema: str) -> None:
    """A fresh schema with every province's boundaries and reference tables, no submissions."""
    with sa.create_engine(url).begin() as c:
        c.execute(sa.text("CREATE SCHEMA " + skema))  # a generated identifier
    eng = _engine(url, skema)
    buat_skema(eng)
    with eng.begin() as conn:
        for k in kampanye.values():
            geo = k.geografi
            simpan_batas(conn, pd.concat([geo.provinsi, *(g[["kode", "geometry"]] for g in (geo.kabupaten, geo.kecamatan, geo.desa))]).set_geometry("geometry"), "bench")
    for nama in ("wilayah", "petugas", "beban", "jadwal"):
        impor_tabel(eng, nama, pd.concat([k.tabel[nama] for k in kampanye.values()], ignore_index=True), f"{nama}.csv")
    eng.dispose()


def impor_berkas(url: str, skema: str, berkas: list[tuple[str, pd.DataFrame]]) -> float:
    """Import these files in order, in this process; seconds taken."""
    eng = _engine(url, skema)
    t0 = time.perf_counter()
    for nama, df in berkas:
        hasil = impor_tabel(eng, "keluarga", df, nama)
        if hasil.jumlah_ditolak:
            raise SystemExit(f"{nama}: {hasil.jumlah_ditolak} rows rejected")
    eng.dispose()
    return time.perf_counter() - t0


def per_berkas(kel: pd.DataFrame, kode: str, hari_awal: int) -> tuple[list, list]:
    """A province's files: the first hari_awal days at once, then a file a day."""
    hari = pd.to_datetime(kel["tanggal"])
    batas = hari.min() + pd.Timedelta(days=hari_awal)
    awal = [(f"{kode}-awal.csv", kel[hari < batas])]
    harian = [(f"{kode}-{h.date()}.csv", kel[hari == h]) for h in sorted(hari[hari >= batas].unique())]
    return awal, harian


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1/test")
    ap.add_argument("--skala", type=float, default=1.0, help="families per province / 95,000")
    ap.add_argument("--provinsi", type=int, default=2, choices=range(2, len(PROVINSI) + 1))
    ap.add_argument("--hari-awal", type=int, default=12, help="days in each province's first file; then a file a day")
    a = ap.parse_args()
    dasar = buat_kampanye(skala=a.skala)
    kampanye = {p: dasar if p == "99" else di_provinsi_lain(dasar, p) for p in PROVINSI[: a.provinsi]}
    berkas = {p: per_berkas(k.tabel["keluarga"], p, a.hari_awal) for p, k in kampanye.items()}
    n_awal = sum(len(b[0][0][1]) for b in berkas.values())
    n_harian = sum(sum(len(df) for _, df in b[1]) for b in berkas.values())
    print(f"machine: {mesin()}")
    hari = len(berkas["99"][1])
    print(f"{a.provinsi} provinces, {n_awal + n_harian:,} submissions: first files {n_awal:,} in all, then {hari} daily files each ({n_harian:,} in all)\n")
    print("| run | first files | daily files | total |")
    print("| --- | --- | --- | --- |")
    for cara in ("one after the other", "side by side"):
        skema = f"bench_{uuid.uuid4().hex[:8]}"
        siapkan(a.url, kampanye, skema)
        try:
            detik = []
            for bagian in (0, 1):
                t0 = time.perf_counter()
                if cara == "side by side":
                    with ProcessPoolExecutor(a.provinsi) as pool:
                        list(pool.map(impor_berkas, [a.url] * a.provinsi, [skema] * a.provinsi, [b[bagian] for b in berkas.values()]))
                else:
                    for b in berkas.values():
                        impor_berkas(a.url, skema, b[bagian])
                detik.append(time.perf_counter() - t0)
            print(f"| {cara} | {detik[0]:.1f} s | {detik[1]:.1f} s | {sum(detik):.1f} s |", flush=True)
        finally:
            with sa.create_engine(a.url).begin() as c:
                c.execute(sa.text("DROP SCHEMA " + skema + " CASCADE"))


if __name__ == "__main__":
    main()
