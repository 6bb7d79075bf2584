"""The first start on the embedded default: the demo loads stage by stage under a progress bar, once."""

from __future__ import annotations

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
