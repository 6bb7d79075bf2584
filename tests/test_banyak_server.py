"""Two app servers behind HAProxy with sticky sessions against one PostgreSQL database, in a real browser."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from store.siapkan import muat_kampanye
from tests.conftest import PG_URL, engine_pg_baru, hapus_skema_pg

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.skipif(shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists(), reason="haproxy is not installed (apt install haproxy)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium (/usr/bin/chromium) is not installed"),
]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_bersama(kampanye_kecil):
    """The small campaign in a private PostgreSQL schema, and a URL that reaches it from another process."""
    eng, skema = engine_pg_baru()
    muat_kampanye(eng, kampanye_kecil)
    yield f"{PG_URL}?options=-csearch_path%3D{skema}"
    hapus_skema_pg(eng, skema)


def test_dua_server_di_belakang_haproxy(pg_bersama):
    sys.path.insert(0, str(ROOT))
    from deploy.banyak_server import jalankan

    with jalankan(2, _port(), _port(), env={"PANTAU_DB_URL": pg_bersama, "PANTAU_LOGIN": "0"}) as alamat:
        server = []
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            for _ in range(2):  # two browsers (separate cookie jars) are spread over the two servers
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                page.goto(f"{alamat}/peringkat?tanggal=2022-11-05", timeout=120_000)
                page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=90_000)
                kue = {c["name"]: c["value"] for c in ctx.cookies()}
                server.append(kue.get("PANTAU_SERVER"))
                page.get_by_role("radio", name="Desa/kelurahan").click()  # a rerun over the same websocket
                page.wait_for_timeout(500)
                unduh = None
                for _ in range(4):  # on a loaded machine the rerun may start after the wait: a click on the button it
                    # then replaces asks for a file the new run has released, and no download comes; click the new one
                    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)  # the rerun has finished
                    page.wait_for_timeout(500)
                    try:
                        with page.expect_download(timeout=30_000) as unduh:  # a file kept by the session's own server
                            page.get_by_role("button", name="Unduh CSV").click()
                    except playwright.TimeoutError:
                        unduh = None
                        continue
                    if "-desa-" in unduh.value.suggested_filename:
                        break
                assert unduh is not None and "-desa-" in unduh.value.suggested_filename  # the button of the finished rerun, not a stale one
                isi = Path(unduh.value.path()).read_bytes().decode("utf-8-sig")
                assert isi.splitlines()[0].startswith("DATA DEMO,Kode") and len(isi.splitlines()) > 20  # demo data marked in every row
            browser.close()
        assert sorted(server) == ["app1", "app2"]
        beban = subprocess.run(
            [sys.executable, "scripts/uji_beban.py", alamat, "--sesi", "8", "--detik", "8", "--jeda", "0.5"], cwd=ROOT, capture_output=True, text=True, timeout=180
        )
        assert beban.returncode == 0, beban.stdout + beban.stderr
        assert "errors 0" in beban.stdout
