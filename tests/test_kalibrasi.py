"""Forecast ranges from the campaign's own past errors (aturan.kalibrasi): widening, levels, one answer, the track record against raw rows."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from aturan.indikator import Jadwal, JadwalKampanye
from aturan.kalibrasi import HARI_DATA_MIN, LAG, UMUR_REKAM, galat, sebaran_hari
from aturan.proyeksi import Bahan, Sebaran, ramal
from laporan import harian
from queries.ikhtisar import ikhtisar
from queries.proyeksi import baca_bahan, baca_riwayat
from store.baca import baca_jadwal
from tests import rujukan

MULAI, SELESAI = date(2022, 10, 15), date(2022, 11, 14)
JK = JadwalKampanye(Jadwal(MULAI, SELESAI))
TGL = date(2022, 11, 5)


def _satu_desa(tgl: date) -> tuple[Bahan, pd.DataFrame]:
    """One desa, four PPL with 100 families left each at 10 a day: a median 10 days ahead."""
    sls = pd.DataFrame({"kode_sls": [f"9901010001{i:04d}" for i in range(4)], "id_ppl": [f"P{i}" for i in range(4)], "sasaran": 300, "selesai": 200, "selesai_awal": 60})
    ppl = pd.DataFrame({"id_ppl": [f"P{i}" for i in range(4)], "kerja": 140})
    return Bahan(tgl, sls, ppl, (1.0,) * 7, MULAI), pd.DataFrame({"kode": ["9901010001"], "sasaran": [1200], "selesai": [800]})


def _riwayat_buatan(lambat: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """30 days of medians for 12 desa (code length 10), none finished yet: with lambat 1 every day's forecast points
    at day 40 (the forecasts were right so far); with lambat > 1 the forecast end moves later by lambat - 1 a day."""
    median = np.array([[40.0 + (lambat - 1) * j - j] * 12 for j in range(30)])
    return median, np.full(12, -1), np.full(12, 10)


def test_rentang_melebar_bila_galat_membesar():
    bahan, area = _satu_desa(date(2022, 11, 1))
    rentang = {}
    for lambat in (1.0, 1.5, 3.0):
        median, tuntas, panjang = _riwayat_buatan(lambat)
        sb = sebaran_hari(median, tuntas, panjang, 19)[10]
        assert sb.cukup and sb.n_asal == 19 - LAG - (HARI_DATA_MIN - 1) + 1
        r = ramal(bahan, area, JK, sebaran={10: sb}).iloc[0]
        assert r["rentang_riwayat"]
        rentang[lambat] = (r["proyeksi_p90"] - r["proyeksi_p10"]).days
    assert rentang[1.0] < rentang[1.5] < rentang[3.0]
    # without enough history, the wide prior, said so
    awal = ramal(bahan, area, JK, sebaran={10: Sebaran(np.zeros(3))}).iloc[0]
    assert not awal["rentang_riwayat"] and (awal["proyeksi_p90"] - awal["proyeksi_p10"]).days > rentang[1.0]


def test_galat_menurut_definisi():
    # forecast on day 2: 10 more days (day 12); the area finished on day 15: it took 13 days, not 10
    median = np.array([[np.nan], [np.nan], [10.0], [9.0], [8.0], [7.0], [7.0], [6.0]])
    assert galat(median, np.array([15]), 7, np.array([2]))[0, 0] == pytest.approx(math.log((7 + 6 - 2) / 10))  # not finished: today's median
    assert galat(median, np.array([6]), 7, np.array([2]))[0, 0] == pytest.approx(math.log((6 - 2) / 10))  # finished on day 6
    assert np.isnan(galat(median, np.array([1]), 7, np.array([2]))[0, 0])  # already finished when forecast
    median[7, 0] = np.nan  # stopped, no forecast today: at least one day more than today
    assert galat(median, np.array([-1]), 7, np.array([2]))[0, 0] == pytest.approx(math.log((7 + 1 - 2) / 10))


def test_kecamatan_dari_galatnya_sendiri():
    # desa forecasts were exact; their kecamatan, hit by a shared shock, took twice as long: its own errors set it
    median = np.full((25, 5), 10.0)
    median[:, 4] = [10.0 * 2 ** (j / 10) for j in range(25)]
    tuntas = np.array([15, 15, 15, 15, -1])
    panjang = np.array([10, 10, 10, 10, 7])
    sb = sebaran_hari(median, tuntas, panjang, 15)
    manual = galat(median, tuntas, 15, np.arange(HARI_DATA_MIN - 1, 15 - LAG + 1))[:, 4]
    assert np.array_equal(sb[7].skor, np.sort(manual[~np.isnan(manual)]))
    assert sb[7].batas()[1] > 0.3 and sb[10].batas()[1] < sb[7].batas()[1]


def test_rentang_kecamatan_tidak_lebih_sempit_dari_riwayatnya(db_kecil, kampanye_kecil):
    jk = baca_jadwal(db_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    riwayat = baca_riwayat(db_kecil, kab, TGL, jk)
    sebaran = riwayat.sebaran_hari(TGL)
    assert sebaran[7].cukup and sebaran[10].cukup
    hasil = riwayat.ramalan[TGL]
    for pj in (7, 10):
        lo, hi = sebaran[pj].batas()
        baris = hasil[(hasil.index.str.len() == pj) & hasil["proyeksi_selesai"].notna()]
        assert len(baris) and baris["rentang_riwayat"].all()
        for r in baris.itertuples():
            d = (r.proyeksi_selesai - TGL).days
            assert (r.proyeksi_p90 - TGL).days >= math.ceil(d * math.exp(hi) - 1e-9)
            assert (r.proyeksi_p10 - TGL).days <= max(1, math.floor(d * math.exp(lo) + 1e-9))


def test_satu_fungsi_untuk_halaman_laporan_dan_peringatan(sqlite_kecil, kampanye_kecil):
    jk = baca_jadwal(sqlite_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    riwayat = baca_riwayat(sqlite_kecil, kab, TGL, jk)
    isi = ikhtisar(sqlite_kecil, kab, TGL, jk)  # the report's and the alerts' read
    kolom = ["proyeksi_selesai", "proyeksi_p10", "proyeksi_p90", "peluang_tepat", "rentang_riwayat"]
    dari_riwayat = riwayat.ramalan[TGL].loc[isi.anak["kode"], kolom].reset_index(drop=True)
    pd.testing.assert_frame_equal(isi.anak[kolom].reset_index(drop=True), dari_riwayat, check_dtype=False)
    # the history's rows are ramal's with that day's spread
    area = isi.anak[["kode", "sasaran", "selesai"]].reset_index(drop=True)
    langsung = ramal(baca_bahan(sqlite_kecil, kab, TGL, jk.umum.mulai), area, jk, sebaran=riwayat.sebaran_hari(TGL))
    pd.testing.assert_frame_equal(langsung[kolom], dari_riwayat, check_dtype=False)
    assert isi.rekam_jejak == riwayat.rekam_jejak(TGL, 7) == harian.kumpulkan(sqlite_kecil, kab, TGL).rekam_jejak


def test_rekam_jejak_sama_dengan_hitungan_dari_baris_mentah(db_kecil, kampanye_kecil):
    jk = baca_jadwal(db_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    akhir = date(2022, 11, 20)
    riwayat = baca_riwayat(db_kecil, kab, akhir, jk)
    hari = [MULAI + timedelta(days=i) for i in range((akhir - MULAI).days + 1)]
    for pj in (7, 10):
        # each area's finish day from the raw rows: the first day its families done reach its target
        per_hari = {d: rujukan.per_wilayah(kampanye_kecil.tabel, pj, d) for d in hari}
        kode = list(per_hari[akhir].index)
        tuntas = {}
        for k in kode:
            s = per_hari[akhir].loc[k, "sasaran"]
            tuntas[k] = next((d for d in hari if s > 0 and per_hari[d].loc[k, "selesai"] >= s), None)
        dinilai = tepat = 0
        area = set()
        for d in hari:
            if d > akhir - timedelta(days=UMUR_REKAM):
                break
            r = riwayat.ramalan[d]
            for k in kode:
                p10, p90 = r.loc[k, "proyeksi_p10"], r.loc[k, "proyeksi_p90"]
                if p10 is None or pd.isna(p10):
                    continue
                f = tuntas[k]
                if f is None and p90 > akhir:
                    continue  # still open
                dinilai += 1
                tepat += int(f is not None and p10 <= f <= p90)
                area.add(k)
        rj = riwayat.rekam_jejak(akhir, pj)
        assert (rj.dinilai, rj.tepat, rj.n_area) == (dinilai, tepat, len(area)), pj
        assert rj.dinilai > 0


def test_riwayat_sampai_hari_terakhir_sama_untuk_hari_sebelumnya(sqlite_kecil, kampanye_kecil):
    # the pages read the history up to the last day with data once per import: an earlier day must get what a
    # history ending on that day gives (nothing of a day uses a count after it)
    jk = baca_jadwal(sqlite_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    pendek, panjang = baca_riwayat(sqlite_kecil, kab, TGL, jk), baca_riwayat(sqlite_kecil, kab, TGL + timedelta(days=8), jk)
    for d in (TGL - timedelta(days=6), TGL):
        pd.testing.assert_frame_equal(pendek.ramalan[d], panjang.ramalan[d])
        assert {k: (v.skor.tolist(), v.n_asal) for k, v in pendek.sebaran_hari(d).items()} == {k: (v.skor.tolist(), v.n_asal) for k, v in panjang.sebaran_hari(d).items()}
        assert all(pendek.rekam_jejak(d, pj) == panjang.rekam_jejak(d, pj) for pj in (7, 10))


def test_semua_hari_sekaligus_sama_dengan_hari_per_hari(sqlite_kecil, kampanye_kecil):
    # the progress page completes every day's rows in one call; each day must equal that day's own completion
    from aturan.deret import hari_hari, rekap_per_hari
    from aturan.ikhtisar import lengkapi_per_hari, lengkapi_ramalan
    from queries import progres

    jk = baca_jadwal(sqlite_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    riwayat = baca_riwayat(sqlite_kecil, kab, TGL, jk)
    hari = hari_hari(jk.umum.mulai, TGL)
    per_hari = rekap_per_hari(progres.rekap_anak(sqlite_kecil, kab, TGL), progres.seri_harian_turunan(sqlite_kecil, kab, 7, TGL), hari)
    sekaligus = lengkapi_per_hari(per_hari, riwayat.ramal_hari(per_hari), jk)
    for d in (hari[0], hari[8], hari[-1]):
        satu = lengkapi_ramalan(per_hari[d], baca_bahan(sqlite_kecil, kab, d, jk.umum.mulai), jk, d, peramal=riwayat.ramal)
        pd.testing.assert_frame_equal(sekaligus[d], satu, check_dtype=False)


def test_rekam_jejak_di_halaman_sama_dengan_riwayat(buka_halaman, sqlite_kecil, kampanye_kecil):
    # the track record shown on the overview, the rankings and the meeting screen's card is the history's own count
    from tampilan.teks import teks_rekam_jejak

    jk = baca_jadwal(sqlite_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    hari = date(2022, 11, 20)
    riwayat = baca_riwayat(sqlite_kecil, kab, hari, jk)
    for pj in (7, 10):
        assert riwayat.rekam_jejak(hari, pj).dinilai > 0
    at = buka_halaman("dashboard/peringkat.py", tanggal=hari.isoformat())
    assert teks_rekam_jejak(riwayat.rekam_jejak(hari, 7), 7) in [c.value for c in at.caption]
    at.segmented_control(key="tingkat").set_value(10).run()
    assert teks_rekam_jejak(riwayat.rekam_jejak(hari, 10), 10) in [c.value for c in at.caption]
    at = buka_halaman("dashboard/ringkasan.py", tanggal=hari.isoformat())
    assert any(c.value.endswith(teks_rekam_jejak(riwayat.rekam_jejak(hari, 7), 7, pendek=True)) for c in at.caption)
    kartu = next(m for m in at.metric if m.label == "Proyeksi selesai")
    assert teks_rekam_jejak(riwayat.rekam_jejak(hari, 7), 7) in kartu.help


def test_kabupaten_satu_jawaban_di_halamannya_dan_di_provinsi(db_kecil, kampanye_kecil):
    # a kabupaten keeps the prior wherever it is shown: on its own page and in its province's list the same range
    jk = baca_jadwal(db_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    assert baca_riwayat(db_kecil, kab[:2], TGL, jk) is None and baca_riwayat(db_kecil, "", TGL, jk) is None
    sendiri = ikhtisar(db_kecil, kab, TGL, jk).wilayah
    di_provinsi = ikhtisar(db_kecil, kab[:2], TGL, jk)
    baris = di_provinsi.anak.set_index("kode").loc[kab]
    for k in ("proyeksi_selesai", "proyeksi_p10", "proyeksi_p90", "peluang_tepat", "rentang_riwayat"):
        assert sendiri[k] == baris[k], k
    assert not sendiri["rentang_riwayat"] and di_provinsi.rekam_jejak is None


def test_bahan_dari_riwayat_sama_dengan_baca_satu_hari(db_kecil, kampanye_kecil):
    """The overview takes a day's forecast input from the history (read once per import) instead of reading it again:
    its forecasts of the kabupaten, its kecamatan and desa equal those from a one-day read, on every day tried."""
    from queries import progres

    jk = baca_jadwal(db_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    riwayat = baca_riwayat(db_kecil, kab, TGL, jk)
    for d in (jk.umum.mulai + timedelta(days=2), jk.umum.mulai + timedelta(days=9), TGL):
        area = pd.concat([progres.rekap_wilayah(db_kecil, kab, d), progres.rekap_anak(db_kecil, kab, d), progres.rekap_turunan(db_kecil, kab, 10, d)])
        area = area[["kode", "sasaran", "selesai"]].reset_index(drop=True)
        satu = baca_bahan(db_kecil, kab, d, jk.umum.mulai)
        assert len(riwayat.bahan[d].ppl) >= len(satu.ppl)  # the history keeps PPL with no work yet, a one-day read does not
        pd.testing.assert_frame_equal(ramal(riwayat.bahan[d], area, jk), ramal(satu, area, jk))


def test_bantuan_kartu_menyebut_asal_rentang(buka_halaman, kampanye_kecil):
    # the forecast card's help says where its range comes from: a kabupaten's is the wide prior, a kecamatan's its
    # level's own errors, with what those assume (the weeks ahead go like the last two)
    from tampilan.teks import t

    hari = date(2022, 11, 5)
    at = buka_halaman("dashboard/ringkasan.py", tanggal=hari.isoformat())
    kartu = next(m for m in at.metric if m.label == "Proyeksi selesai")
    assert t("rentang_awal", "id") in kartu.help and t("rentang_riwayat", "id") not in kartu.help
    kec = kampanye_kecil.geografi.kecamatan["kode"].iloc[0]
    at = buka_halaman("dashboard/ringkasan.py", tanggal=hari.isoformat(), kec=kec)
    kartu = next(m for m in at.metric if m.label == "Proyeksi selesai")
    assert t("rentang_riwayat", "id") in kartu.help and "laju yang terus turun" in kartu.help
