"""Rollups equal a recomputation from the raw submissions after every import, correction and re-import."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select, text

from aturan.ambang import AMBANG_CAKUPAN, AMBANG_KUALITAS
from aturan.cakupan import KOLOM_AREA, AmbangCakupan, gabung_area, hitung_per_area, sidik_cakupan, total
from aturan.kinerja import BELUM_DIPERIKSA
from aturan.kode import TINGKAT_AREA
from demo.kampanye import buat_kampanye
from queries import cakupan_sls
from store import rekap
from store.baca import baca_jadwal
from store.impor.tulis import BARIS_ANALISIS, impor_tabel
from store.schema import (
    beban,
    jadwal,
    keluarga,
    meta,
    rekap_cakupan,
    rekap_durasi,
    rekap_harian,
    rekap_kiriman,
    rekap_paradata,
    rekap_ppl_harian,
    rekap_sls_harian,
    sasaran_wilayah,
)
from store.siapkan import muat_kampanye
from store.tarik import tarik_impor
from tests import rujukan
from tests.conftest import SEED_KECIL, engine_pg_baru, hapus_skema_pg, sqlite_baru


def _baca(eng, tabel) -> pd.DataFrame:
    with eng.connect() as conn:
        return pd.DataFrame(conn.execute(select(tabel)).mappings().all())


def _dari_mentah(eng) -> tuple[pd.DataFrame, ...]:
    """The five rollups computed in pandas straight from the submissions and workloads tables."""
    k = _baca(eng, keluarga).sort_values(["id_keluarga", "tanggal"])
    periksa = k["tanggal_periksa"].where(k["tanggal_periksa"].notna(), BELUM_DIPERIKSA)
    kiriman = k.assign(tanggal_periksa=periksa).groupby(["id_ppl", "tanggal", "tanggal_periksa"]).size().reset_index(name="kiriman")
    pertama = k.groupby("id_keluarga")["tanggal"].min()
    akhir = k.groupby("id_keluarga").tail(1).set_index("id_keluarga")
    durasi_pertama = k.groupby("id_keluarga").head(1).set_index("id_keluarga")["durasi_menit"]  # of the earliest submission, even if empty
    f = pd.DataFrame({"tanggal": pertama, "kode_sls": akhir["kode_sls"], "id_ppl": akhir["id_ppl"], "baru": akhir["keluarga_baru"].astype(int)})
    d = f.assign(menit=np.floor(durasi_pertama.astype(float) + 0.5), kode_kec=f["kode_sls"].str[:7]).dropna(subset=["menit"])
    durasi = d.astype({"menit": "int64"}).groupby(["kode_kec", "id_ppl", "tanggal", "menit"]).size().reset_index(name="jumlah")
    harian = []
    for panjang, tingkat, panjang_induk in TINGKAT_AREA:
        g = f.assign(kode=f["kode_sls"].str[:panjang]).groupby(["kode", "tanggal"]).agg(selesai=("baru", "size"), baru=("baru", "sum")).reset_index()
        harian.append(g.assign(induk=g["kode"].str[:panjang_induk], tingkat=tingkat))
    ppl = f.assign(kode_kec=f["kode_sls"].str[:7]).groupby(["id_ppl", "kode_kec", "tanggal"]).agg(selesai=("baru", "size"), baru=("baru", "sum")).reset_index()
    b = _baca(eng, beban)
    sasaran = []
    for panjang, tingkat, panjang_induk in TINGKAT_AREA:
        g = b.assign(kode=b["kode_sls"].str[:panjang]).groupby("kode").agg(sasaran=("sasaran_keluarga", "sum"), jumlah_sls=("kode_sls", "size")).reset_index()
        sasaran.append(g.assign(induk=g["kode"].str[:panjang_induk], tingkat=tingkat))
    # per SLS: families by first day, and each day a family's current result entered a code (+1) or left it (-1),
    # or its latest submission's new-family mark changed
    hasil = [f"hasil_{h}" for h in range(1, 6)]
    awal = f.reset_index().rename(columns={"index": "id_keluarga"}).assign(selesai=1, **{c: 0 for c in [*hasil, "baru_kini"]})
    milik = k[["id_keluarga", "tanggal", "hasil", "keluarga_baru"]].assign(kode_sls=k["id_keluarga"].map(akhir["kode_sls"]), id_ppl=k["id_keluarga"].map(akhir["id_ppl"]))
    for nama, kini in [*[(f"hasil_{h}", (milik["hasil"] == h).astype(int)) for h in range(1, 6)], ("baru_kini", milik["keluarga_baru"].astype(int))]:
        milik[nama] = kini - kini.groupby(milik["id_keluarga"]).shift(1, fill_value=0)
    ubah = milik.assign(selesai=0, baru=0)
    nilai = ["selesai", "baru", *hasil, "baru_kini"]
    kolom_sls = ["kode_sls", "id_ppl", "tanggal", *nilai]
    sls = pd.concat([awal[kolom_sls], ubah[kolom_sls]]).groupby(["kode_sls", "id_ppl", "tanggal"], as_index=False).sum()
    sls = sls[(sls[nilai] != 0).any(axis=1)]
    return pd.concat(harian, ignore_index=True), ppl, pd.concat(sasaran, ignore_index=True), kiriman, durasi, sls


def _sama(a: pd.DataFrame, b: pd.DataFrame, kunci: list[str]) -> None:
    kolom = sorted(a.columns)
    angka = ("selesai", "baru", "sasaran", "jumlah_sls", "tingkat", "kiriman", "jumlah", "menit", "hasil_1", "hasil_2", "hasil_3", "hasil_4", "hasil_5", "baru_kini")
    bilangan = {c: "int64" for c in kolom if c in angka}
    a = a[kolom].sort_values(kunci).reset_index(drop=True).astype(bilangan)
    b = b[kolom].sort_values(kunci).reset_index(drop=True).astype(bilangan)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def _cakupan_mentah(tabel: dict[str, pd.DataFrame], tgl) -> pd.DataFrame:
    """Coverage counts per kecamatan as of tgl, from the raw rows (tests/rujukan.py)."""
    a = AMBANG_CAKUPAN
    r = rujukan.cakupan_sls(tabel, tgl, a.hari_macet, a.persen_tinggi, a.persen_baru).reset_index()
    r = r.assign(kode=r["kode_sls"].str[:7], ulang=r["ulang_2"] + r["ulang_3"], sasaran_belum=r["sasaran"].where(r["belum_mulai"], 0))
    r["sls_ulang"] = r["ulang"] > 0
    g = r.groupby("kode").agg(
        jumlah_sls=("kode_sls", "size"),
        **{k: (k, "sum") for k in ("belum_mulai", "sasaran_belum", "macet", "sls_ulang", "ulang", "terlalu_tinggi")},
    )
    return g.astype("int64").reset_index()


def periksa_cakupan(eng) -> None:
    """The per-kecamatan daily coverage counts equal the raw recomputation on the first and last day built and
    days between, and the national and province counts read from them equal it on days outside those too."""
    tabel = {"beban": _baca(eng, beban), "keluarga": _baca(eng, keluarga), "jadwal": _baca(eng, jadwal)}
    with eng.connect() as conn:
        isi = dict(conn.execute(select(meta.c.kunci, meta.c.nilai)).all())
    jk = baca_jadwal(eng)
    assert isi["cakupan_sidik"] == sidik_cakupan(AMBANG_CAKUPAN, jk)
    simpan = _baca(eng, rekap_cakupan)
    awal, akhir = (pd.Timestamp(isi[k]).date() for k in ("cakupan_awal", "cakupan_akhir"))
    assert awal < tabel["keluarga"]["tanggal"].min() and akhir >= max(tabel["keluarga"]["tanggal"].max(), jk.selesai_terakhir)
    assert set(simpan["tanggal"]) == {awal + timedelta(days=i) for i in range((akhir - awal).days + 1)}
    kolom = ["kode", *KOLOM_AREA]
    tengah = awal + (akhir - awal) / 2
    for tgl in (awal, awal + timedelta(days=8), tengah, jk.umum.selesai, akhir):
        mentah = _cakupan_mentah(tabel, tgl)
        hari = simpan[simpan["tanggal"] == tgl].rename(columns={"kode_kec": "kode"})
        pd.testing.assert_frame_equal(hari[kolom].sort_values("kode").reset_index(drop=True), mentah[kolom], check_dtype=False)
    prov = tabel["beban"]["kode_sls"].str[:2].iloc[0]
    for tgl in (awal - timedelta(days=4), tengah, akhir + timedelta(days=9)):
        mentah = _cakupan_mentah(tabel, tgl)
        kab = tabel["beban"]["kode_sls"].str[:4].iloc[0]
        for induk, panjang in (("", 2), (prov, 4), (kab, 4), (kab, 7)):  # a kabupaten's overview and its kecamatan map
            dibaca = cakupan_sls.per_area(eng, induk, panjang, tgl, AMBANG_CAKUPAN, jk)
            harap = gabung_area(mentah[mentah["kode"].str.startswith(induk)], panjang)
            pd.testing.assert_frame_equal(dibaca, harap, check_dtype=False)


def periksa_rekap(eng) -> None:
    periksa_cakupan(eng)
    harian, ppl, sasaran, kiriman, durasi, sls = _dari_mentah(eng)
    _sama(_baca(eng, rekap_sls_harian), sls, ["kode_sls", "id_ppl", "tanggal"])
    _sama(_baca(eng, rekap_harian), harian, ["kode", "tanggal"])
    _sama(_baca(eng, rekap_ppl_harian), ppl, ["id_ppl", "kode_kec", "tanggal"])
    _sama(_baca(eng, sasaran_wilayah), sasaran, ["kode"])
    _sama(_baca(eng, rekap_kiriman), kiriman, ["id_ppl", "tanggal", "tanggal_periksa"])
    _sama(_baca(eng, rekap_durasi), durasi, ["kode_kec", "id_ppl", "tanggal", "menit"])
    kunci = ["id_ppl", "kode_kec", "tanggal"]
    para = _baca(eng, rekap_paradata).sort_values(kunci).reset_index(drop=True)
    harap = rujukan.paradata_harian(_baca(eng, keluarga), AMBANG_KUALITAS).sort_values(kunci).reset_index(drop=True)
    assert len(harap) and harap["tumpang"].sum() and harap["malam"].sum() and harap["luar_desa"].sum() and harap["menumpuk"].sum()
    pd.testing.assert_frame_equal(para, harap[para.columns], check_dtype=False, check_exact=False, atol=0.05)


def _koreksi(kampanye, rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Submissions that change the rollups: later re-submissions moved to another SLS (and PPL), submissions
    dated before a family's first (its first day moves earlier), and new families; some checked a day later."""
    kel = kampanye.tabel["keluarga"]
    b = kampanye.tabel["beban"]
    contoh = kel.drop_duplicates("id_keluarga").sample(n, random_state=int(rng.integers(1 << 30)))
    sls = b.sample(n, replace=True, random_state=int(rng.integers(1 << 30)))
    pindah = contoh.head(n // 3).assign(
        tanggal=lambda d: d["tanggal"] + timedelta(days=9), kode_sls=sls["kode_sls"].to_numpy()[: n // 3], id_ppl=sls["id_ppl"].to_numpy()[: n // 3], keluarga_baru=1
    )
    awal = contoh.iloc[n // 3 : 2 * n // 3].assign(tanggal=lambda d: d["tanggal"] - timedelta(days=3))
    baru = sls.tail(n - 2 * (n // 3)).assign(
        id_keluarga=[f"BARU-{rng.integers(1 << 40)}" for _ in range(n - 2 * (n // 3))], tanggal=contoh["tanggal"].to_numpy()[: n - 2 * (n // 3)], hasil=1, keluarga_baru=1
    )[["id_keluarga", "tanggal", "kode_sls", "id_ppl", "hasil", "keluarga_baru"]]
    kolom = ["id_keluarga", "tanggal", "kode_sls", "id_ppl", "hasil", "keluarga_baru"]
    out = pd.concat([pindah[kolom], awal[kolom], baru[kolom]], ignore_index=True)
    out["hasil"] = np.where(rng.random(len(out)) < 0.4, rng.choice([1, 2, 3], len(out)), out["hasil"])  # families enter and leave the revisit list
    out["durasi_menit"] = np.where(rng.random(len(out)) < 0.6, np.round(rng.uniform(2, 40, len(out)) * 2) / 2, np.nan)  # halves too
    # paradata: points near other families of the campaign (some in another desa), interviews in the day, at night,
    # and some overlapping the PPL's other interviews of that day
    asal = kel.sample(len(out), replace=True, random_state=int(rng.integers(1 << 30)))
    ada_titik = rng.random(len(out)) < 0.7
    out["lintang"] = np.where(ada_titik, asal["lintang"].to_numpy() + rng.normal(0, 0.0003, len(out)), np.nan)
    out["bujur"] = np.where(ada_titik, asal["bujur"].to_numpy() + rng.normal(0, 0.0003, len(out)), np.nan)
    jam = rng.choice([9.0, 9.25, 13.5, 22.5, 23.0], len(out))
    mulai = [datetime.combine(d, datetime.min.time()) + timedelta(hours=float(j)) for d, j in zip(out["tanggal"], jam, strict=True)]
    ada_waktu = rng.random(len(out)) < 0.8
    out["waktu_mulai"] = [m.isoformat(sep=" ") if a else "" for m, a in zip(mulai, ada_waktu, strict=True)]
    out["waktu_selesai"] = [(m + timedelta(minutes=25)).isoformat(sep=" ") if a else "" for m, a in zip(mulai, ada_waktu, strict=True)]
    diperiksa = rng.random(len(out)) < 0.5
    out["tanggal_periksa"] = [(d + timedelta(days=1)).isoformat() if p else None for d, p in zip(out["tanggal"], diperiksa, strict=True)]
    out["tanggal"] = [d.isoformat() for d in out["tanggal"]]
    return out


def test_rekap_sama_dengan_mentah_setelah_impor_koreksi_dan_impor_ulang(db_kosong_semua, kampanye_kecil, monkeypatch):
    monkeypatch.setattr(rekap, "SLS_SEPOTONG", 7)  # the coverage rollup is built in many pieces, as at national scale
    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    periksa_rekap(eng)
    rng = np.random.default_rng(7)
    for putaran in range(3):
        koreksi = _koreksi(kampanye_kecil, rng, 300)
        hasil = impor_tabel(eng, "keluarga", koreksi, f"koreksi-{putaran}.csv")
        assert hasil.dimuat > 0, hasil.ditolak.head()
        periksa_rekap(eng)
        ulang = impor_tabel(eng, "keluarga", koreksi, f"koreksi-{putaran}.csv")  # the same file again: nothing changes
        assert ulang.dimuat == 0
        periksa_rekap(eng)
        if putaran == 1:  # a withdrawn import takes its effect on every rollup with it
            tarik_impor(eng, hasil.id_impor)
            periksa_rekap(eng)
    beban_baru = kampanye_kecil.tabel["beban"].head(40).assign(sasaran_keluarga=lambda d: d["sasaran_keluarga"] + 5)
    impor_tabel(eng, "beban", beban_baru, "beban-revisi.csv")
    periksa_rekap(eng)
    # an extended deadline for one kecamatan changes which SLS are stalled after the campaign's end
    kec = kampanye_kecil.tabel["beban"]["kode_sls"].str[:7].iloc[0]
    mulai = kampanye_kecil.tabel["jadwal"]["mulai"].iloc[0]
    lanjut = impor_tabel(eng, "jadwal", pd.DataFrame([{"mulai": mulai, "selesai": "2022-11-28", "kode_wilayah": kec}]), "perpanjangan.csv")
    assert lanjut.dimuat == 1, lanjut.ditolak
    periksa_cakupan(eng)
    telat = _koreksi(kampanye_kecil, rng, 30).assign(tanggal="2022-11-30", tanggal_periksa=None)  # on the last day of the schedule
    assert impor_tabel(eng, "keluarga", telat, "telat.csv").dimuat > 0
    periksa_rekap(eng)


def test_cakupan_dengan_ambang_lain_dihitung_dari_sls(sqlite_kecil):
    """Counts asked for other thresholds than the rollup was built for come from the SLS checks, not the rollup."""
    jk = baca_jadwal(sqlite_kecil)
    lain = AmbangCakupan(hari_macet=1, persen_tinggi=101.0)
    tgl = jk.umum.selesai
    dibaca = cakupan_sls.per_area(sqlite_kecil, "", 2, tgl, lain, jk)
    harap = hitung_per_area(cakupan_sls.tandai_area(sqlite_kecil, "", tgl, lain, jk), 2)
    pd.testing.assert_frame_equal(dibaca, harap)
    assert total(dibaca) != total(cakupan_sls.per_area(sqlite_kecil, "", 2, tgl, AMBANG_CAKUPAN, jk))


def test_rekap_dibangun_untuk_basis_data_lama(db_kosong_semua, kampanye_kecil):
    """A database filled before the rollups existed gets them on the next start (or init-db)."""
    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    with eng.begin() as conn:
        for t in ("rekap_harian", "rekap_ppl_harian", "rekap_kiriman", "rekap_durasi", "sasaran_wilayah"):
            conn.execute(text("DELETE FROM " + t))  # fixed table names
        conn.execute(text("DELETE FROM meta WHERE kunci = 'versi_rekap'"))
    with eng.begin() as conn:
        assert rekap.pastikan(conn)
        assert not rekap.pastikan(conn)
    periksa_rekap(eng)


def test_impor_beririsan_sama_dengan_sekaligus(tmp_path, kampanye_kecil, monkeypatch):
    """A file written in many small slices stores the same rows and rollups, and a second pass finds all duplicates."""
    from store.impor import tulis

    monkeypatch.setattr(tulis, "IRISAN", 257)
    eng = sqlite_baru(tmp_path / "irisan.sqlite", kampanye_kecil)
    periksa_rekap(eng)
    kel = kampanye_kecil.tabel["keluarga"]
    assert len(_baca(eng, keluarga)) == len(kel)
    ulang = impor_tabel(eng, "keluarga", kel, "keluarga-lagi.csv")
    assert ulang.dimuat == 0 and ulang.duplikat == len(kel)
    koreksi = _koreksi(kampanye_kecil, np.random.default_rng(3), 900)
    assert impor_tabel(eng, "keluarga", koreksi, "koreksi.csv").dimuat > 0
    periksa_rekap(eng)
    eng.dispose()


REKAP_LAMA = {
    # the per-SLS rollup with the columns of an older version (ulang_2, ulang_3)
    "kolom": (
        "rekap_sls_harian",
        "CREATE TABLE rekap_sls_harian (kode_sls VARCHAR(16) NOT NULL, id_ppl VARCHAR(64) NOT NULL, tanggal DATE NOT NULL, selesai INTEGER NOT NULL,"
        " baru INTEGER NOT NULL, ulang_2 INTEGER NOT NULL, ulang_3 INTEGER NOT NULL, PRIMARY KEY (kode_sls, id_ppl, tanggal))",
    ),
    # the minute histogram with the same columns but an older key (day before minute) and, in SQLite, rowid storage
    "kunci": (
        "rekap_durasi",
        "CREATE TABLE rekap_durasi (kode_kec VARCHAR(7) NOT NULL, id_ppl VARCHAR(64) NOT NULL, tanggal DATE NOT NULL, menit INTEGER NOT NULL,"
        " jumlah INTEGER NOT NULL, PRIMARY KEY (kode_kec, id_ppl, tanggal, menit))",
    ),
}


@pytest.mark.parametrize("lama", sorted(REKAP_LAMA))
def test_rekap_lama_dibuat_ulang(db_kosong_semua, kampanye_kecil, lama):
    """A database whose rollup is of an older make (other columns, or another key or storage) gets the table as
    defined from buat_skema (in SQLite stored in its key's order) and its contents from the next start, equal to
    the raw rows; the table as defined is then left alone."""
    from store.db import buat_skema

    tabel, ddl = REKAP_LAMA[lama]
    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    with eng.begin() as conn:
        conn.execute(text(f"DROP TABLE {tabel}"))
        conn.execute(text(ddl))
        conn.execute(text("UPDATE meta SET nilai = '6' WHERE kunci = 'versi_rekap'"))
    assert f"{tabel} (dibuat ulang)" in buat_skema(eng)
    assert buat_skema(eng) == []
    with eng.begin() as conn:
        assert rekap.pastikan(conn)
        if eng.dialect.name == "sqlite":
            assert "WITHOUT ROWID" in conn.execute(text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": tabel}).scalar().upper()
    periksa_rekap(eng)


def test_indeks_ringkas_lama_dihapus(db_kosong_semua, kampanye_kecil):
    """A database made with one per-family index per area level gets them dropped and the one SLS-code index in
    their place from buat_skema; an area's and a province's reads through it give the same rows as before."""
    from sqlalchemy import inspect

    from store.db import buat_skema
    from store.schema import INDEKS_USANG

    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    usang = INDEKS_USANG["keluarga_ringkas"]
    with eng.begin() as conn:
        conn.execute(text("DROP INDEX ix_ringkas_sls_tgl"))
        for nama, kolom in zip(usang, ("kode_prov", "kode_kab", "kode_kec", "kode_desa"), strict=True):
            conn.execute(text(f"CREATE INDEX {nama} ON keluarga_ringkas ({kolom}, tanggal_pertama)"))
    berubah = buat_skema(eng)
    assert {f"indeks {n} (dihapus)" for n in usang} | {"indeks ix_ringkas_sls_tgl"} == set(berubah)
    assert buat_skema(eng) == []
    indeks = {i["name"] for i in inspect(eng).get_indexes("keluarga_ringkas")}
    assert "ix_ringkas_sls_tgl" in indeks and not indeks & set(usang)
    with eng.begin() as conn:  # the rebuild of one province's rollups reads its families by SLS code range
        rekap.bangun_ulang(conn, sorted(kampanye_kecil.geografi.kabupaten["kode"].str[:2].unique()))
    periksa_rekap(eng)


def test_paradata_impor_pertama_dari_baris_yang_ditulis(tmp_path, kampanye_kecil, monkeypatch):
    """A first import into an empty table, alone, builds the field-quality rollup from the rows it wrote (in many
    slices here) instead of reading every submission back, and the rollup equals the raw recomputation."""
    from store import paradata
    from store.impor import tulis

    monkeypatch.setattr(tulis, "IRISAN", 997)
    dibaca: list[str] = []
    asli = paradata.ke_df
    monkeypatch.setattr(paradata, "ke_df", lambda db, stmt, kolom=None: dibaca.append(str(stmt)) or asli(db, stmt, kolom))  # every read of submissions there
    eng = sqlite_baru(tmp_path / "pertama.sqlite", kampanye_kecil)
    assert dibaca == []
    periksa_rekap(eng)
    eng.dispose()


def test_paradata_impor_pertama_satu_provinsi_dari_baris_yang_ditulis(kampanye_kecil, monkeypatch):
    """On PostgreSQL a first one-province import (under its province's lock) also builds its officers'
    field-quality rollup from the rows it wrote, computed beside the SQL, not read back; it equals the raw one."""
    from store import paradata
    from store.impor import tulis

    monkeypatch.setattr(tulis, "IRISAN", 997)
    dibaca: list[str] = []
    asli = paradata.ke_df
    monkeypatch.setattr(paradata, "ke_df", lambda db, stmt, kolom=None: dibaca.append(str(stmt)) or asli(db, stmt, kolom))
    provinsi = []
    asli_kunci = tulis.kunci_provinsi
    monkeypatch.setattr(tulis, "kunci_provinsi", lambda conn, daftar, *a, **k: provinsi.append(daftar) or asli_kunci(conn, daftar, *a, **k))
    eng, skema = engine_pg_baru()
    try:
        muat_kampanye(eng, kampanye_kecil)
        assert provinsi and dibaca == []  # the province path, and no submission read back
        periksa_rekap(eng)
    finally:
        hapus_skema_pg(eng, skema)


def test_impor_besar_satu_provinsi_menyegarkan_statistik(monkeypatch):
    """A large import of one province on PostgreSQL (the path that commits before refreshing statistics, so other
    provinces do not queue behind it) leaves planner statistics on the per-family table and every rollup: the
    first page read after it is planned on their real sizes, not on an empty table's. (Its first day is loaded
    first: a bulk first load into an empty table takes the whole lock instead, see the next test.)"""
    from store.impor import tulis

    eng, skema = engine_pg_baru()
    try:
        kampanye = buat_kampanye(seed=SEED_KECIL, skala=0.15)
        kel = kampanye.tabel["keluarga"]
        pertama = kel["tanggal"] == kel["tanggal"].min()
        assert len(kel[~pertama]) >= BARIS_ANALISIS and kampanye.geografi.kabupaten["kode"].str[:2].nunique() == 1
        muat_kampanye(eng, replace(kampanye, tabel=kampanye.tabel | {"keluarga": kel[pertama]}))
        provinsi = []
        asli_kunci = tulis.kunci_provinsi
        monkeypatch.setattr(tulis, "kunci_provinsi", lambda conn, daftar, *a, **k: provinsi.append(daftar) or asli_kunci(conn, daftar, *a, **k))
        assert impor_tabel(eng, "keluarga", kel[~pertama], "sisa.csv").jumlah_ditolak == 0
        assert provinsi == [["99"]]  # the province path
        with eng.connect() as conn:
            q = text("SELECT relname, reltuples FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'")
            baris = dict(conn.execute(q).all())
        assert {t: baris[t] for t in rekap.TABEL_STATISTIK + rekap.TABEL_STATISTIK_PG if baris[t] <= 0} == {}
    finally:
        hapus_skema_pg(eng, skema)


def _indeks_pg(eng) -> set[tuple[str, str, str]]:
    """Every index of the schema (primary keys included), as (table, name, definition without the schema's name)."""
    with eng.connect() as conn:
        skema = conn.execute(text("SELECT current_schema()")).scalar()
        q = text("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
        return {(t, n, d.replace(f"{skema}.", "")) for t, n, d in conn.execute(q).all()}


def test_muat_pertama_besar_di_postgresql_kunci_penuh_indeks_dibangun_ulang(monkeypatch):
    """A bulk first load of one province into an empty PostgreSQL database takes the whole lock, not its
    province's, and writes the submissions, the per-family table and the big rollups with their indexes dropped
    (primary keys too) and built after: afterwards every index is back as a fresh schema has it, under the same
    name, the schema's definitions still create their primary keys, and every rollup equals the raw rows."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateTable

    from store import db
    from store.db import buat_skema
    from store.impor import tulis

    kosong, skema_kosong = engine_pg_baru()
    eng, skema = engine_pg_baru()
    dibuang: list[str] = []
    asli_ditunda = db.indeks_ditunda

    def catat(conn, tabel, ya=True, kosong=False):
        if ya and kosong:
            dibuang.append(tabel.name)
        return asli_ditunda(conn, tabel, ya, kosong)

    for modul in (tulis, rekap):
        monkeypatch.setattr(modul, "indeks_ditunda", catat)
    provinsi = []
    monkeypatch.setattr(tulis, "kunci_provinsi", lambda conn, daftar, *a, **k: provinsi.append(daftar))
    monkeypatch.setattr(tulis, "MUAT_PERTAMA_BESAR", BARIS_ANALISIS)  # a bulk first load, at a test's size
    try:
        buat_skema(kosong)
        kampanye = buat_kampanye(seed=SEED_KECIL, skala=0.15)
        assert len(kampanye.tabel["keluarga"]) >= BARIS_ANALISIS
        muat_kampanye(eng, kampanye)
        assert provinsi == [] and {"keluarga", "keluarga_ringkas", "rekap_durasi", "rekap_harian"} <= set(dibuang)
        assert _indeks_pg(eng) == _indeks_pg(kosong)
        for tabel in (keluarga, rekap_harian, rekap_durasi):
            assert "PRIMARY KEY" in str(CreateTable(tabel).compile(dialect=sqlite.dialect()))
        periksa_rekap(eng)
    finally:
        hapus_skema_pg(eng, skema)
        hapus_skema_pg(kosong, skema_kosong)
