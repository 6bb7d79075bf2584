"""AppTest of the overview page: runs clean, and every figure shown equals the raw-row recomputation."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from store.db import buat_skema
from tampilan.teks import angka, persen, poin, proyeksi_sel
from tests import rujukan
from tests.conftest import sqlite_baru

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
MULAI, SELESAI = date(2022, 10, 15), date(2022, 11, 14)


@pytest.fixture
def app(sqlite_kecil, monkeypatch):
    monkeypatch.setenv("PANTAU_DB_URL", str(sqlite_kecil.url))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    yield at
    st.cache_data.clear()
    st.cache_resource.clear()


def _metrik(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def _peta(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


@pytest.mark.parametrize("tgl", [MULAI - timedelta(days=1), date(2022, 10, 21), SELESAI], ids=str)
def test_angka_utama_sama_dengan_rujukan(app, kampanye_kecil, tgl):
    app.run()
    app.sidebar.selectbox(key="tanggal").set_value(tgl).run()
    assert not app.exception
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    baris = rujukan.per_wilayah(kampanye_kecil.tabel, 4, tgl).loc[kab]
    ind = rujukan.indikator(baris, *rujukan.jadwal_area(kampanye_kecil.tabel, kab), tgl)
    m = _metrik(app)
    assert m["Capaian"][0] == persen(ind["capaian"])
    assert m["Capaian"][1].startswith(poin(ind["selisih"])) and persen(ind["rencana"]) in m["Capaian"][1]
    assert m["Selesai"][0] == angka(baris["selesai"]) and angka(baris["sasaran"]) in m["Selesai"][1]
    assert m["Laju 7 hari"][0] == angka(ind["laju_7hari"])
    assert m["Laju perlu"][0] == angka(ind["laju_perlu"])


def test_peta_kecamatan_sama_dengan_rujukan(app, kampanye_kecil):
    app.run()
    tgl = app.sidebar.selectbox(key="tanggal").value
    assert tgl == max(kampanye_kecil.tabel["keluarga"]["tanggal"])  # default: last day with data
    trace = _peta(app)["data"][0]
    assert trace["type"] == "choroplethmap"
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 7, tgl)
    assert sorted(trace["locations"]) == sorted(kampanye_kecil.geografi.kecamatan["kode"])
    ram = rujukan.ramalan(kampanye_kecil.tabel, list(acuan.index), tgl)
    for kode, data in zip(trace["locations"], trace["customdata"], strict=True):
        ind = rujukan.indikator(acuan.loc[kode], *rujukan.jadwal_area(kampanye_kecil.tabel, kode), tgl, ram.loc[kode])
        assert data[1] == persen(ind["capaian"]) and data[3] == poin(ind["selisih"])
        sisa = max(acuan.loc[kode, "sasaran"] - acuan.loc[kode, "selesai"], 0)
        assert data[8] == proyeksi_sel(pd.Series({**acuan.loc[kode].to_dict(), "sisa": sisa, **ram.loc[kode].to_dict()}), "id")
        assert data[4] == angka(acuan.loc[kode, "selesai"]) and data[5] == angka(acuan.loc[kode, "sasaran"])


def test_turun_ke_desa_dan_kembali(app, kampanye_kecil):
    app.run()
    kec = kampanye_kecil.geografi.kecamatan.iloc[0]
    app.sidebar.selectbox(key="kec").set_value(kec["kode"]).run()
    assert not app.exception
    assert kec["nama"] in app.title[0].value
    desa = kampanye_kecil.geografi.desa
    assert sorted(_peta(app)["data"][0]["locations"]) == sorted(desa.loc[desa["kode_kec"] == kec["kode"], "kode"])
    tgl = app.sidebar.selectbox(key="tanggal").value
    baris = rujukan.per_wilayah(kampanye_kecil.tabel, 7, tgl).loc[kec["kode"]]
    assert _metrik(app)["Selesai"][0] == angka(baris["selesai"])
    app.button(key="kembali_kab").click().run()
    assert kampanye_kecil.geografi.kabupaten["nama"].iloc[0] in app.title[0].value


def test_tautan_dengan_tanggal_dan_kecamatan(app, kampanye_kecil):
    kec = kampanye_kecil.geografi.kecamatan.iloc[1]
    app.query_params["tanggal"] = "2022-10-20"
    app.query_params["kec"] = kec["nama"]
    app.run()
    assert app.sidebar.selectbox(key="tanggal").value == date(2022, 10, 20)
    assert kec["nama"] in app.title[0].value


def _baca_tautan_setelah_ditulis():
    """A run in which the address was written before (_tautan_tertulis) but the session no longer holds the day."""
    import streamlit as st

    from dashboard import widget

    st.session_state["_tautan_tertulis"] = {"tanggal": "2022-10-20", "lang": "en"}
    st.session_state.pop("tanggal", None)
    widget.baca_tautan()
    st.text(repr((st.session_state.get("tanggal"), st.session_state.get("lang"))))


def test_tautan_mengembalikan_pilihan_yang_hilang_dari_sesi():
    """A choice the session has lost (Streamlit drops a widget's state after a run that did not draw it) is taken
    from the address again, though the address has not changed: otherwise the next write of the address would
    drop the day for the default."""
    at = AppTest.from_function(_baca_tautan_setelah_ditulis)
    at.query_params["tanggal"] = "2022-10-20"
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.text[0].value == repr((date(2022, 10, 20), "en"))


def test_pilihan_berlabel_bahasa_lain_dibaca_kembali(app):
    """A select box sends its choice as its label, and after a language switch the browser still sends the old
    language's label (until the box is set again): the day is read back from it, not replaced by the newest
    day, which had also dropped the date from the address."""
    app.query_params["tanggal"] = "2022-11-01"
    app.run()
    app.sidebar.segmented_control(key="lang").set_value("en").run()
    assert app.sidebar.selectbox(key="tanggal").value == date(2022, 11, 1)
    kotak = app.sidebar.selectbox(key="tanggal")
    kotak.options.append("Sel, 1 Nov 2022")  # as the browser holds it (the browser test sees the 'all' choice's label too)
    kotak.set_value("Sel, 1 Nov 2022")
    app.run()
    assert not app.exception
    assert app.sidebar.selectbox(key="tanggal").value == date(2022, 11, 1)
    assert app.query_params["tanggal"] == "2022-11-01" and app.query_params["lang"] == "en"
    assert any("Day 18 of 31" in c.value for c in app.caption)


def test_kotak_samping_berbawaan_pilihannya(app, kampanye_kecil):
    """The browser falls back to a box's default when it never received the value the session set: a page link
    clicked while a link's first run was still drawing lost the link's kecamatan and day (1 in 9 quick clicks
    in a browser). So each sidebar box's default is its current choice, and a choice made later moves it."""
    kec = kampanye_kecil.geografi.kecamatan.iloc[2]
    app.query_params["kec"] = kec["kode"]
    app.query_params["tanggal"] = "2022-11-01"
    app.run()
    for kunci, label in (("kab", kec["kode"][:4]), ("tanggal", "Sel, 1 Nov 2022"), ("kec", kec["nama"])):
        kotak = app.sidebar.selectbox(key=kunci)
        assert kotak.options[kotak.proto.default] == kotak.options[kotak.index], kunci
        assert kunci == "kab" or kotak.options[kotak.proto.default] == label
    app.sidebar.selectbox(key="tanggal").set_value(date(2022, 10, 25)).run()
    kotak = app.sidebar.selectbox(key="tanggal")
    assert kotak.options[kotak.proto.default] == "Sel, 25 Okt 2022"


def test_tautan_dengan_kode_kecamatan(app, kampanye_kecil):
    """A link may name the area by its code: ?kec=<kode> opens that kecamatan."""
    kec = kampanye_kecil.geografi.kecamatan.iloc[2]
    app.query_params["kec"] = kec["kode"]
    app.run()
    assert kec["nama"] in app.title[0].value
    assert app.sidebar.selectbox(key="kec").value == kec["kode"]


def test_tautan_lang_en(app):
    """The README's links say lang=en: the page opens in English."""
    app.query_params["lang"] = "en"
    app.run()
    assert "Completion" in _metrik(app) and "DEMO DATA" in _spanduk(app)


def test_bahasa_inggris(app):
    app.run()
    app.sidebar.segmented_control(key="lang").set_value("en").run()
    m = _metrik(app)
    assert "Completion" in m and "." in m["Completion"][0] and "," not in m["Completion"][0]
    assert "DEMO DATA" in _spanduk(app)


def _spanduk(app) -> str:
    """The demo banner: one line above the title, drawn once."""
    spanduk = [m.value for m in app.markdown if "spanduk-demo" in m.value]
    assert len(spanduk) == 1, spanduk
    return spanduk[0]


def test_warna_capaian(app):
    app.run()
    app.segmented_control(key="warna").set_value("capaian").run()
    assert not app.exception
    assert _peta(app)["data"][0]["colorbar"]["title"]["text"] == "Capaian (%)"


def test_basis_data_kosong_memberi_petunjuk(tmp_path, monkeypatch):
    eng = sqlite_baru(tmp_path / "kosong.sqlite")
    buat_skema(eng)
    monkeypatch.setenv("PANTAU_DB_URL", str(eng.url))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "manage.py demo" in at.warning[0].value
    st.cache_data.clear()
    st.cache_resource.clear()
