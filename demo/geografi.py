"""Demo geography: generated kecamatan and desa polygons that tile exactly, or a real desa boundary file."""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Point, Polygon

from demo.nama import nama_tempat

PROVINSI_DEMO = "99"


@dataclass
class Geografi:
    """Areas of the demo: wilayah rows (provinsi to desa) and polygons of kecamatan and desa by BPS code."""

    wilayah: pd.DataFrame  # kode, nama
    desa: gpd.GeoDataFrame  # kode, nama, kode_kec, bobot (relative population), geometry
    kecamatan: gpd.GeoDataFrame  # kode, nama, terpencil (pace factor <= 1), geometry
    kabupaten: gpd.GeoDataFrame  # kode, nama, geometry
    sumber: str
    provinsi: gpd.GeoDataFrame | None = None  # kode, geometry (the union of its kabupaten)


def _garis_luar(rng: np.random.Generator, pusat: tuple[float, float], jari: float) -> Polygon:
    """An irregular coastline-like outline: a circle with a few random harmonics."""
    sudut = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    r = np.ones_like(sudut)
    for k in range(2, 7):
        r += rng.uniform(0.03, 0.12) / (k / 2) * np.sin(k * sudut + rng.uniform(0, 2 * np.pi))
    x = pusat[0] + jari * 1.25 * r * np.cos(sudut)
    y = pusat[1] + jari * 0.9 * r * np.sin(sudut)
    return Polygon(np.column_stack([x, y])).buffer(0)


def _titik(rng: np.random.Generator, luar: Polygon, n: int) -> np.ndarray:
    """n well-spread points, denser around a town (so outlying kecamatan are large and sparse)."""
    minx, miny, maxx, maxy = luar.bounds
    kota = np.array(luar.centroid.coords[0]) + rng.normal(0, 0.08, 2)
    jarak_min = 0.35 * math.sqrt(luar.area / n)
    hasil: list[np.ndarray] = []
    coba = 0
    while len(hasil) < n and coba < n * 400:
        coba += 1
        p = np.array([rng.uniform(minx, maxx), rng.uniform(miny, maxy)])
        d_kota = np.linalg.norm(p - kota) / max(maxx - minx, maxy - miny)
        if rng.random() > math.exp(-2.2 * d_kota) or not luar.contains(Point(p)):
            continue
        batas = jarak_min * (0.6 + 1.6 * d_kota)
        if hasil and np.min(np.linalg.norm(np.array(hasil) - p, axis=1)) < batas:
            continue
        hasil.append(p)
    while len(hasil) < n:  # fall back to plain rejection sampling when the outline is too small
        p = np.array([rng.uniform(minx, maxx), rng.uniform(miny, maxy)])
        if luar.contains(Point(p)):
            hasil.append(p)
    return np.array(hasil)


def _sel_voronoi(titik: np.ndarray, luar: Polygon) -> list:
    """Voronoi cells of the points clipped to the outline; shared edges have identical vertices."""
    sel = shapely.voronoi_polygons(MultiPoint(titik), extend_to=luar.envelope.buffer(0.5), ordered=True)
    geoms = [shapely.intersection(g, luar) for g in shapely.get_parts(sel)]
    return [shapely.set_precision(g, 1e-7) for g in geoms]


def _bertetangga(geoms: list) -> list[set[int]]:
    pohon = shapely.STRtree(geoms)
    tetangga: list[set[int]] = [set() for _ in geoms]
    for i, g in enumerate(geoms):
        for j in pohon.query(g, predicate="intersects"):
            if j != i and shapely.intersection(g, geoms[j]).length > 0:
                tetangga[i].add(int(j))
    return tetangga


def _kelompokkan(pusat: np.ndarray, tetangga: list[set[int]], k: int, rng: np.random.Generator) -> np.ndarray:
    """Group cells into k contiguous regions: seeds by farthest-point sampling, then grow by distance."""
    n = len(pusat)
    benih = [int(rng.integers(n))]
    jarak = np.linalg.norm(pusat - pusat[benih[0]], axis=1)
    while len(benih) < k:
        benih.append(int(np.argmax(jarak)))
        jarak = np.minimum(jarak, np.linalg.norm(pusat - pusat[benih[-1]], axis=1))
    label = np.full(n, -1)
    antre = [(0.0, b, g) for g, b in enumerate(benih)]
    heapq.heapify(antre)
    while antre:
        _, i, g = heapq.heappop(antre)
        if label[i] != -1:
            continue
        label[i] = g
        for j in tetangga[i]:
            if label[j] == -1:
                heapq.heappush(antre, (float(np.linalg.norm(pusat[j] - pusat[benih[g]])), j, g))
    sisa = np.where(label == -1)[0]
    for i in sisa:  # a cell cut off from every seed joins the nearest region
        label[i] = int(np.argmin(np.linalg.norm(pusat[benih] - pusat[i], axis=1)))
    return label


