"""The one import path: validates data-contract tables and loads them atomically, keeping rejects."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, and_, bindparam, delete, func, select, text, tuple_

from store import rekap
from store import schema as s
from store.db import sisipkan_banyak

TINGKAT_DARI_PANJANG = {2: 1, 4: 2, 7: 3, 10: 4, 14: 5, 16: 6}
PANJANG_INDUK = {4: 2, 7: 4, 10: 7, 14: 10, 16: 14}
PERAN = ("PPL", "PML", "KOSEKA")
URUTAN_TABEL = ("wilayah", "petugas", "beban", "jadwal", "keluarga", "laporan_harian")
EXCEL_EPOCH = date(1899, 12, 30)
POTONG = 900  # rows per IN (...) chunk, below SQLite's bound-parameter limit
BARIS_PER_TULIS = 5000  # rows per INSERT batch; progress is reported after each
KOLOM_BULAT = ("hasil", "keluarga_baru", "sasaran_keluarga", "selesai")  # whole numbers, whatever the column's dtype
IRISAN = 200_000  # rows turned into Python dicts at a time while writing
BARIS_ANALISIS = 10_000  # after writing this many rows a table's planner statistics are refreshed

Kemajuan = Callable[[str, int, int], None]  # (stage, done, total)


DURASI_MAKS = 1440  # interview minutes: the data contract's bound (one day)


@dataclass(frozen=True)
class Kolom:
    nama: str
    jenis: str  # kode | id | teks | bilangan | desimal | tanggal | peran
    wajib: bool = True


SPESIFIKASI: dict[str, tuple[Kolom, ...]] = {
    "wilayah": (Kolom("kode", "kode"), Kolom("nama", "teks")),
    "petugas": (
        Kolom("id_petugas", "id"),
        Kolom("nama", "teks"),
        Kolom("peran", "peran"),
        Kolom("id_atasan", "id"),
        Kolom("kode_wilayah", "kode", wajib=False),
        Kolom("no_hp", "teks", wajib=False),
    ),
    "beban": (Kolom("kode_sls", "kode"), Kolom("id_ppl", "id"), Kolom("sasaran_keluarga", "bilangan")),
    "keluarga": (
        Kolom("id_keluarga", "id"),
        Kolom("kode_sls", "kode"),
        Kolom("id_ppl", "id"),
        Kolom("tanggal", "tanggal"),
        Kolom("hasil", "bilangan"),
        Kolom("keluarga_baru", "bilangan", wajib=False),
        Kolom("durasi_menit", "desimal", wajib=False),
        Kolom("tanggal_periksa", "tanggal", wajib=False),
    ),
    "laporan_harian": (
        Kolom("tanggal", "tanggal"),
        Kolom("kode_sls", "kode"),
        Kolom("id_ppl", "id"),
        Kolom("selesai", "bilangan"),
    ),
    "jadwal": (
        Kolom("mulai", "tanggal", wajib=False),
        Kolom("selesai", "tanggal", wajib=False),
        Kolom("tanggal", "tanggal", wajib=False),
        Kolom("persen_kumulatif", "desimal", wajib=False),
        Kolom("kode_wilayah", "kode", wajib=False),
    ),
}


class KolomHilang(ValueError):
    """A file lacks required columns; the whole file is refused."""

    def __init__(self, tabel: str, berkas: str, hilang: list[str], ditemukan: list[str]):
        self.tabel, self.berkas, self.hilang, self.ditemukan = tabel, berkas, hilang, ditemukan
        super().__init__(
            f"{berkas}: tabel '{tabel}' tidak memiliki kolom wajib {', '.join(hilang)}; "
            f"kolom yang diharapkan: {', '.join(k.nama for k in SPESIFIKASI[tabel])}; "
            f"kolom yang ditemukan: {', '.join(ditemukan) or '(tidak ada)'}"
        )


@dataclass
class HasilImpor:
    tabel: str
    sumber: str
    dibaca: int = 0
    dimuat: int = 0
    duplikat: int = 0
    ditolak: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["baris", "alasan", "data"]))
    catatan: list[str] = field(default_factory=list)
    contoh: pd.DataFrame | None = None  # the first rows as typed by the importer (for a preview)
    id_impor: int | None = None

    @property
    def jumlah_ditolak(self) -> int:
        return len(self.ditolak)


def kunci_kolom(nama: str) -> str:
    """Column-name key: case-insensitive, ignoring spaces, underscores and hyphens."""
    return re.sub(r"[\s_\-]+", "", str(nama)).lower()


def cocokkan_kolom(tabel: str, kolom_berkas: list[str], pemetaan: dict[str, str] | None = None) -> dict[str, str | None]:
    """Which file column feeds each contract column (None when none does): the mapping first, then
    the contract's own name compared case-insensitively, ignoring spaces, underscores and hyphens."""
    alias = {kunci_kolom(k): v for k, v in (pemetaan or {}).items()}
    kanonik = {kunci_kolom(k.nama): k.nama for k in SPESIFIKASI[tabel]}
    hasil: dict[str, str | None] = {k.nama: None for k in SPESIFIKASI[tabel]}
    for asli in kolom_berkas:
        kunci = kunci_kolom(alias.get(kunci_kolom(asli), asli))
        if kunci in kanonik and hasil[kanonik[kunci]] is None:
            hasil[kanonik[kunci]] = asli
    return hasil


