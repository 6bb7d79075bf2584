"""The import path on clean and broken tables: whole-or-valid-rows loading, rejects kept, idempotence."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select

from store import schema as s
from store.db import buat_skema
from store.importer import KolomHilang, baca_tanggal, impor_tabel, normalkan_kode
from store.siapkan import muat_kampanye


def _hitung(eng, tabel) -> int:
    with eng.connect() as conn:
        return conn.execute(select(func.count()).select_from(tabel)).scalar_one()


def _dasar(eng) -> None:
    """A tiny area master, officers, workload and schedule."""
    buat_skema(eng)
    impor_tabel(
        eng,
        "wilayah",
        pd.DataFrame(
            {"kode": ["73", "7317", "7317010", "7317010001", "73170100010001", "73170100010002"], "nama": ["Sulsel", "Luwu", "Larompong", "Bilante", "RT 1", "RT 2"]}
        ),
        "w.csv",
    )
    impor_tabel(
        eng,
        "petugas",
        pd.DataFrame(
            {"id_petugas": ["K1", "M1", "P1", "P2"], "nama": ["a", "b", "c", "d"], "peran": ["KOSEKA", "pml", "PPL", "PPL"], "id_atasan": [None, "K1", "M1", "M1"]}
        ),
        "p.csv",
    )
    impor_tabel(eng, "beban", pd.DataFrame({"kode_sls": ["73170100010001", "73170100010002"], "id_ppl": ["P1", "P2"], "sasaran_keluarga": [3, 2]}), "b.csv")
    impor_tabel(eng, "jadwal", pd.DataFrame({"mulai": ["2022-10-15"], "selesai": ["15/11/2022"]}), "j.csv")


def test_kolom_wajib_hilang_ditolak_seluruhnya(db_kosong):
    _dasar(db_kosong)
    df = pd.DataFrame({"ID Keluarga": ["x"], "kode_sls": ["73170100010001"], "tanggal": ["2022-10-20"]})
    with pytest.raises(KolomHilang) as err:
        impor_tabel(db_kosong, "keluarga", df, "kiriman.csv")
    pesan = str(err.value)
    assert "kiriman.csv" in pesan and "id_ppl" in pesan and "hasil" in pesan and "ID Keluarga" in pesan
    assert _hitung(db_kosong, s.keluarga) == 0


def test_nama_kolom_lain_ejaan_dan_pemetaan(db_kosong):
    _dasar(db_kosong)
    df = pd.DataFrame({"ID_KELUARGA": ["k1"], "Kode SLS": ["7317.010.001.0001"], "ppl": ["P1"], "Tanggal": ["20-10-2022"], "HASIL": ["1"]})
    hasil = impor_tabel(db_kosong, "keluarga", df, "k.csv", pemetaan={"ppl": "id_ppl"})
    assert hasil.dimuat == 1 and hasil.jumlah_ditolak == 0


def test_baris_buruk_ditolak_dengan_nomor_dan_alasan_yang_baik_dimuat(db_kosong):
    _dasar(db_kosong)
    df = pd.DataFrame(
        {
            "id_keluarga": ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k7"],
            "kode_sls": ["73170100010001", "73170100019999", "73170100010001", "73170100010001", "73170100010002", "73170100010002", "73170100010002", "73170100010002"],
            "id_ppl": ["P1", "P1", "PX", "P1", "P2", "P2", "P2", "P2"],
            "tanggal": ["2022-10-20", "2022-10-20", "2022-10-20", "2022-10-21", "kemarin", "2022-12-25", "2022-10-22", "2022-10-22"],
            "hasil": [1, 1, 1, 7, 1, 1, 1, 2],
        }
    )
    hasil = impor_tabel(db_kosong, "keluarga", df, "k.csv")
    alasan = dict(zip(hasil.ditolak["baris"], hasil.ditolak["alasan"], strict=True))
    assert hasil.dimuat == 1
    assert set(alasan) == {3, 4, 5, 6, 7, 8, 9}
    assert "tidak dikenal" in alasan[3] and "SLS" in alasan[3]
    assert "PPL PX" in alasan[4]
    assert "hasil" in alasan[5]
    assert "tanggal" in alasan[6] and "terbaca" in alasan[6]
    assert "luar jadwal" in alasan[7]
    assert "bertentangan" in alasan[8] and "bertentangan" in alasan[9]
    with db_kosong.connect() as conn:
        tersimpan = conn.execute(select(s.penolakan.c.berkas, s.penolakan.c.baris)).fetchall()
    assert sorted(b for _, b in tersimpan if _ == "k.csv") == [3, 4, 5, 6, 7, 8, 9]
    assert _hitung(db_kosong, s.keluarga_ringkas) == 1


def test_impor_ulang_tidak_mengubah_apa_pun(db_kosong_semua, kampanye_kecil):
    muat_kampanye(db_kosong_semua, kampanye_kecil)
    sebelum = {t.name: _hitung(db_kosong_semua, t) for t in (s.wilayah, s.petugas, s.beban, s.keluarga, s.keluarga_ringkas, s.laporan_harian)}
    hasil = muat_kampanye(db_kosong_semua, kampanye_kecil)
    sesudah = {t.name: _hitung(db_kosong_semua, t) for t in (s.wilayah, s.petugas, s.beban, s.keluarga, s.keluarga_ringkas, s.laporan_harian)}
    assert sebelum == sesudah
    assert all(h.dimuat == 0 and h.jumlah_ditolak == 0 for h in hasil if h.tabel != "jadwal")
    assert sesudah["keluarga_ringkas"] == kampanye_kecil.tabel["keluarga"]["id_keluarga"].nunique()


def test_koreksi_mengganti_hasil_terkini_tanpa_menambah_keluarga(db_kosong_semua):
    _dasar(db_kosong_semua)
    impor_tabel(
        db_kosong_semua,
        "keluarga",
        pd.DataFrame({"id_keluarga": ["k1"], "kode_sls": ["73170100010001"], "id_ppl": ["P1"], "tanggal": ["2022-10-20"], "hasil": [2]}),
        "a.csv",
    )
    impor_tabel(
        db_kosong_semua,
        "keluarga",
        pd.DataFrame({"id_keluarga": ["k1"], "kode_sls": ["73170100010001"], "id_ppl": ["P1"], "tanggal": ["2022-10-23"], "hasil": [1]}),
        "b.csv",
    )
    with db_kosong_semua.connect() as conn:
        rows = conn.execute(select(s.keluarga_ringkas)).mappings().all()
    assert len(rows) == 1
    r = rows[0]
    assert (r["tanggal_pertama"], r["tanggal_terakhir"], r["hasil"], r["jumlah_kiriman"]) == (date(2022, 10, 20), date(2022, 10, 23), 1, 2)


def test_gagal_di_tengah_tidak_meninggalkan_setengah_isi(db_kosong, monkeypatch):
    _dasar(db_kosong)
    from store import importer

    def rusak(*_a, **_k):
        raise RuntimeError("mati di tengah impor")

    monkeypatch.setattr(importer, "perbarui_ringkas", rusak)
    df = pd.DataFrame({"id_keluarga": ["k1", "k2"], "kode_sls": ["73170100010001"] * 2, "id_ppl": ["P1"] * 2, "tanggal": ["2022-10-20"] * 2, "hasil": [1, 1]})
    with pytest.raises(RuntimeError):
        impor_tabel(db_kosong, "keluarga", df, "k.csv")
    assert _hitung(db_kosong, s.keluarga) == 0 and _hitung(db_kosong, s.impor) == 4


def test_kode_dan_tanggal_dinormalkan():
    assert list(normalkan_kode(pd.Series(["73.17.010", " 7317010001 ", 7317, 7317010.0, None]))) == ["7317010", "7317010001", "7317", "7317010", None]
    assert baca_tanggal("2022-10-15") == date(2022, 10, 15)
    assert baca_tanggal("15/10/2022") == date(2022, 10, 15)
    assert baca_tanggal("15-10-2022") == date(2022, 10, 15)
    assert baca_tanggal(44849) == date(2022, 10, 15)
    assert baca_tanggal("besok") is None
