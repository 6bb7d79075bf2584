"""Scale benchmark: rollup queries against the naive query over raw rows and DuckDB, import throughput, page reruns."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demo.kampanye import KELUARGA_DASAR, buat_kampanye  # noqa: E402
from queries import mentah, petugas, progres  # noqa: E402
from scripts.benchmark import PG_URL, mesin  # noqa: E402
from scripts.benchmark import median_ms as median_dingin  # noqa: E402
from store.db import buat_engine  # noqa: E402
from store.siapkan import muat_kampanye  # noqa: E402

TGL = date(2022, 11, 1)


def median_ms(fungsi, ulang: int = 7) -> float:
    """Median over ulang runs after one warm-up run (connection, plan and caches)."""
    fungsi()
    return median_dingin(fungsi, ulang)


def duckdb_dari(eng) -> duckdb.DuckDBPyConnection:
    """The per-family table and the workloads, copied into an in-memory DuckDB."""
    con = duckdb.connect()
    for tabel in ("keluarga_ringkas", "beban"):
        with eng.connect() as conn:
            df = pd.read_sql(text("SELECT * FROM " + tabel), conn)  # fixed table names
        for kolom in ("tanggal_pertama", "tanggal_terakhir"):
            if kolom in df:
                df[kolom] = pd.to_datetime(df[kolom])
        con.register(tabel + "_df", df)
        con.execute("CREATE TABLE " + tabel + " AS SELECT * FROM " + tabel + "_df")
    return con


# DuckDB versions of the same results (named parameters: $kode, $tgl)
DUCK = {
    "peta": """
        WITH s AS (SELECT kode_kec AS kode, sum(sasaran_keluarga) AS sasaran FROM beban WHERE kode_kab = $kode GROUP BY 1),
             f AS (SELECT kode_kec AS kode, count(*) FILTER (WHERE tanggal_pertama <= $tgl) AS selesai,
                          count(*) FILTER (WHERE tanggal_pertama <= $tgl - 1) AS selesai_1,
                          count(*) FILTER (WHERE tanggal_pertama <= $tgl - 7) AS selesai_7
                   FROM keluarga_ringkas WHERE kode_kab = $kode AND tanggal_pertama <= $tgl GROUP BY 1)
        SELECT s.kode, sasaran, selesai, selesai_1, selesai_7 FROM s LEFT JOIN f USING (kode) ORDER BY 1""",
    "peta provinsi": """
        WITH s AS (SELECT kode_kab AS kode, sum(sasaran_keluarga) AS sasaran FROM beban WHERE kode_prov = $kode GROUP BY 1),
             f AS (SELECT kode_kab AS kode, count(*) FILTER (WHERE tanggal_pertama <= $tgl) AS selesai,
                          count(*) FILTER (WHERE tanggal_pertama <= $tgl - 1) AS selesai_1,
                          count(*) FILTER (WHERE tanggal_pertama <= $tgl - 7) AS selesai_7
                   FROM keluarga_ringkas WHERE kode_prov = $kode AND tanggal_pertama <= $tgl GROUP BY 1)
        SELECT s.kode, sasaran, selesai, selesai_1, selesai_7 FROM s LEFT JOIN f USING (kode) ORDER BY 1""",
    "peringkat desa": """
        SELECT kode_desa AS kode, tanggal_pertama AS tanggal, count(*) AS selesai_hari FROM keluarga_ringkas
        WHERE kode_kab = $kode AND tanggal_pertama <= $tgl GROUP BY 1, 2""",
    "petugas": """
        SELECT id_ppl, tanggal_pertama AS tanggal, count(*) AS selesai_hari, sum(keluarga_baru) AS baru_hari FROM keluarga_ringkas
        WHERE kode_kab = $kode AND tanggal_pertama <= $tgl GROUP BY 1, 2""",
}


def ukur(nama_db: str, eng, kampanye, ulang: int) -> list[str]:
    t0 = time.perf_counter()
    muat_kampanye(eng, kampanye)
    detik = time.perf_counter() - t0
    baris_kirim = len(kampanye.tabel["keluarga"])
    n = kampanye.info["keluarga"]
    hasil = [f"| {n:,} | {nama_db} | import (all tables, rollups, boundaries) | {detik:.0f} s = {baris_kirim / detik:,.0f} submissions/s | | | |"]
    kab = kampanye.geografi.kabupaten["kode"].iloc[0]
    prov = kab[:2]
    duck = duckdb_dari(eng)
    kasus = {
        "peta": (lambda: progres.rekap_anak(eng, kab, TGL), lambda: mentah.rekap_turunan(eng, kab, 7, TGL), kab),
        "peta provinsi": (lambda: progres.rekap_anak(eng, prov, TGL), lambda: mentah.rekap_turunan(eng, prov, 4, TGL), prov),
        "peringkat desa": (lambda: progres.seri_harian_turunan(eng, kab, 10, TGL), lambda: mentah.seri_harian_turunan(eng, kab, 10, TGL), kab),
        "petugas": (lambda: petugas.pertama_ppl(eng, kab, TGL), lambda: mentah.harian_ppl(eng, kab, TGL), kab),
    }
    for nama, (cepat, naif, kode) in kasus.items():
        a, b = median_ms(cepat, ulang), median_ms(naif, ulang)
        c = median_ms(lambda nama=nama, kode=kode: duck.execute(DUCK[nama], {"kode": kode, "tgl": TGL}).df(), ulang)
        hasil.append(f"| {n:,} | {nama_db} | {nama} | {a:.1f} ms | {b:.1f} ms ({b / a:.1f}x) | {c:.1f} ms | {a / c:.2f} |")
    duck.close()
    return hasil


def ukur_halaman(url: str, kab: str) -> list[str]:
    """Per page: first open with empty caches, then the rerun after a date change (AppTest, median of 5 dates
    not seen before)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ.update(PANTAU_DB_URL=url, PANTAU_LOGIN="0")
    baris = []
    for halaman in ("ringkasan", "peringkat", "petugas"):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
        at.query_params["prov"] = ""
        at.run()
        if "prov" in [s.key for s in at.sidebar.selectbox]:
            at.sidebar.selectbox(key="prov").set_value(kab[:2]).run()
            at.sidebar.selectbox(key="kab").set_value(kab).run()
        t0 = time.perf_counter()
        at.switch_page(f"dashboard/{halaman}.py").run()
        pertama = (time.perf_counter() - t0) * 1000
        waktu = []
        for i in range(5):
            t0 = time.perf_counter()
            at.sidebar.selectbox(key="tanggal").set_value(date(2022, 10, 25 + i)).run()
            waktu.append((time.perf_counter() - t0) * 1000)
        assert not at.exception, at.exception
        baris.append(f"| {halaman} (one kabupaten) | {pertama:.0f} ms | {statistics.median(waktu):.0f} ms |")
    return baris