def normalkan_kolom(tabel: str, df: pd.DataFrame, berkas: str, pemetaan: dict[str, str] | None = None) -> pd.DataFrame:
    """Rename columns to the contract's names; refuse the file when a required column is missing."""
    sumber = cocokkan_kolom(tabel, list(df.columns), pemetaan)
    hilang = [k.nama for k in SPESIFIKASI[tabel] if k.wajib and sumber[k.nama] is None]
    if hilang:
        raise KolomHilang(tabel, berkas, hilang, [str(c) for c in df.columns])
    return pd.DataFrame({k: (df[asal] if asal is not None else None) for k, asal in sumber.items()}, index=df.index).astype(object)


def per_nilai(nilai: pd.Series, fungsi: Callable[[object], object]) -> pd.Series:
    """fungsi(v) for every value, computed once per distinct value (codes, IDs, dates and results repeat
    across a file's rows); empty cells get fungsi(None)."""
    kode, unik = pd.factorize(nilai, use_na_sentinel=True)
    hasil = np.empty(len(unik) + 1, dtype=object)
    hasil[:] = [fungsi(v) for v in unik] + [fungsi(None)]
    return pd.Series(hasil[kode], index=nilai.index, dtype=object)


def normalkan_kode(nilai: pd.Series) -> pd.Series:
    """Codes as digit strings: dots and spaces removed, never parsed as numbers."""

    def satu(v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, (int, np.integer)):
            return str(int(v))
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return str(int(v))
        teks = str(v).strip()
        if re.fullmatch(r"\d+\.0+", teks):  # a code that passed through a float column
            teks = teks.split(".")[0]
        teks = re.sub(r"[\s.]", "", teks)
        return teks or None

    return per_nilai(nilai, satu)


def _teks(nilai: pd.Series) -> pd.Series:
    def satu(v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            v = int(v)
        teks = str(v).strip()
        return teks or None

    return per_nilai(nilai, satu)


NOTASI_ILMIAH = r"\s*\d(?:[.,]\d+)?[eE][+]?\d+\s*"


def lengkapi_nol(kode: pd.Series, panjang_sah: tuple[int, ...]) -> tuple[pd.Series, int]:
    """Put back leading zeros that a spreadsheet dropped (a 10-digit desa code read as a 9-digit number).

    A code one or two digits shorter than the nearest valid length is padded; returns (codes, how many)."""

    def satu(v: object) -> object:
        if not isinstance(v, str) or not v.isdigit() or len(v) in panjang_sah:
            return v
        tujuan = min((n for n in panjang_sah if n > len(v)), default=None)
        return v.zfill(tujuan) if tujuan is not None and tujuan - len(v) <= 2 else v

    hasil = per_nilai(kode, satu)
    return hasil, int((hasil.fillna("") != kode.fillna("")).sum())


def baca_tanggal(v: object) -> date | None:
    """A day from ISO, day-first (15/10/2022, 15-10-2022) or an Excel serial; None if unreadable."""
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, (int, float, np.integer, np.floating)):
        if 20000 <= float(v) <= 80000 and float(v).is_integer():
            return EXCEL_EPOCH + timedelta(days=int(v))
        return None
    teks = str(v).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", teks):
        return baca_tanggal(float(teks))
    teks = teks.split("T")[0].split(" ")[0]
    for pola in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(teks, pola).date()
        except ValueError:
            continue
    return None


