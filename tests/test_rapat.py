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


def test_batang_tertinggal_teks_di_atas_tanda_rencana():
    import numpy as np
    import pandas as pd

    from tampilan import figur

    df = pd.DataFrame(  # a short bar whose text runs past its plan, a long one past its plan, one with no plan
        {
            "kode": ["1", "2", "3"],
            "nama": ["Wara <b>Utara</b>", "Jambu", "Ponrang"],
            "status": ["berisiko", "tertinggal", "berisiko"],
            "capaian": [49.8, 30.0, 52.0],
            "selisih": [2.9, -20.0, 5.2],
            "rencana": [46.9, 50.0, np.nan],
            "sasaran": [100, 100, 100],
        }
    )
    fig = figur.batang_tertinggal(df, "id")
    batang, garis, kunci, teks = fig.data
    assert batang.type == teks.type == "bar" and teks.zorder > garis.zorder > batang.zorder  # text over the plan tick over the bar
    assert list(teks.x) == list(batang.x) and teks.marker.color == "rgba(0,0,0,0)" and all(teks.text) and not batang.text
    nama = list(fig.layout.yaxis.ticktext)
    assert "&lt;b&gt;" in "".join(nama) and "<b>" not in "".join(nama)  # an imported name stays text
    separuh = (1 - fig.layout.bargap) / 2
    for i, r in enumerate(nama):  # each plan is one tick exactly as tall as its bar; no plan, no tick
        baris = int(np.flatnonzero(np.asarray(batang.y) == i)[0])
        x_rencana = df.set_index("nama")["rencana"].get(r.replace("&lt;", "<").replace("&gt;", ">"), np.nan)
        tik = [(x, y) for x, y in zip(garis.x, garis.y, strict=True) if y is not None and not np.isnan(y) and abs(y - baris) <= separuh + 1e-9]
        if np.isnan(x_rencana):
            assert not tik
        else:
            assert sorted(y for _, y in tik) == pytest.approx([baris - separuh, baris + separuh]) and {x for x, _ in tik} == {x_rencana}
    assert kunci.name and kunci.marker.symbol == "line-ns" and garis.showlegend is False


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
    assert tata.tema.tinggi_peta <= tata.tinggi_grafik and tata.tema.lebar_peta <= tata.lebar_kolom_peta
    assert tata.tema.tinggi_gambar == (None if tata.ponsel else tata.tinggi_grafik)  # a wall: map and key keep the chart's height
    if not tata.ponsel:  # names as large as the labels around them: 28 px at 1920x1080, in proportion
        assert tata.tema.huruf_label == max(12, round(gaya.HURUF_RAPAT_LABEL * tata.skala))
    assert gaya.tata_rapat(*gaya.DESAIN_RAPAT) == gaya.RAPAT_BAWAAN


def _lapisan_luwu():
    import geopandas as gpd
    import pandas as pd

    from geodata.layar import ke_geojson, sederhanakan_anggaran

    gdf = gpd.read_file(SHARED / "geodata" / "luwu_kecamatan.geojson")
    gj = ke_geojson(sederhanakan_anggaran(gpd.GeoDataFrame({"kode": gdf["kode"]}, geometry=gdf.geometry, crs=gdf.crs))[0])
    return gj, pd.DataFrame({"kode": gdf["kode"], "nama": gdf["nama"]})


