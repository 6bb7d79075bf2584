"""Write side of reallocation plans: adopting a plan (who, when, the plan day and its moves) and withdrawing it."""

from __future__ import annotations

import io
import logging
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine, delete, insert
from sqlalchemy import exc as sa_exc

from aturan.realokasi import Rencana
from store.db import buat_skema, engine_tanpa_tunggu
from store.schema import rencana_bantuan, rencana_pindah, rencana_simpan

log = logging.getLogger(__name__)
BINGKAI_RENCANA = ("pindah", "pemberi", "kebutuhan", "area")  # the plan's frames, each stored as Parquet


def ke_parquet(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def dari_parquet(isi: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(isi))


def simpan_rencana(engine: Engine, rencana: Rencana, sidik: str) -> bool:
    """Store a computed plan under its area, day and sidik unless one is stored there already (another process
    came first: its plan stays). Plans of the area under another sidik (older data or settings) are removed.
    Returns whether this one was stored; a database that refuses the write (read-only) is logged, not raised."""
    baris = {"kode": rencana.kode, "tanggal": rencana.tanggal, "sidik": sidik, "nilai": float(rencana.nilai), "celah": float(rencana.celah)}
    baris |= {k: ke_parquet(getattr(rencana, k)) for k in BINGKAI_RENCANA}
    rs = rencana_simpan
    try:
        with engine_tanpa_tunggu(engine).begin() as conn:  # SQLite: never hold a page for a long import's lock
            conn.execute(delete(rs).where(rs.c.kode == rencana.kode, rs.c.sidik != sidik))
            conn.execute(insert(rs), [baris])
        return True
    except sa_exc.IntegrityError:  # the same key stored meanwhile
        return False
    except sa_exc.DBAPIError:  # read-only, or (SQLite) an import holds the write lock: shown, stored by a later open
        log.warning("rencana %s %s tidak tersimpan", rencana.kode, rencana.tanggal, exc_info=True)
        return False


def buka_rencana(baris: dict) -> Rencana:
    """A stored plan (a row of rencana_simpan as a mapping) as the Rencana it was."""
    return Rencana(baris["kode"], baris["tanggal"], *[dari_parquet(baris[k]) for k in BINGKAI_RENCANA], float(baris["nilai"]), float(baris["celah"]))


PERAN_ADOPSI = ("admin", "pimpinan")  # the roles that may adopt a plan (the rapat role only looks)


class AdopsiTidakSah(ValueError):
    """A plan that cannot be adopted, with the reason in words."""


def adopsi(engine: Engine, kode_wilayah: str, tanggal: date, pindah: pd.DataFrame, oleh: str, peran: str | None, waktu: datetime) -> int:
    """Store an adopted plan for kode_wilayah on plan day tanggal (pindah: kode_sls, dari_ppl, ke_ppl, keluarga,
    utuh) as adopted by user oleh of role peran (None: logins off, the local operator); returns its id."""
    if peran is not None and peran not in PERAN_ADOPSI:
        raise AdopsiTidakSah(f"peran '{peran}' tidak boleh mengadopsi rencana")
    if pindah.empty:
        raise AdopsiTidakSah("rencana tanpa pemindahan")
    if pindah["kode_sls"].duplicated().any() or not pindah["kode_sls"].str.startswith(kode_wilayah).all():
        raise AdopsiTidakSah("setiap SLS sekali, di dalam wilayah rencana")
    buat_skema(engine)
    with engine.begin() as conn:
        id_rencana = conn.execute(
            insert(rencana_bantuan).values(kode_wilayah=kode_wilayah, tanggal=tanggal, diadopsi_oleh=(oleh or "-")[:60], diadopsi_pada=waktu)
        ).inserted_primary_key[0]
        baris = [
            {"id_rencana": id_rencana, "kode_sls": k, "dari_ppl": d, "ke_ppl": p, "keluarga": int(n), "utuh": int(bool(u))}
            for k, d, p, n, u in zip(pindah["kode_sls"], pindah["dari_ppl"], pindah["ke_ppl"], pindah["keluarga"], pindah["utuh"], strict=True)
        ]
        conn.execute(insert(rencana_pindah), baris)
    return int(id_rencana)


def hapus(engine: Engine, id_rencana: int) -> None:
    """Withdraw an adopted plan (its moves with it)."""
    with engine.begin() as conn:
        conn.execute(delete(rencana_pindah).where(rencana_pindah.c.id_rencana == id_rencana))
        conn.execute(delete(rencana_bantuan).where(rencana_bantuan.c.id == id_rencana))
