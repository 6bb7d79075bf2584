"""Security: the sign-in pause under parallel attempts, formulas in downloads, markup in names, per-role officer names."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pandas as pd
import pytest

from dashboard.tampilan_rapat import zona_waktu
from store import pengguna as modul_pengguna
from store.db import buat_skema
from store.pengguna import GAGAL_MAKS_ALAMAT, GAGAL_MAKS_NAMA, JENDELA_GAGAL, Pengguna, hapus_jeda, masuk, tambah_pengguna
from tampilan import aman
from tampilan.teks import t
from tests.conftest import pembuka_halaman, sqlite_baru

SANDI = "sandi-yang-benar-1"
SALAH = "salah-sandi-123"
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hitung_periksa(monkeypatch):
    """Counts password checks (calls of the scrypt comparison) from any thread."""
    kunci, jumlah = threading.Lock(), [0]
    asli = modul_pengguna.cocok_sandi

    def dihitung(sandi, tersimpan):
        with kunci:
            jumlah[0] += 1
        return asli(sandi, tersimpan)

    monkeypatch.setattr(modul_pengguna, "cocok_sandi", dihitung)
    return jumlah


def _serentak(n: int, f) -> list:
    """f(i) for i < n, started together from n threads (a barrier releases them at once)."""
    pintu = threading.Barrier(n)

    def jalan(i):
        pintu.wait()
        return f(i)

    with ThreadPoolExecutor(n) as kerja:
        return list(kerja.map(jalan, range(n)))


def test_percobaan_serentak_tidak_melewati_jeda(db_kosong_semua, hitung_periksa):
    eng = db_kosong_semua
    tambah_pengguna(eng, "bupati", SANDI, "pimpinan", ["*"])
    hasil = _serentak(40, lambda i: masuk(eng, "bupati", SALAH))
    assert hitung_periksa[0] == GAGAL_MAKS_NAMA  # forty at once: exactly five passwords checked
    assert hasil.count("masuk_gagal") == GAGAL_MAKS_NAMA and hasil.count("terlalu_sering") == 40 - GAGAL_MAKS_NAMA
    assert masuk(eng, "bupati", SANDI) == "terlalu_sering" and hitung_periksa[0] == GAGAL_MAKS_NAMA  # the right one too: paused
    assert masuk(eng, " Bupati ", SANDI) == "terlalu_sering"  # the same name however it is typed
    assert hapus_jeda(eng, "bupati") == 1
    assert isinstance(masuk(eng, "bupati", SANDI), Pengguna)


def test_percobaan_dari_satu_alamat_dibatasi(db_kosong_semua, hitung_periksa):
    eng = db_kosong_semua
    buat_skema(eng)
    hasil = _serentak(30, lambda i: masuk(eng, f"tebakan{i}", SALAH, alamat="203.0.113.7"))
    assert hitung_periksa[0] == GAGAL_MAKS_ALAMAT and hasil.count("terlalu_sering") == 30 - GAGAL_MAKS_ALAMAT
    assert masuk(eng, "lain", SALAH, alamat="198.51.100.2") == "masuk_gagal"  # another address is not paused


def test_jeda_berurutan_lima_gagal_lima_menit(db_kosong_semua, monkeypatch):
    eng = db_kosong_semua
    tambah_pengguna(eng, "camat", SANDI, "pimpinan", ["*"])
    jam = [1_700_000_000.0]
    monkeypatch.setattr(modul_pengguna.time, "time", lambda: jam[0])
    for _ in range(GAGAL_MAKS_NAMA):
        jam[0] += 30
        assert masuk(eng, "camat", SALAH, alamat="203.0.113.9") == "masuk_gagal"
    gagal_terakhir = jam[0]
    assert masuk(eng, "camat", SANDI, alamat="203.0.113.9") == "terlalu_sering"
    jam[0] = gagal_terakhir + JENDELA_GAGAL - 1
    assert masuk(eng, "camat", SANDI, alamat="203.0.113.9") == "terlalu_sering"  # still within five minutes of the last failure
    jam[0] = gagal_terakhir + JENDELA_GAGAL + 1
    assert isinstance(masuk(eng, "camat", SANDI, alamat="203.0.113.9"), Pengguna)
    # a right password forgets the name's failures: five more wrong ones are checked before the next pause
    assert [masuk(eng, "camat", SALAH) for _ in range(GAGAL_MAKS_NAMA + 1)] == ["masuk_gagal"] * GAGAL_MAKS_NAMA + ["terlalu_sering"]


# ---- formulas in downloads -------------------------------------------------------------------------------

JAHAT = {
    "kec": '=HYPERLINK("http://evil.example/","Tanete Rante")',
    "desa": "+cmd|' /C calc'!A0",
    "ppl": "@SUM(1+1)*cmd|' /C calc'!A0",
    "markup": "<img src=x onerror=alert(1)><b>Lindajang</b> Utara",
}


def _sel_berbahaya(nilai: object) -> bool:
    return isinstance(nilai, str) and nilai.startswith(AWAL_RUMUS) and not aman.POLA_BILANGAN.fullmatch(nilai)


def test_sel_aman_menetralkan_rumus_tanpa_mengubah_angka():
    df = pd.DataFrame(
        {"nama": [JAHAT["kec"], "-2+3", "\tx", "\rx", "Bua", "-5,2", "+62812"], "angka": [-1.5, 2, 3, 4, 5, 6, 7], "kode": ["7317010", "", "@a", "=1", "a", "b", "c"]}
    )
    out = aman.netralkan(df)
    assert out["nama"].tolist() == ["'" + JAHAT["kec"], "'-2+3", "'\tx", "'\rx", "Bua", "-5,2", "+62812"]
    assert out["kode"].tolist() == ["7317010", "", "'@a", "'=1", "a", "b", "c"]
    assert out["angka"].tolist() == df["angka"].tolist() and out["angka"].dtype == df["angka"].dtype
    buku = openpyxl.load_workbook(io.BytesIO(aman.ke_excel(df.assign(kendali=["a\x00b\x07"] * 7))))
    sel = [c for baris in buku.active.iter_rows() for c in baris]
    assert not [c.coordinate for c in sel if c.data_type == "f" or _sel_berbahaya(c.value)]
    assert [c.value for c in buku.active["B"]][1:] == [-1.5, 2, 3, 4, 5, 6, 7]  # numbers stay numbers
    assert buku.active["D2"].value == "ab"  # control characters (which XLSX cannot hold) dropped, not a crash


def _kampanye_jahat(kampanye):
    """The small campaign with hostile names: a kecamatan, a desa, a PPL's ID and name."""
    tabel = {k: v.copy() for k, v in kampanye.tabel.items()}
    w = tabel["wilayah"]
    kec = w.loc[w["kode"].str.len() == 7, "kode"].iloc[0]
    desa = w.loc[w["kode"].str.len() == 10, "kode"].iloc[0]
    kec2 = w.loc[w["kode"].str.len() == 7, "kode"].iloc[1]
    w.loc[w["kode"] == kec, "nama"] = JAHAT["kec"]
    w.loc[w["kode"] == desa, "nama"] = JAHAT["desa"]
    w.loc[w["kode"] == kec2, "nama"] = JAHAT["markup"]
    p = tabel["petugas"]
    ppl = p.loc[p["peran"] == "PPL", "id_petugas"].iloc[0]
    p.loc[p["id_petugas"] == ppl, "nama"] = JAHAT["ppl"]
    return dataclasses.replace(kampanye, tabel=tabel), {"kec": kec, "desa": desa, "kec_markup": kec2, "ppl": ppl}


