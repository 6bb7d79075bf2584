"""Boundary import: code and name matching against the area master, crosswalk, formats, clean simplified coverage."""

from __future__ import annotations

import json
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from sqlalchemy import select

from demo.geografi import buat_geografi, geografi_dari_berkas
from geodata.cocok import BatasTakTerbaca, OpsiCocok, normalkan_nama
from geodata.layar import ANGGARAN_BYTE, geojson_layar, ukuran_byte
from queries.impor import penolakan_terkini, riwayat_impor
from queries.wilayah import batas_anak
from store import schema as s
from store.batas import baca_padanan, impor_batas
from store.db import buat_skema
from store.impor.tulis import impor_tabel
from tests.conftest import SHARED

LUWU = SHARED / "geodata"
ada_luwu = pytest.mark.skipif(not (LUWU / "luwu_desa.geojson").exists(), reason="../shared/geodata is absent")


def _gaya_bps(nama: str, kode_md: str) -> str:
    """How a BPS master spells a name: upper case, kelurahan prefixed, some punctuation."""
    teks = nama.upper().replace(" ", "-", 1) if len(nama) % 7 == 0 else nama.upper()
    return ("KELURAHAN " if kode_md.split(".")[-1].startswith("1") else "") + teks


@pytest.fixture(scope="module")
def luwu():
    """The Luwu geography recoded BPS-style, and the BPS-spelled names of its master."""
    if not (LUWU / "luwu_desa.geojson").exists():
        pytest.skip("../shared/geodata is absent")
    geo = geografi_dari_berkas(np.random.default_rng(1), LUWU / "luwu_desa.geojson", LUWU / "luwu_kecamatan.geojson")
    asli = gpd.read_file(LUWU / "luwu_desa.geojson")
    kode_md = dict(zip(asli["nama"], asli["kode"], strict=False))
    master = geo.wilayah.copy()
    master["nama"] = [_gaya_bps(n, kode_md.get(n, "0")) if len(k) == 10 else n.upper() for k, n in zip(master["kode"], master["nama"], strict=True)]
    return geo, master


def _master(eng, master: pd.DataFrame) -> None:
    buat_skema(eng)
    assert impor_tabel(eng, "wilayah", master, "master").jumlah_ditolak == 0


def _benar(hasil, geo_tingkat: gpd.GeoDataFrame) -> None:
    """Every matched feature lies inside the master area it was matched to (so the match is right, not just made)."""
    cocok = hasil.fitur[hasil.fitur["status"] == "cocok"]
    acuan = geo_tingkat.set_index("kode").geometry
    titik = cocok.geometry.representative_point().to_numpy()
    assert all(acuan[k].buffer(1e-6).contains(t) for k, t in zip(cocok["kode"], titik, strict=True))


@ada_luwu
def test_luwu_kemendagri_dicocokkan_menurut_nama_dalam_induk(db_kosong_semua, luwu):
    geo, master = luwu
    _master(db_kosong_semua, master)
    kec, n_kec = impor_batas(db_kosong_semua, LUWU / "luwu_kecamatan.geojson")
    desa, n_desa = impor_batas(db_kosong_semua, LUWU / "luwu_desa.geojson")
    assert kec.tingkat == 3 and desa.tingkat == 4 and "berbeda" in desa.skema
    assert kec.ringkasan() == {**kec.ringkasan(), "fitur": 22, "cocok": 22, "cocok_nama": 22, "tidak_cocok": 0, "ambigu": 0, "master_tanpa_batas": 0}
    assert desa.ringkasan() == {**desa.ringkasan(), "fitur": 227, "cocok": 227, "cocok_nama": 227, "tidak_cocok": 0, "ambigu": 0, "master_tanpa_batas": 0}
    _benar(kec, geo.kecamatan)
    _benar(desa, geo.desa)  # includes the four names that occur in two kecamatan each
    assert n_kec == 23 and n_desa == 227  # the kabupaten outline is derived from its complete kecamatan
    assert len(batas_anak(db_kosong_semua, "7317")) == 22
    assert sum(len(batas_anak(db_kosong_semua, k)) for k in geo.kecamatan["kode"]) == 227
    assert list(riwayat_impor(db_kosong_semua, 2)["tabel"]) == ["batas_desa", "batas_kecamatan"]
    assert impor_batas(db_kosong_semua, LUWU / "luwu_kecamatan.geojson")[1] == 23  # a re-import stores (and says) the same


