"""Digests and alerts: real SMTP and webhook servers on loopback ports receive scoped messages; dedup, retries, no secret in logs."""

from __future__ import annotations

import email
import json
import logging
import socket
import subprocess
import sys
import threading
from datetime import datetime
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from kirim.jalan import jalankan
from kirim.saluran import Setelan
from queries.progres import rentang_data, tanggal_bawaan
from store.baca import baca_jadwal
from store.langganan import LanggananTidakSah, atur_aktif, baca_log, keadaan_terkirim, simpan_keadaan, tambah_langganan
from store.pengguna import tambah_pengguna
from store.schema import log_kiriman
from store.siapkan import muat_kampanye
from tests import rujukan
from tests.conftest import sqlite_baru

SANDI_SMTP = "sandi-smtp-RAHASIA-42"
TOKEN = "token-webhook-RAHASIA-7"
SEKARANG = datetime(2022, 11, 30, 8, 0)


@pytest.fixture
def smtp():
    """An SMTP server with login (no TLS, loopback), collecting what it receives."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    class Kotak:
        def __init__(self):
            self.pesan = []

        async def handle_DATA(self, server, session, envelope):
            self.pesan.append(email.message_from_bytes(envelope.content, policy=policy.default))
            return "250 OK"

    def periksa(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.login == b"pantau" and auth_data.password == SANDI_SMTP.encode(), handled=False)

    with socket.socket() as s:  # a free loopback port
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    kotak = Kotak()
    c = Controller(kotak, hostname="127.0.0.1", port=port, authenticator=periksa, auth_require_tls=False)
    c.start()
    kotak.port = port
    yield kotak
    c.stop()


@pytest.fixture
def webhook():
    """An HTTP server collecting POSTed JSON; `gagal` makes the next requests answer 500."""
    diterima, kepala = [], []
    keadaan = {"gagal": 0}

    class Penangan(BaseHTTPRequestHandler):
        def do_POST(self):
            isi = self.rfile.read(int(self.headers["Content-Length"]))
            if keadaan["gagal"] > 0:
                keadaan["gagal"] -= 1
                self.send_response(500)
                self.end_headers()
                return
            diterima.append(json.loads(isi))
            kepala.append(dict(self.headers))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *a):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Penangan)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook?token={TOKEN}"
    server.diterima, server.kepala, server.keadaan = diterima, kepala, keadaan
    yield server
    server.shutdown()


@pytest.fixture
def eng(kampanye_kecil, tmp_path):
    e = sqlite_baru(tmp_path / "kirim.sqlite", kampanye_kecil)
    yield e
    e.dispose()


def _setelan(smtp) -> Setelan:
    return Setelan(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_pengguna="pantau", smtp_sandi=SANDI_SMTP, starttls=False, webhook_token=TOKEN, batas_waktu=5)


def _kec(kampanye) -> tuple[str, str, str]:
    kec = kampanye.geografi.kecamatan
    return kec["kode"].iloc[0], kec["nama"].iloc[0], kec["nama"].iloc[1]


def test_email_dan_webhook_sampai_dengan_lingkup_dan_lampiran(eng, kampanye_kecil, smtp, webhook, caplog):
    caplog.set_level(logging.DEBUG)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    kode_kec, nama_kec, nama_kec_lain = _kec(kampanye_kecil)
    tambah_pengguna(eng, "kepala.kab", "rahasia-panjang-1", "pimpinan", [kab])
    tambah_langganan(eng, "Kepala Kabupaten", "email", "kepala@bps.go.id", nama_pengguna="kepala.kab", jam="07:00")
    tambah_langganan(eng, "Camat", "email", "camat@desa.id", peran="pimpinan", wilayah=[kode_kec], isi="peringatan", bahasa="en")
    tambah_langganan(eng, "Grup rapat", "webhook", webhook.url, peran="rapat", wilayah=[kode_kec], jam="07:30")
    hasil = jalankan(eng, SEKARANG, setelan=_setelan(smtp), tidur=lambda s: None)
    assert hasil.gagal == 0 and hasil.terkirim == 5  # report + alerts, alerts, report + alerts

    tgl = tanggal_bawaan(baca_jadwal(eng), rentang_data(eng)[1])
    laporan = next(m for m in smtp.pesan if m["To"] == "kepala@bps.go.id" and "PNG" in m.get_body().get_content())
    lampiran = {p.get_filename(): p.get_content_type() for p in laporan.iter_attachments()}
    assert lampiran == {f"laporan-{kab}-{tgl.isoformat()}.png": "image/png", f"laporan-{kab}-{tgl.isoformat()}.pdf": "application/pdf"}
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 4, tgl).loc[kab]
    teks = laporan.get_body().get_content()
    assert f"Selesai: {acuan['selesai']:,}".replace(",", ".") in teks  # the raw families done, in Indonesian format
    assert kampanye_kecil.geografi.kabupaten["nama"].iloc[0] in laporan["Subject"]

    camat = [m for m in smtp.pesan if m["To"] == "camat@desa.id"]
    assert len(camat) == 1 and "new alert" in camat[0]["Subject"]  # English, alerts only
    isi_camat = camat[0].get_body().get_content()
    assert nama_kec_lain not in isi_camat  # never another kecamatan's figures

    assert [d["jenis"] for d in webhook.diterima] == ["laporan", "peringatan"]
    assert nama_kec in webhook.diterima[0]["subjek"]  # the report of the recipient's own kecamatan
    assert webhook.kepala[0]["Authorization"] == "Bearer " + TOKEN
    png = webhook.diterima[0]["lampiran"]
    assert [g["tipe"] for g in png] == ["image/png"] and png[0]["nama"].startswith(f"laporan-{kode_kec}-")
    semua_teks = json.dumps(webhook.diterima)
    assert "PPL-" not in semua_teks and nama_kec_lain not in semua_teks  # rapat: no officer identifiers, own kecamatan only

    log = baca_log(eng)
    assert set(log["hasil"]) == {"ok"} and len(log) == 5
    rekam = caplog.text + log.to_string()
    assert SANDI_SMTP not in rekam and TOKEN not in rekam


def test_peringatan_sekali_per_perubahan_keadaan(eng, kampanye_kecil, smtp):
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    nomor = tambah_langganan(eng, "Koseka", "email", "koseka@bps.go.id", peran="pimpinan", wilayah=[kab], isi="keduanya")
    pertama = jalankan(eng, SEKARANG, setelan=_setelan(smtp), tidur=lambda s: None)
    assert pertama.terkirim == 2
    peringatan = next(m for m in smtp.pesan if "peringatan baru" in m["Subject"])
    n = int(peringatan["Subject"].split(": ")[1].split()[0])
    assert n > 0
    kedua = jalankan(eng, SEKARANG.replace(hour=9), setelan=_setelan(smtp), tidur=lambda s: None)
    assert kedua.terkirim == 0 and len(smtp.pesan) == 2  # the report went today; no state changed
    keadaan = keadaan_terkirim(eng, nomor)
    buruk = next(k for k, v in keadaan.items() if k.startswith("status:") and v in ("kritis", "berisiko", "lewat"))
    simpan_keadaan(eng, nomor, {buruk: "sesuai"})  # as if the area had recovered and fallen behind again
    ketiga = jalankan(eng, SEKARANG.replace(hour=10), setelan=_setelan(smtp), tidur=lambda s: None)
    assert ketiga.terkirim == 1 and "1 peringatan baru" in smtp.pesan[-1]["Subject"]
    assert len(smtp.pesan[-1].get_body().get_content().splitlines()) == 5  # opening, blank, one alert, blank, closing
    besok = jalankan(eng, SEKARANG.replace(day=30, hour=6), setelan=_setelan(smtp), tidur=lambda s: None)
    assert besok.terkirim == 0, smtp.pesan[-1].get_body().get_content()  # before the recipient's hour no report, and no new alert


def test_ulang_dengan_jeda_lalu_gagal_tanpa_menghalangi_yang_lain(eng, smtp, webhook):
    tambah_langganan(eng, "Grup A", "webhook", webhook.url, peran="rapat", wilayah=["*"], isi="peringatan")
    tambah_langganan(eng, "Mati", "webhook", "http://127.0.0.1:9/tidak-ada", peran="rapat", wilayah=["*"], isi="peringatan")
    tambah_langganan(eng, "Surel", "email", "y@bps.go.id", peran="rapat", wilayah=["*"], isi="peringatan")
    webhook.keadaan["gagal"] = 2  # the first two requests answer 500
    jeda = []
    salah = Setelan(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_pengguna="pantau", smtp_sandi="sandi-keliru-XYZ", starttls=False, batas_waktu=5)
    hasil = jalankan(eng, SEKARANG, setelan=_setelan(smtp), tidur=jeda.append, jeda=2.0)
    assert hasil.terkirim == 2 and hasil.gagal == 1
    assert jeda == [2.0, 4.0, 2.0, 4.0]  # the webhook that recovered on its third try, then the one that is down
    log = baca_log(eng).set_index("penerima")
    assert log.loc["Grup A", "hasil"] == "ok" and log.loc["Grup A", "percobaan"] == 3
    assert log.loc["Mati", "hasil"] == "gagal" and "tidak terjangkau" in log.loc["Mati", "pesan"]
    assert log.loc["Surel", "hasil"] == "ok"
    tambah_langganan(eng, "Surel salah sandi", "email", "x@bps.go.id", peran="rapat", wilayah=["*"], isi="peringatan")
    hasil = jalankan(eng, SEKARANG, setelan=salah, tidur=lambda s: None, percobaan=1)
    assert hasil.terkirim == 0 and hasil.gagal == 2  # and the webhook that is down, tried again: nothing was remembered for it
    with eng.connect() as conn:
        pesan = conn.execute(select(log_kiriman.c.pesan).where(log_kiriman.c.hasil == "gagal")).scalars().all()
    assert any("menolak login" in p for p in pesan) and not any("keliru" in p for p in pesan), pesan


def test_alamat_dan_lingkup_diperiksa(eng):
    for argumen, pesan in (
        ({"saluran": "email", "alamat": "bukan-surel", "peran": "rapat", "wilayah": ["*"]}, "alamat e-mail"),
        ({"saluran": "webhook", "alamat": "file:///etc/passwd", "peran": "rapat", "wilayah": ["*"]}, "webhook"),
        ({"saluran": "email", "alamat": "a@b.id", "peran": "admin", "wilayah": ["*"]}, "peran"),
        ({"saluran": "email", "alamat": "a@b.id", "peran": "rapat", "wilayah": ["0000"]}, "tidak ada"),
        ({"saluran": "email", "alamat": "a@b.id", "nama_pengguna": "tidak.ada"}, "tidak ada"),
    ):
        with pytest.raises(LanggananTidakSah, match=pesan):
            tambah_langganan(eng, "X", **argumen)


def test_kirim_uji_menulis_folder_per_penerima(eng, kampanye_kecil, tmp_path):
    kode_kec, _, nama_kec_lain = _kec(kampanye_kecil)
    url = str(eng.url)
    tambah_langganan(eng, "Kepala", "email", "kepala@bps.go.id", peran="pimpinan", wilayah=["*"], isi="laporan")
    tambah_langganan(eng, "Rapat", "webhook", f"https://gateway.example/kirim?token={TOKEN}", peran="rapat", wilayah=[kode_kec], isi="peringatan")
    keluar = subprocess.run(
        [sys.executable, "manage.py", "--url", url, "kirim", "--uji", str(tmp_path / "uji"), "--sekarang", "2022-11-30T08:00"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=300,
    )
    assert keluar.returncode == 0, keluar.stderr
    folder = sorted((tmp_path / "uji").iterdir())
    assert [f.name for f in folder] == ["001-Kepala", "002-Rapat"]
    assert {p.suffix for p in folder[0].iterdir()} == {".eml", ".txt", ".png", ".pdf"}
    muatan = json.loads((folder[1] / "peringatan.json").read_text())
    assert muatan["penerima"] == "Rapat" and nama_kec_lain not in muatan["teks"]
    assert TOKEN not in keluar.stdout + keluar.stderr
    assert baca_log(eng).empty  # a test run sends and remembers nothing
    daftar = subprocess.run([sys.executable, "manage.py", "--url", url, "langganan", "daftar"], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert "gateway.example/kirim" in daftar.stdout and TOKEN not in daftar.stdout


def test_langganan_dan_log_di_kedua_basis_data(db_kosong_semua, kampanye_kecil, webhook):
    from store.db import buat_skema

    buat_skema(db_kosong_semua)
    muat_kampanye(db_kosong_semua, kampanye_kecil)
    nomor = tambah_langganan(db_kosong_semua, "Grup", "webhook", webhook.url, peran="rapat", wilayah=["*"], isi="peringatan")
    assert jalankan(db_kosong_semua, SEKARANG, tidur=lambda s: None).terkirim == 1
    assert jalankan(db_kosong_semua, SEKARANG, tidur=lambda s: None).terkirim == 0
    assert len(webhook.diterima) == 1 and keadaan_terkirim(db_kosong_semua, nomor)
    log = baca_log(db_kosong_semua)
    assert list(log["hasil"]) == ["ok"] and isinstance(log["waktu"].iloc[0], pd.Timestamp | datetime)


def test_halaman_langganan_untuk_admin(eng, monkeypatch, webhook):
    """An administrator adds a recipient on the page, sees it (without the webhook's token) and the send log."""
    from tests.conftest import pembuka_halaman

    tambah_pengguna(eng, "admin", "rahasia-panjang-1", "admin", ["*"])
    buka = pembuka_halaman(eng, monkeypatch)
    at = buka("dashboard/langganan.py", masuk=("admin", "rahasia-panjang-1"))
    at.text_input(key="lg_nama").input("Grup WA kabupaten")
    at.selectbox(key="lg_peran").set_value("rapat")  # role of a recipient without an account
    at.text_input(key="lg_wilayah").input("*")
    at.selectbox(key="lg_saluran").set_value("webhook")
    at.text_input(key="lg_alamat").input(webhook.url)
    at.selectbox(key="lg_isi").set_value("peringatan")
    at.button(key="lg_simpan").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    tabel = at.dataframe[0].value
    assert list(tabel["Penerima"]) == ["Grup WA kabupaten"] and TOKEN not in tabel.to_string()
    jalankan(eng, SEKARANG, tidur=lambda s: None)
    at.run()
    log = at.dataframe[1].value
    assert list(log["Hasil"]) == ["terkirim"] and list(log["Jenis"]) == ["Peringatan"] and list(log["Penerima"]) == ["Grup WA kabupaten"]


def test_impor_lewat_baris_perintah_memeriksa_peringatan(eng, kampanye_kecil, webhook, tmp_path):
    """After an import from the command line the alerts are evaluated at once (alerts only: the report waits for its hour)."""
    tambah_langganan(eng, "Grup", "webhook", webhook.url, peran="rapat", wilayah=["*"], isi="keduanya", jam="23:59")
    berkas = tmp_path / "laporan_harian.csv"
    kampanye_kecil.tabel["laporan_harian"].head(5).to_csv(berkas, index=False)
    keluar = subprocess.run(
        [sys.executable, "manage.py", "--url", str(eng.url), "impor", str(berkas)], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], timeout=300
    )
    assert keluar.returncode == 0, keluar.stderr
    assert "peringatan: 1 pesan terkirim" in keluar.stdout
    assert [d["jenis"] for d in webhook.diterima] == ["peringatan"]


