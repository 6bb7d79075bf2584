"""Officer figures and flags: planted demo officers are found, hand-made cases fire or not, rollups equal raw rows."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select

from aturan.indikator import Jadwal
from aturan.kinerja import AmbangPetugas, gulung, histogram_sampai, kinerja_area, kinerja_ppl, median_histogram, tunggakan_pml
from demo.kampanye import buat_kampanye
from queries import mentah
from queries import petugas as qp
from store.baca import baca_jadwal
from store.schema import meta, rekap_ppl_harian
from store.siapkan import muat_kampanye
from tests.conftest import sqlite_baru

TGL = date(2022, 11, 8)
J = Jadwal(date(2022, 10, 15), date(2022, 11, 14))


@pytest.fixture(scope="module")
def demo_penuh(tmp_path_factory):
    """The full Luwu-scale demo (454 PPL) in SQLite, with the list of officers planted to trigger flags."""
    eng = sqlite_baru(tmp_path_factory.mktemp("penuh") / "demo.sqlite")
    kampanye = buat_kampanye(seed=2022, skala=1.0)
    muat_kampanye(eng, kampanye)
    with eng.connect() as conn:
        info = json.loads(conn.execute(select(meta.c.nilai).where(meta.c.kunci == "demo_info")).scalar_one())
    yield eng, kampanye, info
    eng.dispose()


def _kinerja(eng, induk: str, tgl: date):
    jadwal = baca_jadwal(eng).untuk(induk)
    pet = qp.daftar_petugas(eng, induk)
    ppl = kinerja_ppl(pet, qp.beban_ppl(eng, induk), qp.harian_ppl(eng, induk, tgl), qp.durasi_ppl(eng, induk, tgl), tgl, jadwal)
    return pet, ppl, tunggakan_pml(qp.tunggakan_ppl(eng, induk, tgl, 3), ppl)


def test_bendera_menemukan_petugas_demo_yang_ditanam(demo_penuh):
    eng, kampanye, info = demo_penuh
    kab = kampanye.geografi.kabupaten["kode"].iloc[0]
    _, ppl, pml = _kinerja(eng, kab, TGL)
    assert len(ppl) == (kampanye.tabel["petugas"]["peran"] == "PPL").sum()
    assert sorted(ppl.loc[ppl["tidak_aktif"], "id_ppl"]) == info["ppl_berhenti"]
    assert sorted(ppl.loc[ppl["terlalu_cepat"], "id_ppl"]) == info["ppl_cepat"]
    assert sorted(ppl.loc[ppl["terlalu_singkat"], "id_ppl"]) == info["ppl_cepat"]
    assert not ppl["lewat_beban_tanpa_baru"].any()
    assert sorted(pml.loc[pml["tunggakan_pml"], "id_pml"]) == info["pml_lambat"]


def _ppl_tangan(**ubah) -> pd.DataFrame:
    """Five PPL of one kecamatan, working normally at 8 families a day for 20 days, 25-minute interviews."""
    ids = [f"P{i}" for i in range(5)]
    petugas = pd.DataFrame({"id_petugas": ["K", "M", *ids], "nama": None, "peran": ["KOSEKA", "PML", *["PPL"] * 5], "id_atasan": [None, "K", *["M"] * 5]})
    beban = pd.DataFrame({"id_ppl": ids, "kode_kec": "7317010", "sasaran": 250, "jumlah_sls": 3})
    hari = [date(2022, 10, 15) + timedelta(days=i) for i in range(20)]
    harian = pd.DataFrame([{"id_ppl": p, "tanggal": d, "selesai_hari": 8, "baru_hari": 0, "kiriman_hari": 8} for p in ids for d in hari])
    durasi = pd.DataFrame([{"id_ppl": p, "menit": 25.0, "jumlah": 160} for p in ids])
    for p, aturan in ubah.items():
        harian, durasi, beban = aturan(p, harian, durasi, beban)
    return kinerja_ppl(petugas, beban, harian, durasi, date(2022, 11, 3), J).set_index("id_ppl")


def test_petugas_normal_tanpa_bendera():
    assert not _ppl_tangan()[["tidak_aktif", "terlalu_cepat", "terlalu_singkat", "lewat_beban_tanpa_baru"]].to_numpy().any()


def test_tidak_aktif_setelah_dua_hari_tanpa_kiriman():
    def berhenti(p, h, d, b):
        return h[~((h["id_ppl"] == p) & (h["tanggal"] > date(2022, 11, 1)))], d, b

    def satu_hari(p, h, d, b):
        return h[~((h["id_ppl"] == p) & (h["tanggal"] > date(2022, 11, 2)))], d, b

    df = _ppl_tangan(P0=berhenti, P1=satu_hari)
    assert df.loc["P0", "tidak_aktif"] and df.loc["P0", "hari_sejak_kirim"] == 2
    assert not df.loc["P1", "tidak_aktif"]  # one idle day is not yet inactive


def test_tidak_aktif_tidak_berlaku_bila_beban_selesai():
    def selesai(p, h, d, b):
        b = b.copy()
        b.loc[b["id_ppl"] == p, "sasaran"] = 100
        return h[~((h["id_ppl"] == p) & (h["tanggal"] > date(2022, 10, 31)))], d, b

    assert not _ppl_tangan(P0=selesai).loc["P0", "tidak_aktif"]


def test_terlalu_cepat_dibanding_rekan_sekecamatan():
    def cepat(p, h, d, b):
        h = h.copy()
        h.loc[h["id_ppl"] == p, ["selesai_hari", "kiriman_hari"]] = 25
        return h, d, b

    def agak(p, h, d, b):
        h = h.copy()
        h.loc[h["id_ppl"] == p, ["selesai_hari", "kiriman_hari"]] = 14
        return h, d, b

    df = _ppl_tangan(P0=cepat, P1=agak)
    assert df.loc["P0", "terlalu_cepat"] and not df.loc["P1", "terlalu_cepat"]


def test_terlalu_singkat():
    def singkat(p, h, d, b):
        d = d.copy()
        d.loc[d["id_ppl"] == p, "menit"] = 7.0
        return h, d, b

    def sedikit(p, h, d, b):
        d = d.copy()
        d.loc[d["id_ppl"] == p, ["menit", "jumlah"]] = [7.0, 5]
        return h, d, b

    df = _ppl_tangan(P0=singkat, P1=sedikit)
    assert df.loc["P0", "terlalu_singkat"] and not df.loc["P1", "terlalu_singkat"]  # five interviews are too few to judge


def test_lewat_beban_tanpa_keluarga_baru():
    def lewat(p, h, d, b):
        b = b.copy()
        b.loc[b["id_ppl"] == p, "sasaran"] = 150
        return h, d, b

    def lewat_dengan_baru(p, h, d, b):
        b, h = b.copy(), h.copy()
        b.loc[b["id_ppl"] == p, "sasaran"] = 150
        h.loc[h["id_ppl"] == p, "baru_hari"] = 1
        return h, d, b

    df = _ppl_tangan(P0=lewat, P1=lewat_dengan_baru)
    assert df.loc["P0", "lewat_beban_tanpa_baru"] and not df.loc["P1", "lewat_beban_tanpa_baru"]


def test_tunggakan_pml_tangan():
    ppl = pd.DataFrame({"id_ppl": ["A", "B", "C"], "id_pml": ["M1", "M1", "M2"]})
    tunggakan = pd.DataFrame({"id_ppl": ["A", "B", "C"], "matang": [100, 100, 100], "belum_periksa": [20, 15, 14]})
    df = tunggakan_pml(tunggakan, ppl, AmbangPetugas()).set_index("id_pml")
    assert df.loc["M1", "tunggakan_pml"] and not df.loc["M2", "tunggakan_pml"]  # 17.5% vs 14%


def test_median_histogram_sama_dengan_median_biasa():
    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 10, 57):
        v = np.round(rng.lognormal(3, 0.5, n))
        h = pd.Series(v).value_counts().rename_axis("menit").reset_index(name="jumlah").assign(g="x")
        assert median_histogram(h, "g")["x"] == np.median(v)


def test_rekap_petugas_sama_dengan_baris_mentah(db_kecil, kampanye_kecil):
    t = kampanye_kecil.tabel
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    _, ppl, pml = _kinerja(db_kecil, kab, TGL)
    kel = t["keluarga"].sort_values(["id_keluarga", "tanggal"])
    per_kel = kel.groupby("id_keluarga").agg(pertama=("tanggal", "min"), ppl=("id_ppl", "last"), baru=("keluarga_baru", "last"), durasi=("durasi_menit", "first"))
    sampai = per_kel[per_kel["pertama"] <= TGL]
    kirim = kel[kel["tanggal"] <= TGL]
    sasaran = t["beban"].groupby("id_ppl")["sasaran_keluarga"].sum()
    df = ppl.set_index("id_ppl")
    for p, r in df.iterrows():
        punya = sampai[sampai["ppl"] == p]
        assert r["sasaran"] == sasaran[p] and r["selesai"] == len(punya) and r["keluarga_baru"] == punya["baru"].sum()
        hari = kirim.loc[kirim["id_ppl"] == p, "tanggal"]
        assert r["hari_aktif"] == hari.nunique()
        assert r["hari_sejak_kirim"] == ((TGL - hari.max()).days if len(hari) else r["hari_sejak_kirim"])
        if len(punya):
            assert r["menit_median"] == np.median(np.floor(punya["durasi"] + 0.5))
    atasan = t["petugas"].set_index("id_petugas")["id_atasan"]
    tim = gulung(ppl, "id_pml", qp.durasi_ppl(db_kecil, kab, TGL)).set_index("id_petugas")
    for m, r in tim.iterrows():
        anggota = [p for p in sasaran.index if atasan[p] == m]
        assert r["sasaran"] == sasaran[anggota].sum()
        assert r["selesai"] == sampai["ppl"].isin(anggota).sum()
        assert r["menit_median"] == np.median(np.floor(sampai.loc[sampai["ppl"].isin(anggota), "durasi"] + 0.5))
    ksk = gulung(ppl, "id_koseka", qp.durasi_ppl(db_kecil, kab, TGL)).set_index("id_petugas")
    assert ksk["selesai"].sum() == len(sampai) and ksk["sasaran"].sum() == sasaran.sum()
    matang = kirim[kirim["tanggal"] <= TGL - timedelta(days=3)]
    belum = matang["tanggal_periksa"].isna() | (matang["tanggal_periksa"].map(lambda d: d is not None and d > TGL))
    harap = belum.groupby(matang["id_ppl"].map(atasan)).sum()
    assert pml.set_index("id_pml")["belum_periksa"].to_dict() == {k: int(v) for k, v in harap.items()}


@pytest.mark.parametrize("tgl", [date(2022, 10, 14), date(2022, 10, 20), TGL, date(2022, 11, 30)])
def test_data_petugas_sekali_dipotong_sama_dengan_kueri_per_tanggal_dan_mentah(db_kecil, kampanye_kecil, tgl):
    """The officer data fetched once for the whole campaign and cut at a date equal the same figures queried for
    that date, and the raw submissions: daily output, submissions per day, interview minutes and PML backlog."""
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    kec = kampanye_kecil.geografi.kecamatan["kode"].iloc[1]
    desa = kampanye_kecil.geografi.desa["kode"].iloc[3]
    for induk in (kab, kec, desa):
        semua = qp.harian_ppl(db_kecil, induk)
        harian = semua[semua["tanggal"] <= tgl].reset_index(drop=True)
        pd.testing.assert_frame_equal(harian, qp.harian_ppl(db_kecil, induk, tgl), check_dtype=False)
        kirim = mentah.kiriman_harian(db_kecil, induk, tgl)
        kirim = kirim.merge(harian, on=["id_ppl", "tanggal"], how="outer").fillna(0)
        assert (kirim["kiriman_hari_x"].astype(int) == kirim["kiriman_hari_y"].astype(int)).all() and len(kirim) == len(harian)
        hist = histogram_sampai(qp.durasi_ppl(db_kecil, induk, per_hari=True), tgl)
        kunci = ["id_ppl", "menit"]
        harap = qp.durasi_ppl(db_kecil, induk, tgl)
        dari_mentah = mentah.durasi_ppl(db_kecil, induk, tgl).astype({"menit": float, "jumlah": "int64"})
        pd.testing.assert_frame_equal(
            harap.sort_values(kunci).reset_index(drop=True), dari_mentah.sort_values(kunci).reset_index(drop=True)[harap.columns.tolist()], check_dtype=False
        )
        pd.testing.assert_frame_equal(
            hist.sort_values(kunci).reset_index(drop=True), harap.sort_values(kunci).reset_index(drop=True)[hist.columns.tolist()], check_dtype=False
        )
        tunggak = qp.tunggakan_ppl(db_kecil, induk, tgl, 3).set_index("id_ppl").astype("int64")
        dari_mentah = mentah.tunggakan_periksa(db_kecil, induk, tgl, 3).set_index("id_ppl").astype("int64")
        assert tunggak.to_dict("index") == dari_mentah.to_dict("index")
        assert len(dari_mentah) > 0 or tgl < date(2022, 10, 18)


def test_tanpa_tanggal_periksa_tunggakan_tidak_diketahui(db_kosong_semua, kampanye_kecil):
    """An export without tanggal_periksa: the area's submissions carry no check date, so the PML backlog on the
    page is unknown (empty), not every submission; the small campaign with its check dates has them."""
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    tabel = {**kampanye_kecil.tabel, "keluarga": kampanye_kecil.tabel["keluarga"].drop(columns="tanggal_periksa")}
    muat_kampanye(db_kosong_semua, replace(kampanye_kecil, tabel=tabel))
    hari = qp.baca_data_hari(db_kosong_semua, kab, TGL, 3)
    assert hari["ada_periksa"] is False and (hari["tunggakan"]["belum_periksa"] == hari["tunggakan"]["matang"]).all() and len(hari["tunggakan"]) > 0
    pml = kinerja_area(qp.baca_data_petugas(db_kosong_semua, kab) | hari, TGL, baca_jadwal(db_kosong_semua).untuk(kab), AmbangPetugas())["pml"]
    assert pml["belum_periksa"].isna().all() and pml["tunggakan_pml"].isna().all()


def test_ppl_di_dua_kecamatan_satu_baris_per_hari(db_kosong_semua, kampanye_kecil):
    """A PPL with workload in two kecamatan has two rollup rows on a day they finished families in both: the
    kabupaten's daily output and interview minutes still hold one row per PPL and day, equal to the raw rows."""
    t = kampanye_kecil.tabel
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    kec = t["beban"]["kode_sls"].str[:7]
    ppl = t["beban"].loc[kec == kec.iloc[0], "id_ppl"].iloc[0]
    sls_lain = t["beban"].loc[kec != kec.iloc[0], "kode_sls"].iloc[0]  # an SLS of another kecamatan, handed to ppl
    pindah = lambda df: df.assign(id_ppl=df["id_ppl"].where(df["kode_sls"] != sls_lain, ppl))  # noqa: E731
    tabel = {**t, "beban": pindah(t["beban"]), "keluarga": pindah(t["keluarga"]), "laporan_harian": pindah(t["laporan_harian"])}
    muat_kampanye(db_kosong_semua, replace(kampanye_kecil, tabel=tabel))
    rollup = qp.pertama_ppl(db_kosong_semua, kab, date.max)
    with db_kosong_semua.connect() as conn:
        rp = rekap_ppl_harian
        kembar = conn.execute(select(rp.c.tanggal).where(rp.c.id_ppl == ppl).group_by(rp.c.tanggal).having(func.count() > 1)).all()
    assert kembar, "the case under test: the PPL finished families in both kecamatan on one day"
    assert not rollup.duplicated(["id_ppl", "tanggal"]).any()
    harian = qp.harian_ppl(db_kosong_semua, kab)
    assert not harian.duplicated(["id_ppl", "tanggal"]).any()
    mentah_ = mentah.harian_ppl(db_kosong_semua, kab, date.max).astype({"selesai_hari": "int64", "baru_hari": "int64"})
    kunci = ["id_ppl", "tanggal"]
    dari_rollup = harian.loc[harian["selesai_hari"] > 0, [*kunci, "selesai_hari", "baru_hari"]]
    pd.testing.assert_frame_equal(dari_rollup.sort_values(kunci).reset_index(drop=True), mentah_.sort_values(kunci).reset_index(drop=True), check_dtype=False)
    per_hari = histogram_sampai(qp.durasi_ppl(db_kosong_semua, kab, per_hari=True), TGL)
    sampai = qp.durasi_ppl(db_kosong_semua, kab, TGL)
    kunci = ["id_ppl", "menit"]
    sampai = sampai.sort_values(kunci).reset_index(drop=True)[per_hari.columns.tolist()]
    pd.testing.assert_frame_equal(per_hari.sort_values(kunci).reset_index(drop=True), sampai, check_dtype=False)
