"""Real exports as they come: messy exports, re-submissions, corrections, withdrawal, hostile cells, input limits."""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from aturan.kinerja import tunggakan_pml
from queries.impor import riwayat_impor
from queries.progres import rekap_turunan
from store import schema as s
from store.berkas import BerkasTakTerbaca, baca_berkas
from store.db import buat_skema
from store.impor.kontrak import KolomGanda
from store.impor.tulis import impor_tabel
from store.rekap import perbarui_ringkas
from store.tarik import TarikDitolak, tarik_impor
from tests import rujukan
from tests.conftest import engine_pg_baru, hapus_skema_pg, sqlite_baru

MULAI, SELESAI = date(2022, 10, 15), date(2022, 11, 14)
SLS = [f"7399{k:03d}00{d}000{s}" for k in (10, 20) for d in (1, 2) for s in (1, 2)]  # 2 kecamatan x 2 desa x 2 SLS
PPL = {sls: f"P{i % 4 + 1}" for i, sls in enumerate(SLS)}


def _dasar(eng) -> None:
    """A province-shaped master of our own (not the demo's): 2 kecamatan, 4 desa, 8 SLS, 7 officers."""
    buat_skema(eng)
    kode = ["73", "7399", *sorted({k[:7] for k in SLS}), *sorted({k[:10] for k in SLS}), *SLS]
    assert impor_tabel(eng, "wilayah", pd.DataFrame({"kode": kode, "nama": [f"Wilayah {k}" for k in kode]}), "wilayah.csv").jumlah_ditolak == 0
    petugas = pd.DataFrame(
        {
            "id_petugas": ["K1", "M1", "M2", "P1", "P2", "P3", "P4"],
            "nama": list("abcdefg"),
            "peran": ["KOSEKA", "PML", "PML", "PPL", "PPL", "PPL", "PPL"],
            "id_atasan": [None, "K1", "K1", "M1", "M1", "M2", "M2"],
        }
    )
    assert impor_tabel(eng, "petugas", petugas, "petugas.csv").jumlah_ditolak == 0
    beban = pd.DataFrame({"kode_sls": SLS, "id_ppl": [PPL[k] for k in SLS], "sasaran_keluarga": [30] * len(SLS)})
    assert impor_tabel(eng, "beban", beban, "beban.csv").jumlah_ditolak == 0
    impor_tabel(eng, "jadwal", pd.DataFrame({"mulai": [MULAI.isoformat()], "selesai": [SELESAI.isoformat()]}), "jadwal.csv")


def _ekspor_lain(rng: np.random.Generator, dengan_waktu: bool, kolom_durasi: str = "Durasi (menit)") -> tuple[pd.DataFrame, bytes, int]:
    """A collection system's export written independently of the demo: other column spellings, ';', day-first
    dates, comma decimals, an extra column, corrections on later days and same-day re-submissions. With a
    timestamp column the re-submissions are written newest first, so file order and time disagree.

    Returns (the clean submissions: one per family and day, the day's last; the file; rows superseded)."""
    baris, bersih, dilampaui = [], [], 0
    for sls in SLS:
        for n in range(int(rng.integers(18, 28))):
            fid = f"{sls[4:]}-{n:03d}"
            hari = [MULAI + timedelta(days=int(rng.integers(0, 30)))]
            if rng.random() < 0.25:  # a correction on a later day
                hari.append(min(SELESAI, hari[0] + timedelta(days=int(rng.integers(1, 5)))))
            for d in dict.fromkeys(hari):
                kiriman = [{"hasil": int(rng.integers(1, 6)), "menit": round(float(rng.uniform(8, 40)), 1), "jam": 8 + len(baris) % 9}]
                if rng.random() < 0.12:  # re-submitted the same day with another result, two hours later
                    kiriman.append({"hasil": kiriman[0]["hasil"] % 5 + 1, "menit": kiriman[0]["menit"], "jam": kiriman[0]["jam"] + 2})
                    dilampaui += 1
                for k in kiriman:
                    k["waktu"] = datetime.combine(d, datetime.min.time()) + timedelta(hours=k["jam"], minutes=int(rng.integers(0, 59)))
                akhir = kiriman[-1]
                bersih.append({"id_keluarga": fid, "kode_sls": sls, "id_ppl": PPL[sls], "tanggal": d, "hasil": akhir["hasil"], "durasi_menit": akhir["menit"]})
                urutan = kiriman[::-1] if dengan_waktu else kiriman  # newest first only when the timestamp tells
                for k in urutan:
                    r = {
                        "ID-Keluarga": fid,
                        "Kode SLS": f"{sls[:4]}.{sls[4:7]}.{sls[7:10]}.{sls[10:]}",
                        "ID PPL": PPL[sls],
                        "Tanggal Kunjungan": d.strftime("%d/%m/%Y"),
                        "HASIL": str(k["hasil"]),
                        kolom_durasi: str(k["menit"]).replace(".", ","),
                        "Catatan Petugas": "rumah kosong" if k["hasil"] == 3 else "",
                    }
                    if dengan_waktu:
                        r["Waktu Kirim"] = k["waktu"].strftime("%Y-%m-%d %H:%M:%S")
                    baris.append(r)
    buf = io.StringIO()
    tulis = csv.DictWriter(buf, fieldnames=list(baris[0]), delimiter=";")
    tulis.writeheader()
    tulis.writerows(baris)
    return pd.DataFrame(bersih), buf.getvalue().encode("utf-8"), dilampaui


