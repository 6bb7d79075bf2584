"""The definitions of docs/DEFINISI.md on hand-made cases: plan, status thresholds, paces and projection."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from aturan.indikator import Ambang, Jadwal, lengkapi, proyeksi, status_kontrak

J = Jadwal(date(2022, 10, 15), date(2022, 11, 14))


def test_rencana_linear_hari_k_dari_n():
    assert J.n_hari == 31
    assert J.rencana_persen(date(2022, 10, 14)) == 0
    assert J.rencana_persen(date(2022, 10, 15)) == pytest.approx(100 / 31)
    assert J.rencana_persen(date(2022, 10, 21)) == pytest.approx(700 / 31)
    assert J.rencana_persen(date(2022, 11, 14)) == 100
    assert J.rencana_persen(date(2022, 12, 1)) == 100


def test_rencana_dari_tabel_diinterpolasi_per_hari():
    j = Jadwal(date(2022, 10, 15), date(2022, 11, 14), ((date(2022, 10, 21), 28.0), (date(2022, 11, 14), 100.0)))
    assert j.rencana_persen(date(2022, 10, 14)) == 0
    assert j.rencana_persen(date(2022, 10, 21)) == 28
    assert j.rencana_persen(date(2022, 10, 18)) == pytest.approx(28 * 4 / 7)
    assert j.rencana_persen(date(2022, 11, 2)) == pytest.approx(28 + 72 * 12 / 24)
    assert j.rencana_persen(date(2022, 11, 20)) == 100


def _status_selisih(selisih: list[float], ambang: Ambang = Ambang()) -> list:
    """The status of areas with a target, families left, before their deadline and not at risk: selisih alone decides."""
    n = len(selisih)
    return list(status_kontrak(selisih, [1] * n, [True] * n, [False] * n, [False] * n, ambang))


@pytest.mark.parametrize(
    ("selisih", "status"),
    [(-40, "kritis"), (-15, "kritis"), (-14.99, "tertinggal"), (-5, "tertinggal"), (-4.99, "sesuai"), (0, "sesuai"), (4.99, "sesuai"), (5, "depan"), (30, "depan")],
)
def test_ambang_status(selisih, status):
    assert _status_selisih([selisih])[0] == status


def test_ambang_dapat_diatur():
    ambang = Ambang(depan=10, tertinggal=-10, kritis=-20)
    assert _status_selisih([-20, -12, 8, 10], ambang) == ["kritis", "tertinggal", "sesuai", "depan"]


def test_status_kosong_tanpa_sasaran():
    df = lengkapi(pd.DataFrame({"sasaran": [0], "selesai": [0], "selesai_1": [0], "selesai_7": [0]}), J, date(2022, 11, 1))
    assert pd.isna(df["capaian"][0]) and df["status"][0] is None


def test_capaian_tidak_dibatasi_100():
    df = lengkapi(pd.DataFrame({"sasaran": [100], "selesai": [104], "selesai_1": [100], "selesai_7": [90]}), J, date(2022, 11, 10))
    assert df["capaian"][0] == pytest.approx(104)
    assert df["sisa"][0] == 0 and df["laju_perlu"][0] == 0 and df["proyeksi_selesai"][0] is None


def test_laju_dan_proyeksi():
    tgl = date(2022, 11, 1)  # day 18, 13 days left
    df = lengkapi(pd.DataFrame({"sasaran": [1000], "selesai": [500], "selesai_1": [480], "selesai_7": [430]}), J, tgl)
    assert df["laju_7hari"][0] == pytest.approx(10)
    assert df["laju_perlu"][0] == pytest.approx(500 / 13)
    assert df["proyeksi_selesai"][0] == tgl + timedelta(days=50)
    assert df["capaian_kemarin"][0] == pytest.approx(48)


def test_laju_minggu_pertama_dibagi_hari_yang_sudah_berjalan():
    df = lengkapi(pd.DataFrame({"sasaran": [1000], "selesai": [90], "selesai_1": [60], "selesai_7": [0]}), J, date(2022, 10, 17))
    assert df["laju_7hari"][0] == pytest.approx(30)


def test_tanpa_proyeksi_bila_laju_nol():
    assert proyeksi(date(2022, 11, 1), 100, 0) is None
    df = lengkapi(pd.DataFrame({"sasaran": [10], "selesai": [5], "selesai_1": [5], "selesai_7": [5]}), J, date(2022, 11, 1))
    assert df["proyeksi_selesai"][0] is None


def test_setelah_tenggat_laju_perlu_tidak_terdefinisi():
    df = lengkapi(pd.DataFrame({"sasaran": [10], "selesai": [5], "selesai_1": [5], "selesai_7": [3]}), J, date(2022, 11, 14))
    assert df["sisa_hari"][0] == 0 and pd.isna(df["laju_perlu"][0])
