"""Import history and rejected rows: what was loaded, from which file, and what was refused and why."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from store.baca import ke_df
from store.schema import impor, penolakan


def riwayat_impor(db: Engine | Connection, batas: int = 50) -> pd.DataFrame:
    """The latest imports, newest first: id, waktu, tabel, sumber, counts (dibaca, dimuat, duplikat, ditolak, diganti),
    catatan, ditarik (when it was withdrawn, else None)."""
    stmt = (
        select(
            impor.c.id,
            impor.c.waktu,
            impor.c.tabel,
            impor.c.sumber,
            impor.c.baris_dibaca.label("dibaca"),
            impor.c.baris_dimuat.label("dimuat"),
            func.coalesce(impor.c.baris_duplikat, 0).label("duplikat"),
            impor.c.baris_ditolak.label("ditolak"),
            func.coalesce(impor.c.baris_diganti, 0).label("diganti"),
            impor.c.catatan,
            impor.c.ditarik,
        )
        .order_by(impor.c.id.desc())
        .limit(batas)
    )
    return ke_df(db, stmt)


def penolakan_impor(db: Engine | Connection, id_impor: int) -> pd.DataFrame:
    """Rejected rows of one import: berkas, baris (file row number), alasan, data (the row as read)."""
    stmt = (
        select(penolakan.c.berkas, penolakan.c.baris, penolakan.c.alasan, penolakan.c.data)
        .where(penolakan.c.id_impor == id_impor)
        .order_by(penolakan.c.baris, penolakan.c.id)
    )
    return ke_df(db, stmt)


def penolakan_terkini(db: Engine | Connection) -> pd.DataFrame:
    """Rejects still standing: those of the latest import of each (table, file) not withdrawn; an earlier import
    of the same file that a later one superseded (say after the missing officers were loaded) is left out."""
    terakhir = select(func.max(impor.c.id).label("id")).where(impor.c.ditarik.is_(None)).group_by(impor.c.tabel, impor.c.sumber).subquery()
    stmt = (
        select(penolakan.c.id_impor, impor.c.tabel, penolakan.c.berkas, penolakan.c.baris, penolakan.c.alasan, penolakan.c.data)
        .join(impor, impor.c.id == penolakan.c.id_impor)
        .where(penolakan.c.id_impor.in_(select(terakhir.c.id)))
        .order_by(penolakan.c.id_impor.desc(), penolakan.c.baris, penolakan.c.id)
    )
    return ke_df(db, stmt)


def impor_terakhir(db: Engine | Connection) -> datetime | None:
    """When data last arrived: the time of the latest import, not withdrawn, that loaded rows (None if never). The
    one reading of "last import": the import page, the meeting screen and the stale-data alert all show this."""
    waktu = ke_df(db, select(func.max(impor.c.waktu).label("waktu")).where(impor.c.baris_dimuat > 0, impor.c.ditarik.is_(None)))["waktu"].iloc[0]
    return None if pd.isna(waktu) else pd.Timestamp(waktu).to_pydatetime()


def versi_data(db: Engine | Connection) -> tuple[int, int]:
    """A value that changes with every import and every withdrawal: (the latest import's id, imports withdrawn).
    What is computed once per import (the forecast's history) is keyed by it."""
    df = ke_df(db, select(func.max(impor.c.id).label("n"), func.count(impor.c.ditarik).label("tarik")))
    n, tarik = df.iloc[0]
    return (0 if pd.isna(n) else int(n), int(tarik))
