"""Import throughput benchmark: a keluarga export read and loaded first, again unchanged, and again corrected."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine
from sqlalchemy.schema import CreateSchema, DropSchema

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demo.kampanye import KELUARGA_DASAR, buat_kampanye  # noqa: E402
from scripts.benchmark import PG_URL, mesin  # noqa: E402
from store.berkas import baca_berkas  # noqa: E402
from store.db import buat_engine, buat_skema  # noqa: E402
from store.impor.kontrak import normalkan_kolom  # noqa: E402
from store.impor.periksa import siapkan_tabel  # noqa: E402
from store.impor.tulis import impor_tabel  # noqa: E402


def _impor(eng, path: Path, tabel: str):
    t0 = time.perf_counter()
    berkas = baca_berkas(path)
    hasil = impor_tabel(eng, tabel, berkas.tabel, berkas.nama, nomor_baris=berkas.nomor_baris, sidik=berkas.sidik)
    return time.perf_counter() - t0, hasil


def ukur(nama_db: str, eng, folder: Path) -> list[str]:
    """Reference tables untimed, then the three timed loads of keluarga.csv (read + validate + write + rollups)."""
    buat_skema(eng)
    for tabel in ("wilayah", "petugas", "beban", "jadwal"):
        _impor(eng, folder / f"{tabel}.csv", tabel)
    baris = []
    for langkah, berkas in (("first import", "keluarga.csv"), ("same file again", "keluarga.csv"), ("corrected export (5% of rows changed)", "keluarga_koreksi.csv")):
        detik, hasil = _impor(eng, folder / berkas, "keluarga")
        n = hasil.dibaca
        akibat = f"{hasil.dimuat:,} stored, {hasil.duplikat:,} unchanged, {hasil.jumlah_ditolak:,} rejected"
        baris.append(f"| {n:,} | {nama_db} | {langkah} | {detik:.1f} s | {n / detik:,.0f} rows/s | {akibat} |")
        print(baris[-1], flush=True)
    return baris


def ukur_validasi(folder: Path, ulang: int = 3) -> str:
    """Only the checking stage (columns matched, every cell typed and bounded, references looked up), median of
    ulang runs on SQLite: what the contract's bounds cost, apart from writing."""
    import statistics

    eng = buat_engine(f"sqlite:///{folder / 'v.sqlite'}")
    buat_skema(eng)
    for tabel in ("wilayah", "petugas", "beban", "jadwal"):
        _impor(eng, folder / f"{tabel}.csv", tabel)
    berkas = baca_berkas(folder / "keluarga.csv")
    waktu = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        df = normalkan_kolom("keluarga", berkas.tabel.reset_index(drop=True), "keluarga.csv")
        df = df[0] if isinstance(df, tuple) else df  # (frame, ignored columns) since the bounds came in
        with eng.connect() as conn:
            _, p = siapkan_tabel("keluarga", df, conn, berkas.nomor_baris)
        waktu.append(time.perf_counter() - t0)
    assert int(p.ok.sum()) == len(df), "the benchmark export must be valid"
    return f"| {len(df):,} | SQLite | checking stage only (median of {ulang}) | {statistics.median(waktu):.2f} s | {len(df) / statistics.median(waktu):,.0f} rows/s | |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--keluarga", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--tanpa-pg", action="store_true")
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--validasi", action="store_true", help="time only the checking stage (the cost of the bounds), on SQLite")
    args = ap.parse_args()
    print(f"machine: {mesin()}")
    print("| submissions | database | load | time | throughput | result |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n in args.keluarga:
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            kampanye = buat_kampanye(seed=args.seed, skala=n / KELUARGA_DASAR)
            for tabel in ("wilayah", "petugas", "beban", "jadwal", "keluarga"):
                kampanye.tabel[tabel].to_csv(folder / f"{tabel}.csv", index=False, sep=";")
            koreksi = kampanye.tabel["keluarga"].copy()
            pilih = np.random.default_rng(args.seed).random(len(koreksi)) < 0.05
            koreksi.loc[pilih, "hasil"] = koreksi.loc[pilih, "hasil"] % 5 + 1
            koreksi.to_csv(folder / "keluarga_koreksi.csv", index=False, sep=";")
            if args.validasi:
                print(ukur_validasi(folder), flush=True)
                continue
            ukur("SQLite", buat_engine(f"sqlite:///{folder / 'b.sqlite'}"), folder)
            if not args.tanpa_pg:
                skema = "bi_" + uuid.uuid4().hex[:8]
                dasar = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
                with dasar.connect() as c:
                    c.execute(CreateSchema(skema))
                eng = buat_engine(PG_URL + f"?options=-csearch_path%3D{skema}")
                try:
                    ukur("PostgreSQL", eng, folder)
                finally:
                    eng.dispose()
                    with dasar.connect() as c:
                        c.execute(DropSchema(skema, cascade=True))


if __name__ == "__main__":
    main()
