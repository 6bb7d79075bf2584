"""The reallocation plan: hand-made cases with a known optimum, the solver against brute force, honesty on the demo."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from aturan.indikator import Jadwal, JadwalKampanye
from aturan.proyeksi import Bahan, ramal
from aturan.realokasi import kemas, rencanakan, selesaikan, susun_masalah, terapkan

MULAI, HARI, TENGGAT = date(2022, 10, 15), date(2022, 10, 28), date(2022, 11, 14)  # 14 days of pace, 17 days left
JADWAL = JadwalKampanye(Jadwal(MULAI, TENGGAT))


def bahan(sls: list[tuple[str, str, int, int]], laju: dict[str, float]) -> Bahan:
    """A forecast input from (kode_sls, id_ppl, sasaran, selesai) and each PPL's pace in families per day."""
    df = pd.DataFrame(sls, columns=["kode_sls", "id_ppl", "sasaran", "selesai"]).assign(selesai_awal=lambda d: d["selesai"])
    ppl = pd.DataFrame({"id_ppl": list(laju), "kerja": [v * 14 for v in laju.values()]})
    return Bahan(HARI, df, ppl, (1.0,) * 7, MULAI)


def desa(kode_sls: str) -> str:
    return kode_sls[:10]


def area_desa(b: Bahan) -> pd.DataFrame:
    g = b.sls.groupby(b.sls["kode_sls"].str[:10])[["sasaran", "selesai"]].sum().reset_index()
    return g.rename(columns={"kode_sls": "kode"})


# kabupaten 9901, kecamatan 9901010 and 9901020; desa 9901010001, 9901010002, 9901020001
D1, D2, D3 = "9901010001", "9901010002", "9901020001"


def test_pemberi_terdekat_mengambil_kelebihan_dan_sls_utuh_dulu():
    # a1 holds 100 families at 2/day: 34 done by the deadline, 66 must move. b1 (same desa) has 75 families spare,
    # b2 (other kecamatan) more: the optimum sends all 66 to b1, one SLS whole and 16 of the other.
    b = bahan(
        [(D1 + "0001", "a1", 60, 10), (D1 + "0002", "a1", 60, 10), (D1 + "0003", "b1", 20, 10), (D3 + "0001", "b2", 20, 10)],
        {"a1": 2, "b1": 5, "b2": 9},
    )
    m = susun_masalah(b, JADWAL, "9901")
    assert list(m.lebih["id_ppl"]) == ["a1"] and m.lebih["lebih"].iloc[0] == pytest.approx(66)
    assert set(m.pemberi["id_ppl"]) == {"b1", "b2"}
    r = rencanakan(b, JADWAL, "9901", area_desa(b))
    assert r.celah == 0
    assert list(r.pindah["ke_ppl"]) == ["b1", "b1"]
    assert sorted(zip(r.pindah["keluarga"], r.pindah["utuh"], strict=True)) == [(16, False), (50, True)]
    banding = r.area.set_index("kode")
    assert banding.loc[D1, "proyeksi_selesai_sebelum"] > TENGGAT >= banding.loc[D1, "proyeksi_selesai_sesudah"]


def test_tanpa_pemberi_tidak_ada_rencana():
    b = bahan([(D1 + "0001", "a1", 100, 0), (D1 + "0002", "b1", 100, 0)], {"a1": 2, "b1": 2})
    r = rencanakan(b, JADWAL, "9901", area_desa(b))
    assert r.pindah.empty and r.pemberi.empty and len(r.kebutuhan) == 2 and not r.kebutuhan["dibantu"].any()


def test_petugas_berhenti_diserahkan_semua():
    # a1 has no pace at all: every family of theirs must move, and b1 can take them all
    b = bahan([(D1 + "0001", "a1", 30, 10), (D1 + "0002", "b1", 10, 5)], {"a1": 0, "b1": 6})
    r = rencanakan(b, JADWAL, "9901", area_desa(b))
    assert r.pindah[["kode_sls", "dari_ppl", "ke_ppl", "keluarga"]].values.tolist() == [[D1 + "0001", "a1", "b1", 20]]
    assert r.pindah["utuh"].all()
    assert r.area["proyeksi_selesai_sebelum"].iloc[0] is None and r.area["proyeksi_selesai_sesudah"].iloc[0] <= TENGGAT


