"""The one caching layer: the engine (cache_resource) and cached query results (cache_data with ttl)."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from aturan.ambang import AMBANG, AMBANG_CAKUPAN, AMBANG_CEK_ULANG, AMBANG_KUALITAS
from aturan.cakupan import hitung_per_area
from aturan.cek_ulang import hasil_ppl, sampel
from aturan.ikhtisar import Ikhtisar, Peramal, susun
from aturan.ikhtisar import lengkapi_per_hari as lengkapi_ramalan_per_hari
from aturan.indikator import Ambang, Jadwal, JadwalKampanye
from aturan.kalibrasi import TINGKAT as TINGKAT_KALIBRASI
from aturan.kalibrasi import RekamJejak, Riwayat
from aturan.kinerja import AmbangPetugas, kinerja_area
from aturan.kode import PANJANG_ANAK
from aturan.kualitas import AmbangKualitas
from aturan.proyeksi import Bahan, ramal
from aturan.proyeksi import lingkup as lingkup_proyeksi
from aturan.realokasi import Rencana, rencanakan, sidik_rencana
from geodata.cocok import HasilCocok, OpsiCocok
from geodata.layar import geojson_layar, tata_label
from laporan import harian
from queries import cakupan_sls, cek_ulang, impor, paradata, petugas, progres, proyeksi, realokasi, wilayah
from store import cek_ulang as tulis_cek_ulang
from store import pengguna
from store import realokasi as tulis_realokasi
from store.baca import baca_jadwal
from store.batas import impor_batas
from store.berkas import Berkas, baca_berkas
from store.db import buat_engine, kosong, url_bawaan, url_dari_lingkungan
from store.impor.tulis import HasilImpor
from store.impor.tulis import pratinjau_tabel as pratinjau_impor
from store.pengguna import Pengguna
from store.siapkan import Kemajuan, kosongkan_bila_terputus, muat_demo, siapkan_basis_data
from tampilan import figur
from tampilan.teks import TEKS

TTL = 300  # seconds: new imports show up within five minutes

# Python's garbage collector, set for a long-running server process: with its default young pass every 700
# allocations, short-lived objects of a rerun were promoted, and every few dozen reruns a full pass over about
# 280,000 objects took 150-200 ms on whichever page ran then. A young pass every 50,000 allocations lets them die
# young: 60 date changes of the overview had no full pass (BENCHMARKS.md, issue 32 sixth part).
GC_AMBANG = (50_000, 20, 10)
gc.set_threshold(*GC_AMBANG)


def url_basis_data() -> tuple[str, bool]:
    """(URL, is_embedded_default): PANTAU_DB_URL, else [database] url in secrets, else embedded SQLite."""
    url = url_dari_lingkungan()
    if not url:
        try:
            url = st.secrets.get("database", {}).get("url")
        except StreamlitSecretNotFoundError:
            url = None
    return (url, False) if url else (url_bawaan(), True)


@st.cache_resource(show_spinner=TEKS["siapkan_db"]["id"] + " / " + TEKS["siapkan_db"]["en"])
def engine():
    """The database engine, its schema made and its rollups checked (the demo is loaded by siapkan_demo)."""
    eng = buat_engine(url_basis_data()[0])
    siapkan_basis_data(eng, isi_demo=False)
    return eng


_KUNCI_DEMO = threading.Lock()  # one first-start load, whichever session arrives first
_DEMO_DIPERIKSA: set[str] = set()  # database URLs already checked in this process


def siapkan_demo(kemajuan: Kemajuan) -> bool:
    """The embedded default's first start: generate the demo campaign and load it into the empty database, telling
    kemajuan each stage as it begins (a progress bar). Checked once per process; another session arriving meanwhile
    waits for the same load. True when this call loaded it."""
    url, bawaan = url_basis_data()
    if not bawaan or url in _DEMO_DIPERIKSA:
        return False
    with _KUNCI_DEMO:
        kosongkan_bila_terputus(engine())  # a first start stopped mid-way (Ctrl+C) loads again from the start
        dimuat = kosong(engine())
        if dimuat:
            muat_demo(engine(), kemajuan=kemajuan)
            segarkan()
        _DEMO_DIPERIKSA.add(url)
    return dimuat


@st.cache_data(ttl=TTL, show_spinner=False)
def meta() -> dict[str, str]:
    return wilayah.baca_meta(engine())


@st.cache_data(ttl=TTL, show_spinner=False)
def daftar_kabupaten() -> pd.DataFrame:
    return wilayah.daftar_kabupaten(engine())


@st.cache_data(ttl=TTL, show_spinner=False)
def info_wilayah(kode: str) -> dict | None:
    return wilayah.info_wilayah(engine(), kode)


@st.cache_data(ttl=TTL, show_spinner=False)
def rentang_data() -> tuple[date | None, date | None]:
    return progres.rentang_data(engine())


@st.cache_data(ttl=TTL, show_spinner=False)
def jadwal() -> JadwalKampanye | None:
    return baca_jadwal(engine())


@st.cache_data(ttl=TTL, show_spinner=False)
def rekap_anak(induk: str, tanggal: date) -> pd.DataFrame:
    return progres.rekap_anak(engine(), induk, tanggal)


@st.cache_data(ttl=TTL, show_spinner=False)
def rekap_wilayah(kode: str, tanggal: date) -> pd.DataFrame:
    return progres.rekap_wilayah(engine(), kode, tanggal)


@st.cache_data(ttl=TTL, show_spinner=False)
def bahan_proyeksi(lingkup: str, hari: tuple[date, ...], mulai: date) -> dict[date, Bahan]:
    """What the forecast reads for a scope and days, in one read: once per import and day, not per rerun."""
    return proyeksi.baca_bahan_hari(engine(), lingkup, list(hari), mulai)


@st.cache_data(ttl=TTL, show_spinner=False)
def profil_operasi(induk: str, sampai: date, mulai: date) -> tuple[list[tuple[float, float]], int]:
    return proyeksi.profil_operasi(engine(), induk, sampai, mulai)


@st.cache_data(ttl=60, show_spinner=False)
def versi_data() -> tuple[int, int]:
    return impor.versi_data(engine())


@st.cache_resource(ttl=3600, max_entries=32, show_spinner=False)  # ~1.7 MB per kabupaten of 100,000 families
def _riwayat(lingkup: str, sampai: date, kunci_jadwal: str, versi: tuple[int, int], _kampanye: JadwalKampanye) -> Riwayat | None:
    """Held unpickled (cache_resource: no 30 ms copy per read), shared by sessions and never modified. Keyed by the
    data's version, so an import or a withdrawal (from the app or the command line) makes a new one within a
    minute; segarkan drops it at once."""
    return proyeksi.baca_riwayat(engine(), lingkup, sampai, _kampanye)


def riwayat_ramalan(lingkup: str, tanggal: date, kunci_jadwal: str, _kampanye: JadwalKampanye) -> Riwayat | None:
    """The forecast's history in a scope (queries.proyeksi.baca_riwayat): every day's forecast of every area with
    the spread of its own past errors, and the track record. It is read up to the last day with data (or tanggal,
    if later), so it is computed once per import, whatever day a page shows: nothing of a day in it uses a
    count after that day."""
    akhir = rentang_data()[1]
    return _riwayat(lingkup, max(tanggal, akhir) if akhir else tanggal, kunci_jadwal, versi_data(), _kampanye)


@st.cache_data(ttl=TTL, show_spinner=False)
def _ramalan(kode: tuple[str, ...], tanggal: date, lingkup: str, kunci_jadwal: str, _area: pd.DataFrame, _kampanye: JadwalKampanye, _bahan: Bahan) -> pd.DataFrame:
    """The forecast of these areas on this day: the areas' counts follow from the codes and the day (and the cache
    is cleared by every write), so the codes, day, the scope the forecast read (lingkup) and the schedule are the key."""
    riwayat = riwayat_ramalan(lingkup, tanggal, kunci_jadwal, _kampanye)
    return riwayat.ramal(_bahan, _area, _kampanye) if riwayat is not None else ramal(_bahan, _area, _kampanye)


def peramal(lingkup: str) -> Peramal:
    """The forecast through the cache, for the forecast's input read for lingkup, with the spread of the scope's
    history (read once to the last day with data: every day's spread is in it)."""

    def _ramal(bahan: Bahan, area: pd.DataFrame, kampanye: JadwalKampanye) -> pd.DataFrame:
        return _ramalan(tuple(area["kode"]), bahan.tanggal, lingkup, repr(kampanye), area, kampanye, bahan)

    return _ramal


def rekam_jejak(kode: str, tanggal: date, panjang: int, kampanye: JadwalKampanye) -> RekamJejak | None:
    """How the ranges given at least 7 days before tanggal held, for the areas of this code length in kode's scope;
    None where ranges are not calibrated (above the kecamatan, or before the start)."""
    return _rekam_jejak(lingkup_proyeksi(kode), tanggal, panjang, repr(kampanye), kampanye)


@st.cache_data(ttl=TTL, show_spinner=False)
def _rekam_jejak(lingkup: str, tanggal: date, panjang: int, kunci_jadwal: str, _kampanye: JadwalKampanye) -> RekamJejak | None:
    riwayat = riwayat_ramalan(lingkup, tanggal, kunci_jadwal, _kampanye)
    return riwayat.rekam_jejak(tanggal, panjang) if riwayat is not None and panjang in TINGKAT_KALIBRASI else None


def lengkapi_per_hari(per_hari: dict[date, pd.DataFrame], kode: str, kampanye: JadwalKampanye, ambang: Ambang) -> dict[date, pd.DataFrame]:
    """Each day's areas, all under kode, completed with indicators, status and forecast (aturan.ikhtisar), all days'
    rows in one call; the forecast of every day comes from the kabupaten's history (read once per import), or,
    for one day or above the kabupaten, from each day's cached forecast."""
    lingkup = lingkup_proyeksi(kode)
    sampai = max(per_hari)
    riwayat = riwayat_ramalan(lingkup, sampai, repr(kampanye), kampanye)
    ramalan = riwayat.ramal_hari(per_hari) if len(per_hari) > 1 and riwayat is not None else None
    if ramalan is None:  # one day, or no history (above the kabupaten): each day's forecast through the cache
        bahan = {d: bahan_hari(lingkup, d, kampanye, riwayat) for d in per_hari} if len(per_hari) == 1 else bahan_proyeksi(lingkup, tuple(per_hari), kampanye.umum.mulai)
        ramal_hari = peramal(lingkup)
        ramalan = pd.concat([ramal_hari(bahan[d], r[["kode", "sasaran", "selesai"]].reset_index(drop=True), kampanye) for d, r in per_hari.items()], ignore_index=True)
    return lengkapi_ramalan_per_hari(per_hari, ramalan, kampanye, ambang)  # every day's rows in one call


def lengkapi_wilayah(rekap: pd.DataFrame, kode: str, tanggal: date, kampanye: JadwalKampanye, ambang: Ambang) -> pd.DataFrame:
    """indikator.lengkapi with the forecast for the areas of rekap on one day, all under kode; each area is
    measured against the schedule in force for it."""
    return lengkapi_per_hari({tanggal: rekap}, kode, kampanye, ambang)[tanggal]


def bahan_hari(lingkup: str, tanggal: date, kampanye: JadwalKampanye, riwayat: Riwayat | None = None) -> Bahan:
    """The forecast's input of one day: the one the scope's history (given, or looked up) already holds (read once
    per import for every day; its extra rows, PPL with no work that day, change no forecast), else a read of that day."""
    riwayat = riwayat or riwayat_ramalan(lingkup, tanggal, repr(kampanye), kampanye)
    if riwayat is not None and tanggal in riwayat.bahan:
        return riwayat.bahan[tanggal]
    return bahan_proyeksi(lingkup, (tanggal,), kampanye.umum.mulai)[tanggal]


def ikhtisar(kode: str, tanggal: date, kampanye: JadwalKampanye, ambang: Ambang = AMBANG) -> Ikhtisar:
    """The area's overview (aturan.ikhtisar.susun) from cached reads: what the overview page and the meeting screen show."""
    lingkup = lingkup_proyeksi(kode)
    bahan = bahan_hari(lingkup, tanggal, kampanye)
    isi = susun(rekap_wilayah(kode, tanggal), rekap_anak(kode, tanggal), bahan, kampanye, tanggal, ambang, peramal(lingkup))
    return replace(isi, rekam_jejak=rekam_jejak(kode, tanggal, PANJANG_ANAK[len(kode)], kampanye))


@st.cache_data(ttl=TTL, show_spinner=False)
def seri_harian(kode: str, sampai: date) -> pd.DataFrame:
    return progres.seri_harian(engine(), kode, sampai)


@st.cache_data(ttl=3600, show_spinner=False)
def geojson_anak(induk: str) -> dict:
    """Simplified screen GeoJSON of induk's child areas (geometry changes only on a boundary import)."""
    return geojson_layar(wilayah.batas_anak(engine(), induk))


@st.cache_data(ttl=3600, show_spinner=False)
def letak_label(induk: str, nama: tuple[tuple[str, str], ...], lebar: int, tinggi: int, huruf: int) -> tuple[pd.DataFrame, list[str]]:
    """Where the names of induk's child areas go on a map of that size (placed once, not on every rerun)."""
    return tata_label(geojson_anak(induk), dict(nama), lebar, tinggi, huruf, ukur=figur.lebar_teks_peta)


def label_peta(induk: str, anak: pd.DataFrame, tema, bahasa: str = "id"):
    """The name placement for a map of induk's child areas drawn in tema (a gaya.Tema), from the cache, and the
    theme with the map height it was placed for (on a wall the key under the map takes its room from the map)."""
    nama = figur.nama_label(anak)
    return figur.muat_label(tema, anak, geojson_anak(induk), lambda lebar, tinggi: letak_label(induk, nama, lebar, tinggi, tema.huruf_label), bahasa)


STATIK = Path(__file__).resolve().parents[1] / "static"  # served by Streamlit at app/static/ (server.enableStaticServing)


def _simpan_statik(geojson: dict, nama: str) -> str:
    """Write a map layer once as a static file named by its content; return its address relative to the page."""
    teks = json.dumps(geojson, separators=(",", ":"))
    berkas = STATIK / "geo" / f"{nama}-{hashlib.sha256(teks.encode()).hexdigest()[:16]}.json"
    if not berkas.exists():
        berkas.parent.mkdir(parents=True, exist_ok=True)
        sementara = berkas.with_suffix(f".{os.getpid()}.tmp")
        sementara.write_text(teks, encoding="utf-8")
        sementara.replace(berkas)  # atomic: several app servers may write the same file
    return f"app/static/geo/{berkas.name}"


@st.cache_data(ttl=3600, show_spinner=False)
def alamat_geojson_anak(induk: str) -> str:
    """Address of the child-area layer of induk: the browser fetches it once and keeps it, so a rerun that
    changes the date or the metric sends only the values."""
    return _simpan_statik(geojson_anak(induk), f"anak-{induk or 'id'}")


@st.cache_data(ttl=3600, show_spinner=False)
def alamat_geojson_turunan(induk: str, tingkat: int) -> str:
    return _simpan_statik(geojson_turunan(induk, tingkat), f"turunan-{induk or 'id'}-{tingkat}")


@st.cache_data(ttl=TTL, show_spinner=False)
def rekap_turunan(induk: str, panjang: int, tanggal: date) -> pd.DataFrame:
    return progres.rekap_turunan(engine(), induk, panjang, tanggal)


@st.cache_data(ttl=TTL, show_spinner=False)
def seri_harian_turunan(induk: str, panjang: int, sampai: date) -> pd.DataFrame:
    return progres.seri_harian_turunan(engine(), induk, panjang, sampai)


@st.cache_data(ttl=TTL, show_spinner=False)
def cakupan(induk: str, panjang: int, tanggal: date) -> pd.DataFrame:
    return progres.cakupan(engine(), induk, panjang, tanggal)


@st.cache_data(ttl=TTL, show_spinner=False)
def tanda_cakupan(induk: str, tanggal: date, _jadwal: JadwalKampanye, kunci_jadwal: str) -> pd.DataFrame:
    """Every SLS under induk with its coverage checks as of a date (kunci_jadwal keys the cache)."""
    return cakupan_sls.tandai_area(engine(), induk, tanggal, AMBANG_CAKUPAN, _jadwal)


@st.cache_data(ttl=TTL, show_spinner=False)
def per_area_cakupan(induk: str, panjang: int, tanggal: date, _jadwal: JadwalKampanye, kunci_jadwal: str) -> pd.DataFrame:
    """Coverage counts per area of code length panjang under induk: per kecamatan and above from the per-kecamatan
    daily rollup (queries.cakupan_sls.per_area, equal to the SLS checks the lists use), below from those checks."""
    if len(induk) > 4 or panjang > 7:
        return hitung_per_area(tanda_cakupan(induk, tanggal, _jadwal, kunci_jadwal), panjang)
    return cakupan_sls.per_area(engine(), induk, panjang, tanggal, AMBANG_CAKUPAN, _jadwal)


@st.cache_data(ttl=TTL, show_spinner=False)
def daftar_cakupan(induk: str, tanggal: date, _jadwal: JadwalKampanye, kunci_jadwal: str) -> dict[str, pd.DataFrame]:
    """The four coverage lists of an area as of a date."""
    return cakupan_sls.daftar_cakupan(engine(), tanda_cakupan(induk, tanggal, _jadwal, kunci_jadwal), induk, tanggal, AMBANG_CAKUPAN)


@st.cache_data(ttl=3600, show_spinner=False)
def nama_di_bawah(induk: str, panjang: int) -> pd.DataFrame:
    return cakupan_sls.nama_di_bawah(engine(), induk, panjang)


@st.cache_data(ttl=TTL, show_spinner=False)
def laporan_lapangan(induk: str, panjang: int, tanggal: date) -> pd.DataFrame:
    return progres.laporan_lapangan(engine(), induk, panjang, tanggal)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def laporan_harian(kode: str, tanggal: date, format: str, bahasa: str) -> bytes:
    """The daily report as PNG or PDF bytes (made on the first click, then reused for a while), from the forecast
    history the pages already hold."""
    kampanye = jadwal()
    riwayat = riwayat_ramalan(lingkup_proyeksi(kode), tanggal, repr(kampanye), kampanye) if kampanye is not None else None
    return harian.laporan(engine(), kode, tanggal, format, bahasa, datetime.now(), riwayat)


def segarkan() -> None:
    """Drop cached query results after a write (schedule edit, import)."""
    st.cache_data.clear()
    _riwayat.clear()


@st.cache_data(ttl=3600, show_spinner=False)
def geojson_turunan(induk: str, tingkat: int) -> dict:
    """Simplified screen GeoJSON of every area at a level under induk (e.g. all desa of a kabupaten)."""
    return geojson_layar(wilayah.batas_turunan(engine(), induk, tingkat))


@st.cache_data(ttl=TTL, show_spinner=False)
def anak_wilayah(induk: str) -> pd.DataFrame:
    return wilayah.anak_wilayah(engine(), induk)


def _nilai_setelan(env: str, bagian: str, kunci: str, bawaan: object) -> str:
    """A setting from the environment variable env, else [bagian] kunci in secrets.toml, else bawaan."""
    nilai = os.environ.get(env)
    if nilai is None:
        try:
            nilai = st.secrets.get(bagian, {}).get(kunci, bawaan)
        except StreamlitSecretNotFoundError:
            nilai = bawaan
    return str(nilai).strip().lower()


def _setelan(env: str, bagian: str, kunci: str, bawaan: object) -> bool:
    return _nilai_setelan(env, bagian, kunci, bawaan) in ("1", "true", "ya", "yes")


def login_wajib() -> bool:
    """Logins are on with PANTAU_LOGIN=1 ([login] wajib = true), off with 0; by default on for a configured
    database and for the embedded one once it has users."""
    nilai = _nilai_setelan("PANTAU_LOGIN", "login", "wajib", "")
    if nilai in ("1", "true", "ya", "yes"):
        return True
    if nilai in ("0", "false", "tidak", "no"):
        return False
    return not url_basis_data()[1] or ada_pengguna()


@st.cache_data(ttl=30, show_spinner=False)
def ada_pengguna() -> bool:
    """Whether any user exists (checked at most every 30 s: the first user turns logins on within that)."""
    return pengguna.ada_pengguna(engine())


def batas_sesi() -> tuple[float, float]:
    """(idle minutes, maximum hours) after which a login ends: PANTAU_SESI_MENIT / PANTAU_SESI_JAM or [login]."""
    return float(_nilai_setelan("PANTAU_SESI_MENIT", "login", "menit_diam", 120)), float(_nilai_setelan("PANTAU_SESI_JAM", "login", "jam_maksimum", 12))


def baca_pengguna(nama: str) -> Pengguna | None:
    """Read fresh on every run (not cached), so a disabled user or a changed role takes effect at once."""
    return pengguna.baca_pengguna(engine(), nama)


def masuk(nama: str, sandi: str, alamat: str | None) -> Pengguna | str:
    """A sign-in attempt, counted in the database (shared by every session and every app server)."""
    return pengguna.masuk(engine(), nama, sandi, alamat)


def boleh_impor() -> bool:
    """Whether the import page may write: on for the embedded demo database, else PANTAU_IZINKAN_IMPOR=1 or [admin] impor = true."""
    return _setelan("PANTAU_IZINKAN_IMPOR", "admin", "impor", url_basis_data()[1])


@st.cache_data(ttl=600, max_entries=4, show_spinner=False)
def baca_unggahan(isi: bytes, nama: str) -> Berkas:
    """An uploaded table read once, not on every rerun of the import page."""
    return baca_berkas(isi, nama)


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def pratinjau_tabel(sidik: str, tabel: str, pemetaan: tuple[tuple[str, str], ...], _berkas: Berkas) -> HasilImpor:
    """The dry run of an upload (keyed by file checksum, table and column choice); dropped by segarkan()."""
    return pratinjau_impor(engine(), tabel, _berkas.tabel, _berkas.nama, dict(pemetaan), **_berkas.argumen_impor())


@st.cache_data(ttl=600, max_entries=4, show_spinner=False)
def pratinjau_batas(isi: bytes, nama: str, kunci_opsi: str, _opsi: OpsiCocok) -> HasilCocok:
    """The match report of a boundary upload, computed once per file and options (kunci_opsi = repr of _opsi)."""
    return impor_batas(engine(), isi, nama, _opsi, uji=True)[0]


@st.cache_data(ttl=60, show_spinner=False)
def riwayat_impor() -> pd.DataFrame:
    return impor.riwayat_impor(engine())


@st.cache_data(ttl=60, show_spinner=False)
def impor_terakhir():
    """Time of the latest import that loaded rows, or None."""
    return impor.impor_terakhir(engine())


@st.cache_data(ttl=60, show_spinner=False)
def penolakan_terkini() -> pd.DataFrame:
    return impor.penolakan_terkini(engine())


def boleh_nama() -> bool:
    """Whether officer names and phone numbers may be shown: PANTAU_TAMPILKAN_NAMA=1 or [privasi] tampilkan_nama = true."""
    return _setelan("PANTAU_TAMPILKAN_NAMA", "privasi", "tampilkan_nama", False)


@st.cache_resource(ttl=TTL, max_entries=32, show_spinner=False)  # ~1.3 MB per kabupaten of 100,000 families
def data_petugas(induk: str) -> dict[str, pd.DataFrame]:
    """Roster, workloads and per-day output of an area's officers over the whole campaign; kinerja cuts them at a
    date. Held unpickled (cache_resource), shared by sessions and never modified. The interview minutes and the
    check backlog are summed per date in SQL (kinerja): over the whole campaign they held five times these bytes."""
    return petugas.baca_data_petugas(engine(), induk)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def menit_harian(induk: str) -> pd.DataFrame:
    """The interview-minute histogram per PPL and day over the whole campaign, for one officer's flags day by day."""
    return petugas.durasi_ppl(engine(), induk, per_hari=True)


@st.cache_data(ttl=TTL, show_spinner=False)
def sls_ppl(id_ppl: str, tanggal: date) -> pd.DataFrame:
    return petugas.sls_ppl(engine(), id_ppl, tanggal)


@st.cache_data(ttl=TTL, show_spinner=False)
def kinerja(induk: str, tanggal: date, _jadwal: Jadwal, kunci_jadwal: str, _ambang: AmbangPetugas) -> dict[str, pd.DataFrame]:
    """Per-PPL figures with flags, PML and Koseka rollups of an area as of a date (kunci_jadwal keys the cache),
    with the roster, workloads and daily output up to the date."""
    eng = engine()
    if eng.dialect.name != "postgresql":  # SQLite's driver holds the interpreter while it builds rows: one after another
        return kinerja_area(data_petugas(induk) | petugas.baca_data_hari(eng, induk, tanggal, _ambang.hari_periksa), tanggal, _jadwal, _ambang)
    with ThreadPoolExecutor(1) as latar:  # PostgreSQL runs the date's queries while this thread reads (or finds) the campaign's
        hari = latar.submit(petugas.baca_data_hari, eng, induk, tanggal, _ambang.hari_periksa)
        return kinerja_area(data_petugas(induk) | hari.result(), tanggal, _jadwal, _ambang)


@st.cache_data(ttl=TTL, show_spinner=False)
def kualitas(induk: str, mulai: date, akhir: date, _ambang: AmbangKualitas, kunci_ambang: str) -> pd.DataFrame:
    """Field-quality figures and flags per PPL of an area over submission dates (aturan.kualitas.nilai_kualitas)."""
    return paradata.kualitas_area(engine(), induk, mulai, akhir, _ambang)


@st.cache_data(ttl=TTL, show_spinner=False)
def titik_ppl(id_ppl: str, mulai: date, akhir: date) -> pd.DataFrame:
    return paradata.titik_ppl(engine(), id_ppl, mulai, akhir)


@st.cache_data(ttl=TTL, show_spinner=False)
def daftar_petugas(induk: str) -> pd.DataFrame:
    """The officers of an area (PPL with workload there, their PML and Koseka), for labels."""
    return petugas.daftar_petugas(engine(), induk)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def rencana_bantuan(kode: str, tanggal: date, kunci_jadwal: str, _kampanye: JadwalKampanye) -> Rencana:
    """The reallocation plan for a kabupaten or kecamatan on a day (aturan.realokasi), its child areas compared
    before and after with the same forecast input the other pages use (kunci_jadwal keys the cache)."""
    sidik = sidik_rencana(versi_data(), _kampanye, AMBANG)
    if (tersimpan := realokasi.rencana_tersimpan(engine(), kode, tanggal, sidik)) is not None:  # computed before, here or in another process
        return tersimpan
    lingkup = lingkup_proyeksi(kode)
    bahan = bahan_proyeksi(lingkup, (tanggal,), _kampanye.umum.mulai)[tanggal]
    area = lengkapi_wilayah(rekap_anak(kode, tanggal), kode, tanggal, _kampanye, AMBANG)[["kode", "nama", "sasaran", "selesai", "sisa", "status"]]
    riwayat = riwayat_ramalan(lingkup, tanggal, kunci_jadwal, _kampanye)
    rencana = rencanakan(bahan, _kampanye, kode, area, sebaran=riwayat.sebaran_hari(tanggal) if riwayat is not None else None)
    if tulis_realokasi.simpan_rencana(engine(), rencana, sidik):  # stored as computed (read back frame for frame the same)
        return rencana
    return realokasi.rencana_tersimpan(engine(), kode, tanggal, sidik) or rencana  # another process's, if it came first


def adopsi_rencana(kode: str, tanggal: date, pindah: pd.DataFrame, oleh: str, peran: str | None) -> int:
    """Store the plan as adopted (store.realokasi.adopsi) and drop cached reads so the follow-up shows it."""
    id_rencana = tulis_realokasi.adopsi(engine(), kode, tanggal, pindah, oleh, peran, datetime.now())
    segarkan()
    return id_rencana


@st.cache_data(ttl=60, show_spinner=False)
def daftar_rencana(kode: str) -> pd.DataFrame:
    return realokasi.daftar_rencana(engine(), kode)


@st.cache_data(ttl=TTL, show_spinner=False)
def tindak_lanjut(id_rencana: int, sampai: date, kode: str) -> pd.DataFrame:
    return realokasi.tindak_lanjut(engine(), id_rencana, sampai, kode)


@st.cache_data(ttl=TTL, show_spinner=False)
def laju_sebelum_sesudah(kode_area: tuple[str, ...], tanggal_rencana: date, sampai: date) -> pd.DataFrame:
    return realokasi.laju_sebelum_sesudah(engine(), list(kode_area), tanggal_rencana, sampai)


@st.cache_data(ttl=TTL, show_spinner=False)
def daftar_cek_ulang(induk: str, tanggal: date, mulai: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The back-check list drawn from the families completed on tanggal (aturan.cek_ulang.sampel), with the
    field-quality figures since mulai whose flags decide the targeted part."""
    nilai = kualitas(induk, mulai, tanggal, AMBANG_KUALITAS, repr(AMBANG_KUALITAS))
    ditandai = set(nilai.loc[nilai["jumlah_bendera"] > 0, "id_ppl"]) if len(nilai) else set()
    return sampel(cek_ulang.selesai_hari(engine(), induk, tanggal, AMBANG_KUALITAS), ditandai, AMBANG_CEK_ULANG), nilai


@st.cache_data(ttl=TTL, show_spinner=False)
def hasil_cek_ulang(induk: str, tanggal: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The back-check rows of induk up to tanggal (each family's latest) and the outcomes per officer."""
    cek = cek_ulang.cek_area(engine(), induk, tanggal)
    return cek, hasil_ppl(cek, AMBANG_CEK_ULANG)


@st.cache_data(ttl=TTL, show_spinner=False)
def tidak_ada(induk: str, tanggal: date) -> dict[str, int]:
    return cek_ulang.tidak_ada(engine(), hasil_cek_ulang(induk, tanggal)[0])  # the checks already read for the page


def keluarkan_tidak_ada(induk: str, oleh: str) -> tuple[int | None, int]:
    """Exclude the families found not to exist (store.cek_ulang), then drop cached reads."""
    hasil = tulis_cek_ulang.keluarkan_tidak_ada(engine(), induk, oleh)
    segarkan()
    return hasil