PEMETAAN = {"Tanggal Kunjungan": "tanggal", "Waktu Kirim": "waktu"}


def _impor(eng, isi: bytes, pemetaan: dict[str, str], nama: str = "ekspor_kab.csv"):
    berkas = baca_berkas(isi, nama)
    return impor_tabel(eng, "keluarga", berkas.tabel, berkas.nama, pemetaan, nomor_baris=berkas.nomor_baris, sidik=berkas.sidik)


TABEL_POTRET = (
    "wilayah",
    "petugas",
    "beban",
    "jadwal",
    "rencana",
    "keluarga",
    "laporan_harian",
    "keluarga_ringkas",
    "rekap_harian",
    "rekap_ppl_harian",
    "rekap_durasi",
    "rekap_kiriman",
    "sasaran_wilayah",
)


def _potret(conn_atau_eng, dengan_impor: bool = True) -> dict[str, list[tuple]]:
    """Every data table and rollup as sorted rows (optionally without the id_impor bookkeeping column)."""

    def baca(conn):
        hasil = {}
        for nama in TABEL_POTRET:
            tbl = s.metadata.tables[nama]
            kolom = [c for c in tbl.c if dengan_impor or c.name != "id_impor"]
            hasil[nama] = sorted(tuple(r) for r in conn.execute(select(*kolom)))
        return hasil

    if hasattr(conn_atau_eng, "connect"):
        with conn_atau_eng.connect() as conn:
            return baca(conn)
    return baca(conn_atau_eng)


def _rekap_dari_mentah(eng) -> dict[str, list[tuple]]:
    """The rollups recomputed from the raw submissions (in a transaction that is rolled back)."""
    with eng.connect() as conn:
        trans = conn.begin()
        perbarui_ringkas(conn, None)
        potret = _potret(conn)
        trans.rollback()
    return potret


