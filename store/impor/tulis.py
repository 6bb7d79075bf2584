"""Writing an import, the one import path: one transaction per table, new rows stored, replaced rows to the history, rollups kept, rejects logged."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, delete, select, text, tuple_, update
from sqlalchemy.exc import DBAPIError

from aturan.kode import TINGKAT_DARI_PANJANG
from store import paradata, rekap
from store import schema as s
from store.db import (
    BARIS_PER_TULIS,
    PerluKunciPenuh,
    antrean_sqlite,
    indeks_ditunda,
    kunci_bersama,
    kunci_impor,
    kunci_provinsi,
    per_kunci,
    potong,
    sisipkan_banyak,
    sisipkan_kolom,
    transaksi_impor,
)
from store.impor.kontrak import KENDALI, SPESIFIKASI, URUTAN_TABEL, normalkan_kolom, tampil_singkat
from store.impor.periksa import KirimanUlang, Penolak, kiriman_terakhir, siapkan_tabel
from store.impor.riwayat import KUNCI, hapus_menurut_kunci, simpan_riwayat

KOLOM_BULAT = ("hasil", "keluarga_baru", "sasaran_keluarga", "selesai", "hasil_cek")  # whole numbers, whatever the column's dtype
IRISAN = 200_000  # rows turned into Python dicts at a time while writing
BARIS_ANALISIS = 10_000  # after writing this many rows a table's planner statistics are refreshed
MUAT_PERTAMA_BESAR = 100_000  # submissions into an empty table that take the whole lock to build their indexes after (_muat_pertama)
PARADATA_DI_MEMORI = 2_000_000  # submissions into an empty table up to this many: the field-quality rollup is built from them, not read back
ULANG_DENGAN_KUNCI_PENUH = {"40P01", "40001", "23505"}  # deadlock, serialisation, a key another import wrote meanwhile
Kemajuan = Callable[[str, int, int], None]  # (stage, done, total)
log = logging.getLogger("pantau.impor")


@dataclass
class HasilImpor:
    """What one import did: rows read = stored + unchanged + superseded in the file + rejected."""

    tabel: str
    sumber: str
    dibaca: int = 0
    dimuat: int = 0  # rows written: new ones and newer versions of stored ones
    duplikat: int = 0  # rows equal to what was stored (or to an earlier copy in the file): nothing to do
    diganti: int = 0  # of dimuat, stored rows replaced by a newer version (the old one stays in riwayat_baris)
    dilampaui: int = 0  # same-day re-submissions of a family in the file that a later one of that day superseded
    ditolak: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["baris", "alasan", "data"]))
    catatan: list[str] = field(default_factory=list)
    diabaikan: list[tuple[str, str | None]] = field(default_factory=list)  # file columns not used, with the contract column meant
    ulang: KirimanUlang | None = None  # same-day re-submissions, when the file had them
    contoh: pd.DataFrame | None = None  # the first rows as typed by the importer (for a preview)
    id_impor: int | None = None

    @property
    def jumlah_ditolak(self) -> int:
        return len(self.ditolak)


def _kolom_db(baris: pd.DataFrame) -> dict[str, list]:
    """Typed rows as columns of plain Python values (None for empty), in the frame's column order."""
    kolom = {}
    for k in baris.columns:
        if isinstance(baris[k].dtype, np.dtype) and baris[k].dtype.kind == "M":  # naive timestamps: to datetime (NaT to None) in one numpy pass
            kolom[k] = baris[k].to_numpy(dtype="datetime64[us]").astype(object).tolist()
            continue
        nilai = baris[k].tolist()
        kosong = baris[k].isna().to_numpy()
        if k in KOLOM_BULAT:
            nilai = [None if ko else int(v) for v, ko in zip(nilai, kosong, strict=True)]
        elif pd.api.types.is_datetime64_any_dtype(baris[k]):  # timestamps as the drivers take them
            nilai = [None if ko else v.to_pydatetime() for v, ko in zip(nilai, kosong, strict=True)]
        elif kosong.any():
            nilai = [None if ko else v for v, ko in zip(nilai, kosong, strict=True)]
        kolom[k] = nilai
    return kolom


