"""Meeting mode: options from the URL, the rotation/refresh timer, and the same numbers as the overview."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.tampilan_rapat import TAMPILAN, SetelanRapat, langkah
from tampilan import gaya
from tests.conftest import SHARED


def test_langkah_putar_dan_segar():
    s = SetelanRapat(tampilan=("peta", "peringkat"), putar_detik=60, segar_menit=5)
    assert langkah(1000.0, 1000.0, 1000.0, s) == (False, False)
    assert langkah(1059.0, 1000.0, 1000.0, s) == (False, False)
    assert langkah(1060.0, 1000.0, 1000.0, s) == (True, False)
    assert langkah(1300.0, 1290.0, 1000.0, s) == (False, True)
    assert langkah(9999.0, 0.0, 0.0, SetelanRapat(tampilan=("peta",), putar_detik=60, segar_menit=0)) == (False, False)  # one view, no refresh


def test_setelan_dari_url_dan_halaman_sama_dengan_ringkasan(buka_halaman):
    ringkasan = buka_halaman("dashboard/ringkasan.py")
    metrik = [(m.label, m.value, m.delta) for m in ringkasan.metric]
    at = buka_halaman("dashboard/rapat.py", mode="rapat", tampil="peringkat,salah", putar="abc", segar="9999")
    assert not at.exception
    assert [(m.label, m.value, m.delta) for m in at.metric] == metrik  # the same headline figures, the same text
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["type"] == "bar"  # the only valid view asked for: the ranking
    assert at.session_state["rapat_indeks"] == 0 and "peta" in TAMPILAN


def test_pengaturan_memulai_mode_rapat(buka_halaman):
    at = buka_halaman("dashboard/ringkasan.py")
    at.multiselect(key="rapat_pilih").set_value(["petugas"])
    at.number_input(key="rapat_putar").set_value(0)
    at.button[0].click().run()
    assert not at.exception
    assert at.query_params["mode"] == "rapat" and at.query_params["tampil"] == "petugas"
    assert any("PPL" in json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart"))


@pytest.mark.parametrize(("lebar", "tinggi"), [(1024, 768), (1280, 720), (1366, 768), (1600, 900), (1920, 1080), (3840, 2160), (390, 844)])
def test_tata_rapat_muat_di_layar(lebar, tinggi):
    """The meeting layout for a screen: charts fill what the header leaves, type in proportion, a phone stacks."""
    tata = gaya.tata_rapat(lebar, tinggi)
    assert tata.ponsel == (lebar < gaya.PONSEL_MAKS)
    if not tata.ponsel:
        assert tata.tinggi_grafik + round(gaya.KEPALA_RAPAT_SKALA * tata.skala + gaya.KEPALA_RAPAT_TETAP) == tinggi
        assert tata.tinggi_grafik >= 0.4 * tinggi and tata.lebar_kolom_peta + tata.lebar_kolom_daftar < lebar
        assert tata.px(gaya.HURUF_RAPAT_ANGKA) == round(54 * min(lebar / 1920, tinggi / 1080))
    assert tata.tema.tinggi_peta < tata.tinggi_grafik and tata.tema.lebar_peta <= tata.lebar_kolom_peta
    assert gaya.tata_rapat(*gaya.DESAIN_RAPAT) == gaya.RAPAT_BAWAAN


@pytest.mark.skipif(not (SHARED / "geodata" / "luwu_kecamatan.geojson").exists(), reason="../shared/geodata is absent")
@pytest.mark.parametrize(("lebar", "tinggi"), [(1024, 768), (1366, 768), (1920, 1080), (3840, 2160), (390, 844)])
def test_peta_rapat_luwu_menamai_setiap_kecamatan(lebar, tinggi):
    """On the real Luwu layer (22 kecamatan), the meeting map at each screen size names every kecamatan (name, short
    form, or a number keyed under the map), every key number is on the map, and the key fits the room kept for it."""
    import geopandas as gpd
    import pandas as pd

    from geodata.layar import ke_geojson, sederhanakan_anggaran, singkatan
    from tampilan import figur

    gdf = gpd.read_file(SHARED / "geodata" / "luwu_kecamatan.geojson")
    gj = ke_geojson(sederhanakan_anggaran(gpd.GeoDataFrame({"kode": gdf["kode"]}, geometry=gdf.geometry, crs=gdf.crs))[0])
    df = pd.DataFrame({"kode": gdf["kode"], "nama": gdf["nama"]})
    tata = gaya.tata_rapat(lebar, tinggi)
    tema = tata.tema
    letak, tanpa = figur.letak_label(gj, df, tema)
    jejak, kunci = figur.jejak_label(letak, tanpa, df, tema)
    tertulis = set(jejak[0].text) if jejak else set()
    for nama in df["nama"]:
        assert nama in tertulis or singkatan(nama) in tertulis or any(re.fullmatch(rf"(\d+ )?{re.escape(nama)}", k) for k in kunci), nama
    for k in kunci:
        nomor = re.match(r"(\d+) ", k)
        assert nomor is None or nomor[1] in tertulis
    if kunci and not tata.ponsel:  # a projector has no room to spare; a phone's page grows and scrolls
        assert figur.catatan_kunci_label(kunci, "id", tema)["text"].count("<br>") + 1 <= 3
