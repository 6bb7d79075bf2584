"""Province and national views: the same figures as a recomputation at every level, and drill-down from the nation."""

from __future__ import annotations

import json

import numpy as np
import pytest

from aturan.kode import PANJANG_ANAK
from demo.geografi import buat_geografi
from demo.kampanye import buat_kampanye
from queries import mentah, progres
from store.pengguna import hapus_pengguna, tambah_pengguna
from store.siapkan import muat_kampanye
from tests import rujukan
from tests.conftest import engine_pg_baru, hapus_skema_pg, sqlite_baru

SANDI = "rahasia-panjang-1"


@pytest.fixture(scope="module")
def kampanye_dua_provinsi():
    """26 small kabupaten in two provinces (24 + 2), ~11,000 families."""
    geo = buat_geografi(np.random.default_rng(11), n_kab=26, n_kec=2, n_desa=6)
    return buat_kampanye(seed=5, skala=0.06, geografi=geo)


@pytest.fixture(scope="module")
def sqlite_nasional(kampanye_dua_provinsi, tmp_path_factory):
    eng = sqlite_baru(tmp_path_factory.mktemp("nas") / "nasional.sqlite", kampanye_dua_provinsi)
    yield eng
    eng.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db_nasional(request, kampanye_dua_provinsi):
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_nasional")
        return
    eng, skema = engine_pg_baru()
    muat_kampanye(eng, kampanye_dua_provinsi)
    yield eng
    hapus_skema_pg(eng, skema)


@pytest.mark.parametrize("induk", ["", "98", "99", "9901", "9901020"])
def test_rekap_setiap_tingkat_sama_dengan_mentah_dan_rujukan(db_nasional, kampanye_dua_provinsi, induk):
    tgl = max(kampanye_dua_provinsi.tabel["keluarga"]["tanggal"]) - np.timedelta64(5, "D")
    tgl = tgl.date() if hasattr(tgl, "date") else tgl
    cepat = progres.rekap_anak(db_nasional, induk, tgl)
    naif = mentah.rekap_turunan(db_nasional, induk, PANJANG_ANAK[len(induk)], tgl)
    assert cepat.to_dict("records") == naif.to_dict("records")
    acuan = rujukan.per_wilayah(kampanye_dua_provinsi.tabel, PANJANG_ANAK[len(induk)], tgl)
    for r in cepat.itertuples():
        assert (r.selesai, r.sasaran) == (acuan.loc[r.kode, "selesai"], acuan.loc[r.kode, "sasaran"])
    satu = progres.rekap_wilayah(db_nasional, induk, tgl).iloc[0]
    assert satu["selesai"] == cepat["selesai"].sum() and satu["sasaran"] == cepat["sasaran"].sum()
    assert progres.seri_harian(db_nasional, induk, tgl)["selesai_hari"].sum() == satu["selesai"]


def _buka(monkeypatch, eng, masuk: str | None = None, **param):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.test_akses import APP

    monkeypatch.setenv("PANTAU_DB_URL", str(eng.url))
    monkeypatch.setenv("PANTAU_LOGIN", "1" if masuk else "0")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in param.items():
        at.query_params[k] = v
    at.run()
    if masuk:
        at.text_input(key="masuk_nama").input(masuk)
        at.text_input(key="masuk_sandi").input(SANDI)
        at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def _lokasi(at) -> list[str]:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["locations"]


def test_turun_dari_nasional_ke_desa(sqlite_nasional, kampanye_dua_provinsi, monkeypatch):
    geo = kampanye_dua_provinsi.geografi
    at = _buka(monkeypatch, sqlite_nasional, tanggal="2022-11-05")
    assert "Seluruh Indonesia" in at.title[0].value
    assert sorted(_lokasi(at)) == ["98", "99"]  # the national map: provinces
    acuan = rujukan.per_wilayah(kampanye_dua_provinsi.tabel, 2, at.sidebar.selectbox(key="tanggal").value)
    assert {m.label: m.value for m in at.metric}["Selesai"] == f"{int(acuan['selesai'].sum()):,}".replace(",", ".")
    at.sidebar.selectbox(key="prov").set_value("99").run()
    assert sorted(_lokasi(at)) == sorted(k for k in geo.kabupaten["kode"] if k.startswith("99"))  # 24 kabupaten
    kab = geo.kabupaten["kode"].iloc[0]
    at.sidebar.selectbox(key="kab").set_value(kab).run()
    assert sorted(_lokasi(at)) == sorted(k for k in geo.kecamatan["kode"] if k.startswith(kab))
    at.button(key="kembali_kab").click().run()  # back up to the province
    assert not at.exception and sorted(_lokasi(at)) == sorted(k for k in geo.kabupaten["kode"] if k.startswith("99"))
    at.switch_page("dashboard/peringkat.py").run()
    assert not at.exception and len(at.dataframe[0].value) == 24
    at.segmented_control(key="tingkat").set_value(7).run()
    assert not at.exception and len(at.dataframe[0].value) == 24 * 2 and "induk" in at.dataframe[0].value.columns