@pytest.mark.parametrize("dengan_waktu", [True, False], ids=["dengan_waktu", "tanpa_waktu"])
def test_ekspor_lain_selesai_sama_dengan_hitung_ulang(db_kosong_semua, dengan_waktu):
    eng = db_kosong_semua
    _dasar(eng)
    bersih, isi, dilampaui = _ekspor_lain(np.random.default_rng(5), dengan_waktu)
    hasil = _impor(eng, isi, PEMETAAN)
    assert (hasil.jumlah_ditolak, hasil.dimuat, hasil.dilampaui, hasil.duplikat) == (0, len(bersih), dilampaui, 0)
    assert hasil.diabaikan == [("Catatan Petugas", None)]
    assert hasil.ulang.menurut_waktu == dengan_waktu and ("kolom waktu" if dengan_waktu else "urutan baris berkas") in hasil.ulang.teks()
    with eng.connect() as conn:
        simpan = pd.DataFrame(conn.execute(select(s.keluarga.c.id_keluarga, s.keluarga.c.tanggal, s.keluarga.c.hasil, s.keluarga.c.durasi_menit)).all())
    harap = bersih[["id_keluarga", "tanggal", "hasil", "durasi_menit"]].sort_values(["id_keluarga", "tanggal"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(simpan.sort_values(["id_keluarga", "tanggal"]).reset_index(drop=True), harap, check_dtype=False)
    tabel = {"beban": pd.DataFrame({"kode_sls": SLS, "sasaran_keluarga": [30] * len(SLS)}), "keluarga": bersih}
    for tgl in (MULAI, date(2022, 10, 24), date(2022, 11, 2), SELESAI):
        for panjang in (7, 10):
            layar = rekap_turunan(eng, "7399", panjang, tgl).set_index("kode")[["sasaran", "selesai", "selesai_1", "selesai_7"]]
            acuan = rujukan.per_wilayah(tabel, panjang, tgl).reindex(layar.index, fill_value=0)
            pd.testing.assert_frame_equal(layar.astype("int64"), acuan[["sasaran", "selesai", "selesai_1", "selesai_7"]].astype("int64"))
    assert _potret(eng) == _rekap_dari_mentah(eng)
    ulang = _impor(eng, isi, PEMETAAN)  # the same export again changes nothing and says so
    assert (ulang.dimuat, ulang.diganti, ulang.jumlah_ditolak, ulang.duplikat, ulang.dilampaui) == (0, 0, 0, len(bersih), dilampaui)


def test_pemetaan_baru_mengganti_riwayat_dan_tarik_memulihkan(db_kosong_semua):
    """The same export re-read with a better mapping replaces every submission (old versions kept); withdrawing
    imports in any order leaves every table and rollup as if the import had never been loaded."""
    eng = db_kosong_semua
    _dasar(eng)
    bersih, isi, _ = _ekspor_lain(np.random.default_rng(9), True, kolom_durasi="Lama Wawancara")
    awal = _potret(eng)
    a = _impor(eng, isi, PEMETAAN)
    assert ("Lama Wawancara", None) in a.diabaikan and a.dimuat == len(bersih)
    with eng.connect() as conn:
        assert conn.execute(select(s.keluarga.c.durasi_menit).where(s.keluarga.c.durasi_menit.is_not(None))).first() is None
    setelah_a = _potret(eng)
    b = _impor(eng, isi, {**PEMETAAN, "Lama Wawancara": "durasi_menit"})
    assert (b.dimuat, b.diganti, b.jumlah_ditolak, b.diabaikan) == (len(bersih), len(bersih), 0, [("Catatan Petugas", None)])
    with eng.connect() as conn:
        assert len(conn.execute(select(s.riwayat_baris.c.id).where(s.riwayat_baris.c.id_impor == b.id_impor)).all()) == len(bersih)
        assert conn.execute(select(s.rekap_durasi.c.jumlah)).all()  # the officers' interview minutes now exist
    setelah_b = _potret(eng)
    assert setelah_b == _rekap_dari_mentah(eng)
    tarik_impor(eng, b.id_impor)
    assert _potret(eng) == setelah_a
    tarik_impor(eng, a.id_impor)
    assert _potret(eng) == awal
    with pytest.raises(TarikDitolak, match="sudah ditarik"):
        tarik_impor(eng, a.id_impor)
    # the earlier import withdrawn while the later one stays: as if only the later one had been loaded
    a2 = _impor(eng, isi, PEMETAAN)
    b2 = _impor(eng, isi, {**PEMETAAN, "Lama Wawancara": "durasi_menit"})
    tarik_impor(eng, a2.id_impor)
    assert _potret(eng, dengan_impor=False) == _potret_tanpa_impor(setelah_b)
    assert _potret(eng) == _rekap_dari_mentah(eng)
    tarik_impor(eng, b2.id_impor)
    assert _potret(eng) == awal


def _potret_tanpa_impor(potret: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    hasil = {}
    for nama, baris in potret.items():
        kolom = [c.name for c in s.metadata.tables[nama].c]
        if "id_impor" in kolom:
            i = kolom.index("id_impor")
            baris = sorted(r[:i] + r[i + 1 :] for r in baris)
        hasil[nama] = baris
    return hasil


def test_tarik_petugas_yang_masih_dirujuk_ditolak(db_kosong):
    eng = db_kosong
    _dasar(eng)
    tambahan = impor_tabel(eng, "petugas", pd.DataFrame({"id_petugas": ["P9"], "nama": ["i"], "peran": ["PPL"], "id_atasan": ["M1"]}), "p9.csv")
    impor_tabel(eng, "beban", pd.DataFrame({"kode_sls": [SLS[0]], "id_ppl": ["P9"], "sasaran_keluarga": [30]}), "beban_p9.csv")
    sebelum = _potret(eng)
    with pytest.raises(TarikDitolak, match="P9 masih dirujuk oleh tabel beban"):
        tarik_impor(eng, tambahan.id_impor)
    assert _potret(eng) == sebelum  # refused as a whole: nothing changed


BAIK = {"id_keluarga": "k1", "kode_sls": SLS[0], "id_ppl": "P1", "tanggal": "2022-10-20", "hasil": "1", "durasi_menit": "12", "keluarga_baru": "0"}
SEL_JAHAT = [  # (column, value, reason) for keluarga
    ("durasi_menit", "inf", "durasi_menit bukan angka"),
    ("durasi_menit", "1e308", "durasi_menit lebih dari 1.440 menit (sehari)"),
    ("durasi_menit", "NaN", "durasi_menit bukan angka"),
    ("hasil", "1e23", "hasil lebih dari 1.000.000"),
    ("hasil", "-inf", "hasil bukan bilangan bulat"),
    ("keluarga_baru", "1e20", "keluarga_baru lebih dari 1.000.000"),
    ("id_keluarga", "x" * 65, "id_keluarga lebih dari 64 karakter"),
    ("id_keluarga", "a\x00b", "id_keluarga berisi karakter kendali (mis. NUL atau tab)"),
    ("kode_sls", SLS[0][:7] + "\x00" + SLS[0][7:], "kode_sls berisi karakter kendali (mis. NUL atau tab)"),
    ("kode_sls", "7" * 70, "panjang kode_sls bukan 14 atau 16 digit"),
    ("id_ppl", "P1\x07", "id_ppl berisi karakter kendali (mis. NUL atau tab)"),
    ("tanggal", "1999-10-20", "tanggal di luar tahun 2000-2100"),
    ("tanggal", "9999-12-31", "tanggal di luar tahun 2000-2100"),
    ("tanggal_periksa", "2101-01-01", "tanggal_periksa di luar tahun 2000-2100"),
]


def _jalankan_jahat(eng) -> tuple[dict, dict]:
    """Every hostile cell in a file of its own table beside valid rows; returns the rejects and what was stored."""
    _dasar(eng)
    tolak, simpan = {}, {}
    baris = [BAIK, {**BAIK, "id_keluarga": "y" * 64}] + [{**BAIK, "id_keluarga": f"j{i}", k: v} for i, (k, v, _) in enumerate(SEL_JAHAT)]
    tolak["keluarga"] = impor_tabel(eng, "keluarga", pd.DataFrame(baris).astype(object), "jahat.csv").ditolak[["baris", "alasan"]].values.tolist()
    wilayah = pd.DataFrame({"kode": ["7399010", "7399020", "7399010", "7399020"], "nama": ["n" * 200, "n" * 201, "m" * 100_000, "a\x00b"]})
    tolak["wilayah"] = impor_tabel(eng, "wilayah", wilayah, "w.csv").ditolak[["baris", "alasan"]].values.tolist()
    petugas = pd.DataFrame({"id_petugas": ["p" * 65, "P1"], "nama": ["x", "d"], "peran": ["PPL", "PPL"], "id_atasan": ["M1", "M1"], "no_hp": ["08", "0" * 65]})
    tolak["petugas"] = impor_tabel(eng, "petugas", petugas, "p.csv").ditolak[["baris", "alasan"]].values.tolist()
    beban = pd.DataFrame({"kode_sls": SLS[:4], "id_ppl": ["P1", "P1", "P1", "P1"], "sasaran_keluarga": ["3e9", "1e20", "1000000", "1.000.001"]})
    tolak["beban"] = impor_tabel(eng, "beban", beban, "b.csv").ditolak[["baris", "alasan"]].values.tolist()
    laporan = pd.DataFrame({"tanggal": ["2022-10-20"] * 2, "kode_sls": SLS[:2], "id_ppl": ["P1", "P1"], "selesai": ["1e23", "7"]})
    tolak["laporan_harian"] = impor_tabel(eng, "laporan_harian", laporan, "l.csv").ditolak[["baris", "alasan"]].values.tolist()
    with eng.connect() as conn:
        for nama in ("keluarga", "wilayah", "petugas", "beban", "laporan_harian"):
            tbl = s.metadata.tables[nama]
            simpan[nama] = sorted(tuple(r) for r in conn.execute(select(*[c for c in tbl.c if c.name != "id_impor"])))
    return tolak, simpan


def test_sel_jahat_ditolak_per_baris_sama_di_kedua_basis_data(tmp_path):
    """Each hostile cell rejects its row (file row, reason), never the file; SQLite and PostgreSQL accept and
    refuse exactly the same values and store exactly the same rows."""
    sq = sqlite_baru(tmp_path / "jahat.sqlite")
    tolak, simpan = _jalankan_jahat(sq)
    assert tolak["keluarga"] == [[4 + i, alasan] for i, (_, _, alasan) in enumerate(SEL_JAHAT)]
    assert sorted(r[0] for r in simpan["keluarga"]) == ["k1", "y" * 64]
    assert tolak["wilayah"] == [[3, "nama lebih dari 200 karakter"], [4, "nama lebih dari 200 karakter"], [5, "nama berisi karakter kendali (mis. NUL atau tab)"]]
    assert tolak["petugas"] == [[2, "id_petugas lebih dari 64 karakter"], [3, "no_hp lebih dari 64 karakter"]]
    assert tolak["beban"] == [[2, "sasaran_keluarga lebih dari 1.000.000"], [3, "sasaran_keluarga lebih dari 1.000.000"], [5, "sasaran_keluarga lebih dari 1.000.000"]]
    assert tolak["laporan_harian"] == [[2, "selesai lebih dari 1.000.000"]]
    pg, skema = engine_pg_baru()
    try:
        assert _jalankan_jahat(pg) == (tolak, simpan)
    finally:
        hapus_skema_pg(pg, skema)


def test_nul_di_sel_csv_menolak_barisnya_saja(db_kosong):
    _dasar(db_kosong)
    isi = ("id_keluarga;kode_sls;id_ppl;tanggal;hasil\nk1;" + SLS[0] + ";P1;20/10/2022;1\nk\x002;" + SLS[0] + ";P1;20/10/2022;1\n").encode()
    berkas = baca_berkas(isi, "nul.csv")
    hasil = impor_tabel(db_kosong, "keluarga", berkas.tabel, berkas.nama, nomor_baris=berkas.nomor_baris)
    assert (hasil.dimuat, hasil.ditolak[["baris", "alasan"]].values.tolist()) == (1, [[3, "id_keluarga berisi karakter kendali (mis. NUL atau tab)"]])


def test_kolom_ganda_menolak_berkas_dengan_kedua_nama(db_kosong):
    _dasar(db_kosong)
    berkas = baca_berkas(f"id_keluarga,kode_sls,id_ppl,tanggal,hasil,Hasil \nk1,{SLS[0]},P1,2022-10-20,1,2\n".encode(), "ganda.csv")
    with pytest.raises(KolomGanda) as err:
        impor_tabel(db_kosong, "keluarga", berkas.tabel, berkas.nama)
    assert "ganda.csv" in str(err.value) and "hasil: 'hasil', 'Hasil'" in str(err.value)
    with db_kosong.connect() as conn:
        assert conn.execute(select(s.keluarga.c.id_keluarga)).first() is None


def test_kolom_diabaikan_disebut_dengan_maksudnya(db_kosong):
    _dasar(db_kosong)
    df = pd.DataFrame(
        {
            "ID Keluarga": ["k1"],
            "kode.sls": [SLS[0]],
            "Id_PPL": ["P1"],
            "TANGGAL": ["20/10/2022"],
            "Hasil": ["1"],
            "Durasi (menit)": ["12,5"],
            "tgl_periksa": ["21/10/2022"],
            "Keterangan": ["-"],
        }
    )
    hasil = impor_tabel(db_kosong, "keluarga", df, "k.csv")
    assert hasil.dimuat == 1 and hasil.diabaikan == [("tgl_periksa", "tanggal_periksa"), ("Keterangan", None)]
    catatan = riwayat_impor(db_kosong, 1)["catatan"].iloc[0]  # the import log keeps the ignored columns with the notes
    assert "kolom diabaikan: tgl_periksa (maksudnya tanggal_periksa?), Keterangan" in catatan
    with db_kosong.connect() as conn:
        assert conn.execute(select(s.keluarga.c.durasi_menit)).scalar_one() == 12.5


def test_judul_di_atas_kepala_dengan_nama_kolom_dipetakan(db_kosong):
    """A province export: two title lines above English column names, settled by the mapping (8a)."""
    _dasar(db_kosong)
    isi = f"Regsosek 2022 export;;;;\nProvince office, printed 2022-11-02;;;;\nFamily ID;Area code;Enumerator;Visit date;Result\nk1;{SLS[0]};P1;20/10/2022;1\n"
    peta = {"Family ID": "id_keluarga", "Area code": "kode_sls", "Enumerator": "id_ppl", "Visit date": "tanggal", "Result": "hasil"}
    berkas = baca_berkas(isi.encode(), "prov.csv", kolom_tambahan=peta)
    assert list(berkas.tabel.columns) == list(peta) and berkas.nomor_baris == [4]
    assert impor_tabel(db_kosong, "keluarga", berkas.tabel, berkas.nama, peta, nomor_baris=berkas.nomor_baris).dimuat == 1


def test_xlsx_yang_terurai_jutaan_baris_ditolak_cepat():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["id_keluarga", "hasil"])
    buf = io.BytesIO()
    wb.save(buf)
    asli = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for a in asli.infolist():
            data = asli.read(a)
            if a.filename == "xl/worksheets/sheet1.xml":  # 1.1 million rows, no dimension element to give it away
                teks = data.decode().replace("</sheetData>", "".join(f'<row r="{i}"><c r="A{i}"><v>1</v></c></row>' for i in range(2, 1_100_002)) + "</sheetData>")
                data = teks.replace('<dimension ref="A1:B1"/>', "").encode()
            z.writestr(a.filename, data)
    with pytest.raises(BerkasTakTerbaca, match=r"lebih dari 1,048,576 baris"):
        baca_berkas(keluar.getvalue(), "bom.xlsx")


def test_zip_batas_berisi_vrt_ditolak(tmp_path):
    from geodata.cocok import BatasTakTerbaca, baca_batas

    vrt = '<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/etc/passwd</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>'
    with zipfile.ZipFile(tmp_path / "batas.zip", "w") as z:
        z.writestr("batas.vrt", vrt)
    with pytest.raises(BatasTakTerbaca, match=r"batas\.vrt"):
        baca_batas(tmp_path / "batas.zip")
    (tmp_path / "menyamar.geojson").write_text(vrt)  # GDAL would pick the VRT driver by content
    with pytest.raises(BatasTakTerbaca, match="bukan GEOJSON"):
        baca_batas(tmp_path / "menyamar.geojson")


def test_impor_serentak_mengantre_tanpa_gagal(db_kosong_semua, tmp_path):
    """Two imports of different files at once (PostgreSQL: they deadlocked on the rollups) both complete."""
    eng = db_kosong_semua
    _dasar(eng)
    _, isi_a, _ = _ekspor_lain(np.random.default_rng(1), False)
    kedua = pd.read_csv(io.BytesIO(isi_a), sep=";", dtype=str, keep_default_na=False)
    kedua["ID-Keluarga"] = "B" + kedua["ID-Keluarga"]
    isi_b = kedua.to_csv(sep=";", index=False).encode()
    hasil, galat = {}, []

    def jalan(nama, isi):  # each thread gets its own connection from the pool
        try:
            hasil[nama] = _impor(eng, isi, PEMETAAN, nama)
        except Exception as exc:  # the test reports any failure
            galat.append(exc)

    utas = [threading.Thread(target=jalan, args=(n, i)) for n, i in (("a.csv", isi_a), ("b.csv", isi_b))]
    for u in utas:
        u.start()
    for u in utas:
        u.join(300)
    assert not galat and hasil["a.csv"].dimuat == hasil["b.csv"].dimuat > 0
    assert _potret(eng) == _rekap_dari_mentah(eng)


def test_tunggakan_pml_tanpa_tanggal_periksa_tidak_diketahui():
    tunggak = pd.DataFrame({"id_ppl": ["P1", "P2"], "matang": [40, 40], "belum_periksa": [40, 40]})
    ppl = pd.DataFrame({"id_ppl": ["P1", "P2"], "id_pml": ["M1", "M2"]})
    tanpa = tunggakan_pml(tunggak, ppl, ada_periksa=False)
    assert tanpa["tunggakan_pml"].isna().all() and tanpa["belum_periksa"].isna().all()
    assert tunggakan_pml(tunggak, ppl)["tunggakan_pml"].all()  # with check dates in the data the flag stands