def judul_halaman(n: int | None, nama_db: str) -> str:
    ukuran = f"{n:,} families" if n else "existing database"
    return f"\nPage times, {nama_db}, {ukuran} (AppTest)\n\n| page | first open (empty caches) | rerun after a date change (median of 5) |\n|---|---|---|"


def url_skema(skema: str) -> str:
    """A SQLAlchemy URL of the benchmark PostgreSQL database whose connections search the given schema first."""
    return f"{PG_URL}?options=-csearch_path%3D{skema}"


PANDUAN = """usage: python scripts/benchmark_skala.py [--keluarga 100000 1000000] [--tanpa-pg] [--sqlite-sampai 1000000]

For each size a demo campaign of that many families (many kabupaten, several provinces from 2.4 million on)
is generated and imported through the normal import path into SQLite and PostgreSQL; then, for one
kabupaten and its province, each dashboard query (median of 7) is timed next to the naive query over the
per-family table and DuckDB computing the same result from the same rows in memory.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__ + "\n\n" + PANDUAN, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keluarga", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--sqlite-sampai", type=int, default=1_000_000, help="largest size also run on SQLite")
    ap.add_argument("--tanpa-pg", action="store_true")
    ap.add_argument("--ulang", type=int, default=7)
    ap.add_argument("--simpan", action="store_true", help="keep the PostgreSQL schemas and print their URLs (for page and load tests)")
    ap.add_argument("--halaman", metavar="URL", help="only time the pages on this existing database (its first kabupaten)")
    a = ap.parse_args()
    print(f"Machine: {mesin()}\n")
    if a.halaman:
        eng = buat_engine(a.halaman)
        with eng.connect() as conn:
            kab = conn.execute(text("SELECT min(kode_kab) FROM beban")).scalar_one()  # fixed query
        eng.dispose()
        print(judul_halaman(None, eng.dialect.name))
        print("\n".join(ukur_halaman(a.halaman, kab)), flush=True)
        return
    print("| families | database | query | rollups | naive (ratio) | DuckDB | rollups / DuckDB |\n|---|---|---|---|---|---|---|")
    halaman = []
    for n in a.keluarga:
        t0 = time.perf_counter()
        kampanye = buat_kampanye(seed=2022, skala=n / KELUARGA_DASAR)
        print(f"| {kampanye.info['keluarga']:,} | | demo generation | {time.perf_counter() - t0:.0f} s | | | |", flush=True)
        if n <= a.sqlite_sampai:
            url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'skala.sqlite'}"
            eng = buat_engine(url)
            print("\n".join(ukur("SQLite", eng, kampanye, a.ulang)), flush=True)
            halaman.append((kampanye.info["keluarga"], url, kampanye.geografi.kabupaten["kode"].iloc[0]))
            eng.dispose()
        if not a.tanpa_pg:
            skema = f"skala_{uuid.uuid4().hex[:8]}"
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text("CREATE SCHEMA " + skema))  # generated identifier
            pg = create_engine(PG_URL, connect_args={"options": f"-csearch_path={skema}"})
            try:
                print("\n".join(ukur("PostgreSQL", pg, kampanye, a.ulang)), flush=True)
            finally:
                pg.dispose()
                if a.simpan:
                    print(f"\nkept: {url_skema(skema)}\n", flush=True)
                else:
                    with admin.begin() as conn:
                        conn.execute(text("DROP SCHEMA " + skema + " CASCADE"))
        del kampanye
    for n, url, kab in halaman:
        print(judul_halaman(n, "SQLite"))
        print("\n".join(ukur_halaman(url, kab)), flush=True)


if __name__ == "__main__":
    main()
