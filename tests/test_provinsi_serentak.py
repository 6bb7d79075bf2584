"""Imports under different provinces run side by side on PostgreSQL, and every rollup still equals the raw rows."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import pytest
from sqlalchemy import text

from demo.kampanye import di_provinsi_lain
from store import rekap
from store.batas import simpan_batas
from store.db import MENUNGGU, buat_skema
from store.impor.tulis import impor_tabel
from tests.conftest import engine_pg_baru, hapus_skema_pg
from tests.test_rekap import periksa_rekap

TUNGGU = 120  # seconds a thread waits for the other before the test fails


@pytest.fixture
def dua_provinsi(kampanye_kecil):
    """An empty PostgreSQL schema holding two provinces' reference tables and boundaries (the demo's 99 and a
    copy numbered 98), and each province's submissions, not yet imported."""
    eng, skema = engine_pg_baru()
    buat_skema(eng)
    kampanye = {"99": kampanye_kecil, "98": di_provinsi_lain(kampanye_kecil, "98")}
    with eng.begin() as conn:
        for k in kampanye.values():
            geo = k.geografi
            simpan_batas(conn, pd.concat([geo.provinsi, *(g[["kode", "geometry"]] for g in (geo.kabupaten, geo.kecamatan, geo.desa))]).set_geometry("geometry"), "uji")
    for nama in ("wilayah", "petugas", "beban", "jadwal"):
        df = pd.concat([k.tabel[nama] for k in kampanye.values()], ignore_index=True)
        assert impor_tabel(eng, nama, df, f"{nama}.csv").jumlah_ditolak == 0, nama
    keluarga = {p: k.tabel["keluarga"] for p, k in kampanye.items()}
    yield eng, keluarga
    hapus_skema_pg(eng, skema)


