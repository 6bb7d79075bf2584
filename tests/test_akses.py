"""Users and roles: password hashing, sign-in, session expiry, and that each role sees only what it may."""

from __future__ import annotations

import io
import json
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard.lingkup import Akses
from store.pengguna import PenggunaTidakSah, cocok_sandi, hapus_jeda, hapus_pengguna, hash_sandi, periksa_masuk, tambah_pengguna, ubah_pengguna
from store.schema import pengguna

SANDI = "rahasia-panjang-1"
APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def test_hash_sandi_bergaram_dan_diperiksa():
    a, b = hash_sandi(SANDI), hash_sandi(SANDI)
    assert a != b and a.startswith("scrypt$") and SANDI not in a
    assert cocok_sandi(SANDI, a) and cocok_sandi(SANDI, b)
    assert not cocok_sandi(SANDI + "x", a)
    assert not cocok_sandi(SANDI, "bukan-hash") and not cocok_sandi(SANDI, "md5$1$1$1$AA==$AA==")


def _isi_pengguna(eng, kampanye):
    """Users of each role on the small campaign; yields their areas and the engine, then removes them."""
    geo = kampanye.geografi
    kab, kec = geo.kabupaten["kode"].iloc[0], geo.kecamatan["kode"].iloc[0]
    tambah_pengguna(eng, "admin", SANDI, "admin", ["*"])
    tambah_pengguna(eng, "bupati", SANDI, "pimpinan", [kab], "Bupati Uji")
    tambah_pengguna(eng, "camat", SANDI, "pimpinan", [kec])
    tambah_pengguna(eng, "rapat", SANDI, "rapat", [kab])
    yield {"kab": kab, "kec": kec, "engine": eng}
    for nama in ("admin", "bupati", "camat", "rapat"):
        hapus_pengguna(eng, nama)
    hapus_jeda(eng)  # failed sign-ins are counted in the database: each test starts with none


@pytest.fixture
def pengguna_uji(db_kecil, kampanye_kecil):
    """Users in the small campaign database, SQLite and PostgreSQL (for the store functions)."""
    yield from _isi_pengguna(db_kecil, kampanye_kecil)


@pytest.fixture
def pengguna_app(sqlite_kecil, kampanye_kecil):
    """The same users in the SQLite database the AppTest pages open."""
    yield from _isi_pengguna(sqlite_kecil, kampanye_kecil)


def test_pengguna_tersimpan_dengan_hash_dan_dapat_masuk(pengguna_uji):
    eng = pengguna_uji["engine"]
    with eng.connect() as conn:
        tersimpan = conn.execute(select(pengguna.c.sandi).where(pengguna.c.nama_pengguna == "camat")).scalar_one()
    assert SANDI not in tersimpan and cocok_sandi(SANDI, tersimpan)
    p = periksa_masuk(eng, " Camat ", SANDI)
    assert p is not None and p.peran == "pimpinan" and p.wilayah == (pengguna_uji["kec"],)
    assert periksa_masuk(eng, "camat", "salah-sekali-123") is None
    assert periksa_masuk(eng, "tidak-ada", SANDI) is None
    ubah_pengguna(eng, "camat", aktif=False)
    assert periksa_masuk(eng, "camat", SANDI) is None


def test_pengguna_tidak_sah_ditolak_dengan_alasan(pengguna_uji):
    eng = pengguna_uji["engine"]
    with pytest.raises(PenggunaTidakSah, match="sudah ada"):
        tambah_pengguna(eng, "camat", SANDI, "pimpinan", [pengguna_uji["kec"]])
    with pytest.raises(PenggunaTidakSah, match="terlalu pendek"):
        tambah_pengguna(eng, "baru", "pendek", "pimpinan", [pengguna_uji["kab"]])
    with pytest.raises(PenggunaTidakSah, match="peran"):
        tambah_pengguna(eng, "baru", SANDI, "raja", [pengguna_uji["kab"]])
    with pytest.raises(PenggunaTidakSah, match="tidak ada di master"):
        tambah_pengguna(eng, "baru", SANDI, "rapat", ["9999"])
    with pytest.raises(PenggunaTidakSah, match="wilayah kosong"):
        tambah_pengguna(eng, "baru", SANDI, "rapat", [])
    with pytest.raises(PenggunaTidakSah, match="nama pengguna"):
        tambah_pengguna(eng, "Bukan Nama!", SANDI, "rapat", [pengguna_uji["kab"]])
    assert periksa_masuk(eng, "baru", SANDI) is None


def test_lingkup_wilayah():
    camat = Akses(peran="pimpinan", wilayah=("7317010",), lihat_nama=True, kelola=False)
    assert camat.boleh("7317010") and camat.boleh("7317010001") and not camat.boleh("7317") and not camat.boleh("7317020")
    assert camat.terlihat("7317") and camat.terlihat("73") and not camat.terlihat("7318")
    prov = Akses(peran="rapat", wilayah=("73",), lihat_nama=False, kelola=False)
    assert prov.boleh("7317") and not prov.boleh("7401") and not prov.lihat_petugas
    semua = Akses(peran="admin", wilayah=None, lihat_nama=True, kelola=True)
    assert semua.boleh("9471") and semua.terlihat("94")