def test_ppl_tidak_aktif_dan_data_basi(eng, kampanye_kecil, smtp, webhook):
    """During the campaign: the PPL who stopped are named to a pimpinan (as the Petugas page flags them) and counted
    per kecamatan for the rapat role; a day without imports brings one stale-data alert."""
    from sqlalchemy import update

    from aturan.ambang import AMBANG_PETUGAS
    from aturan.kinerja import histogram_sampai, kinerja_ppl, sampai
    from queries import petugas
    from store.schema import impor

    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    saat = datetime(2022, 11, 13, 8, 0)  # three PPL of the small campaign have sent nothing for two days
    tambah_langganan(eng, "Kepala", "email", "kepala@bps.go.id", peran="pimpinan", wilayah=[kab], isi="peringatan")
    tambah_langganan(eng, "Rapat", "webhook", webhook.url, peran="rapat", wilayah=[kab], isi="peringatan")
    with eng.begin() as conn:  # the last import 30 hours before the run
        conn.execute(update(impor).values(waktu=datetime(2022, 11, 12, 2, 0)))
    assert jalankan(eng, saat, setelan=_setelan(smtp), tidur=lambda s: None).terkirim == 2
    tgl = saat.date()
    jk = baca_jadwal(eng)
    ppl = kinerja_ppl(
        petugas.daftar_petugas(eng, kab),
        petugas.beban_ppl(eng, kab),
        sampai(petugas.harian_ppl(eng, kab, tgl), tgl),
        histogram_sampai(petugas.durasi_ppl(eng, kab, tgl, per_hari=True), tgl),
        tgl,
        jk.untuk(kab),
        AMBANG_PETUGAS,
    )
    diam = set(ppl.loc[ppl["tidak_aktif"], "id_ppl"])
    assert len(diam) == 3
    teks = smtp.pesan[0].get_body().get_content()
    tidak_kirim = "\n".join(b for b in teks.splitlines() if "tidak mengirim" in b)
    assert {p for p in ppl["id_ppl"] if f"PPL {p} " in tidak_kirim} == diam
    assert "30 jam" in teks and "2022-11-12 02:00" in teks
    rapat = webhook.diterima[0]["teks"]
    assert "PPL-" not in rapat and f"{len(diam)} PPL inactive" not in rapat  # counts per kecamatan, not one total
    per_kec = ppl[ppl["tidak_aktif"]].groupby("kode_kec").size()
    assert sum(int(x.split(": ")[1].split()[0]) for x in rapat.splitlines() if x.endswith("PPL tidak aktif")) == per_kec.sum()
    assert jalankan(eng, saat.replace(hour=9), setelan=_setelan(smtp), tidur=lambda s: None).terkirim == 0  # the same stale spell


