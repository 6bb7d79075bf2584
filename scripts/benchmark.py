"""Benchmark: import throughput, demo load, overview query times, page rerun times, map bytes (raw vs sent)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from aturan.proyeksi import ramal  # noqa: E402
from demo.kampanye import buat_kampanye  # noqa: E402
from geodata.layar import bersihkan, gdf_dari_teks, ke_geojson, sederhanakan_anggaran, ukuran_byte  # noqa: E402
from queries import petugas as qp  # noqa: E402
from queries import progres, proyeksi  # noqa: E402
from queries.progres import rekap_anak, rekap_wilayah, seri_harian  # noqa: E402
from queries.proyeksi import baca_riwayat  # noqa: E402
from queries.wilayah import batas_anak  # noqa: E402
from store.baca import baca_jadwal  # noqa: E402
from store.berkas import baca_berkas  # noqa: E402
from store.db import buat_engine, buat_skema  # noqa: E402
from store.impor.tulis import impor_tabel  # noqa: E402
from store.siapkan import muat_kampanye  # noqa: E402

SHARED = ROOT.parent / "shared" / "geodata"
PG_URL = os.environ.get("PANTAU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def mesin() -> str:
    cpu = next((b.split(":", 1)[1].strip() for b in Path("/proc/cpuinfo").read_text().splitlines() if b.startswith("model name")), platform.processor())
    mem = next((b.split()[1] for b in Path("/proc/meminfo").read_text().splitlines() if b.startswith("MemTotal")), "0")
    return f"{cpu}, {os.cpu_count()} cores, {int(mem) / 1024 / 1024:.0f} GiB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def median_ms(fungsi, ulang: int) -> float:
    waktu = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        fungsi()
        waktu.append((time.perf_counter() - t0) * 1000)
    return statistics.median(waktu)


def kueri_petugas(eng, kab: str) -> None:
    """Every query the officers page runs for one area on its first open (the interview minutes up to the day, the rest once for the whole campaign)."""
    qp.daftar_petugas(eng, kab)
    qp.beban_ppl(eng, kab)
    qp.harian_ppl(eng, kab)
    qp.baca_data_hari(eng, kab, date(2022, 11, 14), 3)


def ukur_impor(nama: str, eng, kampanye, folder: Path) -> list[str]:
    """Import throughput through the same path as `manage.py impor`: read the CSV, validate, write, summarise."""
    baris = []
    buat_skema(eng)
    for tabel in ("wilayah", "petugas", "beban", "jadwal", "keluarga", "keluarga"):
        path = folder / f"{tabel}.csv"
        if not path.exists():
            kampanye.tabel[tabel].to_csv(path, index=False, sep=";")
        t0 = time.perf_counter()
        berkas = baca_berkas(path)
        t1 = time.perf_counter()
        hasil = impor_tabel(eng, tabel, berkas.tabel, berkas.nama, nomor_baris=berkas.nomor_baris, sidik=berkas.sidik)
        t2 = time.perf_counter()
        n = len(berkas.tabel)
        if tabel in ("beban", "keluarga"):
            ulang = " again (all duplicates)" if hasil.dimuat == 0 else ""
            langkah = f"import {tabel}.csv{ulang}: {n:,} rows (read {t1 - t0:.1f} s, validate+write {t2 - t1:.1f} s)"
            baris.append(f"| {nama} | {langkah} | {t2 - t0:.1f} s = {n / (t2 - t0):,.0f} rows/s |")
    return baris


def ukur_db(nama: str, eng, kampanye, ulang: int) -> list[str]:
    baris_impor = ukur_impor(nama, eng, kampanye, Path(tempfile.mkdtemp()))
    t0 = time.perf_counter()
    muat_kampanye(eng, kampanye)  # the rest (daily tallies, boundaries); what was imported above is now all duplicates
    muat = time.perf_counter() - t0
    kab = kampanye.geografi.kabupaten["kode"].iloc[0]
    kec = kampanye.geografi.kecamatan["kode"].iloc[0]
    tgl = date(2022, 11, 1)
    baris = [*baris_impor, f"| {nama} | demo load over the imported tables (duplicates) + tallies and boundaries | {muat:.1f} s |"]
    jk = baca_jadwal(eng)
    bahan = proyeksi.baca_bahan(eng, kab, tgl, jk.umum.mulai)
    desa = progres.rekap_turunan(eng, kab, 10, tgl)
    for label, f in (
        ("kabupaten headline (rekap_wilayah)", lambda: rekap_wilayah(eng, kab, tgl)),
        ("kecamatan map values (rekap_anak kab)", lambda: rekap_anak(eng, kab, tgl)),
        ("desa map values (rekap_anak kec)", lambda: rekap_anak(eng, kec, tgl)),
        ("daily series (seri_harian kab)", lambda: seri_harian(eng, kab, tgl)),
        ("officer queries, all PPL of the kabupaten", lambda: kueri_petugas(eng, kab)),
        ("forecast: read what it needs for a day (queries.proyeksi.baca_bahan)", lambda: proyeksi.baca_bahan(eng, kab, date(2022, 11, 1), date(2022, 10, 15))),
        ("forecast: every desa of the kabupaten (ramal, from what was read)", lambda: ramal(bahan, desa, jk)),
    ):
        baris.append(f"| {nama} | {label} | {median_ms(f, ulang):.1f} ms |")
    return baris


def ganti_tanggal(at, akhir: date) -> tuple[float, float]:
    """Seconds an AppTest page takes to rerun after a date change: the median over the five days before akhir,
    then going back to a day already seen."""
    waktu = []
    for i in range(1, 6):
        t0 = time.perf_counter()
        at.sidebar.selectbox(key="tanggal").set_value(akhir - timedelta(days=i)).run()
        waktu.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    at.sidebar.selectbox(key="tanggal").set_value(akhir - timedelta(days=1)).run()
    lagi = time.perf_counter() - t0
    assert not at.exception, at.exception
    return statistics.median(waktu), lagi


def ukur_apptest(url: str, kode_kec: str) -> list[tuple[str, float, float | None, float | None]]:
    """One sweep of the pages under AppTest in this process: (row, first open, date change, date seen before), ms."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["PANTAU_DB_URL"] = url
    os.environ["PANTAU_LOGIN"] = "0"  # measure the pages, not the sign-in
    st.cache_data.clear()
    st.cache_resource.clear()
    ms = lambda x: x * 1000  # noqa: E731
    baris: list[tuple[str, float, float | None, float | None]] = []
    for halaman in ("ringkasan", "peringkat", "perkembangan", "cakupan", "petugas", "bantuan", "kualitas", "cek_ulang"):
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
        t0 = time.perf_counter()
        at.run()
        if not baris:  # the very first page of a fresh process, every cache empty (the forecast's history included)
            baris.append(("the app's first page (overview), every cache empty", ms(time.perf_counter() - t0), None, None))
        t0 = time.perf_counter()
        at.switch_page(f"dashboard/{halaman}.py").run()
        pertama = time.perf_counter() - t0
        median, lagi = ganti_tanggal(at, date(2022, 11, 14))
        baris.append((halaman, ms(pertama), ms(median), ms(lagi)))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)  # the meeting screen, its map view
    at.run()
    at.query_params.update({"mode": "rapat", "tampil": "peta"})
    t0 = time.perf_counter()
    at.run()
    pertama = time.perf_counter() - t0
    assert not at.exception and at.query_params.get("mode") == "rapat", at.exception
    median, lagi = ganti_tanggal(at, date(2022, 11, 14))
    baris.append(("rapat (meeting screen, map view)", ms(pertama), ms(median), ms(lagi)))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.run()
    t0 = time.perf_counter()
    at.sidebar.selectbox(key="kec").set_value(kode_kec).run()
    baris.append(("ringkasan: drill into a kecamatan", ms(time.perf_counter() - t0), None, None))
    return baris


