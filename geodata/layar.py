"""Turn stored boundary text into compact screen GeoJSON: coverage simplification, rounded coordinates."""

from __future__ import annotations

import json
import math
from collections.abc import Callable

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


def _batas(geojson: dict) -> tuple[float, float, float, float, float, float]:
    """The features' extent in degrees (west, south, east, north) and the Web Mercator y (radians) of its south
    and north edges."""
    minx, miny, maxx, maxy = shapely.total_bounds([shape(f["geometry"]) for f in geojson["features"]])
    y0, y1 = (math.log(math.tan(math.pi / 4 + math.radians(v) / 2)) for v in (miny, maxy))
    return minx, miny, maxx, maxy, y0, y1


def pusat_zoom(geojson: dict, lebar_px: int = 900, tinggi_px: int = 560) -> tuple[dict, float]:
    """Map centre and zoom that fit every feature in a lebar x tinggi pixel map."""
    if not geojson["features"]:
        return {"lon": 118.0, "lat": -2.5}, 3.5
    minx, miny, maxx, maxy, y0, y1 = _batas(geojson)
    lebar = max(maxx - minx, 1e-4) * 1.1
    tinggi = max(abs(y1 - y0), 1e-6) * 1.1
    zoom_x = math.log2(lebar_px * 360 / (512 * lebar))  # MapLibre: the world is 512 px wide at zoom 0
    zoom_y = math.log2(tinggi_px * 2 * math.pi / (512 * tinggi))
    return {"lon": (minx + maxx) / 2, "lat": (miny + maxy) / 2}, round(min(zoom_x, zoom_y), 2)


def ukuran_isi(geojson: dict, lebar_px: int, tinggi_px: int) -> tuple[int, int]:
    """The px the features take (with pusat_zoom's margin) at the zoom pusat_zoom gives a lebar x tinggi map, each
    at most the map's: what is left beside or above them is free (for a key, or a shorter map)."""
    if not geojson["features"]:
        return lebar_px, tinggi_px
    _, zoom = pusat_zoom(geojson, lebar_px, tinggi_px)
    minx, _, maxx, _, y0, y1 = _batas(geojson)
    dunia = 512 * 2**zoom  # px round the world at that zoom
    lebar = math.ceil(max(maxx - minx, 1e-4) * 1.1 * dunia / 360) + 2
    tinggi = math.ceil(abs(y1 - y0) * 1.1 * dunia / (2 * math.pi)) + 2
    return min(lebar_px, lebar), min(tinggi_px, tinggi)


def _ke_piksel(lon: float, lat: float, skala: float) -> tuple[float, float]:
    """Web Mercator pixels at a zoom whose world is skala * 2 pi pixels wide (y grows downwards)."""
    return math.radians(lon) * skala, -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * skala


def singkatan(nama: str, pendek: int = 12) -> str:
    """A short form of an area name for a crowded map: later words cut to initials ('Walenrang Utara' ->
    'Walenrang U.'), then cut to `pendek` characters."""
    kata = nama.split()
    teks = " ".join([kata[0], *(k[0] + "." for k in kata[1:])]) if len(kata) > 1 else nama
    return teks if len(teks) <= pendek else teks[: pendek - 1].rstrip() + "…"


LEBAR_EM = 0.55  # a character's width in em when no measure is given (Source Sans averages about 0.5)
TINGGI_BARIS = 1.2  # MapLibre's line height, em: the box it keeps labels apart by
TINGGI_TINTA = 1.0  # em from the top of the tallest letter to the bottom of a descender: what must lie inside the area
RUANG = 2  # px MapLibre keeps clear around a label (its text padding)


LEBAR_MAKS = 9.5  # em: MapLibre wraps a line longer than its text-max-width (10 em) by itself; a name stays under it


def kotak_label(x: np.ndarray, y: np.ndarray, lebar_em: float, huruf: float, tinta: bool = True, baris: int = 1, tinggi_baris: float = TINGGI_BARIS) -> np.ndarray:
    """The boxes (x0, y0, x1, y1 in map pixels) of a label of `baris` lines, lebar_em wide, centred at x, y: with
    tinta the ink (what must lie inside the area), else the box kept clear of other labels (MapLibre's, whose lines
    are TINGGI_BARIS em apart; a picture drawn as SVG gives its own line height)."""
    w = lebar_em * huruf / 2 + (0 if tinta else RUANG)
    h = ((tinggi_baris * (baris - 1) + TINGGI_TINTA) * huruf / 2) if tinta else (tinggi_baris * baris * huruf / 2 + RUANG)
    return np.column_stack([x - w, y - h, x + w, y + h])


