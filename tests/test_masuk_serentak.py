"""Parallel sign-in attempts through the running app (one server, and two behind HAProxy) get at most the allowed checks."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest

from store.pengguna import GAGAL_MAKS_ALAMAT, GAGAL_MAKS_NAMA, hapus_jeda, tambah_pengguna
from store.siapkan import muat_kampanye
from tests.conftest import PG_URL, ROOT, engine_pg_baru, hapus_skema_pg, port_bebas

pytest.importorskip("websockets", reason="websockets is not installed")
pytestmark = pytest.mark.skipif(shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists(), reason="haproxy is not installed (apt install haproxy)")
SANDI = "sandi-yang-benar-1"
SERENTAK = 24


@pytest.fixture(scope="module")
def dua_server(kampanye_kecil):
    """Two app servers with logins on and HAProxy in front, on one PostgreSQL schema: (proxy, first server, engine)."""
    sys.path.insert(0, str(ROOT))
    from deploy.banyak_server import jalankan

    eng, skema = engine_pg_baru()
    muat_kampanye(eng, kampanye_kecil)
    tambah_pengguna(eng, "bupati", SANDI, "pimpinan", ["*"])
    url = f"{PG_URL}?options=-csearch_path%3D{skema}"
    port_app = port_bebas()
    with jalankan(2, port_bebas(), port_app, env={"PANTAU_DB_URL": url, "PANTAU_LOGIN": "1"}) as alamat:
        yield alamat, f"http://127.0.0.1:{port_app}", eng
    hapus_skema_pg(eng, skema)


def _coba(alamat: str, n: int, nama: str, sandi: str) -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from uji_masuk import coba

    return asyncio.run(coba(alamat, n, nama, sandi))


@pytest.mark.parametrize("lewat", ["satu_server", "proxy"])
def test_masuk_serentak_dibatasi(dua_server, lewat):
    proxy, satu, eng = dua_server
    alamat = proxy if lewat == "proxy" else satu
    hapus_jeda(eng)
    hasil = _coba(alamat, SERENTAK, "bupati", "salah-sandi-123")
    assert hasil.count("diperiksa") == GAGAL_MAKS_NAMA and hasil.count("dijeda") == SERENTAK - GAGAL_MAKS_NAMA, hasil
    assert _coba(alamat, 1, "bupati", SANDI) == ["dijeda"]  # the right password after the burst: still paused
    hapus_jeda(eng, "bupati")
    assert _coba(alamat, 1, "bupati", SANDI) == ["masuk"]


def test_alamat_klien_dihitung_di_belakang_proxy(dua_server):
    """Behind the proxy every session comes from 127.0.0.1 as far as Streamlit sees: the address counted is the
    one HAProxy appends to X-Forwarded-For, so guesses at many names from one client are paused too."""
    proxy, _, eng = dua_server
    hapus_jeda(eng)
    hasil = asyncio.run(_banyak_nama(proxy, GAGAL_MAKS_ALAMAT + 6))
    assert hasil.count("diperiksa") == GAGAL_MAKS_ALAMAT and hasil.count("dijeda") == 6, hasil


async def _banyak_nama(alamat: str, n: int) -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from uji_masuk import coba

    hasil = await asyncio.gather(*(coba(alamat, 1, f"tebakan{i}", "salah-sandi-123") for i in range(n)))
    return [h for daftar in hasil for h in daftar]