def test_smtp_dengan_starttls_dan_login(tmp_path, monkeypatch, kampanye_kecil, eng):
    """A server that requires STARTTLS before login (a self-signed certificate the client is told to trust)."""
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    sertifikat, kunci = tmp_path / "c.pem", tmp_path / "k.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", kunci, "-out", sertifikat, "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    konteks = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    konteks.load_cert_chain(sertifikat, kunci)
    diterima = []

    class Kotak:
        async def handle_DATA(self, server, session, envelope):
            diterima.append(session.authenticated)
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    periksa = lambda *a: AuthResult(success=a[4].password == SANDI_SMTP.encode(), handled=False)  # noqa: E731
    c = Controller(Kotak(), hostname="127.0.0.1", port=port, tls_context=konteks, require_starttls=True, authenticator=periksa, auth_require_tls=True)
    c.start()
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(sertifikat))
        tambah_langganan(eng, "Kepala", "email", "kepala@bps.go.id", peran="pimpinan", wilayah=["*"], isi="peringatan")
        setelan = Setelan(smtp_host="127.0.0.1", smtp_port=port, smtp_pengguna="pantau", smtp_sandi=SANDI_SMTP, starttls=True, batas_waktu=5)
        assert jalankan(eng, SEKARANG, setelan=setelan, tidur=lambda s: None).terkirim == 1
        assert diterima == [True]
    finally:
        c.stop()