def _terbaik_brute(m) -> float:
    """The optimum by enumeration: every choice of relieved PPL (y), the desa that follow (z), and for each the
    cheapest flows that relieve them (a linear programme), kept when feasible."""
    a = m.ambang
    ng, ny = len(m.pasangan), len(m.lebih)
    o, pemberi = m.pasangan["o"].to_numpy(), m.pasangan["l"].to_numpy()
    biaya = np.asarray(a.biaya)[m.pasangan["jarak"].to_numpy()]
    terbaik = 0.0
    for y in itertools.product((0, 1), repeat=ny):
        A, b = [], []
        for k in range(len(m.pemberi)):
            A.append((pemberi == k).astype(float))
            b.append(m.pemberi["kapasitas"].iloc[k])
        for k in range(ny):
            A.append((o == k).astype(float))
            b.append(m.lebih["bisa"].iloc[k])
            A.append(-(o == k).astype(float))
            b.append(-m.lebih["lebih"].iloc[k] * y[k])
        hasil = linprog(biaya, A_ub=np.array(A) if ng else None, b_ub=b if ng else None, bounds=list(zip([0] * ng, m.pasangan["muat"], strict=True)) or None)
        if ng == 0:
            if any(y):
                continue
            ongkos = 0.0
        elif hasil.status != 0:
            continue
        else:
            ongkos = hasil.fun
        z = sum(all(y[k] for k in ppl) for _, ppl in m.desa_ppl)
        terbaik = max(terbaik, a.bobot_desa * z + a.bobot_ppl * sum(y) - ongkos)
    return terbaik


@pytest.mark.parametrize("benih", range(12))
def test_pengoptimal_sama_dengan_brute_force(benih):
    rng = np.random.default_rng(benih)
    sls, laju = [], {}
    for i in range(rng.integers(2, 5)):  # overloaded PPL
        p = f"a{i}"
        laju[p] = float(rng.choice([0.0, 1.0, 2.0]))
        d = [D1, D2, D3][rng.integers(0, 3)]
        for s in range(rng.integers(1, 4)):
            sasaran = int(rng.integers(20, 60))
            sls.append((f"{d}{i}{s:03d}", p, sasaran, int(rng.integers(0, 10))))
    for i in range(rng.integers(1, 4)):  # lenders
        p = f"b{i}"
        laju[p] = float(rng.integers(3, 9))
        d = [D1, D2, D3][rng.integers(0, 3)]
        sls.append((f"{d}9{i:03d}", p, int(rng.integers(5, 30)), 2))
    m = susun_masalah(bahan(sls, laju), JADWAL, "9901")
    aliran, nilai, celah = selesaikan(m)
    assert celah == 0
    assert nilai == pytest.approx(_terbaik_brute(m), rel=1e-6, abs=1e-6)
    # the flows keep every rule
    assert (np.bincount(m.pasangan["l"], aliran, minlength=len(m.pemberi)) <= m.pemberi["kapasitas"].to_numpy() + 1e-6).all()
    assert (aliran <= m.pasangan["muat"].to_numpy() + 1e-6).all()
    pindah = kemas(m, aliran)
    assert not pindah["kode_sls"].duplicated().any()  # no SLS goes to two lenders
    sisa = m.sls.set_index("kode_sls")["sisa"]
    assert (pindah["keluarga"].to_numpy() <= sisa.reindex(pindah["kode_sls"]).to_numpy()).all()
    assert (pindah["keluarga"] >= 1).all()