def _buka_masuk(monkeypatch, db_url: str):
    """The app at its sign-in page (logins on)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PANTAU_DB_URL", db_url)
    monkeypatch.setenv("PANTAU_LOGIN", "1")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    return at


def _kirim(at, nama: str, sandi: str):
    at.text_input(key="masuk_nama").input(nama)
    at.text_input(key="masuk_sandi").input(sandi)
    return at.button[0].click().run()


def test_salah_sandi_tidak_membuka_apa_pun_dan_dijeda(pengguna_app, monkeypatch):
    at = _buka_masuk(monkeypatch, str(pengguna_app["engine"].url))
    assert at.text_input(key="masuk_nama") is not None and not at.metric
    _kirim(at, "bupati", "salah-sandi-123")
    assert "salah" in at.error[0].value and not at.metric and not at.get("plotly_chart")
    for _ in range(4):
        _kirim(at, "bupati", "salah-sandi-123")
    _kirim(at, "bupati", SANDI)  # the right password, after five failures within five minutes: refused
    assert "Terlalu banyak" in at.error[0].value and not at.metric
    _kirim(at, "rapat", SANDI)  # another name is not paused
    assert not at.exception and at.session_state["sesi_masuk"]["nama"] == "rapat" and at.metric


def _semua_teks(at) -> str:
    """Everything the page put on screen (titles, text, metrics, tables, figures) as one string."""
    bagian = [e.value for e in (*at.title, *at.markdown, *at.caption, *at.subheader, *at.info, *at.error, *at.warning) if isinstance(e.value, str)]
    bagian += [f"{m.label} {m.value} {m.delta}" for m in at.metric]
    bagian += [df.value.to_csv() for df in at.dataframe]
    bagian += [e.proto.spec for e in at.get("plotly_chart")]
    bagian += [str(o) for s in (*at.selectbox, *at.sidebar.selectbox) for o in s.options]
    return "\n".join(bagian)


def test_rapat_hanya_agregat(buka_halaman, pengguna_app, kampanye_kecil):
    petugas = kampanye_kecil.tabel["petugas"]
    at = buka_halaman("dashboard/ringkasan.py", masuk=("rapat", SANDI), nama=True)
    assert not at.exception
    with pytest.raises(ValueError, match="navigation page"):  # the officers page is not among this role's pages
        at.switch_page("dashboard/petugas.py")
    for halaman in ("dashboard/ringkasan.py", "dashboard/peringkat.py", "dashboard/cakupan.py", "dashboard/perkembangan.py", "dashboard/kualitas.py"):
        at.switch_page(halaman).run()
        assert not at.exception
        teks = _semua_teks(at)
        assert not any(i in teks for i in petugas["id_petugas"]) and not any(n in teks for n in petugas["nama"].dropna())
        if halaman.endswith("kualitas.py"):  # field quality: counts per kecamatan, no point map
            assert at.dataframe and not at.get("plotly_chart") and "kode_kec" not in at.dataframe[0].value.columns
    at.query_params.update({"mode": "rapat", "tampil": "petugas"})
    at.switch_page("dashboard/rapat.py").run()
    assert not at.exception
    teks = _semua_teks(at)
    assert "PPL" in teks and not any(i in teks for i in petugas["id_petugas"]) and not any(n in teks for n in petugas["nama"].dropna())
    assert not any(h in teks for h in petugas["no_hp"].dropna())


def test_pimpinan_kecamatan_tidak_dapat_melebar(buka_halaman, pengguna_app, kampanye_kecil):
    geo = kampanye_kecil.geografi
    kec = pengguna_app["kec"]
    lain = geo.kecamatan[geo.kecamatan["kode"] != kec].iloc[0]
    at = buka_halaman("dashboard/ringkasan.py", masuk=("camat", SANDI), kec=lain["nama"])  # a link to another kecamatan
    assert not at.exception
    assert at.sidebar.selectbox(key="kec").options == [geo.kecamatan.set_index("kode").loc[kec, "nama"]]  # no 'all', no other
    assert at.sidebar.selectbox(key="kec").value == kec and lain["nama"] not in at.title[0].value
    assert "kembali_kab" not in [b.key for b in at.button]  # no way back up to the kabupaten total
    desa_sendiri = set(geo.desa.loc[geo.desa["kode_kec"] == kec, "kode"])
    assert set(json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["locations"]) <= desa_sendiri
    at.switch_page("dashboard/peringkat.py").run()
    at.segmented_control(key="tingkat").set_value(10).run()
    assert set(at.dataframe[0].value["nama"]) == set(geo.desa.loc[geo.desa["kode_kec"] == kec, "nama"])
    at.switch_page("dashboard/petugas.py").run()
    ppl = at.dataframe[0].value
    beban = kampanye_kecil.tabel["beban"]
    sendiri = set(beban.loc[beban["kode_sls"].str.startswith(kec), "id_ppl"])
    assert {s.split("(")[-1].rstrip(")") for s in ppl.iloc[:, 0]} == sendiri  # pimpinan: names shown, own PPL only


def test_admin_kelola_pengguna_dan_sesi_dicabut(buka_halaman, pengguna_app, monkeypatch):
    at = buka_halaman("dashboard/pengguna.py", masuk=("admin", SANDI))
    assert not at.exception and "Pengguna" in at.title[0].value
    assert {"admin", "bupati", "camat", "rapat"} <= set(at.dataframe[0].value.iloc[:, 0])
    at.text_input(key="baru_nama").input("pendek")
    at.text_input(key="baru_sandi").input("123")
    at.multiselect(key="baru_wilayah").set_value([pengguna_app["kab"]])
    at.button(key="baru_simpan").click().run()
    assert "terlalu pendek" in at.error[0].value and periksa_masuk(pengguna_app["engine"], "pendek", "123") is None
    at.text_input(key="baru_nama").input("Wakil.Bupati")
    at.text_input(key="baru_sandi").input(SANDI)
    at.selectbox(key="baru_peran").set_value("rapat")
    at.multiselect(key="baru_wilayah").set_value([pengguna_app["kab"]])
    at.button(key="baru_simpan").click().run()
    assert not at.exception and "wakil.bupati" in set(at.dataframe[0].value.iloc[:, 0])
    baru = periksa_masuk(pengguna_app["engine"], "wakil.bupati", SANDI)
    assert baru is not None and baru.peran == "rapat" and baru.wilayah == (pengguna_app["kab"],)
    hapus_pengguna(pengguna_app["engine"], "wakil.bupati")
    ubah_pengguna(pengguna_app["engine"], "admin", peran="pimpinan")  # role changed elsewhere: this session ends
    at.run()
    assert at.text_input(key="masuk_nama") is not None and "diubah" in at.warning[0].value and not at.dataframe


def test_sesi_habis_setelah_diam(buka_halaman, pengguna_app, monkeypatch):
    at = buka_halaman("dashboard/ringkasan.py", masuk=("bupati", SANDI))
    assert at.metric
    sesi = at.session_state["sesi_masuk"]
    at.session_state["sesi_masuk"] = {**sesi, "aktif": time.time() - 121 * 60}  # idle longer than the 120-minute default
    at.run()
    assert not at.metric and "berakhir" in at.warning[0].value


def test_halaman_menurut_peran(buka_halaman, pengguna_app):
    at = buka_halaman("dashboard/ringkasan.py", masuk=("bupati", SANDI))
    for halaman in ("dashboard/impor.py", "dashboard/jadwal.py", "dashboard/pengguna.py"):
        with pytest.raises(ValueError, match="navigation page"):
            at.switch_page(halaman)
    at.switch_page("dashboard/petugas.py").run()
    assert not at.exception and at.dataframe
    at = buka_halaman("dashboard/impor.py", masuk=("admin", SANDI))
    assert at.get("file_uploader") and any("administrator" in c.value for c in at.sidebar.caption)


def test_login_mati_diberitahukan(buka_halaman):
    at = buka_halaman("dashboard/ringkasan.py")
    assert any("Login nonaktif" in c.value for c in at.sidebar.caption)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="static export needs Debian's chromium")
def test_laporan_pimpinan_kecamatan_hanya_kecamatannya(buka_halaman, pengguna_app, kampanye_kecil, unduhan_tertunda):
    import pypdf

    geo = kampanye_kecil.geografi
    kec = pengguna_app["kec"]
    at = buka_halaman("dashboard/ringkasan.py", masuk=("camat", SANDI))
    unduhan = unduhan_tertunda(at)
    nama_berkas, buat = unduhan["Laporan harian (PDF)"]
    assert kec in nama_berkas
    teks = pypdf.PdfReader(io.BytesIO(buat())).pages[0].extract_text()
    nama_kec = geo.kecamatan.set_index("kode").loc[kec, "nama"]
    lain = geo.kecamatan.loc[geo.kecamatan["kode"] != kec, "nama"]
    assert nama_kec in teks and not any(n in teks for n in lain)
    baris = set(teks.splitlines())
    desa_sendiri = set(geo.desa.loc[geo.desa["kode_kec"] == kec, "nama"])
    assert baris & desa_sendiri  # the table lists the kecamatan's own desa
    kata = [n.split() for n in desa_sendiri]  # the map writes a name on two lines: "Wara Bulo" gives "Wara" and "Bulo"
    potongan = {" ".join(k[:i]) for k in kata for i in range(1, len(k))} | {" ".join(k[i:]) for k in kata for i in range(1, len(k))}
    assert not ((baris - potongan) & (set(geo.desa.loc[geo.desa["kode_kec"] != kec, "nama"]) - desa_sendiri))
