"""Match boundary features to the area master: by code where the schemes agree, else by name within the parent."""

from __future__ import annotations

import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

TINGKAT_NAMA = {"provinsi": 1, "kabupaten": 2, "kecamatan": 3, "desa": 4}
PANJANG_BPS = {1: 2, 2: 4, 3: 7, 4: 10}
AWALAN = {"desa", "ds", "kelurahan", "kel", "kecamatan", "kec", "kabupaten", "kab", "kota", "distrik", "nagari", "gampong", "kampung", "pekon"}
PETUNJUK_KODE = ("kode", "kd", "code", "idkec", "iddesa", "kdepum", "kdcpum", "kdppum", "kdpkab", "bps")
PETUNJUK_NAMA = ("nama", "name", "namobj", "wadmkd", "wadmkc", "desa", "kelurahan", "kecamatan", "nm")
PETUNJUK_INDUK = ("wadmkc", "kecamatan", "namakec", "nmkec", "kec")
PETUNJUK_KAB = ("wadmkk", "kabupaten", "kabkota", "kabkot", "namakab", "nmkab", "kab")
AMBANG_SKEMA_SAMA = 0.8  # share of code matches whose names agree before codes are trusted


class BatasTakTerbaca(ValueError):
    """A boundary file that cannot be read or lacks the columns needed to match it."""


def normalkan_nama(nama: object) -> str:
    """A place name reduced for comparison: accents, case, punctuation, spacing and prefixes such as 'Desa' go."""
    teks = unicodedata.normalize("NFKD", str(nama or "")).encode("ascii", "ignore").decode().lower()
    kata = re.sub(r"[^a-z0-9]+", " ", teks).split()
    while len(kata) > 1 and kata[0] in AWALAN:
        kata = kata[1:]
    return "".join(kata)


def _kunci(nama: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(nama)).lower()


def _digit(v: object) -> str | None:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    teks = re.sub(r"[\s.]", "", str(v).strip())
    return teks if teks.isdigit() else None


