"""Turn stored boundary text into compact screen GeoJSON: coverage simplification, rounded coordinates."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

PRESISI = 5  # decimal degrees: ~1 m, far below a screen pixel at kabupaten zoom
PIKSEL_SASARAN = 1500  # simplify to about one pixel of a 1500 px wide map of the whole set
CELAH_MAKS = 0.0003  # degrees (~33 m): gaps between neighbouring polygons narrower than this are digitising slivers
ANGGARAN_BYTE = 250_000  # one map layer sent to the browser: ~2 s on a slow 1 Mbit/s phone connection


def gdf_dari_teks(df: pd.DataFrame) -> gpd.GeoDataFrame:
    """GeoDataFrame from kode + geojson text rows (as returned by queries.wilayah.batas_anak)."""
    geoms = [shape(json.loads(t)) for t in df["geojson"]]
    return gpd.GeoDataFrame({"kode": df["kode"].astype(str).to_numpy()}, geometry=geoms, crs="EPSG:4326")


def toleransi_bawaan(gdf: gpd.GeoDataFrame) -> float:
    minx, miny, maxx, maxy = gdf.total_bounds
    return max(maxx - minx, maxy - miny) / PIKSEL_SASARAN


def sederhanakan(gdf: gpd.GeoDataFrame, toleransi: float | None = None) -> gpd.GeoDataFrame:
    """Simplify as a coverage so neighbours keep one shared border (no gaps or overlaps appear)."""
    if gdf.empty:
        return gdf
    tol = toleransi_bawaan(gdf) if toleransi is None else toleransi
    geoms = shapely.coverage_simplify(gdf.geometry.to_numpy(), tol)
    geoms = shapely.transform(geoms, lambda c: np.round(c, PRESISI))
    geoms = np.array([g if g.is_valid else poligonal(shapely.make_valid(g)) for g in geoms], dtype=object)
    return gdf.set_geometry(gpd.GeoSeries(geoms, crs=gdf.crs, index=gdf.index))


def poligonal(g):
    """Only the polygons of a geometry: make_valid can return a GeometryCollection with stray lines or points,
    which a map does not paint at all (the whole area would vanish)."""
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    bagian = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    bagian = [q for p in bagian for q in shapely.get_parts(p)]
    if not bagian:
        return shapely.Polygon()
    return bagian[0] if len(bagian) == 1 else shapely.MultiPolygon(bagian)


def ke_geojson(gdf: gpd.GeoDataFrame) -> dict:
    """FeatureCollection whose feature id is the area code (maps join on codes, never names)."""
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": k, "properties": {}, "geometry": shapely.geometry.mapping(g)} for k, g in zip(gdf["kode"], gdf.geometry, strict=True)],
    }


def ukuran_byte(geojson: dict) -> int:
    return len(json.dumps(geojson, separators=(",", ":")))


def bersihkan(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Make neighbours a clean coverage: overlaps given to one side, slivers narrower than CELAH_MAKS
    closed, shared borders made identical; so simplifying later can keep them shared."""
    if len(gdf) < 2:
        return gdf
    geoms = shapely.coverage_clean(gdf.geometry.to_numpy(), gap_width=CELAH_MAKS)
    return gdf.set_geometry(gpd.GeoSeries(geoms, crs=gdf.crs, index=gdf.index))


def sederhanakan_anggaran(gdf: gpd.GeoDataFrame, anggaran: int = ANGGARAN_BYTE) -> tuple[gpd.GeoDataFrame, float]:
    """Coverage-simplify at about a pixel; coarsen the tolerance until the layer fits the byte budget."""
    tol = toleransi_bawaan(gdf) if not gdf.empty else 0.0
    hasil = sederhanakan(gdf, tol)
    for _ in range(8):
        if gdf.empty or ukuran_byte(ke_geojson(hasil)) <= anggaran:
            break
        tol *= 1.6
        hasil = sederhanakan(gdf, tol)
    return hasil, tol


def geojson_layar(df: pd.DataFrame) -> dict:
    """Stored boundary rows -> simplified screen GeoJSON within the byte budget."""
    return ke_geojson(sederhanakan_anggaran(gdf_dari_teks(df))[0])


