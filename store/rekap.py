"""Rollups the dashboard reads instead of raw submissions, kept up to date incrementally by each import."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, Integer, and_, bindparam, case, cast, delete, func, insert, literal, literal_column, or_, select, text, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql import Select

from aturan.ambang import AMBANG_CAKUPAN
from aturan.cakupan import KOLOM_AREA, per_kecamatan_harian, sidik_cakupan
from aturan.kinerja import BELUM_DIPERIKSA
from aturan.kode import KOLOM_KODE, PANJANG_KEC, TINGKAT_AREA
from store import paradata
from store.baca import baca_jadwal, bangunan_cakupan, di_bawah, ke_df
from store.db import BARIS_PER_TULIS, POTONG_BACA, POTONG_EKSPRESI, PerluKunciPenuh, di_antara, indeks_ditunda, per_kunci, potong, salah_satu, sisipkan_banyak, tulis_meta
from store.schema import (
    beban,
    keluarga,
    keluarga_ringkas,
    meta,
    rekap_cakupan,
    rekap_durasi,
    rekap_harian,
    rekap_kiriman,
    rekap_ppl_harian,
    rekap_sls_harian,
    sasaran_wilayah,
)

VERSI = "10"  # raise when the rollup definitions change: the next start rebuilds them


def menit_bulat(durasi):
    """Whole interview minutes, halves rounded up, the same on every database (round() differs). The half is
    written into the statement, not bound: the expression is then one and the same in GROUP BY and ORDER BY,
    so SQLite sorts once (a bound value per use made it sort twice, 40% of the per-minute rollup's time)."""
    return cast(func.floor(durasi + literal_column("0.5")), Integer)


def _awalan(kolom, panjang: int):
    """A code's first panjang characters, the lengths written into the statement (as menit_bulat's half), so that
    the prefix in SELECT and in GROUP BY is one expression to PostgreSQL."""
    return func.substr(kolom, literal_column("1"), literal_column(str(int(panjang))))


def _induk(kolom, panjang_induk: int):
    return _awalan(kolom, panjang_induk) if panjang_induk else literal("")


def _di_provinsi(kolom, provinsi: list[str] | None) -> list:
    """The condition for rows whose code lies under these provinces (none: all rows), to unpack into where()."""
    return [] if provinsi is None else [func.substr(kolom, 1, 2).in_(provinsi)]


def _sls_di_provinsi(kode_sls, provinsi: list[str] | None) -> list:
    """The rows whose SLS code lies under these provinces (none: all), as ranges of SLS codes an index serves."""
    return [] if provinsi is None else [or_(*[di_bawah(kode_sls, p) for p in provinsi])]


def _kode_turunan(kode_sls) -> list:
    """The SLS code's prefixes that the per-family table keeps, one per level (KOLOM_KODE's order)."""
    return [func.substr(kode_sls, 1, panjang) for panjang in KOLOM_KODE]


def bangun_ulang(
    conn: Connection, provinsi: list[str] | None = None, paradata_kini: Future | None = None, samping: Executor | None = None, pertama: bool = False
) -> None:
    """Recompute the per-day rollups from the per-family table (after a full recomputation of it): the per-SLS
    rollup first, then the per-area and per-officer daily counts as its sums, the minutes from the families. Rows are
    written in the order the officer queries read them (an area's PPL together), so an area's rows sit on
    few pages of a national table.

    With provinsi, only the rows under those provinces are recomputed (an import holding their locks, see
    store.db.kunci_provinsi): the area rollups and the per-SLS one. The per-PPL submission counts and the
    field-quality rollup, keyed by officer and not by area, are then kept up to date by the import itself, and
    so are the coverage counts of its kecamatan.

    The whole rebuild also rebuilds the coverage counts: once the per-SLS rollup they read is built, they are
    computed on samping (when given) beside the other rollups' SQL. paradata_kini: the field-quality rollup of
    every submission, being computed from memory (paradata.ringkas_semua), for the whole rebuild. pertama: a first
    load under the whole import lock (see perbarui_ringkas): the big rollups' indexes are built after their rows."""
    r, s = keluarga_ringkas, rekap_sls_harian
    di_prov = _sls_di_provinsi(r.c.kode_sls, provinsi)
    bangun_sls(conn, provinsi)
    if provinsi is None:
        cakupan = mulai_cakupan(conn, None, samping=samping)
    # families first done per area or officer and day are sums of the per-SLS rollup (a tenth of the per-family rows):
    # each family counts once, on its current SLS and PPL and its first day; rows that only move a result count none
    di_prov_sls = _sls_di_provinsi(s.c.kode_sls, provinsi)
    selesai, baru = func.sum(s.c.selesai), func.sum(s.c.baru)
    conn.execute(delete(rekap_harian).where(*_di_provinsi(rekap_harian.c.kode, provinsi)))
    with indeks_ditunda(conn, rekap_harian, provinsi is None, kosong=pertama):
        for panjang, tingkat, panjang_induk in TINGKAT_AREA:
            kode = _awalan(s.c.kode_sls, panjang)
            pilih = (
                select(kode, s.c.tanggal, _induk(kode, panjang_induk), literal(tingkat), selesai, baru)
                .where(*di_prov_sls)
                .group_by(kode, s.c.tanggal)
                .having(selesai > 0)
                .order_by(kode, s.c.tanggal)
            )
            conn.execute(insert(rekap_harian).from_select(["kode", "tanggal", "induk", "tingkat", "selesai", "baru"], pilih))
    conn.execute(delete(rekap_ppl_harian).where(*_di_provinsi(rekap_ppl_harian.c.kode_kec, provinsi)))
    kec = _awalan(s.c.kode_sls, PANJANG_KEC)
    kunci_ppl = (kec, s.c.id_ppl, s.c.tanggal)  # the rollup's kecamatan order
    pilih = select(s.c.id_ppl, kec, s.c.tanggal, selesai, baru).where(*di_prov_sls).group_by(*kunci_ppl).having(selesai > 0).order_by(*kunci_ppl)
    conn.execute(insert(rekap_ppl_harian).from_select(["id_ppl", "kode_kec", "tanggal", "selesai", "baru"], pilih))
    conn.execute(delete(rekap_durasi).where(*_di_provinsi(rekap_durasi.c.kode_kec, provinsi)))
    menit = menit_bulat(r.c.durasi_pertama)
    kunci_durasi = (r.c.kode_kec, r.c.id_ppl, menit, r.c.tanggal_pertama)  # the rollup's key, in its order
    pilih = select(*kunci_durasi, func.count()).where(r.c.durasi_pertama.is_not(None), *di_prov).group_by(*kunci_durasi).order_by(*kunci_durasi)
    with indeks_ditunda(conn, rekap_durasi, provinsi is None, kosong=pertama):  # SQLite: none to defer (its key is the table)
        conn.execute(insert(rekap_durasi).from_select(["kode_kec", "id_ppl", "menit", "tanggal", "jumlah"], pilih))
    if provinsi is not None:
        return
    hitung_kiriman(conn, None)
    paradata.bangun(conn, ringkas=None if paradata_kini is None else paradata_kini.result())
    segarkan_statistik(conn)
    cakupan()


TABEL_STATISTIK = ("rekap_harian", "rekap_ppl_harian", "rekap_durasi", "rekap_kiriman", "rekap_sls_harian")
TABEL_STATISTIK_PG = ("keluarga_ringkas", "rekap_paradata")  # also on PostgreSQL (SQLite's ANALYZE reads every index whole)


def segarkan_statistik(conn: Connection) -> None:
    """Fresh planner statistics for the rollups (and on PostgreSQL the per-family table) after a large rebuild, so
    the first page read after an import is planned on their real sizes: PostgreSQL planned a rollup it believed
    empty with a sort spilled to disk, 74 ms instead of 35 for the officers page's minutes (BENCHMARKS.md)."""
    for tabel in TABEL_STATISTIK + (TABEL_STATISTIK_PG if conn.dialect.name == "postgresql" else ()):
        conn.execute(text("ANALYZE " + tabel))  # fixed table names


HASIL = (1, 2, 3, 4, 5)  # result codes
NILAI_SLS = ("selesai", "baru", *[f"hasil_{h}" for h in HASIL], "baru_kini")
SLS_SEPOTONG = 20000  # SLS whose days are checked at once when the coverage rollup is rebuilt (memory: ~SLS x days x 15 values)
KIRIMAN_SLS = ["id_keluarga", "tanggal", "kode_sls", "id_ppl", "hasil", "keluarga_baru"]  # what the per-SLS rollup reads of a submission


def bangun_sls(conn: Connection, provinsi: list[str] | None = None) -> None:
    """Recompute the per-SLS rollup from the submissions: each family's first day on its current SLS and PPL,
    and each day its result entered or left each code, or its new-family mark changed, from the one before (LAG).
    With provinsi, only the rows of families now under those provinces.

    A family submitted once (most of them) entered its current result on its first day: that is read off its
    per-family row, and the window over submissions runs only for families submitted more than once."""
    k, r = keluarga, keluarga_ringkas
    di_prov = _sls_di_provinsi(keluarga_ringkas.c.kode_sls, provinsi)
    conn.execute(delete(rekap_sls_harian).where(*_di_provinsi(rekap_sls_harian.c.kode_sls, provinsi)))
    urut = {"partition_by": k.c.id_keluarga, "order_by": k.c.tanggal}

    def _kini(t):
        return {f"hasil_{h}": case((t.c.hasil == h, 1), else_=0) for h in HASIL} | {"baru_kini": t.c.keluarga_baru}

    kini = _kini(k)
    ubah = select(k.c.id_keluarga, k.c.tanggal, *[(v - func.lag(v, 1, 0).over(**urut)).label(n) for n, v in kini.items()])
    ubah = ubah.where(k.c.id_keluarga.in_(select(r.c.id_keluarga).where(r.c.jumlah_kiriman > 1, *di_prov))).subquery()
    nol = literal(0)
    tgl = r.c.tanggal_pertama.label("tanggal")
    sekali = r.c.jumlah_kiriman == 1
    kini_sekali = [case((sekali, v), else_=0).label(n) for n, v in _kini(r).items()]
    pertama = select(r.c.kode_sls, r.c.id_ppl, tgl, literal(1).label("selesai"), r.c.keluarga_baru.label("baru"), *kini_sekali).where(*di_prov)
    berubah = (
        select(r.c.kode_sls, r.c.id_ppl, ubah.c.tanggal, nol, nol, *[ubah.c[n] for n in kini])
        .select_from(ubah.join(r, r.c.id_keluarga == ubah.c.id_keluarga))
        .where(or_(*[ubah.c[n] != 0 for n in kini]), *di_prov)
    )
    semua = union_all(pertama, berubah).subquery()
    jumlah = [func.sum(semua.c[c]) for c in NILAI_SLS]
    kunci = (semua.c.kode_sls, semua.c.id_ppl, semua.c.tanggal)
    pilih = select(*kunci, *jumlah).group_by(*kunci).having(or_(*[j != 0 for j in jumlah])).order_by(*kunci)
    conn.execute(insert(rekap_sls_harian).from_select(["kode_sls", "id_ppl", "tanggal", *NILAI_SLS], pilih))


def sumbangan_sls(kiriman: pd.DataFrame) -> pd.DataFrame:
    """What families add to the per-SLS rollup, given all their submissions (columns KIRIMAN_SLS): per current
    SLS, PPL and day, families first submitted (selesai, baru) and the change in families by current result
    (hasil_1 .. hasil_5) and by the new-family mark of their latest submission (baru_kini)."""
    if kiriman.empty:
        return pd.DataFrame(columns=["kode_sls", "id_ppl", "tanggal", *NILAI_SLS])
    k = kiriman.sort_values(["id_keluarga", "tanggal"], kind="stable")
    akhir = k.drop_duplicates("id_keluarga", keep="last").set_index("id_keluarga")
    pertama = k.drop_duplicates("id_keluarga", keep="first")
    kepunyaan = {"kode_sls": k["id_keluarga"].map(akhir["kode_sls"]), "id_ppl": k["id_keluarga"].map(akhir["id_ppl"])}
    bagian = pd.DataFrame({**kepunyaan, "tanggal": k["tanggal"], "selesai": 0, "baru": 0})
    kini = {f"hasil_{h}": (k["hasil"] == h) for h in HASIL} | {"baru_kini": k["keluarga_baru"]}
    for nama, nilai in kini.items():
        nilai = nilai.astype("int64")
        bagian[nama] = nilai - nilai.groupby(k["id_keluarga"]).shift(1, fill_value=0)
    bagian.loc[pertama.index, "selesai"] = 1
    bagian.loc[pertama.index, "baru"] = pertama["id_keluarga"].map(akhir["keluarga_baru"]).astype("int64")
    return bagian.groupby(["kode_sls", "id_ppl", "tanggal"], as_index=False)[list(NILAI_SLS)].sum()


class PerubahanKiriman:
    """Submissions one write removed and added, kept compactly while at most `batas` families are touched: the
    per-SLS rollup needs each touched family's submissions from before the write. Beyond that, `penuh`."""

    def __init__(self, batas: int) -> None:
        self.batas = batas
        self.dihapus: list[tuple] = []
        self.ditambah: set[tuple] = set()
        self.keluarga: set[str] = set()
        self.penuh = False
        self.paradata: list[pd.DataFrame] | None = None  # every submission's paradata, kept by a write into an empty table

    def catat(self, dihapus: list[dict], ditambah: list[dict]) -> None:
        if self.penuh:
            return
        self.keluarga |= {r["id_keluarga"] for r in dihapus} | {r["id_keluarga"] for r in ditambah}
        if len(self.keluarga) > self.batas:
            self.penuh, self.dihapus, self.ditambah, self.keluarga = True, [], set(), set()
            return
        self.dihapus += [tuple(r[c] for c in KIRIMAN_SLS) for r in dihapus]
        self.ditambah |= {(r["id_keluarga"], r["tanggal"]) for r in ditambah}


def perbarui_sls(conn: Connection, id_keluarga: list[str], perubahan: PerubahanKiriman) -> set[str]:
    """Move the per-SLS rollup from the touched families' submissions before the write to their submissions now.
    Returns the kecamatan whose rows changed."""
    k = keluarga
    kini = []
    for saring in per_kunci(conn, k.c.id_keluarga, id_keluarga, POTONG_BACA):
        kini += conn.execute(select(*[k.c[c] for c in KIRIMAN_SLS]).where(saring)).all()
    sekarang = pd.DataFrame([tuple(r) for r in kini], columns=KIRIMAN_SLS)
    tetap = sekarang[[(i, t) not in perubahan.ditambah for i, t in zip(sekarang["id_keluarga"], sekarang["tanggal"], strict=True)]]
    sebelum = pd.concat([tetap, pd.DataFrame(perubahan.dihapus, columns=KIRIMAN_SLS)], ignore_index=True)
    kunci = ["kode_sls", "id_ppl", "tanggal"]
    beda = _selisih(sumbangan_sls(sebelum), sumbangan_sls(sekarang), kunci, NILAI_SLS)
    baris = [dict(zip([*kunci, *NILAI_SLS], (a, b, c, *map(int, n)), strict=True)) for a, b, c, *n in beda.itertuples(index=False)]
    _tambah(conn, rekap_sls_harian, baris, kunci, NILAI_SLS, bisa_negatif=True)
    return set(beda["kode_sls"].str[:7])


def perbarui_cakupan(conn: Connection, kecamatan: set[str] | None, boleh_semua: bool = True) -> None:
    """Rebuild the per-kecamatan daily coverage counts (rekap_cakupan) of these kecamatan, or of all (None), for
    the configured thresholds and the stored deadlines. Everything is rebuilt when those changed since the last
    build, or when the rollup now holds days outside the days built (data before the start or after the end);
    unless boleh_semua is False (a caller holding only some provinces' locks): then PerluKunciPenuh is raised."""
    mulai_cakupan(conn, kecamatan, boleh_semua)()


def _tanpa_kerja() -> None:
    """What mulai_cakupan returns when nothing is left to compute."""


def mulai_cakupan(conn: Connection, kecamatan: set[str] | None, boleh_semua: bool = True, samping: Executor | None = None) -> Callable[[], None]:
    """perbarui_cakupan in two steps: read what the rebuild needs and start computing it (on samping, beside the
    caller's other SQL, when given); the call it returns waits for the counts and writes them."""
    jadwal = baca_jadwal(conn)
    isi = bangunan_cakupan(conn)
    if jadwal is None:
        if not boleh_semua:
            raise PerluKunciPenuh("tanpa jadwal")
        conn.execute(delete(rekap_cakupan))
        tulis_meta(conn, {"cakupan_sidik": ""})
        return _tanpa_kerja
    sidik = sidik_cakupan(AMBANG_CAKUPAN, jadwal)
    if isi.get("cakupan_sidik") != sidik or not isi.get("cakupan_awal"):
        kecamatan = None
    if kecamatan is not None and not kecamatan:
        return _tanpa_kerja
    if kecamatan is None and not boleh_semua:
        raise PerluKunciPenuh("ambang atau jadwal berubah")
    rs, b = rekap_sls_harian, beban
    nilai = {"selesai": rs.c.selesai, "baru": rs.c.baru, "ulang_2": rs.c.hasil_2, "ulang_3": rs.c.hasil_3}
    q_harian = select(rs.c.kode_sls, rs.c.tanggal, *[func.sum(v).label(k) for k, v in nilai.items()]).group_by(rs.c.kode_sls, rs.c.tanggal)
    q_sls = select(b.c.kode_sls, b.c.sasaran_keluarga.label("sasaran")).order_by(b.c.kode_sls)
    if kecamatan is None:
        kelompok = [(q_harian, q_sls)]
    else:
        urut = sorted(kecamatan)
        kelompok = []
        for bagian in potong(urut, POTONG_EKSPRESI):
            kelompok.append((q_harian.where(or_(*[di_bawah(rs.c.kode_sls, k) for k in bagian])), q_sls.where(or_(*[di_bawah(b.c.kode_sls, k) for k in bagian]))))
    harian = pd.concat([ke_df(conn, qh, ["kode_sls", "tanggal", *nilai]) for qh, _ in kelompok], ignore_index=True)
    sls = pd.concat([ke_df(conn, qs, ["kode_sls", "sasaran"]) for _, qs in kelompok], ignore_index=True)
    hari_data = sorted(set(harian["tanggal"]))
    if kecamatan is None:
        awal = min([jadwal.umum.mulai, *hari_data[:1]]) - timedelta(days=1)  # a day with nothing submitted yet
        akhir = max([jadwal.selesai_terakhir, *hari_data[-1:]])  # from then on nothing changes
    else:
        awal, akhir = date.fromisoformat(isi["cakupan_awal"]), date.fromisoformat(isi["cakupan_akhir"])
        if hari_data and (hari_data[0] <= awal or hari_data[-1] > akhir):
            if not boleh_semua:
                raise PerluKunciPenuh("hari di luar rentang rekap cakupan")
            return mulai_cakupan(conn, None, samping=samping)
    kerja = samping.submit(_hitung_cakupan, sls, harian, awal, akhir, jadwal) if samping is not None else None

    def tulis() -> None:
        hasil = kerja.result() if kerja is not None else _hitung_cakupan(sls, harian, awal, akhir, jadwal)
        conn.execute(delete(rekap_cakupan) if kecamatan is None else delete(rekap_cakupan).where(rekap_cakupan.c.kode_kec.in_(sorted(kecamatan))))
        for df in hasil:
            baris = [dict(zip(["kode_kec", "tanggal", *KOLOM_AREA], (k, t, *map(int, n)), strict=True)) for k, t, *n in df.itertuples(index=False)]
            if baris:
                sisipkan_banyak(conn, rekap_cakupan, baris)
        if kecamatan is None:  # some kecamatan: the fingerprint and days are the stored ones (a shared row left alone)
            tulis_meta(conn, {"cakupan_sidik": sidik, "cakupan_awal": awal.isoformat(), "cakupan_akhir": akhir.isoformat()})

    return tulis


def _hitung_cakupan(sls: pd.DataFrame, harian: pd.DataFrame, awal: date, akhir: date, jadwal) -> list[pd.DataFrame]:
    """The coverage counts per kecamatan and day of these SLS (kode_sls, sasaran; in code order) from their per-day
    rollup rows, about SLS_SEPOTONG SLS x the campaign's days at a time, cut between kecamatan. No database: it
    may run beside the caller's SQL."""
    hasil = []
    kec = sls["kode_sls"].str[:7].to_numpy()
    mulai = 0
    while mulai < len(sls):
        akhir_potong = min(mulai + SLS_SEPOTONG, len(sls))
        while akhir_potong < len(sls) and kec[akhir_potong] == kec[akhir_potong - 1]:
            akhir_potong += 1
        sepotong = sls.iloc[mulai:akhir_potong]
        mulai = akhir_potong
        hasil.append(per_kecamatan_harian(sepotong, harian[harian["kode_sls"].isin(sepotong["kode_sls"])], awal, akhir, AMBANG_CAKUPAN, jadwal))
    return hasil


def bangun_sasaran(conn: Connection) -> None:
    """Recompute the target (sum of prelist families) and SLS count of every area from the workloads."""
    conn.execute(delete(sasaran_wilayah))
    for panjang, tingkat, panjang_induk in TINGKAT_AREA:
        kode = beban.c[KOLOM_KODE[panjang]]
        pilih = select(kode, _induk(kode, panjang_induk), literal(tingkat), func.sum(beban.c.sasaran_keluarga), func.count()).group_by(kode)
        conn.execute(insert(sasaran_wilayah).from_select(["kode", "induk", "tingkat", "sasaran", "jumlah_sls"], pilih))


def kontribusi(conn: Connection, id_keluarga: Sequence[str], larik: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What these families add to the rollups now: per desa and day (n, b), per PPL, kecamatan and day (n, b),
    and per kecamatan, PPL, day and interview minute (n). larik: the families as one bound array (PostgreSQL)."""
    r = keluarga_ringkas
    n, b = func.count().label("n"), func.coalesce(func.sum(r.c.keluarga_baru), 0).label("b")
    saring = di_antara(r.c.id_keluarga, id_keluarga, larik)
    tgl = r.c.tanggal_pertama.label("tanggal")
    desa = pd.DataFrame(conn.execute(select(r.c.kode_desa, tgl, n, b).where(saring).group_by(r.c.kode_desa, r.c.tanggal_pertama)).all())
    ppl = pd.DataFrame(conn.execute(select(r.c.id_ppl, r.c.kode_kec, tgl, n, b).where(saring).group_by(r.c.id_ppl, r.c.kode_kec, r.c.tanggal_pertama)).all())
    menit = menit_bulat(r.c.durasi_pertama)
    durasi = pd.DataFrame(
        conn.execute(
            select(r.c.kode_kec, r.c.id_ppl, tgl, menit.label("menit"), n)
            .where(saring, r.c.durasi_pertama.is_not(None))
            .group_by(r.c.kode_kec, r.c.id_ppl, r.c.tanggal_pertama, menit)
        ).all()
    )
    return desa, ppl, durasi


def _selisih(lama: pd.DataFrame, baru: pd.DataFrame, kunci: list[str], nilai: tuple[str, ...] = ("n", "b")) -> pd.DataFrame:
    """New minus old contribution per key; keys whose counts do not change are left out."""
    bagian = ([lama.assign(**{c: -lama[c].astype("int64") for c in nilai})] if len(lama) else []) + ([baru] if len(baru) else [])
    if not bagian:
        return pd.DataFrame(columns=[*kunci, *nilai])
    d = pd.concat(bagian, ignore_index=True).astype({c: "int64" for c in nilai})
    d = d.groupby(kunci, as_index=False)[list(nilai)].sum()
    return d[(d[list(nilai)] != 0).any(axis=1)]


def _tambah(conn: Connection, tabel, baris: list[dict], kunci: list[str], nilai: tuple[str, ...] = ("selesai", "baru"), bisa_negatif: bool = False) -> None:
    """Add the counts (nilai) of each row to the stored row with the same key (insert it when there is none).
    A stored row whose counts all reach zero is removed; bisa_negatif: stored counts may be negative (changes
    in a count), so a positive change can bring a row to zero too."""
    if not baris:
        return
    if conn.dialect.name == "postgresql":  # one statement: the rows as bound arrays, unnested side by side, in key order
        baris = sorted(baris, key=lambda b: tuple(b[k] for k in kunci))
        kolom = list(baris[0])
        larik = select(*[func.unnest(bindparam(None, [b[c] for b in baris], type_=ARRAY(tabel.c[c].type))).label(c) for c in kolom])
        perintah = postgresql.insert(tabel).from_select(kolom, larik)
        conn.execute(perintah.on_conflict_do_update(index_elements=kunci, set_={n: tabel.c[n] + perintah.excluded[n] for n in nilai}))
    else:
        perintah = sqlite.insert(tabel)
        perintah = perintah.on_conflict_do_update(index_elements=kunci, set_={n: tabel.c[n] + perintah.excluded[n] for n in nilai})
        for bagian in potong(baris, BARIS_PER_TULIS):
            conn.execute(perintah, bagian)
    kena = baris if bisa_negatif else [b for b in baris if any(b[n] < 0 for n in nilai)]  # only these can reach zero
    if conn.dialect.name == "postgresql" and kena:  # no stored row is all zero but these: rows of their first keys suffice
        conn.execute(delete(tabel).where(*[tabel.c[n] == 0 for n in nilai], salah_satu(tabel.c[kunci[0]], sorted({b[kunci[0]] for b in kena}))))
        return
    for bagian in potong(kena, POTONG_EKSPRESI):
        cocok = or_(*[and_(*[tabel.c[k] == b[k] for k in kunci]) for b in bagian])
        conn.execute(delete(tabel).where(*[tabel.c[n] == 0 for n in nilai], cocok))


def terapkan(conn: Connection, lama: tuple[pd.DataFrame, ...], baru: tuple[pd.DataFrame, ...]) -> None:
    """Move the rollups from the families' old contribution to their new one (both from kontribusi)."""
    desa = _selisih(lama[0], baru[0], ["kode_desa", "tanggal"])
    baris = []
    for panjang, tingkat, panjang_induk in TINGKAT_AREA:
        d = desa.assign(kode=desa["kode_desa"].str[:panjang]).groupby(["kode", "tanggal"], as_index=False)[["n", "b"]].sum()
        d = d[(d["n"] != 0) | (d["b"] != 0)]
        baris += [
            {"kode": k, "tanggal": t, "induk": k[:panjang_induk], "tingkat": tingkat, "selesai": int(n), "baru": int(b)}
            for k, t, n, b in d[["kode", "tanggal", "n", "b"]].itertuples(index=False)
        ]
    _tambah(conn, rekap_harian, baris, ["kode", "tanggal"])
    ppl = _selisih(lama[1], baru[1], ["id_ppl", "kode_kec", "tanggal"])
    baris_ppl = [{"id_ppl": p, "kode_kec": k, "tanggal": t, "selesai": int(n), "baru": int(b)} for p, k, t, n, b in ppl.itertuples(index=False)]
    _tambah(conn, rekap_ppl_harian, baris_ppl, ["id_ppl", "kode_kec", "tanggal"])
    kunci_durasi = ["kode_kec", "id_ppl", "tanggal", "menit"]
    durasi = _selisih(lama[2], baru[2], kunci_durasi, ("n",))
    baris_durasi = [{"kode_kec": k, "id_ppl": p, "tanggal": t, "menit": int(m), "jumlah": int(n)} for k, p, t, m, n in durasi.itertuples(index=False)]
    _tambah(conn, rekap_durasi, baris_durasi, ["kode_kec", "id_ppl", "menit", "tanggal"], ("jumlah",))  # the rollup's key, in its order


def tambah_kiriman(conn: Connection, kiriman: list[dict], tanda: int = 1) -> None:
    """Count stored submissions (rows of keluarga) into rekap_kiriman, or with tanda=-1 out of it (removed ones)."""
    hitung: dict[tuple, int] = {}
    for r in kiriman:
        kunci = (r["id_ppl"], r["tanggal"], r.get("tanggal_periksa") or BELUM_DIPERIKSA)
        hitung[kunci] = hitung.get(kunci, 0) + tanda
    # in key order: two imports that share an officer lock his rows in the same order (no deadlock)
    baris = [{"id_ppl": p, "tanggal": t, "tanggal_periksa": c, "kiriman": n} for (p, t, c), n in sorted(hitung.items())]
    _tambah(conn, rekap_kiriman, baris, ["id_ppl", "tanggal", "tanggal_periksa"], ("kiriman",))


def siap(conn: Connection) -> bool:
    """Whether pastikan would leave every rollup as it is: an import holding only some provinces' locks needs
    that (else it takes the whole lock, see store.impor.tulis)."""
    versi = conn.execute(select(meta.c.nilai).where(meta.c.kunci == "versi_rekap")).scalar()
    if versi != VERSI or not paradata.siap(conn):
        return False
    jadwal = baca_jadwal(conn)
    isi = bangunan_cakupan(conn)
    return jadwal is not None and isi.get("cakupan_sidik") == sidik_cakupan(AMBANG_CAKUPAN, jadwal) and bool(isi.get("cakupan_awal"))


def hitung_kiriman(conn: Connection, id_ppl: set[str] | None) -> None:
    """Recount rekap_kiriman from the stored submissions: every PPL's rows (None), or these PPL's (PostgreSQL:
    one array of keys)."""
    if id_ppl is not None and not id_ppl:
        return
    k = keluarga
    saring = [] if id_ppl is None else [salah_satu(k.c.id_ppl, sorted(id_ppl))]
    hapus = [] if id_ppl is None else [salah_satu(rekap_kiriman.c.id_ppl, sorted(id_ppl))]
    conn.execute(delete(rekap_kiriman).where(*hapus))
    periksa = func.coalesce(k.c.tanggal_periksa, literal(BELUM_DIPERIKSA))
    kunci = (k.c.id_ppl, k.c.tanggal, periksa)
    pilih = select(*kunci, func.count()).where(*saring).group_by(*kunci).order_by(*kunci)
    conn.execute(insert(rekap_kiriman).from_select(["id_ppl", "tanggal", "tanggal_periksa", "kiriman"], pilih))


def pastikan(conn: Connection) -> bool:
    """Build the rollups once for a database made before they existed (or with older definitions). True if built."""
    versi = conn.execute(select(meta.c.nilai).where(meta.c.kunci == "versi_rekap")).scalar()
    if versi == VERSI:
        perbarui_cakupan(conn, set())  # rebuilt only if the thresholds or deadlines changed since
        paradata.pastikan(conn)  # likewise the field-quality counts
        return False
    bangun_ulang(conn)  # the coverage counts too
    bangun_sasaran(conn)
    tulis_meta(conn, {"versi_rekap": VERSI})
    return True


KELUARGA_BERTAHAP = 20000  # more families touched than this: the per-family state and rollups are recomputed whole
MEMORI_URUT = "64MB"  # PostgreSQL work_mem for the statements of a whole rebuild (its default, 4 MB, spills them to disk)


def keluarga_impor(id_impor: int) -> Select:
    """The families with a submission written by this import, as a subquery: what a big import touched, selected
    in SQL instead of bound as a list of up to millions of keys (parsing that list cost seconds on PostgreSQL)."""
    return select(keluarga.c.id_keluarga).where(keluarga.c.id_impor == id_impor)


def _keluarga_di(kolom, bagian: Sequence[str] | Select, larik: bool):
    """kolom among these families: a subquery of them, or keys (see store.db.di_antara)."""
    return kolom.in_(bagian) if isinstance(bagian, Select) else di_antara(kolom, bagian, larik)


def _ringkas(conn: Connection, bagian: Sequence[str] | Select | None, larik: bool = False, pertama: bool = False) -> None:
    """Recompute the per-family state (keluarga_ringkas) of these families (keys, or a subquery of them such as
    keluarga_impor), or of all (None), from their submissions. larik: keys as one bound array (PostgreSQL).
    pertama: a first load under the whole import lock (see perbarui_ringkas), whose indexes are built after."""
    k, r = keluarga, keluarga_ringkas
    hapus = delete(r)
    if bagian is not None:
        hapus = hapus.where(_keluarga_di(r.c.id_keluarga, bagian, larik))
    conn.execute(hapus)
    kolom = ["id_keluarga", "kode_sls", *KOLOM_KODE.values(), "id_ppl", "tanggal_pertama", "tanggal_terakhir", "hasil", "keluarga_baru", "jumlah_kiriman"]
    kolom.append("durasi_pertama")
    with indeks_ditunda(conn, r, bagian is None, kosong=pertama):
        if conn.dialect.name == "sqlite":
            _ringkas_sqlite(conn, bagian, kolom)
            return
        # one window, in the primary key's order (no sort): the last submission is the one numbered like the count
        jendela = {"partition_by": k.c.id_keluarga, "order_by": k.c.tanggal.asc(), "rows": (None, None)}
        urut = func.row_number().over(**jendela).label("urut")
        pertama = func.min(k.c.tanggal).over(**jendela).label("pertama")
        jumlah = func.count().over(**jendela).label("jumlah")
        durasi = func.first_value(k.c.durasi_menit).over(**jendela).label("durasi_pertama")
        dalam = select(k.c.id_keluarga, k.c.kode_sls, k.c.id_ppl, k.c.tanggal, k.c.hasil, k.c.keluarga_baru, urut, pertama, jumlah, durasi)
        if bagian is not None:
            dalam = dalam.where(_keluarga_di(k.c.id_keluarga, bagian, larik))
        sub = dalam.subquery()
        kode = sub.c.kode_sls
        pilih = select(
            sub.c.id_keluarga,
            kode,
            *_kode_turunan(kode),
            sub.c.id_ppl,
            sub.c.pertama,
            sub.c.tanggal,
            sub.c.hasil,
            sub.c.keluarga_baru,
            sub.c.jumlah,
            sub.c.durasi_pertama,
        ).where(sub.c.urut == sub.c.jumlah)
        conn.execute(r.insert().from_select(kolom, pilih))


def _ringkas_sqlite(conn: Connection, bagian: Sequence[str] | Select | None, kolom: list[str]) -> None:
    """_ringkas on SQLite, by GROUP BY in the primary key's order instead of a window (half the time at 10^6): with
    max() the only min/max aggregate, SQLite takes a group's bare columns from the row holding it, the family's last
    submission (its documented bare-column rule; one submission per family and day). That row is also its first
    for the families submitted once; the first day and first duration of the others are then set from their
    earliest submission."""
    k, r = keluarga, keluarga_ringkas
    kode = k.c.kode_sls
    pilih = select(
        k.c.id_keluarga,
        kode,
        *_kode_turunan(kode),
        k.c.id_ppl,
        k.c.tanggal,  # the last day, as a bare column: the first day of a family submitted once
        func.max(k.c.tanggal),  # the one min/max aggregate, which picks the row of the bare columns
        k.c.hasil,
        k.c.keluarga_baru,
        func.count(),
        k.c.durasi_menit,
    ).group_by(k.c.id_keluarga)
    ubah = update(r).where(r.c.jumlah_kiriman > 1)
    if bagian is not None:
        pilih = pilih.where(_keluarga_di(k.c.id_keluarga, bagian, False))
        ubah = ubah.where(_keluarga_di(r.c.id_keluarga, bagian, False))
    conn.execute(r.insert().from_select(kolom, pilih))
    awal = select(k.c.tanggal).where(k.c.id_keluarga == r.c.id_keluarga).order_by(k.c.tanggal).limit(1)  # the family's first submission
    conn.execute(ubah.values(tanggal_pertama=awal.scalar_subquery(), durasi_pertama=awal.with_only_columns(k.c.durasi_menit).scalar_subquery()))


def kecamatan_di(conn: Connection, provinsi: list[str]) -> set[str]:
    """The kecamatan with workloads under these provinces."""
    return {x for (x,) in conn.execute(select(beban.c.kode_kec).where(beban.c.kode_prov.in_(provinsi)).distinct())}


def perbarui_ringkas(
    conn: Connection,
    id_keluarga: set[str] | None = None,
    perubahan: PerubahanKiriman | None = None,
    provinsi: list[str] | None = None,
    id_impor: int | None = None,
) -> set[str] | None:
    """Recompute the per-family state from submissions: all families, or only the ones given (whose removed and
    added submissions are in perubahan; without it the per-SLS rollup is recomputed whole). Returns the
    kecamatan whose per-SLS rollup changed and whose coverage counts are still to rebuild (None: any may have); a
    whole rebuild rebuilds them too and returns an empty set.

    provinsi: the caller holds only these provinces' locks, and the families given lie under them (now and
    before). Where the whole would be recomputed, only these provinces' rows are (the per-officer submission
    counts and field-quality rollup are then the caller's to keep, as an import does row by row). id_impor: the
    families given are exactly those with a submission of this import (see keluarga_impor)."""
    if id_keluarga is not None and not id_keluarga:
        return set()
    penuh = id_keluarga is None or len(id_keluarga) > KELUARGA_BERTAHAP
    # every family, after an import wrote into an empty submissions table (the per-province path passes its families)
    pertama = id_keluarga is None and perubahan is not None and perubahan.penuh
    if conn.dialect.name == "postgresql" and (penuh or (perubahan is not None and perubahan.penuh)):
        # a rebuild sorts up to millions of rows (the window, the rollups' GROUP BY): in memory, not in temp files
        conn.execute(text("SET LOCAL work_mem = '" + MEMORI_URUT + "'"))  # a constant of this module
    if provinsi is not None and (penuh or perubahan is None or perubahan.penuh):
        _ringkas(conn, sorted(id_keluarga) if id_impor is None else keluarga_impor(id_impor), larik=True)
        bangun_ulang(conn, provinsi)
        return kecamatan_di(conn, provinsi)
    lama: list[tuple] = []
    baru: list[tuple] = []
    larik = conn.dialect.name == "postgresql"  # the families in one statement each (SQLite: IN lists under its limit)
    if penuh:  # on a second thread beside the SQL: every submission's field-quality rollup (a first load keeps them in memory), the coverage counts
        with ThreadPoolExecutor(max_workers=1) as samping:
            kini = id_keluarga is None and perubahan is not None and perubahan.paradata is not None
            paradata_kini = samping.submit(paradata.ringkas_semua, perubahan.paradata) if kini else None
            _ringkas(conn, None, larik, pertama)
            bangun_ulang(conn, paradata_kini=paradata_kini, samping=samping, pertama=pertama)
        return set()
    for bagian in [sorted(id_keluarga)] if larik else potong(sorted(id_keluarga)):
        lama.append(kontribusi(conn, bagian, larik))
        _ringkas(conn, bagian, larik)
        baru.append(kontribusi(conn, bagian, larik))
    terapkan(conn, tuple(pd.concat(x, ignore_index=True) for x in zip(*lama, strict=True)), tuple(pd.concat(x, ignore_index=True) for x in zip(*baru, strict=True)))
    if perubahan is None or perubahan.penuh:
        bangun_sls(conn)
        return None
    return perbarui_sls(conn, sorted(id_keluarga), perubahan)