def test_rencana_jujur_pada_demo(sqlite_kecil):
    """On the demo: the rules hold, and the "after" forecast is ramal on the reassigned work."""
    from queries import progres, proyeksi, wilayah
    from store.baca import baca_jadwal

    eng = sqlite_kecil
    jadwal = baca_jadwal(eng)
    kab = wilayah.daftar_kabupaten(eng)["kode"].iloc[0]
    b = proyeksi.baca_bahan(eng, kab, date(2022, 11, 1), jadwal.umum.mulai)
    area = progres.rekap_anak(eng, kab, date(2022, 11, 1))
    r = rencanakan(b, jadwal, kab, area)
    assert len(r.pindah) > 0
    assert not r.pindah["kode_sls"].duplicated().any()
    p = r.pemberi.set_index("id_ppl")
    assert (p["dipakai"] <= p["kapasitas"] + 1e-6).all() and (p["hari_dipakai"] <= p["hari_longgar"] + 1e-6).all()
    assert set(r.pindah["ke_ppl"]) <= set(p.index) and set(r.pindah["dari_ppl"]).isdisjoint(p.index)
    sisa = (b.sls.set_index("kode_sls")["sasaran"] - b.sls.set_index("kode_sls")["selesai"]).clip(lower=0)
    assert (r.pindah["keluarga"].to_numpy() <= sisa.reindex(r.pindah["kode_sls"]).to_numpy()).all()
    assert (r.pindah["utuh"] == (r.pindah["keluarga"].to_numpy() == sisa.reindex(r.pindah["kode_sls"]).to_numpy())).all()
    assert (r.pindah["keluarga"] >= 1).all()  # no handover of an SLS with nothing left to visit
    # the same forecast on the same work: before equals the pages' forecast, after equals ramal on terapkan()
    sebelum = ramal(b, area[["kode", "sasaran", "selesai"]], jadwal)
    sesudah = ramal(terapkan(b, r.pindah), area[["kode", "sasaran", "selesai"]], jadwal)
    assert list(r.area["proyeksi_selesai_sebelum"]) == list(sebelum["proyeksi_selesai"])
    assert list(r.area["proyeksi_selesai_sesudah"]) == list(sesudah["proyeksi_selesai"])
    # the reassigned work keeps every family: targets and counts add up per area
    b2 = terapkan(b, r.pindah)
    assert b2.sls["sasaran"].sum() == b.sls["sasaran"].sum() and b2.sls["selesai"].sum() == b.sls["selesai"].sum()
    # lenders finish their own work in time: an area on time before is on time after, and some late area is helped
    tenggat = [jadwal.untuk(k).selesai for k in r.area["kode"]]
    for s0, s1, t in zip(r.area["proyeksi_selesai_sebelum"], r.area["proyeksi_selesai_sesudah"], tenggat, strict=True):
        if s0 is not None and s0 <= t:
            assert s1 is not None and s1 <= t
    assert any(s1 is not None and (s0 is None or s1 < s0) for s0, s1 in zip(r.area["proyeksi_selesai_sebelum"], r.area["proyeksi_selesai_sesudah"], strict=True))


def test_rencana_kecamatan_hanya_di_dalamnya(sqlite_kecil):
    from queries import progres, proyeksi, wilayah
    from store.baca import baca_jadwal

    eng = sqlite_kecil
    jadwal = baca_jadwal(eng)
    kab = wilayah.daftar_kabupaten(eng)["kode"].iloc[0]
    kec = progres.rekap_anak(eng, kab, date(2022, 11, 1))["kode"].iloc[1]
    b = proyeksi.baca_bahan(eng, kab, date(2022, 11, 1), jadwal.umum.mulai)
    r = rencanakan(b, jadwal, kec, progres.rekap_anak(eng, kec, date(2022, 11, 1)))
    di_kec = set(b.sls.loc[b.sls["kode_sls"].str.startswith(kec), "id_ppl"])
    assert r.pindah["kode_sls"].str.startswith(kec).all()
    assert set(r.pindah["ke_ppl"]) <= di_kec and set(r.pemberi["id_ppl"]) <= di_kec