def _berkas_harian(kel: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """A province's submissions as its office sends them: the first ten days at once, then a file a day."""
    hari = pd.to_datetime(kel["tanggal"])
    batas = hari.min() + pd.Timedelta(days=10)
    berkas = [("awal", kel[hari < batas])]
    berkas += [(str(h.date()), kel[hari == h]) for h in sorted(hari[hari >= batas].unique())]
    return berkas


@contextmanager
def catatan_impor() -> Iterator[list[str]]:
    """The importer's log lines meanwhile (a handler on its own logger: another test's logging setup may stop
    it from propagating to pytest's capture)."""
    pesan: list[str] = []
    penangkap = logging.Handler(logging.INFO)
    penangkap.emit = lambda rekaman: pesan.append(rekaman.getMessage())
    pencatat = logging.getLogger("pantau.impor")
    tingkat = pencatat.level
    pencatat.addHandler(penangkap)
    pencatat.setLevel(logging.INFO)
    try:
        yield pesan
    finally:
        pencatat.removeHandler(penangkap)
        pencatat.setLevel(tingkat)


def _jalankan(tugas: dict[str, callable]) -> None:
    """Run each task in its own thread and re-raise the first failure."""
    gagal: list[BaseException] = []

    def bungkus(f):
        try:
            f()
        except BaseException as e:  # any failure, assertion included, fails the test below
            gagal.append(e)

    benang = [threading.Thread(target=bungkus, args=(f,), name=n) for n, f in tugas.items()]
    for b in benang:
        b.start()
    for b in benang:
        b.join(TUNGGU * 3)
    assert not any(b.is_alive() for b in benang), "an import never finished"
    if gagal:
        raise gagal[0]


def test_dua_provinsi_mengimpor_bersamaan_dan_rekap_tetap_tepat(dua_provinsi, monkeypatch):
    """Two provinces' daily files import at once: both are inside their write at the same moment (a barrier
    neither passes alone), no import waits, and afterwards every rollup equals a recomputation from raw rows.
    A later correction over the whole-recompute threshold rebuilds only its province's rollups, also side by side."""
    eng, keluarga = dua_provinsi
    bersama = threading.Barrier(2, timeout=TUNGGU)
    menunggu: list[str] = []

    def impor_provinsi(kode: str, berkas: list[tuple[str, pd.DataFrame]]) -> None:
        for i, (nama, df) in enumerate(berkas):
            lewat = [i > 0]  # the first file of each province meets the other's inside its write

            def kabar(tahap: str, selesai: int, total: int, lewat: list[bool] = lewat) -> None:
                if tahap == MENUNGGU:
                    menunggu.append(kode)
                if tahap == "menulis keluarga" and not lewat[0]:
                    lewat[0] = True
                    bersama.wait()  # raises BrokenBarrierError if the other province cannot get in meanwhile

            hasil = impor_tabel(eng, "keluarga", df, f"{kode}-{nama}.csv", kemajuan=kabar)
            assert hasil.jumlah_ditolak == 0, hasil.ditolak.head()

    _jalankan({p: (lambda p=p: impor_provinsi(p, _berkas_harian(keluarga[p]))) for p in keluarga})
    assert not menunggu
    periksa_rekap(eng)

    monkeypatch.setattr(rekap, "KELUARGA_BERTAHAP", 100)  # a correction of 300 families: its provinces' rollups rebuilt
    bersama.reset()
    koreksi = {p: [("koreksi", kel.sample(300, random_state=1).assign(hasil=2, tanggal_periksa=None))] for p, kel in keluarga.items()}
    _jalankan({p: (lambda p=p: impor_provinsi(p, koreksi[p])) for p in keluarga})
    assert not menunggu
    periksa_rekap(eng)


def test_provinsi_yang_sama_dan_impor_acuan_menunggu(dua_provinsi):
    """A second file of the same province waits until the first commits, and so do a workload import (which
    changes every province's targets) and a file of two provinces (which takes the whole lock); all are told
    they wait, and the rollups come out exact."""
    eng, keluarga = dua_provinsi
    kel = keluarga["99"]
    hari = pd.to_datetime(kel["tanggal"])
    satu, dua = kel[hari < hari.min() + pd.Timedelta(days=12)], kel[hari >= hari.min() + pd.Timedelta(days=12)]
    assert impor_tabel(eng, "keluarga", keluarga["98"], "98.csv").jumlah_ditolak == 0
    di_dalam, ditunggu = threading.Event(), {"kedua": threading.Event(), "beban": threading.Event(), "campur": threading.Event()}

    def pertama() -> None:
        def kabar(tahap: str, selesai: int, total: int) -> None:
            if tahap == "menulis keluarga" and not di_dalam.is_set():
                di_dalam.set()
                assert all(e.wait(TUNGGU) for e in ditunggu.values()), "the others did not wait for this import"

        impor_tabel(eng, "keluarga", satu, "99-satu.csv", kemajuan=kabar)

    def sesudahnya(nama: str, tabel: str, df: pd.DataFrame) -> None:
        assert di_dalam.wait(TUNGGU)
        hasil = impor_tabel(eng, tabel, df, f"{nama}.csv", kemajuan=lambda tahap, *_: ditunggu[nama].set() if tahap == MENUNGGU else None)
        assert hasil.jumlah_ditolak == 0

    campur = pd.concat([dua.tail(50), keluarga["98"].tail(50).assign(hasil=2)], ignore_index=True)
    _jalankan(
        {
            "pertama": pertama,
            "kedua": lambda: sesudahnya("kedua", "keluarga", dua),
            "beban": lambda: sesudahnya("beban", "beban", _beban_revisi(eng)),
            "campur": lambda: sesudahnya("campur", "keluarga", campur),
        }
    )
    assert all(e.is_set() for e in ditunggu.values())
    periksa_rekap(eng)


def _beban_revisi(eng) -> pd.DataFrame:
    with eng.connect() as conn:
        beban = pd.DataFrame(conn.execute(text("SELECT kode_sls, id_ppl, sasaran_keluarga FROM beban ORDER BY kode_sls LIMIT 20")).mappings().all())
    return beban.assign(sasaran_keluarga=beban["sasaran_keluarga"] + 3)


def test_keluarga_yang_sama_dari_dua_provinsi_diulang_dengan_kunci_penuh(dua_provinsi):
    """The one race the province locks cannot see: two imports bring the same family under two provinces at
    once. The one that meets the other's row is rolled back and runs again under the whole lock; the rollups
    come out exact, and the family ends where the later import put it."""
    eng, keluarga = dua_provinsi
    assert impor_tabel(eng, "keluarga", keluarga["99"].iloc[:2000], "99-awal.csv").jumlah_ditolak == 0
    assert impor_tabel(eng, "keluarga", keluarga["98"].iloc[:2000], "98-awal.csv").jumlah_ditolak == 0
    awal = set(keluarga["99"]["id_keluarga"].iloc[:2000])
    nomor = next(i for i in range(2000, len(keluarga["99"])) if keluarga["99"]["id_keluarga"].iloc[i] not in awal)  # a family not stored yet
    baris = keluarga["99"].iloc[[nomor]]
    pindah = baris.assign(kode_sls=keluarga["98"]["kode_sls"].iloc[nomor], id_ppl=keluarga["98"]["id_ppl"].iloc[nomor])
    a_menulis, b_mulai = threading.Event(), threading.Event()

    def a() -> None:
        def kabar(tahap: str, *_) -> None:
            if tahap == "meringkas keluarga":
                a_menulis.set()
                assert b_mulai.wait(TUNGGU)
                time.sleep(1.5)  # the other import reaches the family's row meanwhile

        impor_tabel(eng, "keluarga", baris, "99-satu.csv", kemajuan=kabar)

    def b() -> None:
        assert a_menulis.wait(TUNGGU)
        impor_tabel(eng, "keluarga", pindah, "98-pindah.csv", kemajuan=lambda tahap, *_: b_mulai.set() if tahap.startswith("memeriksa") else None)

    with catatan_impor() as pesan:
        _jalankan({"a": a, "b": b})
    assert any("diulang dengan kunci penuh" in p for p in pesan), pesan
    with eng.connect() as conn:
        assert conn.execute(text("SELECT kode_prov FROM keluarga_ringkas WHERE id_keluarga = :k"), {"k": baris["id_keluarga"].iloc[0]}).scalar() == "98"
    periksa_rekap(eng)


def test_rekap_belum_dibangun_diulang_dengan_kunci_penuh(dua_provinsi):
    """A database whose rollups must be built first (made by an older version) is not built under one province's
    lock: the import runs under the whole lock, builds them, and they come out exact."""
    eng, keluarga = dua_provinsi
    assert impor_tabel(eng, "keluarga", keluarga["99"], "99.csv").jumlah_ditolak == 0
    with eng.begin() as conn:
        conn.execute(text("DELETE FROM meta WHERE kunci = 'versi_rekap'"))
        conn.execute(text("DELETE FROM rekap_harian"))
    with catatan_impor() as pesan:
        assert impor_tabel(eng, "keluarga", keluarga["98"], "98.csv").jumlah_ditolak == 0
    assert any("diulang dengan kunci penuh (rekap perlu dibangun)" in p for p in pesan), pesan
    periksa_rekap(eng)


def test_keluarga_pindah_provinsi_diulang_dengan_kunci_penuh(dua_provinsi):
    """A one-province file that moves a stored family out of another province (found through the import's own
    rows, keluarga_impor) is not kept under its province's lock: it runs again under the whole lock, and the
    rollups of both provinces come out exact."""
    eng, keluarga = dua_provinsi
    assert impor_tabel(eng, "keluarga", keluarga["99"].iloc[:3000], "99-awal.csv").jumlah_ditolak == 0
    assert impor_tabel(eng, "keluarga", keluarga["98"].iloc[:3000], "98-awal.csv").jumlah_ditolak == 0
    baris = keluarga["99"].iloc[[10]]
    pindah = baris.assign(kode_sls=keluarga["98"]["kode_sls"].iloc[10], id_ppl=keluarga["98"]["id_ppl"].iloc[10])  # the same day: it replaces the stored row
    with catatan_impor() as pesan:
        hasil = impor_tabel(eng, "keluarga", pindah, "98-pindah.csv")
        assert hasil.dimuat == 1, hasil.ditolak.to_dict("records")
    assert any("diulang dengan kunci penuh (keluarga pindah dari provinsi lain)" in p for p in pesan), pesan
    with eng.connect() as conn:
        assert conn.execute(text("SELECT kode_prov FROM keluarga_ringkas WHERE id_keluarga = :k"), {"k": baris["id_keluarga"].iloc[0]}).scalar() == "98"
    periksa_rekap(eng)
