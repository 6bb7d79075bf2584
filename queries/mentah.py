"""Progress and officer figures straight from the per-family table and the submissions, without rollups: the naive reference."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, Engine, case, func, or_, select

from aturan.kode import KOLOM_KODE, PANJANG_ANAK, TINGKAT_DARI_PANJANG
from store.baca import di_bawah, ke_df
from store.schema import beban, keluarga, keluarga_ringkas, wilayah


def _sum_sampai(kolom, batas: date):
    return func.coalesce(func.sum(case((kolom <= batas, 1), else_=0)), 0)


def _rekap(db: Engine | Connection, kolom_grup: str | None, kolom_saring: str | None, kode: str, tanggal: date) -> pd.DataFrame:
    """sasaran, selesai, selesai_1, selesai_7 grouped by an area column (or one total)."""
    r = keluarga_ringkas
    tp = r.c.tanggal_pertama
    sel_sas = [func.coalesce(func.sum(beban.c.sasaran_keluarga), 0).label("sasaran")]
    sel_sls = [
        _sum_sampai(tp, tanggal).label("selesai"),
        _sum_sampai(tp, tanggal - timedelta(days=1)).label("selesai_1"),
        _sum_sampai(tp, tanggal - timedelta(days=7)).label("selesai_7"),
    ]
    q_sas = select(*([beban.c[kolom_grup].label("kode")] if kolom_grup else []), *sel_sas)
    q_sls = select(*([r.c[kolom_grup].label("kode")] if kolom_grup else []), *sel_sls).where(tp <= tanggal)
    if kolom_saring:
        q_sas = q_sas.where(beban.c[kolom_saring] == kode)
        q_sls = q_sls.where(di_bawah(r.c.kode_sls, kode))  # the area's SLS codes: a range its index serves
    if kolom_grup:
        q_sas = q_sas.group_by(beban.c[kolom_grup])
        q_sls = q_sls.group_by(r.c[kolom_grup])
    sas = ke_df(db, q_sas)
    sls = ke_df(db, q_sls)
    if not kolom_grup:
        return pd.concat([sas, sls], axis=1)
    return sas.merge(sls, on="kode", how="outer")


def rekap_anak(db: Engine | Connection, induk: str, tanggal: date) -> pd.DataFrame:
    """For each child area of induk ('' = the nation): kode, nama, sasaran, selesai, selesai_1, selesai_7."""
    if len(induk) not in PANJANG_ANAK:
        raise ValueError(f"tidak ada rekap untuk anak wilayah {induk!r}")
    return rekap_turunan(db, induk, PANJANG_ANAK[len(induk)], tanggal)


def rekap_turunan(db: Engine | Connection, induk: str, panjang: int, tanggal: date) -> pd.DataFrame:
    """Like rekap_anak, for every area with a code of the given length under induk (e.g. all desa of a kabupaten)."""
    kolom = KOLOM_KODE[panjang]
    q = select(wilayah.c.kode, wilayah.c.nama).where(wilayah.c.tingkat == TINGKAT_DARI_PANJANG[panjang])
    if induk:
        q = q.where(wilayah.c.kode.like(induk + "%"))
    daftar = ke_df(db, q.order_by(wilayah.c.kode))
    angka = _rekap(db, kolom, KOLOM_KODE.get(len(induk)), induk, tanggal)
    df = daftar.merge(angka, on="kode", how="left")
    for k in ("sasaran", "selesai", "selesai_1", "selesai_7"):
        df[k] = pd.to_numeric(df[k]).fillna(0).astype("int64")
    return df


def rekap_wilayah(db: Engine | Connection, kode: str, tanggal: date) -> pd.DataFrame:
    """One row for the area itself ('' = the nation), same columns as rekap_anak."""
    df = _rekap(db, None, KOLOM_KODE.get(len(kode)), kode, tanggal)
    nama = ke_df(db, select(wilayah.c.nama).where(wilayah.c.kode == kode))
    df.insert(0, "nama", nama["nama"].iloc[0] if len(nama) else "Indonesia")
    df.insert(0, "kode", kode)
    for k in ("sasaran", "selesai", "selesai_1", "selesai_7"):
        df[k] = pd.to_numeric(df[k]).fillna(0).astype("int64")
    return df


def seri_harian(db: Engine | Connection, kode: str, sampai: date) -> pd.DataFrame:
    """Families whose first submission fell on each day up to sampai: tanggal, selesai_hari."""
    r = keluarga_ringkas
    q = select(r.c.tanggal_pertama.label("tanggal"), func.count().label("selesai_hari")).where(r.c.tanggal_pertama <= sampai)
    if kode:
        q = q.where(di_bawah(r.c.kode_sls, kode))
    return ke_df(db, q.group_by(r.c.tanggal_pertama).order_by(r.c.tanggal_pertama))


def seri_harian_turunan(db: Engine | Connection, induk: str, panjang: int, sampai: date) -> pd.DataFrame:
    """First submissions per area (code length panjang, under induk) and day up to sampai: kode, tanggal, selesai_hari."""
    r = keluarga_ringkas
    kolom = r.c[KOLOM_KODE[panjang]]
    q = select(kolom.label("kode"), r.c.tanggal_pertama.label("tanggal"), func.count().label("selesai_hari")).where(r.c.tanggal_pertama <= sampai)
    if induk:
        q = q.where(di_bawah(r.c.kode_sls, induk))
    return ke_df(db, q.group_by(kolom, r.c.tanggal_pertama).order_by(kolom, r.c.tanggal_pertama))


def harian_ppl(db: Engine | Connection, induk: str, sampai: date) -> pd.DataFrame:
    """Per PPL and day up to sampai: selesai_hari and baru_hari of the families first submitted (area = induk)."""
    r = keluarga_ringkas
    q = (
        select(r.c.id_ppl, r.c.tanggal_pertama.label("tanggal"), func.count().label("selesai_hari"), func.sum(r.c.keluarga_baru).label("baru_hari"))
        .where(di_bawah(r.c.kode_sls, induk), r.c.tanggal_pertama <= sampai)
        .group_by(r.c.id_ppl, r.c.tanggal_pertama)
    )
    return ke_df(db, q)


def _ppl_wilayah(induk: str):
    return select(beban.c.id_ppl).where(beban.c.kode_sls.startswith(induk, autoescape=True)).distinct()


def kiriman_harian(db: Engine | Connection, induk: str, sampai: date) -> pd.DataFrame:
    """Submissions (corrections included) per PPL with workload in induk and day up to sampai: id_ppl, tanggal, kiriman_hari."""
    k = keluarga
    q = select(k.c.id_ppl, k.c.tanggal, func.count().label("kiriman_hari")).where(k.c.id_ppl.in_(_ppl_wilayah(induk)), k.c.tanggal <= sampai)
    return ke_df(db, q.group_by(k.c.id_ppl, k.c.tanggal))


def tunggakan_periksa(db: Engine | Connection, induk: str, tanggal: date, hari: int) -> pd.DataFrame:
    """Per PPL with workload in induk: submissions at least `hari` days old by tanggal (matang) and those of them
    not checked by tanggal (belum_periksa)."""
    k = keluarga
    belum = or_(k.c.tanggal_periksa.is_(None), k.c.tanggal_periksa > tanggal)
    q = (
        select(k.c.id_ppl, func.count().label("matang"), func.sum(case((belum, 1), else_=0)).label("belum_periksa"))
        .where(k.c.id_ppl.in_(_ppl_wilayah(induk)), k.c.tanggal <= tanggal - timedelta(days=hari))
        .group_by(k.c.id_ppl)
    )
    return ke_df(db, q)


def durasi_ppl(db: Engine | Connection, induk: str, sampai: date) -> pd.DataFrame:
    """Histogram of whole interview minutes (halves rounded up) of the families' first submissions up to sampai,
    per PPL, from the per-family table: id_ppl, menit, jumlah."""
    r = keluarga_ringkas
    menit = func.floor(r.c.durasi_pertama + 0.5).label("menit")
    q = select(r.c.id_ppl, menit, func.count().label("jumlah")).where(
        r.c.kode_sls.startswith(induk, autoescape=True), r.c.tanggal_pertama <= sampai, r.c.durasi_pertama.is_not(None)
    )
    return ke_df(db, q.group_by(r.c.id_ppl, menit))
