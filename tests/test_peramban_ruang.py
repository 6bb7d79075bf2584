"""Real-browser tests of the rooms in docs/DEFINISI.md: the meeting view fits every projector, and phones."""

from __future__ import annotations

import pytest

from tests.peramban import ADA_CHROMIUM, ARTEFAK, halaman, porsi_berwarna, server_app, tunggu_selesai

pytestmark = ADA_CHROMIUM

PROYEKTOR = [(1024, 768), (1280, 720), (1366, 768), (1600, 900), (1920, 1080), (3840, 2160)]
AGEN_PONSEL = "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
UKUR = """() => {
  const se = document.scrollingElement, main = document.querySelector('[data-testid="stMain"]');
  const kotak = e => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, kanan: r.right, bawah: r.bottom, lebar: r.width, tinggi: r.height}; };
  return {
    tinggi: Math.max(se.scrollHeight, main.scrollHeight),
    lebar: Math.max(se.scrollWidth, main.scrollWidth),
    grafik: [...document.querySelectorAll('.js-plotly-plot')].map(kotak),
    angka: [...document.querySelectorAll('[data-testid="stMetricValue"] p')].map(e => ({
      teks: e.innerText, ...kotak(e), huruf: parseFloat(getComputedStyle(e).fontSize),
      kartu: kotak(e.closest('[data-testid="stMetric"]'))})),
  };
}"""


@pytest.fixture(scope="module")
def server(sqlite_kecil):
    with server_app(str(sqlite_kecil.url)) as url:
        yield url


def _buka_rapat(page, lebar: int, tinggi: int) -> dict:
    """Wait until the meeting view has been laid out for this window (the app reruns once the browser reports its size)."""
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    page.wait_for_function(
        f"() => [...document.querySelectorAll('.js-plotly-plot')].every(e => e._fullLayout && e._fullLayout.width <= {lebar})",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)
    tunggu_selesai(page)
    page.wait_for_timeout(2500)  # MapLibre paints
    return page.evaluate(UKUR)


@pytest.mark.parametrize(("lebar", "tinggi"), PROYEKTOR, ids=[f"{w}x{h}" for w, h in PROYEKTOR])
def test_rapat_utuh_di_setiap_proyektor(server, lebar, tinggi):
    """The whole meeting view fits the screen without scrolling, the map inside it and painted, big numbers on one line,
    type in proportion to the screen (54 px key numbers on 1920x1080)."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    with halaman(f"{server}/?mode=rapat&tampil=peta&tanggal=2022-11-05", lebar, tinggi) as page:
        m = _buka_rapat(page, lebar, tinggi)
        page.screenshot(path=str(ARTEFAK / f"rapat-{lebar}x{tinggi}.png"))
        assert m["tinggi"] <= tinggi + 2, f"the page is {m['tinggi']} px tall on a {tinggi} px screen"
        assert m["lebar"] <= lebar + 2
        assert len(m["grafik"]) == 2
        for g in m["grafik"]:
            assert g["x"] >= -1 and g["y"] >= -1 and g["kanan"] <= lebar + 1 and g["bawah"] <= tinggi + 1, g
        page.locator(".js-plotly-plot").first.screenshot(path=str(ARTEFAK / f"rapat-peta-{lebar}x{tinggi}.png"))
        assert porsi_berwarna(ARTEFAK / f"rapat-peta-{lebar}x{tinggi}.png") > 0.05, "the map painted (almost) nothing"
        skala = min(lebar / 1920, tinggi / 1080)
        assert len(m["angka"]) == 5
        for a in m["angka"]:
            assert a["tinggi"] < 1.6 * a["huruf"], f"{a['teks']!r} wraps"
            assert a["kanan"] <= a["kartu"]["kanan"] + 1, f"{a['teks']!r} runs out of its card"
            assert a["huruf"] >= 0.9 * 54 * skala, a


@pytest.mark.parametrize(("lebar", "tinggi"), [(1024, 768), (1920, 1080)], ids=["1024x768", "1920x1080"])
def test_rapat_rencana_bantuan_utuh(server, lebar, tinggi):
    """The help plan's meeting view fits the screen, its before/after chart and table both painted."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    with halaman(f"{server}/?mode=rapat&tampil=bantuan&tanggal=2022-11-01", lebar, tinggi) as page:
        m = _buka_rapat(page, lebar, tinggi)
        page.screenshot(path=str(ARTEFAK / f"rapat-bantuan-{lebar}x{tinggi}.png"))
        assert m["tinggi"] <= tinggi + 2 and m["lebar"] <= lebar + 2
        assert len(m["grafik"]) == 2
        for i, g in enumerate(m["grafik"]):
            assert g["x"] >= -1 and g["y"] >= -1 and g["kanan"] <= lebar + 1 and g["bawah"] <= tinggi + 1, g
            page.locator(".js-plotly-plot").nth(i).screenshot(path=str(ARTEFAK / f"rapat-bantuan-{i}-{lebar}x{tinggi}.png"))
            assert porsi_berwarna(ARTEFAK / f"rapat-bantuan-{i}-{lebar}x{tinggi}.png") > 0.005, "a chart painted nothing"
        assert page.get_by_text("Rencana bantuan:").count() == 1