def _bilangan(nilai: pd.Series) -> pd.Series:
    """Whole numbers, or NaN where the value is empty or not a whole number."""

    def teks(v: object) -> object:
        if not isinstance(v, str):
            return v
        v = v.strip()
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", v):  # Indonesian thousands grouping: 1.234
            return v.replace(".", "")
        return v.replace(",", ".")

    angka = pd.to_numeric(per_nilai(nilai, teks), errors="coerce")
    return angka.where(np.isclose(angka, np.round(angka)) | angka.isna())


class _Penolak:
    """Collects rejected rows with their file row numbers (by default data row + 2, after the header)."""

    def __init__(self, asli: pd.DataFrame, nomor_baris: list[int] | None = None):
        self.asli = asli
        self.alasan = pd.Series(pd.NA, index=asli.index, dtype=object)
        self.catatan: list[str] = []
        self.nomor = list(nomor_baris) if nomor_baris is not None else [i + 2 for i in range(len(asli))]
        if len(self.nomor) != len(asli):
            raise ValueError("nomor_baris must give one file row number per data row")

    def tolak(self, mask: pd.Series, alasan: str, nilai: pd.Series | None = None) -> None:
        """Reject the rows of mask not rejected before; with nilai, alasan holds {} for each row's value."""
        baru = mask & self.alasan.isna()
        if nilai is None:
            self.alasan[baru] = alasan
        elif baru.any():  # messages only for the rejected rows
            self.alasan[baru] = [alasan.format(v) for v in nilai[baru]]

    @property
    def ok(self) -> pd.Series:
        return self.alasan.isna()

    def tabel(self) -> pd.DataFrame:
        ditolak = self.alasan.dropna()
        data = [json.dumps({k: (None if pd.isna(v) else str(v)) for k, v in self.asli.loc[i].items()}, ensure_ascii=False) for i in ditolak.index]
        return pd.DataFrame({"baris": [self.nomor[int(i)] for i in ditolak.index], "alasan": list(ditolak), "data": data})


def _ada(conn: Connection, kolom, nilai: set[str]) -> set[str]:
    """Which of these key values already exist in the database column."""
    daftar = sorted(v for v in nilai if v is not None)
    hasil: set[str] = set()
    for i in range(0, len(daftar), POTONG):
        potong = daftar[i : i + POTONG]
        hasil.update(r[0] for r in conn.execute(select(kolom).where(kolom.in_(potong))))
    return hasil


