"""Write side of boundaries: match a boundary file to the area master and store its polygons per area code."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from sqlalchemy import Connection, Engine, delete, select

from aturan.kode import PANJANG_INDUK, TINGKAT_DARI_PANJANG
from geodata.cocok import HasilCocok, OpsiCocok, baca_batas, cocokkan, geometri_sah
from geodata.layar import bersihkan
from store import paradata
from store.berkas import BerkasTakTerbaca, baca_berkas
from store.db import potong
from store.impor.kontrak import kunci_kolom
from store.schema import batas_wilayah, impor, penolakan, wilayah

TANDA_GABUNGAN = " (gabungan wilayah di bawahnya)"  # ends the source of a boundary made as the union of its children


def simpan_batas(conn: Connection, gdf: gpd.GeoDataFrame, sumber: str, kolom_kode: str = "kode") -> int:
    """Replace the stored boundaries of the areas in gdf (keyed by BPS code) inside the caller's transaction."""
    gdf = gdf.to_crs("EPSG:4326") if gdf.crs is not None else gdf
    rows = []
    for kode, geom in zip(gdf[kolom_kode].astype(str), geometri_sah(gdf.geometry.to_numpy()), strict=True):
        if geom is None or geom.is_empty:
            continue
        rows.append(
            {
                "kode": kode,
                "tingkat": TINGKAT_DARI_PANJANG[len(kode)],
                "induk": kode[: PANJANG_INDUK[len(kode)]] if len(kode) in PANJANG_INDUK else None,
                "geojson": json.dumps(shapely.geometry.mapping(geom)),
                "sumber": sumber[:300],
            }
        )
    for bagian in potong([r["kode"] for r in rows]):
        conn.execute(delete(batas_wilayah).where(batas_wilayah.c.kode.in_(bagian)))
    if rows:
        conn.execute(batas_wilayah.insert(), rows)
    desa = [r["kode"] for r in rows if len(r["kode"]) == 10]
    if desa:  # stored interview points in these desa are measured against the new polygons
        paradata.perbarui(conn, paradata.hitung_ulang_jarak(conn, desa))
    return len(rows)


def baca_padanan(isi: bytes | Path | str, nama: str | None = None) -> dict[str, str]:
    """A crosswalk file: rows of (kode_berkas or nama_berkas, kode) mapping a feature to a master code."""
    berkas = baca_berkas(isi, nama, kolom_dikenal=("kode_berkas", "nama_berkas", "kode"))
    kolom = {kunci_kolom(c): c for c in berkas.tabel.columns}
    asal = kolom.get("kodeberkas") or kolom.get("namaberkas")
    if not asal or "kode" not in kolom:
        raise BerkasTakTerbaca(f"{berkas.nama}: berkas padanan perlu kolom kode_berkas (atau nama_berkas) dan kode; ditemukan {', '.join(berkas.tabel.columns)}")
    hasil = {}
    for no, (a, k) in zip(berkas.nomor_baris, berkas.tabel[[asal, kolom["kode"]]].itertuples(index=False), strict=True):
        if not a or not k:
            raise BerkasTakTerbaca(f"{berkas.nama}: baris {no}: {asal} dan kode wajib diisi")
        hasil[str(a)] = str(k).replace(".", "").strip()
    return hasil


def _master(conn: Connection) -> pd.DataFrame:
    rows = conn.execute(select(wilayah.c.kode, wilayah.c.nama, wilayah.c.induk, wilayah.c.tingkat).where(wilayah.c.tingkat <= 4)).all()
    return pd.DataFrame(rows, columns=["kode", "nama", "induk", "tingkat"])


def _pengambil_batas(conn: Connection):
    """A function giving the stored boundaries of some area codes (for the matcher's parent-by-geometry step)."""

    def ambil(kode: list[str]) -> gpd.GeoDataFrame:
        rows = conn.execute(select(batas_wilayah.c.kode, batas_wilayah.c.geojson).where(batas_wilayah.c.kode.in_(kode[:500]))).all()
        geom = [shapely.geometry.shape(json.loads(g)) for _, g in rows]
        return gpd.GeoDataFrame({"kode": [k for k, _ in rows]}, geometry=geom, crs="EPSG:4326")

    return ambil


def _turunkan_induk(conn: Connection, hasil: HasilCocok, sumber: str) -> int:
    """Parents without a boundary get the union of their children's, when every child was matched."""
    kode = set(hasil.cocok()["kode"])
    if hasil.tingkat < 3 or not kode:
        return 0
    induk = {k[: PANJANG_INDUK[len(k)]] for k in kode}
    tersimpan = conn.execute(select(batas_wilayah.c.kode, batas_wilayah.c.sumber).where(batas_wilayah.c.kode.in_(sorted(induk))))
    ada = {k for k, sumber in tersimpan if not (sumber or "").endswith(TANDA_GABUNGAN)}  # a union made before is made again
    anak = conn.execute(select(wilayah.c.kode, wilayah.c.induk).where(wilayah.c.induk.in_(sorted(induk - ada)))).all()
    lengkap = {i for i in induk - ada if all(k in kode for k, ind in anak if ind == i)}
    cocok = hasil.cocok().assign(induk=lambda d: d["kode"].map(lambda k: k[: PANJANG_INDUK[len(k)]]))
    cocok = cocok[cocok["induk"].isin(lengkap)]
    if cocok.empty:
        return 0
    gabung = [{"kode": i, "geometry": shapely.union_all(g.geometry.to_numpy())} for i, g in cocok.groupby("induk")]
    return simpan_batas(conn, gpd.GeoDataFrame(gabung, geometry="geometry", crs="EPSG:4326"), f"{sumber[:200]}{TANDA_GABUNGAN}")


def impor_batas(
    engine: Engine,
    isi: bytes | Path | str,
    nama: str | None = None,
    opsi: OpsiCocok = OpsiCocok(),
    uji: bool = False,
) -> tuple[HasilCocok, int]:
    """Match a boundary file to the master and, unless uji, store the matched polygons in one transaction.

    Unmatched and ambiguous features are logged as rejects. Returns (match result, areas stored)."""
    nama = nama or str(isi)
    gdf = baca_batas(isi, nama)
    with engine.begin() as conn:
        hasil = cocokkan(gdf, _master(conn), opsi, _pengambil_batas(conn))
        if uji:
            return hasil, 0
        disimpan = simpan_batas(conn, bersihkan(hasil.cocok()), nama)
        disimpan += _turunkan_induk(conn, hasil, nama)
        f = hasil.fitur
        gagal = f[f["status"] != "cocok"]
        id_impor = conn.execute(
            impor.insert().values(
                tabel=f"batas_{['', 'provinsi', 'kabupaten', 'kecamatan', 'desa'][hasil.tingkat]}",
                sumber=nama[:300],
                waktu=datetime.now(),
                baris_dibaca=len(f),
                baris_dimuat=int((f["status"] == "cocok").sum()),
                baris_ditolak=len(gagal),
                catatan=f"skema kode {hasil.skema}; kolom kode {hasil.kolom_kode}, kolom nama {hasil.kolom_nama}",
            )
        ).inserted_primary_key[0]
        if len(gagal):
            conn.execute(
                penolakan.insert(),
                [
                    {
                        "id_impor": id_impor,
                        "berkas": nama[:300],
                        "baris": int(i) + 1,
                        "alasan": f"{r.status}: {r.catatan}"[:300],
                        "data": json.dumps({"kode": r.kode_berkas, "nama": r.nama_berkas}, ensure_ascii=False),
                    }
                    for i, r in gagal.iterrows()
                ],
            )
    return hasil, disimpan
