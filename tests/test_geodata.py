"""Screen geometry: simplification keeps shared borders shared, ids are codes, bytes shrink."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geodata.layar import gdf_dari_teks, ke_geojson, pusat_zoom, sederhanakan, ukuran_byte
from tests.conftest import SHARED

LUWU_DESA = SHARED / "geodata" / "luwu_desa.geojson"


def _tanpa_celah_tumpang(gdf: gpd.GeoDataFrame) -> None:
    geoms = gdf.geometry.to_numpy()
    assert all(g.is_valid for g in geoms)
    jumlah_luas = shapely.area(geoms).sum()
    assert shapely.union_all(geoms).area == pytest.approx(jumlah_luas, rel=1e-6)  # no overlaps


def test_sederhanakan_demo_tetap_bersambung(kampanye_kecil):
    desa = kampanye_kecil.geografi.desa[["kode", "geometry"]]
    layar = sederhanakan(gpd.GeoDataFrame(desa, geometry="geometry", crs="EPSG:4326"))
    _tanpa_celah_tumpang(layar)
    asli_union = shapely.union_all(desa.geometry.to_numpy())
    assert shapely.union_all(layar.geometry.to_numpy()).symmetric_difference(asli_union).area < 0.01 * asli_union.area
    geojson = ke_geojson(layar)
    assert [f["id"] for f in geojson["features"]] == list(desa["kode"])


def test_bolak_balik_teks():
    df = pd.DataFrame({"kode": ["7317010"], "geojson": [json.dumps({"type": "Polygon", "coordinates": [[[120, -3], [121, -3], [121, -2], [120, -3]]]})]})
    gdf = gdf_dari_teks(df)
    assert gdf["kode"].iloc[0] == "7317010" and gdf.geometry.iloc[0].area == pytest.approx(0.5)


def test_pusat_zoom_memuat_semua():
    gj = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": "a", "geometry": {"type": "Polygon", "coordinates": [[[120, -3.5], [121, -3.5], [121, -2.5], [120, -3.5]]]}}],
    }
    pusat, zoom = pusat_zoom(gj, 512, 512)
    assert pusat == {"lon": 120.5, "lat": -3.0}
    assert 7.5 < zoom < 9  # 1 degree in ~512 px with a 10% margin


@pytest.mark.skipif(not LUWU_DESA.exists(), reason="../shared/geodata is absent")
def test_luwu_lebih_kecil_tanpa_celah():
    desa = gpd.read_file(LUWU_DESA)
    layar = sederhanakan(desa[["kode", "geometry"]])
    asli = ukuran_byte(ke_geojson(desa[["kode", "geometry"]]))
    kirim = ukuran_byte(ke_geojson(layar))
    assert kirim < asli / 3
    for g_asli, g_baru in zip(desa.geometry, layar.geometry, strict=True):
        assert g_baru.is_valid and abs(g_baru.area - g_asli.area) < 0.05 * g_asli.area + 1e-6


def test_layar_hanya_poligon_dari_geometri_campuran():
    """A repaired boundary can come back as a GeometryCollection with stray lines; the map keeps only its polygons
    (a collection is not painted at all, so the whole area vanished from the map)."""
    import shapely

    from geodata.layar import poligonal

    kotak = shapely.box(0, 0, 1, 1)
    campur = shapely.GeometryCollection([kotak, shapely.LineString([(2, 2), (3, 3)]), shapely.box(5, 5, 6, 6)])
    hasil = poligonal(campur)
    assert hasil.geom_type == "MultiPolygon" and hasil.area == 2
    assert poligonal(shapely.GeometryCollection([shapely.LineString([(0, 0), (1, 1)])])).is_empty


@pytest.mark.skipif(not (SHARED / "geodata" / "luwu_kecamatan.geojson").exists(), reason="../shared/geodata is absent")
def test_peta_luwu_semua_kecamatan_berpoligon_dan_bernama():
    """The real Luwu kecamatan layer after screen simplification: every area is a (multi)polygon, and at the
    report's size every one of the 22 names is either placed inside its own area or listed as without room."""
    from shapely.geometry import Point, shape

    from geodata.layar import sederhanakan_anggaran, tata_label

    gdf = gpd.read_file(SHARED / "geodata" / "luwu_kecamatan.geojson")
    kolom_kode = next(c for c in gdf.columns if c != "geometry" and gdf[c].astype(str).str.len().gt(4).all())
    gdf = gpd.GeoDataFrame({"kode": gdf[kolom_kode].astype(str)}, geometry=gdf.geometry, crs=gdf.crs)
    gj = ke_geojson(sederhanakan_anggaran(gdf)[0])
    assert len(gj["features"]) == 22
    assert {shape(f["geometry"]).geom_type for f in gj["features"]} <= {"Polygon", "MultiPolygon"}
    nama = {f["id"]: f"Kecamatan {i}" for i, f in enumerate(gj["features"])}
    letak, tanpa = tata_label(gj, nama, 980, 600, 16)
    assert set(letak["kode"]) | set(tanpa) == set(nama) and not set(letak["kode"]) & set(tanpa)
    bentuk = {f["id"]: shape(f["geometry"]) for f in gj["features"]}
    assert all(bentuk[r.kode].contains(Point(r.lon, r.lat)) for r in letak.itertuples())