def test_setelah_impor_di_latar(eng, webhook):
    """The import page's path: alerts evaluated in a background thread; nothing when nobody wants alerts."""
    from kirim.jalan import setelah_impor

    assert setelah_impor(eng) is None  # no subscription
    tambah_langganan(eng, "Grup", "webhook", webhook.url, peran="rapat", wilayah=["*"], isi="peringatan")
    assert setelah_impor(eng, latar=True) is None
    utas = next(u for u in threading.enumerate() if u.name == "peringatan-setelah-impor")
    utas.join(timeout=120)
    assert [d["jenis"] for d in webhook.diterima] == ["peringatan"] and list(baca_log(eng)["hasil"]) == ["ok"]


def test_smtp_belum_diatur_tidak_diulang(eng):
    """Without an SMTP server configured the send fails at once (no retries, no waits) and says what to set."""
    tambah_langganan(eng, "Kepala", "email", "kepala@bps.go.id", peran="pimpinan", wilayah=["*"], isi="peringatan")
    jeda = []
    assert jalankan(eng, SEKARANG, setelan=Setelan(), tidur=jeda.append).gagal == 1
    log = baca_log(eng).iloc[0]
    assert jeda == [] and log["percobaan"] == 1 and "PANTAU_SMTP_HOST" in log["pesan"]