# What a boundary file or a member of a boundary zip may be, and how its first bytes must look: GDAL picks a
# driver by content, so a file named .geojson holding an OGR virtual file (VRT) would make it open paths on the server.
AWAL_SAH = {".geojson": (b"{",), ".json": (b"{",), ".gpkg": (b"SQLite format 3\x00",), ".shp": (b"\x00\x00\x27\x0a",)}
PENDAMPING_SHP = {".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".xml", ".qmd", ".txt", ".fix", ".shp.xml"}


def _awal_sah(awal: bytes, akhiran: str) -> bool:
    return awal.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(AWAL_SAH[akhiran])


def periksa_berkas_batas(path: Path, nama: str) -> None:
    """Refuse anything but GeoJSON, GeoPackage or a zip of a shapefile (or of one GeoJSON/GeoPackage), checked
    by content; in particular OGR virtual files (.vrt), nested archives and paths leaving the archive."""
    akhiran = path.suffix.lower()
    if not path.is_file():
        raise BatasTakTerbaca(f"{nama}: tidak dapat dibaca (berkas tidak ada)")
    if akhiran in AWAL_SAH:
        with open(path, "rb") as f:
            if not _awal_sah(f.read(64), akhiran):
                raise BatasTakTerbaca(f"{nama}: isi berkas bukan {akhiran[1:].upper()} (hanya GeoJSON, GeoPackage atau Shapefile dalam .zip)")
        return
    if akhiran != ".zip":
        raise BatasTakTerbaca(f"{nama}: jenis berkas {akhiran or '(tanpa akhiran)'} tidak didukung; pakai GeoJSON, GeoPackage atau Shapefile dalam .zip")
    try:
        with zipfile.ZipFile(path) as z:
            for a in z.infolist():
                if a.is_dir():
                    continue
                nama_anggota = a.filename.lower()
                akhiran_anggota = Path(nama_anggota).suffix
                if nama_anggota.startswith("/") or ".." in Path(nama_anggota).parts:
                    raise BatasTakTerbaca(f"{nama}: berisi jalur di luar arsip ({a.filename})")
                if akhiran_anggota in AWAL_SAH:
                    with z.open(a) as f:
                        if not _awal_sah(f.read(64), akhiran_anggota):
                            raise BatasTakTerbaca(f"{nama}: {a.filename} bukan {akhiran_anggota[1:].upper()} yang sah")
                elif akhiran_anggota not in PENDAMPING_SHP:
                    raise BatasTakTerbaca(
                        f"{nama}: berisi {a.filename}; arsip batas hanya boleh berisi Shapefile (.shp, .shx, .dbf, .prj, .cpg), GeoJSON atau GeoPackage"
                    )
    except zipfile.BadZipFile as exc:
        raise BatasTakTerbaca(f"{nama}: bukan arsip .zip yang dapat dibaca ({exc})") from exc


def baca_batas(isi: bytes | Path | str, nama: str | None = None) -> gpd.GeoDataFrame:
    """A boundary file (GeoJSON, GeoPackage, Shapefile or a .zip holding one) as WGS 84 polygons."""
    if isinstance(isi, bytes):
        akhiran = Path(nama or "batas.geojson").suffix.lower() or ".geojson"
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / f"batas{akhiran}"
            path.write_bytes(isi)
            return baca_batas(path, nama)
    path = Path(isi)
    nama = nama or str(path)
    periksa_berkas_batas(path, nama)
    sumber = f"zip://{path}" if path.suffix.lower() == ".zip" else str(path)
    try:
        gdf = gpd.read_file(sumber)
    except Exception as exc:  # pyogrio raises its own errors for every unreadable format
        raise BatasTakTerbaca(f"{nama}: tidak dapat dibaca sebagai GeoJSON, Shapefile atau GeoPackage ({exc})") from exc
    if gdf.empty:
        raise BatasTakTerbaca(f"{nama}: tidak berisi fitur")
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    jenis = set(gdf.geometry.geom_type)
    if not jenis <= {"Polygon", "MultiPolygon"}:
        raise BatasTakTerbaca(f"{nama}: geometri harus poligon, ditemukan {', '.join(sorted(jenis))}")
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf.to_crs("EPSG:4326")


def tebak_kolom(gdf: gpd.GeoDataFrame, kolom_kode: str | None = None, kolom_nama: str | None = None) -> tuple[str | None, str | None]:
    """The code column (digits, possibly dotted, of area-code length with a shared prefix) and the name column."""
    kolom = [c for c in gdf.columns if c != gdf.geometry.name]
    for pilihan in (kolom_kode, kolom_nama):
        if pilihan and pilihan not in kolom:
            raise BatasTakTerbaca(f"kolom '{pilihan}' tidak ada; kolom berkas: {', '.join(map(str, kolom))}")
    if kolom_kode is None:
        skor = {}
        for c in kolom:
            digit = gdf[c].map(_digit)
            isi = digit.dropna()
            if len(isi) < 0.95 * len(gdf) or isi.str.len().min() < 4 or isi.str[:2].nunique() > 3:
                continue
            skor[c] = isi.nunique() / len(gdf) + 0.5 * any(h in _kunci(c) for h in PETUNJUK_KODE)
        kolom_kode = max(skor, key=skor.get) if skor else None
    if kolom_nama is None:
        skor = {}
        for c in kolom:
            if c == kolom_kode:
                continue
            teks = gdf[c].astype(str)
            if teks.str.contains(r"[A-Za-z]{2}").mean() < 0.8:
                continue
            skor[c] = teks.nunique() / len(gdf) + 0.5 * any(h in _kunci(c) for h in PETUNJUK_NAMA)
        kolom_nama = max(skor, key=skor.get) if skor else None
    if kolom_kode is None and kolom_nama is None:
        raise BatasTakTerbaca(f"tidak ada kolom kode atau nama wilayah yang dikenali; kolom berkas: {', '.join(map(str, kolom))}")
    return kolom_kode, kolom_nama


# match status of a boundary feature, in the order a report lists them (problems first)
URUTAN_STATUS = ("ambigu", "tidak cocok", "cocok")


@dataclass
class HasilCocok:
    """Per feature: its code and name in the file, the master code it matched, how, and any remark."""

    fitur: gpd.GeoDataFrame  # kode_berkas, nama_berkas, kode, nama_master, cara, status, catatan, geometry
    master_tanpa_batas: pd.DataFrame  # kode, nama of master areas in scope that got no feature
    tingkat: int
    skema: str
    kolom_kode: str | None
    kolom_nama: str | None

    def ringkasan(self) -> dict[str, int]:
        f = self.fitur
        return {
            "fitur": len(f),
            "cocok": int((f["status"] == "cocok").sum()),
            "cocok_kode": int(((f["status"] == "cocok") & (f["cara"] == "kode")).sum()),
            "cocok_nama": int(((f["status"] == "cocok") & (f["cara"] == "nama")).sum()),
            "cocok_padanan": int(((f["status"] == "cocok") & (f["cara"] == "padanan")).sum()),
            "tidak_cocok": int((f["status"] == "tidak cocok").sum()),
            "ambigu": int((f["status"] == "ambigu").sum()),
            "master_tanpa_batas": len(self.master_tanpa_batas),
        }

    def cocok(self) -> gpd.GeoDataFrame:
        """Matched features keyed by master code, ready to store."""
        return self.fitur.loc[self.fitur["status"] == "cocok", ["kode", "geometry"]].reset_index(drop=True)


def _tingkat(fitur: pd.DataFrame, master: pd.DataFrame, tingkat: int | str | None) -> int:
    if isinstance(tingkat, str):
        if tingkat.lower() not in TINGKAT_NAMA:
            raise BatasTakTerbaca(f"tingkat '{tingkat}' tidak dikenal; pilihan: {', '.join(TINGKAT_NAMA)}")
        return TINGKAT_NAMA[tingkat.lower()]
    if tingkat:
        return int(tingkat)
    segmen = fitur["kode_asli"].dropna().astype(str).str.strip().str.split(".").str.len()
    if len(segmen) and segmen.min() > 1 and segmen.nunique() == 1:  # dotted Kemendagri: 73.17.01 / 73.17.01.2005
        return int(segmen.iloc[0])
    panjang = fitur["kode_berkas"].dropna().str.len()
    if len(panjang):
        dari_panjang = {n: t for t, n in PANJANG_BPS.items()} | {6: 3}
        if panjang.mode().iloc[0] in dari_panjang:
            return dari_panjang[panjang.mode().iloc[0]]
    kena = {t: fitur["nama_norm"].isin(set(master.loc[master["tingkat"] == t, "nama_norm"])).mean() for t in (3, 4)}
    return max(kena, key=kena.get)


@dataclass(frozen=True)
class OpsiCocok:
    """What the user may settle instead of detection: level, columns, a crosswalk, a kabupaten scope."""

    tingkat: int | str | None = None
    kolom_kode: str | None = None
    kolom_nama: str | None = None
    kolom_induk: str | None = None
    padanan: dict[str, str] | None = None  # file code or name -> master code
    induk: str | None = None  # limit matching to one area code prefix (a kabupaten)


BatasInduk = Callable[[list[str]], gpd.GeoDataFrame]  # master codes -> their stored boundaries (kode, geometry)


def cocokkan(gdf: gpd.GeoDataFrame, master: pd.DataFrame, opsi: OpsiCocok = OpsiCocok(), batas_induk: BatasInduk | None = None) -> HasilCocok:
    """Match boundary features to master areas (kode, nama, induk, tingkat of levels 2-4).

    Order: the crosswalk, then codes when most code hits also agree on the name (same scheme), then
    normalised names within the parent area. A group's parent comes from the parent names the file carries
    (a kecamatan name settled by its kabupaten name where kecamatan names repeat), then from geometry (the
    stored parent boundary holding the group's features, via batas_induk), and last from a vote of names."""
    tingkat, kolom_induk, padanan, induk = opsi.tingkat, opsi.kolom_induk, opsi.padanan, opsi.induk
    kolom_kode, kolom_nama = tebak_kolom(gdf, opsi.kolom_kode, opsi.kolom_nama)
    lain = [c for c in gdf.columns if c not in (kolom_kode, kolom_nama, gdf.geometry.name)]
    if kolom_induk is None and kolom_nama is not None:
        kolom_induk = next((c for c in lain if _kunci(c) in PETUNJUK_INDUK), None)
    kolom_kab = next((c for c in lain if c != kolom_induk and _kunci(c) in PETUNJUK_KAB), None) if kolom_nama is not None else None
    fitur = gpd.GeoDataFrame(
        {
            "kode_asli": gdf[kolom_kode].astype(object).where(gdf[kolom_kode].notna(), None) if kolom_kode else None,
            "nama_berkas": gdf[kolom_nama].astype(str) if kolom_nama else "",
            "kec_nama": gdf[kolom_induk].map(normalkan_nama) if kolom_induk else "",
            "kab_nama": gdf[kolom_kab].map(normalkan_nama) if kolom_kab else "",
        },
        geometry=gdf.geometry.to_numpy(),
        crs=gdf.crs,
    )
    fitur["kode_berkas"] = fitur["kode_asli"].map(_digit).astype(object)
    fitur["nama_norm"] = fitur["nama_berkas"].map(normalkan_nama)
    # one area drawn as several features (a shapefile row per island) becomes one feature
    bagian = zip(fitur["kode_berkas"], fitur["nama_norm"], fitur["kec_nama"] + "|" + fitur["kab_nama"], strict=True)
    kunci = pd.Series([None if k is None else f"{k}|{n}|{i}" for k, n, i in bagian], index=fitur.index, dtype=object)
    if kunci.dropna().duplicated().any():
        satu = fitur[kunci.notna()].assign(_k=kunci).dissolve(by="_k", as_index=False, aggfunc="first", sort=False).drop(columns="_k")
        fitur = pd.concat([satu, fitur[kunci.isna()]], ignore_index=True)
    master = master.assign(nama_norm=master["nama"].map(normalkan_nama), kode=master["kode"].astype(str))
    t = _tingkat(fitur, master, tingkat)
    # the parent names the file carries: a desa file names its kecamatan (and kabupaten); a kecamatan file its kabupaten
    if t == 4:
        fitur["induk_nama"], fitur["kakek_nama"] = fitur["kec_nama"], fitur["kab_nama"]
    else:
        fitur["induk_nama"] = fitur["kab_nama"] if kolom_kab else fitur["kec_nama"]
        fitur["kakek_nama"] = ""
    ruang = master[master["kode"].str.startswith(induk)] if induk else master
    calon = ruang[ruang["tingkat"] == t]
    fitur["kode"], fitur["cara"], fitur["catatan"] = None, None, ""
    nama_master = dict(zip(calon["kode"], calon["nama"], strict=True))

    # 1. crosswalk
    for kunci_padanan, kode in (padanan or {}).items():
        kena = (fitur["kode_berkas"] == _digit(kunci_padanan)) if _digit(kunci_padanan) else (fitur["nama_norm"] == normalkan_nama(kunci_padanan))
        kena &= fitur["kode"].isna()
        if kena.any() and kode in nama_master:
            fitur.loc[kena, ["kode", "cara"]] = [kode, "padanan"]
        elif kena.any():
            fitur.loc[kena, "catatan"] = f"kode padanan {kode} tidak ada di master tingkat ini"

    # 2. codes, only when the file uses the master's scheme (the names of code hits agree)
    kena_kode = fitur["kode"].isna() & fitur["kode_berkas"].isin(set(nama_master))
    nama_per_kode = dict(zip(calon["kode"], calon["nama_norm"], strict=True))
    setuju = fitur.loc[kena_kode, "kode_berkas"].map(nama_per_kode) == fitur.loc[kena_kode, "nama_norm"]
    skema_sama = bool(kena_kode.any()) and (not kolom_nama or setuju.mean() >= AMBANG_SKEMA_SAMA)
    if skema_sama:
        fitur.loc[kena_kode, "kode"] = fitur.loc[kena_kode, "kode_berkas"]
        fitur.loc[kena_kode, "cara"] = "kode"
        beda = setuju.index[~setuju] if kolom_nama else []
        fitur.loc[beda, "catatan"] = "nama berbeda dari master: " + fitur.loc[beda, "kode"].map(nama_master)
        skema = "sama dengan master (dicocokkan menurut kode)"
    elif kolom_kode:
        skema = "berbeda dari master (mis. Kemendagri): dicocokkan menurut nama dalam wilayah induk"
    else:
        skema = "tanpa kode: dicocokkan menurut nama dalam wilayah induk"

    # 3. names within the parent area
    sisa = fitur["kode"].isna() & (fitur["nama_norm"] != "")
    if sisa.any() and kolom_nama:
        _cocok_nama(fitur, sisa, calon, ruang, t, skema_sama, master, batas_induk)

    # without codes, parts of one area carry its name on each: same name, same area, one feature
    bagian = fitur["kode"].notna() & fitur["kode_berkas"].isna() & fitur.duplicated(["kode", "nama_norm"], keep=False)
    if bagian.any():
        satu = fitur[bagian].dissolve(by="kode", as_index=False, aggfunc="first", sort=False)[fitur.columns]
        fitur = pd.concat([fitur[~bagian], satu], ignore_index=True)
    # several features on one master area: none of them is trusted
    dobel = fitur["kode"].notna() & fitur.duplicated("kode", keep=False)
    fitur["status"] = np.where(fitur["kode"].isna(), "tidak cocok", "cocok")
    fitur.loc[dobel, "status"] = "ambigu"
    fitur.loc[dobel, "catatan"] = "beberapa fitur cocok ke " + fitur.loc[dobel, "kode"].astype(str)
    fitur.loc[fitur["status"] == "ambigu", "kode"] = None
    fitur.loc[fitur["catatan"].str.startswith("nama sama di"), "status"] = "ambigu"
    fitur["nama_master"] = fitur["kode"].map(nama_master)
    dipakai = set(fitur["kode"].dropna())
    cakupan = {k[: PANJANG_BPS[2]] for k in dipakai} if not induk else {induk}
    tanpa = calon[~calon["kode"].isin(dipakai) & calon["kode"].str[: PANJANG_BPS[2]].map(lambda k: any(k.startswith(c) or c.startswith(k) for c in cakupan))]
    fitur["kode_berkas"] = fitur["kode_asli"].map(lambda v: None if v is None else str(v).strip())  # as written in the file
    kolom = ["kode_berkas", "nama_berkas", "kode", "nama_master", "cara", "status", "catatan", "geometry"]
    return HasilCocok(fitur[kolom].reset_index(drop=True), tanpa[["kode", "nama"]].reset_index(drop=True), t, skema, kolom_kode, kolom_nama)


def _cocok_nama(
    fitur: gpd.GeoDataFrame, sisa: pd.Series, calon: pd.DataFrame, ruang: pd.DataFrame, t: int, skema_sama: bool, master: pd.DataFrame, batas_induk: BatasInduk | None
) -> None:
    """Names within the parent: the parent comes from the file's parent code or names, its geometry, or a vote of names."""
    induk_master = ruang[ruang["tingkat"] == t - 1]
    nama_kakek = dict(zip(master.loc[master["tingkat"] == t - 2, "kode"], master.loc[master["tingkat"] == t - 2, "nama_norm"], strict=True))
    # the file's own grouping of features under a parent (its code prefix, or parent-name columns)
    panjang_induk = {2: 2, 3: 4, 4: 7}[t]
    kelompok = (fitur["induk_nama"] + "|" + fitur["kakek_nama"]).where(fitur["induk_nama"] != "", None)
    dari_kode = fitur["kode_asli"].map(lambda v: ".".join(str(v).split(".")[:-1]) if v is not None and "." in str(v) else None)
    dari_kode = dari_kode.where(dari_kode.notna(), fitur["kode_berkas"].map(lambda k: k[: len(k) - (PANJANG_BPS[t] - panjang_induk)] if k else None))
    kelompok = kelompok.where(kelompok.notna(), dari_kode)
    indeks = calon.groupby(["induk", "nama_norm"])["kode"].agg(list)
    semua = calon.groupby("nama_norm")["kode"].agg(list)
    for grup, baris in fitur[sisa].groupby(kelompok[sisa].fillna(""), sort=False):
        induk_kode = None
        if grup and _digit(grup) and skema_sama and _digit(grup) in set(induk_master["kode"]):
            induk_kode = _digit(grup)
        elif grup and not _digit(grup):  # parent-name columns: 'kecamatan|kabupaten'
            nama_induk, nama_kakek_berkas = grup.split("|", 1)
            sama = induk_master[induk_master["nama_norm"] == nama_induk]
            if len(sama) > 1 and nama_kakek_berkas:  # the same kecamatan name in two kabupaten: the file's kabupaten name settles it
                sama = sama[sama["induk"].map(nama_kakek) == nama_kakek_berkas]
            induk_kode = sama["kode"].iloc[0] if len(sama) == 1 else None
            if induk_kode is None and len(sama) > 1 and batas_induk is not None:  # twins left: where each feature lies decides
                _cocok_dalam_induk(fitur, baris, _induk_menurut_geometri(sama, baris, batas_induk), indeks)
                continue
        if induk_kode is None and grup:
            suara = calon[calon["nama_norm"].isin(set(baris["nama_norm"]))].groupby("induk").size().sort_values(ascending=False)
            if len(suara) and suara.iloc[0] >= max(1, 0.3 * len(baris)) and (len(suara) == 1 or suara.iloc[0] > suara.iloc[1]):
                induk_kode = suara.index[0]
        _cocok_dalam_induk(fitur, baris, dict.fromkeys(baris.index, induk_kode), indeks, semua)


def _cocok_dalam_induk(fitur: gpd.GeoDataFrame, baris: gpd.GeoDataFrame, induk: dict, indeks: pd.Series, semua: pd.Series | None = None) -> None:
    """Match each feature's name among the children of its parent (induk per feature; None: anywhere in scope)."""
    for i, nama in baris["nama_norm"].items():
        induk_kode = induk.get(i)
        if induk_kode is None and semua is None:
            fitur.loc[i, "catatan"] = "wilayah induk tidak dapat ditentukan (nama induk kembar, letak di luar batas induk)"
            continue
        pilihan = indeks.get((induk_kode, nama), []) if induk_kode else semua.get(nama, [])
        if len(pilihan) == 1:
            fitur.loc[i, ["kode", "cara"]] = [pilihan[0], "nama"]
        elif len(pilihan) > 1:
            fitur.loc[i, "catatan"] = f"nama sama di {len(pilihan)} wilayah: {', '.join(pilihan)}"
        elif induk_kode:
            fitur.loc[i, "catatan"] = f"nama tidak ditemukan di wilayah induk {induk_kode}"
        else:
            fitur.loc[i, "catatan"] = "nama tidak ditemukan"


def _induk_menurut_geometri(calon_induk: pd.DataFrame, baris: gpd.GeoDataFrame, batas_induk: BatasInduk) -> dict:
    """For each feature, the candidate parent whose stored boundary holds a point inside it (None where none
    or several do)."""
    batas = batas_induk(list(calon_induk["kode"]))
    hasil = dict.fromkeys(baris.index)
    if batas is None or batas.empty:
        return hasil
    titik = baris.geometry.to_crs("EPSG:4326").representative_point() if baris.crs is not None else baris.geometry.representative_point()
    isi = {k: g.buffer(1e-6).contains(titik) for k, g in zip(batas["kode"], batas.geometry, strict=True)}
    for i in baris.index:
        di = [k for k, dalam in isi.items() if dalam[i]]
        hasil[i] = di[0] if len(di) == 1 else None
    return hasil


def geometri_sah(geoms: np.ndarray) -> np.ndarray:
    """Valid polygons (self-intersections repaired, stray lines dropped)."""
    hasil = []
    for g in geoms:
        if not g.is_valid:
            g = shapely.make_valid(g)
            if g.geom_type == "GeometryCollection":
                g = shapely.union_all([p for p in g.geoms if p.geom_type in ("Polygon", "MultiPolygon")])
        hasil.append(g)
    return np.array(hasil, dtype=object)
