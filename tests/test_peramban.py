"""Real-browser test: the served app paints its map offline, and a click on a kecamatan opens its desa."""

from __future__ import annotations

import sys
import urllib.request

import pytest

from tests.conftest import sqlite_baru
from tests.peramban import ADA_CHROMIUM, ARGS, ARTEFAK, CHROMIUM, halaman, pilih_tanggal, playwright, porsi_berwarna, server_app, tunggu_selesai

pytestmark = ADA_CHROMIUM


@pytest.fixture(scope="module")
def server(sqlite_kecil):
    with server_app(str(sqlite_kecil.url)) as url:
        yield url


def test_peta_tergambar_dan_klik_membuka_desa(server, kampanye_kecil):
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    galat: list[str] = []
    with halaman(server) as page:
        page.on("console", lambda m: m.type == "error" and galat.append(m.text))
        peta = page.locator(".js-plotly-plot").first
        peta.wait_for(timeout=60_000)
        page.wait_for_timeout(2500)  # let MapLibre paint
        peta.screenshot(path=str(ARTEFAK / "peta-kecamatan.png"))
        page.screenshot(path=str(ARTEFAK / "ringkasan.png"), full_page=True)
        assert porsi_berwarna(ARTEFAK / "peta-kecamatan.png") > 0.15, "the kecamatan map painted (almost) nothing"
        assert kampanye_kecil.geografi.kabupaten["nama"].iloc[0] in page.locator("h1").first.inner_text()

        kotak = peta.locator(".maplibregl-canvas, canvas").first.bounding_box()
        page.mouse.click(kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2)
        page.wait_for_function("() => document.querySelector('h1') && document.querySelector('h1').innerText.includes('Kecamatan')", timeout=30_000)
        tunggu_selesai(page)
        page.wait_for_timeout(2500)
        judul = page.locator("h1").first.inner_text()
        assert any(n in judul for n in kampanye_kecil.geografi.kecamatan["nama"])
        page.locator(".js-plotly-plot").first.screenshot(path=str(ARTEFAK / "peta-desa.png"))
        page.screenshot(path=str(ARTEFAK / "ringkasan-kecamatan.png"), full_page=True)
        assert porsi_berwarna(ARTEFAK / "peta-desa.png") > 0.15, "the desa map painted (almost) nothing"
    assert not [g for g in galat if "plotly" in g.lower() or "maplibre" in g.lower()], galat


def test_peringkat_dan_peta_bergerak(server):
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    with halaman(f"{server}/peringkat?tanggal=2022-11-05") as page:
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTEFAK / "peringkat.png"), full_page=True)
        assert "Peringkat wilayah" in page.locator("h1").first.inner_text()

        page.get_by_role("link", name="Perkembangan").click()
        page.wait_for_function("() => document.querySelector('h1') && document.querySelector('h1').innerText.startsWith('Perkembangan')", timeout=60_000)
        tunggu_selesai(page)
        assert "tanggal=2022-11-05" in page.url  # the date follows the user to the next page
        peta = page.locator(".js-plotly-plot").first
        peta.wait_for(timeout=60_000)
        page.wait_for_timeout(2500)
        peta.screenshot(path=str(ARTEFAK / "peta-bergerak.png"))
        assert porsi_berwarna(ARTEFAK / "peta-bergerak.png") > 0.1, "the animated map painted (almost) nothing"
        n_hari = peta.evaluate("d => d._fullLayout.sliders[0].steps.length")
        assert n_hari == 22
        page.get_by_text("▶ Putar").click()
        page.wait_for_timeout(2000)
        aktif = peta.evaluate("d => d._fullLayout.sliders[0].active")
        assert 0 < aktif < n_hari - 1, "pressing play did not move through the days"
        peta.screenshot(path=str(ARTEFAK / "peta-bergerak-main.png"))


def test_halaman_petugas(server):
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    with halaman(f"{server}/petugas?tanggal=2022-11-05") as page:
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        assert page.locator("h1").first.inner_text().startswith("Petugas")
        page.screenshot(path=str(ARTEFAK / "petugas.png"), full_page=True)
        page.get_by_role("tab", name="Grafik").click()
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTEFAK / "petugas-grafik.png"), full_page=True)