def test_peringatan_kualitas_lapangan(eng, kampanye_kecil, smtp, webhook):
    """The PPL planted in the demo are named to a pimpinan with the checks that flag them, once; the rapat role gets a
    count per kecamatan and never an officer."""
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    info = kampanye_kecil.info
    saat = datetime(2022, 11, 30, 8, 0)
    tambah_langganan(eng, "Kepala", "email", "kepala@bps.go.id", peran="pimpinan", wilayah=[kab], isi="peringatan")
    tambah_langganan(eng, "Rapat", "webhook", webhook.url, peran="rapat", wilayah=[kab], isi="peringatan")
    jalankan(eng, saat, setelan=_setelan(smtp), tidur=lambda s: None)
    teks = smtp.pesan[0].get_body().get_content()
    baris = {b.split("PPL ")[1].split(" ")[0]: b for b in teks.splitlines() if "perlu diperiksa ke lapangan" in b}
    ditanam = {info[k] for k in ("ppl_malam", "ppl_desa_tetangga", "ppl_pindah", "ppl_menit_bulat")}
    assert ditanam <= set(baris) and len(set(baris) - ditanam) <= 3
    assert "Wawancara larut malam" in baris[info["ppl_malam"]] and 'Banyak "pindah"' in baris[info["ppl_pindah"]]
    rapat = webhook.diterima[0]["teks"]
    assert "PPL-" not in rapat and sum(int(b.split(": ")[1].split()[0]) for b in rapat.splitlines() if "field-quality" in b or "kualitas lapangan" in b) == len(baris)
    n = len(smtp.pesan)
    jalankan(eng, saat.replace(hour=9), setelan=_setelan(smtp), tidur=lambda s: None)
    assert all("perlu diperiksa ke lapangan" not in m.get_body().get_content() for m in smtp.pesan[n:])  # told once per state