def test_terapkan_membagi_sls():
    b = bahan([(D1 + "0001", "a1", 60, 10)], {"a1": 2, "b1": 5})
    b2 = terapkan(b, pd.DataFrame({"kode_sls": [D1 + "0001"], "ke_ppl": ["b1"], "keluarga": [16]}))
    assert b2.sls[["id_ppl", "sasaran", "selesai"]].values.tolist() == [["a1", 44, 10], ["b1", 16, 0]]
    b3 = terapkan(b, pd.DataFrame({"kode_sls": [D1 + "0001"], "ke_ppl": ["b1"], "keluarga": [50]}))
    assert b3.sls[["id_ppl", "sasaran", "selesai"]].values.tolist() == [["b1", 60, 10]]
    assert replace(b, sls=b.sls).sls.equals(b.sls)


# ---- adoption and follow-up, on SQLite and PostgreSQL -------------------------------------------------------------


def test_adopsi_dan_tindak_lanjut_dari_baris_mentah(db_kosong_semua, kampanye_kecil):
    """Follow-up figures equal a recomputation from the raw submission rows (lender ID and SLS code)."""
    from sqlalchemy import select

    from queries import progres, proyeksi, realokasi, wilayah
    from store.baca import baca_jadwal, ke_df
    from store.impor.tulis import impor_tabel
    from store.realokasi import AdopsiTidakSah, adopsi, hapus
    from store.schema import keluarga
    from store.siapkan import muat_kampanye

    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    jadwal = baca_jadwal(eng)
    kab = wilayah.daftar_kabupaten(eng)["kode"].iloc[0]
    hari = date(2022, 11, 1)
    b = proyeksi.baca_bahan(eng, kab, hari, jadwal.umum.mulai)
    r = rencanakan(b, jadwal, kab, progres.rekap_anak(eng, kab, hari))
    assert len(r.pindah) >= 2
    with pytest.raises(AdopsiTidakSah):
        adopsi(eng, kab, hari, r.pindah, "rapat1", "rapat", pd.Timestamp("2022-11-01 20:00").to_pydatetime())
    id_rencana = adopsi(eng, kab, hari, r.pindah, "kepala", "pimpinan", pd.Timestamp("2022-11-01 20:00").to_pydatetime())
    daftar = realokasi.daftar_rencana(eng, kab)
    assert list(daftar["id"]) == [id_rencana] and daftar["tanggal"].iloc[0] == hari and daftar["diadopsi_oleh"].iloc[0] == "kepala"
    assert list(realokasi.daftar_rencana(eng, r.pindah["kode_sls"].iloc[0][:7])["id"]) == [id_rencana]  # seen from a kecamatan inside

    # the first lender submits 3 families in their new SLS after the plan day (one twice), one on the plan day itself
    # (does not count), and someone else submits in it too (does not count either)
    p0, p1 = r.pindah.iloc[0], r.pindah.iloc[1]
    baris = [
        (f"{p0.kode_sls}8001", "2022-11-01", p0.kode_sls, p0.ke_ppl),
        (f"{p0.kode_sls}8002", "2022-11-02", p0.kode_sls, p0.ke_ppl),
        (f"{p0.kode_sls}8002", "2022-11-04", p0.kode_sls, p0.ke_ppl),
        (f"{p0.kode_sls}8003", "2022-11-03", p0.kode_sls, p0.ke_ppl),
        (f"{p0.kode_sls}8004", "2022-11-05", p0.kode_sls, p0.ke_ppl),
        (f"{p0.kode_sls}8005", "2022-11-03", p0.kode_sls, p0.dari_ppl),
    ]
    df = pd.DataFrame(baris, columns=["id_keluarga", "tanggal", "kode_sls", "id_ppl"]).assign(hasil=1, keluarga_baru=0, durasi_menit=30)
    hasil = impor_tabel(eng, "keluarga", df, "uji-tindak-lanjut.csv")
    assert hasil.dimuat == len(df)

    sampai = date(2022, 11, 4)
    tl = realokasi.tindak_lanjut(eng, id_rencana, sampai).set_index("kode_sls")
    mentah = ke_df(eng, select(keluarga.c.id_keluarga, keluarga.c.tanggal, keluarga.c.kode_sls, keluarga.c.id_ppl))
    for m in r.pindah.itertuples(index=False):
        milik = mentah[(mentah["kode_sls"] == m.kode_sls) & (mentah["id_ppl"] == m.ke_ppl) & (mentah["tanggal"] > hari) & (mentah["tanggal"] <= sampai)]
        assert tl.loc[m.kode_sls, "kiriman"] == milik["id_keluarga"].nunique()
        assert tl.loc[m.kode_sls, "keluarga"] == m.keluarga and tl.loc[m.kode_sls, "ke_ppl"] == m.ke_ppl
        pertama = tl.loc[m.kode_sls, "pertama"]
        assert (pertama is None or pd.isna(pertama)) if milik.empty else pertama == milik["tanggal"].min()
    assert tl.loc[p0.kode_sls, "kiriman"] == 2 and tl.loc[p0.kode_sls, "pertama"] == date(2022, 11, 2)
    assert tl.loc[p1.kode_sls, "kiriman"] == 0
    # a kecamatan-scoped view sees only its moves
    kec = p0.kode_sls[:7]
    assert set(realokasi.tindak_lanjut(eng, id_rencana, sampai, kec)["kode_sls"]) == {k for k in r.pindah["kode_sls"] if k.startswith(kec)}

    # pace before and after, per desa, from the raw rows: distinct families by the day of their first submission
    desa = sorted({k[:10] for k in r.pindah["kode_sls"]})
    laju = realokasi.laju_sebelum_sesudah(eng, desa, hari, sampai).set_index("kode")
    pertama_kirim = mentah.groupby("id_keluarga").agg(tanggal=("tanggal", "min"), kode_sls=("kode_sls", "first"))
    for d in desa:
        milik = pertama_kirim[pertama_kirim["kode_sls"].str[:10] == d]
        sebelum = milik["tanggal"].between(date(2022, 10, 26), hari).sum() / 7
        sesudah = ((milik["tanggal"] > hari) & (milik["tanggal"] <= sampai)).sum() / 3
        assert laju.loc[d, "laju_sebelum"] == pytest.approx(sebelum) and laju.loc[d, "laju_sesudah"] == pytest.approx(sesudah)

    hapus(eng, id_rencana)
    assert realokasi.daftar_rencana(eng, kab).empty and realokasi.tindak_lanjut(eng, id_rencana, sampai).empty


