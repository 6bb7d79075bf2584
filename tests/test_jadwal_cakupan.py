"""Schedules in force (extensions, custom plans), per-day frames, coverage and field reports vs raw rows."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest

from aturan import deret
from aturan.indikator import lengkapi, rencana_harian
from queries.progres import cakupan, laporan_lapangan, rekap_anak, rekap_turunan, seri_harian_turunan
from store.baca import baca_jadwal
from store.impor.tulis import impor_tabel
from store.jadwal import hapus_perpanjangan, simpan_jadwal, simpan_rencana
from store.siapkan import muat_kampanye
from tests import rujukan

MULAI = date(2022, 10, 15)


@pytest.fixture
def db_ubah(db_kosong_semua, kampanye_kecil):
    """The small campaign in a database the test may change (SQLite and PostgreSQL)."""
    muat_kampanye(db_kosong_semua, kampanye_kecil)
    return db_kosong_semua


def _kab(kampanye) -> str:
    return kampanye.geografi.kabupaten["kode"].iloc[0]


def test_rencana_persen_per_hari_dan_perpanjangan(db_ubah, kampanye_kecil):
    simpan_rencana(db_ubah, list(rencana_harian(MULAI, 4.0)))
    kec = next(k for k in kampanye_kecil.geografi.kecamatan["kode"] if k not in kampanye_kecil.info["kecamatan_terpencil"])
    hasil = simpan_jadwal(db_ubah, MULAI, date(2022, 11, 30), kec)
    assert hasil.jumlah_ditolak == 0
    jk = baca_jadwal(db_ubah)
    tgl = date(2022, 10, 24)  # day 10
    df = lengkapi(rekap_anak(db_ubah, _kab(kampanye_kecil), tgl), jk, tgl).set_index("kode")
    assert df.loc[kec, "rencana"] == pytest.approx(40.0)  # 4% per day, whatever the end date
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 7, tgl)
    assert df.loc[kec, "selisih"] == pytest.approx(acuan.loc[kec, "selesai"] / acuan.loc[kec, "sasaran"] * 100 - 40)
    assert df.loc[kec, "sisa_hari"] == (date(2022, 11, 30) - tgl).days
    lain = next(k for k in df.index if k != kec and k not in jk.perpanjangan)
    assert df.loc[lain, "sisa_hari"] == (jk.umum.selesai - tgl).days
    # back to linear: the extended kecamatan is measured against day k of its own 47 days
    simpan_rencana(db_ubah, [])
    jk = baca_jadwal(db_ubah)
    df = lengkapi(rekap_anak(db_ubah, _kab(kampanye_kecil), tgl), jk, tgl).set_index("kode")
    assert df.loc[kec, "rencana"] == pytest.approx(10 / 47 * 100)
    assert df.loc[lain, "rencana"] == pytest.approx(10 / jk.umum.n_hari * 100)
    hapus_perpanjangan(db_ubah, kec)
    assert kec not in baca_jadwal(db_ubah).perpanjangan


def test_tonggak_rencana(db_ubah, kampanye_kecil):
    simpan_rencana(db_ubah, [(date(2022, 10, 21), 28.0), (date(2022, 11, 1), 55.0)])
    jk = baca_jadwal(db_ubah)
    j = jk.untuk(_kab(kampanye_kecil))
    assert j.rencana_persen(date(2022, 10, 21)) == 28
    assert j.rencana_persen(date(2022, 10, 27)) == pytest.approx(28 + 27 * 6 / 11)
    assert j.rencana_persen(date(2022, 11, 8)) == pytest.approx(55 + 45 * 7 / 13)  # on to 100% at the end
    assert j.rencana_persen(date(2022, 11, 14)) == 100


def test_perpanjangan_untuk_wilayah_tak_dikenal_ditolak(db_ubah):
    hasil = simpan_jadwal(db_ubah, MULAI, date(2022, 11, 30), "9999999")
    assert hasil.jumlah_ditolak == 1 and "tidak dikenal" in hasil.ditolak["alasan"].iloc[0]


def test_wilayah_tanpa_beban(db_ubah, kampanye_kecil):
    kec = kampanye_kecil.geografi.kecamatan["kode"].iloc[0]
    impor_tabel(db_ubah, "wilayah", pd.DataFrame({"kode": [kec + "999"], "nama": ["Desa Tanpa Beban"]}), "w.csv")
    tgl = date(2022, 11, 1)
    df = lengkapi(rekap_anak(db_ubah, kec, tgl), baca_jadwal(db_ubah), tgl).set_index("kode")
    baris = df.loc[kec + "999"]
    assert baris["sasaran"] == 0 and baris["selesai"] == 0 and pd.isna(baris["capaian"]) and baris["status"] is None


def test_wilayah_lewat_100_persen_tidak_dipotong(db_kecil, kampanye_kecil):
    tgl = max(kampanye_kecil.tabel["keluarga"]["tanggal"])
    desa = lengkapi(rekap_turunan(db_kecil, _kab(kampanye_kecil), 10, tgl), baca_jadwal(db_kecil), tgl)
    lewat = desa[desa["capaian"] > 100]
    assert len(lewat) > 0
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 10, tgl)
    for r in lewat.itertuples():
        assert r.capaian == pytest.approx(acuan.loc[r.kode, "selesai"] / acuan.loc[r.kode, "sasaran"] * 100)


def test_bingkai_harian_sama_dengan_kueri_per_hari(db_kecil, kampanye_kecil):
    kab = _kab(kampanye_kecil)
    akhir = date(2022, 11, 20)
    hari = deret.hari_hari(MULAI - timedelta(days=1), akhir)
    for panjang in (7, 10):
        dasar = rekap_turunan(db_kecil, kab, panjang, akhir)
        frame = deret.rekap_per_hari(dasar, seri_harian_turunan(db_kecil, kab, panjang, akhir), hari)
        for d in (hari[0], MULAI, date(2022, 10, 22), akhir):
            pd.testing.assert_frame_equal(frame[d].reset_index(drop=True), rekap_turunan(db_kecil, kab, panjang, d).reset_index(drop=True), check_dtype=False)
    tren = deret.tren_capaian(dasar, seri_harian_turunan(db_kecil, kab, 10, akhir), [akhir])
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 10, akhir)
    for kode, nilai in zip(dasar["kode"], tren, strict=True):
        if kode in acuan.index and acuan.loc[kode, "sasaran"]:
            assert nilai[0] == pytest.approx(round(acuan.loc[kode, "selesai"] / acuan.loc[kode, "sasaran"] * 100, 1))


@pytest.mark.parametrize("tgl", [date(2022, 10, 14), date(2022, 10, 25), date(2022, 11, 30)], ids=str)
def test_cakupan_hasil_terkini_per_tanggal(db_kecil, kampanye_kecil, tgl):
    kel = kampanye_kecil.tabel["keluarga"]
    wilayah = kel.sort_values(["id_keluarga", "tanggal"]).groupby("id_keluarga")["kode_sls"].last().str[:7]
    per_tgl = kel[kel["tanggal"] <= tgl].sort_values(["id_keluarga", "tanggal"]).groupby("id_keluarga").last()
    harap = pd.crosstab(wilayah.reindex(per_tgl.index), per_tgl["hasil"]).reindex(columns=[1, 2, 3, 4, 5], fill_value=0) if len(per_tgl) else None
    df = cakupan(db_kecil, _kab(kampanye_kecil), 7, tgl).set_index("kode")
    if harap is None:
        assert df.empty
        return
    for kode in harap.index:
        assert [df.loc[kode, f"hasil_{k}"] for k in range(1, 6)] == list(harap.loc[kode])
        assert df.loc[kode, "keluarga_baru"] == int(per_tgl.loc[wilayah.reindex(per_tgl.index) == kode, "keluarga_baru"].sum())
    selesai = rekap_anak(db_kecil, _kab(kampanye_kecil), tgl).set_index("kode")["selesai"]
    assert (df[[f"hasil_{k}" for k in range(1, 6)]].sum(axis=1) == selesai.reindex(df.index)).all()


def test_laporan_lapangan_sama_dengan_baris_mentah(db_kecil, kampanye_kecil):
    lh = kampanye_kecil.tabel["laporan_harian"]
    tgl = date(2022, 11, 1)
    harap = lh[lh["tanggal"] <= tgl].groupby(lh["kode_sls"].str[:7])["selesai"].sum()
    df = laporan_lapangan(db_kecil, _kab(kampanye_kecil), 7, tgl).set_index("kode")["laporan_selesai"]
    assert df.to_dict() == {k: int(v) for k, v in harap.items()}
    assert not math.isnan(df.sum())
