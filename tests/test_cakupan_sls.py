"""Coverage lists (not started, stalled, revisits, too high) equal a recomputation from raw rows, and find planted and hand-made cases."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from aturan.cakupan import AmbangCakupan, total
from queries import cakupan_sls
from store.baca import baca_jadwal
from store.db import buat_skema
from store.impor.tulis import impor_tabel
from tampilan.teks import angka, isi_cakupan, t
from tests import rujukan

AMBANG = AmbangCakupan()
TANGGAL = [date(2022, 10, 20), date(2022, 11, 5), date(2022, 11, 10), date(2022, 11, 14), date(2022, 11, 25)]


def _kab(kampanye) -> str:
    return kampanye.geografi.kabupaten["kode"].iloc[0]


def _daftar(db, induk: str, tgl: date):
    tanda = cakupan_sls.tandai_area(db, induk, tgl, AMBANG, baca_jadwal(db))
    return tanda, cakupan_sls.daftar_cakupan(db, tanda, induk, tgl, AMBANG)


@pytest.mark.parametrize("tgl", TANGGAL)
def test_daftar_sama_dengan_mentah(db_kecil, kampanye_kecil, tgl):
    tanda, daftar = _daftar(db_kecil, _kab(kampanye_kecil), tgl)
    acuan = rujukan.cakupan_sls(kampanye_kecil.tabel, tgl, AMBANG.hari_macet, AMBANG.persen_tinggi, AMBANG.persen_baru)
    t = tanda.set_index("kode_sls").loc[acuan.index]
    for kolom in ("id_ppl", "sasaran", "selesai", "baru", "ulang_2", "ulang_3", "belum_mulai", "macet", "terlalu_tinggi"):
        assert t[kolom].tolist() == acuan[kolom].tolist(), kolom
    assert [None if pd.isna(h) else int(h) for h in t["hari_diam"]] == [None if pd.isna(h) else int(h) for h in acuan["hari_diam"]]
    for jenis in ("belum_mulai", "macet", "terlalu_tinggi"):
        assert set(daftar[jenis]["kode_sls"]) == set(acuan.index[acuan[jenis]]), jenis
    assert daftar["belum_mulai"].set_index("kode_sls")["sasaran"].to_dict() == acuan.loc[acuan["belum_mulai"], "sasaran"].to_dict()
    # revisits per SLS and the PPL who recorded the families (the PPL of their latest submission)
    kel = kampanye_kecil.tabel["keluarga"].sort_values(["id_keluarga", "tanggal"])
    akhir = kel.groupby("id_keluarga").tail(1).set_index("id_keluarga")
    kini = kel[kel["tanggal"] <= tgl].groupby("id_keluarga").tail(1).set_index("id_keluarga")["hasil"]
    ulang = akhir.loc[kini.index[kini.isin([2, 3])]].groupby(["kode_sls", "id_ppl"]).size()
    assert daftar["ulang"].set_index(["kode_sls", "id_ppl"])["ulang"].to_dict() == ulang.to_dict()
    assert total(tanda)["ulang"] == int(kini.isin([2, 3]).sum())
    # beside a stalled SLS: its PPL's families first submitted anywhere in the same days
    pertama = kel.drop_duplicates("id_keluarga").assign(id_ppl=lambda d: d["id_keluarga"].map(akhir["id_ppl"]))
    for r in daftar["macet"].itertuples():
        ujung = acuan.loc[r.kode_sls, "ujung"]
        dalam = (pertama["id_ppl"] == r.id_ppl) & (pertama["tanggal"] <= ujung) & ((ujung - pertama["tanggal"]).map(lambda d: d.days) < AMBANG.hari_macet)
        assert r.selesai_jendela == int(dalam.sum())
    assert {"nama_kec", "nama_desa", "nama_sls"} <= set(daftar["macet"].columns)


def test_kasus_tertanam_ditemukan_dan_sls_biasa_tidak(sqlite_kecil, kampanye_kecil):
    info = kampanye_kecil.info
    tgl = date(2022, 11, 10)
    _, daftar = _daftar(sqlite_kecil, _kab(kampanye_kecil), tgl)
    assert set(info["sls_tak_dikunjungi"]) <= set(daftar["belum_mulai"]["kode_sls"])
    macet = daftar["macet"].set_index("kode_sls")
    berhenti = set(kampanye_kecil.tabel["beban"].query("id_ppl in @info['ppl_berhenti']")["kode_sls"])
    assert set(info["sls_macet"]) <= set(macet.index) <= set(info["sls_macet"]) | berhenti  # only planted ones and officers who stopped
    kel = kampanye_kecil.tabel["keluarga"]
    for kode in info["sls_macet"]:  # as soon as it counts as stalled, its PPL is seen busy elsewhere
        mulai_macet = kel.loc[kel["kode_sls"] == kode, "tanggal"].max() + timedelta(days=AMBANG.hari_macet)
        _, saat_itu = _daftar(sqlite_kecil, _kab(kampanye_kecil), mulai_macet)
        assert saat_itu["macet"].set_index("kode_sls").loc[kode, "selesai_jendela"] > 0
    ganda = set(kampanye_kecil.tabel["beban"].query("kode_sls.str.startswith(@info['desa_ganda'])")["kode_sls"])
    tinggi = set(daftar["terlalu_tinggi"]["kode_sls"])
    assert ganda & tinggi and len(tinggi - ganda) <= 2
    # before anyone works, everything waits; after the end, the unvisited SLS still wait
    awal = cakupan_sls.tandai_area(sqlite_kecil, _kab(kampanye_kecil), date(2022, 10, 14), AMBANG, baca_jadwal(sqlite_kecil))
    assert awal["belum_mulai"].all() and not awal["macet"].any()
    _, daftar_akhir = _daftar(sqlite_kecil, _kab(kampanye_kecil), date(2022, 11, 30))
    assert set(info["sls_tak_dikunjungi"]) <= set(daftar_akhir["belum_mulai"]["kode_sls"])


def _kampanye_buatan() -> dict[str, pd.DataFrame]:
    """Six SLS in one desa: A never visited; B stalls at 5 of 10 while its PPL works on in C; D's PPL stops on
    day 2; C has a family first 'no respondent' then complete; E is counted to 12 of 10; F is done normally."""
    d = lambda h: date(2022, 10, 14 + h)  # noqa: E731 - day h of the campaign
    sls = {s: f"7301010001{i + 1:04d}" for i, s in enumerate("ABCDEF")}
    wilayah = pd.DataFrame({"kode": ["73", "7301", "7301010", "7301010001", *sls.values()], "nama": ["Prov", "Kab", "Kec", "Desa", *[f"SLS {s}" for s in sls]]})
    petugas = pd.DataFrame(
        {
            "id_petugas": ["K1", "M1", "P1", "P2", "P3"],
            "nama": ["k", "m", "a", "b", "c"],
            "peran": ["KOSEKA", "PML", "PPL", "PPL", "PPL"],
            "id_atasan": [None, "K1", "M1", "M1", "M1"],
        }
    )
    beban = pd.DataFrame({"kode_sls": list(sls.values()), "id_ppl": ["P1", "P1", "P1", "P2", "P3", "P3"], "sasaran_keluarga": [10] * 6})
    baris = []
    for i in range(5):
        baris.append((f"B{i}", sls["B"], "P1", d(1), 1, 0))
    for i in range(10):
        baris.append((f"C{i}", sls["C"], "P1", d(2 + i % 7), 3 if i == 0 else 1, 0))
    baris.append(("C0", sls["C"], "P1", d(9), 1, 0))  # the revisit made it complete
    for i in range(4):
        baris.append((f"D{i}", sls["D"], "P2", d(1 + i // 2), 2, 0))
    for i in range(12):
        baris.append((f"E{i}", sls["E"], "P3", d(1 + i // 4), 1, int(i >= 10)))
    for i in range(10):
        baris.append((f"F{i}", sls["F"], "P3", d(4 + i // 5), 1, 0))
    keluarga = pd.DataFrame(baris, columns=["id_keluarga", "kode_sls", "id_ppl", "tanggal", "hasil", "keluarga_baru"])
    jadwal = pd.DataFrame({"mulai": [date(2022, 10, 15)], "selesai": [date(2022, 11, 14)]})
    return {"wilayah": wilayah, "petugas": petugas, "beban": beban, "jadwal": jadwal, "keluarga": keluarga}, sls


def test_kasus_buatan(db_kosong_semua):
    tabel, sls = _kampanye_buatan()
    buat_skema(db_kosong_semua)
    for nama in ("wilayah", "petugas", "beban", "jadwal", "keluarga"):
        hasil = impor_tabel(db_kosong_semua, nama, tabel[nama], f"{nama}.csv")
        assert hasil.jumlah_ditolak == 0, hasil.ditolak
    tanda, daftar = _daftar(db_kosong_semua, "7301", date(2022, 10, 22))  # day 8
    per = tanda.set_index("kode_sls")
    assert per.loc[sls["A"], "belum_mulai"] and per["belum_mulai"].sum() == 1
    macet = daftar["macet"].set_index("kode_sls")
    assert set(macet.index) == {sls["B"], sls["D"]}
    assert macet.loc[sls["B"], "selesai_jendela"] > 0 and macet.loc[sls["B"], "hari_diam"] == 7  # P1 is busy in C
    assert macet.loc[sls["D"], "selesai_jendela"] == 0  # P2 stopped
    assert set(daftar["terlalu_tinggi"]["kode_sls"]) == {sls["E"]}  # 12 of 10, 2 of them new
    assert per.loc[sls["F"], ["belum_mulai", "macet", "terlalu_tinggi"]].sum() == 0
    # C0 waits for a revisit from day 2 until the day it is complete; D's four stay incomplete
    jadwal = baca_jadwal(db_kosong_semua)
    ulang = {h: total(cakupan_sls.tandai_area(db_kosong_semua, "7301", date(2022, 10, 14 + h), AMBANG, jadwal))["ulang"] for h in (1, 2, 8, 9)}
    assert ulang == {1: 2, 2: 5, 8: 5, 9: 4}
    # a later import turns D's families complete: the count falls on that day, not before
    koreksi = pd.DataFrame([(f"D{i}", sls["D"], "P2", date(2022, 10, 24), 1, 0) for i in range(4)], columns=tabel["keluarga"].columns)
    impor_tabel(db_kosong_semua, "keluarga", koreksi, "koreksi.csv")
    sebelum, sesudah = (cakupan_sls.tandai_area(db_kosong_semua, "7301", date(2022, 10, h), AMBANG, baca_jadwal(db_kosong_semua)) for h in (23, 24))
    assert total(sebelum)["ulang"] == 4 and total(sesudah)["ulang"] == 0


def test_halaman_cakupan_sama_dengan_rujukan(buka_halaman, kampanye_kecil):
    tgl = date(2022, 11, 10)
    at = buka_halaman("dashboard/cakupan.py", tanggal=tgl.isoformat())
    acuan = rujukan.cakupan_sls(kampanye_kecil.tabel, tgl, AMBANG.hari_macet, AMBANG.persen_tinggi, AMBANG.persen_baru)
    metrik = {m.label: m.value for m in at.metric}
    assert metrik["SLS belum dimulai"] == str(int(acuan["belum_mulai"].sum()))
    assert metrik["SLS macet"] == str(int(acuan["macet"].sum()))
    assert metrik["SLS terlalu tinggi"] == str(int(acuan["terlalu_tinggi"].sum()))
    assert metrik["Kunjungan ulang"] == angka(int(acuan[["ulang_2", "ulang_3"]].to_numpy().sum()), 0, "id")
    tabel = [d.value for d in at.dataframe]
    for tampil in ("macet", "ulang"):
        at.segmented_control(key="tampil_cakupan").set_value(tampil).run()
        tabel += [d.value for d in at.dataframe]
    belum = next(d for d in tabel if "Keluarga menunggu" in d.columns and "PPL" in d.columns)
    assert set(belum["Kode"]) == set(acuan.index[acuan["belum_mulai"]])
    assert belum.set_index("Kode")["PPL"].to_dict() == acuan.loc[acuan["belum_mulai"], "id_ppl"].to_dict()
    macet = next(d for d in tabel if "Hari tanpa keluarga baru" in d.columns)
    at.segmented_control(key="tampil_cakupan").set_value("terlalu_tinggi").run()
    tinggi = next(d.value for d in at.dataframe if "Alasan" in d.value.columns).set_index("Kode")
    tinggi_acuan = acuan[acuan["terlalu_tinggi"]]
    assert set(tinggi.index) == set(tinggi_acuan.index)
    for kode, r in tinggi_acuan.iterrows():  # the reason names each threshold passed, and only those
        assert ("capaian > 115%" in tinggi.loc[kode, "Alasan"]) == (r["selesai"] > r["sasaran"] * 1.15)
        assert ("keluarga baru > 20%" in tinggi.loc[kode, "Alasan"]) == (r["baru"] > r["sasaran"] * 0.2)
    assert set(macet["Kode"]) == set(acuan.index[acuan["macet"]])
    per_kec = next(d for d in tabel if "SLS dimulai (%)" in d.columns).set_index("Wilayah")
    for kec in kampanye_kecil.geografi.kecamatan.itertuples():
        bagian = acuan[acuan.index.str[:7] == kec.kode]
        assert per_kec.loc[kec.nama, "Belum dimulai"] == bagian["belum_mulai"].sum()
        assert per_kec.loc[kec.nama, "Keluarga menunggu"] == bagian.loc[bagian["belum_mulai"], "sasaran"].sum()
    assert [at.segmented_control(key="tampil_cakupan").format_func(j) for j in ("belum_mulai", "macet", "ulang", "terlalu_tinggi")] == [
        f"Belum dimulai ({acuan['belum_mulai'].sum()})",
        f"Macet ({acuan['macet'].sum()})",
        f"Kunjungan ulang ({len(next(d for d in tabel if 'Perlu dikunjungi ulang' in d.columns and 'PPL' in d.columns))})",
        f"Terlalu tinggi ({acuan['terlalu_tinggi'].sum()})",
    ]


def test_ringkasan_dan_laporan_menyebut_cakupan_setelah_minggu_pertama(buka_halaman, sqlite_kecil, kampanye_kecil):
    from laporan import harian

    kab = _kab(kampanye_kecil)
    for tgl, ada in ((date(2022, 10, 20), False), (date(2022, 11, 10), True)):
        at = buka_halaman("dashboard/ringkasan.py", tanggal=tgl.isoformat())
        baris = [m.value for m in at.markdown if m.value.startswith("**Cakupan:**")]
        isi = harian.kumpulkan(sqlite_kecil, kab, tgl)
        if not ada:
            assert not baris and isi.cakupan is None
            continue
        acuan = rujukan.cakupan_sls(kampanye_kecil.tabel, tgl, AMBANG.hari_macet, AMBANG.persen_tinggi, AMBANG.persen_baru)
        jumlah = {"belum_mulai": int(acuan["belum_mulai"].sum()), "macet": int(acuan["macet"].sum()), "ulang": int(acuan[["ulang_2", "ulang_3"]].to_numpy().sum())}
        jumlah["terlalu_tinggi"] = int(acuan["terlalu_tinggi"].sum())
        assert baris == [t("ck_kepala", "id", **isi_cakupan(jumlah, "id"))]
        assert isi.cakupan == jumlah
        assert harian.baris_cakupan(jumlah, "en") in [a.text for a in harian.figur_laporan(isi, "en").layout.annotations]