def test_rencana_tersimpan_sama_persis_dan_yang_pertama_bertahan(db_kosong_semua, kampanye_kecil):
    """A stored plan reads back frame for frame as computed (dtypes included) on both databases; a second plan for
    the same area, day and sidik leaves the first in place; a plan under a new sidik replaces the area's older ones."""
    from dataclasses import replace as ganti

    from aturan.realokasi import sidik_rencana
    from queries import progres, proyeksi, realokasi, wilayah
    from store.baca import baca_jadwal
    from store.realokasi import BINGKAI_RENCANA, simpan_rencana
    from store.siapkan import muat_kampanye

    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    jadwal = baca_jadwal(eng)
    kab = wilayah.daftar_kabupaten(eng)["kode"].iloc[0]
    hari = date(2022, 11, 1)
    r = rencanakan(proyeksi.baca_bahan(eng, kab, hari, jadwal.umum.mulai), jadwal, kab, progres.rekap_anak(eng, kab, hari))
    assert len(r.pindah) > 0
    sidik = sidik_rencana((1, 0), jadwal)
    assert sidik != sidik_rencana((2, 0), jadwal) and realokasi.rencana_tersimpan(eng, kab, hari, sidik) is None
    assert simpan_rencana(eng, r, sidik)
    dibaca = realokasi.rencana_tersimpan(eng, kab, hari, sidik)
    for k in BINGKAI_RENCANA:
        pd.testing.assert_frame_equal(getattr(dibaca, k), getattr(r, k))
    assert (dibaca.kode, dibaca.tanggal, dibaca.nilai, dibaca.celah) == (r.kode, r.tanggal, r.nilai, r.celah)
    lain = ganti(r, pindah=r.pindah.head(1), nilai=r.nilai - 1)  # another process's plan, stored second
    assert not simpan_rencana(eng, lain, sidik)
    assert len(realokasi.rencana_tersimpan(eng, kab, hari, sidik).pindah) == len(r.pindah)
    baru = sidik_rencana((2, 0), jadwal)
    assert simpan_rencana(eng, lain, baru)
    assert realokasi.rencana_tersimpan(eng, kab, hari, sidik) is None and len(realokasi.rencana_tersimpan(eng, kab, hari, baru).pindah) == 1


