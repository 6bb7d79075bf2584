"""Benchmark of the coverage lists: their queries and the Cakupan page's reruns, at kabupaten and national scope."""

# python scripts/benchmark_cakupan.py                  the demo (Kabupaten Luwu scale) in a temporary SQLite
# python scripts/benchmark_cakupan.py --url URL        an existing database (e.g. one kept by benchmark_skala --simpan)

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aturan.ambang import AMBANG_CAKUPAN  # noqa: E402
from aturan.cakupan import hitung_per_area, total  # noqa: E402
from queries import cakupan_sls, progres  # noqa: E402
from queries.progres import rentang_data  # noqa: E402
from scripts.benchmark import ganti_tanggal, median_ms, mesin  # noqa: E402
from store import rekap  # noqa: E402
from store.baca import baca_jadwal  # noqa: E402
from store.db import buat_engine, buat_skema  # noqa: E402


def ukur_kueri(eng, kab: str, tgl: date, ulang: int) -> list[str]:
    jadwal = baca_jadwal(eng)
    baris = []
    for lingkup, kode in (("kabupaten", kab), ("nasional", "")):
        tanda = cakupan_sls.tandai_area(eng, kode, tgl, AMBANG_CAKUPAN, jadwal)
        tandai = median_ms(lambda k=kode: cakupan_sls.tandai_area(eng, k, tgl, AMBANG_CAKUPAN, jadwal), ulang)
        hitung = median_ms(lambda t=tanda, k=kode: (hitung_per_area(t, {0: 2, 4: 7}[len(k)]), total(t)), ulang)
        baris.append(f"| {lingkup} ({len(tanda):,} SLS) | every SLS's checks (tandai_area) | {tandai:.0f} ms |")
        baris.append(f"| {lingkup} | counts per child area and total, in memory | {hitung:.0f} ms |")
        hasil = median_ms(lambda k=kode: progres.cakupan(eng, k, {0: 2, 4: 7}[len(k)], tgl), ulang)
        baris.append(f"| {lingkup} | results by code per child area, from the per-SLS rollup (progres.cakupan) | {hasil:.0f} ms |")
        if kode:
            daftar = median_ms(lambda t=tanda: cakupan_sls.daftar_cakupan(eng, t, kab, tgl, AMBANG_CAKUPAN), ulang)
            baris.append(f"| {lingkup} | the four lists with names and PPL activity (daftar_cakupan) | {daftar:.0f} ms |")
        else:
            rekap_ms = median_ms(lambda: cakupan_sls.per_area(eng, "", 2, tgl, AMBANG_CAKUPAN, jadwal), ulang)
            baris.append(f"| {lingkup} | counts per province from the per-kecamatan daily rollup (per_area) | {rekap_ms:.0f} ms |")
    for lingkup, kecamatan in (("one kecamatan", {kab + "010"}), ("every kecamatan", None)):
        with eng.connect() as conn:  # rebuilt in a transaction that is rolled back: the database stays as it was
            trans = conn.begin()
            t0 = time.perf_counter()
            rekap.perbarui_cakupan(conn, kecamatan)
            detik = time.perf_counter() - t0
            trans.rollback()
        baris.append(f"| {lingkup} | rebuild its days of the per-kecamatan daily rollup (perbarui_cakupan, as an import does) | {detik * 1000:.0f} ms |")
    return baris


def ukur_halaman(url: str, kab: str, akhir: date) -> list[str]:
    """The Cakupan page and the overview (whose coverage line reads the same checks) in AppTest: first open,
    then reruns after a date change (median of five), as scripts/benchmark.py measures the other pages."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["PANTAU_DB_URL"] = url
    os.environ["PANTAU_LOGIN"] = "0"
    baris = []
    for lingkup, param in (("kabupaten", {"prov": kab[:2], "kab": kab}), ("nasional", {})):
        for halaman in ("cakupan", "ringkasan"):
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
            for k, v in param.items():
                at.query_params[k] = v
            at.run()
            t0 = time.perf_counter()
            at.switch_page(f"dashboard/{halaman}.py").run()
            pertama = time.perf_counter() - t0
            median, lagi = ganti_tanggal(at, akhir)
            baris.append(f"| {lingkup} | {halaman} | {pertama * 1000:.0f} ms | {median * 1000:.0f} ms | {lagi * 1000:.0f} ms |")
    return baris


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="an existing database (default: the demo in a temporary SQLite)")
    ap.add_argument("--ulang", type=int, default=5, help="repetitions per query (median reported)")
    ap.add_argument("--tanpa-halaman", action="store_true", help="queries only")
    args = ap.parse_args()
    url = args.url
    if url is None:
        from store.siapkan import siapkan_basis_data

        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'demo.sqlite'}"
        siapkan_basis_data(buat_engine(url), True)
    eng = buat_engine(url)
    with eng.connect() as conn:
        kab = conn.exec_driver_sql("SELECT kode FROM wilayah WHERE tingkat = 2 ORDER BY kode LIMIT 1").scalar()
        keluarga = conn.exec_driver_sql("SELECT COUNT(*) FROM keluarga_ringkas").scalar()
        baris_rekap = conn.exec_driver_sql("SELECT COUNT(*) FROM rekap_sls_harian").scalar()
    buat_skema(eng)  # a database made before the current rollups gets them first
    with eng.begin() as conn:
        rekap.pastikan(conn)
    _, akhir = rentang_data(eng)
    tgl = min(akhir, date(2022, 11, 10))
    print(f"# Coverage lists on {eng.dialect.name}, {keluarga:,} families, {baris_rekap:,} rows of rekap_sls_harian; {mesin()}\n")
    print("| scope | what | median |\n| --- | --- | --- |")
    print("\n".join(ukur_kueri(eng, kab, tgl, args.ulang)))
    if not args.tanpa_halaman:
        print("\n| scope | page | first open | rerun after a date change (median of 5) | back to a day seen |\n| --- | --- | --- | --- | --- |")
        print("\n".join(ukur_halaman(url, kab, akhir)))


if __name__ == "__main__":
    main()
