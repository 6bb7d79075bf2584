"""Real-browser test that the app asks no host but its own: map glyphs, fonts, styles and scripts are all served by it."""

from __future__ import annotations

import json
from pathlib import Path

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
    diminta, gagal, terbuka, selesai = [], [], set(), set()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.on("request", lambda r: (diminta.append(r.url), terbuka.add(r)))
        page.on("requestfinished", lambda r: (selesai.add(r.url), terbuka.discard(r)))
        page.on("requestfailed", lambda r: (gagal.append((r.url, r.failure)), terbuka.discard(r)))
        page.goto(server + jalur, timeout=120_000)
        tunggu_selesai(page)
        page.wait_for_timeout(4000)  # map tiles, glyphs and layers load after the script ends
        for _ in range(120):  # on a loaded machine the map may start its loads late: close only when none is in flight
            if not terbuka:
                break
            page.wait_for_timeout(500)
        browser.close()
    luar = [u for u in diminta if not u.startswith(("data:", "blob:")) and u.split("/")[2] != host]
    assert not luar, luar
    # a load the page itself cancelled (the map redrawn by a rerun while its style loaded) counts if it then loaded
    gagal = [(u, alasan) for u, alasan in gagal if not (alasan == "net::ERR_ABORTED" and u in selesai)]
    assert not gagal, gagal
    if "mode=rapat" in jalur:
        assert any("/app/static/glyphs/" in u for u in diminta)  # the labels' glyphs came from the app


def test_label_peta_tergambar_di_dalam_kotak_yang_diukur(tmp_path):
    """The map draws a label where the placement's model says (geodata.layar.kotak_label): the ink of a name written
    with the app's glyphs, at 56 px, lies inside the box the placement kept inside its area, centred on its point."""
    import functools
    import http.server
    import shutil
    import threading

    import numpy as np
    import plotly
    from PIL import Image

    from geodata.layar import kotak_label
    from tampilan import gaya
    from tampilan.figur import lebar_teks_peta

    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", tmp_path)
    (tmp_path / "glyphs").symlink_to(gaya.FOLDER_GLIF)
    gaya_peta = {"version": 8, "sources": {}, "layers": [{"id": "latar", "type": "background", "paint": {"background-color": "#fff"}}]}
    teks = ["Hjgx", "Wara Utara"]
    (tmp_path / "index.html").write_text(
        "<html><body style='margin:0'><div id='g'></div><script src='plotly.min.js'></script><script>"
        f"var g={json.dumps(gaya_peta)};g.glyphs=location.origin+'/glyphs/{{fontstack}}/{{range}}.pbf';"
        "Plotly.newPlot('g',[{type:'scattermap',lon:[-0.7,0.5],lat:[0,0],mode:'text',text:" + json.dumps(teks) + ","
        f"textfont:{{size:56,family:'{gaya.HURUF_PETA}',color:'#000'}}}}],"
        "{map:{style:g,center:{lon:0,lat:0},zoom:7},margin:{l:0,r:0,t:0,b:0},width:800,height:400,showlegend:false},{staticPlot:true});"
        "</script></body></html>",
        encoding="utf-8",
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 800, "height": 400})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            page.wait_for_timeout(4000)
            page.screenshot(path=str(tmp_path / "label.png"))
            browser.close()
    finally:
        server.shutdown()
    gelap = np.asarray(Image.open(tmp_path / "label.png").convert("L")) < 128
    skala = 512 * 2**7 / 360  # px per degree at zoom 7
    for lon, t in zip((-0.7, 0.5), teks, strict=True):
        x0, y0, x1, y1 = kotak_label(np.array([400 + lon * skala]), np.array([200.0]), lebar_teks_peta(t), 56)[0]
        kiri = int(x0) - 30
        sekitar = gelap[:, kiri : int(x1) + 30]  # the labels stand more than 60 px apart
        baris, kolom = np.flatnonzero(sekitar.any(axis=1)), np.flatnonzero(sekitar.any(axis=0)) + kiri
        assert len(baris), t  # drawn at all (the glyphs loaded)
        assert y0 - 1 <= baris.min() and baris.max() <= y1 + 1, (t, (baris.min(), baris.max()), (y0, y1))
        assert x0 - 1 <= kolom.min() and kolom.max() <= x1 + 1, (t, (kolom.min(), kolom.max()), (x0, x1))
        assert baris.max() - baris.min() > 0.6 * 56  # the size asked for, not a fallback's
