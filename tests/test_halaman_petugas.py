"""AppTest of the officers page: figures equal the raw rows, names only when allowed, every tab runs."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from tests.conftest import pembuka_halaman

TGL = date(2022, 11, 5)


@pytest.fixture
def buka_petugas(buka_halaman):
    """Open the officers page as of TGL, with or without names allowed."""
    return lambda nama=False: buka_halaman("dashboard/petugas.py", tanggal=TGL.isoformat(), nama=nama)


def _semua_teks(at: AppTest) -> str:
    bagian = [str(df.value.to_dict()) for df in at.dataframe] + [m.value for m in at.markdown] + [c.value for c in at.caption]
    return " ".join(bagian)


def test_ppl_sama_dengan_baris_mentah_dan_tanpa_nama(buka_petugas, kampanye_kecil):
    at = buka_petugas()
    tabel = at.dataframe[0].value.set_index("petugas")
    kel = kampanye_kecil.tabel["keluarga"].sort_values(["id_keluarga", "tanggal"])
    per_kel = kel.groupby("id_keluarga").agg(pertama=("tanggal", "min"), ppl=("id_ppl", "last"))
    selesai = per_kel[per_kel["pertama"] <= TGL].groupby("ppl").size()
    ppl = kampanye_kecil.tabel["petugas"].query("peran == 'PPL'")
    assert set(tabel.index) == set(ppl["id_petugas"])
    for p, n in selesai.items():
        assert tabel.loc[p, "selesai"] == n
    assert {m.label: m.value for m in at.metric}["Jumlah PPL"] == str(len(ppl))
    teks = _semua_teks(at)
    assert "no_hp" not in tabel.columns
    assert not any(n in teks for n in kampanye_kecil.tabel["petugas"]["nama"])  # personal data hidden by default
    assert not any(h in teks for h in kampanye_kecil.tabel["petugas"]["no_hp"])


def test_nama_tampil_bila_diizinkan(buka_petugas, kampanye_kecil):
    at = buka_petugas(nama=True)
    tabel = at.dataframe[0].value
    assert "no_hp" in tabel.columns
    pertama = kampanye_kecil.tabel["petugas"].query("peran == 'PPL'").iloc[0]
    assert f"{pertama['nama']} ({pertama['id_petugas']})" in set(tabel["petugas"])


@pytest.mark.parametrize("tab", ["Tim PML", "Koseka", "Grafik", "Detail petugas"])
def test_setiap_tab(buka_petugas, kampanye_kecil, tab):
    at = buka_petugas()
    at.session_state["tab_petugas"] = tab  # the tabs are stateful (on_change="rerun"): open one by its key
    at.run()
    assert not at.exception, at.exception
    if tab == "Tim PML":
        tim = at.dataframe[0].value
        n_pml = (kampanye_kecil.tabel["petugas"]["peran"] == "PML").sum()
        assert len(tim) == n_pml and tim["jumlah_ppl"].sum() == (kampanye_kecil.tabel["petugas"]["peran"] == "PPL").sum()
    if tab == "Detail petugas":
        assert len(at.get("plotly_chart")) >= 1 and len(at.dataframe) >= 1


def _selesai_mentah(kampanye, tgl: date) -> pd.Series:
    kel = kampanye.tabel["keluarga"].sort_values(["id_keluarga", "tanggal"])
    per_kel = kel.groupby("id_keluarga").agg(pertama=("tanggal", "min"), ppl=("id_ppl", "last"))
    return per_kel[per_kel["pertama"] <= tgl].groupby("ppl").size()


def test_ganti_tanggal_angka_tim_grafik_dan_unduhan_ikut(buka_petugas, kampanye_kecil, unduhan_tertunda):
    """The officer data are fetched once and cut at the date in memory: after a date change every figure, the
    PML backlog, the team chart and the downloaded files are those of the new date."""
    at = buka_petugas()
    baru = date(2022, 10, 25)
    at.sidebar.selectbox(key="tanggal").set_value(baru).run()
    tabel = at.dataframe[0].value.set_index("petugas")
    for p, n in _selesai_mentah(kampanye_kecil, baru).items():
        assert tabel.loc[p, "selesai"] == n
    assert tabel["selesai"].sum() == _selesai_mentah(kampanye_kecil, baru).sum()
    unduhan = unduhan_tertunda(at)
    nama_csv, buat_csv = unduhan["Unduh CSV"]
    assert nama_csv.endswith(f"{baru.isoformat()}.csv")
    csv = pd.read_csv(io.BytesIO(buat_csv()), encoding="utf-8-sig", dtype={"petugas": str})
    assert nama_csv.startswith("DATA-DEMO-") and (csv["DATA DEMO"] == "DATA DEMO").all()  # the test campaign is the demo generator's
    assert len(csv) == len(tabel) and csv["petugas"].tolist() == tabel.index.tolist()
    excel = pd.read_excel(io.BytesIO(unduhan["Unduh Excel"][1]()))
    assert excel.shape == csv.shape

    kel = kampanye_kecil.tabel["keluarga"]
    atasan = kampanye_kecil.tabel["petugas"].set_index("id_petugas")["id_atasan"]
    matang = kel[kel["tanggal"] <= baru - timedelta(days=3)]
    belum = matang["tanggal_periksa"].map(lambda d: d is None or pd.isna(d) or d > baru)
    harap = belum.groupby(matang["id_ppl"].map(atasan)).sum()
    at.session_state["tab_petugas"] = "Tim PML"
    at.run()
    tim = at.dataframe[0].value.set_index("petugas")
    kolom_belum = next(k for k in tim.columns if "belum" in k.lower() or "tunggak" in k.lower())
    for m, n in harap.items():
        assert tim.loc[m, kolom_belum] == n

    at.session_state["tab_petugas"] = "Grafik"
    at.run()
    spec = json.loads(at.get("plotly_chart")[1].proto.spec)
    hari = {x for tr in spec["data"] for x in tr["x"]}
    assert hari and max(hari)[:10] <= baru.isoformat()


def test_angka_sama_dengan_baris_mentah_di_kedua_basis_data(db_kecil, monkeypatch, kampanye_kecil):
    """On SQLite and on PostgreSQL (where the date's reads run beside the campaign's, dashboard.data.kinerja) the
    PPL table's families done and median interview minutes equal the raw submissions."""
    import streamlit as st

    eng = db_kecil
    if eng.dialect.name == "postgresql":  # the app is given a URL: the test schema goes into it as the search path
        with eng.connect() as conn:
            skema = conn.execute(text("SELECT current_schema()")).scalar_one()
        eng = create_engine(eng.url.update_query_dict({"options": f"-csearch_path={skema}"}))
    try:
        at = pembuka_halaman(eng, monkeypatch)("dashboard/petugas.py", tanggal=TGL.isoformat())
        assert not at.exception, at.exception
        tabel = at.dataframe[0].value.set_index("petugas")
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
        if eng is not db_kecil:
            eng.dispose()
    kel = kampanye_kecil.tabel["keluarga"].sort_values(["id_keluarga", "tanggal"])
    per_kel = kel.groupby("id_keluarga").agg(pertama=("tanggal", "min"), ppl=("id_ppl", "last"), durasi=("durasi_menit", "first"))
    sampai = per_kel[per_kel["pertama"] <= TGL]
    assert len(sampai) > 0
    for p, grup in sampai.groupby("ppl"):
        assert tabel.loc[p, "selesai"] == len(grup)
        assert tabel.loc[p, "menit_median"] == round(float(np.median(np.floor(grup["durasi"] + 0.5))), 1)
