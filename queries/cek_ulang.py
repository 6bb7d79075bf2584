"""Back-check reads: the day's completed families with what the checks mark on each, and the back-check results."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Connection, Engine, select

from aturan.kualitas import AmbangKualitas, tanda_kiriman
from store.baca import di_bawah, ke_df, koneksi
from store.db import per_kunci, potong
from store.schema import cek_ulang, keluarga, keluarga_ringkas, petugas

KOLOM_SELESAI = ["id_keluarga", "id_ppl", "id_pml", "kode_sls", "tanggal", "tumpang", "malam", "luar_desa", "menumpuk"]


def selesai_hari(db: Engine | Connection, induk: str, tanggal: date, ambang: AmbangKualitas) -> pd.DataFrame:
    """Families of induk submitted complete (result 1) on tanggal, whose current result is still 1, with their PPL,
    the PPL's PML and what the field-quality checks mark on that interview (judged among all of the PPL's
    submissions of the day)."""
    k = keluarga
    q = select(k.c.id_keluarga, k.c.id_ppl, k.c.kode_sls, k.c.tanggal, k.c.hasil, k.c.waktu_mulai, k.c.waktu_selesai, k.c.lintang, k.c.bujur, k.c.jarak_desa)
    hari = ke_df(db, q.where(k.c.tanggal == tanggal, di_bawah(k.c.kode_sls, induk)))
    if hari.empty:
        return pd.DataFrame(columns=KOLOM_SELESAI)
    hari = pd.concat([hari.reset_index(drop=True), tanda_kiriman(hari, ambang)[["tumpang", "malam", "luar_desa", "menumpuk"]]], axis=1)
    r = keluarga_ringkas
    with koneksi(db) as conn:  # the day's families only, by key: PostgreSQL planned the subquery as a loop over the whole area
        q = select(r.c.id_keluarga, r.c.hasil).where(di_bawah(r.c.kode_sls, induk))
        bagian = [ke_df(conn, q.where(syarat)) for syarat in per_kunci(conn, r.c.id_keluarga, sorted(set(hari["id_keluarga"])))]
    kini = pd.concat(bagian, ignore_index=True) if bagian else pd.DataFrame(columns=["id_keluarga", "hasil"])
    hasil_kini = dict(zip(kini["id_keluarga"], kini["hasil"], strict=True))
    hari = hari[(hari["hasil"] == 1) & (hari["id_keluarga"].map(hasil_kini) == 1)]
    pml = ke_df(db, select(petugas.c.id_petugas, petugas.c.id_atasan).where(petugas.c.id_petugas.in_(sorted(set(hari["id_ppl"])) or [""])))
    hari = hari.assign(id_pml=hari["id_ppl"].map(dict(zip(pml["id_petugas"], pml["id_atasan"], strict=True))))
    return hari[KOLOM_SELESAI].reset_index(drop=True)


def cek_area(db: Engine | Connection, induk: str, sampai: date | None = None) -> pd.DataFrame:
    """The back-check results of families of induk, the latest check of each family up to sampai: id_keluarga,
    tanggal_cek, id_pemeriksa, hasil_cek, kolom_beda, and the family's PPL and SLS (as when the check was loaded,
    so a family excluded since still counts in its officer's outcomes)."""
    c = cek_ulang
    q = select(c.c.id_keluarga, c.c.tanggal_cek, c.c.id_pemeriksa, c.c.hasil_cek, c.c.kolom_beda, c.c.id_ppl, c.c.kode_sls).where(di_bawah(c.c.kode_sls, induk))
    if sampai is not None:
        q = q.where(c.c.tanggal_cek <= sampai)
    out = ke_df(db, q, ["id_keluarga", "tanggal_cek", "id_pemeriksa", "hasil_cek", "kolom_beda", "id_ppl", "kode_sls"])
    out["hasil_cek"] = pd.to_numeric(out["hasil_cek"]).astype("int64")
    return out.sort_values(["id_keluarga", "tanggal_cek"]).drop_duplicates("id_keluarga", keep="last").reset_index(drop=True)


def tidak_ada(db: Engine | Connection, cek: pd.DataFrame) -> dict[str, int]:
    """Of the back-checks read by cek_area, the families whose household was found not to exist: still counted in
    selesai (dihitung) or excluded from it by an exclusion that has not been withdrawn (dikeluarkan)."""
    ids = set(cek.loc[cek["hasil_cek"] == 4, "id_keluarga"])
    ada = set()
    for bagian in potong(sorted(ids)):
        ada |= set(ke_df(db, select(keluarga_ringkas.c.id_keluarga).where(keluarga_ringkas.c.id_keluarga.in_(list(bagian))))["id_keluarga"])
    return {"dihitung": len(ids & ada), "dikeluarkan": len(ids - ada)}