def _lapisan_demo(tingkat: str):
    """A generated kabupaten's kecamatan (20) or one kecamatan's desa, as the dashboard draws them."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from demo.geografi import buat_geografi
    from geodata.layar import ke_geojson, sederhanakan_anggaran

    geo = buat_geografi(np.random.default_rng(7))
    lapis = geo.kecamatan if tingkat == "kec" else geo.desa[geo.desa["kode_kec"] == geo.desa["kode_kec"].iloc[0]]
    gdf = gpd.GeoDataFrame({"kode": lapis["kode"].to_numpy()}, geometry=lapis.geometry.to_numpy(), crs="EPSG:4326")
    nama = dict(zip(geo.wilayah["kode"], geo.wilayah["nama"], strict=False))
    return ke_geojson(sederhanakan_anggaran(gdf)[0]), pd.DataFrame({"kode": gdf["kode"], "nama": [nama[k] for k in gdf["kode"]]})


LAYAR_RAPAT = [(1024, 768), (1366, 768), (1920, 1080), (3840, 2160), (390, 844)]


def _periksa_label_rapat(gj, df, lebar, tinggi):
    """Every area named (name, short form, or a number keyed under the map), every key number on the map, each
    written name's box (measured with the glyphs the map draws it with) inside its own area, and map plus key within
    the chart's height on a projector."""
    import shapely
    from shapely.geometry import shape

    from geodata.layar import ke_piksel_peta, kotak_label, singkatan
    from tampilan import figur

    tata = gaya.tata_rapat(lebar, tinggi)
    (letak, tanpa), tema = figur.muat_label(tata.tema, df, gj, lambda w, h: figur.letak_label(gj, df, tata.tema, w, h))
    jejak, kunci = figur.jejak_label(letak, tanpa, df, tema)
    tertulis = {x.replace("<br>", " ") for x in jejak[0].text} if jejak else set()
    for nama in df["nama"]:
        assert nama in tertulis or singkatan(nama) in tertulis or any(re.fullmatch(rf"(\d+ )?{re.escape(nama)}", k) for k in kunci), nama
    for k in kunci:
        nomor = re.match(r"(\d+) ", k)
        assert nomor is None or nomor[1] in tertulis
    lebar_label = tema.lebar_peta - tema.lebar_kunci  # a key beside the map keeps its column free of names
    ke_px = ke_piksel_peta(gj, lebar_label, tema.tinggi_peta)
    bentuk = {f["id"]: ke_px(shape(f["geometry"])) for f in gj["features"]}
    titik = ke_px(shapely.points(letak["lon"].to_numpy(float), letak["lat"].to_numpy(float)))
    for r, p in zip(letak.itertuples(), titik, strict=True):
        baris = r.teks.split("\n")
        x0, y0, x1, y1 = kotak_label(p.x, p.y, max(map(figur.lebar_teks_peta, baris)), tema.huruf_label, baris=len(baris))[0]
        assert bentuk[r.kode].buffer(0.5).contains(shapely.box(x0, y0, x1, y1)), (r.teks, lebar, tinggi)
        assert x0 >= -0.5 and y0 >= -0.5 and x1 <= lebar_label + 0.5 and y1 <= tema.tinggi_peta + 0.5
    if not tata.ponsel:
        if tema.lebar_kunci:  # beside: one name a line, every column within the map's height, no name cut short of its number
            kolom = figur.catatan_kunci_samping(kunci, "id", tema) if kunci else []
            assert tema.tinggi_peta == tata.tinggi_grafik
            assert all(figur.tinggi_kunci(k["text"].count("<br>") + 1, tema) <= tema.tinggi_peta for k in kolom)
        else:
            baris = figur.catatan_kunci_label(kunci, "id", tema)["text"].count("<br>") + 1 if kunci else 0
            assert tema.tinggi_peta + figur.tinggi_kunci(baris, tema) <= tata.tinggi_grafik
        assert tema.huruf_label >= 28 * tata.skala - 0.5  # names at least 28 px at 1920x1080, in proportion
        assert len(letak) >= len(df) / 3  # many areas carry their name or number on the map itself (the rest: the key)
    return letak, kunci


@pytest.mark.skipif(not (SHARED / "geodata" / "luwu_kecamatan.geojson").exists(), reason="../shared/geodata is absent")
@pytest.mark.parametrize(("lebar", "tinggi"), LAYAR_RAPAT)
def test_peta_rapat_luwu_menamai_setiap_kecamatan_di_dalam_poligonnya(lebar, tinggi):
    """The real Luwu layer (22 kecamatan) at each screen size."""
    _periksa_label_rapat(*_lapisan_luwu(), lebar, tinggi)


@pytest.mark.parametrize("tingkat", ["kec", "desa"])
@pytest.mark.parametrize(("lebar", "tinggi"), LAYAR_RAPAT)
def test_peta_rapat_demo_label_di_dalam_poligonnya(tingkat, lebar, tinggi):
    """A generated kabupaten's kecamatan, and one kecamatan's desa, at each screen size."""
    _periksa_label_rapat(*_lapisan_demo(tingkat), lebar, tinggi)
