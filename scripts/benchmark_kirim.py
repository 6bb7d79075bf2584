"""Digest benchmark: one `manage.py kirim` run for many recipients over many areas (reports and alerts), timed."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from demo.kampanye import buat_kampanye  # noqa: E402
from kirim.jalan import jalankan  # noqa: E402
from scripts.benchmark import mesin  # noqa: E402
from store.db import buat_engine  # noqa: E402
from store.langganan import tambah_langganan  # noqa: E402
from store.siapkan import muat_kampanye  # noqa: E402


def wilayah_uji(eng, n: int) -> list[str]:
    """n areas a recipient can subscribe to: the campaign's kabupaten, then kecamatan, in code order."""
    with eng.connect() as c:
        kode = c.execute(sa.text("SELECT kode FROM wilayah WHERE length(kode) IN (4, 7) ORDER BY length(kode), kode")).scalars().all()
    if len(kode) < n:
        raise SystemExit(f"the campaign has {len(kode)} kabupaten and kecamatan, fewer than {n}: generate a larger one (--skala)")
    return list(kode[:n])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sqlite", type=Path, nargs="?", help="a SQLite file holding a campaign (copied: the subscriptions go into the copy); else one is generated")
    ap.add_argument("--skala", type=float, default=2.5, help="families of the generated campaign / 95,000 (2.5: 3 kabupaten, about 60 kecamatan)")
    ap.add_argument("--penerima", type=int, default=200, help="recipients")
    ap.add_argument("--wilayah", type=int, default=50, help="distinct areas they subscribe to (each recipient one)")
    ap.add_argument("--waktu", default="2022-11-02T08:00", help="the run's clock: reports are due after 07:00")
    a = ap.parse_args()
    if a.sqlite and not a.sqlite.is_file():
        ap.error(f"{a.sqlite}: no such file (leave it out to generate a campaign)")
    kerja = Path(tempfile.mkdtemp())
    salinan = kerja / "kirim.sqlite"
    if a.sqlite:
        shutil.copy(a.sqlite, salinan)
        eng = buat_engine(f"sqlite:///{salinan}")
    else:
        eng = buat_engine(f"sqlite:///{salinan}")
        t0 = time.perf_counter()
        muat_kampanye(eng, buat_kampanye(skala=a.skala))
        print(f"campaign generated and loaded in {time.perf_counter() - t0:.0f} s (kept in {salinan} until the run ends)")
    kode = wilayah_uji(eng, a.wilayah)
    for i in range(a.penerima):
        bahasa = "en" if i % 4 == 3 else "id"  # a quarter in English: reports per area and language
        tambah_langganan(eng, f"Penerima {i}", "email", f"p{i}@contoh.go.id", peran="pimpinan", wilayah=[kode[i % len(kode)]], bahasa=bahasa)
    gambar = len({(kode[i % len(kode)], "en" if i % 4 == 3 else "id") for i in range(a.penerima)})
    print(f"machine: {mesin()}")
    print(f"{a.penerima} recipients over {len(kode)} areas ({gambar} distinct area and language reports, PNG and PDF each), alerts for every recipient\n")
    t0 = time.perf_counter()
    hasil = jalankan(eng, sekarang=datetime.fromisoformat(a.waktu), folder_uji=kerja / "keluar")
    detik = time.perf_counter() - t0
    berkas = sum(1 for _ in (kerja / "keluar").rglob("*"))
    print("| recipients | areas | reports drawn | whole run | per recipient | per report drawn | files written |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {a.penerima} | {len(kode)} | {gambar} | {detik:.0f} s | {detik / a.penerima:.2f} s | {detik / gambar:.2f} s | {berkas:,} |")
    if len(hasil.folder) != a.penerima:
        raise SystemExit(f"only {len(hasil.folder)} of {a.penerima} recipients were written")
    shutil.rmtree(kerja)


if __name__ == "__main__":
    main()