def pusat_zoom(geojson: dict, lebar_px: int = 900, tinggi_px: int = 560) -> tuple[dict, float]:
    """Map centre and zoom that fit every feature in a lebar x tinggi pixel map."""
    if not geojson["features"]:
        return {"lon": 118.0, "lat": -2.5}, 3.5
    minx, miny, maxx, maxy = shapely.total_bounds([shape(f["geometry"]) for f in geojson["features"]])
    lebar = max(maxx - minx, 1e-4) * 1.1
    y0, y1 = (math.log(math.tan(math.pi / 4 + math.radians(v) / 2)) for v in (miny, maxy))
    tinggi = max(abs(y1 - y0), 1e-6) * 1.1
    zoom_x = math.log2(lebar_px * 360 / (512 * lebar))  # MapLibre: the world is 512 px wide at zoom 0
    zoom_y = math.log2(tinggi_px * 2 * math.pi / (512 * tinggi))
    return {"lon": (minx + maxx) / 2, "lat": (miny + maxy) / 2}, round(min(zoom_x, zoom_y), 2)


def _ke_piksel(lon: float, lat: float, skala: float) -> tuple[float, float]:
    """Web Mercator pixels at a zoom whose world is skala * 2 pi pixels wide (y grows downwards)."""
    return math.radians(lon) * skala, -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * skala


def singkatan(nama: str, pendek: int = 12) -> str:
    """A short form of an area name for a crowded map: later words cut to initials ('Walenrang Utara' ->
    'Walenrang U.'), then cut to `pendek` characters."""
    kata = nama.split()
    teks = " ".join([kata[0], *(k[0] + "." for k in kata[1:])]) if len(kata) > 1 else nama
    return teks if len(teks) <= pendek else teks[: pendek - 1].rstrip() + "…"


def tata_label(geojson: dict, nama: dict[str, str], lebar_px: int, tinggi_px: int, huruf: float, pendek: int = 12) -> tuple[pd.DataFrame, list[str]]:
    """Where each area's name goes on a lebar x tinggi map fitted by pusat_zoom: at the pole of inaccessibility
    of its largest part (always inside the area), largest areas first. A name that would collide with one already
    placed, or leave the frame, is tried as its short form, then as a number keyed in a list beside the map; an
    area with no room even for a number is left out.

    Returns rows (kode, lon, lat, teks, nomor: the key number or 0) and the codes of the areas left out."""
    kolom = ["kode", "lon", "lat", "teks", "nomor"]
    fitur = [f for f in geojson["features"] if f.get("id") in nama]
    if not fitur:
        return pd.DataFrame(columns=kolom), []
    pusat, zoom = pusat_zoom(geojson, lebar_px, tinggi_px)
    skala = 512 * 2**zoom / (2 * math.pi)
    cx, cy = _ke_piksel(pusat["lon"], pusat["lat"], skala)
    calon = []
    for f in fitur:
        g = shape(f["geometry"])
        bagian = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        titik = polylabel(bagian, tolerance=max(math.sqrt(bagian.area) / 50, 1e-6))
        minx, miny, maxx, maxy = bagian.bounds
        kisi = [(minx + (maxx - minx) * i / 6, miny + (maxy - miny) * j / 6) for i in range(1, 6) for j in range(1, 6)]
        cadangan = [(x, y) for x, y in kisi if bagian.contains(shapely.Point(x, y))]  # other spots inside, for a number
        calon.append((g.area, f["id"], titik.x, titik.y, cadangan))
    terpasang: list[tuple[float, float, float, float]] = []
    baris, tanpa, nomor = [], [], 0
    for _, kode, lon0, lat0, cadangan in sorted(calon, key=lambda c: -c[0]):
        penuh = " ".join(str(nama[kode]).split())
        coba = [(teks, lon0, lat0) for teks in dict.fromkeys([penuh, singkatan(penuh, pendek)])]
        coba += [(None, lon, lat) for lon, lat in [(lon0, lat0), *cadangan]]
        for teks, lon, lat in coba:
            x, y = _ke_piksel(lon, lat, skala)
            x, y = x - cx + lebar_px / 2, y - cy + tinggi_px / 2
            tulisan = teks if teks is not None else str(nomor + 1)
            w, h = 0.62 * huruf * len(tulisan) + 8, 1.4 * huruf  # roomier than the glyphs: MapLibre hides a label it finds colliding
            kotak = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            di_dalam = kotak[0] >= 0 and kotak[1] >= 0 and kotak[2] <= lebar_px and kotak[3] <= tinggi_px
            if di_dalam and not any(kotak[0] < b[2] and b[0] < kotak[2] and kotak[1] < b[3] and b[1] < kotak[3] for b in terpasang):
                terpasang.append(kotak)
                nomor += teks is None
                baris.append({"kode": kode, "lon": lon, "lat": lat, "teks": tulisan, "nomor": nomor if teks is None else 0})
                break
        else:
            tanpa.append(kode)
    return pd.DataFrame(baris, columns=kolom), tanpa