@pytest.fixture(scope="module")
def db_jahat(kampanye_kecil, tmp_path_factory):
    kampanye, kode = _kampanye_jahat(kampanye_kecil)
    eng = sqlite_baru(tmp_path_factory.mktemp("jahat") / "jahat.sqlite", kampanye)
    tambah_pengguna(eng, "bupati", SANDI, "pimpinan", [kode["kec"][:4]])
    yield eng, kode
    eng.dispose()


@pytest.fixture
def buka_jahat(db_jahat, monkeypatch):
    """Open a page of the app on the hostile database (names shown)."""
    import streamlit as st

    buka = pembuka_halaman(db_jahat[0], monkeypatch)
    yield lambda halaman, **param: buka(halaman, nama=True, **param)
    st.cache_data.clear()
    st.cache_resource.clear()


def _isi_unduhan(nama_berkas: str, isi: bytes) -> list[list[object]]:
    if nama_berkas.endswith(".xlsx"):
        buku = openpyxl.load_workbook(io.BytesIO(isi))
        rumus = [c.coordinate for baris in buku.active.iter_rows() for c in baris if c.data_type == "f"]
        assert not rumus, (nama_berkas, rumus)
        return [[c.value for c in baris] for baris in buku.active.iter_rows()]
    return list(csv.reader(io.StringIO(isi.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("halaman", "param", "harus_ada"),
    [
        ("dashboard/peringkat.py", {}, ["kec"]),
        ("dashboard/peringkat.py", {"desa": "1"}, ["desa"]),
        ("dashboard/cakupan.py", {}, ["kec"]),
        ("dashboard/petugas.py", {}, ["ppl"]),
    ],
)
def test_unduhan_tanpa_rumus_untuk_nama_jahat(buka_jahat, unduhan_tertunda, halaman, param, harus_ada):
    at = buka_jahat(halaman, **{k: v for k, v in param.items() if k != "desa"})
    if param.pop("desa", None):
        at.segmented_control(key="tingkat").set_value(10).run()
    unduhan = unduhan_tertunda(at)
    assert unduhan, "no download on the page"
    for label, (nama_berkas, buat) in unduhan.items():
        baris = _isi_unduhan(nama_berkas, buat())
        sel = [v for b in baris for v in b]
        assert not [v for v in sel if _sel_berbahaya(v)], (label, nama_berkas)
        for k in harus_ada:
            if not nama_berkas.startswith("petugas-") or k == "ppl":
                teks = JAHAT[k]
                assert any(isinstance(v, str) and v.startswith("'") and teks in v for v in sel), (label, nama_berkas, teks)


def test_cli_ekspor_tanpa_rumus(tmp_path):
    """manage.py penolakan --ekspor writes rejected rows, which carry whatever the file held."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    folder = tmp_path / "impor"
    folder.mkdir()
    (folder / "wilayah.csv").write_text('kode,nama\n73,"=HYPERLINK(""http://evil.example/"",""x"")"\nABC,"=1+2"\n', encoding="utf-8")
    env = {"PANTAU_DB_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}", "PATH": "/usr/bin:/bin"}
    jalan = subprocess.run([sys.executable, "manage.py", "impor", str(folder / "wilayah.csv")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert jalan.returncode in (0, 1), jalan.stderr
    ekspor = tmp_path / "tolak.csv"
    jalan = subprocess.run([sys.executable, "manage.py", "penolakan", "--ekspor", str(ekspor)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert jalan.returncode == 0, jalan.stderr
    sel = [v for b in csv.reader(ekspor.open(encoding="utf-8")) for v in b]
    assert any("=1+2" in v for v in sel) and not [v for v in sel if _sel_berbahaya(v)]


# ---- markup in names -----------------------------------------------------------------------------------


def _teks_figur(at) -> list[str]:
    """Every string inside the page's Plotly figures (the spec is JSON with <, > and & written as \\u escapes)."""
    keluar: list[str] = []

    def jalan(x):
        if isinstance(x, str):
            keluar.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                jalan(v)
        elif isinstance(x, list):
            for v in x:
                jalan(v)

    for e in at.get("plotly_chart"):
        jalan(json.loads(e.proto.spec))
    return keluar


def _tanpa_tag(teks: list[str]) -> None:
    """Every hostile name is escaped for Plotly (&lt;...), none reaches it as markup."""
    gabung = "\n".join(teks)
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;Lindajang&lt;/b&gt; Utara" in gabung
    assert "<img" not in gabung and "<b>Lindajang" not in gabung


def test_nama_jahat_tampil_sebagai_teks_di_layar_rapat(buka_jahat, db_jahat):
    _, kode = db_jahat
    at = buka_jahat("dashboard/rapat.py", mode="rapat", kab=kode["kec"][:4], kec=kode["kec_markup"])
    html = [m.value for m in at.markdown if "judul-rapat" in m.value]
    assert html and "&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;Lindajang&lt;/b&gt; Utara" in html[0] and "<img" not in html[0]
    at = buka_jahat("dashboard/rapat.py", mode="rapat", kab=kode["kec"][:4])
    _tanpa_tag(_teks_figur(at))  # ranking bars and map hover
    at = buka_jahat("dashboard/rapat.py", mode="rapat", kab=kode["kec"][:4], tampil="petugas")
    _tanpa_tag(_teks_figur(at))  # the officers table drawn as a figure names kecamatan too


def test_nama_jahat_di_peta_dan_tabel(buka_jahat):
    at = buka_jahat("dashboard/ringkasan.py")
    _tanpa_tag(_teks_figur(at))
    at = buka_jahat("dashboard/cakupan.py")
    at.segmented_control(key="tampil_cakupan").set_value("hasil").run()
    _tanpa_tag(_teks_figur(at))
    at = buka_jahat("dashboard/peringkat.py")
    nama = [v for df in at.dataframe for v in df.value.astype(str).to_numpy().ravel()]
    assert JAHAT["markup"] in nama and JAHAT["kec"] in nama  # a table cell shows the name exactly, as text


def test_nama_jahat_di_laporan_pdf(db_jahat):
    from pypdf import PdfReader

    from laporan import harian

    eng, kode = db_jahat
    isi = harian.laporan(eng, kode["kec"][:4], pd.Timestamp("2022-11-05").date(), "pdf", "id")
    teks = "".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages)
    assert "<img src=x onerror=alert(1)><b>Lind" in teks.replace("\n", " ")  # drawn literally, tags and all (the cell wraps)
    fig = harian.figur_laporan(harian.kumpulkan(eng, kode["kec"][:4], pd.Timestamp("2022-11-05").date()), "id")
    assert "<img" not in fig.to_json()


# ---- officer names per role, time zone -------------------------------------------------------------


def test_halaman_petugas_menurut_peran(db_jahat, monkeypatch):
    eng, kode = db_jahat
    buka = pembuka_halaman(eng, monkeypatch)  # nama=False: the logins-off setting hides names
    at = buka("dashboard/petugas.py", masuk=("bupati", SANDI))
    teks = "\n".join(df.value.to_csv() for df in at.dataframe)
    assert JAHAT["ppl"] in teks and kode["ppl"] in teks  # a pimpinan sees names whatever that setting says
    assert t("nama_tampil") in "\n".join(c.value for c in at.caption)
    at = buka("dashboard/petugas.py")  # logins off, names not allowed: IDs only
    teks = "\n".join(df.value.to_csv() for df in at.dataframe)
    assert kode["ppl"] in teks and JAHAT["ppl"] not in teks


def test_zona_waktu_tak_dikenal_jadi_wib(monkeypatch):
    for nama in ("America", "", None, "../etc/passwd", "Asia/Jakarta\x00", "Foo/Bar"):
        assert str(zona_waktu(nama)) == "Asia/Jakarta", nama
    assert str(zona_waktu("Asia/Jayapura")) == "Asia/Jayapura"

    from dashboard import tampilan_rapat

    asli = tampilan_rapat.ZoneInfo

    def folder(nama):
        if nama == "America":
            raise IsADirectoryError(nama)
        return asli(nama)

    monkeypatch.setattr(tampilan_rapat, "ZoneInfo", folder)
    assert str(zona_waktu("America")) == "Asia/Jakarta"
