"""Adopted reallocation plans and their follow-up, read from the submissions themselves."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Connection, Engine, and_, case, func, or_, select

from aturan.realokasi import Rencana
from store.baca import di_bawah, ke_df, koneksi
from store.db import potong
from store.realokasi import buka_rencana
from store.schema import keluarga, rekap_harian, rencana_bantuan, rencana_pindah, rencana_simpan


def rencana_tersimpan(db: Engine | Connection, kode: str, tanggal: date, sidik: str) -> Rencana | None:
    """The plan stored for kode on tanggal under sidik (store.realokasi.simpan_rencana), or None."""
    rs = rencana_simpan
    with koneksi(db) as conn:
        baris = conn.execute(select(rs).where(rs.c.kode == kode, rs.c.tanggal == tanggal, rs.c.sidik == sidik)).mappings().first()
    return buka_rencana(dict(baris)) if baris is not None else None


def daftar_rencana(db: Engine | Connection, kode: str) -> pd.DataFrame:
    """Adopted plans that touch kode: made for it, for an area inside it, or for the area it lies in (newest first):
    id, kode_wilayah, tanggal, diadopsi_oleh, diadopsi_pada."""
    rb = rencana_bantuan
    induk = [kode[:n] for n in (4, 7) if len(kode) > n]  # the kabupaten or kecamatan kode lies in
    q = select(rb.c.id, rb.c.kode_wilayah, rb.c.tanggal, rb.c.diadopsi_oleh, rb.c.diadopsi_pada)
    if kode:
        q = q.where(or_(di_bawah(rb.c.kode_wilayah, kode), rb.c.kode_wilayah.in_(induk)))
    return ke_df(db, q.order_by(rb.c.diadopsi_pada.desc(), rb.c.id.desc()), ["id", "kode_wilayah", "tanggal", "diadopsi_oleh", "diadopsi_pada"])


def tindak_lanjut(db: Engine | Connection, id_rencana: int, sampai: date, kode: str = "") -> pd.DataFrame:
    """Per move of an adopted plan whose SLS lies under kode: kode_sls, dari_ppl, ke_ppl, keluarga (handed over),
    utuh, kiriman (distinct families the lender submitted in that SLS after the plan day, up to sampai) and
    pertama (the day of the first of them, None when none has come)."""
    rp, rb, k = rencana_pindah, rencana_bantuan, keluarga
    hari = select(rb.c.tanggal).where(rb.c.id == id_rencana).scalar_subquery()
    cocok = and_(k.c.kode_sls == rp.c.kode_sls, k.c.id_ppl == rp.c.ke_ppl, k.c.tanggal > hari, k.c.tanggal <= sampai)
    q = (
        select(
            rp.c.kode_sls,
            rp.c.dari_ppl,
            rp.c.ke_ppl,
            rp.c.keluarga,
            rp.c.utuh,
            func.count(func.distinct(k.c.id_keluarga)).label("kiriman"),
            func.min(k.c.tanggal).label("pertama"),
        )
        .select_from(rp.outerjoin(k, cocok))
        .where(rp.c.id_rencana == id_rencana)
        .group_by(rp.c.kode_sls, rp.c.dari_ppl, rp.c.ke_ppl, rp.c.keluarga, rp.c.utuh)
        .order_by(rp.c.kode_sls)
    )
    if kode:
        q = q.where(di_bawah(rp.c.kode_sls, kode))
    out = ke_df(db, q, ["kode_sls", "dari_ppl", "ke_ppl", "keluarga", "utuh", "kiriman", "pertama"])
    out["utuh"] = out["utuh"].astype(bool)
    out[["keluarga", "kiriman"]] = out[["keluarga", "kiriman"]].astype("int64")
    return out


def laju_sebelum_sesudah(db: Engine | Connection, kode_area: list[str], tanggal_rencana: date, sampai: date, hari_sebelum: int = 7) -> pd.DataFrame:
    """Per area (kode, from the daily rollup of first submissions): families done per day over the hari_sebelum days
    up to the plan day (laju_sebelum) and over the days after it up to sampai (laju_sesudah; NaN before any)."""
    rh = rekap_harian
    awal = pd.Timestamp(tanggal_rencana) - pd.Timedelta(days=hari_sebelum - 1)
    sebelum = func.sum(case((and_(rh.c.tanggal >= awal.date(), rh.c.tanggal <= tanggal_rencana), rh.c.selesai), else_=0))
    sesudah = func.sum(case((and_(rh.c.tanggal > tanggal_rencana, rh.c.tanggal <= sampai), rh.c.selesai), else_=0))
    bagian = [
        ke_df(
            db,
            select(rh.c.kode, sebelum, sesudah).where(rh.c.kode.in_(list(kode)), rh.c.tanggal >= awal.date(), rh.c.tanggal <= sampai).group_by(rh.c.kode),
            ["kode", "a", "b"],
        )
        for kode in potong(sorted(set(kode_area)))
    ]
    jumlah = pd.concat(bagian, ignore_index=True) if bagian else pd.DataFrame(columns=["kode", "a", "b"])
    jumlah = jumlah.set_index("kode").reindex(sorted(set(kode_area)), fill_value=0)
    hari_sesudah = (sampai - tanggal_rencana).days
    out = pd.DataFrame(
        {
            "kode": jumlah.index,
            "laju_sebelum": pd.to_numeric(jumlah["a"]).to_numpy(dtype=float) / hari_sebelum,
            "laju_sesudah": pd.to_numeric(jumlah["b"]).to_numpy(dtype=float) / hari_sesudah if hari_sesudah > 0 else float("nan"),
        }
    )
    return out.reset_index(drop=True)
