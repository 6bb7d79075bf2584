"""Back-checks: the sample's rules, the contract table, outcomes against raw rows on both databases, the page."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest

from aturan.ambang import AMBANG_KUALITAS
from aturan.cek_ulang import TANDA_WAWANCARA, AmbangCekUlang, acak, hasil_ppl, presisi_bendera, sampel
from aturan.kualitas import CEK
from tests.conftest import pembuka_halaman

TGL = date(2022, 11, 5)


def _hari(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "id_keluarga": [f"K{seed}-{i:06d}" for i in range(n)],
            "id_ppl": [f"P{i % 40:02d}" for i in range(n)],
            "id_pml": [f"M{i % 8}" for i in range(n)],
            "kode_sls": "99010100010001",
            "tanggal": TGL,
        }
    )
    for t in TANDA_WAWANCARA:
        d[t] = (rng.random(n) < 0.1).astype(int)
    return d


def test_bagian_acak_berulang_dan_pada_lajunya():
    d = _hari(40_000)
    a = AmbangCekUlang()
    s1, s2 = sampel(d, set(), a), sampel(d.sample(frac=1, random_state=3), set(), a)
    assert set(s1["id_keluarga"]) == set(s2["id_keluarga"])  # the same families, whatever the order
    assert (s1["bagian"] == "acak").all()
    n = len(s1)
    assert binomtest(n, len(d), a.laju_acak).pvalue > 0.001  # the rate within sampling error
    # independent of the officer: each officer's share is at the rate too (chi-square-ish bound per officer)
    per = s1.groupby("id_ppl").size() / d.groupby("id_ppl").size()
    assert per.between(0.02, 0.09).all()
    lain = sampel(d, set(), AmbangCekUlang(garam="lain"))
    assert len(set(lain["id_keluarga"]) & set(s1["id_keluarga"])) < 0.2 * n  # another salt, another sample


def test_bagian_sasaran_hanya_dari_wawancara_bertanda_ppl_berbendera():
    d = _hari(4_000)
    ditandai = {"P01", "P02", "P03"}
    a = AmbangCekUlang(maks_sasaran=30)
    s = sampel(d, ditandai, a)
    sasaran = s[s["bagian"] == "sasaran"]
    assert len(sasaran) > 0 and sasaran["id_ppl"].isin(ditandai).all()
    asal = d.set_index("id_keluarga").loc[sasaran["id_keluarga"], list(TANDA_WAWANCARA)]
    assert (asal.sum(axis=1) > 0).all()  # only interviews the checks marked
    for r, (_, baris) in zip(sasaran.itertuples(index=False), asal.iterrows(), strict=True):
        assert r.alasan == ",".join(t for t in TANDA_WAWANCARA if baris[t])
    assert not set(sasaran["id_keluarga"]) & set(s.loc[s["bagian"] == "acak", "id_keluarga"])
    assert sampel(d, ditandai, AmbangCekUlang(maks_sasaran=2)).query("bagian == 'sasaran'").groupby("id_ppl").size().max() <= 2
    # the random part is the same with or without flags: the targeted part never displaces it
    assert set(s.loc[s["bagian"] == "acak", "id_keluarga"]) == set(sampel(d, set(), a)["id_keluarga"])


def test_wilson_sama_dengan_scipy():
    from aturan.cek_ulang import wilson

    x, n = np.array([0, 1, 3, 7, 20, 5]), np.array([1, 4, 10, 7, 40, 0])
    bawah, atas = wilson(x, n, 0.9)
    for i in range(len(x) - 1):
        ci = binomtest(int(x[i]), int(n[i])).proportion_ci(confidence_level=0.9, method="wilson")
        assert bawah[i] == pytest.approx(ci.low, abs=1e-9) and atas[i] == pytest.approx(ci.high, abs=1e-9)
    assert np.isnan(bawah[-1]) and np.isnan(atas[-1])


def test_hasil_ppl_dan_presisi_dari_baris_cek():
    a = AmbangCekUlang(laju_acak=0.5)
    ids = [f"F{i}" for i in range(200)]
    cek = pd.DataFrame({"id_keluarga": ids, "id_ppl": ["A"] * 100 + ["B"] * 100, "hasil_cek": [4, 2, 1, 1, 5] * 20 + [1] * 99 + [3]})
    h = hasil_ppl(cek, a).set_index("id_ppl")
    ac = acak(cek["id_keluarga"], a)
    for p in ("A", "B"):
        m = (cek["id_ppl"] == p).to_numpy()
        nilai = m & cek["hasil_cek"].isin([1, 2, 3, 4]).to_numpy()
        beda = m & cek["hasil_cek"].isin([2, 3, 4]).to_numpy()
        assert h.loc[p, "dicek"] == nilai.sum() and h.loc[p, "tidak_cocok"] == beda.sum()
        assert h.loc[p, "acak_dicek"] == (nilai & ac).sum() and h.loc[p, "acak_tidak_cocok"] == (beda & ac).sum()
        assert h.loc[p, "bawah"] <= h.loc[p, "porsi_tidak_cocok"] <= h.loc[p, "atas"]
    assert h.loc["A", "status"] == "masalah" and h.loc["B", "status"] == "bersih"
    bendera = pd.DataFrame({"id_ppl": ["A", "B", "C"], **{c: [0, 0, 0] for c in CEK}})
    bendera.loc[[0, 1, 2], "malam"] = 1
    p = presisi_bendera(bendera, h.reset_index(), CEK).set_index("cek")
    assert p.loc["malam"].to_dict() == {"ditandai": 3, "diketahui": 2, "terbukti": 1, "presisi": 0.5}
    assert np.isnan(p.loc["tumpang", "presisi"])


def test_berkas_cek_ulang_jahat_ditolak_per_baris(db_kosong_semua, kampanye_kecil):
    from queries.impor import versi_data
    from store.impor.tulis import impor_tabel
    from store.siapkan import muat_kampanye
    from store.tarik import tarik_impor

    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    versi = [versi_data(eng)]
    kel = kampanye_kecil.tabel["keluarga"].sort_values("tanggal").iloc[0]
    pml = kampanye_kecil.tabel["petugas"].query("peran == 'PML'")["id_petugas"].iloc[0]
    baris = pd.DataFrame(
        {
            "id_keluarga": [kel.id_keluarga, "TIDAK-ADA", kel.id_keluarga, kel.id_keluarga, kel.id_keluarga, "=HYPERLINK(1)", kel.id_keluarga],
            "tanggal_cek": ["2022-11-20", "2022-11-20", "2022-10-01", "2022-11-21", "2022-11-22", "2022-11-20", "bukan tanggal"],
            "id_pemeriksa": [pml, pml, pml, "ORANG-ASING", pml, pml, pml],
            "hasil_cek": ["2", "1", "1", "1", "7", "1", "1"],
            "kolom_beda": ["jumlah_anggota", None, None, None, None, None, None],
        }
    )
    h = impor_tabel(eng, "cek_ulang", baris, "cek-jahat.csv")
    assert h.dimuat == 1
    alasan = list(h.ditolak["alasan"])
    assert any("belum pernah dikirim" in x for x in alasan) and any("sebelum kiriman pertama" in x for x in alasan)
    assert any("ORANG-ASING" in x for x in alasan) and any("hasil_cek bukan 1-5" in x for x in alasan) and any("tanggal_cek" in x for x in alasan)
    assert list(h.ditolak["baris"]) == [3, 4, 5, 6, 7, 8]
    versi.append(versi_data(eng))
    tarik_impor(eng, h.id_impor, "uji")  # withdrawn like every other import
    versi.append(versi_data(eng))  # the data's version (what the forecast's history is keyed by) moves with each
    assert versi[0] != versi[1] != versi[2] and versi[2][1] == versi[1][1] + 1
    from queries.cek_ulang import cek_area

    assert kel.id_keluarga not in set(cek_area(eng, "")["id_keluarga"]) or len(kampanye_kecil.tabel["cek_ulang"].query("id_keluarga == @kel.id_keluarga")) > 0


def test_hasil_sama_dengan_baris_mentah(db_kecil, kampanye_kecil):
    from queries import wilayah
    from queries.cek_ulang import cek_area

    kab = wilayah.daftar_kabupaten(db_kecil)["kode"].iloc[0]
    cek = cek_area(db_kecil, kab, TGL)
    mentah = kampanye_kecil.tabel["cek_ulang"]
    mentah = mentah[pd.to_datetime(mentah["tanggal_cek"]).dt.date <= TGL].sort_values(["id_keluarga", "tanggal_cek"]).drop_duplicates("id_keluarga", keep="last")
    ppl = kampanye_kecil.tabel["keluarga"].sort_values(["id_keluarga", "tanggal"]).drop_duplicates("id_keluarga", keep="last").set_index("id_keluarga")["id_ppl"]
    mentah = mentah.assign(id_ppl=mentah["id_keluarga"].map(ppl))
    assert sorted(cek["id_keluarga"]) == sorted(mentah["id_keluarga"])
    h = hasil_ppl(cek).set_index("id_ppl")
    for p, g in mentah.groupby("id_ppl"):
        assert h.loc[p, "dicek"] == g["hasil_cek"].isin([1, 2, 3, 4]).sum()
        assert h.loc[p, "tidak_cocok"] == g["hasil_cek"].isin([2, 3, 4]).sum()
        assert h.loc[p, "menolak"] == (g["hasil_cek"] == 5).sum()


def test_petugas_tanam_terbukti_yang_jujur_bersih(sqlite_kecil):
    from queries import wilayah
    from queries.cek_ulang import cek_area

    info = json.loads(wilayah.baca_meta(sqlite_kecil)["demo_info"])
    kab = wilayah.daftar_kabupaten(sqlite_kecil)["kode"].iloc[0]
    h = hasil_ppl(cek_area(sqlite_kecil, kab)).set_index("id_ppl")
    tanam = {info["ppl_malam"], info["ppl_desa_tetangga"]}
    for p in tanam:
        assert h.loc[p, "status"] == "masalah", p
    jujur = h[~h.index.isin(tanam | set(info["ppl_cepat"]))]
    diketahui = jujur[jujur["status"] != "belum"]
    assert len(diketahui) and (diketahui["status"] == "bersih").mean() >= 0.8


def test_daftar_hari_dari_database(sqlite_kecil):
    from queries import paradata, wilayah
    from queries.cek_ulang import selesai_hari

    kab = wilayah.daftar_kabupaten(sqlite_kecil)["kode"].iloc[0]
    s = selesai_hari(sqlite_kecil, kab, TGL, AMBANG_KUALITAS)
    assert len(s) and s["id_pml"].notna().all() and (pd.to_datetime(s["tanggal"]).dt.date == TGL).all()
    nilai = paradata.kualitas_area(sqlite_kecil, kab, date(2022, 10, 15), TGL, AMBANG_KUALITAS)
    ditandai = set(nilai.loc[nilai["jumlah_bendera"] > 0, "id_ppl"])
    d = sampel(s, ditandai)
    assert set(d["id_keluarga"]) <= set(s["id_keluarga"])
    assert d.loc[d["bagian"] == "sasaran", "id_ppl"].isin(ditandai).all()


@pytest.mark.parametrize("peran", ["pimpinan", "rapat"])
def test_halaman_cek_ulang(kampanye_kecil, tmp_path, monkeypatch, peran, unduhan_tertunda):
    import streamlit as st

    from queries import wilayah
    from store.pengguna import tambah_pengguna
    from tests.conftest import sqlite_baru

    eng = sqlite_baru(tmp_path / "cek.sqlite", kampanye_kecil)
    kab = wilayah.daftar_kabupaten(eng)["kode"].iloc[0]
    tambah_pengguna(eng, "orang", "sandi-yang-panjang-1", peran, [kab])
    at = pembuka_halaman(eng, monkeypatch)("dashboard/cek_ulang.py", tanggal=TGL.isoformat(), masuk=("orang", "sandi-yang-panjang-1"))
    angka = {m.label: m.value for m in at.metric}
    cek = kampanye_kecil.tabel["cek_ulang"]
    assert angka["Sudah dicek ulang"] == str((pd.to_datetime(cek["tanggal_cek"]).dt.date <= TGL).sum())
    teks = "\n".join(df.value.to_csv() for df in at.dataframe)
    ppl = set(kampanye_kecil.tabel["petugas"].query("peran == 'PPL'")["id_petugas"])
    if peran == "rapat":
        assert not any(p in teks for p in ppl) and not at.get("download_button")
    else:
        assert any(p in teks for p in ppl)
        unduh = unduhan_tertunda(at)
        nama, buat = unduh["Unduh PDF"]
        assert nama.endswith(".pdf") and buat()[:4] == b"%PDF"
    st.cache_data.clear()
    eng.dispose()


def test_keluarga_tidak_ada_dikeluarkan_lalu_dikembalikan(db_kosong_semua, kampanye_kecil):
    """The exclusion rule: families whose latest back-check found no household leave selesai, counted apart, and a
    withdrawal of that change puts every rollup back as it was."""
    from queries import progres, wilayah
    from queries.cek_ulang import cek_area, tidak_ada
    from store.cek_ulang import keluarkan_tidak_ada
    from store.siapkan import muat_kampanye
    from store.tarik import tarik_impor

    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    kab = wilayah.daftar_kabupaten(eng)["kode"].iloc[0]
    hari = date(2022, 11, 30)
    sebelum = progres.rekap_anak(eng, kab, hari).set_index("kode")["selesai"]
    h_sebelum = hasil_ppl(cek_area(eng, kab))
    n = tidak_ada(eng, cek_area(eng, kab))
    assert n["dihitung"] > 0 and n["dikeluarkan"] == 0
    cek = cek_area(eng, kab)
    hilang = set(cek.loc[cek["hasil_cek"] == 4, "id_keluarga"])
    id_impor, jumlah = keluarkan_tidak_ada(eng, kab, "uji")
    assert jumlah == len(hilang) and tidak_ada(eng, cek_area(eng, kab)) == {"dihitung": 0, "dikeluarkan": len(hilang)}
    sesudah = progres.rekap_anak(eng, kab, hari).set_index("kode")["selesai"]
    kel = kampanye_kecil.tabel["keluarga"]
    per_kec = kel[kel["id_keluarga"].isin(hilang)].drop_duplicates("id_keluarga")["kode_sls"].str[:7].value_counts()
    assert ((sebelum - sesudah) == per_kec.reindex(sebelum.index, fill_value=0)).all()
    pd.testing.assert_frame_equal(hasil_ppl(cek_area(eng, kab)), h_sebelum)  # the evidence stays with its officer
    tarik_impor(eng, id_impor, "uji")
    assert (progres.rekap_anak(eng, kab, hari).set_index("kode")["selesai"] == sebelum).all()
    assert tidak_ada(eng, cek_area(eng, kab)) == n


def test_peringatan_saat_cek_ulang_membuktikan_masalah(sqlite_kecil):
    """A pimpinan is told of each PPL a back-check confirms; the rapat role gets a count per kecamatan, no ID."""
    from kirim.peringatan import peringatan_cek_ulang
    from queries import wilayah
    from queries.cek_ulang import cek_area
    from store.langganan import Langganan

    kab = wilayah.daftar_kabupaten(sqlite_kecil)["kode"].iloc[0]
    terbukti = set(hasil_ppl(cek_area(sqlite_kecil, kab, TGL)).query("status == 'masalah'")["id_ppl"])
    assert terbukti
    lg = Langganan(1, "kepala", None, "pimpinan", (kab,), "email", "k@contoh.id", "id", "06:00", "peringatan", True)
    pesan, _ = peringatan_cek_ulang(sqlite_kecil, kab, TGL, lg)
    assert {p.kunci for p in pesan} == {f"cek:{p}" for p in terbukti}
    assert all(any(p in x.teks for p in terbukti) for x in pesan)
    rapat, _ = peringatan_cek_ulang(sqlite_kecil, kab, TGL, Langganan(2, "ruang", None, "rapat", (kab,), "email", "r@contoh.id", "id", "06:00", "peringatan", True))
    assert rapat and all(not any(p in x.teks for p in terbukti) for x in rapat)
    assert sum(int(x.keadaan) for x in rapat) == len(terbukti)


def test_daftar_hari_sama_dengan_baris_mentah(kampanye_kecil, db_kosong_semua):
    """The day's completed families read for the back-check list equal a recomputation from the raw submission rows,
    on both databases: submitted with result 1 that day in the kabupaten, latest result still 1, their PPL's PML.
    Five of the day's families were later found refusing (result 5): they leave the list."""
    from dataclasses import replace

    from sqlalchemy import select

    from queries import wilayah
    from queries.cek_ulang import selesai_hari
    from store.baca import ke_df
    from store.schema import keluarga, petugas
    from store.siapkan import muat_kampanye

    kel = kampanye_kecil.tabel["keluarga"]
    hari_itu = kel[(pd.to_datetime(kel["tanggal"]).dt.date == TGL) & (kel["hasil"] == 1)]
    dua_hari = pd.Timedelta(days=2)
    kemudian = hari_itu.head(5).assign(tanggal=pd.Timestamp(TGL) + dua_hari, hasil=5)
    geser = {k: kemudian[k] + dua_hari for k in ("waktu_mulai", "waktu_selesai", "tanggal_periksa") if k in kemudian}  # the times of that later visit
    kemudian = kemudian.assign(**geser)
    kemudian = kemudian.astype(kel.dtypes.to_dict())
    kampanye = replace(kampanye_kecil, tabel=kampanye_kecil.tabel | {"keluarga": pd.concat([kel, kemudian], ignore_index=True)})
    assert not [h.tabel for h in muat_kampanye(db_kosong_semua, kampanye) if h.jumlah_ditolak]
    db = db_kosong_semua
    kab = wilayah.daftar_kabupaten(db)["kode"].iloc[0]
    mentah = ke_df(db, select(keluarga.c.id_keluarga, keluarga.c.id_ppl, keluarga.c.kode_sls, keluarga.c.tanggal, keluarga.c.hasil))
    mentah = mentah[mentah["kode_sls"].str.startswith(kab)]
    terakhir = mentah.sort_values("tanggal").drop_duplicates("id_keluarga", keep="last").set_index("id_keluarga")["hasil"]
    atasan = ke_df(db, select(petugas.c.id_petugas, petugas.c.id_atasan)).set_index("id_petugas")["id_atasan"]
    for tgl in (TGL, date(2022, 10, 20)):
        hari = mentah[(mentah["tanggal"] == tgl) & (mentah["hasil"] == 1)]
        keluar = hari["id_keluarga"].map(terakhir) != 1
        assert len(hari) > 0 and keluar.sum() == (5 if tgl == TGL else 0)
        hari = hari[~keluar]
        s = selesai_hari(db, kab, tgl, AMBANG_KUALITAS)
        assert sorted(s["id_keluarga"]) == sorted(hari["id_keluarga"])
        assert dict(zip(s["id_keluarga"], s["id_pml"], strict=True)) == dict(zip(hari["id_keluarga"], hari["id_ppl"].map(atasan), strict=True))
