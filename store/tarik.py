"""Withdraw an import as a whole: its rows go, the versions it replaced come back, every rollup follows, atomically."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime

from sqlalchemy import Connection, Date, DateTime, Engine, Float, Integer, SmallInteger, delete, select, update

from store import paradata, rekap
from store import schema as s
from store.db import BARIS_PER_TULIS, antrean_sqlite, kunci_impor, potong, sisipkan_banyak
from store.impor.riwayat import KUNCI_RIWAYAT, hapus_menurut_kunci, kunci_riwayat
from store.rekap import KELUARGA_BERTAHAP, perbarui_ringkas

log = logging.getLogger("pantau.impor")
TABEL_DATA = ("wilayah", "petugas", "beban", "jadwal", "rencana", "keluarga", "laporan_harian", "cek_ulang")


class TarikDitolak(ValueError):
    """The import cannot be withdrawn (unknown, already withdrawn, or later data depends on it); nothing changed."""


def _dari_json(tabel: str, data: str) -> dict:
    """A row kept in riwayat_baris, typed again for its table."""
    tbl = s.metadata.tables[tabel]
    baris = {}
    for k, v in json.loads(data).items():
        if k not in tbl.c:
            continue
        jenis = tbl.c[k].type
        if v is not None and isinstance(jenis, DateTime):
            v = datetime.fromisoformat(v)
        elif v is not None and isinstance(jenis, Date):
            v = date.fromisoformat(v)
        elif v is not None and isinstance(jenis, (Integer, SmallInteger)):
            v = int(v)
        elif v is not None and isinstance(jenis, Float):
            v = float(v)
        baris[k] = v
    return {c.name: baris.get(c.name) for c in tbl.c}


# References that must not be left pointing at a row the withdrawal removes: (table, column) -> what refers to it
RUJUKAN = {
    ("wilayah", "kode"): (("wilayah", "induk"), ("beban", "kode_sls")),
    ("petugas", "id_petugas"): (("petugas", "id_atasan"), ("beban", "id_ppl"), ("keluarga", "id_ppl"), ("laporan_harian", "id_ppl")),
    ("beban", "kode_sls"): (("keluarga", "kode_sls"), ("laporan_harian", "kode_sls")),
}


def _cek_rujukan(conn: Connection, hilang: dict[str, set[str]]) -> None:
    """Refuse when rows still stored refer to a key the withdrawal removes for good."""
    for (tabel, _), perujuk in RUJUKAN.items():
        kunci = sorted(hilang.get(tabel, set()))
        for t, k in perujuk:
            tbl = s.metadata.tables[t]
            for bagian in potong(kunci):
                ada = conn.execute(select(tbl.c[k]).where(tbl.c[k].in_(bagian)).limit(1)).scalar()
                if ada is not None:
                    raise TarikDitolak(f"{tabel} {ada} masih dirujuk oleh tabel {t} ({k}) dari impor lain; tarik impor {t} itu lebih dulu")


def tarik_impor(engine: Engine, id_impor: int, oleh: str = "") -> dict[str, int]:
    """Withdraw import id_impor in one transaction: as if it had never been loaded. Returns rows removed and
    restored per table. Raises TarikDitolak (nothing changed) when that is impossible."""
    with antrean_sqlite(engine), engine.begin() as conn:
        kunci_impor(conn)
        imp = conn.execute(select(s.impor).where(s.impor.c.id == id_impor)).mappings().first()
        if imp is None:
            raise TarikDitolak(f"impor #{id_impor} tidak ada")
        if imp["ditarik"] is not None:
            raise TarikDitolak(f"impor #{id_impor} sudah ditarik pada {imp['ditarik']:%Y-%m-%d %H:%M}")
        if imp["tabel"].startswith("batas_"):
            raise TarikDitolak(f"impor #{id_impor} adalah batas wilayah; impor ulang berkas batas yang benar untuk menggantinya")
        hitung = {"dihapus": 0, "dipulihkan": 0}
        hilang: dict[str, set[str]] = {}
        keluarga_disentuh: set[str] = set()
        perubahan = rekap.PerubahanKiriman(KELUARGA_BERTAHAP)
        hari_ppl: set = set()
        for tabel in TABEL_DATA:
            hasil = _tarik_tabel(conn, tabel, id_impor)
            hitung["dihapus"] += len(hasil["dihapus"])
            hitung["dipulihkan"] += len(hasil["dipulihkan"])
            if tabel in ("wilayah", "petugas", "beban"):
                kolom = KUNCI_RIWAYAT[tabel][0]
                hilang[tabel] = {r[kolom] for r in hasil["dihapus"]} - {r[kolom] for r in hasil["dipulihkan"]}
            if tabel == "keluarga":
                keluarga_disentuh = {r["id_keluarga"] for r in hasil["dihapus"] + hasil["dipulihkan"]}
                rekap.tambah_kiriman(conn, hasil["dihapus"], tanda=-1)
                rekap.tambah_kiriman(conn, hasil["dipulihkan"])
                perubahan.catat(hasil["dihapus"], hasil["dipulihkan"])
                hari_ppl = paradata.hari_ppl(hasil["dihapus"]) | paradata.hari_ppl(hasil["dipulihkan"])
        _cek_rujukan(conn, hilang)
        kecamatan = perbarui_ringkas(conn, keluarga_disentuh, perubahan)
        if len(keluarga_disentuh) <= KELUARGA_BERTAHAP:  # else perbarui_ringkas rebuilt every rollup
            paradata.perbarui(conn, hari_ppl)
        if imp["tabel"] == "beban":
            rekap.bangun_sasaran(conn)
        rekap.perbarui_cakupan(conn, None if imp["tabel"] == "beban" else kecamatan)  # a schedule withdrawn: rebuilt by its changed deadlines
        conn.execute(update(s.impor).where(s.impor.c.id == id_impor).values(ditarik=datetime.now(), ditarik_oleh=(oleh or None) and oleh[:200]))
    log.info("impor #%s ditarik oleh %s: %s baris dihapus, %s dipulihkan", id_impor, oleh or "-", hitung["dihapus"], hitung["dipulihkan"])
    return hitung


def _tarik_tabel(conn: Connection, tabel: str, id_impor: int) -> dict[str, list[dict]]:
    """Remove the import's rows of one table and put back what it replaced; keep the history chain right when a
    later import replaced this import's rows in turn (that import then replaced the older version)."""
    tbl = s.metadata.tables[tabel]
    r = s.riwayat_baris
    dihapus = [dict(x) for x in conn.execute(select(tbl).where(tbl.c.id_impor == id_impor)).mappings()]
    kunci_dihapus = {kunci_riwayat(tabel, x) for x in dihapus}
    if dihapus:
        conn.execute(delete(tbl).where(tbl.c.id_impor == id_impor))
    lama = conn.execute(select(r.c.id, r.c.kunci, r.c.data).where(r.c.id_impor == id_impor, r.c.tabel == tabel)).all()
    # this import's own versions that later imports replaced: kunci -> (riwayat id, the import that replaced it)
    diganti_kemudian = {
        k: (i, pengganti) for i, k, pengganti in conn.execute(select(r.c.id, r.c.kunci, r.c.id_impor).where(r.c.id_impor_asal == id_impor, r.c.tabel == tabel))
    }
    dipulihkan, dipakai = [], []
    for i, kunci, data in lama:
        if kunci in diganti_kemudian:  # the later import replaced this older version instead
            id_riwayat, pengganti = diganti_kemudian.pop(kunci)
            conn.execute(update(r).where(r.c.id == i).values(id_impor=pengganti))
            conn.execute(delete(r).where(r.c.id == id_riwayat))
        elif kunci in kunci_dihapus or not _ada(conn, tabel, data):
            dipulihkan.append(_dari_json(tabel, data))
            dipakai.append(i)
        else:  # still stored under this key from another import (a whole-plan replacement): that import replaced it
            pemilik = conn.execute(select(tbl.c.id_impor).where(*[tbl.c[k] == v for k, v in _kunci_dari(tabel, data).items()])).scalar()
            conn.execute(update(r).where(r.c.id == i).values(id_impor=pemilik if pemilik is not None else id_impor))
    dipakai += [i for i, _ in diganti_kemudian.values()]  # without this import those later rows replaced nothing
    for bagian in potong(dipakai):
        conn.execute(delete(r).where(r.c.id.in_(bagian)))
    if dipulihkan:
        hapus_menurut_kunci(conn, tabel, dipulihkan)  # nothing should be there; keeps the insert safe
        for bagian in potong(dipulihkan, BARIS_PER_TULIS):
            sisipkan_banyak(conn, tbl, bagian)
    return {"dihapus": dihapus, "dipulihkan": dipulihkan}


def _kunci_dari(tabel: str, data: str) -> dict:
    baris = _dari_json(tabel, data)
    return {k: baris[k] for k in KUNCI_RIWAYAT[tabel]}


def _ada(conn: Connection, tabel: str, data: str) -> bool:
    tbl = s.metadata.tables[tabel]
    return conn.execute(select(tbl.c[KUNCI_RIWAYAT[tabel][0]]).where(*[tbl.c[k] == v for k, v in _kunci_dari(tabel, data).items()])).first() is not None
