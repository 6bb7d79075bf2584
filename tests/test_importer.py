"""The import path on clean and broken tables: whole-or-valid-rows loading, rejects kept, idempotence."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import func, select

from store import schema as s
from store.db import buat_skema, sisipkan_banyak
from store.impor.kontrak import KolomHilang
from store.impor.sel import baca_tanggal, normalkan_kode
from store.impor.tulis import impor_tabel
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
    assert (hasil.dimuat, hasil.dilampaui) == (2, 1)  # k7 sent twice on one day: the later row (hasil 2) counts
    assert set(alasan) == {3, 4, 5, 6, 7}
    assert "tidak dikenal" in alasan[3] and "SLS" in alasan[3]
    assert "PPL PX" in alasan[4]
    assert "hasil" in alasan[5]
    assert "tanggal" in alasan[6] and "terbaca" in alasan[6]
    assert "luar jadwal" in alasan[7]
    assert "k7 2022-10-22: baris 8, 9" in hasil.ulang.teks() and "urutan baris berkas" in hasil.ulang.teks()
    with db_kosong.connect() as conn:
        tersimpan = conn.execute(select(s.penolakan.c.berkas, s.penolakan.c.baris)).fetchall()
        k7 = conn.execute(select(s.keluarga_ringkas.c.hasil).where(s.keluarga_ringkas.c.id_keluarga == "k7")).scalar_one()
    assert sorted(b for _, b in tersimpan if _ == "k.csv") == [3, 4, 5, 6, 7]
    assert _hitung(db_kosong, s.keluarga_ringkas) == 2 and k7 == 2


def test_impor_ulang_tidak_mengubah_apa_pun(db_kosong_semua, kampanye_kecil):
    muat_kampanye(db_kosong_semua, kampanye_kecil)
    sebelum = {t.name: _hitung(db_kosong_semua, t) for t in (s.wilayah, s.petugas, s.beban, s.keluarga, s.keluarga_ringkas, s.laporan_harian)}
    hasil = muat_kampanye(db_kosong_semua, kampanye_kecil)
    sesudah = {t.name: _hitung(db_kosong_semua, t) for t in (s.wilayah, s.petugas, s.beban, s.keluarga, s.keluarga_ringkas, s.laporan_harian)}
    assert sebelum == sesudah
    assert all(h.dimuat == 0 and h.jumlah_ditolak == 0 and h.duplikat == h.dibaca for h in hasil)  # the schedule too
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
    from store import rekap

    def rusak(*_a, **_k):
        raise RuntimeError("mati di tengah impor")

    monkeypatch.setattr(rekap, "perbarui_ringkas", rusak)
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


def _tersimpan(eng, tabel, kolom: list[str]) -> list[tuple]:
    with eng.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(*[tabel.c[k] for k in kolom])))


def test_setiap_jenis_baris_buruk_ditolak_tepat_dan_yang_sah_utuh(db_kosong_semua):
    """One hand-made file per table with every kind of bad row; the exact rejects, and every valid row stored."""
    eng = db_kosong_semua
    _dasar(eng)
    sls1, sls2 = "73170100010001", "73170100010002"
    keluarga = pd.DataFrame(
        [
            ["k1", sls1, "P1", "2022-10-20", "1", "0", "35", ""],  # 2 valid
            ["k2", sls2, "P2", "21/10/2022", "3", "1", "", "22-10-2022"],  # 3 valid, new family, checked
            ["k3", "73170100019999", "P1", "2022-10-20", "1", "", "", ""],  # 4 unknown SLS
            ["k4", sls1, "PX", "2022-10-20", "1", "", "", ""],  # 5 unknown officer
            ["k5", sls1, "P1", "2022-10-20", "6", "", "", ""],  # 6 result out of range
            ["k6", sls1, "P1", "31/02/2022", "1", "", "", ""],  # 7 date unreadable
            ["k7", sls1, "P1", "2022-12-01", "1", "", "", ""],  # 8 outside the campaign
            ["k8", sls1, "P1", "2022-10-20", "1", "", "-4", ""],  # 9 negative duration
            ["k9", sls1, "P1", "2022-10-20", "1", "", "", ""],  # 10 valid
            ["k9", sls1, "P1", "2022-10-20", "1", "", "", ""],  # 11 exact duplicate: ignored
            ["k10", sls2, "P2", "2022-10-20", "1", "", "", ""],  # 12 same-day re-submission: superseded by 13
            ["k10", sls2, "P2", "2022-10-20", "2", "", "", ""],  # 13 valid: the day's last submission
            ["k1", sls1, "P1", "2022-10-25", "2", "0", "10", ""],  # 14 valid: a correction of k1
        ],
        columns=["id_keluarga", "kode_sls", "id_ppl", "tanggal", "hasil", "keluarga_baru", "durasi_menit", "tanggal_periksa"],
    )
    hasil = impor_tabel(eng, "keluarga", keluarga, "keluarga.csv")
    alasan = dict(zip(hasil.ditolak["baris"], hasil.ditolak["alasan"], strict=True))
    assert sorted(alasan) == [4, 5, 6, 7, 8, 9]
    assert alasan[4].startswith("SLS 73170100019999 tidak dikenal")
    assert alasan[5] == "PPL PX tidak dikenal"
    assert alasan[6] == "kode hasil bukan 1-5"
    assert alasan[7] == "tanggal tidak terbaca sebagai tanggal"
    assert alasan[8].startswith("tanggal di luar jadwal pendataan (2022-10-15 s.d. 2022-11-15)")
    assert alasan[9] == "durasi_menit negatif"
    assert (hasil.dibaca, hasil.dimuat, hasil.duplikat, hasil.dilampaui) == (13, 5, 1, 1)
    assert _tersimpan(eng, s.keluarga, ["id_keluarga", "tanggal", "hasil", "keluarga_baru"]) == [
        ("k1", date(2022, 10, 20), 1, 0),
        ("k1", date(2022, 10, 25), 2, 0),
        ("k10", date(2022, 10, 20), 2, 0),
        ("k2", date(2022, 10, 21), 3, 1),
        ("k9", date(2022, 10, 20), 1, 0),
    ]
    laporan = pd.DataFrame(
        [["2022-10-20", sls1, "P1", "5"], ["2022-10-20", sls2, "P2", "-3"], ["2022-10-21", sls2, "P9", "2"], ["2022-10-21", sls1, "P1", "lima"]],
        columns=["tanggal", "kode_sls", "id_ppl", "selesai"],
    )
    hasil = impor_tabel(eng, "laporan_harian", laporan, "laporan_harian.csv")
    assert dict(zip(hasil.ditolak["baris"], hasil.ditolak["alasan"], strict=True)) == {
        3: "selesai negatif",
        4: "PPL P9 tidak dikenal",
        5: "selesai bukan bilangan bulat",
    }
    beban = pd.DataFrame([[sls1, "P1", "-1"], [sls2, "P2", "4"]], columns=["kode_sls", "id_ppl", "sasaran_keluarga"])
    hasil = impor_tabel(eng, "beban", beban, "beban.csv")
    assert list(hasil.ditolak["alasan"]) == ["sasaran_keluarga negatif"] and hasil.dimuat == 1
    assert _tersimpan(eng, s.beban, ["kode_sls", "sasaran_keluarga"]) == [(sls1, 3), (sls2, 4)]  # the negative one left the old value


def test_impor_ulang_berkas_dengan_penolakan(db_kosong_semua):
    """The same file twice changes no data and leaves one standing set of rejects; a row refused for an
    unknown officer loads once the roster has the officer."""
    from queries.impor import penolakan_terkini, riwayat_impor

    eng = db_kosong_semua
    _dasar(eng)
    df = pd.DataFrame({"id_keluarga": ["k1", "k2"], "kode_sls": ["73170100010001"] * 2, "id_ppl": ["P1", "P3"], "tanggal": ["2022-10-20"] * 2, "hasil": ["1", "1"]})
    pertama = impor_tabel(eng, "keluarga", df, "keluarga.csv")
    isi = _tersimpan(eng, s.keluarga, ["id_keluarga", "tanggal", "hasil"]), _tersimpan(eng, s.keluarga_ringkas, ["id_keluarga", "hasil"])
    kedua = impor_tabel(eng, "keluarga", df, "keluarga.csv")
    assert (pertama.dimuat, kedua.dimuat, kedua.duplikat) == (1, 0, 1)
    assert (_tersimpan(eng, s.keluarga, ["id_keluarga", "tanggal", "hasil"]), _tersimpan(eng, s.keluarga_ringkas, ["id_keluarga", "hasil"])) == isi
    berlaku = penolakan_terkini(eng)
    assert list(berlaku["baris"]) == [3] and berlaku["alasan"].iloc[0] == "PPL P3 tidak dikenal"
    impor_tabel(eng, "petugas", pd.DataFrame({"id_petugas": ["P3"], "nama": ["e"], "peran": ["PPL"], "id_atasan": ["M1"]}), "petugas_tambahan.csv")
    ketiga = impor_tabel(eng, "keluarga", df, "keluarga.csv")
    assert (ketiga.dimuat, ketiga.duplikat, ketiga.jumlah_ditolak) == (1, 1, 0)
    assert penolakan_terkini(eng).empty
    assert list(riwayat_impor(eng, 3)["dimuat"]) == [1, 1, 0]


def test_sisipkan_banyak_sama_dengan_insert_biasa(db_kosong_semua):
    """The fast write path (COPY / the driver's executemany) stores exactly what tabel.insert() stores, whatever
    the key order of the rows, with dates, empty values and decimals."""
    eng = db_kosong_semua
    buat_skema(eng)
    baris = [
        {"tanggal_periksa": date(2022, 10, 21), "id_ppl": "P1", "tanggal": date(2022, 10, 20), "id_keluarga": "a", "kode_sls": "73170100010001"}
        | {"hasil": 1, "keluarga_baru": 0, "durasi_menit": 23.5, "waktu_mulai": datetime(2022, 10, 20, 22, 5, 30), "lintang": -2.994512, "bujur": 120.123456},
        {"tanggal_periksa": None, "id_ppl": "P2", "tanggal": date(2022, 11, 1), "id_keluarga": "b", "kode_sls": "73170100010002"}
        | {"hasil": 3, "keluarga_baru": 1, "durasi_menit": None, "waktu_mulai": None, "lintang": None, "bujur": None},
        {"tanggal_periksa": None, "id_ppl": "P2", "tanggal": date(2022, 11, 2), "id_keluarga": "c", "kode_sls": "73170100010002"}
        | {"hasil": 1, "keluarga_baru": 0, "durasi_menit": 7.0, "waktu_mulai": datetime(2022, 11, 2, 7, 0, 0, 250), "lintang": 0.0, "bujur": 0.0},
    ]
    with eng.begin() as conn:
        sisipkan_banyak(conn, s.keluarga, baris)
        conn.execute(s.keluarga.insert(), [{**r, "id_keluarga": r["id_keluarga"] + "-biasa"} for r in baris])
    with eng.connect() as conn:
        simpan = {r["id_keluarga"]: dict(r) for r in conn.execute(select(s.keluarga)).mappings()}
    assert len(simpan) == 6
    for r in baris:
        cepat, biasa = simpan[r["id_keluarga"]], simpan[r["id_keluarga"] + "-biasa"]
        assert {**biasa, "id_keluarga": r["id_keluarga"]} == cepat == {**dict.fromkeys(s.keluarga.c.keys()), **r}