def _siapkan(tabel: str, df: pd.DataFrame, conn: Connection, nomor_baris: list[int] | None = None) -> tuple[pd.DataFrame, _Penolak]:
    """Type every column and reject rows that break the contract; returns typed rows and the rejects."""
    p = _Penolak(df, nomor_baris)
    out = pd.DataFrame(index=df.index)
    for k in SPESIFIKASI[tabel]:
        kolom = df[k.nama]
        kosong = per_nilai(kolom, lambda v: v is None or (isinstance(v, str) and not v.strip())).astype(bool)
        if k.jenis == "kode":
            panjang_sah = (14, 16) if k.nama == "kode_sls" else tuple(TINGKAT_DARI_PANJANG)
            out[k.nama], dilengkapi = lengkapi_nol(normalkan_kode(kolom), panjang_sah)
            if dilengkapi:
                p.catatan.append(f"{dilengkapi} nilai {k.nama} dilengkapi nol di depan (hilang di spreadsheet)")
            ilmiah = per_nilai(kolom, lambda v: isinstance(v, str) and re.fullmatch(NOTASI_ILMIAH, v) is not None).astype(bool)
            p.tolak(ilmiah, f"{k.nama} berupa notasi ilmiah Excel (mis. 7,3E+13): digitnya hilang; format kolom sebagai teks lalu ekspor ulang")
            if k.wajib:
                p.tolak(out[k.nama].isna(), f"{k.nama} kosong")
            bukan_angka = per_nilai(out[k.nama], lambda v: v is not None and re.fullmatch(r"[0-9]+", str(v)) is None).astype(bool)
            p.tolak(bukan_angka, f"{k.nama} bukan kode angka")
        elif k.jenis in ("id", "teks"):
            out[k.nama] = _teks(kolom)
            if k.wajib and k.nama != "id_atasan":
                p.tolak(out[k.nama].isna(), f"{k.nama} kosong")
        elif k.jenis == "peran":
            out[k.nama] = per_nilai(_teks(kolom), lambda v: v.upper() if isinstance(v, str) else v)
            p.tolak(~out[k.nama].isin(PERAN), "peran bukan PPL, PML atau KOSEKA")
        elif k.jenis == "bilangan":
            angka = _bilangan(kolom)
            if k.wajib:
                p.tolak(kosong, f"{k.nama} kosong")
            p.tolak(~kosong & angka.isna(), f"{k.nama} bukan bilangan bulat")
            out[k.nama] = angka
        elif k.jenis == "desimal":
            angka = pd.to_numeric(per_nilai(kolom, lambda v: v.replace(",", ".") if isinstance(v, str) else v), errors="coerce")
            p.tolak(~kosong & angka.isna(), f"{k.nama} bukan angka")
            out[k.nama] = angka
        elif k.jenis == "tanggal":
            tgl = per_nilai(kolom, baca_tanggal)
            if k.wajib:
                p.tolak(kosong, f"{k.nama} kosong")
            p.tolak(~kosong & tgl.isna(), f"{k.nama} tidak terbaca sebagai tanggal")
            out[k.nama] = tgl
    _aturan_tabel(tabel, out, p, conn)
    return out, p


