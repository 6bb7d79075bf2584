"""Field-quality queries: per-PPL paradata counts, results and interview minutes of an area and dates, and one PPL's points."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from aturan.kualitas import NILAI_RINGKAS, AmbangKualitas, nilai_kualitas
from store.baca import di_bawah, ke_df
from store.schema import batas_wilayah, keluarga, rekap_durasi, rekap_paradata, rekap_sls_harian


def lingkup_kecamatan(kode: str) -> str:
    """The area the checks are read for: a desa or smaller is read as its kecamatan (peers are a kecamatan's PPL)."""
    return kode[:7] if len(kode) > 7 else kode


def _kec(kolom, induk: str):
    return kolom == induk if len(induk) == 7 else di_bawah(kolom, induk)


def ringkasan_ppl(db: Engine | Connection, induk: str, mulai: date, akhir: date) -> pd.DataFrame:
    """Per PPL and kecamatan under induk: the paradata counts (NILAI_RINGKAS) of submissions sent from mulai to akhir,
    and the farthest point outside its desa (jarak_luar_maks)."""
    r = rekap_paradata
    q = (
        select(r.c.id_ppl, r.c.kode_kec, *[func.sum(r.c[n]).label(n) for n in NILAI_RINGKAS], func.max(r.c.jarak_luar_maks).label("jarak_luar_maks"))
        .where(_kec(r.c.kode_kec, lingkup_kecamatan(induk)), r.c.tanggal.between(mulai, akhir))
        .group_by(r.c.id_ppl, r.c.kode_kec)
    )
    return ke_df(db, q, ["id_ppl", "kode_kec", *NILAI_RINGKAS, "jarak_luar_maks"])


def hasil_ppl(db: Engine | Connection, induk: str, akhir: date) -> pd.DataFrame:
    """Per PPL and kecamatan under induk: families (keluarga) and those whose current result at the end of akhir is 3,
    4 or 5 (each family counted with its current SLS and PPL)."""
    rs = rekap_sls_harian
    kec = func.substr(rs.c.kode_sls, 1, 7)
    q = (
        select(rs.c.id_ppl, kec.label("kode_kec"), func.sum(rs.c.selesai), func.sum(rs.c.hasil_3), func.sum(rs.c.hasil_4), func.sum(rs.c.hasil_5))
        .where(di_bawah(rs.c.kode_sls, lingkup_kecamatan(induk)), rs.c.tanggal <= akhir)
        .group_by(rs.c.id_ppl, kec)
    )
    return ke_df(db, q, ["id_ppl", "kode_kec", "keluarga", "hasil_3", "hasil_4", "hasil_5"])


def durasi_bulat(db: Engine | Connection, induk: str, mulai: date, akhir: date) -> pd.DataFrame:
    """Per PPL and kecamatan under induk: first interviews from mulai to akhir with minutes (wawancara), and how many
    of them lasted a multiple of 5 whole minutes (bulat)."""
    d = rekap_durasi
    bulat = func.sum(case((d.c.menit % 5 == 0, d.c.jumlah), else_=0))
    q = (
        select(d.c.id_ppl, d.c.kode_kec, func.sum(d.c.jumlah), bulat)
        .where(_kec(d.c.kode_kec, lingkup_kecamatan(induk)), d.c.tanggal.between(mulai, akhir))
        .group_by(d.c.id_ppl, d.c.kode_kec)
    )
    return ke_df(db, q, ["id_ppl", "kode_kec", "wawancara", "bulat"])


def kualitas_area(db: Engine | Connection, induk: str, mulai: date, akhir: date, ambang: AmbangKualitas) -> pd.DataFrame:
    """The field-quality figures and flags per PPL of an area over submission dates (aturan.kualitas.nilai_kualitas):
    what the Kualitas page, the alerts and the benchmark read."""
    return nilai_kualitas(ringkasan_ppl(db, induk, mulai, akhir), hasil_ppl(db, induk, akhir), durasi_bulat(db, induk, mulai, akhir), ambang)


def titik_ppl(db: Engine | Connection, id_ppl: str, mulai: date, akhir: date) -> pd.DataFrame:
    """One PPL's interview points sent from mulai to akhir: lintang, bujur, waktu_mulai, hasil, kode_sls, jarak_desa.
    No family ID: a point is a place and a time, never a household."""
    k = keluarga
    kolom = ["lintang", "bujur", "waktu_mulai", "hasil", "kode_sls", "jarak_desa"]
    q = select(*[k.c[c] for c in kolom]).where(k.c.id_ppl == id_ppl, k.c.tanggal.between(mulai, akhir), k.c.lintang.is_not(None)).order_by(k.c.waktu_mulai)
    return ke_df(db, q, kolom)


def batas_desa(db: Engine | Connection, kode_desa: list[str]) -> pd.DataFrame:
    """kode, geojson of the stored boundaries of these desa."""
    q = select(batas_wilayah.c.kode, batas_wilayah.c.geojson).where(batas_wilayah.c.kode.in_(sorted(kode_desa)))
    return ke_df(db, q, ["kode", "geojson"])
