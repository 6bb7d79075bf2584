"""Progress counts per area and day: sasaran, selesai as of a date, daily first submissions."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from queries._jalankan import ke_df
from queries.indikator import Jadwal
from store.schema import beban, jadwal, keluarga, keluarga_ringkas, rencana, wilayah

# Which derived column holds an area's code, by the length of that code.
KOLOM_KODE = {2: "kode_prov", 4: "kode_kab", 7: "kode_kec", 10: "kode_desa"}
ANAK = {0: "kode_prov", 2: "kode_kab", 4: "kode_kec", 7: "kode_desa"}


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
        q_sls = q_sls.where(r.c[kolom_saring] == kode)
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
    if len(induk) not in ANAK:
        raise ValueError(f"tidak ada rekap untuk anak wilayah {induk!r}")
    anak = ke_df(db, select(wilayah.c.kode, wilayah.c.nama).where(wilayah.c.induk == induk if induk else wilayah.c.tingkat == 1).order_by(wilayah.c.kode))
    angka = _rekap(db, ANAK[len(induk)], KOLOM_KODE.get(len(induk)), induk, tanggal)
    df = anak.merge(angka, on="kode", how="left")
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
        q = q.where(r.c[KOLOM_KODE[len(kode)]] == kode)
    return ke_df(db, q.group_by(r.c.tanggal_pertama).order_by(r.c.tanggal_pertama))


def rentang_data(db: Engine | Connection) -> tuple[date | None, date | None]:
    """First and last day with any submission."""
    df = ke_df(db, select(func.min(keluarga.c.tanggal).label("awal"), func.max(keluarga.c.tanggal).label("akhir")))
    awal, akhir = df.iloc[0]
    return (awal if pd.notna(awal) else None, akhir if pd.notna(akhir) else None)


def baca_jadwal(db: Engine | Connection, kode_wilayah: str = "") -> Jadwal | None:
    """The schedule for an area (its own extension row if any, else the campaign's) with the plan curve."""
    rows = ke_df(db, select(jadwal.c.kode_wilayah, jadwal.c.mulai, jadwal.c.selesai))
    if rows.empty:
        return None
    kandidat = rows[rows["kode_wilayah"] == kode_wilayah]
    if kandidat.empty:
        kandidat = rows[rows["kode_wilayah"] == ""]
    pilih = (kandidat if len(kandidat) else rows).iloc[0]
    plan = ke_df(db, select(rencana.c.tanggal, rencana.c.persen_kumulatif).order_by(rencana.c.tanggal))
    return Jadwal(pilih["mulai"], pilih["selesai"], tuple((r.tanggal, float(r.persen_kumulatif)) for r in plan.itertuples(index=False)))
