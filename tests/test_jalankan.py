"""ke_df reads rows straight from the driver's cursor: it must hold exactly what SQLAlchemy's own rows hold."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import func, select

from store.baca import ke_df
from store.schema import keluarga, keluarga_ringkas, rekap_kiriman


def _lewat_sqlalchemy(eng, q) -> pd.DataFrame:
    with eng.connect() as conn:
        res = conn.execute(q)
        return pd.DataFrame([tuple(r) for r in res.all()], columns=list(res.keys()))


def test_ke_df_sama_dengan_baris_sqlalchemy(db_kecil):
    r, k = keluarga_ringkas, keluarga
    menit = func.floor(r.c.durasi_pertama + 0.5).label("menit")
    kueri = [
        select(k).order_by(k.c.id_keluarga, k.c.tanggal).limit(3000),  # dates, empty dates and decimals, small ints
        select(r.c.kode_kec, r.c.tanggal_pertama, func.count().label("n"), func.sum(r.c.keluarga_baru).label("baru"), func.avg(r.c.durasi_pertama).label("rata"))
        .group_by(r.c.kode_kec, r.c.tanggal_pertama)
        .order_by(r.c.kode_kec, r.c.tanggal_pertama),
        select(r.c.id_ppl, menit, func.min(r.c.tanggal_terakhir).label("awal")).group_by(r.c.id_ppl, menit).order_by(r.c.id_ppl, menit),
        select(rekap_kiriman).where(rekap_kiriman.c.tanggal <= date(2022, 10, 20)).order_by(*rekap_kiriman.primary_key.columns),
        select(r.c.id_keluarga).where(r.c.kode_sls == "tidak ada"),  # no rows
    ]
    for q in kueri:
        cepat, acuan = ke_df(db_kecil, q), _lewat_sqlalchemy(db_kecil, q)
        assert list(cepat.columns) == list(acuan.columns)
        assert len(cepat) == len(acuan)
        for kol in cepat.columns:
            a, b = list(cepat[kol]), list(acuan[kol])
            assert [type(x) for x in a] == [type(x) for x in b], kol
            assert all((x == y) or (x != x and y != y) for x, y in zip(a, b, strict=True)), kol
