"""Every number of the overview equals an independent recomputation from the raw rows, on both databases."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest

from aturan.indikator import lengkapi
from queries.progres import rekap_anak, rekap_wilayah, rentang_data, seri_harian
from store.baca import baca_jadwal
from tests import rujukan

MULAI, SELESAI = date(2022, 10, 15), date(2022, 11, 14)
TANGGAL_UJI = [
    MULAI - timedelta(days=1),
    MULAI,
    MULAI + timedelta(days=3),
    date(2022, 11, 1),
    SELESAI,
    SELESAI + timedelta(days=2),
    date(2022, 11, 30),
    date(2022, 12, 5),
]
KOLOM = ["capaian", "rencana", "selisih", "status", "laju_7hari", "laju_perlu", "proyeksi_selesai"]


def _sama(a, b) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        return (a is None or (isinstance(a, float) and math.isnan(a))) and (b is None or (isinstance(b, float) and math.isnan(b)))
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def _cek_wilayah(hasil: pd.DataFrame, tabel: dict, panjang: int, tgl: date) -> int:
    acuan = rujukan.per_wilayah(tabel, panjang, tgl)
    dicek = 0
    for baris in hasil.itertuples(index=False):
        harap = acuan.loc[baris.kode] if baris.kode in acuan.index else pd.Series({"sasaran": 0, "selesai": 0, "selesai_1": 0, "selesai_7": 0})
        for k in ("sasaran", "selesai", "selesai_1", "selesai_7"):
            assert getattr(baris, k) == harap[k], (baris.kode, tgl, k)
        harap_ind = rujukan.indikator(harap, *rujukan.jadwal_area(tabel, baris.kode), tgl)
        for k in KOLOM:
            assert _sama(getattr(baris, k), harap_ind[k]), (baris.kode, tgl, k, getattr(baris, k), harap_ind[k])
        dicek += 1
    return dicek


@pytest.mark.parametrize("tgl", TANGGAL_UJI, ids=str)
def test_kecamatan_dan_desa_sama_dengan_rujukan(db_kecil, kampanye_kecil, tgl):
    tabel = kampanye_kecil.tabel
    jadwal = baca_jadwal(db_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    kec = lengkapi(rekap_anak(db_kecil, kab, tgl), jadwal, tgl)
    assert set(kec["kode"]) == set(kampanye_kecil.geografi.kecamatan["kode"])
    assert _cek_wilayah(kec, tabel, 7, tgl) == len(kec)
    for kode_kec in kec["kode"]:
        desa = lengkapi(rekap_anak(db_kecil, kode_kec, tgl), jadwal, tgl)
        assert len(desa) == (kampanye_kecil.geografi.desa["kode_kec"] == kode_kec).sum()
        _cek_wilayah(desa, tabel, 10, tgl)
    total = lengkapi(rekap_wilayah(db_kecil, kab, tgl), jadwal, tgl)
    _cek_wilayah(total, tabel, 4, tgl)


def test_hari_sebelum_mulai_semua_nol(db_kecil, kampanye_kecil):
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    tgl = MULAI - timedelta(days=1)
    baris = lengkapi(rekap_wilayah(db_kecil, kab, tgl), baca_jadwal(db_kecil), tgl).iloc[0]
    assert baris["selesai"] == 0 and baris["capaian"] == 0 and baris["rencana"] == 0
    assert baris["laju_perlu"] == pytest.approx(baris["sasaran"] / 31)
    assert baris["proyeksi_selesai"] is None


def test_seri_harian_menjumlah_ke_selesai(db_kecil, kampanye_kecil):
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    kel = kampanye_kecil.tabel["keluarga"]
    pertama = kel.groupby("id_keluarga")["tanggal"].min()
    seri = seri_harian(db_kecil, kab, date(2022, 11, 1))
    harap = pertama[pertama <= date(2022, 11, 1)].value_counts().sort_index()
    assert list(seri["tanggal"]) == list(harap.index)
    assert list(seri["selesai_hari"]) == list(harap.to_numpy())


def test_rentang_data_dan_jadwal(db_kecil, kampanye_kecil):
    kel = kampanye_kecil.tabel["keluarga"]
    assert rentang_data(db_kecil) == (min(kel["tanggal"]), max(kel["tanggal"]))
    jadwal = baca_jadwal(db_kecil)
    assert (jadwal.umum.mulai, jadwal.umum.selesai, jadwal.umum.n_hari) == (MULAI, SELESAI, 31)


@pytest.mark.parametrize("tgl", TANGGAL_UJI, ids=str)
def test_status_tidak_membantah_proyeksi_dan_tenggat(db_kecil, kampanye_kecil, tgl):
    """One area, one answer: no area is called on track, ahead or done while its projection or its deadline says
    otherwise, at kecamatan and desa level, before, during and after the deadline (extensions included)."""
    jadwal = baca_jadwal(db_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    kec = lengkapi(rekap_anak(db_kecil, kab, tgl), jadwal, tgl)
    semua = pd.concat([kec, *(lengkapi(rekap_anak(db_kecil, k, tgl), jadwal, tgl) for k in kec["kode"])])
    for r in semua.itertuples():
        if r.sasaran > 0 and r.sisa > 0 and tgl > r.tenggat:
            assert r.status == "lewat", (r.kode, tgl)
        if r.proyeksi_selesai is not None and r.proyeksi_selesai > r.tenggat:
            assert r.status in ("lewat", "kritis", "tertinggal", "berisiko"), (r.kode, tgl, r.status)
        if r.status in ("sesuai", "depan") and tgl >= MULAI:  # before the first day nothing is planned nor paced
            assert r.proyeksi_selesai is not None and r.proyeksi_selesai <= r.tenggat, (r.kode, tgl)
        assert (r.status == "tuntas") == (r.sasaran > 0 and r.sisa == 0)