@ada_luwu
def test_luwu_layar_dalam_anggaran_dan_tetap_cakupan_rapat(db_kosong, luwu):
    _, master = luwu
    _master(db_kosong, master)
    impor_batas(db_kosong, LUWU / "luwu_desa.geojson")
    with db_kosong.connect() as conn:
        rows = conn.execute(select(s.batas_wilayah.c.kode, s.batas_wilayah.c.geojson).where(s.batas_wilayah.c.tingkat == 4)).all()
    tersimpan = pd.DataFrame(rows, columns=["kode", "geojson"])
    asli_byte = ukuran_byte({"features": [shapely.geometry.mapping(g) for g in gpd.read_file(LUWU / "luwu_desa.geojson").geometry]})
    layar = geojson_layar(tersimpan)
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in layar["features"]])
    assert ukuran_byte(layar) <= ANGGARAN_BYTE < asli_byte
    assert shapely.coverage_is_valid(geoms)  # neighbours share one border: no overlaps, edges identical
    # no gap opened between neighbours: the simplified desa cover what the stored ones cover, to 0.1%
    gabung = shapely.union_all(geoms)
    simpan = shapely.union_all([shapely.geometry.shape(json.loads(t)) for t in tersimpan["geojson"]])
    assert abs(gabung.area / simpan.area - 1) < 1e-3
    assert sum(len(p.interiors) for p in getattr(gabung, "geoms", [gabung])) <= sum(len(p.interiors) for p in getattr(simpan, "geoms", [simpan]))


@ada_luwu
def test_luwu_nama_berbeda_diselesaikan_dengan_padanan(db_kosong, luwu, tmp_path):
    geo, master = luwu
    master = master.copy()
    salah = master["kode"] == geo.desa["kode"].iloc[5]
    master.loc[salah, "nama"] = "NAMA LAMA SEKALI"
    _master(db_kosong, master)
    uji, _ = impor_batas(db_kosong, LUWU / "luwu_desa.geojson", uji=True)
    r = uji.ringkasan()
    assert (r["cocok"], r["tidak_cocok"], r["master_tanpa_batas"]) == (226, 1, 1)
    gagal = uji.fitur[uji.fitur["status"] == "tidak cocok"].iloc[0]
    assert "tidak ditemukan di wilayah induk " + geo.desa["kode"].iloc[5][:7] in gagal["catatan"]
    assert list(uji.master_tanpa_batas["kode"]) == [geo.desa["kode"].iloc[5]]
    with db_kosong.connect() as conn:
        assert conn.execute(select(s.batas_wilayah.c.kode).limit(1)).first() is None  # a dry run stores nothing
    assert gagal["kode_berkas"].count(".") == 3  # the report shows the code as the file writes it
    (tmp_path / "padanan.csv").write_text(f"kode_berkas;kode\n{gagal['kode_berkas']};{geo.desa['kode'].iloc[5]}\n")
    hasil, disimpan = impor_batas(db_kosong, LUWU / "luwu_desa.geojson", opsi=OpsiCocok(padanan=baca_padanan(tmp_path / "padanan.csv")))
    assert hasil.ringkasan()["cocok"] == 227 and hasil.ringkasan()["cocok_padanan"] == 1 and disimpan >= 227
    _benar(hasil, geo.desa)


