"""The first start on the embedded default: the demo loads stage by stage under a progress bar, once."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from store.siapkan import BAGIAN_DEMO, muat_demo
from tampilan.teks import t
from tests.conftest import ROOT_APP


def test_muat_demo_mengabarkan_setiap_langkah_berurutan(tmp_path):
    """Every stage a demo load tells of has its share of the bar, in rising order, from generating to done."""
    from store.db import buat_engine

    langkah = []
    muat_demo(buat_engine(f"sqlite:///{tmp_path / 'demo.sqlite'}"), skala=0.05, kemajuan=langkah.append)
    assert langkah[0] == "bangkit" and langkah[-1] == "selesai" and "keluarga" in langkah
    bagian = [BAGIAN_DEMO[x] for x in langkah]
    assert bagian == sorted(bagian) and bagian[0] == 0.0 and bagian[-1] == 1.0
    assert list(BAGIAN_DEMO) == langkah  # no stage without a share, no share without a stage


def test_mulai_pertama_memuat_demo_di_bawah_bilah_kemajuan(tmp_path, monkeypatch):
    """No configuration: the app fills its own SQLite file with the demo, showing each stage's text in the
    chosen language on a rising bar, then opens the overview with the demo banner and no bar left; a second
    run loads nothing."""
    import streamlit as st

    import store.db
    from dashboard import data

    monkeypatch.delenv("PANTAU_DB_URL", raising=False)
    monkeypatch.setenv("PANTAU_LOGIN", "0")
    monkeypatch.setattr(store.db, "SQLITE_BAWAAN", tmp_path / "pantau.sqlite")
    dilihat = []

    def demo_kecil(engine, kemajuan):  # the same load at a small scale, its stages recorded as the bar shows them
        def kabar(langkah):
            kemajuan(langkah)
            dilihat.append(langkah)

        return muat_demo(engine, skala=0.1, kemajuan=kabar)

    monkeypatch.setattr(data, "muat_demo", demo_kecil)
    tampil = []
    asli = st.delta_generator.DeltaGenerator.progress

    def progress(self, nilai, text=None):
        tampil.append((nilai, text))
        return asli(self, nilai, text=text)

    monkeypatch.setattr(st.delta_generator.DeltaGenerator, "progress", progress)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(ROOT_APP, default_timeout=180)
        at.query_params["lang"] = "en"
        at.run()
        assert not at.exception, at.exception
        assert dilihat[0] == "bangkit" and dilihat[-1] == "selesai"
        teks = [x for _, x in tampil if x]
        assert t("siapkan_bangkit", "en") in teks and t("siapkan_keluarga", "en") in teks and t("siapkan_tabel", "en", tabel="petugas") in teks
        nilai = [x for x, _ in tampil]
        assert nilai == sorted(nilai) and nilai[-1] == 1.0
        assert not at.get("progress")  # gone once the data is in
        assert t("lencana_demo", "en") in "".join(m.value for m in at.markdown)  # the overview, on the demo
        assert at.metric, "the overview's headline figures"
        dilihat.clear()
        at.run()
        assert not dilihat and not at.exception  # loaded once
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


class _Dihentikan(BaseException):
    """Stands for Ctrl+C (KeyboardInterrupt) in the middle of a load, without stopping pytest itself."""


def _muat_terputus(engine, di: str = "keluarga") -> None:
    """A demo load stopped as the given stage begins: what Ctrl+C during the first start leaves behind."""

    def kabar(langkah):
        if langkah == di:
            raise _Dihentikan

    try:
        muat_demo(engine, skala=0.05, kemajuan=kabar)
    except _Dihentikan:
        return
    raise AssertionError("the load was not stopped")


def test_muat_demo_terputus_dikenali_dan_dikosongkan(tmp_path):
    """A demo load stopped after the small tables leaves areas without families; it is known as cut short, and
    emptied so that the next start loads the whole demo. A finished load, and a database holding a user's own
    import, are never emptied."""
    from sqlalchemy import func, select

    from store.db import buat_engine, kosong
    from store.impor.tulis import impor_tabel
    from store.schema import keluarga, wilayah
    from store.siapkan import kosongkan_bila_terputus, siapkan_basis_data, terputus

    eng = buat_engine(f"sqlite:///{tmp_path / 'a.sqlite'}")
    _muat_terputus(eng)
    with eng.connect() as conn:
        assert conn.execute(select(func.count()).select_from(wilayah)).scalar() > 0  # some tables in ...
        assert conn.execute(select(func.count()).select_from(keluarga)).scalar() == 0  # ... not the families
    assert not kosong(eng) and terputus(eng)
    assert kosongkan_bila_terputus(eng) and kosong(eng) and not terputus(eng)
    muat_demo(eng, skala=0.05)
    assert not terputus(eng) and not kosongkan_bila_terputus(eng)
    with eng.connect() as conn:
        assert conn.execute(select(func.count()).select_from(keluarga)).scalar() > 0

    milik = buat_engine(f"sqlite:///{tmp_path / 'b.sqlite'}")  # cut short, then a user's own file imported into it
    _muat_terputus(milik)
    wil = pd.DataFrame({"kode": ["99"], "nama": ["Provinsi Milik Pengguna"]})
    assert impor_tabel(milik, "wilayah", wil, "wilayah_saya.csv").dimuat == 1
    assert not terputus(milik) and not kosongkan_bila_terputus(milik) and not kosong(milik)
    assert siapkan_basis_data(milik, isi_demo=True) is False  # left as it is


def test_mulai_pertama_setelah_terputus_memuat_demo_utuh(tmp_path, monkeypatch):
    """The first start was stopped while the families loaded (Ctrl+C); the next start loads the demo again, whole,
    and the overview shows its families."""
    import streamlit as st
    from sqlalchemy import func, select

    import store.db
    from dashboard import data
    from store.db import buat_engine
    from store.schema import keluarga

    berkas = tmp_path / "pantau.sqlite"
    _muat_terputus(buat_engine(f"sqlite:///{berkas}"))
    monkeypatch.delenv("PANTAU_DB_URL", raising=False)
    monkeypatch.setenv("PANTAU_LOGIN", "0")
    monkeypatch.setattr(store.db, "SQLITE_BAWAAN", berkas)
    monkeypatch.setattr(data, "muat_demo", lambda engine, kemajuan: muat_demo(engine, skala=0.05, kemajuan=kemajuan))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(ROOT_APP, default_timeout=180)
        at.run()
        assert not at.exception, at.exception
        with buat_engine(f"sqlite:///{berkas}").connect() as conn:
            n = conn.execute(select(func.count(func.distinct(keluarga.c.id_keluarga)))).scalar()
        assert n > 0 and at.metric, "the demo's families and the overview's headline figures"
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
