"""The demo campaign: deterministic, Luwu-scale, realistic dynamics, and geography that nests exactly."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
import shapely

from demo.kampanye import buat_kampanye


@pytest.fixture(scope="module")
def demo():
    return buat_kampanye(seed=2022, skala=1.0)


def test_deterministik_dari_seed(kampanye_kecil):
    lagi = buat_kampanye(seed=11, skala=0.05)
    for nama, df in kampanye_kecil.tabel.items():
        pd.testing.assert_frame_equal(df, lagi.tabel[nama])
    assert not buat_kampanye(seed=12, skala=0.05).tabel["keluarga"].equals(kampanye_kecil.tabel["keluarga"])


def test_skala_luwu(demo):
    t = demo.tabel
    assert 85_000 <= t["beban"]["sasaran_keluarga"].sum() <= 110_000
    peran = t["petugas"]["peran"].value_counts()
    assert 400 <= peran["PPL"] <= 500 and 95 <= peran["PML"] <= 135 and 18 <= peran["KOSEKA"] <= 32
    assert 540 <= len(t["petugas"]) <= 650
    assert len(demo.geografi.kecamatan) == 20 and len(demo.geografi.desa) == 200
    beban_ppl = t["beban"].groupby("id_ppl")["sasaran_keluarga"].sum()
    assert 190 <= beban_ppl.mean() <= 260


def test_sebaran_keluarga_per_sls(demo):
    beban = demo.tabel["beban"]
    per_sls = beban.groupby(beban["kode_sls"].str[:14])["sasaran_keluarga"].sum()
    assert 50 <= per_sls.median() <= 65
    assert 70 <= per_sls.mean() <= 90
    assert 15 <= per_sls.quantile(0.05) <= 28
    assert 170 <= per_sls.quantile(0.95) <= 250
    assert (beban["kode_sls"].str.len() == 16).sum() > 0  # large SLS are split into sub-SLS
    assert beban.loc[beban["kode_sls"].str.len() == 16, "sasaran_keluarga"].max() <= 400


def test_dinamika_pendataan(demo):
    kel = demo.tabel["keluarga"]
    sasaran = demo.tabel["beban"]["sasaran_keluarga"].sum()
    pertama = kel.groupby("id_keluarga")["tanggal"].min()
    capaian = lambda d: (pertama <= d).sum() / sasaran * 100  # noqa: E731
    mulai = date(2022, 10, 15)
    assert capaian(mulai) < 3  # slow first day
    assert 18 <= capaian(mulai + timedelta(days=6)) <= 32  # ~25% after a week
    assert 42 <= capaian(mulai + timedelta(days=17)) <= 62  # about half by day 18
    assert 85 <= capaian(date(2022, 11, 14)) <= 100
    harian = pertama.value_counts().sort_index()
    minggu = harian[[d.weekday() == 6 for d in harian.index]].mean()
    kerja = harian[[d.weekday() < 5 for d in harian.index]].mean()
    assert minggu < 0.8 * kerja  # weekly rhythm


def test_kecamatan_terpencil_tertinggal_dan_sebaran_antar_kecamatan(demo):
    kel = demo.tabel["keluarga"]
    kel = kel[kel["tanggal"] <= date(2022, 11, 14)].drop_duplicates("id_keluarga")
    beban = demo.tabel["beban"]
    capaian = kel.groupby(kel["kode_sls"].str[:7]).size() / beban.groupby(beban["kode_sls"].str[:7])["sasaran_keluarga"].sum() * 100
    terpencil = demo.info["kecamatan_terpencil"]
    assert terpencil and capaian[terpencil].max() < 80 < capaian.drop(terpencil).median()
    assert (capaian > 100).any()  # new families push some areas past 100%


def test_perpanjangan_untuk_kecamatan_terpencil(demo):
    jadwal = demo.tabel["jadwal"]
    perpanjang = jadwal[jadwal["kode_wilayah"] != ""]
    assert set(perpanjang["kode_wilayah"]) == set(demo.info["kecamatan_terpencil"])
    assert (perpanjang["selesai"] == date(2022, 11, 30)).all()
    kel = demo.tabel["keluarga"]
    sesudah = kel[kel["tanggal"] > date(2022, 11, 14)]
    assert len(sesudah) > 0 and set(sesudah["kode_sls"].str[:7]) <= set(perpanjang["kode_wilayah"])
    beban = demo.tabel["beban"]
    pertama = kel.drop_duplicates("id_keluarga")
    capaian = pertama.groupby(pertama["kode_sls"].str[:7]).size() / beban.groupby(beban["kode_sls"].str[:7])["sasaran_keluarga"].sum() * 100
    assert capaian[list(perpanjang["kode_wilayah"])].min() > 80  # the extension lets them catch up


def test_hasil_keluarga_baru_dan_koreksi(demo):
    kel = demo.tabel["keluarga"]
    akhir = kel.sort_values("tanggal").groupby("id_keluarga").last()
    porsi = akhir["hasil"].value_counts(normalize=True)
    assert porsi[1] > 0.85 and all(porsi.get(k, 0) > 0.005 for k in (2, 3, 4, 5))
    assert 0.02 <= akhir["keluarga_baru"].mean() <= 0.04
    ulang = kel["id_keluarga"].duplicated(keep=False)
    assert 0.01 <= kel.loc[ulang, "id_keluarga"].nunique() / kel["id_keluarga"].nunique() <= 0.05


def test_petugas_berhenti_dan_terlalu_cepat_ada(demo):
    kel = demo.tabel["keluarga"]
    terakhir = kel.groupby("id_ppl")["tanggal"].max()
    for p in demo.info["ppl_berhenti"]:
        assert terakhir.get(p, date(2022, 10, 1)) <= date(2022, 11, 7)
    harian = kel.drop_duplicates("id_keluarga").groupby(["id_ppl", "tanggal"]).size().groupby("id_ppl").median()
    assert harian[demo.info["ppl_cepat"]].min() > 1.5 * harian.median()
    durasi = kel.groupby("id_ppl")["durasi_menit"].median()
    assert durasi[demo.info["ppl_cepat"]].max() < 12 < durasi.median()


def test_desa_menutup_kecamatan_tepat(demo):
    geo = demo.geografi
    for _, kec in geo.kecamatan.iterrows():
        desa = geo.desa[geo.desa["kode_kec"] == kec["kode"]]
        gabung = shapely.union_all(desa.geometry.to_numpy())
        assert gabung.symmetric_difference(kec.geometry).area < 1e-9 * kec.geometry.area + 1e-12
        luas = shapely.area(desa.geometry.to_numpy()).sum()
        assert luas == pytest.approx(kec.geometry.area, rel=1e-9)  # no overlaps
    assert set(geo.desa["kode"].str[:7]) == set(geo.kecamatan["kode"])
    assert geo.desa["kode"].str.fullmatch(r"\d{10}").all() and geo.kecamatan["kode"].str.fullmatch(r"\d{7}").all()
    assert geo.desa["nama"].is_unique


def test_kode_bertingkat_dan_induk_ada(demo):
    wil = demo.tabel["wilayah"]
    kode = set(wil["kode"])
    induk = {2: None, 4: 2, 7: 4, 10: 7, 14: 10, 16: 14}
    for k in wil["kode"]:
        assert len(k) in induk
        if induk[len(k)]:
            assert k[: induk[len(k)]] in kode
    assert np.isin(demo.tabel["beban"]["kode_sls"], list(kode)).all()