@ada_luwu
def test_luwu_hanya_nama_tanpa_induk_menandai_nama_kembar_ambigu(db_kosong, luwu, tmp_path):
    geo, master = luwu
    _master(db_kosong, master)
    desa = gpd.read_file(LUWU / "luwu_desa.geojson")[["nama", "geometry"]].rename(columns={"nama": "NAMOBJ"})
    desa.to_file(tmp_path / "desa.gpkg")
    hasil, _ = impor_batas(db_kosong, tmp_path / "desa.gpkg", opsi=OpsiCocok(tingkat="desa", induk="7317"))
    r = hasil.ringkasan()
    assert hasil.kolom_kode is None and hasil.kolom_nama == "NAMOBJ"
    assert (r["cocok"], r["ambigu"], r["tidak_cocok"]) == (219, 8, 0)  # Buntu Batu, Pangi, Padang Kalua, Salubua: two each
    ambigu = hasil.fitur[hasil.fitur["status"] == "ambigu"]
    assert {normalkan_nama(n) for n in ambigu["nama_berkas"]} == {"buntubatu", "pangi", "padangkalua", "salubua"}
    assert penolakan_terkini(db_kosong)["alasan"].str.startswith("ambigu: nama sama di 2 wilayah").sum() == 8
    _benar(hasil, geo.desa)


def _geo_buatan():
    geo = buat_geografi(np.random.default_rng(4), n_kab=1, n_kec=4, n_desa=30)
    return geo


def test_kode_bps_shapefile_zip_dicocokkan_menurut_kode(db_kosong, tmp_path):
    geo = _geo_buatan()
    _master(db_kosong, geo.wilayah)
    desa = geo.desa[["kode", "nama", "geometry"]].rename(columns={"kode": "KDDESA", "nama": "NMDESA"})
    desa["OBJECTID"] = range(1, len(desa) + 1)
    desa.loc[0, "NMDESA"] = "Nama Baru Desa"  # renamed since the master was made: still matched by code, noted
    desa.to_file(tmp_path / "desa.shp")
    with zipfile.ZipFile(tmp_path / "desa.zip", "w") as z:
        for p in tmp_path.glob("desa.*"):
            if p.suffix != ".zip":
                z.write(p, p.name)
    hasil, _ = impor_batas(db_kosong, (tmp_path / "desa.zip").read_bytes(), "desa.zip")
    assert (hasil.kolom_kode, hasil.kolom_nama, hasil.tingkat) == ("KDDESA", "NMDESA", 4)
    assert hasil.ringkasan()["cocok_kode"] == len(desa) and "sama" in hasil.skema
    assert hasil.fitur.loc[0, "catatan"].startswith("nama berbeda dari master")
    _benar(hasil, geo.desa)


