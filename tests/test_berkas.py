"""Real exports as they come: separators, encodings, XLSX, title rows, day-first and Excel dates, damaged codes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from openpyxl import Workbook
from sqlalchemy import select

from store import schema as s
from store.berkas import BerkasTakTerbaca, baca_berkas, baca_pemetaan, pemetaan_untuk, tebak_tabel
from store.db import buat_skema
from store.impor.tulis import impor_tabel

SLS1, SLS2 = "01010100010001", "01010100010002"  # a fictional province 01: its codes lose a zero in a spreadsheet


def _dasar(eng) -> None:
    buat_skema(eng)
    wil = pd.DataFrame({"kode": ["01", "0101", "0101010", "0101010001", SLS1, SLS2], "nama": ["Prov", "Kab", "Kec", "Désa Ujung", "RT 1", "RT 2"]})
    impor_tabel(eng, "wilayah", wil, "w")
    impor_tabel(eng, "petugas", pd.DataFrame({"id_petugas": ["M1", "P1"], "nama": ["m", "p"], "peran": ["PML", "PPL"], "id_atasan": [None, "M1"]}), "p")
    impor_tabel(eng, "beban", pd.DataFrame({"kode_sls": [SLS1, SLS2], "id_ppl": ["P1", "P1"], "sasaran_keluarga": [50, 60]}), "b")
    impor_tabel(eng, "jadwal", pd.DataFrame({"mulai": ["2022-10-15"], "selesai": ["2022-11-14"]}), "j")


def _impor(eng, berkas, tabel: str, **kw):
    return impor_tabel(eng, tabel, berkas.tabel, berkas.nama, nomor_baris=berkas.nomor_baris, sidik=berkas.sidik, catatan=berkas.catatan, **kw)


def _keluarga(eng) -> pd.DataFrame:
    with eng.connect() as conn:
        rows = conn.execute(select(s.keluarga.c.id_keluarga, s.keluarga.c.kode_sls, s.keluarga.c.tanggal, s.keluarga.c.hasil).order_by(s.keluarga.c.id_keluarga)).all()
    return pd.DataFrame(rows, columns=["id_keluarga", "kode_sls", "tanggal", "hasil"])


TEKS_KELUARGA = [
    ["ID Keluarga", "Kode SLS", "ID PPL", "Tanggal", "Hasil"],
    ["k1", "1010100010001", "P1", "2022-10-15", "1"],  # 13 digits: the leading zero was lost
    ["k2", "0101.010.001.0002", "P1", "16/10/2022", "2"],
    ["k3", SLS1, "P1", "17-10-2022", "1"],
    ["k4", SLS2, "P1", "44852", "4"],  # Excel serial for 18 Oct 2022
]
HARAPAN = pd.DataFrame(
    {
        "id_keluarga": ["k1", "k2", "k3", "k4"],
        "kode_sls": [SLS1, SLS2, SLS1, SLS2],
        "tanggal": [date(2022, 10, 15), date(2022, 10, 16), date(2022, 10, 17), date(2022, 10, 18)],
        "hasil": [1, 2, 1, 4],
    }
)


@pytest.mark.parametrize(
    ("pemisah", "pengodean", "catatan"),
    [(",", "utf-8", "pemisah ','"), (";", "utf-8-sig", "(BOM)"), ("\t", "utf-8", "pemisah 'tab'"), (";", "cp1252", "cp1252")],
)
def test_csv_pemisah_dan_pengodean(db_kosong, pemisah, pengodean, catatan):
    _dasar(db_kosong)
    teks = "\r\n".join(pemisah.join(r) for r in TEKS_KELUARGA) + "\r\n"
    if pengodean == "cp1252":
        teks = "Rekap Kiriman Désa Ujung\r\n" + teks  # a title line above the header, a Windows-only character
    berkas = baca_berkas(teks.encode(pengodean), "kiriman.csv")
    assert any(catatan in c for c in berkas.catatan), berkas.catatan
    hasil = _impor(db_kosong, berkas, "keluarga")
    assert hasil.jumlah_ditolak == 0, hasil.ditolak
    assert any("dilengkapi nol" in c for c in hasil.catatan)
    pd.testing.assert_frame_equal(_keluarga(db_kosong), HARAPAN)


def _xlsx(path, baris, judul: list[str] | None = None) -> None:
    wb = Workbook()
    ws = wb.active
    for j in judul or []:
        ws.append([j])
    for r in baris:
        ws.append(r)
    wb.create_sheet("Catatan").append(["lembar kedua tidak dibaca"])
    wb.save(path)


def test_xlsx_angka_tanggal_excel_dan_judul(db_kosong, tmp_path):
    _dasar(db_kosong)
    from datetime import datetime

    baris = [
        TEKS_KELUARGA[0],
        ["k1", 1010100010001, "P1", datetime(2022, 10, 15), 1],  # numeric code cell, real date cell
        ["k2", "0101.010.001.0002", "P1", "16/10/2022", 2.0],
        ["k3", float(SLS1), "P1", "17-10-2022", "1"],
        [None, None, None, None, None],  # an empty row in the middle
        ["k4", SLS2, "P1", 44852, 4],
    ]
    _xlsx(tmp_path / "keluarga.xlsx", baris, judul=["REKAP KIRIMAN REGSOSEK", "Kabupaten Contoh"])
    berkas = baca_berkas(tmp_path / "keluarga.xlsx")
    assert berkas.nomor_baris == [4, 5, 6, 8]  # header on row 3, the empty row 7 skipped but counted
    hasil = _impor(db_kosong, berkas, "keluarga")
    assert hasil.jumlah_ditolak == 0, hasil.ditolak
    pd.testing.assert_frame_equal(_keluarga(db_kosong), HARAPAN)


def test_nomor_baris_penolakan_adalah_baris_berkas(db_kosong):
    _dasar(db_kosong)
    teks = "judul laporan\n\nid_keluarga;kode_sls;id_ppl;tanggal;hasil\nk1;" + SLS1 + ";P1;2022-10-20;1\n\nk2;" + SLS1 + ";P1;2022-10-20;9\n"
    berkas = baca_berkas(teks.encode(), "k.csv")
    hasil = _impor(db_kosong, berkas, "keluarga")
    assert list(hasil.ditolak["baris"]) == [6]
    assert "hasil bukan 1-5" in hasil.ditolak["alasan"].iloc[0]


def test_kode_notasi_ilmiah_ditolak_dengan_penjelasan(db_kosong):
    _dasar(db_kosong)
    teks = f"id_keluarga,kode_sls,id_ppl,tanggal,hasil\nk1,1.0101E+12,P1,2022-10-20,1\nk2,{SLS1},P1,2022-10-20,1\n"
    hasil = _impor(db_kosong, baca_berkas(teks.encode(), "k.csv"), "keluarga")
    assert hasil.dimuat == 1 and list(hasil.ditolak["baris"]) == [2]
    assert "notasi ilmiah" in hasil.ditolak["alasan"].iloc[0]


def test_ribuan_gaya_indonesia_pada_bilangan(db_kosong):
    _dasar(db_kosong)
    teks = f"kode_sls;id_ppl;sasaran_keluarga\n{SLS1};P1;1.204\n{SLS2};P1;12,5\n"
    hasil = _impor(db_kosong, baca_berkas(teks.encode(), "beban.csv"), "beban")
    assert hasil.dimuat == 1 and "bukan bilangan bulat" in hasil.ditolak["alasan"].iloc[0]
    with db_kosong.connect() as conn:
        assert conn.execute(select(s.beban.c.sasaran_keluarga).where(s.beban.c.kode_sls == SLS1)).scalar_one() == 1204


def test_berkas_pemetaan_kolom(db_kosong, tmp_path):
    _dasar(db_kosong)
    (tmp_path / "peta.csv").write_text("tabel,kolom_berkas,kolom_kontrak\nkeluarga,KDKEL,id_keluarga\n,KD_SLS,kode_sls\nkeluarga,TGL_CACAH,tanggal\n")
    peta = baca_pemetaan(tmp_path / "peta.csv")
    teks = f"KDKEL,KD_SLS,id_ppl,TGL_CACAH,hasil\nk1,{SLS1},P1,20/10/2022,1\n"
    hasil = _impor(db_kosong, baca_berkas(teks.encode(), "ekspor_fasih.csv"), "keluarga", pemetaan=pemetaan_untuk(peta, "keluarga"))
    assert hasil.dimuat == 1
    assert pemetaan_untuk(peta, "beban") == {"KD_SLS": "kode_sls"}


def test_tebak_tabel_dari_nama_atau_kolom():
    assert tebak_tabel("keluarga_2022-10-20.csv", []) == "keluarga"
    assert tebak_tabel("ekspor.csv", ["ID Keluarga", "kode_sls", "id_ppl", "tanggal", "hasil", "durasi_menit"]) == "keluarga"
    assert tebak_tabel("ekspor.csv", ["kode_sls", "id_ppl", "sasaran_keluarga"]) == "beban"
    assert tebak_tabel("ekspor.csv", ["a", "b"]) is None


@pytest.mark.parametrize(
    ("isi", "nama", "pesan"),
    [
        (b"", "kosong.csv", "berkas kosong"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "foto.csv", "biner"),
        (b"PK\x03\x04 bukan xlsx", "rusak.xlsx", "bukan berkas XLSX"),
        (b"apa saja", "lama.xls", ".xls lama"),
        (b"\x81\x8d\x8f\x90\x9d", "aneh.csv", "pengodean"),
    ],
)
def test_berkas_tak_terbaca_diberi_pesan_jelas(isi, nama, pesan):
    with pytest.raises(BerkasTakTerbaca) as err:
        baca_berkas(isi, nama)
    assert nama in str(err.value) and pesan in str(err.value)