def test_tautan_di_pesan_membuka_wilayah_hari_dan_bahasanya(eng, kampanye_kecil, smtp, webhook, monkeypatch):
    """With a public base address set, every report and alert links to the dashboard's view of its own area, day and
    language; the link, opened in the app, shows that area on that day in that language. With none, no link."""
    import re
    from urllib.parse import parse_qs, urlsplit

    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT_APP

    kode_kec, nama_kec, _ = _kec(kampanye_kecil)
    tambah_langganan(eng, "Camat", "email", "camat@desa.id", peran="pimpinan", wilayah=[kode_kec], bahasa="en")
    tambah_langganan(eng, "Grup rapat", "webhook", webhook.url, peran="rapat", wilayah=[kode_kec], jam="07:30")
    dasar = "https://pantau.kantor.example/dasbor/"
    setelan = Setelan(**{**_setelan(smtp).__dict__, "alamat_publik": dasar})
    assert jalankan(eng, SEKARANG, setelan=setelan, tidur=lambda s: None).gagal == 0
    tgl = tanggal_bawaan(baca_jadwal(eng), rentang_data(eng)[1])

    teks = "\n".join(m.get_body().get_content() for m in smtp.pesan)
    tautan = re.findall(r"https://pantau\.kantor\.example/dasbor/\S*", teks)
    assert tautan and all(parse_qs(urlsplit(u).query)["tanggal"] == [tgl.isoformat()] for u in tautan)
    assert all(parse_qs(urlsplit(u).query)["lang"] == ["en"] for u in tautan)  # the recipient's language
    assert all(parse_qs(urlsplit(u).query)["kec"][0].startswith(kode_kec) for u in tautan)  # their own kecamatan
    assert all(d["tautan"] and all(u in d["teks"] for u in d["tautan"]) for d in webhook.diterima)  # the webhook's JSON lists them too

    laporan = next(u for u in tautan if urlsplit(u).path.rstrip("/") == "/dasbor")
    monkeypatch.setenv("PANTAU_DB_URL", str(eng.url))
    monkeypatch.setenv("PANTAU_LOGIN", "0")
    at = AppTest.from_file(ROOT_APP, default_timeout=120)
    for k, v in parse_qs(urlsplit(laporan).query).items():
        at.query_params[k] = v[0]
    at.run()
    assert not at.exception
    assert nama_kec in at.title[0].value and "Completion" in [m.label for m in at.metric]  # that kecamatan, in English
    assert at.session_state["tanggal"] == tgl

    from kirim.jalan import pesan_peringatan
    from kirim.peringatan import Peringatan
    from store.langganan import daftar_langganan

    lg = daftar_langganan(eng)[0]
    tanpa = pesan_peringatan(lg, tgl, [Peringatan("status:x", "kritis", "Kecamatan X kritis", kode_kec)])
    assert not tanpa.tautan and "http" not in tanpa.teks  # no base address: no link, never a wrong one