def _kode_kecamatan(rng: np.random.Generator, n: int) -> list[str]:
    """BPS-style kecamatan numbers: 010, 020, ... with some split-off ones (011, 021)."""
    kode, utama = [], 0
    while len(kode) < n:
        if kode and rng.random() < 0.25 and int(kode[-1]) % 10 < 2:
            kode.append(f"{int(kode[-1]) + 1:03d}")
        else:
            utama += 10
            kode.append(f"{utama:03d}")
    return kode


def _faktor_terpencil(luas: np.ndarray) -> np.ndarray:
    """Pace factor per kecamatan: the largest (sparsest, mountainous) ones lag."""
    urut = np.argsort(-luas)
    faktor = np.ones(len(luas))
    n = len(luas)
    faktor[urut[: max(1, round(n * 0.12))]] = 0.55
    faktor[urut[max(1, round(n * 0.12)) : max(2, round(n * 0.25))]] = 0.8
    return faktor


def buat_kabupaten(rng: np.random.Generator, kode_kab: str, nama_kab: str, pusat: tuple[float, float], n_kec: int, n_desa: int, dipakai: set[str]):
    """Generated kabupaten: desa cells that tile their kecamatan exactly."""
    luar = _garis_luar(rng, pusat, 0.3)
    titik = _titik(rng, luar, n_desa)
    sel = _sel_voronoi(titik, luar)
    label = _kelompokkan(titik, _bertetangga(sel), n_kec, rng)
    # order kecamatan south to north, west to east, as BPS numbering roughly follows geography
    pusat_kec = np.array([titik[label == g].mean(axis=0) for g in range(n_kec)])
    urutan = np.lexsort((pusat_kec[:, 0], np.round(pusat_kec[:, 1], 1)))
    kode3 = _kode_kecamatan(rng, n_kec)
    kec_rows, desa_rows = [], []
    for no, g in enumerate(urutan):
        kode_kec = kode_kab + kode3[no]
        nama_kec = nama_tempat(rng, dipakai, arah=True)
        anggota = np.where(label == g)[0]
        anggota = anggota[np.lexsort((titik[anggota, 0], titik[anggota, 1]))]
        geom_kec = shapely.union_all([sel[i] for i in anggota])
        kec_rows.append({"kode": kode_kec, "nama": nama_kec, "geometry": geom_kec})
        for urut, i in enumerate(anggota, start=1):
            desa_rows.append(
                {"kode": f"{kode_kec}{urut:03d}", "nama": nama_tempat(rng, dipakai), "kode_kec": kode_kec, "bobot": float(rng.lognormal(0, 0.45)), "geometry": sel[i]}
            )
    kec = gpd.GeoDataFrame(kec_rows, geometry="geometry", crs="EPSG:4326")
    kec["terpencil"] = _faktor_terpencil(shapely.area(kec.geometry.to_numpy()))
    desa = gpd.GeoDataFrame(desa_rows, geometry="geometry", crs="EPSG:4326")
    kab = gpd.GeoDataFrame([{"kode": kode_kab, "nama": nama_kab, "geometry": luar}], geometry="geometry", crs="EPSG:4326")
    return kab, kec, desa


NAMA_KABUPATEN = ["Tana Makmur", "Bukit Sawerigading", "Lembah Rante", "Pesisir Bua", "Salu Jaya", "Batu Lestari"]