def _baris_db(tabel: str, baris: pd.DataFrame) -> list[dict]:
    """Typed rows as dicts of plain Python values (None for empty), with the derived columns of their table."""
    kolom = _kolom_db(baris)
    nama = list(kolom)
    rows = [dict(zip(nama, t, strict=True)) for t in zip(*kolom.values(), strict=True)]
    if tabel == "beban":
        for r in rows:
            k = r["kode_sls"]
            r.update(kode_prov=k[:2], kode_kab=k[:4], kode_kec=k[:7], kode_desa=k[:10])
    if tabel == "wilayah":
        for r in rows:
            r["tingkat"] = TINGKAT_DARI_PANJANG[len(r["kode"])]
    return rows


def _sama(a: dict, b: dict, kolom: list[str]) -> bool:
    def norm(v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v

    return all(norm(a.get(k)) == norm(b.get(k)) for k in kolom)


def _tersimpan(conn: Connection, tabel: str, rows: list[dict]) -> dict[tuple, dict]:
    """The stored rows with the keys of these rows, by key. Families are looked up by id_keluarga alone (the
    primary key's first column, so an index range on both databases; a row-value IN list made SQLite scan
    the table once per chunk), other tables by their whole key."""
    tbl = s.metadata.tables[tabel]
    kunci = list(KUNCI[tabel])
    dicari = {tuple(r[k] for k in kunci) for r in rows}
    ada: dict[tuple, dict] = {}
    if tabel == "keluarga":
        for saring in per_kunci(conn, tbl.c.id_keluarga, sorted({k[0] for k in dicari})):
            for r in conn.execute(select(tbl).where(saring)).mappings():
                if (k := (r["id_keluarga"], r["tanggal"])) in dicari:
                    ada[k] = dict(r)
        return ada
    kol_kunci = [tbl.c[k] for k in kunci]
    for bagian in potong(sorted(dicari)):
        cond = tuple_(*kol_kunci).in_(bagian) if len(kunci) > 1 else kol_kunci[0].in_([x[0] for x in bagian])
        for r in conn.execute(select(tbl).where(cond)).mappings():
            ada[tuple(r[k] for k in kunci)] = dict(r)
    return ada


def _tulis(
    conn: Connection,
    tabel: str,
    siap: pd.DataFrame,
    p: Penolak,
    hasil: HasilImpor,
    kemajuan: Kemajuan | None = None,
    perubahan: rekap.PerubahanKiriman | None = None,
    hari_ppl: set | None = None,
    per_provinsi: bool = False,
) -> set[str]:
    """Insert new rows; a row whose key is stored with other content replaces it (the old version kept in
    riwayat_baris). Counts go to hasil; returns the ids of families touched (their removed and added
    submissions noted in perubahan, their PPL-days added to hari_ppl). New submissions get their distance
    from their desa polygon here, vectorised per desa. per_provinsi: once perubahan is full, the per-officer
    submission counts are left to the recount after the file (rekap.hitung_kiriman)."""
    tbl = s.metadata.tables[tabel]
    kunci = list(KUNCI[tabel])
    data = siap.loc[p.ok]
    if tabel == "keluarga":
        data, salinan, hasil.dilampaui = kiriman_terakhir(data, p)
        hasil.duplikat += salinan
    kolom = [c for c in data.columns if c in tbl.c]
    data = data[kolom]
    if tabel != "keluarga":  # differing copies of one reference key in one file: which is meant is unknown
        ulang = data[data.duplicated(subset=kunci, keep=False)].astype(str)
        bentrok = pd.Series(False, index=data.index)
        if len(ulang):
            beda = ulang.groupby(kunci).transform("nunique").gt(1).any(axis=1)
            bentrok[beda[beda].index] = True
        p.tolak(bentrok.reindex(p.asli.index, fill_value=False), "duplikat bertentangan di berkas yang sama (kunci " + ", ".join(kunci) + ")")
        data = data[~bentrok]
    salinan = data.duplicated(subset=kunci)
    hasil.duplikat += int(salinan.sum())
    data = data[~salinan]
    kol_kunci = [tbl.c[k] for k in kunci]
    tabel_kosong = conn.execute(select(kol_kunci[0]).limit(1)).first() is None
    if tabel_kosong and perubahan is not None:
        perubahan.penuh = True  # nothing noted: the rollups are built whole (per_provinsi: its provinces')
        if tabel == "keluarga" and len(data) <= PARADATA_DI_MEMORI:  # the rows it writes are all its officers have (per_provinsi: officers work in one province)
            perubahan.paradata = []
    disentuh: set[str] = set()
    pengukur = paradata.PengukurJarak(conn) if tabel == "keluarga" else None
    if tabel_kosong and pengukur is not None:  # submissions into an empty table: every row is new, written column by column
        # in key order: each primary-key index grows at its right edge and the per-family rebuild reads the table in
        # order (an export sorted by day made both random: PostgreSQL evicted and re-read pages all load long)
        data = data.sort_values(kunci, kind="stable")
        with indeks_ditunda(conn, tbl, len(data) >= BARIS_ANALISIS, kosong=not per_provinsi):
            for awal in range(0, len(data), IRISAN):
                kolom = _kolom_db(data.iloc[awal : awal + IRISAN])
                n = len(kolom["id_keluarga"])
                kolom["id_impor"] = [hasil.id_impor] * n
                paradata.isi_jarak_kolom(pengukur, kolom)
                if perubahan is not None and perubahan.paradata is not None:
                    perubahan.paradata.append(paradata.kiriman_dari_kolom(kolom))
                if hari_ppl is not None:
                    hari_ppl |= set(zip(kolom["id_ppl"], kolom["tanggal"], strict=True))
                for mulai in range(0, n, BARIS_PER_TULIS):
                    sisipkan_kolom(conn, tbl, {k: v[mulai : mulai + BARIS_PER_TULIS] for k, v in kolom.items()}, biner=True)  # Python values (_kolom_db)
                    if kemajuan:
                        kemajuan(f"menulis {tabel}", min(awal + mulai + BARIS_PER_TULIS, len(data)), len(data))
                hasil.dimuat += n
                disentuh.update(kolom["id_keluarga"])
        return disentuh
    with indeks_ditunda(conn, tbl, tabel_kosong and len(data) >= BARIS_ANALISIS, kosong=not per_provinsi):  # into an empty table: indexes built once after
        for awal in range(0, len(data), IRISAN):  # rows as Python dicts one slice at a time: memory stays bounded
            rows = _baris_db(tabel, data.iloc[awal : awal + IRISAN])
            ada = {} if tabel_kosong else _tersimpan(conn, tabel, rows)
            baru, lama_diganti = [], []
            for r in rows:
                lama = ada.get(tuple(r[c] for c in kunci))
                if lama is not None and _sama(r, lama, list(r)):
                    hasil.duplikat += 1
                    continue
                if lama is not None:
                    lama_diganti.append(lama)
                r["id_impor"] = hasil.id_impor
                baru.append(r)
            if pengukur is not None:
                paradata.isi_jarak(pengukur, baru)  # (a load into an empty table, the only one that keeps its paradata, takes the path above)
                if hari_ppl is not None:
                    hari_ppl |= paradata.hari_ppl(baru) | paradata.hari_ppl(lama_diganti)
            if lama_diganti:
                simpan_riwayat(conn, tabel, lama_diganti, hasil.id_impor)
                hapus_menurut_kunci(conn, tabel, lama_diganti)
            for i, bagian in enumerate(potong(baru, BARIS_PER_TULIS)):
                sisipkan_banyak(conn, tbl, bagian)
                if kemajuan:
                    kemajuan(f"menulis {tabel}", min(awal + (i + 1) * BARIS_PER_TULIS, len(data)), len(data))
            hasil.dimuat += len(baru)
            hasil.diganti += len(lama_diganti)
            if tabel == "keluarga":
                disentuh |= {r["id_keluarga"] for r in baru}
                if not (tabel_kosong or (per_provinsi and perubahan.penuh)):  # else the recomputation after the file builds them
                    rekap.tambah_kiriman(conn, baru)
                    rekap.tambah_kiriman(conn, lama_diganti, tanda=-1)
                    if perubahan is not None:
                        perubahan.catat(lama_diganti, baru)
    return disentuh


def _tulis_jadwal(conn: Connection, siap: pd.DataFrame, p: Penolak, hasil: HasilImpor) -> None:
    """Schedule rows replace the schedule of their area; plan rows replace the whole plan (old rows to
    riwayat_baris). What equals the stored schedule or plan is counted as already stored and left alone."""
    data = siap[p.ok]
    jadwal_baris = data[data["mulai"].notna() & data["selesai"].notna()]
    rencana_baris = data[data["tanggal"].notna()]
    for _, r in jadwal_baris.iterrows():
        kode = r["kode_wilayah"] or ""
        lama = [dict(x) for x in conn.execute(select(s.jadwal).where(s.jadwal.c.kode_wilayah == kode)).mappings()]
        if lama and (lama[0]["mulai"], lama[0]["selesai"]) == (r["mulai"], r["selesai"]):
            hasil.duplikat += 1
            continue
        simpan_riwayat(conn, "jadwal", lama, hasil.id_impor)
        conn.execute(delete(s.jadwal).where(s.jadwal.c.kode_wilayah == kode))
        conn.execute(s.jadwal.insert().values(kode_wilayah=kode, mulai=r["mulai"], selesai=r["selesai"], id_impor=hasil.id_impor))
        hasil.dimuat += 1
        hasil.diganti += len(lama)
    if len(rencana_baris):
        rencana = {r["tanggal"]: float(r["persen_kumulatif"]) for _, r in rencana_baris.iterrows()}  # a day given twice: the later row
        lama = [dict(x) for x in conn.execute(select(s.rencana)).mappings()]
        if {x["tanggal"]: x["persen_kumulatif"] for x in lama} == rencana:
            hasil.duplikat += len(rencana_baris)
            return
        simpan_riwayat(conn, "rencana", lama, hasil.id_impor)
        conn.execute(delete(s.rencana))
        conn.execute(s.rencana.insert(), [{"tanggal": t, "persen_kumulatif": v, "id_impor": hasil.id_impor} for t, v in rencana.items()])
        hasil.dimuat += len(rencana_baris)
        hasil.diganti += len(lama)


def impor_tabel(
    engine: Engine | Connection,
    tabel: str,
    df: pd.DataFrame,
    sumber: str,
    pemetaan: dict[str, str] | None = None,
    *,
    nomor_baris: list[int] | None = None,
    sidik: str | None = None,
    catatan: list[str] | None = None,
    kemajuan: Kemajuan | None = None,
) -> HasilImpor:
    """Load one contract table in one transaction: valid rows are stored, bad rows kept with reasons.

    nomor_baris gives each data row's line in the file (for reject messages); sidik is the file's
    checksum, logged. Raises KolomHilang or KolomGanda (nothing stored) when the header cannot feed the table.
    Imports run one at a time (another one waits, told through kemajuan)."""
    if tabel not in SPESIFIKASI:
        raise ValueError(f"{sumber}: tabel '{tabel}' tidak dikenal; pilihan: {', '.join(URUTAN_TABEL)}")
    sumber = KENDALI.sub("", str(sumber))[:300]
    df, diabaikan = normalkan_kolom(tabel, df.reset_index(drop=True), sumber, pemetaan)
    argumen = {"nomor_baris": nomor_baris, "sidik": sidik, "catatan": catatan, "kemajuan": kemajuan, "diabaikan": diabaikan}
    if isinstance(engine, Connection):
        return _impor(engine, tabel, df, sumber, **argumen)
    if tabel == "keluarga" and engine.dialect.name == "postgresql" and _satu_provinsi(df) and not _muat_pertama(engine, df):
        try:
            with engine.begin() as conn:
                hasil = _impor(conn, tabel, df, sumber, **argumen, per_provinsi=True)
        except Exception as e:  # PerluKunciPenuh, or a driver error through SQLAlchemy or straight from psycopg's COPY
            kode = getattr(e.orig if isinstance(e, DBAPIError) else e, "sqlstate", None)
            if not isinstance(e, PerluKunciPenuh) and kode not in ULANG_DENGAN_KUNCI_PENUH:
                raise
            log.info("impor %s %s: diulang dengan kunci penuh (%s)", tabel, sumber, kode or e)
        else:
            if hasil.dimuat >= BARIS_ANALISIS:  # after the commit: ANALYZE inside it would queue the other provinces
                with engine.begin() as conn:
                    conn.execute(text("ANALYZE " + s.keluarga.name))  # a table name from the schema
                    rekap.segarkan_statistik(conn)  # the rollups this import rebuilt or grew
            return hasil
    with antrean_sqlite(engine, kemajuan), transaksi_impor(engine) as conn:
        return _impor(conn, tabel, df, sumber, **argumen)


def pratinjau_tabel(engine: Engine, tabel: str, df: pd.DataFrame, sumber: str, pemetaan: dict[str, str] | None = None, **argumen) -> HasilImpor:
    """What importing would do (rows loaded, duplicates, exact rejects), computed and then rolled back."""
    with antrean_sqlite(engine, argumen.get("kemajuan")), engine.connect() as conn:
        trans = conn.begin()
        try:
            return impor_tabel(conn, tabel, df, sumber, pemetaan, **argumen)
        finally:
            trans.rollback()


def _impor(
    conn: Connection,
    tabel: str,
    df: pd.DataFrame,
    sumber: str,
    nomor_baris: list[int] | None,
    sidik: str | None,
    catatan: list[str] | None,
    kemajuan: Kemajuan | None,
    diabaikan: list[tuple[str, str | None]],
    per_provinsi: bool = False,
) -> HasilImpor:
    if per_provinsi:  # PostgreSQL submissions: the lock shared, then the provinces' own (see _kunci_provinsi)
        kunci_bersama(conn, kemajuan)
        if not rekap.siap(conn):
            raise PerluKunciPenuh("rekap perlu dibangun")
    else:
        kunci_impor(conn, kemajuan)
        rekap.pastikan(conn)  # a database from before the rollups gets them first, then this import keeps them
    hasil = HasilImpor(tabel=tabel, sumber=sumber, dibaca=len(df), catatan=list(catatan or []), diabaikan=diabaikan)
    hasil.id_impor = conn.execute(
        s.impor.insert().values(tabel=tabel, sumber=sumber, waktu=datetime.now(), baris_dibaca=len(df), baris_dimuat=0, baris_ditolak=0, sidik=sidik)
    ).inserted_primary_key[0]
    if kemajuan:
        kemajuan(f"memeriksa {tabel}", 0, len(df))
    siap, p = siapkan_tabel(tabel, df, conn, nomor_baris)
    provinsi = _kunci_provinsi(conn, siap.loc[p.ok], kemajuan) if per_provinsi else None
    perubahan = rekap.PerubahanKiriman(rekap.KELUARGA_BERTAHAP)
    hari_ppl: set = set()
    if tabel == "jadwal":
        _tulis_jadwal(conn, siap, p, hasil)
        disentuh: set[str] = set()
    else:
        disentuh = _tulis(conn, tabel, siap, p, hasil, kemajuan, perubahan, hari_ppl, per_provinsi)
        if provinsi is not None and not _provinsi_keluarga(conn, hasil.id_impor) <= set(provinsi):
            raise PerluKunciPenuh("keluarga pindah dari provinsi lain")
        if hasil.dimuat >= BARIS_ANALISIS and not per_provinsi:  # fresh statistics, so lookups into it (the next file's checks) use its index
            conn.execute(text("ANALYZE " + s.metadata.tables[tabel].name))  # a table name from the schema
    if tabel == "beban":
        rekap.bangun_sasaran(conn)
        rekap.perbarui_cakupan(conn, None)
    if tabel == "jadwal":
        rekap.perbarui_cakupan(conn, set())  # rebuilt if the deadlines changed
    if tabel == "keluarga" and provinsi is not None:
        if kemajuan:
            kemajuan("meringkas keluarga", 0, 1)
        with ThreadPoolExecutor(max_workers=1) as samping:  # a first load's field-quality rollup, from memory, beside the SQL below
            paradata_kini = samping.submit(paradata.ringkas_semua, perubahan.paradata) if perubahan.paradata is not None else None
            # the coverage counts of its kecamatan are computed beside the officers' rollups below (they read neither)
            cakupan = rekap.mulai_cakupan(conn, rekap.perbarui_ringkas(conn, disentuh, perubahan, provinsi, id_impor=hasil.id_impor), boleh_semua=False, samping=samping)
            if perubahan.penuh:  # a big file: its officers' counts recomputed whole (not counted row by row, see _tulis)
                rekap.hitung_kiriman(conn, {p for p, _ in hari_ppl})
                paradata.bangun(conn, id_ppl={p for p, _ in hari_ppl}, ringkas=None if paradata_kini is None else paradata_kini.result())
            else:
                paradata.perbarui(conn, hari_ppl)
            cakupan()
    elif tabel == "keluarga":
        if kemajuan:
            kemajuan("meringkas keluarga", 0, 1)
        kosong_sebelumnya = conn.execute(select(s.keluarga_ringkas.c.id_keluarga).limit(1)).first() is None
        rekap.perbarui_cakupan(conn, rekap.perbarui_ringkas(conn, None if kosong_sebelumnya else disentuh, perubahan))
        if not (kosong_sebelumnya or len(disentuh) > rekap.KELUARGA_BERTAHAP):  # else rekap.perbarui_ringkas rebuilt every rollup
            paradata.perbarui(conn, hari_ppl)
    hasil.ditolak = p.tabel()
    hasil.contoh = siap[p.ok & ~p.lewat].head(20)  # rows that load, as typed
    hasil.ulang = p.ulang
    hasil.catatan += p.catatan
    # the ignored columns are shown from hasil.diabaikan; the import log keeps them with the notes
    abaikan = ["kolom diabaikan: " + ", ".join(tampil_singkat(k) + (f" (maksudnya {m}?)" if m else "") for k, m in diabaikan)] if diabaikan else []
    conn.execute(
        update(s.impor)
        .where(s.impor.c.id == hasil.id_impor)
        .values(
            baris_dimuat=hasil.dimuat,
            baris_ditolak=hasil.jumlah_ditolak,
            baris_duplikat=hasil.duplikat,
            baris_diganti=hasil.diganti,
            catatan=KENDALI.sub("", "; ".join(hasil.catatan + ([hasil.ulang.teks()] if hasil.ulang else []) + abaikan))[:2000] or None,
        )
    )
    if len(hasil.ditolak):
        conn.execute(
            s.penolakan.insert(),
            [{"id_impor": hasil.id_impor, "berkas": sumber, "baris": int(b), "alasan": a[:300], "data": d} for b, a, d in hasil.ditolak.itertuples(index=False)],
        )
    log.info(
        "impor #%s %s %s: %s dibaca, %s dimuat (%s mengganti), %s sama, %s dilewati, %s ditolak",
        hasil.id_impor,
        tabel,
        sumber,
        hasil.dibaca,
        hasil.dimuat,
        hasil.diganti,
        hasil.duplikat,
        hasil.dilampaui,
        hasil.jumlah_ditolak,
    )
    if kemajuan:
        kemajuan(f"selesai {tabel}", 1, 1)
    return hasil


def _muat_pertama(engine: Engine, df: pd.DataFrame) -> bool:
    """Whether a submissions file is a bulk first load: at least MUAT_PERTAMA_BESAR rows into an empty table. It
    takes the whole lock instead of its province's: under it the tables' indexes are built after their rows
    (store.db.indeks_ditunda): at 10^6 families on PostgreSQL 23-25 s instead of 30-33 s. Another province's import
    that comes meanwhile waits for it, once per campaign. Smaller first files keep their province's lock and run side
    by side: two provinces' first twelve days (about 40,000 submissions each) took 2.2 s side by side, 4.3 s in line."""
    if len(df) < MUAT_PERTAMA_BESAR:
        return False
    with engine.connect() as conn:
        return conn.execute(select(s.keluarga.c.id_keluarga).limit(1)).first() is None


def _satu_provinsi(df: pd.DataFrame) -> bool:
    """Whether a submissions file looks like one province's (its codes share their first two characters): it then
    locks that province only. A file of several provinces takes the whole lock, whose whole rebuilds are faster."""
    return "kode_sls" in df and df["kode_sls"].astype(str).str.strip().str[:2].nunique() == 1


def _provinsi_keluarga(conn: Connection, id_impor: int) -> set[str]:
    """The provinces the families this import wrote lie under in the stored per-family state, before it is
    recomputed (a new family under none). PostgreSQL."""
    r = s.keluarga_ringkas
    return {x for (x,) in conn.execute(select(r.c.kode_prov).where(r.c.id_keluarga.in_(rekap.keluarga_impor(id_impor))).distinct())}


def _kunci_provinsi(conn: Connection, data: pd.DataFrame, kemajuan: Kemajuan | None) -> list[str]:
    """Lock the provinces these submissions lie under. A family that lay under another province before is
    caught after writing (see _impor): the import then runs again under the whole lock."""
    perlu = set(data["kode_sls"].str[:2])
    if not all(k.isdigit() and len(k) == 2 for k in perlu):
        raise PerluKunciPenuh("kode provinsi tidak dua angka")
    kunci_provinsi(conn, sorted(perlu), kemajuan)
    return sorted(perlu)


def impor_semua(engine: Engine, tabel_tabel: dict[str, pd.DataFrame], sumber: str, mulai_tabel: Callable[[str], None] | None = None) -> list[HasilImpor]:
    """Load several contract tables in dependency order (each table atomically); mulai_tabel(name) is told as
    each table begins (a progress display)."""
    hasil = []
    for nama in URUTAN_TABEL:
        if nama in tabel_tabel:
            if mulai_tabel is not None:
                mulai_tabel(nama)
            hasil.append(impor_tabel(engine, nama, tabel_tabel[nama], f"{sumber}:{nama}"))
    return hasil