def _sapuan(checkout: Path, url: str) -> list:
    """One page sweep by a checkout's own scripts/benchmark.py, in a process of its own."""
    keluar = subprocess.run([sys.executable, str(checkout / "scripts" / "benchmark.py"), "--halaman-json", url], capture_output=True, text=True, check=True, cwd=checkout)
    return json.loads(keluar.stdout.strip().splitlines()[-1])


def ukur_halaman(url: str, ulang: int, sebelum: Path | None = None, url_sebelum: str | None = None) -> list[str]:
    """The page sweep ulang times, each in a fresh process (so the first page is a cold start every time): per
    cell the median, with the lowest and highest in brackets (one AppTest run moves by a third on 2 cores). With
    sebelum (another checkout, holding this script), the two take turns sweep by sweep and each cell reads
    "before → after", so a busy moment of the machine hits both. url_sebelum: the database the other checkout
    reads (one its own code loaded, when the change is in how the import stores rows), else url."""
    urutan = [sebelum, ROOT] if sebelum else [ROOT]
    hasil: dict[Path, list] = {c: [] for c in urutan}
    for _ in range(ulang):
        for c in urutan:
            hasil[c].append(_sapuan(c, url_sebelum if c == sebelum and url_sebelum else url))
    sel = lambda xs: "" if xs[0] is None else f"{statistics.median(xs):.0f} ms ({min(xs):.0f}-{max(xs):.0f})" if len(xs) > 1 else f"{xs[0]:.0f} ms"  # noqa: E731
    baris = []
    for per_c in zip(*[zip(*hasil[c], strict=True) for c in urutan], strict=True):  # one row, per checkout its sweeps
        sel_k = [" → ".join(sel([r[k] for r in b]) for b in per_c) for k in (1, 2, 3)]
        baris.append(f"| {per_c[0][0][0]} | " + " | ".join(x if x.strip(" →") else "" for x in sel_k) + " |")
    return baris