def dua_baris(nama: str, ukur: Callable[[str], float]) -> str | None:
    """A name of two or more words broken into two lines of about equal width ('Walenrang\nUtara'), or None."""
    kata = nama.split()
    if len(kata) < 2:
        return None
    pilihan = [(" ".join(kata[:i]), " ".join(kata[i:])) for i in range(1, len(kata))]
    a, b = min(pilihan, key=lambda p: max(ukur(p[0]), ukur(p[1])))
    return f"{a}\n{b}"


def ke_piksel_peta(geojson: dict, lebar_px: int, tinggi_px: int):
    """A function taking shapely geometries in lon/lat to pixels of a lebar x tinggi map fitted by pusat_zoom
    (x to the right, y downwards, the origin at the map's top-left corner)."""
    return _bingkai(geojson, lebar_px, tinggi_px)[0]


def jalur_piksel(geojson: dict, lebar_px: int, tinggi_px: int) -> dict[str, str]:
    """Each area's outline as an SVG path in the pixels of a lebar x tinggi map fitted by pusat_zoom (the frame
    tata_label places names in), holes included: drawn with the even-odd rule they stay holes."""
    ke_px = _bingkai(geojson, lebar_px, tinggi_px)[0]
    jalur = {}
    for f in geojson["features"]:
        g = ke_px(shape(f["geometry"]))
        cincin = [r for p in getattr(g, "geoms", [g]) if not p.is_empty for r in (p.exterior, *p.interiors)]
        jalur[f["id"]] = "".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in np.asarray(r.coords)[:-1]) + "Z" for r in cincin)
    return jalur


def _bingkai(geojson: dict, lebar_px: int, tinggi_px: int):
    """The pixel frame of a lebar x tinggi map fitted by pusat_zoom, both ways: geometries to pixels, and one
    pixel point back to (lon, lat)."""
    pusat, zoom = pusat_zoom(geojson, lebar_px, tinggi_px)
    skala = 512 * 2**zoom / (2 * math.pi)
    cx, cy = _ke_piksel(pusat["lon"], pusat["lat"], skala)

    def ubah(g):
        def titik(c):
            lon, lat = np.radians(c[:, 0]), np.radians(np.clip(c[:, 1], -85, 85))
            return np.column_stack([lon * skala - cx + lebar_px / 2, -np.log(np.tan(np.pi / 4 + lat / 2)) * skala - cy + tinggi_px / 2])

        return shapely.transform(g, titik)

    def balik(x: float, y: float) -> tuple[float, float]:
        lon = math.degrees((x + cx - lebar_px / 2) / skala)
        lat = math.degrees(2 * math.atan(math.exp(-(y + cy - tinggi_px / 2) / skala)) - math.pi / 2)
        return lon, lat

    return ubah, balik


def _calon_titik(bagian, jarak: float) -> np.ndarray:
    """Spots inside a polygon (pixels) to try a label at: its pole of inaccessibility first, then the points of a
    grid jarak px apart that fall inside, nearest the pole first."""
    pusat = polylabel(bagian, tolerance=0.5)
    minx, miny, maxx, maxy = bagian.bounds
    gx, gy = np.meshgrid(np.arange(minx + jarak / 2, maxx, jarak), np.arange(miny + jarak / 2, maxy, jarak))
    gx, gy = gx.ravel(), gy.ravel()
    if len(gx) > 900:  # a very large area: a coarser grid is plenty
        pilih = np.linspace(0, len(gx) - 1, 900).astype(int)
        gx, gy = gx[pilih], gy[pilih]
    dalam = shapely.contains_xy(bagian, gx, gy)
    gx, gy = gx[dalam], gy[dalam]
    urut = np.argsort((gx - pusat.x) ** 2 + (gy - pusat.y) ** 2, kind="stable")
    return np.vstack([[pusat.x, pusat.y], np.column_stack([gx[urut], gy[urut]])]) if len(gx) else np.array([[pusat.x, pusat.y]])