def _aturan_tabel(tabel: str, out: pd.DataFrame, p: _Penolak, conn: Connection) -> None:
    """Table-specific rules: levels, references to known areas and officers, value ranges."""
    if tabel == "wilayah":
        panjang = per_nilai(out["kode"], lambda v: len(v) if isinstance(v, str) else 0)
        p.tolak(~panjang.isin(list(TINGKAT_DARI_PANJANG)), "panjang kode wilayah bukan 2, 4, 7, 10, 14 atau 16 digit")
        induk = [v[: PANJANG_INDUK[len(v)]] if isinstance(v, str) and len(v) in PANJANG_INDUK else None for v in out["kode"]]
        out["induk"] = induk
        dikenal = set(out.loc[p.ok, "kode"]) | _ada(conn, s.wilayah.c.kode, {v for v in induk if v})
        tanpa_induk = out["induk"].notna() & ~out["induk"].isin(dikenal) & (panjang > 4)
        p.tolak(tanpa_induk, "wilayah induk {} tidak dikenal", out["induk"])
    elif tabel == "petugas":
        dikenal = set(out.loc[p.ok, "id_petugas"]) | _ada(conn, s.petugas.c.id_petugas, set(out["id_atasan"].dropna()))
        p.tolak(out["id_atasan"].notna() & ~out["id_atasan"].isin(dikenal), "atasan {} tidak dikenal", out["id_atasan"])
        p.tolak(out["id_atasan"].isna() & out["peran"].isin(["PPL", "PML"]), "PPL dan PML wajib punya atasan")
    elif tabel == "beban":
        p.tolak(~per_nilai(out["kode_sls"], lambda v: isinstance(v, str) and len(v) in (14, 16)).astype(bool), "kode SLS bukan 14 atau 16 digit")
        sls = _ada(conn, s.wilayah.c.kode, set(out["kode_sls"].dropna()))
        p.tolak(~out["kode_sls"].isin(sls), "SLS {} tidak ada di tabel wilayah", out["kode_sls"])
        _cek_ppl(conn, out, p)
        p.tolak(out["sasaran_keluarga"] < 0, "sasaran_keluarga negatif")
    elif tabel in ("keluarga", "laporan_harian"):
        sls = _ada(conn, s.beban.c.kode_sls, set(out["kode_sls"].dropna()))
        p.tolak(~out["kode_sls"].isin(sls), "SLS {} tidak dikenal (tidak ada di beban)", out["kode_sls"])
        _cek_ppl(conn, out, p)
        mulai, selesai = _rentang_jadwal(conn)
        if mulai is not None:
            luar = per_nilai(out["tanggal"], lambda d: isinstance(d, date) and not (mulai <= d <= selesai)).astype(bool)
            p.tolak(luar, f"tanggal di luar jadwal pendataan ({mulai} s.d. {selesai})")
        if tabel == "keluarga":
            p.tolak(~out["hasil"].isin([1, 2, 3, 4, 5]), "kode hasil bukan 1-5")
            out["keluarga_baru"] = out["keluarga_baru"].fillna(0)
            p.tolak(~out["keluarga_baru"].isin([0, 1]), "keluarga_baru bukan 0 atau 1")
            p.tolak(out["durasi_menit"] < 0, "durasi_menit negatif")
            p.tolak(out["durasi_menit"] > DURASI_MAKS, "durasi_menit lebih dari 1.440 menit (sehari)")  # also inf; a huge value overflowed the minute rollup
            periksa_awal = [isinstance(a, date) and isinstance(b, date) and b < a for a, b in zip(out["tanggal"], out["tanggal_periksa"], strict=True)]
            p.tolak(pd.Series(periksa_awal, index=out.index), "tanggal_periksa sebelum tanggal kiriman")
        else:
            p.tolak(out["selesai"] < 0, "jumlah selesai negatif")
    elif tabel == "jadwal":
        p.tolak(out["selesai"].notna() & out["mulai"].notna() & (out["selesai"] < out["mulai"]), "selesai sebelum mulai")
        p.tolak(out["mulai"].isna() != out["selesai"].isna(), "baris jadwal perlu mulai dan selesai")
        wilayah_ada = _ada(conn, s.wilayah.c.kode, set(out["kode_wilayah"].dropna()))
        p.tolak(out["kode_wilayah"].notna() & ~out["kode_wilayah"].isin(wilayah_ada), "wilayah perpanjangan {} tidak dikenal", out["kode_wilayah"])
        ada_rencana = out["tanggal"].notna() | out["persen_kumulatif"].notna()
        p.tolak(~ada_rencana & out["mulai"].isna() & out["selesai"].isna(), "baris kosong: perlu mulai dan selesai, atau tanggal dan persen_kumulatif")
        p.tolak(ada_rencana & (out["tanggal"].isna() | out["persen_kumulatif"].isna()), "baris rencana perlu tanggal dan persen_kumulatif")
        p.tolak((out["persen_kumulatif"] < 0) | (out["persen_kumulatif"] > 100), "persen_kumulatif di luar 0-100")


def _cek_ppl(conn: Connection, out: pd.DataFrame, p: _Penolak) -> None:
    ppl = {
        r[0]
        for potong in _potong(sorted(set(out["id_ppl"].dropna())))
        for r in conn.execute(select(s.petugas.c.id_petugas).where(s.petugas.c.id_petugas.in_(potong), s.petugas.c.peran == "PPL"))
    }
    p.tolak(~out["id_ppl"].isin(ppl), "PPL {} tidak dikenal", out["id_ppl"])


def _potong(daftar: list) -> list[list]:
    return [daftar[i : i + POTONG] for i in range(0, len(daftar), POTONG)]


def _rentang_jadwal(conn: Connection) -> tuple[date | None, date | None]:
    row = conn.execute(select(func.min(s.jadwal.c.mulai), func.max(s.jadwal.c.selesai))).first()
    if row is None or row[0] is None:
        return None, None
    return row[0], row[1]


KUNCI = {
    "wilayah": ("kode",),
    "petugas": ("id_petugas",),
    "beban": ("kode_sls",),
    "keluarga": ("id_keluarga", "tanggal"),
    "laporan_harian": ("tanggal", "kode_sls", "id_ppl"),
}
# Reference tables take the newer value for an existing key; a submission that differs is a conflict.
PERBARUI = {"wilayah", "petugas", "beban", "laporan_harian"}


