"""Write side of reallocation plans: adopting a plan (who, when, the plan day and its moves) and withdrawing it."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine, delete, insert

from store.db import buat_skema
from store.schema import rencana_bantuan, rencana_pindah

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