def test_unggah_berkas_di_peramban_lalu_simpan(kampanye_kecil, tmp_path):
    """A user uploads a messy export in the browser, reads the preview, saves, and the rows are in the database."""
    from sqlalchemy import func, select

    from store import schema as sk

    ARTEFAK.mkdir(parents=True, exist_ok=True)
    eng = sqlite_baru(tmp_path / "unggah.sqlite", kampanye_kecil)
    b = kampanye_kecil.tabel["beban"].iloc[0]
    berkas = tmp_path / "keluarga_susulan.csv"
    baris = [
        "id_keluarga;kode_sls;id_ppl;tanggal;hasil",
        *[f"SUSULAN-{i};{b.kode_sls};{b.id_ppl};0{1 + i % 9}/11/2022;1" for i in range(12)],
        f"X;{b.kode_sls};{b.id_ppl};31/11/2022;1",
    ]
    berkas.write_bytes(("\ufeff" + "\r\n".join(baris)).encode("utf-8"))
    with server_app(str(eng.url), PANTAU_IZINKAN_IMPOR="1") as url, halaman(url + "/impor", 1400, 1600) as page:
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.wait_for(state="attached", timeout=60_000)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(berkas))
        page.locator('[data-testid="stFileChipName"]').first.wait_for(state="attached", timeout=60_000)  # the upload arrived
        try:
            page.get_by_text("Pratinjau (belum disimpan)").wait_for(timeout=30_000)
        except Exception:
            # Seen at times since issue 28 (not in the tree before it): the file's chip shows, then the uploader comes
            # back empty with no preview. A user drops the file again; so does the test, once, and every assertion
            # below still holds. The race itself is an open finding (see the closing note of issue 28).
            print("the upload vanished once; dropping the file again", file=sys.stderr)
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(berkas))
        try:
            page.get_by_text("Pratinjau (belum disimpan)").wait_for(timeout=120_000)
        except Exception:
            page.screenshot(path=str(ARTEFAK / "impor-pratinjau-gagal.png"), full_page=True)
            print("--- page text ---\n" + page.locator("body").inner_text()[-3000:], file=sys.stderr)
            raise
        tunggu_selesai(page)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTEFAK / "impor-pratinjau.png"), full_page=True)
        assert page.locator('[data-testid="stMetricValue"]').all_inner_texts() == ["13", "12", "0", "0", "0", "1"]  # read, load, replace, stored, superseded, rejected
        page.get_by_role("button", name="Simpan ke basis data").click()
        page.get_by_text("12 baris dimuat").wait_for(timeout=60_000)
    with eng.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sk.keluarga).where(sk.keluarga.c.id_keluarga.like("SUSULAN-%"))).scalar_one() == 12
    eng.dispose()


def _ukuran_huruf(page, selektor: str) -> list[float]:
    return page.eval_on_selector_all(selektor, "es => es.map(e => parseFloat(getComputedStyle(e).fontSize))")


def test_mode_rapat_1920x1080(server, kampanye_kecil):
    """Meeting mode on a projector-sized screen: no sidebar, key numbers >= 48 px, labels >= 24 px, clock, map painted, rotation."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    with halaman(f"{server}/?mode=rapat&tampil=peta,peringkat&putar=6&segar=0&tanggal=2022-11-05", 1920, 1080) as page:
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        page.wait_for_timeout(2500)
        page.screenshot(path=str(ARTEFAK / "rapat-1920x1080.png"))
        assert "/rapat" in page.url
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        angka = _ukuran_huruf(page, "[data-testid='stMetricValue'] p")
        label = _ukuran_huruf(page, "[data-testid='stMetricLabel'] p")
        assert len(angka) == 5 and min(angka) >= 48 and min(label) >= 24, (angka, label)
        assert page.locator(".jam-rapat").inner_text().strip()[:5].replace(":", "").isdigit()
        assert kampanye_kecil.geografi.kabupaten["nama"].iloc[0] in page.locator(".judul-rapat").inner_text()
        assert "5 Nov 2022" in page.locator(".stempel-rapat").inner_text()
        page.locator(".js-plotly-plot").first.screenshot(path=str(ARTEFAK / "rapat-peta.png"))
        assert porsi_berwarna(ARTEFAK / "rapat-peta.png") > 0.15, "the meeting map painted (almost) nothing"
        lebar_isi = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth")
        assert lebar_isi <= 1920
        # rotation: after about 6 s the next view (the ranking, no map) replaces the map
        page.wait_for_function("() => !document.querySelector('.js-plotly-plot .maplibregl-canvas')", timeout=30_000)
        tunggu_selesai(page)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTEFAK / "rapat-peringkat-1920x1080.png"))
        assert page.locator(".js-plotly-plot").count() == 1


AGEN_PONSEL = "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"


def test_ringkasan_di_ponsel_390(server, kampanye_kecil):
    """The overview on a 390 px phone: nothing wider than the screen, figures two to a row, the map painted whole."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    with halaman(f"{server}/?tanggal=2022-11-05", 390, 844, agen=AGEN_PONSEL) as page:
        page.locator("[data-testid='stMetric']").first.wait_for(timeout=60_000)
        page.wait_for_timeout(2000)
        page.screenshot(path=str(ARTEFAK / "ringkasan-390x844.png"))
        assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth") <= 390
        kotak = [page.locator("[data-testid='stMetric']").nth(i).bounding_box() for i in range(5)]
        assert kotak[0]["y"] == kotak[1]["y"] and kotak[0]["width"] < 200  # two to a row
        assert all(k["x"] >= 0 and k["x"] + k["width"] <= 390 for k in kotak)
        assert min(_ukuran_huruf(page, "[data-testid='stMetricValue'] p")) >= 24
        peta = page.locator(".js-plotly-plot").first
        peta.scroll_into_view_if_needed()
        page.wait_for_timeout(2500)
        peta.screenshot(path=str(ARTEFAK / "ponsel-peta.png"))
        k = peta.bounding_box()
        assert k["width"] <= 390 and porsi_berwarna(ARTEFAK / "ponsel-peta.png") > 0.10


