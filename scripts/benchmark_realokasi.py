"""Help plan benchmark: the time to plan for a kabupaten (read, build, solve, forecast before/after), and the plan's size."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aturan.realokasi import rencanakan, selesaikan, susun_masalah  # noqa: E402
from demo.kampanye import buat_kampanye  # noqa: E402
from queries import progres, proyeksi, wilayah  # noqa: E402
from scripts.benchmark import mesin  # noqa: E402
from store.baca import baca_jadwal  # noqa: E402
from store.db import buat_engine  # noqa: E402
from store.siapkan import muat_kampanye  # noqa: E402

HARI = (date(2022, 11, 1), date(2022, 11, 8), date(2022, 11, 30))


def kabupaten_terbesar(eng) -> str:
    kab = wilayah.daftar_kabupaten(eng)["kode"]
    sasaran = {k: int(progres.rekap_wilayah(eng, k, HARI[0])["sasaran"].iloc[0]) for k in kab}
    return max(sasaran, key=sasaran.get)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", help="an existing database with a campaign (else one is generated)")
    ap.add_argument("--skala", type=float, default=1.0, help="families of the generated campaign / 95,000 (10.5 = about 10^6, 11 kabupaten)")
    ap.add_argument("--ulang", type=int, default=3)
    a = ap.parse_args()
    if a.url:
        eng = buat_engine(a.url)
    else:
        berkas = Path(tempfile.mkdtemp()) / "realokasi.sqlite"
        eng = buat_engine(f"sqlite:///{berkas}")
        t0 = time.perf_counter()
        muat_kampanye(eng, buat_kampanye(skala=a.skala))
        print(f"campaign generated and loaded in {time.perf_counter() - t0:.0f} s")
    jadwal = baca_jadwal(eng)
    kab = kabupaten_terbesar(eng)
    sasaran = int(progres.rekap_wilayah(eng, kab, HARI[0])["sasaran"].iloc[0])
    print(f"machine: {mesin()}")
    print(f"kabupaten {kab}: {sasaran:,} families (the largest of {len(wilayah.daftar_kabupaten(eng))})\n")
    print("| plan day | read (ms) | build (ms) | solve (ms) | whole plan (ms) | candidate flows | overloaded PPL | lenders | moves | areas back on time | gap to bound |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for hari in HARI:
        baca, susun, selesai, semua = [], [], [], []
        for _ in range(a.ulang):
            t0 = time.perf_counter()
            bahan = proyeksi.baca_bahan(eng, kab, hari, jadwal.umum.mulai)
            area = progres.rekap_anak(eng, kab, hari)
            t1 = time.perf_counter()
            m = susun_masalah(bahan, jadwal, kab)
            t2 = time.perf_counter()
            selesaikan(m)
            t3 = time.perf_counter()
            r = rencanakan(bahan, jadwal, kab, area)
            t4 = time.perf_counter()
            baca.append(t1 - t0)
            susun.append(t2 - t1)
            selesai.append(t3 - t2)
            semua.append(t1 - t0 + t4 - t3)  # what the page waits for: the read, then the whole plan
        pulih = sum(
            1
            for k, s0, s1 in zip(r.area["kode"], r.area["proyeksi_selesai_sebelum"], r.area["proyeksi_selesai_sesudah"], strict=True)
            if (s0 is None or s0 > jadwal.untuk(k).selesai) and s1 is not None and s1 <= jadwal.untuk(k).selesai
        )
        ms = lambda x: f"{statistics.median(x) * 1000:.0f}"  # noqa: E731
        print(
            f"| {hari} | {ms(baca)} | {ms(susun)} | {ms(selesai)} | {ms(semua)} | {len(m.pasangan):,} | {len(m.lebih)} | {len(m.pemberi)} | {len(r.pindah)} "
            f"| {pulih} of {len(r.area)} | {r.celah:.2%} |"
        )


if __name__ == "__main__":
    main()