def test_rencana_tidak_menunggu_impor_yang_memegang_kunci(tmp_path, kampanye_kecil):
    """On SQLite, storing a plan while another writer (a long import) holds the lock gives up after a short wait
    and returns False (the page shows the plan it computed); once the lock is free the plan is stored, and the
    app's own engine keeps its 30 s wait for imports and sign-ins."""
    import sqlite3
    import threading

    from queries import progres, proyeksi, realokasi, wilayah
    from store.baca import baca_jadwal
    from store.db import engine_tanpa_tunggu
    from store.realokasi import simpan_rencana
    from tests.conftest import sqlite_baru

    berkas = tmp_path / "kunci.sqlite"
    eng = sqlite_baru(berkas, kampanye_kecil)
    jadwal = baca_jadwal(eng)
    kab = wilayah.daftar_kabupaten(eng)["kode"].iloc[0]
    hari = date(2022, 11, 1)
    r = rencanakan(proyeksi.baca_bahan(eng, kab, hari, jadwal.umum.mulai), jadwal, kab, progres.rekap_anak(eng, kab, hari))
    impor = sqlite3.connect(berkas, isolation_level=None)
    impor.execute("BEGIN IMMEDIATE")  # another process's import holds the write lock
    hasil: list[bool] = []
    try:
        jalan = threading.Thread(target=lambda: hasil.append(simpan_rencana(eng, r, "s1")))
        jalan.start()
        jalan.join(10)  # the import still holds the lock: the store gave up by itself (the app's engine would wait 30 s)
        assert not jalan.is_alive() and hasil == [False]
    finally:
        impor.execute("ROLLBACK")
        impor.close()
        jalan.join()
    assert simpan_rencana(eng, r, "s1") and realokasi.rencana_tersimpan(eng, kab, hari, "s1") is not None
    with eng.connect() as conn, engine_tanpa_tunggu(eng).connect() as sebentar:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert sebentar.exec_driver_sql("PRAGMA busy_timeout").scalar() == 500
    eng.dispose()


def test_sidik_rencana_tidak_bergantung_urutan_baris_jadwal():
    """Two processes that read the same schedule's extensions in another order key the stored plan alike; another
    deadline, data version or setting gives another key."""
    from aturan.realokasi import AmbangRealokasi, sidik_rencana

    umum = Jadwal(date(2022, 10, 15), date(2022, 11, 14))
    a = JadwalKampanye(umum, {"7317": date(2022, 11, 20), "7322": date(2022, 11, 24)})
    b = JadwalKampanye(umum, {"7322": date(2022, 11, 24), "7317": date(2022, 11, 20)})
    assert repr(a) != repr(b) and sidik_rencana((3, 0), a) == sidik_rencana((3, 0), b)
    lain = JadwalKampanye(umum, {"7317": date(2022, 11, 21), "7322": date(2022, 11, 24)})
    assert len({sidik_rencana((3, 0), a), sidik_rencana((3, 0), lain), sidik_rencana((4, 0), a), sidik_rencana((3, 0), a, ambang=AmbangRealokasi(kandidat=8))}) == 4