def test_satu_putaran_berbagi_riwayat_dan_pemeriksaan_wilayah(eng, kampanye_kecil, tmp_path, monkeypatch):
    """A run reads a kabupaten's forecast history once and checks an area's alerts once per language and officer
    visibility, whoever subscribes: three recipients of one kecamatan (two alike, one in English) get the very
    messages each would get in a run of their own."""
    import kirim.jalan
    import kirim.peringatan

    kode_kec = _kec(kampanye_kecil)[0]
    for nama, bahasa in (("Satu", "id"), ("Dua", "id"), ("Tiga", "en")):
        tambah_langganan(eng, nama, "email", f"{nama.lower()}@bps.go.id", peran="pimpinan", wilayah=[kode_kec], bahasa=bahasa)
    dibaca, diperiksa = [], []
    baca_asli, status_asli = kirim.jalan.baca_riwayat, kirim.peringatan._status
    monkeypatch.setattr(kirim.jalan, "baca_riwayat", lambda *a: dibaca.append(a[1]) or baca_asli(*a))
    monkeypatch.setattr(kirim.peringatan, "_status", lambda *a: diperiksa.append((a[1], a[5])) or status_asli(*a))
    bersama = jalankan(eng, sekarang=SEKARANG, folder_uji=tmp_path / "bersama")
    assert dibaca == [kode_kec[:4]]  # one kabupaten, one read, for three reports and three alert lists
    assert sorted(diperiksa) == [(kode_kec, "en"), (kode_kec, "id")]
    isi = {f.name: {p.name: p.read_bytes() for p in f.iterdir() if p.suffix == ".txt"} for f in bersama.folder}
    for lg_id in (1, 2, 3):  # each recipient alone: the same texts
        sendiri = tmp_path / f"sendiri{lg_id}"
        for lain in (1, 2, 3):
            atur_aktif(eng, lain, lain == lg_id)
        (folder,) = jalankan(eng, sekarang=SEKARANG, folder_uji=sendiri).folder
        assert {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".txt"} == isi[folder.name]
