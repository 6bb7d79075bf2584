"""Outages: with its database stopped or damaged a page says so in the user's language, shows no traceback, and recovers."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from store.db import buat_engine, jenis_gangguan
from store.pengguna import tambah_pengguna
from store.siapkan import muat_kampanye
from tampilan.teks import TEKS
from tests.conftest import ROOT_APP, port_bebas, sqlite_baru

SANDI = "sandi-yang-benar-1"
BIN_PG = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
JEJAK = re.compile(r"Traceback|OperationalError|DatabaseError|psycopg|sqlalchemy|Connection refused|File \"/|\.py\b|port \d{4,5}")


class ClusterPribadi:
    """A PostgreSQL cluster of its own (own folder, own port), started and stopped by the test, never the shared server."""

    def __init__(self):
        self.bin = BIN_PG[-1]
        self.folder = Path(tempfile.mkdtemp(prefix="pantau-pg-"))
        self.port = port_bebas()
        os.chmod(self.folder, 0o777)
        self._sebagai_postgres(str(self.bin / "initdb"), "-D", str(self.folder / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _sebagai_postgres(self, *perintah: str) -> None:
        awal = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*awal, *perintah], check=True, capture_output=True, timeout=120)

    def mulai(self) -> None:
        pilihan = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._sebagai_postgres(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-o", pilihan, "-l", str(self.folder / "log"), "-w", "start")

    def henti(self) -> None:
        self._sebagai_postgres(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def hapus(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.henti()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(kampanye_kecil):
    if not BIN_PG or (os.geteuid() == 0 and shutil.which("runuser") is None):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    c = ClusterPribadi()
    c.mulai()
    eng = buat_engine(c.url)
    muat_kampanye(eng, kampanye_kecil)
    tambah_pengguna(eng, "admin", SANDI, "admin", ["*"])
    eng.dispose()
    yield c
    c.hapus()


def _semua_teks(at) -> str:
    bagian = [e.value for e in (*at.title, *at.markdown, *at.caption, *at.error, *at.warning, *at.info, *at.exception) if isinstance(e.value, str)]
    return "\n".join(bagian)


def _buka(monkeypatch, url: str, masuk: bool = True, bahasa: str = "id"):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PANTAU_DB_URL", url)
    monkeypatch.setenv("PANTAU_LOGIN", "1" if masuk else "0")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(ROOT_APP, default_timeout=120)
    at.query_params["tanggal"] = "2022-11-05"
    at.query_params["lang"] = bahasa
    at.run()
    return at


def test_postgresql_mati_pesan_ramah_lalu_pulih(cluster, monkeypatch):
    at = _buka(monkeypatch, cluster.url)
    at.text_input(key="masuk_nama").input("admin")
    at.text_input(key="masuk_sandi").input(SANDI)
    at.button[0].click().run()
    assert not at.exception and at.metric, at.exception
    cluster.henti()
    try:
        at.run()  # a signed-in user's page reads the user row on every run: the outage shows at once
        assert not at.exception, at.exception
        assert [e.value for e in at.error] == [TEKS["db_putus"]["id"]]
        assert not JEJAK.search(_semua_teks(at)), _semua_teks(at)
        assert not at.metric
        at.segmented_control(key="lang").set_value("en").run()
        assert [e.value for e in at.error] == [TEKS["db_putus"]["en"]] and not at.exception
    finally:
        cluster.mulai()
    at.run()  # the database is back: the same session goes on, still signed in
    assert not at.exception and not at.error and at.metric


def test_masuk_saat_postgresql_mati(cluster, monkeypatch):
    at = _buka(monkeypatch, cluster.url)
    cluster.henti()
    try:
        at.text_input(key="masuk_nama").input("admin")
        at.text_input(key="masuk_sandi").input(SANDI)
        at.button[0].click().run()
        assert not at.exception, at.exception
        assert TEKS["db_putus"]["id"] in [e.value for e in at.error] and not JEJAK.search(_semua_teks(at))
    finally:
        cluster.mulai()


def test_berkas_sqlite_rusak(kampanye_kecil, tmp_path, monkeypatch):
    # a database of its own: opening and closing a live SQLite file from another handle in the same process
    # (a copy of the shared test database) drops that process's locks on it, which SQLite warns corrupts it
    rusak = tmp_path / "rusak.sqlite"
    eng = sqlite_baru(rusak, kampanye_kecil)
    eng.dispose()
    with rusak.open("r+b") as f:
        f.write(b"bukan basis data " * 8)  # the header is gone: 'file is not a database'
    at = _buka(monkeypatch, f"sqlite:///{rusak}", masuk=False)
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [TEKS["db_rusak"]["id"]]
    assert not JEJAK.search(_semua_teks(at)), _semua_teks(at)


def test_jenis_gangguan():
    rusak = sqlite3.DatabaseError("database disk image is malformed")
    assert jenis_gangguan(OperationalError("SELECT 1", {}, rusak)) == "db_rusak"
    assert jenis_gangguan(OperationalError("SELECT 1", {}, sqlite3.OperationalError("unable to open database file"))) == "db_putus"
    assert jenis_gangguan(OperationalError("SELECT 1", {}, sqlite3.OperationalError("no such table: wilayah"))) is None  # a bug, not an outage
    assert jenis_gangguan(ValueError("x")) is None and jenis_gangguan(KeyError("db")) is None
    try:
        raise RuntimeError("wrapped") from ConnectionRefusedError()
    except RuntimeError as exc:
        assert jenis_gangguan(exc) is None


playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian chromium (/usr/bin/chromium) is not installed")
def test_peramban_pulih_sendiri_saat_basis_data_kembali(cluster):
    """Served with production settings: no error detail in the browser, and the page comes back by itself."""
    from tests.peramban import ARGS, CHROMIUM, server_app

    cluster.henti()
    try:
        with server_app(cluster.url) as url, playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{url}/?tanggal=2022-11-05", timeout=120_000)
            page.get_by_text(TEKS["db_putus"]["id"]).wait_for(timeout=60_000)
            teks = page.locator("body").inner_text()
            assert not JEJAK.search(teks), teks
            cluster.mulai()
            page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)  # no reload: the page retried by itself
            assert TEKS["db_putus"]["id"] not in page.locator("body").inner_text()
            browser.close()
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.mulai()