def ukur_riwayat(eng, kab: str) -> str:
    """The forecast's history of a kabupaten to the campaign's last day (queries.proyeksi.baca_riwayat: every day's
    forecast of every kecamatan and desa, the spread of its own past errors): once per import on the pages."""
    jadwal = baca_jadwal(eng)
    ms = median_ms(lambda: baca_riwayat(eng, kab, jadwal.selesai_terakhir, jadwal), 3)
    return f"Forecast history (baca_riwayat, kabupaten {kab}, to {jadwal.selesai_terakhir}): {ms:.0f} ms"


def ukur_geometri(eng, kab: str, kec: str) -> list[str]:
    baris = []
    for nama, gdf in (("demo kecamatan", gdf_dari_teks(batas_anak(eng, kab))), ("demo desa (one kecamatan)", gdf_dari_teks(batas_anak(eng, kec)))):
        baris.append(_baris_geo(nama, gdf))
    for nama, berkas in (("Luwu kecamatan (22)", "luwu_kecamatan.geojson"), ("Luwu desa (227)", "luwu_desa.geojson")):
        if (SHARED / berkas).exists():
            baris.append(_baris_geo(nama, gpd.read_file(SHARED / berkas)[["kode", "geometry"]]))
    return baris


def ukur_laporan(eng, kab: str, tgl: date) -> list[str]:
    """Daily report export through kaleido and the system Chromium: first image (browser start), then warm."""
    from laporan import harian

    baris = []
    for langkah, format in (("PNG, first", "png"), ("PNG, again", "png"), ("PDF", "pdf")):
        t0 = time.perf_counter()
        isi = harian.laporan(eng, kab, tgl, format)
        baris.append(f"| {langkah} | {(time.perf_counter() - t0):.1f} s | {len(isi) / 1024:,.0f} KiB |")
    return baris


def ukur_sandi() -> str:
    """One password check (what each sign-in costs the server)."""
    from store.pengguna import cocok_sandi, hash_sandi

    tersimpan = hash_sandi("kata-sandi-uji")
    return f"| password check (scrypt) | {median_ms(lambda: cocok_sandi('kata-sandi-uji', tersimpan), 10):.0f} ms | |"


def ukur_masuk(nama_db: str, eng) -> list[str]:
    """A whole sign-in attempt: the shared failure counters reserved in the database, then scrypt (or not, when paused)."""
    from store.db import buat_skema
    from store.pengguna import baca_pengguna, hapus_jeda, masuk, tambah_pengguna

    buat_skema(eng)
    if baca_pengguna(eng, "bench.masuk") is None:
        tambah_pengguna(eng, "bench.masuk", "kata-sandi-uji", "rapat", ["*"])

    def salah_lalu_lepas():
        hapus_jeda(eng, "bench.masuk")
        masuk(eng, "bench.masuk", "salah-sandi-uji", "192.0.2.1")

    baris = [
        f"| {nama_db} | sign-in, right password | {median_ms(lambda: masuk(eng, 'bench.masuk', 'kata-sandi-uji', '192.0.2.1'), 10):.0f} ms |",
        f"| {nama_db} | sign-in, wrong password (counted) | {median_ms(salah_lalu_lepas, 10):.0f} ms |",
    ]
    for _ in range(5):
        masuk(eng, "bench.masuk", "salah-sandi-uji")
    baris.append(f"| {nama_db} | sign-in while paused (no scrypt) | {median_ms(lambda: masuk(eng, 'bench.masuk', 'kata-sandi-uji'), 10):.1f} ms |")
    hapus_jeda(eng)
    return baris


