"""Import history: the key of a stored row, and the rows an import replaces kept so that a withdrawal restores them."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Connection, bindparam, delete

from store import schema as s
from store.db import BARIS_PER_TULIS, per_kunci, potong

KUNCI = {
    "wilayah": ("kode",),
    "petugas": ("id_petugas",),
    "beban": ("kode_sls",),
    "keluarga": ("id_keluarga", "tanggal"),
    "laporan_harian": ("tanggal", "kode_sls", "id_ppl"),
    "cek_ulang": ("id_keluarga", "tanggal_cek"),
}
KUNCI_RIWAYAT = {**KUNCI, "jadwal": ("kode_wilayah",), "rencana": ("tanggal",)}  # every table an import writes


def _ke_json(nilai: object) -> object:
    if isinstance(nilai, (date, datetime)):
        return nilai.isoformat()
    return nilai


def kunci_riwayat(tabel: str, baris: dict) -> str:
    """A row's key as riwayat_baris writes it (JSON of the key values, dates in ISO form)."""
    return json.dumps([_ke_json(baris[k]) for k in KUNCI_RIWAYAT[tabel]])


def simpan_riwayat(conn: Connection, tabel: str, baris_lama: list[dict], id_impor: int) -> None:
    """Keep stored rows that import id_impor replaces or removes (restored if that import is withdrawn)."""
    isi = [
        {
            "id_impor": id_impor,
            "id_impor_asal": r.get("id_impor"),
            "tabel": tabel,
            "kunci": kunci_riwayat(tabel, r),
            "data": json.dumps({k: _ke_json(v) for k, v in r.items()}),
        }
        for r in baris_lama
    ]
    for bagian in potong(isi, BARIS_PER_TULIS):
        conn.execute(s.riwayat_baris.insert(), bagian)


def hapus_menurut_kunci(conn: Connection, tabel: str, baris: list[dict]) -> None:
    """Delete the stored rows with the keys of these rows."""
    tbl = s.metadata.tables[tabel]
    kunci = KUNCI_RIWAYAT[tabel]
    if len(kunci) == 1:
        for saring in per_kunci(conn, tbl.c[kunci[0]], [r[kunci[0]] for r in baris]):
            conn.execute(delete(tbl).where(saring))
    elif baris:  # one statement per key, run as a batch: each an index lookup on both databases
        perintah = delete(tbl).where(*[tbl.c[k] == bindparam("k_" + k) for k in kunci])
        conn.execute(perintah, [{"k_" + k: r[k] for k in kunci} for r in baris])