def _baris_db(tabel: str, baris: pd.DataFrame) -> list[dict]:
    """Typed rows as dicts of plain Python values (None for empty), with the derived columns of their table."""
    kolom = []
    for k in baris.columns:
        nilai = baris[k].tolist()
        kosong = baris[k].isna().to_numpy()
        if k in KOLOM_BULAT:
            nilai = [None if ko else int(v) for v, ko in zip(nilai, kosong, strict=True)]
        elif kosong.any():
            nilai = [None if ko else v for v, ko in zip(nilai, kosong, strict=True)]
        kolom.append(nilai)
    nama = list(baris.columns)
    rows = [dict(zip(nama, t, strict=True)) for t in zip(*kolom, strict=True)]
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


def _tulis(conn: Connection, tabel: str, siap: pd.DataFrame, p: _Penolak, kemajuan: Kemajuan | None = None) -> tuple[int, int, set[str]]:
    """Insert new rows, update changed reference rows, reject conflicting submissions.

    Returns (rows written, exact duplicates ignored, ids of families touched)."""
    tbl = s.metadata.tables[tabel]
    kunci = list(KUNCI[tabel])
    kolom = [c for c in siap.columns if c in tbl.c]
    data = siap.loc[p.ok, kolom]
    # duplicate keys inside the file: exact copies collapse, differing copies are all rejected
    ulang = data[data.duplicated(subset=kunci, keep=False)].astype(str)
    bentrok = pd.Series(False, index=data.index)
    if len(ulang):
        beda = ulang.groupby(kunci).transform("nunique").gt(1).any(axis=1)
        bentrok[beda[beda].index] = True
    p.tolak(bentrok.reindex(p.asli.index, fill_value=False), "duplikat bertentangan di berkas yang sama (kunci " + ", ".join(kunci) + ")")
    data = data[~bentrok]
    salinan = data.duplicated(subset=kunci)
    duplikat = int(salinan.sum())
    data = data[~salinan]
    kol_kunci = [tbl.c[k] for k in kunci]
    tabel_kosong = conn.execute(select(kol_kunci[0]).limit(1)).first() is None
    baru_n, ubah = 0, []
    disentuh: set[str] = set()
    for awal in range(0, len(data), IRISAN):  # rows as Python dicts one slice at a time: memory stays bounded
        potong_data = data.iloc[awal : awal + IRISAN]
        rows = _baris_db(tabel, potong_data)
        ada: dict[tuple, dict] = {}
        for potong in [] if tabel_kosong else _potong([tuple(r[k] for k in kunci) for r in rows]):
            cond = tuple_(*kol_kunci).in_(potong) if len(kunci) > 1 else kol_kunci[0].in_([x[0] for x in potong])
            for r in conn.execute(select(tbl).where(cond)).mappings():
                ada[tuple(r[k] for k in kunci)] = dict(r)
        baru = []
        for r, idx in zip(rows, potong_data.index, strict=True):
            k = tuple(r[c] for c in kunci)
            lama = ada.get(k)
            if lama is None:
                baru.append(r)
            elif _sama(r, lama, list(r)):
                duplikat += 1
            elif tabel in PERBARUI:
                ubah.append(r)
            else:
                p.tolak(pd.Series(p.asli.index == idx, index=p.asli.index), "bertentangan dengan kiriman yang sudah tersimpan (kunci sama, isi berbeda)")
        for i in range(0, len(baru), BARIS_PER_TULIS):
            sisipkan_banyak(conn, tbl, baru[i : i + BARIS_PER_TULIS])
            if kemajuan:
                kemajuan(f"menulis {tabel}", min(awal + i + BARIS_PER_TULIS, len(data)), len(data))
        baru_n += len(baru)
        if tabel == "keluarga":
            disentuh |= {r["id_keluarga"] for r in baru}
            if not tabel_kosong:  # into an empty table the full recomputation after the file builds every rollup
                rekap.tambah_kiriman(conn, baru)
    if ubah:
        kondisi = and_(*[tbl.c[k] == bindparam(f"k_{k}") for k in kunci])
        nilai = {c: bindparam(f"v_{c}") for c in ubah[0] if c not in kunci}
        conn.execute(tbl.update().where(kondisi).values(**nilai), [{**{f"k_{k}": r[k] for k in kunci}, **{f"v_{c}": r[c] for c in r if c not in kunci}} for r in ubah])
    return baru_n + len(ubah), duplikat, disentuh