def test_pengguna_provinsi_tanpa_pilihan_nasional(sqlite_nasional, monkeypatch):
    tambah_pengguna(sqlite_nasional, "kepala.prov", SANDI, "pimpinan", ["98"])
    try:
        at = _buka(monkeypatch, sqlite_nasional, masuk="kepala.prov", prov="Seluruh Indonesia")
        assert at.sidebar.selectbox(key="prov").options == ["Provinsi Demo 2"]
        assert sorted(_lokasi(at)) == ["9801", "9802"]
    finally:
        hapus_pengguna(sqlite_nasional, "kepala.prov")


@pytest.mark.parametrize("induk", ["", "98"])
def test_cakupan_di_atas_kabupaten_sama_dengan_rujukan(db_nasional, kampanye_dua_provinsi, induk):
    """Coverage counts of the nation and a province (read from the per-kecamatan daily rollup) equal the raw
    recomputation, per child area, on days before, inside and after the campaign."""
    from aturan.ambang import AMBANG_CAKUPAN as A
    from queries import cakupan_sls
    from store.baca import baca_jadwal

    jk = baca_jadwal(db_nasional)
    panjang = len(induk) + 2
    for tgl in (jk.umum.mulai - np.timedelta64(3, "D"), jk.umum.mulai + np.timedelta64(9, "D"), jk.umum.selesai, jk.umum.selesai + np.timedelta64(20, "D")):
        tgl = tgl.date() if hasattr(tgl, "date") else tgl
        acuan = rujukan.cakupan_sls(kampanye_dua_provinsi.tabel, tgl, A.hari_macet, A.persen_tinggi, A.persen_baru)
        acuan = acuan[acuan.index.str.startswith(induk)]
        per_area = cakupan_sls.per_area(db_nasional, induk, panjang, tgl, A, jk).set_index("kode")
        kode = acuan.index.str[:panjang]
        assert per_area["jumlah_sls"].to_dict() == acuan.groupby(kode).size().to_dict()
        for kolom in ("belum_mulai", "macet", "terlalu_tinggi"):
            assert per_area[kolom].to_dict() == acuan[kolom].groupby(kode).sum().to_dict(), (tgl, kolom)
        assert per_area["ulang"].to_dict() == (acuan["ulang_2"] + acuan["ulang_3"]).groupby(kode).sum().to_dict()


def test_halaman_cakupan_nasional_sama_dengan_rujukan(sqlite_nasional, kampanye_dua_provinsi, monkeypatch):
    """The national Cakupan page: its counts, per province, equal the raw recomputation; the overview's line too."""
    from datetime import date

    from aturan.ambang import AMBANG_CAKUPAN as A
    from tampilan.teks import isi_cakupan, t

    tgl = date(2022, 11, 10)
    acuan = rujukan.cakupan_sls(kampanye_dua_provinsi.tabel, tgl, A.hari_macet, A.persen_tinggi, A.persen_baru)
    jumlah = {k: int(acuan[k].sum()) for k in ("belum_mulai", "macet", "terlalu_tinggi")} | {"ulang": int((acuan["ulang_2"] + acuan["ulang_3"]).sum())}
    at = _buka(monkeypatch, sqlite_nasional, tanggal=tgl.isoformat())
    assert [m.value for m in at.markdown if m.value.startswith("**Cakupan:**")] == [t("ck_kepala", "id", **isi_cakupan(jumlah, "id"))]
    at.switch_page("dashboard/cakupan.py").run()
    assert not at.exception, at.exception
    metrik = {m.label: m.value for m in at.metric}
    assert metrik["SLS belum dimulai"] == str(jumlah["belum_mulai"])
    assert metrik["SLS macet"] == str(jumlah["macet"])
    per_prov = next(d.value for d in at.dataframe if "SLS dimulai (%)" in d.value.columns).set_index("Wilayah")
    wil = kampanye_dua_provinsi.geografi.wilayah
    nama = dict(zip(wil["kode"], wil["nama"], strict=True))
    for kode, bagian in acuan.groupby(acuan.index.str[:2]):
        assert per_prov.loc[nama[kode], "Belum dimulai"] == bagian["belum_mulai"].sum()
        assert per_prov.loc[nama[kode], "Keluarga menunggu"] == bagian.loc[bagian["belum_mulai"], "sasaran"].sum()
