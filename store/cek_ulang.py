"""Write side of back-checks: excluding the families a back-check found not to exist, as a withdrawable change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select

from store import paradata, rekap
from store import schema as s
from store.baca import di_bawah, ke_df
from store.db import antrean_sqlite, kunci_impor, potong
from store.impor.riwayat import hapus_menurut_kunci, simpan_riwayat
from store.rekap import KELUARGA_BERTAHAP, perbarui_ringkas

SUMBER = "cek ulang: keluarga tidak ada"


def keluarkan_tidak_ada(engine: Engine, induk: str, oleh: str = "") -> tuple[int | None, int]:
    """Remove from the submissions every family of induk whose latest back-check says the household does not exist
    (hasil_cek 4), recorded as an import of its own: the rows are kept in the import history, so withdrawing that
    import (manage.py tarik, or the import page) puts them back and every rollup follows. Returns (import id, families
    excluded); (None, 0) when there is none."""
    with antrean_sqlite(engine), engine.begin() as conn:
        kunci_impor(conn)
        c = s.cek_ulang
        cek = ke_df(conn, select(c.c.id_keluarga, c.c.tanggal_cek, c.c.hasil_cek).where(di_bawah(c.c.kode_sls, induk)))
        terakhir = cek.sort_values(["id_keluarga", "tanggal_cek"]).drop_duplicates("id_keluarga", keep="last")
        ids = sorted(terakhir.loc[terakhir["hasil_cek"].astype(int) == 4, "id_keluarga"])
        baris = [dict(r) for bagian in potong(ids) for r in conn.execute(select(s.keluarga).where(s.keluarga.c.id_keluarga.in_(bagian))).mappings()]
        if not baris:
            return None, 0
        keluarga = {r["id_keluarga"] for r in baris}
        id_impor = conn.execute(
            s.impor.insert().values(
                tabel="keluarga",
                sumber=f"{SUMBER} ({induk or 'semua'})"[:300],
                waktu=datetime.now(),
                baris_dibaca=len(ids),
                baris_dimuat=0,
                baris_ditolak=0,
                baris_diganti=len(baris),
                catatan=f"{len(keluarga)} keluarga dikeluarkan dari selesai (cek ulang: rumah tangga tidak ada) oleh {oleh or '-'}"[:2000],
            )
        ).inserted_primary_key[0]
        simpan_riwayat(conn, "keluarga", baris, id_impor)
        hapus_menurut_kunci(conn, "keluarga", baris)
        rekap.tambah_kiriman(conn, baris, tanda=-1)
        perubahan = rekap.PerubahanKiriman(KELUARGA_BERTAHAP)
        perubahan.catat(baris, [])
        kecamatan = perbarui_ringkas(conn, keluarga, perubahan)
        if len(keluarga) <= KELUARGA_BERTAHAP:
            paradata.perbarui(conn, paradata.hari_ppl(baris))
        rekap.perbarui_cakupan(conn, kecamatan)
    return int(id_impor), len(keluarga)