def _tulis_jadwal(conn: Connection, siap: pd.DataFrame, p: _Penolak) -> int:
    data = siap[p.ok]
    jadwal_baris = data[data["mulai"].notna() & data["selesai"].notna()]
    rencana_baris = data[data["tanggal"].notna()]
    for _, r in jadwal_baris.iterrows():
        kode = r["kode_wilayah"] or ""
        conn.execute(delete(s.jadwal).where(s.jadwal.c.kode_wilayah == kode))
        conn.execute(s.jadwal.insert().values(kode_wilayah=kode, mulai=r["mulai"], selesai=r["selesai"]))
    if len(rencana_baris):
        conn.execute(delete(s.rencana))
        conn.execute(s.rencana.insert(), [{"tanggal": r["tanggal"], "persen_kumulatif": float(r["persen_kumulatif"])} for _, r in rencana_baris.iterrows()])
    return len(jadwal_baris) + len(rencana_baris)


def perbarui_ringkas(conn: Connection, id_keluarga: set[str] | None = None) -> None:
    """Recompute the per-family state from submissions: all families, or only the ones given."""
    k = s.keluarga
    r = s.keluarga_ringkas
    if id_keluarga is not None and not id_keluarga:
        return
    penuh = id_keluarga is None or len(id_keluarga) > 20000
    kelompok = [None] if penuh else _potong(sorted(id_keluarga))
    lama: list[tuple] = []
    baru: list[tuple] = []
    for potong in kelompok:
        if potong is not None:
            lama.append(rekap.kontribusi(conn, potong))
        urut = func.row_number().over(partition_by=k.c.id_keluarga, order_by=k.c.tanggal.desc()).label("urut")
        pertama = func.min(k.c.tanggal).over(partition_by=k.c.id_keluarga).label("pertama")
        jumlah = func.count().over(partition_by=k.c.id_keluarga).label("jumlah")
        durasi = func.first_value(k.c.durasi_menit).over(partition_by=k.c.id_keluarga, order_by=k.c.tanggal.asc()).label("durasi_pertama")
        dalam = select(k.c.id_keluarga, k.c.kode_sls, k.c.id_ppl, k.c.tanggal, k.c.hasil, k.c.keluarga_baru, urut, pertama, jumlah, durasi)
        hapus = delete(r)
        if potong is not None:
            dalam = dalam.where(k.c.id_keluarga.in_(potong))
            hapus = hapus.where(r.c.id_keluarga.in_(potong))
        sub = dalam.subquery()
        pilih = select(
            sub.c.id_keluarga,
            sub.c.kode_sls,
            func.substr(sub.c.kode_sls, 1, 2),
            func.substr(sub.c.kode_sls, 1, 4),
            func.substr(sub.c.kode_sls, 1, 7),
            func.substr(sub.c.kode_sls, 1, 10),
            sub.c.id_ppl,
            sub.c.pertama,
            sub.c.tanggal,
            sub.c.hasil,
            sub.c.keluarga_baru,
            sub.c.jumlah,
            sub.c.durasi_pertama,
        ).where(sub.c.urut == 1)
        conn.execute(hapus)
        conn.execute(
            r.insert().from_select(
                [
                    "id_keluarga",
                    "kode_sls",
                    "kode_prov",
                    "kode_kab",
                    "kode_kec",
                    "kode_desa",
                    "id_ppl",
                    "tanggal_pertama",
                    "tanggal_terakhir",
                    "hasil",
                    "keluarga_baru",
                    "jumlah_kiriman",
                    "durasi_pertama",
                ],
                pilih,
            )
        )
        if potong is not None:
            baru.append(rekap.kontribusi(conn, potong))
    if penuh:
        rekap.bangun_ulang(conn)
    else:
        rekap.terapkan(
            conn, tuple(pd.concat(x, ignore_index=True) for x in zip(*lama, strict=True)), tuple(pd.concat(x, ignore_index=True) for x in zip(*baru, strict=True))
        )


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
    checksum, logged. Raises KolomHilang (nothing stored) when a required column is missing."""
    if tabel not in SPESIFIKASI:
        raise ValueError(f"{sumber}: tabel '{tabel}' tidak dikenal; pilihan: {', '.join(URUTAN_TABEL)}")
    df = normalkan_kolom(tabel, df.reset_index(drop=True), sumber, pemetaan)
    argumen = {"nomor_baris": nomor_baris, "sidik": sidik, "catatan": catatan, "kemajuan": kemajuan}
    if isinstance(engine, Connection):
        return _impor(engine, tabel, df, sumber, **argumen)
    with engine.begin() as conn:
        return _impor(conn, tabel, df, sumber, **argumen)


def pratinjau_tabel(engine: Engine, tabel: str, df: pd.DataFrame, sumber: str, pemetaan: dict[str, str] | None = None, **argumen) -> HasilImpor:
    """What importing would do (rows loaded, duplicates, exact rejects), computed and then rolled back."""
    with engine.connect() as conn:
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
) -> HasilImpor:
    hasil = HasilImpor(tabel=tabel, sumber=sumber, dibaca=len(df), catatan=list(catatan or []))
    rekap.pastikan(conn)  # a database from before the rollups gets them first, then this import keeps them
    if kemajuan:
        kemajuan(f"memeriksa {tabel}", 0, len(df))
    siap, p = _siapkan(tabel, df, conn, nomor_baris)
    if tabel == "jadwal":
        hasil.dimuat = _tulis_jadwal(conn, siap, p)
        disentuh: set[str] = set()
    else:
        hasil.dimuat, hasil.duplikat, disentuh = _tulis(conn, tabel, siap, p, kemajuan)
        if hasil.dimuat >= BARIS_ANALISIS:  # fresh statistics, so lookups into it (the next file's checks) use its index
            conn.execute(text("ANALYZE " + s.metadata.tables[tabel].name))  # a table name from the schema
    if tabel == "beban":
        rekap.bangun_sasaran(conn)
    if tabel == "keluarga":
        if kemajuan:
            kemajuan("meringkas keluarga", 0, 1)
        kosong_sebelumnya = conn.execute(select(s.keluarga_ringkas.c.id_keluarga).limit(1)).first() is None
        perbarui_ringkas(conn, None if kosong_sebelumnya else disentuh)
    hasil.ditolak = p.tabel()
    hasil.contoh = siap[p.ok].head(20)  # rows that load, as typed
    hasil.catatan += p.catatan
    hasil.id_impor = conn.execute(
        s.impor.insert().values(
            tabel=tabel,
            sumber=sumber[:300],
            waktu=datetime.now(),
            baris_dibaca=hasil.dibaca,
            baris_dimuat=hasil.dimuat,
            baris_ditolak=hasil.jumlah_ditolak,
            baris_duplikat=hasil.duplikat,
            sidik=sidik,
            catatan="; ".join(hasil.catatan)[:1000] or None,
        )
    ).inserted_primary_key[0]
    if len(hasil.ditolak):
        conn.execute(
            s.penolakan.insert(),
            [{"id_impor": hasil.id_impor, "berkas": sumber[:300], "baris": int(b), "alasan": a[:300], "data": d} for b, a, d in hasil.ditolak.itertuples(index=False)],
        )
    if kemajuan:
        kemajuan(f"selesai {tabel}", 1, 1)
    return hasil


def impor_semua(engine: Engine, tabel_tabel: dict[str, pd.DataFrame], sumber: str) -> list[HasilImpor]:
    """Load several contract tables in dependency order (each table atomically)."""
    hasil = []
    for nama in URUTAN_TABEL:
        if nama in tabel_tabel:
            hasil.append(impor_tabel(engine, nama, tabel_tabel[nama], f"{sumber}:{nama}"))
    return hasil
