"""Area master lookups: an area's name and level, its children, and the top areas to start from."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Engine, select

from store.baca import ke_df
from store.schema import batas_wilayah, meta, wilayah


def info_wilayah(db: Engine | Connection, kode: str) -> dict | None:
    df = ke_df(db, select(wilayah.c.kode, wilayah.c.nama, wilayah.c.tingkat, wilayah.c.induk).where(wilayah.c.kode == kode))
    return None if df.empty else df.iloc[0].to_dict()


def anak_wilayah(db: Engine | Connection, induk: str) -> pd.DataFrame:
    """kode, nama of the child areas of induk ('' = the provinces), by code."""
    saring = wilayah.c.tingkat == 1 if not induk else wilayah.c.induk == induk
    return ke_df(db, select(wilayah.c.kode, wilayah.c.nama).where(saring).order_by(wilayah.c.kode))


def daftar_kabupaten(db: Engine | Connection) -> pd.DataFrame:
    """kode, nama of every kabupaten/kota, by code."""
    return ke_df(db, select(wilayah.c.kode, wilayah.c.nama).where(wilayah.c.tingkat == 2).order_by(wilayah.c.kode))


def baca_meta(db: Engine | Connection) -> dict[str, str]:
    df = ke_df(db, select(meta.c.kunci, meta.c.nilai))
    return dict(zip(df["kunci"], df["nilai"], strict=True))


def batas_anak(db: Engine | Connection, induk: str) -> pd.DataFrame:
    """kode, geojson (geometry text) of the stored boundaries of induk's child areas ('' = the provinces)."""
    saring = batas_wilayah.c.tingkat == 1 if not induk else batas_wilayah.c.induk == induk
    return ke_df(db, select(batas_wilayah.c.kode, batas_wilayah.c.geojson).where(saring).order_by(batas_wilayah.c.kode))


def batas_turunan(db: Engine | Connection, induk: str, tingkat: int) -> pd.DataFrame:
    """kode, geojson of the stored boundaries at a level (3 kecamatan, 4 desa) under induk."""
    q = select(batas_wilayah.c.kode, batas_wilayah.c.geojson).where(batas_wilayah.c.tingkat == tingkat, batas_wilayah.c.kode.like(induk + "%"))
    return ke_df(db, q.order_by(batas_wilayah.c.kode))