def _baris_geo(nama: str, gdf: gpd.GeoDataFrame) -> str:
    mentah = ukuran_byte(ke_geojson(gdf))
    kirim = ukuran_byte(ke_geojson(sederhanakan_anggaran(bersihkan(gdf))[0]))
    return f"| {nama} | {mentah / 1024:,.0f} KiB | {kirim / 1024:,.0f} KiB | {mentah / kirim:.1f}x |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--skala", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--ulang", type=int, default=7, help="repetitions per query (median reported)")
    ap.add_argument("--tanpa-pg", action="store_true")
    ap.add_argument("--masuk-saja", action="store_true", help="only the sign-in timings (SQLite and PostgreSQL)")
    ap.add_argument("--halaman-saja", metavar="URL", help="only the page timings, on an existing database with the demo campaign")
    ap.add_argument("--ulang-halaman", type=int, default=5, help="page sweeps, each in a fresh process (median reported)")
    ap.add_argument("--sebelum", type=Path, help="with --halaman-saja: another checkout (git worktree add), swept in turn with this one")
    ap.add_argument("--url-sebelum", metavar="URL", help="with --sebelum: the database that checkout reads (one its own code loaded); default the same URL")
    ap.add_argument("--halaman-json", metavar="URL", help=argparse.SUPPRESS)  # one sweep, printed as JSON (used by --halaman-saja)
    a = ap.parse_args()
    if a.halaman_json:
        kec = progres.rekap_turunan(buat_engine(a.halaman_json), "", 7, date(2022, 11, 1))["kode"].iloc[0]
        print(json.dumps(ukur_apptest(a.halaman_json, kec)))
        return
    print(f"Machine: {mesin()}\n")
    if a.halaman_saja:
        print(f"Pages: {a.ulang_halaman} sweeps, each in a fresh process; median (lowest-highest)" + (f"; {a.sebelum} → this checkout" if a.sebelum else "") + "\n")
        print("| page | first open | date change | date seen before |\n|---|---|---|---|")
        eng = buat_engine(a.halaman_saja)
        kec = progres.rekap_turunan(eng, "", 7, date(2022, 11, 1))["kode"].iloc[0]
        print("\n".join(ukur_halaman(a.halaman_saja, a.ulang_halaman, a.sebelum, a.url_sebelum)))
        print("\n" + ukur_riwayat(eng, kec[:4]))
        return
    if a.masuk_saja:
        print(ukur_sandi() + "\n\n| database | sign-in | time |\n|---|---|---|")
        print("\n".join(ukur_masuk("SQLite", buat_engine(f"sqlite:///{Path(tempfile.mkdtemp()) / 'masuk.sqlite'}"))))
        if not a.tanpa_pg:
            skema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text("CREATE SCHEMA " + skema))
            pg = create_engine(PG_URL, connect_args={"options": f"-csearch_path={skema}"})
            print("\n".join(ukur_masuk("PostgreSQL", pg)))
            pg.dispose()
            with admin.begin() as conn:
                conn.execute(text("DROP SCHEMA " + skema + " CASCADE"))
        return
    t0 = time.perf_counter()
    kampanye = buat_kampanye(seed=a.seed, skala=a.skala)
    detik = time.perf_counter() - t0
    n_kiriman = len(kampanye.tabel["keluarga"])
    print(f"Demo generation (seed {a.seed}, skala {a.skala}): {detik:.1f} s, {kampanye.info['keluarga']:,} families, {n_kiriman:,} submissions\n")
    print("| database | step | time |\n|---|---|---|")
    tmp = Path(tempfile.mkdtemp())
    url_sqlite = f"sqlite:///{tmp / 'bench.sqlite'}"
    eng = buat_engine(url_sqlite)
    print("\n".join(ukur_db("SQLite", eng, kampanye, a.ulang)))
    if not a.tanpa_pg:
        skema = f"bench_{uuid.uuid4().hex[:8]}"
        try:
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text("CREATE SCHEMA " + skema))
            pg = create_engine(PG_URL, connect_args={"options": f"-csearch_path={skema}"})
            print("\n".join(ukur_db("PostgreSQL", pg, kampanye, a.ulang)))
            pg.dispose()
            with admin.begin() as conn:
                conn.execute(text("DROP SCHEMA " + skema + " CASCADE"))
        except Exception as exc:
            print(f"| PostgreSQL | skipped: {type(exc).__name__}: {str(exc)[:80]} | |")
    print("\nPages (AppTest, SQLite, 3 sweeps in fresh processes): first open, rerun after a date change (new date, median of 5), rerun to a date seen before\n")
    print("| page | first open | date change | date seen before |\n|---|---|---|---|")
    kab = kampanye.geografi.kabupaten["kode"].iloc[0]
    kec = kampanye.geografi.kecamatan["kode"].iloc[0]
    print("\n".join(ukur_halaman(url_sqlite, 3)))
    print("\nMap geometry sent to the browser (GeoJSON, compact):\n\n| map | raw | sent | ratio |\n|---|---|---|---|")
    print("\n".join(ukur_geometri(eng, kab, kec)))
    print("\nDaily report (kabupaten, SQLite):\n\n| export | time | size |\n|---|---|---|")
    print("\n".join(ukur_laporan(eng, kab, date(2022, 11, 1))))
    print(ukur_sandi())


if __name__ == "__main__":
    main()