def test_rapat_di_ponsel_bertumpuk_tanpa_terpotong(server):
    """On a 390 px phone the meeting view stacks and scrolls; nothing is wider than the screen or cut."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    with halaman(f"{server}/?mode=rapat&tampil=peta&tanggal=2022-11-05", 390, 844, agen=AGEN_PONSEL) as page:
        m = _buka_rapat(page, 390, 844)
        page.screenshot(path=str(ARTEFAK / "rapat-ponsel-390x844.png"))
        assert m["lebar"] <= 390
        assert len(m["grafik"]) == 2
        peta, batang = m["grafik"]
        assert batang["y"] >= peta["bawah"] - 1, "the map and the list stack"
        for g in m["grafik"]:
            assert g["x"] >= 0 and g["kanan"] <= 390, g
        for a in m["angka"]:
            assert a["tinggi"] < 1.6 * a["huruf"] and a["kanan"] <= a["kartu"]["kanan"] + 1, a
            assert a["huruf"] >= 24


def test_rapat_menyesuaikan_saat_jendela_berubah(server):
    """A projector plugged in after the page opened: the view is laid out again for the new size, without a reload."""
    with halaman(f"{server}/?mode=rapat&tampil=peta&tanggal=2022-11-05", 1920, 1080) as page:
        _buka_rapat(page, 1920, 1080)
        page.evaluate("() => { window.__belumDimuatUlang = true; }")
        page.set_viewport_size({"width": 1024, "height": 768})
        m = _buka_rapat(page, 1024, 768)
        assert page.evaluate("() => window.__belumDimuatUlang === true"), "the page reloaded"
        assert m["tinggi"] <= 770 and all(g["kanan"] <= 1025 and g["bawah"] <= 769 for g in m["grafik"]), m


def _param(page) -> dict[str, str]:
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(page.url).query))


def _muat_ulang(page) -> None:
    page.reload(timeout=120_000)
    tunggu_selesai(page)
    page.wait_for_timeout(1500)


def test_tautan_rapat_tetap_setelah_dimuat_ulang(server):
    """/?mode=rapat&tanggal=…&lang=en opens the meeting screen on that day in English, and a reload keeps all three."""
    with halaman(f"{server}/?mode=rapat&tanggal=2022-11-01&lang=en", 1920, 1080) as page:
        for _ in range(2):
            page.locator(".stempel-rapat").wait_for(timeout=60_000)
            tunggu_selesai(page)
            assert "/rapat" in page.url
            assert {"mode": "rapat", "tanggal": "2022-11-01", "lang": "en"}.items() <= _param(page).items(), page.url
            assert "Data as of the end of 1 Nov 2022" in page.locator(".stempel-rapat").inner_text()
            assert page.locator("[data-testid='stMetricLabel']").first.inner_text() == "Completion"
            _muat_ulang(page)


def test_tautan_halaman_tetap_lewat_navigasi_dan_muat_ulang(server, kampanye_kecil):
    """A link keeps its area, date and language through the sidebar's page links and a reload, in the short form
    (codes, ISO date, lang=en); a kecamatan given by name is rewritten to its code."""
    kec = kampanye_kecil.geografi.kecamatan.iloc[1]
    with halaman(f"{server}/peringkat?lang=en&tanggal=2022-11-01&kec={kec['nama'].replace(' ', '+')}", 1600, 1000) as page:
        page.locator("h1").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)  # the run after the window's size is reported: a page link clicked while it is queued was seen undone
        tunggu_selesai(page)
        assert page.locator("h1").first.inner_text() == f"Area rankings: {kec['nama']}"
        harap = {"lang": "en", "tanggal": "2022-11-01", "kec": kec["kode"], "kab": kec["kode"][:4]}
        assert harap.items() <= _param(page).items(), page.url
        page.locator("[data-testid='stSidebarNav'] a", has_text="Coverage").click()
        page.wait_for_url("**/cakupan**", timeout=60_000)
        tunggu_selesai(page)
        page.wait_for_timeout(1500)
        assert harap.items() <= _param(page).items(), page.url
        _muat_ulang(page)
        assert harap.items() <= _param(page).items(), page.url
        assert kec["nama"] in page.locator("h1").first.inner_text() and page.locator("h1").first.inner_text().startswith("Coverage")
        hari = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="As of the end of").first
        assert hari.locator("input").input_value() == "Tue, 1 Nov 2022"  # the chosen day, written in English


def _kotak_samping(page) -> list[str]:
    """What the sidebar's select boxes show (area, day, kecamatan)."""
    return [k.locator("input").input_value() for k in page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").all()]


def test_pilihan_bahasa_ditulis_sebagai_kode(server):
    """Choosing English writes lang=en into the address (not the label), and Indonesian, the default, removes it.
    The chosen day and the 'all' choice stay, in the new language's words, also after a later run: a select box
    sends its choice as its label, and the browser held the old language's label, so the run after the switch
    (here: the window's size reported again) fell back to the newest day and dropped tanggal from the address."""
    with halaman(f"{server}/?tanggal=2022-11-01", 1600, 1000) as page:
        page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(2).wait_for(timeout=60_000)
        assert _kotak_samping(page)[1:] == ["Sel, 1 Nov 2022", "Semua kecamatan"]
        for tombol, bahasa, kotak in (("English", "en", ["Tue, 1 Nov 2022", "All districts"]), ("Indonesia", None, ["Sel, 1 Nov 2022", "Semua kecamatan"])):
            page.locator("[data-testid='stSidebar'] button", has_text=tombol).click()
            page.wait_for_function(f"() => location.search.includes('lang=en') === {str(bahasa == 'en').lower()}", timeout=30_000)
            tunggu_selesai(page)
            page.wait_for_timeout(1000)
            assert _param(page).get("lang") == bahasa and _param(page).get("tanggal") == "2022-11-01", page.url
            assert _kotak_samping(page)[1:] == kotak
            page.set_viewport_size({"width": 1500 if bahasa else 1600, "height": 1000})  # the size is reported: one more run
            page.wait_for_timeout(1500)
            tunggu_selesai(page)
            assert _param(page).get("lang") == bahasa and _param(page).get("tanggal") == "2022-11-01", page.url
            assert _kotak_samping(page)[1:] == kotak


TABEL = """() => [...document.querySelectorAll("[data-testid='stDataFrame']")].map(e => {
  const s = e.querySelector('.dvn-scroller') || e;
  return {wadah: e.getBoundingClientRect().width, isi: s.scrollWidth, tampak: s.clientWidth};
})"""


@pytest.mark.parametrize("jalur", ["/", "/peringkat", "/petugas"])
@pytest.mark.parametrize(("lebar", "tinggi"), [(1366, 768), (1600, 1000), (390, 844)], ids=["1366x768", "1600x1000", "390x844"])
def test_tabel_muat_lebarnya(server, jalur, lebar, tinggi):
    """Every table on the overview, the rankings and the officers page fits its container: no column cut at the
    right edge, nothing to scroll sideways (the columns a narrow screen leaves out are in the downloads)."""
    with halaman(f"{server}{jalur}?tanggal=2022-11-05", lebar, tinggi, agen=AGEN_PONSEL if lebar < 640 else None) as page:
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
        page.wait_for_timeout(2500)  # the browser reports its size; the app reruns and fits the tables to it
        tunggu_selesai(page)
        tabel = page.evaluate(TABEL)
        assert tabel
        for t in tabel:
            assert t["isi"] <= t["tampak"] + 1 and t["wadah"] <= lebar, t


def test_ringkasan_peta_di_layar_pertama_bernama(server):
    """At 1600x1000 the overview's map lies within the first screen, with area names on it by default."""
    with halaman(f"{server}/?tanggal=2022-11-05", 1600, 1000) as page:
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        page.wait_for_timeout(2500)
        tunggu_selesai(page)
        peta = page.evaluate(
            "() => { const e = document.querySelector('.js-plotly-plot'); const r = e.getBoundingClientRect();"
            " return {atas: r.top, bawah: r.bottom, jejak: e.data.map(d => d.type), teks: (e.data.find(d => d.type === 'scattermap') || {}).text}; }"
        )
        assert peta["atas"] >= 0 and peta["bawah"] <= 1000, peta
        assert peta["jejak"][:2] == ["choroplethmap", "scattermap"] and len(peta["teks"]) > 0  # names on


PETA_BERGERAK = """() => {
  const e = document.querySelector('.js-plotly-plot'), kotak = s => [...e.querySelectorAll(s)].map(x => x.getBoundingClientRect());
  const nama = e.data.find(d => d.type === 'scattermap');
  return {lebar: e.getBoundingClientRect().width, tombol: kotak('.updatemenu-button'), rel: kotak('.slider-rail-rect'),
          nilai: kotak('.slider-group > .slider-label'), teks: nama ? nama.text : [], z: Array.from(e._fullData[0].z)};
}"""


@pytest.mark.parametrize(("lebar", "tinggi", "agen"), [(390, 844, AGEN_PONSEL), (1366, 768, None)], ids=["ponsel", "laptop"])
def test_peta_bergerak_bernama_dan_tombol_tidak_menimpa_penggeser(server, lebar, tinggi, agen):
    """The progress page's animated kecamatan map carries the area names (numbers keyed under it where there is no
    room), keeps them while it plays, and its play buttons sit left of the slider and its date, on a phone too."""
    with halaman(f"{server}/perkembangan?tanggal=2022-11-05", lebar, tinggi, agen=agen) as page:
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        page.wait_for_function(f"() => document.querySelector('.js-plotly-plot')._fullLayout.width <= {lebar}", timeout=60_000)
        page.wait_for_timeout(1500)
        tunggu_selesai(page)
        awal = page.evaluate(PETA_BERGERAK)
        assert awal["lebar"] <= lebar and len(awal["teks"]) > 0, awal
        kanan_tombol = max(b["right"] for b in awal["tombol"])
        assert kanan_tombol <= min(r["left"] for r in awal["rel"] + awal["nilai"]), awal  # the buttons cover neither the slider nor its date
        page.locator(".updatemenu-button").first.click()  # play
        page.wait_for_timeout(2500)
        main = page.evaluate(PETA_BERGERAK)
        assert main["z"] != awal["z"] and main["teks"] == awal["teks"], main  # other days' colours, the same names


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_setiap_halaman_di_ponsel_tanpa_galat(server, bahasa):
    """Every page of the navigation opened on a 390 px phone, in both languages: it runs to the end with no error
    box and nothing wider than the screen (a table scrolls inside its own frame)."""
    from dashboard.akses import HALAMAN

    with halaman(f"{server}/?tanggal=2022-11-05&lang={bahasa}", 390, 844, agen=AGEN_PONSEL) as page:
        for nama, _, _ in HALAMAN:
            page.goto(f"{server}/{nama}?tanggal=2022-11-05&lang={bahasa}", timeout=120_000)
            tunggu_selesai(page)
            page.wait_for_timeout(1000)  # the rerun once the browser has said its width
            tunggu_selesai(page)
            keadaan = page.evaluate(
                "() => ({galat: [...document.querySelectorAll('[data-testid=\"stException\"]')].map(e => e.innerText.slice(0, 300)),"
                " lebar: Math.max(document.scrollingElement.scrollWidth, document.querySelector('[data-testid=\"stMain\"]').scrollWidth)})"
            )
            assert not keadaan["galat"] and keadaan["lebar"] <= 391, (nama, keadaan)
