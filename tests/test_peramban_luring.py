"""Real-browser test that the app asks no host but its own: map glyphs, fonts, styles and scripts are all served by it."""

from __future__ import annotations

import playwright.sync_api as playwright
import pytest

from tests.peramban import ADA_CHROMIUM, ARGS, CHROMIUM, server_app, tunggu_selesai

pytestmark = ADA_CHROMIUM


@pytest.fixture(scope="module")
def server(sqlite_kecil):
    with server_app(str(sqlite_kecil.url)) as url:
        yield url


@pytest.mark.parametrize(
    "jalur",
    [
        "/?mode=rapat&tampil=peta&tanggal=2022-11-05",  # a named map: its labels need glyphs
        "/?tanggal=2022-11-05",
        "/bantuan?tanggal=2022-11-01",
        "/kualitas?tanggal=2022-11-05",
    ],
)
def test_tidak_ada_permintaan_ke_luar(server, jalur):
    """Every request of the page goes to the app's own host; the named map's glyphs load from it."""
    host = server.split("/")[2]
    diminta, gagal = [], []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.on("request", lambda r: diminta.append(r.url))
        page.on("requestfailed", lambda r: gagal.append(r.url))
        page.goto(server + jalur, timeout=120_000)
        tunggu_selesai(page)
        page.wait_for_timeout(4000)  # map tiles, glyphs and layers load after the script ends
        browser.close()
    luar = [u for u in diminta if not u.startswith(("data:", "blob:")) and u.split("/")[2] != host]
    assert not luar, luar
    assert not gagal, gagal
    if "mode=rapat" in jalur:
        assert any("/app/static/glyphs/" in u for u in diminta)  # the labels' glyphs came from the app
