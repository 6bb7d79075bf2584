"""The forecast (queries.proyeksi): ranges, no-projection cases, the help table, and the database read against raw rows."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aturan.ikhtisar import lengkapi_ramalan
from aturan.indikator import Jadwal, JadwalKampanye, lengkapi
from aturan.proyeksi import Bahan, ParameterProyeksi, bantuan, beban_kerja, ramal, ritme_kampanye
from queries import progres
from queries.proyeksi import baca_bahan, baca_bahan_hari, baca_riwayat
from store.baca import baca_jadwal
from store.siapkan import muat_kampanye
from tests import rujukan

MULAI, SELESAI = date(2022, 10, 15), date(2022, 11, 14)
JK = JadwalKampanye(Jadwal(MULAI, SELESAI))


def _bahan(tgl: date, sasaran: list[int], selesai: list[int], kerja: list[int], selesai_awal: list[int] | None = None) -> tuple[Bahan, pd.DataFrame]:
    """One desa 9901010001 with one SLS per PPL; the area row sums them."""
    n = len(sasaran)
    sls = pd.DataFrame(
        {
            "kode_sls": [f"9901010001{i:04d}" for i in range(n)],
            "id_ppl": [f"P{i}" for i in range(n)],
            "sasaran": sasaran,
            "selesai": selesai,
            "selesai_awal": selesai_awal or [max(s - k, 0) for s, k in zip(selesai, kerja, strict=True)],
        }
    )
    ppl = pd.DataFrame({"id_ppl": [f"P{i}" for i in range(n)], "kerja": kerja})
    area = pd.DataFrame({"kode": ["9901010001"], "sasaran": [sum(sasaran)], "selesai": [sum(selesai)]})
    return Bahan(tgl, sls, ppl, (1.0,) * 7, MULAI), area


def _lebar(r: pd.Series) -> int:
    return (r["proyeksi_p90"] - r["proyeksi_p10"]).days


def test_rentang_melebar_bila_data_sedikit():
    # the same remaining families and pace per day, measured over 5 days or over 14
    awal, area = _bahan(MULAI + timedelta(days=4), [300] * 4, [100] * 4, [50] * 4)
    lama, _ = _bahan(MULAI + timedelta(days=20), [300] * 4, [100] * 4, [140] * 4)
    r_awal, r_lama = ramal(awal, area, JK).iloc[0], ramal(lama, area, JK).iloc[0]
    assert (r_awal["proyeksi_selesai"] - awal.tanggal).days == (r_lama["proyeksi_selesai"] - lama.tanggal).days == 20
    assert _lebar(r_awal) > _lebar(r_lama)


def test_rentang_menyempit_dekat_selesai():
    tgl = MULAI + timedelta(days=20)
    jauh, area_jauh = _bahan(tgl, [300] * 4, [100] * 4, [140] * 4)
    dekat, area_dekat = _bahan(tgl, [300] * 4, [280] * 4, [140] * 4)
    r_jauh, r_dekat = ramal(jauh, area_jauh, JK).iloc[0], ramal(dekat, area_dekat, JK).iloc[0]
    assert r_dekat["proyeksi_selesai"] < r_jauh["proyeksi_selesai"]
    assert _lebar(r_dekat) < _lebar(r_jauh)
    assert r_dekat["proyeksi_p10"] <= r_dekat["proyeksi_selesai"] <= r_dekat["proyeksi_p90"]


def test_yang_paling_lambat_menentukan_selesai():
    # three PPL finish in 5 days, one needs 40: the area finishes with the slow one, not at the average pace
    tgl = MULAI + timedelta(days=20)
    bahan, area = _bahan(tgl, [200] * 4, [150, 150, 150, 120], [140, 140, 140, 28])
    r = ramal(bahan, area, JK).iloc[0]
    assert (r["proyeksi_selesai"] - tgl).days == 40
    rata = math.ceil((800 - 570) / (448 / 14))
    assert (r["proyeksi_selesai"] - tgl).days > rata


def test_wilayah_tuntas_tanpa_rentang():
    tgl = MULAI + timedelta(days=20)
    bahan, area = _bahan(tgl, [100, 100], [100, 104], [50, 50])
    r = ramal(bahan, area, JK).iloc[0]
    assert r["proyeksi_selesai"] is None and r["proyeksi_p10"] is None and r["proyeksi_p90"] is None
    assert r["sisa_di_tenggat"] == 0 and r["ppl_hari_tambahan"] == 0


def test_tanpa_kemajuan_tanpa_proyeksi_dan_berisiko():
    tgl = MULAI + timedelta(days=10)
    bahan, area = _bahan(tgl, [100, 100], [20, 20], [0, 0], selesai_awal=[20, 20])
    ram = ramal(bahan, area, JK)
    assert ram["proyeksi_selesai"].iloc[0] is None and ram["peluang_tepat"].iloc[0] == 0
    rekap = area.assign(nama="Desa", selesai_1=area["selesai"], selesai_7=area["selesai"])
    hasil = lengkapi(rekap, JK, tgl, ramalan=ram).iloc[0]
    assert hasil["proyeksi_selesai"] is None
    # day 11 of 31 at 20%: 15 points behind the plan would be kritis; at 40% of the plan it is berisiko
    rekap2 = rekap.assign(sasaran=[110], selesai=[40], selesai_1=[40], selesai_7=[40])
    bahan2, _ = _bahan(tgl, [55, 55], [20, 20], [0, 0], selesai_awal=[20, 20])
    hasil2 = lengkapi(rekap2, JK, tgl, ramalan=ramal(bahan2, rekap2, JK)).iloc[0]
    assert hasil2["status"] == "berisiko"


def test_status_berisiko_mengikuti_median():
    tgl = MULAI + timedelta(days=14)  # day 15 of 31: plan 48.4%
    # on plan, but one PPL's pace puts the median after the deadline while the 7-day pace of the area does not
    bahan, area = _bahan(tgl, [100, 100, 100, 100], [60, 60, 60, 14], [56, 56, 56, 14])
    ram = ramal(bahan, area, JK)
    rekap = area.assign(nama="Desa", selesai_1=[190], selesai_7=[90])
    hasil = lengkapi(rekap, JK, tgl, ramalan=ram).iloc[0]
    assert hasil["proyeksi_laju7"] <= SELESAI < hasil["proyeksi_selesai"]
    assert hasil["status"] == "berisiko"
    assert hasil["peluang_tepat"] < 0.5


def test_ppl_yang_baru_mulai_diukur_sejak_hari_pertamanya():
    # 40 families in the 4 days since this officer's first day, 100 left: 10 a day, 10 days; not 40 over 14 days
    tgl = date(2022, 11, 1)
    bahan, area = _bahan(tgl, [140], [40], [40])
    lama = ramal(bahan, area, JK).iloc[0]
    baru = ramal(Bahan(tgl, bahan.sls, bahan.ppl.assign(pertama=[tgl - timedelta(days=3)]), bahan.faktor_minggu, MULAI), area, JK).iloc[0]
    assert (baru["proyeksi_selesai"] - tgl).days == 10
    assert (lama["proyeksi_selesai"] - tgl).days == math.ceil(100 / (40 / 14))


def _harian(mulai: date, nilai: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"tanggal": [mulai + timedelta(days=i) for i in range(len(nilai))], "selesai_hari": nilai})


def test_hari_berhenti_dikenali_dan_tidak_ikut_ritme():
    # four weeks from a Monday: 100 a weekday, 50 on Saturdays, Sundays off; on a Wednesday (day 9) the whole campaign stopped
    senin = date(2025, 9, 1)
    biasa = [[100.0] * 5 + [50.0, 0.0]][0] * 4
    libur = list(biasa)
    libur[9] = 0.0
    f_biasa, b_biasa = ritme_kampanye(_harian(senin, biasa), senin + timedelta(days=27))
    f_libur, b_libur = ritme_kampanye(_harian(senin, libur), senin + timedelta(days=27))
    assert b_biasa == frozenset() and b_libur == {senin + timedelta(days=9)}  # Sundays off are rhythm, not stops
    assert f_libur == pytest.approx(f_biasa, rel=0.02)  # the stop does not make Wednesdays look light


def test_akhir_kampanye_yang_sepi_bukan_hari_berhenti():
    # three weeks at 100 a day, then a tenth of that (little left to do): no stop; a zero today is not one yet
    senin = date(2025, 9, 1)
    nilai = [100.0] * 21 + [10.0] * 10
    assert ritme_kampanye(_harian(senin, nilai), senin + timedelta(days=30))[1] == frozenset()
    hari_ini = [100.0] * 20 + [0.0]
    assert ritme_kampanye(_harian(senin, hari_ini), senin + timedelta(days=20))[1] == frozenset()
    assert ritme_kampanye(_harian(senin, [*hari_ini, 100.0]), senin + timedelta(days=21))[1] == {senin + timedelta(days=20)}


def test_ritme_berderau_tanpa_hari_berhenti():
    # a noisy campaign with a slow start, half Fridays and Sundays off: no day is taken for a stop
    rng = np.random.default_rng(7)
    senin = date(2025, 9, 1)
    pola = (1.0, 1.0, 1.0, 1.0, 0.5, 0.9, 0.0)
    nilai = [float(rng.poisson(120 * pola[i % 7] * (0.4 if i < 2 else 1.0) * rng.gamma(8, 1 / 8))) for i in range(35)]
    for akhir in range(14, 35):
        assert ritme_kampanye(_harian(senin, nilai[: akhir + 1]), senin + timedelta(days=akhir))[1] == frozenset()


def test_hari_berhenti_tidak_dihitung_dalam_laju():
    # 130 families in the 14-day window, one day of which the campaign stopped: 10 a day over the 13 working days
    tgl = date(2022, 11, 1)
    bahan, area = _bahan(tgl, [230], [130], [130])
    berhenti = replace(bahan, berhenti=frozenset({tgl - timedelta(days=5)}))
    assert beban_kerja(berhenti).laju_ppl[0] == pytest.approx(10.0)
    assert beban_kerja(bahan).laju_ppl[0] == pytest.approx(130 / 14)
    assert (ramal(berhenti, area, JK).iloc[0]["proyeksi_selesai"] - tgl).days == 10
    luar = replace(bahan, berhenti=frozenset({tgl - timedelta(days=20), tgl + timedelta(days=2)}))  # outside the window: nothing changes
    assert beban_kerja(luar).laju_ppl[0] == pytest.approx(130 / 14)


def test_hari_berhenti_dari_basis_data_sama_dengan_baris_mentah(db_kosong_semua, kampanye_kecil):
    # the small campaign with nothing submitted on Wednesday 26 Oct: the forecast's read finds the stop
    libur = date(2022, 10, 26)
    kel = kampanye_kecil.tabel["keluarga"]
    kel = kel[kel["tanggal"] != libur]
    tabel = {**kampanye_kecil.tabel, "keluarga": kel, "cek_ulang": kampanye_kecil.tabel["cek_ulang"].pipe(lambda c: c[c["id_keluarga"].isin(kel["id_keluarga"])])}
    muat_kampanye(db_kosong_semua, replace(kampanye_kecil, tabel=tabel))
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    tgl = date(2022, 11, 5)
    jk = baca_jadwal(db_kosong_semua)
    bahan = baca_bahan(db_kosong_semua, kab, tgl, jk.umum.mulai)
    assert bahan.berhenti == {libur}
    rekap = progres.rekap_turunan(db_kosong_semua, kab, 7, tgl)
    acuan = rujukan.ramalan(tabel, list(rekap["kode"]), tgl)
    hasil = lengkapi_ramalan(rekap, bahan, jk, tgl).set_index("kode")
    assert hasil["proyeksi_selesai"].tolist() == acuan["proyeksi_selesai"].tolist()
    assert hasil["proyeksi_selesai"].notna().any()


def test_hari_ppl_tambahan_sama_dengan_yang_diklaim():
    tgl = MULAI + timedelta(days=20)  # 10 days to the deadline
    bahan, area = _bahan(tgl, [300, 300], [100, 150], [70, 70])
    r = ramal(bahan, area, JK).iloc[0]
    produktivitas = (70 + 70) / (2 * 14)  # families per PPL per working day in the window
    assert r["produktivitas"] == pytest.approx(produktivitas)
    # each PPL does 5 a day for 10 days: 50 + 50 of the 350 left
    assert r["sisa_di_tenggat"] == pytest.approx(350 - 100)
    assert r["ppl_hari_tambahan"] == math.ceil(250 / produktivitas)
    assert (r["ppl_hari_tambahan"] - 1) * produktivitas < r["sisa_di_tenggat"] <= r["ppl_hari_tambahan"] * produktivitas


def test_bantuan_menyebut_tetangga_yang_tuntas_atau_jauh_di_depan():
    tgl = MULAI + timedelta(days=20)
    df = pd.DataFrame(
        {
            "kode": ["9901010", "9901020", "9901030", "9901040"],
            "nama": ["Telat", "Tuntas", "Depan", "Pas"],
            "sisa": [500, 0, 100, 100],
            "status": ["berisiko", "tuntas", "depan", "sesuai"],
            "proyeksi_selesai": [SELESAI + timedelta(days=6), None, SELESAI - timedelta(days=5), SELESAI - timedelta(days=1)],
            "peluang_tepat": [0.1, np.nan, 0.97, 0.6],
            "sisa_di_tenggat": [180.0, 0.0, 0.0, 0.0],
            "produktivitas": [6.0, 7.0, 8.0, 6.5],
            "ppl_hari_tambahan": [30.0, 0.0, 0.0, 0.0],
        }
    )
    b = bantuan(df, JK, tgl)
    assert list(b["nama"]) == ["Telat"] and b["ppl_hari_tambahan"].iloc[0] * b["produktivitas"].iloc[0] == 180
    assert b["pemberi"].iloc[0] == "Tuntas, Depan"
    assert bantuan(df.assign(kode=["9901", "9902", "9903", "9904"]), JK, tgl)["pemberi"].iloc[0] == ""  # not across kabupaten


@pytest.mark.parametrize("tgl", [date(2022, 10, 24), date(2022, 11, 5)], ids=str)
def test_bahan_dan_ramalan_dari_basis_data_sama_dengan_baris_mentah(db_kecil, kampanye_kecil, tgl):
    tabel = kampanye_kecil.tabel
    jk = baca_jadwal(db_kecil)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    for panjang in (7, 10):
        acuan = rujukan.per_wilayah(tabel, panjang, tgl)
        ram_acuan = rujukan.ramalan(tabel, list(acuan.index), tgl)
        rekap = progres.rekap_turunan(db_kecil, kab, panjang, tgl).set_index("kode").loc[acuan.index].reset_index()
        riwayat = baca_riwayat(db_kecil, kab, tgl, jk)  # the ranges from the scope's own past errors, read from the database
        hasil = lengkapi_ramalan(rekap, baca_bahan(db_kecil, kab, tgl, jk.umum.mulai), jk, tgl, peramal=riwayat.ramal).set_index("kode")
        for k in ("proyeksi_selesai", "proyeksi_p10", "proyeksi_p90", "ppl_hari_tambahan", "sisa_di_tenggat", "peluang_tepat", "rentang_riwayat"):
            a, b = hasil[k].tolist(), ram_acuan[k].tolist()
            assert all((x is None and y is None) or (x != x and y != y) or x == pytest.approx(y) for x, y in zip(a, b, strict=True)), (panjang, k)
        assert hasil["proyeksi_selesai"].notna().any()
    bahan = baca_bahan(db_kecil, kab, tgl, jk.umum.mulai)
    sekaligus = baca_bahan_hari(db_kecil, kab, [tgl - timedelta(days=3), tgl], jk.umum.mulai)  # one read for several days
    pd.testing.assert_frame_equal(sekaligus[tgl].sls, bahan.sls)
    pd.testing.assert_frame_equal(sekaligus[tgl].ppl.sort_values("id_ppl", ignore_index=True), bahan.ppl.sort_values("id_ppl", ignore_index=True))
    lalu = baca_bahan(db_kecil, kab, tgl - timedelta(days=3), jk.umum.mulai)
    pd.testing.assert_frame_equal(sekaligus[tgl - timedelta(days=3)].sls, lalu.sls)
    assert sekaligus[tgl].faktor_minggu == bahan.faktor_minggu
    assert int(bahan.sls["selesai"].sum()) <= int(rujukan.per_wilayah(tabel, 4, tgl).loc[kab, "selesai"])


def test_kampanye_lain_tidak_memakai_kode_demo():
    from pathlib import Path

    import kampanye_lain

    berkas = sorted(Path(kampanye_lain.__file__).parent.glob("*.py"))
    assert {b.name for b in berkas} >= {"__init__.py", "banjir.py", "susul.py", "mogok.py", "sinyal.py", "hujan.py", "panen.py", "pulau.py", "kota.py"}
    for b in berkas:  # the backtest's held-out generators share no simulation code with the demo, nor with each other
        impor = [x.split()[1] for x in b.read_text(encoding="utf-8").splitlines() if x.startswith(("import ", "from "))]
        assert not [m for m in impor if m.split(".")[0] in ("demo", "kampanye_lain")], b.name


def test_parameter_default_dipakai_backtest():
    # the README's backtest figures are for these settings; a change must be backtested again
    assert ParameterProyeksi() == ParameterProyeksi(jendela=14, sigma_dasar=0.12, sigma_ppl=0.30, horizon=366)


def test_rencana_dari_profil_kampanye_lain():
    from aturan.indikator import profil_dari_tabel, rencana_profil

    profil = profil_dari_tabel(pd.DataFrame({"hari_ke": ["10", "20", "40"], "persen_kumulatif": ["20", "50", "100"]}))
    titik = rencana_profil(profil, MULAI, 20)  # a 40-day profile over a 20-day schedule
    assert len(titik) == 20 and titik[0][0] == MULAI and titik[-1] == (MULAI + timedelta(days=19), 100.0)
    assert dict(titik)[MULAI + timedelta(days=4)] == 20.0 and dict(titik)[MULAI + timedelta(days=9)] == 50.0
    assert all(a[1] <= b[1] for a, b in pairwise(titik))
    with pytest.raises(ValueError, match="baris 3"):
        profil_dari_tabel(pd.DataFrame({"hari_ke": ["1", "x"], "persen_kumulatif": ["5", "10"]}))


def test_profil_operasi_dari_desa_yang_tuntas(sqlite_kecil, kampanye_kecil):
    from queries.proyeksi import profil_operasi

    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    profil, n = profil_operasi(sqlite_kecil, kab, date(2022, 11, 14), MULAI)
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 10, date(2022, 11, 14))
    assert n == int(((acuan["selesai"] >= acuan["sasaran"]) & (acuan["sasaran"] > 0)).sum()) >= 5
    assert len(profil) == 20 and profil[-1][1] == 100.0 and all(a[1] <= b[1] for a, b in pairwise(profil))
    assert profil_operasi(sqlite_kecil, kab, MULAI + timedelta(days=3), MULAI) == ([], 0)


def test_lebar_perlu_backtest_dari_rentang_dan_aktual():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from uji_mundur import lebar_perlu

    # 20 desa from day 11 (10 days gone): median 10 days left, range 5-20 days left (a factor of 2 either way in log);
    # 12 finish on the median, 2 after 40 days left (need the late side stretched twice), 6 after 160 (four times)
    sisa = [10] * 12 + [40] * 2 + [160] * 6
    df = pd.DataFrame({"kampanye": "x", "peran": "held out", "tingkat": "desa", "asal": 11, "model": 20, "p10": 15, "p90": 30, "aktual": [10 + s for s in sisa]})
    kecil = df.head(19).assign(tingkat="kecamatan")  # under 20 areas: not judged
    r = lebar_perlu(pd.concat([df, kecil], ignore_index=True))
    assert r[["tingkat", "n", "memuat", "faktor untuk 70%", "faktor hingga 90%"]].to_dict("records") == [
        {"tingkat": "desa", "n": 20, "memuat": 60.0, "faktor untuk 70%": 2.0, "faktor hingga 90%": 3.95}
    ]
    # an area without a projection is a miss at any factor
    tanpa = df.assign(model=[None] * 7 + [20] * 13)
    assert lebar_perlu(tanpa)["faktor untuk 70%"].iloc[0] == math.inf