def test_pulau_terpisah_digabung_dan_berkas_rusak_ditolak(db_kosong, tmp_path):
    geo = _geo_buatan()
    _master(db_kosong, geo.wilayah)
    kec = geo.kecamatan[["kode", "nama", "geometry"]].explode(index_parts=False)  # one row per part, as shapefiles do
    pulau = kec.iloc[[0]].copy()
    pulau["geometry"] = pulau.geometry.translate(0.5, 0.5).scale(0.1, 0.1)
    kec = pd.concat([kec, pulau])
    kec.to_file(tmp_path / "kec.geojson")
    hasil, _ = impor_batas(db_kosong, tmp_path / "kec.geojson")
    assert hasil.ringkasan() == {**hasil.ringkasan(), "fitur": 4, "cocok": 4, "ambigu": 0}
    titik = {"type": "Feature", "properties": {"kode": "1"}, "geometry": {"type": "Point", "coordinates": [1, 1]}}
    (tmp_path / "titik.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [titik]}))
    for berkas, pesan in [("titik.geojson", "poligon"), ("kosong.geojson", "tidak dapat dibaca")]:
        with pytest.raises(BatasTakTerbaca, match=pesan):
            impor_batas(db_kosong, tmp_path / berkas)


def test_normalkan_nama():
    assert normalkan_nama("Kelurahan  Bua-Ponrang") == normalkan_nama("BUA PONRANG") == normalkan_nama("Desa Bua'ponrang") == "buaponrang"
    assert normalkan_nama("Desa") == "desa"


def _provinsi_nama_kembar():
    """A province of two kabupaten where a kecamatan name repeats in both, with the same desa names under it."""
    geo = buat_geografi(np.random.default_rng(7), n_kab=2, n_kec=3, n_desa=18)
    wil = geo.wilayah.set_index("kode")["nama"].copy()
    kec_a, kec_b = geo.kecamatan["kode"].iloc[0], geo.kecamatan[geo.kecamatan["kode"].str[:4] != geo.kecamatan["kode"].iloc[0][:4]]["kode"].iloc[0]
    wil[kec_b] = wil[kec_a]
    desa_a = [k for k in geo.desa["kode"] if k.startswith(kec_a)]
    desa_b = [k for k in geo.desa["kode"] if k.startswith(kec_b)]
    for a, b in zip(desa_a, desa_b, strict=False):
        wil[b] = wil[a]
    master = wil.rename("nama").reset_index()
    desa = geo.desa[["kode", "geometry"]].assign(
        NAMOBJ=lambda d: d["kode"].map(wil),
        WADMKC=lambda d: d["kode"].str[:7].map(wil),
        WADMKK=lambda d: d["kode"].str[:4].map(wil).str.replace("Kabupaten ", ""),
        KDEPUM=lambda d: [f"99.{k[2:4]}.{int(k[4:7]) // 10:02d}.2{k[7:10]}" for k in d["kode"]],  # another scheme (Kemendagri-like)
    )
    return geo, master, desa.drop(columns="kode"), (kec_a, kec_b)


def test_provinsi_kecamatan_kembar_diselesaikan_nama_kabupaten_dan_geometri(db_kosong_semua, tmp_path):
    """A province desa file (desa, kecamatan and kabupaten names, another code scheme): a kecamatan name that
    repeats across kabupaten is settled by the kabupaten name; without that column, by the stored kecamatan
    boundaries (a desa lies inside its kecamatan). Every desa matched, and matched right."""
    geo, master, desa, (kec_a, kec_b) = _provinsi_nama_kembar()
    assert master.set_index("kode").loc[kec_a, "nama"] == master.set_index("kode").loc[kec_b, "nama"]
    _master(db_kosong_semua, master)
    desa.to_file(tmp_path / "desa_prov.geojson")
    hasil, _ = impor_batas(db_kosong_semua, tmp_path / "desa_prov.geojson", uji=True)
    r = hasil.ringkasan()
    assert (r["fitur"], r["cocok"], r["ambigu"], r["tidak_cocok"]) == (len(desa), len(desa), 0, 0), hasil.fitur[hasil.fitur["status"] != "cocok"]
    _benar(hasil, geo.desa)
    # no kabupaten column: the kecamatan boundaries already stored settle the twin kecamatan
    impor_batas(db_kosong_semua, _tulis_kec(geo, master, tmp_path))
    desa.drop(columns="WADMKK").to_file(tmp_path / "desa_tanpa_kab.geojson")
    hasil, _ = impor_batas(db_kosong_semua, tmp_path / "desa_tanpa_kab.geojson", uji=True)
    assert hasil.ringkasan()["cocok"] == len(desa), hasil.fitur[hasil.fitur["status"] != "cocok"]
    _benar(hasil, geo.desa)


def _tulis_kec(geo, master, tmp_path):
    kec = geo.kecamatan[["kode", "geometry"]].assign(nama=lambda d: d["kode"].map(master.set_index("kode")["nama"]))
    kec.to_file(tmp_path / "kec_bps.geojson")
    return tmp_path / "kec_bps.geojson"
