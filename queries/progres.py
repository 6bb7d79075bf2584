"""Progress counts per area and day: sasaran, selesai as of a date, daily first submissions."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from aturan.indikator import JadwalKampanye
from aturan.kode import PANJANG_ANAK, TINGKAT_DARI_PANJANG
from store.baca import di_bawah, ke_df
from store.schema import keluarga, laporan_harian, rekap_harian, rekap_sls_harian, sasaran_wilayah, wilayah


def _sampai(rh, batas: date):
    return func.coalesce(func.sum(case((rh.c.tanggal <= batas, rh.c.selesai), else_=0)), 0)


def _angka(db: Engine | Connection, saring_sasaran, saring_rekap, tanggal: date, per_kode: bool = True) -> pd.DataFrame:
    """sasaran, selesai, selesai_1, selesai_7 from the rollups, per area code (or one total)."""
    sw, rh = sasaran_wilayah, rekap_harian
    kode_sw, kode_rh = ([sw.c.kode], [rh.c.kode]) if per_kode else ([], [])
    q_sas = select(*kode_sw, func.coalesce(func.sum(sw.c.sasaran), 0).label("sasaran")).where(saring_sasaran)
    q_sls = select(
        *kode_rh,
        _sampai(rh, tanggal).label("selesai"),
        _sampai(rh, tanggal - timedelta(days=1)).label("selesai_1"),
        _sampai(rh, tanggal - timedelta(days=7)).label("selesai_7"),
    ).where(saring_rekap, rh.c.tanggal <= tanggal)
    if per_kode:
        q_sas, q_sls = q_sas.group_by(sw.c.kode), q_sls.group_by(rh.c.kode)
    sas, sls = ke_df(db, q_sas), ke_df(db, q_sls)
    return sas.merge(sls, on="kode", how="outer") if per_kode else pd.concat([sas, sls], axis=1)


def _bilangan_bulat(df: pd.DataFrame) -> pd.DataFrame:
    for k in ("sasaran", "selesai", "selesai_1", "selesai_7"):
        df[k] = pd.to_numeric(df[k]).fillna(0).astype("int64")
    return df


def rekap_anak(db: Engine | Connection, induk: str, tanggal: date) -> pd.DataFrame:
    """For each child area of induk ('' = the nation): kode, nama, sasaran, selesai, selesai_1, selesai_7."""
    if len(induk) not in PANJANG_ANAK:
        raise ValueError(f"tidak ada rekap untuk anak wilayah {induk!r}")
    daftar = ke_df(
        db,
        select(wilayah.c.kode, wilayah.c.nama)
        .where(wilayah.c.tingkat == TINGKAT_DARI_PANJANG[PANJANG_ANAK[len(induk)]], di_bawah(wilayah.c.kode, induk))
        .order_by(wilayah.c.kode),
    )
    angka = _angka(db, sasaran_wilayah.c.induk == induk, rekap_harian.c.induk == induk, tanggal)
    return _bilangan_bulat(daftar.merge(angka, on="kode", how="left"))


def rekap_turunan(db: Engine | Connection, induk: str, panjang: int, tanggal: date) -> pd.DataFrame:
    """Like rekap_anak, for every area with a code of the given length under induk (e.g. all desa of a kabupaten)."""
    if induk and PANJANG_ANAK[len(induk)] == panjang:
        return rekap_anak(db, induk, tanggal)
    tingkat = TINGKAT_DARI_PANJANG[panjang]
    daftar = ke_df(db, select(wilayah.c.kode, wilayah.c.nama).where(wilayah.c.tingkat == tingkat, di_bawah(wilayah.c.kode, induk)).order_by(wilayah.c.kode))
    sw, rh = sasaran_wilayah, rekap_harian
    angka = _angka(db, (sw.c.tingkat == tingkat) & di_bawah(sw.c.kode, induk), (rh.c.tingkat == tingkat) & di_bawah(rh.c.kode, induk), tanggal)
    return _bilangan_bulat(daftar.merge(angka, on="kode", how="left"))


def rekap_wilayah(db: Engine | Connection, kode: str, tanggal: date) -> pd.DataFrame:
    """One row for the area itself ('' = the nation), same columns as rekap_anak."""
    sw, rh = sasaran_wilayah, rekap_harian
    saring = (sw.c.tingkat == 1, rh.c.tingkat == 1) if not kode else (sw.c.kode == kode, rh.c.kode == kode)
    df = _angka(db, saring[0], saring[1], tanggal, per_kode=False)
    nama = ke_df(db, select(wilayah.c.nama).where(wilayah.c.kode == kode))
    df.insert(0, "nama", nama["nama"].iloc[0] if len(nama) else "Indonesia")
    df.insert(0, "kode", kode)
    return _bilangan_bulat(df)


def seri_harian(db: Engine | Connection, kode: str, sampai: date) -> pd.DataFrame:
    """Families whose first submission fell on each day up to sampai: tanggal, selesai_hari."""
    rh = rekap_harian
    q = select(rh.c.tanggal, func.sum(rh.c.selesai).label("selesai_hari")).where(rh.c.tanggal <= sampai, rh.c.tingkat == 1 if not kode else rh.c.kode == kode)
    df = ke_df(db, q.group_by(rh.c.tanggal).order_by(rh.c.tanggal))
    df["selesai_hari"] = pd.to_numeric(df["selesai_hari"]).astype("int64")
    return df


def rentang_data(db: Engine | Connection) -> tuple[date | None, date | None]:
    """First and last day with any submission."""
    df = ke_df(db, select(func.min(keluarga.c.tanggal).label("awal"), func.max(keluarga.c.tanggal).label("akhir")))
    awal, akhir = df.iloc[0]
    return (awal if pd.notna(awal) else None, akhir if pd.notna(akhir) else None)


def tanggal_bawaan(jadwal: JadwalKampanye, akhir_data: date | None) -> date:
    """The as-of day shown when none is chosen: the last day with data, within the day before the start and the
    last deadline (or the last day with data, if later)."""
    awal = jadwal.umum.mulai - timedelta(days=1)
    akhir = max(jadwal.selesai_terakhir, akhir_data or awal)
    return min(max(akhir_data or awal, awal), akhir)


def seri_harian_turunan(db: Engine | Connection, induk: str, panjang: int, sampai: date) -> pd.DataFrame:
    """First submissions per area (code length panjang, under induk) and day up to sampai: kode, tanggal, selesai_hari."""
    rh = rekap_harian
    q = select(rh.c.kode, rh.c.tanggal, rh.c.selesai.label("selesai_hari")).where(
        rh.c.tingkat == TINGKAT_DARI_PANJANG[panjang], di_bawah(rh.c.kode, induk), rh.c.tanggal <= sampai
    )
    df = ke_df(db, q.order_by(rh.c.kode, rh.c.tanggal))
    df["selesai_hari"] = pd.to_numeric(df["selesai_hari"]).astype("int64")
    return df


def cakupan(db: Engine | Connection, induk: str, panjang: int, tanggal: date) -> pd.DataFrame:
    """Per area: families by current result code as of tanggal (latest submission on or before it) and new families
    (by that submission's mark), from the per-SLS rollup's daily changes.

    Columns: kode, hasil_1 .. hasil_5, keluarga_baru. The area is the family's (as for selesai)."""
    rs = rekap_sls_harian
    kode = func.substr(rs.c.kode_sls, 1, panjang)
    hasil = [func.sum(rs.c[f"hasil_{h}"]).label(f"hasil_{h}") for h in range(1, 6)]
    q = select(kode.label("kode"), *hasil, func.sum(rs.c.baru_kini).label("keluarga_baru")).where(rs.c.tanggal <= tanggal)
    if induk:
        q = q.where(di_bawah(rs.c.kode_sls, induk))
    q = q.group_by(kode).having(func.sum(rs.c.selesai) > 0).order_by(kode)
    df = ke_df(db, q, ["kode", *[f"hasil_{h}" for h in range(1, 6)], "keluarga_baru"])
    return df.astype({k: "int64" for k in df.columns if k != "kode"})


def laporan_lapangan(db: Engine | Connection, induk: str, panjang: int, tanggal: date) -> pd.DataFrame:
    """Cumulative daily tallies from paper field reports per area up to tanggal: kode, laporan_selesai."""
    lh = laporan_harian
    dalam = select(func.substr(lh.c.kode_sls, 1, panjang).label("kode"), lh.c.selesai).where(lh.c.tanggal <= tanggal)
    if induk:
        dalam = dalam.where(lh.c.kode_sls.like(induk + "%"))
    sub = dalam.subquery()
    df = ke_df(db, select(sub.c.kode, func.sum(sub.c.selesai).label("laporan_selesai")).group_by(sub.c.kode).order_by(sub.c.kode))
    df["laporan_selesai"] = pd.to_numeric(df["laporan_selesai"]).astype("int64")
    return df