def buat_geografi(rng: np.random.Generator, n_kab: int = 1, n_kec: int = 20, n_desa: int = 200) -> Geografi:
    """Fictional province(s) of n_kab generated kabupaten, each of n_kec kecamatan and n_desa desa."""
    dipakai: set[str] = set()
    wil, kabs, kecs, desas = [], [], [], []
    n_prov = math.ceil(n_kab / 24)
    for p in range(n_prov):
        kode_prov = str(int(PROVINSI_DEMO) - p)
        wil.append({"kode": kode_prov, "nama": "Provinsi Demo" if n_prov == 1 else f"Provinsi Demo {p + 1}"})
    for i in range(n_kab):
        kode_prov = str(int(PROVINSI_DEMO) - i // 24)
        kode_kab = f"{kode_prov}{i % 24 + 1:02d}"
        nama = NAMA_KABUPATEN[i] if i < len(NAMA_KABUPATEN) else f"{NAMA_KABUPATEN[i % len(NAMA_KABUPATEN)]} {i // len(NAMA_KABUPATEN) + 1}"
        pusat = (120.2 + (i % 12) * 0.85, -3.0 - (i // 12) * 0.7)
        kab, kec, desa = buat_kabupaten(rng, kode_kab, f"Kabupaten {nama}", pusat, n_kec, n_desa, dipakai)
        kabs.append(kab)
        kecs.append(kec)
        desas.append(desa)
    kab = pd.concat(kabs, ignore_index=True)
    kec = pd.concat(kecs, ignore_index=True)
    desa = pd.concat(desas, ignore_index=True)
    wilayah = pd.concat([pd.DataFrame(wil), kab[["kode", "nama"]], kec[["kode", "nama"]], desa[["kode", "nama"]]], ignore_index=True)
    prov = kab.assign(kode=kab["kode"].str[:2])[["kode", "geometry"]].dissolve(by="kode").reset_index()
    return Geografi(wilayah, desa, kec, kab, sumber="dibangkitkan", provinsi=prov)


def geografi_dari_berkas(
    rng: np.random.Generator, berkas_desa: Path, berkas_kecamatan: Path | None = None, kode_kab: str | None = None, nama_kab: str | None = None
) -> Geografi:
    """Real geography from a desa boundary file with Kemendagri codes (73.17.01.2005), recoded BPS-style.

    Kecamatan get BPS numbers 010, 020, ... in Kemendagri order and desa 001, 002, ... within each,
    so the codes differ from the file's as they do between the two schemes; names are kept."""
    desa_asli = gpd.read_file(berkas_desa).to_crs("EPSG:4326")
    desa_asli["kode"] = desa_asli["kode"].astype(str)
    bagian = desa_asli["kode"].str.split(".")
    kode_kab = kode_kab or (bagian.str[0] + bagian.str[1]).iloc[0]
    desa_asli["kemendagri_kec"] = bagian.str[:3].str.join(".")
    nama_kec: dict[str, str] = {}
    if berkas_kecamatan is not None and Path(berkas_kecamatan).exists():
        kec_asli = gpd.read_file(berkas_kecamatan)
        nama_kec = dict(zip(kec_asli["kode"].astype(str), kec_asli["nama"].astype(str), strict=True))
    kec_rows, desa_rows = [], []
    for no, (kode_md, grup) in enumerate(sorted(desa_asli.groupby("kemendagri_kec"), key=lambda x: x[0]), start=1):
        kode_kec = f"{kode_kab}{no * 10:03d}"
        grup = grup.sort_values("kode")
        kec_rows.append({"kode": kode_kec, "nama": nama_kec.get(kode_md, f"Kecamatan {kode_md}"), "geometry": shapely.union_all(grup.geometry.to_numpy())})
        for urut, (_, d) in enumerate(grup.iterrows(), start=1):
            desa_rows.append(
                {"kode": f"{kode_kec}{urut:03d}", "nama": str(d["nama"]), "kode_kec": kode_kec, "bobot": float(rng.lognormal(0, 0.45)), "geometry": d.geometry}
            )
    kec = gpd.GeoDataFrame(kec_rows, geometry="geometry", crs="EPSG:4326")
    kec["terpencil"] = _faktor_terpencil(kec.to_crs("EPSG:3857").geometry.area.to_numpy())
    desa = gpd.GeoDataFrame(desa_rows, geometry="geometry", crs="EPSG:4326")
    kab_nama = nama_kab or ("Kabupaten Luwu" if kode_kab == "7317" else f"Kabupaten {kode_kab}")
    kab = gpd.GeoDataFrame([{"kode": kode_kab, "nama": kab_nama, "geometry": shapely.union_all(kec.geometry.to_numpy())}], geometry="geometry", crs="EPSG:4326")
    prov = pd.DataFrame([{"kode": kode_kab[:2], "nama": "Sulawesi Selatan" if kode_kab[:2] == "73" else f"Provinsi {kode_kab[:2]}"}])
    wilayah = pd.concat([prov, kab[["kode", "nama"]], kec[["kode", "nama"]], desa[["kode", "nama"]]], ignore_index=True)
    return Geografi(wilayah, desa, kec, kab, sumber=str(berkas_desa))
