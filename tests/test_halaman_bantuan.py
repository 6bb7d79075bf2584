"""AppTest of the help plan page: the plan shown is the rules' plan, adoption is stored and followed up, roles hold."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from aturan.realokasi import rencanakan
from queries import impor, progres, proyeksi, realokasi, wilayah
from store.baca import baca_jadwal
from store.pengguna import tambah_pengguna
from tests.conftest import pembuka_halaman, sqlite_baru

TGL = date(2022, 11, 1)
SANDI = "sandi-yang-panjang-1"


@pytest.fixture
def db_bantuan(kampanye_kecil, tmp_path):
    eng = sqlite_baru(tmp_path / "bantuan.sqlite", kampanye_kecil)
    kab = wilayah.daftar_kabupaten(eng)["kode"].iloc[0]
    tambah_pengguna(eng, "kepala", SANDI, "pimpinan", [kab])
    tambah_pengguna(eng, "ruang", SANDI, "rapat", [kab])
    yield eng, kab
    eng.dispose()


def _rencana(eng, kab):
    jadwal = baca_jadwal(eng)
    return rencanakan(proyeksi.baca_bahan(eng, kab, TGL, jadwal.umum.mulai), jadwal, kab, progres.rekap_anak(eng, kab, TGL))


def test_rencana_di_layar_sama_dengan_aturan_lalu_diadopsi(db_bantuan, monkeypatch):
    import streamlit as st

    eng, kab = db_bantuan
    r = _rencana(eng, kab)
    assert len(r.pindah) > 0
    at = pembuka_halaman(eng, monkeypatch)("dashboard/bantuan.py", tanggal=TGL.isoformat(), masuk=("kepala", SANDI))
    angka = {m.label: m.value for m in at.metric}
    assert angka["SLS dipindahkan"] == str(len(r.pindah))
    assert angka["Keluarga dipindahkan"] == f"{r.pindah['keluarga'].sum():,}".replace(",", ".")
    pindah = next(df.value for df in at.dataframe if "Dari PPL" in df.value.columns and "Jarak" in df.value.columns)
    assert list(pindah["Kode"]) == list(r.pindah["kode_sls"]) and list(pindah["Keluarga dipindahkan"]) == list(r.pindah["keluarga"])
    assert list(pindah["Dari PPL"].str.extract(r"\(?([^()]+)\)?$")[0]) == list(r.pindah["dari_ppl"])  # "Name (ID)" or ID
    assert [d.label for d in at.get("download_button")] == ["Unduh CSV", "Unduh PDF"]

    at.button(key="rb_adopsi").click().run()
    assert not at.exception, at.exception
    daftar = realokasi.daftar_rencana(eng, kab)
    assert len(daftar) == 1 and daftar["tanggal"].iloc[0] == TGL and daftar["diadopsi_oleh"].iloc[0] == "kepala"
    tl = realokasi.tindak_lanjut(eng, int(daftar["id"].iloc[0]), date(2022, 11, 5))
    assert list(tl["kode_sls"]) == list(r.pindah["kode_sls"]) and list(tl["keluarga"]) == list(r.pindah["keluarga"])
    st.cache_data.clear()
    at = pembuka_halaman(eng, monkeypatch)("dashboard/bantuan.py", tanggal="2022-11-05", masuk=("kepala", SANDI))
    lanjut = next(df.value for df in at.dataframe if "Dikirim pemberi" in df.value.columns)
    assert list(lanjut["Kode"]) == list(tl["kode_sls"]) and list(lanjut["Dikirim pemberi"]) == list(tl["kiriman"])
    st.cache_data.clear()


def test_peran_rapat_tanpa_id_petugas_dan_tanpa_adopsi(db_bantuan, monkeypatch):
    import streamlit as st

    eng, kab = db_bantuan
    r = _rencana(eng, kab)
    at = pembuka_halaman(eng, monkeypatch)("dashboard/bantuan.py", tanggal=TGL.isoformat(), masuk=("ruang", SANDI))
    teks = "\n".join(df.value.to_csv() for df in at.dataframe) + "\n".join(m.value for m in at.markdown) + "\n".join(str(x.value) for x in at.get("plotly_chart"))
    for ppl in set(r.pindah["dari_ppl"]) | set(r.pindah["ke_ppl"]) | set(r.pemberi["id_ppl"]):
        assert ppl not in teks
    assert not at.get("download_button") and not [b for b in at.button if b.key == "rb_adopsi"]
    pindah = next(df.value for df in at.dataframe if "SLS" in df.value.columns)
    assert pindah["SLS"].sum() == len(r.pindah) and pindah["Keluarga dipindahkan"].sum() == r.pindah["keluarga"].sum()
    st.cache_data.clear()


def test_halaman_dalam_bahasa_inggris(buka_halaman):
    at = buka_halaman("dashboard/bantuan.py", tanggal=TGL.isoformat(), lang="en")
    assert at.title[0].value.startswith("Help plan")
    assert {m.label for m in at.metric} >= {"Back on time", "SLS moved", "Families moved", "Lending PPL"}


def test_pengguna_kecamatan_hanya_melihat_pemindahan_di_dalamnya(db_bantuan, monkeypatch):
    import streamlit as st

    from store.realokasi import adopsi

    eng, kab = db_bantuan
    r = _rencana(eng, kab)  # a kabupaten plan, adopted by the kabupaten
    adopsi(eng, kab, TGL, r.pindah, "kepala", "pimpinan", datetime(2022, 11, 1, 20, 0))
    kec = r.pindah["kode_sls"].str[:7].value_counts().index[0]
    tambah_pengguna(eng, "camat", SANDI, "pimpinan", [kec])
    at = pembuka_halaman(eng, monkeypatch)("dashboard/bantuan.py", tanggal="2022-11-05", masuk=("camat", SANDI))
    kode = [v for df in at.dataframe if "Kode" in df.value.columns for v in df.value["Kode"]]
    assert kode and all(k.startswith(kec) for k in kode)
    lanjut = next(df.value for df in at.dataframe if "Dikirim pemberi" in df.value.columns)
    assert set(lanjut["Kode"]) == {k for k in r.pindah["kode_sls"] if k.startswith(kec)}  # the kabupaten's plan, their part of it
    st.cache_data.clear()


def test_rencana_disimpan_lalu_dibaca_tanpa_dihitung_ulang(db_bantuan, monkeypatch, kampanye_kecil):
    """The plan shown is stored: a later open with every cache cleared (another process) shows the same moves
    without solving again; after an import (a new data version) it is solved again and the older one removed."""
    import streamlit as st
    from sqlalchemy import func, select

    from store.impor.tulis import impor_tabel
    from store.schema import rencana_simpan

    eng, kab = db_bantuan
    r = _rencana(eng, kab)
    buka = pembuka_halaman(eng, monkeypatch)

    def pindah_di_layar(at) -> list:
        assert not at.exception, at.exception
        return next(df.value for df in at.dataframe if "Dari PPL" in df.value.columns and "Jarak" in df.value.columns)["Kode"].tolist()

    assert pindah_di_layar(buka("dashboard/bantuan.py", tanggal=TGL.isoformat(), masuk=("kepala", SANDI))) == list(r.pindah["kode_sls"])
    hitung = lambda: eng.connect().execute(select(func.count()).select_from(rencana_simpan).where(rencana_simpan.c.kode == kab)).scalar()  # noqa: E731
    assert hitung() == 1
    dihitung = []
    asli = __import__("dashboard.data", fromlist=["rencanakan"]).rencanakan
    monkeypatch.setattr("dashboard.data.rencanakan", lambda *a, **k: dihitung.append(1) or asli(*a, **k))
    st.cache_data.clear()
    assert pindah_di_layar(buka("dashboard/bantuan.py", tanggal=TGL.isoformat(), masuk=("kepala", SANDI))) == list(r.pindah["kode_sls"])
    assert dihitung == []
    versi = impor.versi_data(eng)
    impor_tabel(eng, "petugas", kampanye_kecil.tabel["petugas"], "petugas.csv")  # the same officers: a new import, a new data version
    assert impor.versi_data(eng) != versi
    st.cache_data.clear()
    assert pindah_di_layar(buka("dashboard/bantuan.py", tanggal=TGL.isoformat(), masuk=("kepala", SANDI))) == list(r.pindah["kode_sls"])
    assert dihitung == [1] and hitung() == 1
    st.cache_data.clear()
