"""AppTest of the import page: upload, column mapping, dry-run preview, commit, rejects listed; boundary upload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from store import schema as s
from tests.conftest import sqlite_baru

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


@pytest.fixture
def db_baru(kampanye_kecil, tmp_path):
    """A private copy of the small campaign that the page may write to."""
    eng = sqlite_baru(tmp_path / "impor.sqlite", kampanye_kecil)
    yield eng
    eng.dispose()


@pytest.fixture
def buka_impor(db_baru, monkeypatch):
    def _buka(izinkan: bool = True) -> AppTest:
        monkeypatch.setenv("PANTAU_DB_URL", str(db_baru.url))
        monkeypatch.setenv("PANTAU_IZINKAN_IMPOR", "1" if izinkan else "0")
        monkeypatch.setenv("PANTAU_LOGIN", "0")
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        at.switch_page("dashboard/impor.py").run()
        assert not at.exception, at.exception
        return at

    yield _buka
    st.cache_data.clear()
    st.cache_resource.clear()


def _jumlah(eng, tabel) -> int:
    with eng.connect() as conn:
        return conn.execute(select(func.count()).select_from(tabel)).scalar_one()


def _metrik(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_unggah_pratinjau_lalu_simpan(buka_impor, db_baru, kampanye_kecil):
    beban = kampanye_kecil.tabel["beban"].iloc[0]
    baris = [
        "Rekap kiriman PPL – Désa Ujung",  # a title line above the header, in the Windows code page
        "ID Keluarga;KODE SLS;Petugas;Tgl;hasil",
        f"BARU-1;{beban.kode_sls};{beban.id_ppl};01/11/2022;1",
        f"BARU-2;{beban.kode_sls};{beban.id_ppl};02-11-2022;2",
        f"BARU-3;{beban.kode_sls};PPL-TAK-ADA;02/11/2022;1",
        f"BARU-4;{beban.kode_sls};{beban.id_ppl};02/11/2022;8",
    ]
    at = buka_impor()
    at.file_uploader(key="unggah_tabel").set_value(("kiriman_ppl.csv", "\n".join(baris).encode("cp1252"), "text/csv")).run()
    assert not at.exception, at.exception
    # the table is guessed from the columns only once id_ppl and tanggal are mapped: choose them
    at.selectbox(key=next(k.key for k in at.selectbox if k.key and k.key.startswith("tabel-"))).set_value("keluarga").run()
    peta = {k.key.rsplit("-", 1)[-1]: k for k in at.selectbox if k.key and k.key.startswith("peta-")}
    assert peta["id_keluarga"].value == "ID Keluarga" and peta["kode_sls"].value == "KODE SLS"  # matched by name
    peta["id_ppl"].set_value("Petugas")
    peta["tanggal"].set_value("Tgl")
    at.run()
    assert not at.exception, at.exception
    assert any("pemisah ';'" in c.value and "cp1252" in c.value for c in at.caption)
    m = _metrik(at)
    assert (m["Dibaca"], m["Akan dimuat"], m["Sudah tersimpan"], m["Ditolak"]) == ("4", "2", "0", "2")
    ditolak = next(df.value for df in at.dataframe if list(df.value.columns) == ["baris", "alasan", "data"])
    assert list(ditolak["baris"]) == [5, 6]  # file rows, counting the title line
    assert ditolak["alasan"].tolist() == ["PPL PPL-TAK-ADA tidak dikenal", "kode hasil bukan 1-5"]
    sebelum = _jumlah(db_baru, s.keluarga)
    assert _jumlah(db_baru, s.impor) == 7  # the demo's seven tables only: the preview stored nothing, not even in the log
    at.button(key="simpan_tabel").click().run()
    assert not at.exception, at.exception
    assert any("2 baris dimuat" in x.value for x in at.success)
    assert _jumlah(db_baru, s.keluarga) == sebelum + 2
    with db_baru.connect() as conn:
        assert conn.execute(select(s.keluarga_ringkas.c.hasil).where(s.keluarga_ringkas.c.id_keluarga == "BARU-2")).scalar_one() == 2
    # the history tab lists the import and its standing rejects
    semua = [df.value for df in at.dataframe]
    riwayat = next(df for df in semua if "sumber" in df.columns)
    assert riwayat.iloc[0]["sumber"] == "kiriman_ppl.csv" and riwayat.iloc[0]["ditolak"] == 2
    tolak = next(df for df in semua if "berkas" in df.columns)
    assert tolak["alasan"].tolist() == ["PPL PPL-TAK-ADA tidak dikenal", "kode hasil bukan 1-5"]


def test_kolom_diabaikan_disebut_lalu_impor_ditarik_dari_halaman(buka_impor, db_baru, kampanye_kecil):
    """The preview names the file columns it does not use (with the column meant); the history tab withdraws an
    import after a confirmation, and every figure follows."""
    beban = kampanye_kecil.tabel["beban"].iloc[0]
    isi = (
        "id_keluarga;kode_sls;id_ppl;tanggal;hasil;Lama (mnt);Catatan\n"
        f"TARIK-1;{beban.kode_sls};{beban.id_ppl};01/11/2022;3;12;x\n"  # re-submitted the same day: row 3 counts
        f"TARIK-1;{beban.kode_sls};{beban.id_ppl};01/11/2022;1;12;x\n"
    )
    at = buka_impor()
    at.file_uploader(key="unggah_tabel").set_value(("keluarga_tambahan.csv", isi.encode(), "text/csv")).run()
    assert not at.exception, at.exception
    assert any("Lama (mnt)" in w.value.replace("\\", "") and "Catatan" in w.value for w in at.warning)
    assert any("isi berbeda: 1 keluarga" in c.value and "TARIK-1 1 Nov 2022: 2, 3" in c.value.replace("\\", "") for c in at.caption)
    contoh = next(df.value for df in at.dataframe if "id_keluarga" in df.value.columns)
    assert contoh[["id_keluarga", "hasil"]].values.tolist() == [["TARIK-1", 1]]  # the superseded row is not previewed
    at.button(key="simpan_tabel").click().run()
    assert _jumlah(db_baru, s.keluarga_ringkas) == len(set(kampanye_kecil.tabel["keluarga"]["id_keluarga"])) + 1
    baru = int(next(df.value for df in at.dataframe if "sumber" in df.value.columns).iloc[0]["id"])
    pilih = at.selectbox(key="tarik_pilih").set_value(baru)
    assert "keluarga_tambahan.csv" in pilih.format_func(baru)
    at.run()
    assert at.button(key="tarik_tombol").disabled  # not before the confirmation
    at.checkbox(key="tarik_yakin").check().run()
    at.button(key="tarik_tombol").click().run()
    assert not at.exception, at.exception
    assert any("1 baris dihapus" in x.value for x in at.success)
    assert _jumlah(db_baru, s.keluarga_ringkas) == len(set(kampanye_kecil.tabel["keluarga"]["id_keluarga"]))
    riwayat = next(df.value for df in at.dataframe if "sumber" in df.value.columns)
    assert riwayat.iloc[0]["ditarik"] is not None and str(riwayat.iloc[0]["ditarik"]) != "NaT"


def test_kolom_wajib_hilang_dan_berkas_rusak(buka_impor, db_baru):
    at = buka_impor()
    at.file_uploader(key="unggah_tabel").set_value(("keluarga.csv", b"id_keluarga,tanggal\nk1,2022-10-20\n", "text/csv")).run()
    assert any("kode_sls" in e.value.replace("\\", "") and "ditemukan: id_keluarga, tanggal" in e.value.replace("\\", "") for e in at.error)
    at.file_uploader(key="unggah_tabel").set_value(("keluarga.xlsx", b"bukan xlsx", "application/octet-stream")).run()
    assert any("keluarga.xlsx" in e.value and "XLSX" in e.value for e in at.error)
    assert _jumlah(db_baru, s.impor) == 7


def test_impor_terkunci_tanpa_izin(buka_impor):
    at = buka_impor(izinkan=False)
    assert "PANTAU_IZINKAN_IMPOR" in at.warning[0].value
    assert not at.file_uploader


def test_unggah_batas_kode_lain_dicocokkan_menurut_nama(buka_impor, db_baru, kampanye_kecil):
    geo = kampanye_kecil.geografi
    fitur = [
        {
            "type": "Feature",
            "properties": {"KODE_KEMENDAGRI": f"99.01.{i + 1:02d}", "WADMKC": f"Kecamatan {nama.upper()}"},
            "geometry": shapely.geometry.mapping(g),
        }
        for i, (nama, g) in enumerate(zip(geo.kecamatan["nama"], geo.kecamatan.geometry, strict=True))
    ]
    isi = json.dumps({"type": "FeatureCollection", "features": fitur}).encode()
    with db_baru.begin() as conn:
        conn.execute(s.batas_wilayah.delete())
    at = buka_impor()
    at.file_uploader(key="unggah_batas").set_value(("kecamatan.geojson", isi, "application/geo+json")).run()
    assert not at.exception, at.exception
    m = _metrik(at)
    n = len(fitur)
    assert m["Cocok"] == f"{n} / {n}" and m["Tidak cocok"] == "0" and m["Ambigu"] == "0"
    laporan = next(df.value for df in at.dataframe if "nama_master" in df.value.columns)
    assert set(laporan["kode"]) == set(geo.kecamatan["kode"]) and set(laporan["cara"]) == {"nama"}
    assert _jumlah(db_baru, s.batas_wilayah) == 0
    at.button(key="simpan_batas_tombol").click().run()
    assert not at.exception, at.exception
    assert _jumlah(db_baru, s.batas_wilayah) == n + 1  # the kabupaten outline is derived from its kecamatan