def test_tautan_dalam_meminta_login_lalu_membuka_halamannya(sqlite_kecil, kampanye_kecil):
    """With logins on, a shared link to a page asks for the password, then opens that page in the user's scope."""
    from store.pengguna import hapus_pengguna, tambah_pengguna

    kec = kampanye_kecil.geografi.kecamatan.iloc[0]
    tambah_pengguna(sqlite_kecil, "camat.uji", "rahasia-panjang-1", "pimpinan", [kec["kode"]])
    try:
        with server_app(str(sqlite_kecil.url), PANTAU_LOGIN="1") as url, halaman(f"{url}/peringkat?tanggal=2022-11-05") as page:
            page.get_by_label("Nama pengguna").fill("camat.uji")
            page.get_by_label("Kata sandi").fill("rahasia-panjang-1")
            page.get_by_role("button", name="Masuk").click()
            try:
                page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
            except playwright.TimeoutError:
                log = "\n".join(p.read_text(errors="replace")[-1500:] for p in ARTEFAK.glob("server-*.log"))
                pytest.fail("no table after signing in; the page says: " + page.locator("body").inner_text()[:400] + "\nserver logs:\n" + log)
            assert not page.get_by_text("Page not found").count()
            judul = page.locator("h1").first.inner_text()
            assert "Peringkat" in judul and kec["nama"] in judul
            assert page.get_by_text("Masuk sebagai").count() == 1
    finally:
        hapus_pengguna(sqlite_kecil, "camat.uji")


def test_geometri_dikirim_sekali(server):
    """The map layer travels once (a static file the browser keeps); a rerun that changes the metric or the
    date sends only values over the websocket."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    diterima: list[int] = []
    muatan: list[bytes] = []
    ambil_geo: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1100})

        def _bingkai(isi) -> None:
            data = isi.encode() if isinstance(isi, str) else bytes(isi)
            diterima.append(len(data))
            muatan.append(data)

        page.on("websocket", lambda ws: ws.on("framereceived", _bingkai))
        page.on("request", lambda r: "app/static/geo/" in r.url and ambil_geo.append(r.url))
        page.goto(f"{server}/?tanggal=2022-11-05", timeout=120_000)
        tunggu_selesai(page)
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        page.wait_for_timeout(2000)
        awal = sum(diterima)
        assert len(ambil_geo) == 1
        ukuran_geo = len(urllib.request.urlopen(ambil_geo[0]).read())
        per_rerun = []
        for tombol in ("Capaian", "Status"):
            sebelum = sum(diterima)
            page.get_by_role("radio", name=tombol, exact=True).click()
            page.wait_for_timeout(2500)
            per_rerun.append(sum(diterima) - sebelum)
        sebelum = sum(diterima)
        pilih_tanggal(page, "1 Nov 2022")
        page.wait_for_function("() => document.body.innerText.includes('1 Nov 2022')", timeout=30_000)
        page.wait_for_timeout(2500)
        per_rerun.append(sum(diterima) - sebelum)
        page.locator(".js-plotly-plot").first.screenshot(path=str(ARTEFAK / "peta-setelah-ganti-tanggal.png"))
        browser.close()
    assert len(ambil_geo) == 1, ambil_geo  # fetched once, not again on any rerun
    assert ukuran_geo > 1000 and all(b > 0 for b in per_rerun), (per_rerun, ukuran_geo, awal)
    assert not [m for m in muatan if b'"coordinates"' in m]  # no geometry ever travels over the websocket
    assert porsi_berwarna(ARTEFAK / "peta-setelah-ganti-tanggal.png") > 0.15


def test_bagikan_peta_dan_laporan_dari_peramban(server, kampanye_kecil):
    """The share buttons give a dated map PNG and the daily report PDF in one click each."""
    from PIL import Image

    ARTEFAK.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
        page.goto(f"{server}/?tanggal=2022-11-01", timeout=120_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        tunggu_selesai(page)  # a run still going shows the last run's disabled share button beside the new one
        page.get_by_role("button", name="Bagikan").click()
        berkas = {}
        for tombol in ("Gambar peta (PNG)", "Laporan harian (PDF)"):
            with page.expect_download(timeout=120_000) as unduh:
                page.get_by_role("button", name=tombol).click()
            tujuan = ARTEFAK / unduh.value.suggested_filename
            unduh.value.save_as(tujuan)
            berkas[tombol] = tujuan
        browser.close()
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    assert berkas["Gambar peta (PNG)"].name == f"peta-DATA-DEMO-regsosek-{kab}-2022-11-01.png"  # the test campaign is demo data
    assert Image.open(berkas["Gambar peta (PNG)"]).size == (1600, 1200)
    assert berkas["Laporan harian (PDF)"].read_bytes().startswith(b"%PDF")