def tata_label(
    geojson: dict,
    nama: dict[str, str],
    lebar_px: int,
    tinggi_px: int,
    huruf: float,
    pendek: int = 12,
    ukur: Callable[[str], float] | None = None,
    tinggi_baris: float = TINGGI_BARIS,
) -> tuple[pd.DataFrame, list[str]]:
    """Where each area's name goes on a lebar x tinggi map fitted by pusat_zoom, largest areas first. A name is
    written only where its ink (ukur(text) em wide, default LEBAR_EM per character; TINGGI_TINTA em high a line)
    lies inside its own area, and its box (tinggi_baris em a line, plus RUANG) inside the frame and clear of the
    names already placed: at the area's pole of inaccessibility if it fits there, else at the nearest spot where
    it does. A name that fits nowhere is tried on two lines, then as its short form, then as a number keyed in a
    list beside the map; an area with no room even for a number is left out (the key still names it).

    Returns rows (kode, lon, lat, x, y: the spot in the map's pixels, teks: lines joined by a newline, nomor: the
    key number or 0) and the codes of the areas left out."""
    kolom = ["kode", "lon", "lat", "x", "y", "teks", "nomor"]
    fitur = [f for f in geojson["features"] if f.get("id") in nama]
    if not fitur:
        return pd.DataFrame(columns=kolom), []
    ukur = ukur or (lambda teks: LEBAR_EM * len(teks))
    ke_px, dari_px = _bingkai(geojson, lebar_px, tinggi_px)
    calon = []
    for f in fitur:
        g = ke_px(shape(f["geometry"]))
        if g.is_empty:
            continue
        shapely.prepare(g)
        bagian = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        calon.append((g.area, f["id"], g, _calon_titik(bagian, max(4.0, huruf / 2))))
    terpasang = np.empty((0, 4))
    baris, tanpa, nomor = [], [], 0
    for _, kode, g, titik in sorted(calon, key=lambda c: -c[0]):
        penuh = " ".join(str(nama[kode]).split())
        pilihan = [x for x in dict.fromkeys([penuh, dua_baris(penuh, ukur), singkatan(penuh, pendek)]) if x and max(map(ukur, x.split("\n"))) <= LEBAR_MAKS]
        for teks in [*pilihan, None]:
            tulisan = teks if teks is not None else str(nomor + 1)
            baris_teks = tulisan.split("\n")
            lebar_em = max(map(ukur, baris_teks))
            kotak = kotak_label(titik[:, 0], titik[:, 1], lebar_em, huruf, tinta=False, baris=len(baris_teks), tinggi_baris=tinggi_baris)
            tinta = kotak_label(titik[:, 0], titik[:, 1], lebar_em, huruf, baris=len(baris_teks), tinggi_baris=tinggi_baris)
            muat = (kotak[:, 0] >= 0) & (kotak[:, 1] >= 0) & (kotak[:, 2] <= lebar_px) & (kotak[:, 3] <= tinggi_px)
            if len(terpasang):
                tabrak = (kotak[:, None, 0] < terpasang[None, :, 2]) & (terpasang[None, :, 0] < kotak[:, None, 2])
                tabrak &= (kotak[:, None, 1] < terpasang[None, :, 3]) & (terpasang[None, :, 1] < kotak[:, None, 3])
                muat &= ~tabrak.any(axis=1)
            calon_muat = np.flatnonzero(muat)
            if len(calon_muat):
                calon_muat = calon_muat[shapely.contains(g, shapely.box(*tinta[calon_muat].T))]
            if len(calon_muat):
                i = calon_muat[0]
                terpasang = np.vstack([terpasang, kotak[i]])
                nomor += teks is None
                lon, lat = dari_px(*titik[i])
                baris.append({"kode": kode, "lon": lon, "lat": lat, "x": titik[i, 0], "y": titik[i, 1], "teks": tulisan, "nomor": nomor if teks is None else 0})
                break
        else:
            tanpa.append(kode)
    return pd.DataFrame(baris, columns=kolom), tanpa
