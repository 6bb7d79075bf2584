"""The one import path: validates data-contract tables and loads them atomically, keeping rejects."""

from __future__ import annotations

import difflib
import json
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, delete, func, select, text, tuple_, update

from aturan.kode import PANJANG_INDUK, TINGKAT_DARI_PANJANG
from aturan.kualitas import jam_zona
from store import paradata, rekap
from store import schema as s
from store.db import antrean_sqlite, kunci_impor, sisipkan_banyak

PERAN = ("PPL", "PML", "KOSEKA")
URUTAN_TABEL = ("wilayah", "petugas", "beban", "jadwal", "keluarga", "laporan_harian")
EXCEL_EPOCH = date(1899, 12, 30)
POTONG = 900  # rows per IN (...) chunk, below SQLite's bound-parameter limit
BARIS_PER_TULIS = 5000  # rows per INSERT batch; progress is reported after each
KOLOM_BULAT = ("hasil", "keluarga_baru", "sasaran_keluarga", "selesai")  # whole numbers, whatever the column's dtype
IRISAN = 200_000  # rows turned into Python dicts at a time while writing
BARIS_ANALISIS = 10_000  # after writing this many rows a table's planner statistics are refreshed

# Bounds of the data contract, the same on SQLite and PostgreSQL (DESIGN.md, "How real exports behave")
PANJANG_ID = 64  # IDs (and phone numbers)
PANJANG_NAMA = 200
BILANGAN_MAKS = 1_000_000  # counts are whole numbers 0..1,000,000
DURASI_MAKS = 1440  # interview minutes: one day
LINTANG = (-11.0, 6.0)  # Indonesia's latitudes and longitudes: a point beyond them is a bad cell
BUJUR = (95.0, 141.0)
TAHUN_MIN, TAHUN_MAKS = 2000, 2100
KENDALI = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # control characters (NUL included): never stored
PANJANG_TAMPIL = 60  # a value quoted in a reject reason is shortened to this

Kemajuan = Callable[[str, int, int], None]  # (stage, done, total)
log = logging.getLogger("pantau.impor")


@dataclass(frozen=True)
class Kolom:
    nama: str
    jenis: str  # kode | id | teks | bilangan | desimal | koordinat | tanggal | waktu | waktu_lokal | peran
    wajib: bool = True
    panjang: int = PANJANG_NAMA  # longest text allowed (id and teks)


SPESIFIKASI: dict[str, tuple[Kolom, ...]] = {
    "wilayah": (Kolom("kode", "kode"), Kolom("nama", "teks")),
    "petugas": (
        Kolom("id_petugas", "id", panjang=PANJANG_ID),
        Kolom("nama", "teks"),
        Kolom("peran", "peran"),
        Kolom("id_atasan", "id", panjang=PANJANG_ID),
        Kolom("kode_wilayah", "kode", wajib=False),
        Kolom("no_hp", "teks", wajib=False, panjang=PANJANG_ID),
    ),
    "beban": (Kolom("kode_sls", "kode"), Kolom("id_ppl", "id", panjang=PANJANG_ID), Kolom("sasaran_keluarga", "bilangan")),
    "keluarga": (
        Kolom("id_keluarga", "id", panjang=PANJANG_ID),
        Kolom("kode_sls", "kode"),
        Kolom("id_ppl", "id", panjang=PANJANG_ID),
        Kolom("tanggal", "tanggal"),
        Kolom("hasil", "bilangan"),
        Kolom("keluarga_baru", "bilangan", wajib=False),
        Kolom("durasi_menit", "desimal", wajib=False),
        Kolom("tanggal_periksa", "tanggal", wajib=False),
        Kolom("waktu", "waktu", wajib=False),  # submission timestamp: orders same-day re-submissions (not stored)
        Kolom("waktu_mulai", "waktu_lokal", wajib=False),  # paradata: interview start and end, local time (an offset is converted)
        Kolom("waktu_selesai", "waktu_lokal", wajib=False),
        Kolom("lintang", "koordinat", wajib=False),  # WGS84 decimal degrees
        Kolom("bujur", "koordinat", wajib=False),
    ),
    "laporan_harian": (
        Kolom("tanggal", "tanggal"),
        Kolom("kode_sls", "kode"),
        Kolom("id_ppl", "id", panjang=PANJANG_ID),
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


class KepalaDitolak(ValueError):
    """The header row cannot feed the contract table (a required column missing, or one fed twice): the whole
    file is refused and nothing is stored."""


class KolomHilang(KepalaDitolak):
    """A file lacks required columns; the whole file is refused."""

    def __init__(self, tabel: str, berkas: str, hilang: list[str], ditemukan: list[str]):
        self.tabel, self.berkas, self.hilang, self.ditemukan = tabel, berkas, hilang, ditemukan
        super().__init__(
            f"{berkas}: tabel '{tabel}' tidak memiliki kolom wajib {', '.join(hilang)}; "
            f"kolom yang diharapkan: {', '.join(k.nama for k in SPESIFIKASI[tabel])}; "
            f"kolom yang ditemukan: {', '.join(ditemukan) or '(tidak ada)'}"
        )


class KolomGanda(KepalaDitolak):
    """Two file columns feed the same contract column (say two 'hasil' columns): the file is refused naming both."""

    def __init__(self, tabel: str, berkas: str, ganda: dict[str, list[str]]):
        self.tabel, self.berkas, self.ganda = tabel, berkas, ganda
        daftar = "; ".join(f"{kontrak}: {', '.join(repr(_tampil(k)) for k in asal)}" for kontrak, asal in ganda.items())
        super().__init__(f"{berkas}: beberapa kolom berkas mengisi kolom kontrak yang sama ({daftar}); hapus atau ganti nama salah satunya")


@dataclass
class KirimanUlang:
    """Families submitted more than once on one day with different content: the day's last row counted."""

    keluarga: int
    baris: int  # earlier rows superseded
    menurut_waktu: bool  # ordered by the waktu column (else by file order)
    contoh: list[tuple[str, date, list[int]]]  # (family, day, its file rows in the order used)

    def teks(self) -> str:
        """The note as the CLI and the import log give it (the page words it in its own language)."""
        cara = "kolom waktu" if self.menurut_waktu else "urutan baris berkas"
        contoh = "; ".join(f"{k} {t}: baris {', '.join(map(str, b))}" for k, t, b in self.contoh)
        return (
            f"{self.keluarga} keluarga dikirim lebih dari sekali pada hari yang sama dengan isi berbeda: "
            f"kiriman terakhir (menurut {cara}) dipakai, {self.baris} baris lebih awal dilewati (mis. {contoh})"
        )


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


def kunci_kolom(nama: object) -> str:
    """Column-name key: case, accents, spaces, punctuation and brackets ignored ('Durasi (menit)' = 'durasi_menit')."""
    teks = unicodedata.normalize("NFKD", str(nama)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^0-9a-z]+", "", teks)


def _kunci_tanpa_kurung(nama: object) -> str:
    """The key without a bracketed part, usually a unit: 'Sasaran (KK)' -> 'sasaran'."""
    return kunci_kolom(re.sub(r"[(\[{].*?[)\]}]", " ", str(nama)))


def _tampil(v: object) -> str:
    """A value as it may be quoted in a message: control characters shown as '?', shortened."""
    teks = KENDALI.sub("?", str(v))
    return teks if len(teks) <= PANJANG_TAMPIL else teks[: PANJANG_TAMPIL - 1] + "…"


@dataclass
class PadananKolom:
    """How a file's header feeds a contract table."""

    sumber: dict[str, int | None]  # contract column -> position of the file column feeding it
    diabaikan: list[tuple[str, str | None]]  # file columns not used, each with the contract column it probably means
    ganda: dict[str, list[str]]  # contract columns fed by more than one file column


def padankan_kolom(tabel: str, kolom_berkas: list[str], pemetaan: dict[str, str] | None = None) -> PadananKolom:
    """Which file column feeds each contract column: the mapping first, then the contract's name compared by
    kunci_kolom, then the same without a bracketed unit. Every other column is reported as ignored."""
    spek = SPESIFIKASI[tabel]
    alias = {kunci_kolom(k): v for k, v in (pemetaan or {}).items()}
    kanonik = {kunci_kolom(k.nama): k.nama for k in spek}
    calon: dict[str, list[int]] = {k.nama: [] for k in spek}
    tak_dipakai: list[int] = []
    for i, asli in enumerate(kolom_berkas):
        tujuan = alias.get(kunci_kolom(asli))
        nama = kanonik.get(kunci_kolom(tujuan)) if tujuan else kanonik.get(kunci_kolom(asli)) or kanonik.get(_kunci_tanpa_kurung(asli))
        if nama:
            calon[nama].append(i)
        else:
            tak_dipakai.append(i)
    ganda = {k: [str(kolom_berkas[i]) for i in pos] for k, pos in calon.items() if len(pos) > 1}
    diabaikan = []
    for i in tak_dipakai:
        mirip = difflib.get_close_matches(_kunci_tanpa_kurung(kolom_berkas[i]) or kunci_kolom(kolom_berkas[i]), list(kanonik), n=1, cutoff=0.6)
        diabaikan.append((str(kolom_berkas[i]), kanonik[mirip[0]] if mirip else None))
    return PadananKolom({k: (pos[0] if pos else None) for k, pos in calon.items()}, diabaikan, ganda)


def cocokkan_kolom(tabel: str, kolom_berkas: list[str], pemetaan: dict[str, str] | None = None) -> dict[str, str | None]:
    """Which file column (by name) feeds each contract column, None when none does (see padankan_kolom)."""
    return {k: (None if i is None else kolom_berkas[i]) for k, i in padankan_kolom(tabel, kolom_berkas, pemetaan).sumber.items()}


def normalkan_kolom(tabel: str, df: pd.DataFrame, berkas: str, pemetaan: dict[str, str] | None = None) -> tuple[pd.DataFrame, list[tuple[str, str | None]]]:
    """The file's columns under the contract's names, and the columns ignored. Refuses the file (KolomHilang,
    KolomGanda) when a required column is missing or a contract column is fed by two file columns."""
    padanan = padankan_kolom(tabel, list(df.columns), pemetaan)
    if padanan.ganda:
        raise KolomGanda(tabel, berkas, padanan.ganda)
    hilang = [k.nama for k in SPESIFIKASI[tabel] if k.wajib and padanan.sumber[k.nama] is None]
    if hilang:
        raise KolomHilang(tabel, berkas, hilang, [_tampil(c) for c in df.columns])
    kolom = {k: (df.iloc[:, i] if i is not None else None) for k, i in padanan.sumber.items()}
    return pd.DataFrame(kolom, index=df.index).astype(object), padanan.diabaikan


def per_nilai(nilai: pd.Series, fungsi: Callable[[object], object]) -> pd.Series:
    """fungsi(v) for every value, computed once per distinct value (codes, IDs, dates and results repeat
    across a file's rows); empty cells get fungsi(None)."""
    return per_nilai_banyak(nilai, fungsi)[0]


def per_nilai_banyak(nilai: pd.Series, *fungsi: Callable[[object], object]) -> list[pd.Series]:
    """Like per_nilai for several functions, with the column's distinct values found once."""
    kode, unik = pd.factorize(nilai, use_na_sentinel=True)
    keluar = []
    for f in fungsi:
        hasil = np.empty(len(unik) + 1, dtype=object)
        hasil[:] = [f(v) for v in unik] + [f(None)]
        keluar.append(pd.Series(hasil[kode], index=nilai.index, dtype=object))
    return keluar


def _kode(v: object) -> object:
    """One code as a digit string (see normalkan_kode)."""
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


def normalkan_kode(nilai: pd.Series) -> pd.Series:
    """Codes as digit strings: dots and spaces removed, never parsed as numbers."""
    return per_nilai(nilai, _kode)


def _kosong(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _ada_kendali(v: object) -> bool:
    return v is not None and KENDALI.search(str(v).strip()) is not None


def _ilmiah(v: object) -> bool:
    return isinstance(v, str) and re.fullmatch(NOTASI_ILMIAH, v) is not None


def _teks_satu(v: object) -> object:
    """One cell as stripped text (None when empty); a whole-number float loses its '.0'."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        v = int(v)
    teks = str(v).strip()
    return teks or None


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


def baca_waktu(v: object) -> datetime | None:
    """A timestamp (ISO 'YYYY-MM-DD HH:MM[:SS]', day-first, or an Excel serial with a fraction); None if unreadable."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, datetime):
        return (v.to_pydatetime() if isinstance(v, pd.Timestamp) else v).replace(tzinfo=None)
    angka = _angka(v)
    if angka == angka and 20000 <= angka <= 80000:  # an Excel serial day with its time as the fraction
        return datetime.combine(EXCEL_EPOCH, datetime.min.time()) + timedelta(days=angka)
    teks = str(v).strip().replace("T", " ")
    teks = re.sub(r"(Z|[+-]\d\d:?\d\d)$", "", teks).strip()
    for pola in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M"):
        try:
            return datetime.strptime(teks, pola)
        except ValueError:
            continue
    return None


def baca_waktu_zona(v: object) -> tuple[datetime, int | None] | None:
    """A timestamp as baca_waktu reads it, with its offset from UTC in minutes when the text gives one ('Z',
    '+08:00'); None if unreadable."""
    if isinstance(v, str):
        cocok = re.search(r"(Z|[+-]\d\d:?\d\d)\s*$", v.strip())
        waktu = baca_waktu(v)
        if waktu is None or cocok is None:
            return None if waktu is None else (waktu, None)
        z = cocok.group(1).replace(":", "")
        return waktu, 0 if z == "Z" else (1 if z[0] == "+" else -1) * (int(z[1:3]) * 60 + int(z[3:5]))
    waktu = baca_waktu(v)
    return None if waktu is None else (waktu, None)


def _koordinat(v: object) -> float:
    """A decimal degree from a cell, with a point or a comma as the decimal mark (never a thousands grouping, so
    '-2.994' is -2.994); NaN when it is not a finite number."""
    if v is None or isinstance(v, bool):
        return np.nan
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v) if np.isfinite(float(v)) else np.nan
    teks = str(v).strip().replace(",", ".")
    if len(teks) > 40 or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", teks):
        return np.nan
    return float(teks)


def _angka(v: object) -> float:
    """A finite number from a cell (comma decimals, Indonesian thousands '1.234'), else NaN: infinities, NaN,
    overflowing values and text are all 'not a number'."""
    if v is None or isinstance(v, bool):
        return np.nan
    if isinstance(v, (int, np.integer)):
        return float(v) if abs(int(v)) <= 1e15 else np.nan
    if isinstance(v, (float, np.floating)):
        return float(v) if np.isfinite(v) else np.nan
    teks = str(v).strip()
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", teks):  # Indonesian thousands grouping: 1.234
        teks = teks.replace(".", "")
    teks = teks.replace(",", ".")
    if len(teks) > 40 or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", teks):
        return np.nan
    angka = float(teks)
    return angka if np.isfinite(angka) else np.nan


class _Penolak:
    """Collects rejected rows with their file row numbers (by default data row + 2, after the header)."""

    def __init__(self, asli: pd.DataFrame, nomor_baris: list[int] | None = None):
        self.asli = asli
        self.alasan = pd.Series(pd.NA, index=asli.index, dtype=object)
        self.catatan: list[str] = []
        self.lewat = pd.Series(False, index=asli.index)  # rows not rejected but not stored: same-day copies superseded
        self.ulang: KirimanUlang | None = None
        self.nomor = list(nomor_baris) if nomor_baris is not None else [i + 2 for i in range(len(asli))]
        if len(self.nomor) != len(asli):
            raise ValueError("nomor_baris must give one file row number per data row")

    def tolak(self, mask: pd.Series, alasan: str, nilai: pd.Series | None = None) -> None:
        """Reject the rows of mask not rejected before; with nilai, alasan holds {} for each row's value."""
        baru = mask & self.alasan.isna()
        if nilai is None:
            self.alasan[baru] = alasan
        elif baru.any():  # messages only for the rejected rows
            self.alasan[baru] = [alasan.format(_tampil(v)) for v in nilai[baru]]

    @property
    def ok(self) -> pd.Series:
        return self.alasan.isna()

    def tabel(self) -> pd.DataFrame:
        ditolak = self.alasan.dropna()
        data = [json.dumps({str(k)[:PANJANG_NAMA]: _sel_disimpan(v) for k, v in self.asli.loc[i].items()}, ensure_ascii=False) for i in ditolak.index]
        return pd.DataFrame({"baris": [self.nomor[int(i)] for i in ditolak.index], "alasan": list(ditolak), "data": data})


def _sel_disimpan(v: object) -> str | None:
    """A rejected cell as kept for the user: text, at most PANJANG_NAMA characters (JSON escapes control characters)."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    return str(v)[:PANJANG_NAMA]


def _ada(conn: Connection, kolom, nilai: set[str]) -> set[str]:
    """Which of these key values already exist in the database column (values no row may hold, such as text with
    a NUL that PostgreSQL cannot even compare, are never looked up)."""
    daftar = sorted(v for v in nilai if isinstance(v, str) and len(v) <= PANJANG_ID and not KENDALI.search(v))
    hasil: set[str] = set()
    for i in range(0, len(daftar), POTONG):
        potong = daftar[i : i + POTONG]
        hasil.update(r[0] for r in conn.execute(select(kolom).where(kolom.in_(potong))))
    return hasil


def _siapkan(tabel: str, df: pd.DataFrame, conn: Connection, nomor_baris: list[int] | None = None) -> tuple[pd.DataFrame, _Penolak]:
    """Type every column and reject rows that break the contract (its bounds included); returns typed rows and rejects."""
    p = _Penolak(df, nomor_baris)
    out = pd.DataFrame(index=df.index)
    for k in SPESIFIKASI[tabel]:
        kolom = df[k.nama]
        if k.jenis == "kode":
            kendali, ilmiah, kode = per_nilai_banyak(kolom, _ada_kendali, _ilmiah, _kode)
            p.tolak(kendali.astype(bool), f"{k.nama} berisi karakter kendali (mis. NUL atau tab)")
            panjang_sah = (14, 16) if k.nama == "kode_sls" else tuple(TINGKAT_DARI_PANJANG)
            out[k.nama], dilengkapi = lengkapi_nol(kode, panjang_sah)
            if dilengkapi:
                p.catatan.append(f"{dilengkapi} nilai {k.nama} dilengkapi nol di depan (hilang di spreadsheet)")
            p.tolak(ilmiah.astype(bool), f"{k.nama} berupa notasi ilmiah Excel (mis. 7,3E+13): digitnya hilang; format kolom sebagai teks lalu ekspor ulang")
            if k.wajib:
                p.tolak(out[k.nama].isna(), f"{k.nama} kosong")
            salah = per_nilai(out[k.nama], lambda v, sah=panjang_sah: 0 if v is None else 1 if re.fullmatch(r"[0-9]+", v) is None else 2 if len(v) not in sah else 0)
            p.tolak(salah == 1, f"{k.nama} bukan kode angka")
            p.tolak(salah == 2, f"panjang {k.nama} bukan {', '.join(map(str, panjang_sah[:-1]))} atau {panjang_sah[-1]} digit")
        elif k.jenis in ("id", "teks", "peran"):
            kendali, teks = per_nilai_banyak(kolom, _ada_kendali, _teks_satu)
            p.tolak(kendali.astype(bool), f"{k.nama} berisi karakter kendali (mis. NUL atau tab)")
            if k.jenis == "peran":
                out[k.nama] = per_nilai(teks, lambda v: v.upper() if isinstance(v, str) else v)
                p.tolak(~out[k.nama].isin(PERAN), "peran bukan PPL, PML atau KOSEKA")
                continue
            out[k.nama] = teks
            if k.wajib and k.nama != "id_atasan":
                p.tolak(teks.isna(), f"{k.nama} kosong")
            p.tolak(teks.str.len() > k.panjang, f"{k.nama} lebih dari {k.panjang} karakter")
        elif k.jenis == "bilangan":
            kosong, angka = per_nilai_banyak(kolom, _kosong, _angka)
            kosong, angka = kosong.astype(bool), angka.astype(float)
            angka = angka.where(np.isclose(angka, np.round(angka)) | angka.isna())
            if k.wajib:
                p.tolak(kosong, f"{k.nama} kosong")
            p.tolak(~kosong & angka.isna(), f"{k.nama} bukan bilangan bulat")
            p.tolak(angka < 0, f"{k.nama} negatif")
            p.tolak(angka > BILANGAN_MAKS, f"{k.nama} lebih dari 1.000.000")
            out[k.nama] = angka
        elif k.jenis == "desimal":
            kosong, angka = per_nilai_banyak(kolom, _kosong, _angka)
            angka = angka.astype(float)
            p.tolak(~kosong.astype(bool) & angka.isna(), f"{k.nama} bukan angka")
            out[k.nama] = angka
        elif k.jenis == "koordinat":
            kosong, angka = per_nilai_banyak(kolom, _kosong, _koordinat)
            angka = angka.astype(float)
            p.tolak(~kosong.astype(bool) & angka.isna(), f"{k.nama} bukan angka derajat desimal")
            out[k.nama] = angka
        elif k.jenis == "waktu_lokal":
            kosong, baca = per_nilai_banyak(kolom, _kosong, baca_waktu_zona)
            kosong = kosong.astype(bool)
            p.tolak(~kosong & baca.isna(), f"{k.nama} tidak terbaca sebagai waktu")
            waktu = per_nilai(baca, lambda b: None if b is None else b[0])
            luar = per_nilai(waktu, lambda d: d is not None and not (TAHUN_MIN <= d.year <= TAHUN_MAKS)).astype(bool)
            p.tolak(luar, f"{k.nama} di luar tahun {TAHUN_MIN}-{TAHUN_MAKS}")
            out[k.nama] = waktu.where(~luar, None)
            out[k.nama + "_utc"] = per_nilai(baca, lambda b: None if b is None else b[1])  # the offset given, if any (minutes)
        elif k.jenis in ("tanggal", "waktu"):
            baca = baca_tanggal if k.jenis == "tanggal" else baca_waktu
            kosong, tgl = per_nilai_banyak(kolom, _kosong, baca)
            kosong = kosong.astype(bool)
            if k.wajib:
                p.tolak(kosong, f"{k.nama} kosong")
            p.tolak(~kosong & tgl.isna(), f"{k.nama} tidak terbaca sebagai {k.jenis}")
            luar = per_nilai(tgl, lambda d: d is not None and not (TAHUN_MIN <= d.year <= TAHUN_MAKS)).astype(bool)
            p.tolak(luar, f"{k.nama} di luar tahun {TAHUN_MIN}-{TAHUN_MAKS}")
            out[k.nama] = tgl
    _aturan_tabel(tabel, out, p, conn)
    return out, p


def _aturan_tabel(tabel: str, out: pd.DataFrame, p: _Penolak, conn: Connection) -> None:
    """Table-specific rules: levels, references to known areas and officers, value ranges."""
    if tabel == "wilayah":
        panjang = per_nilai(out["kode"], lambda v: len(v) if isinstance(v, str) else 0)
        induk = [v[: PANJANG_INDUK[len(v)]] if isinstance(v, str) and len(v) in PANJANG_INDUK else None for v in out["kode"]]
        out["induk"] = induk
        dikenal = set(out.loc[p.ok, "kode"]) | _ada(conn, s.wilayah.c.kode, {v for v, ok in zip(induk, p.ok, strict=True) if v and ok})
        tanpa_induk = out["induk"].notna() & ~out["induk"].isin(dikenal) & (panjang > 4)
        p.tolak(tanpa_induk, "wilayah induk {} tidak dikenal", out["induk"])
    elif tabel == "petugas":
        dikenal = set(out.loc[p.ok, "id_petugas"]) | _ada(conn, s.petugas.c.id_petugas, set(out.loc[p.ok, "id_atasan"].dropna()))
        p.tolak(out["id_atasan"].notna() & ~out["id_atasan"].isin(dikenal), "atasan {} tidak dikenal", out["id_atasan"])
        p.tolak(out["id_atasan"].isna() & out["peran"].isin(["PPL", "PML"]), "PPL dan PML wajib punya atasan")
    elif tabel == "beban":
        sls = _ada(conn, s.wilayah.c.kode, set(out.loc[p.ok, "kode_sls"].dropna()))
        p.tolak(~out["kode_sls"].isin(sls), "SLS {} tidak ada di tabel wilayah", out["kode_sls"])
        _cek_ppl(conn, out, p)
    elif tabel in ("keluarga", "laporan_harian"):
        sls = _ada(conn, s.beban.c.kode_sls, set(out.loc[p.ok, "kode_sls"].dropna()))
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
            p.tolak(out["durasi_menit"] > DURASI_MAKS, "durasi_menit lebih dari 1.440 menit (sehari)")
            periksa_awal = [isinstance(a, date) and isinstance(b, date) and b < a for a, b in zip(out["tanggal"], out["tanggal_periksa"], strict=True)]
            p.tolak(pd.Series(periksa_awal, index=out.index), "tanggal_periksa sebelum tanggal kiriman")
            _aturan_paradata(out, p)
    elif tabel == "jadwal":
        p.tolak(out["selesai"].notna() & out["mulai"].notna() & (out["selesai"] < out["mulai"]), "selesai sebelum mulai")
        p.tolak(out["mulai"].isna() != out["selesai"].isna(), "baris jadwal perlu mulai dan selesai")
        wilayah_ada = _ada(conn, s.wilayah.c.kode, set(out.loc[p.ok, "kode_wilayah"].dropna()))
        p.tolak(out["kode_wilayah"].notna() & ~out["kode_wilayah"].isin(wilayah_ada), "wilayah perpanjangan {} tidak dikenal", out["kode_wilayah"])
        ada_rencana = out["tanggal"].notna() | out["persen_kumulatif"].notna()
        p.tolak(~ada_rencana & out["mulai"].isna() & out["selesai"].isna(), "baris kosong: perlu mulai dan selesai, atau tanggal dan persen_kumulatif")
        p.tolak(ada_rencana & (out["tanggal"].isna() | out["persen_kumulatif"].isna()), "baris rencana perlu tanggal dan persen_kumulatif")
        p.tolak((out["persen_kumulatif"] < 0) | (out["persen_kumulatif"] > 100), "persen_kumulatif di luar 0-100")


def _aturan_paradata(out: pd.DataFrame, p: _Penolak) -> None:
    """The paradata columns of keluarga: a point inside Indonesia's bounds with both coordinates; times in the local
    time of the SLS's province (a time given with an offset is converted), an end after the start, an interview
    under a day, not started after the day it was sent."""
    lintang, bujur = out["lintang"], out["bujur"]
    p.tolak(lintang.isna() != bujur.isna(), "lintang dan bujur harus diisi keduanya atau dikosongkan keduanya")
    p.tolak((lintang < LINTANG[0]) | (lintang > LINTANG[1]), "lintang {} di luar -11 s.d. 6 (Indonesia)", lintang)
    p.tolak((bujur < BUJUR[0]) | (bujur > BUJUR[1]), "bujur {} di luar 95 s.d. 141 (Indonesia)", bujur)
    zona = pd.Series(jam_zona(out["kode_sls"].fillna("")) * 60, index=out.index)
    for nama in ("waktu_mulai", "waktu_selesai"):
        utc = pd.to_numeric(out.pop(nama + "_utc"), errors="coerce")
        waktu = pd.to_datetime(out[nama], errors="coerce")
        geser = utc.notna() & waktu.notna()
        if geser.any():  # a time with an offset: to UTC, then to the area's local time
            waktu = waktu.where(~geser, waktu - pd.to_timedelta(utc, unit="m") + pd.to_timedelta(zona, unit="m"))
            out[nama] = [None if pd.isna(w) else w.to_pydatetime() for w in waktu]
    mulai, selesai = pd.to_datetime(out["waktu_mulai"], errors="coerce"), pd.to_datetime(out["waktu_selesai"], errors="coerce")
    p.tolak(selesai.notna() & mulai.isna(), "waktu_selesai tanpa waktu_mulai")
    p.tolak(selesai <= mulai, "waktu_selesai tidak sesudah waktu_mulai")
    p.tolak(selesai - mulai > pd.Timedelta(days=1), "wawancara lebih dari 24 jam (waktu_selesai - waktu_mulai)")
    tanggal = pd.to_datetime(pd.Series(out["tanggal"], dtype=object), errors="coerce")
    p.tolak(mulai.dt.normalize() > tanggal, "waktu_mulai sesudah tanggal kiriman")


def _cek_ppl(conn: Connection, out: pd.DataFrame, p: _Penolak) -> None:
    ppl = {
        r[0]
        for potong in _potong(sorted(set(out.loc[p.ok, "id_ppl"].dropna())))
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
KUNCI_RIWAYAT = {**KUNCI, "jadwal": ("kode_wilayah",), "rencana": ("tanggal",)}  # every table an import writes
# A row whose key is stored with other content replaces it (a newer file wins); the old version goes to riwayat_baris.


def _baris_db(tabel: str, baris: pd.DataFrame) -> list[dict]:
    """Typed rows as dicts of plain Python values (None for empty), with the derived columns of their table."""
    kolom = []
    for k in baris.columns:
        nilai = baris[k].tolist()
        kosong = baris[k].isna().to_numpy()
        if k in KOLOM_BULAT:
            nilai = [None if ko else int(v) for v, ko in zip(nilai, kosong, strict=True)]
        elif pd.api.types.is_datetime64_any_dtype(baris[k]):  # timestamps as the drivers take them
            nilai = [None if ko else v.to_pydatetime() for v, ko in zip(nilai, kosong, strict=True)]
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
    for i in range(0, len(isi), BARIS_PER_TULIS):
        conn.execute(s.riwayat_baris.insert(), isi[i : i + BARIS_PER_TULIS])


def hapus_menurut_kunci(conn: Connection, tabel: str, baris: list[dict]) -> None:
    """Delete the stored rows with the keys of these rows."""
    tbl = s.metadata.tables[tabel]
    kunci = KUNCI_RIWAYAT[tabel]
    if len(kunci) == 1:
        for potong in _potong([r[kunci[0]] for r in baris]):
            conn.execute(delete(tbl).where(tbl.c[kunci[0]].in_(potong)))
    elif baris:  # one statement per key, run as a batch: each an index lookup on both databases
        perintah = delete(tbl).where(*[tbl.c[k] == bindparam("k_" + k) for k in kunci])
        conn.execute(perintah, [{"k_" + k: r[k] for k in kunci} for r in baris])


def _kiriman_terakhir(data: pd.DataFrame, p: _Penolak) -> tuple[pd.DataFrame, int, int]:
    """One submission per family and day: of the rows sharing (id_keluarga, tanggal), the last by waktu when every
    one of them has it, else the last in the file. Returns (rows kept, exact copies dropped, superseded rows)."""
    kunci = ["id_keluarga", "tanggal"]
    ganda = data.duplicated(subset=kunci, keep=False)
    if not ganda.any():
        return data, 0, 0
    sub = data[ganda].assign(_pos=np.arange(int(ganda.sum())))
    waktu = pd.to_datetime(sub["waktu"], errors="coerce") if "waktu" in sub else pd.Series(pd.NaT, index=sub.index)
    lengkap = waktu.notna().groupby([sub["id_keluarga"], sub["tanggal"]]).transform("all")
    sub = sub.assign(_w=waktu.where(lengkap)).sort_values([*kunci, "_w", "_pos"], na_position="first", kind="stable")
    terakhir = (~sub.duplicated(subset=kunci, keep="last")).to_numpy()
    kolom_isi = [c for c in data.columns if c not in (*kunci, "waktu")]
    sidik = pd.util.hash_pandas_object(sub[kolom_isi].astype(str), index=False).to_numpy()
    kunci_baris = list(zip(sub["id_keluarga"], sub["tanggal"], strict=True))
    sidik_pakai = {k: v for k, v, t in zip(kunci_baris, sidik, terakhir, strict=True) if t}
    sama = np.array([sidik_pakai[k] == v for k, v in zip(kunci_baris, sidik, strict=True)])
    salinan = int((sama & ~terakhir).sum())
    dilampaui = int((~terakhir).sum()) - salinan
    if dilampaui:
        beda = pd.Series(~sama, index=sub.index).groupby([sub["id_keluarga"], sub["tanggal"]]).transform("any")
        kelompok = sub[beda.to_numpy()].groupby(kunci, sort=False)
        contoh = [(_tampil(k[0]), k[1], [p.nomor[int(i)] for i in g.index]) for k, g in list(kelompok)[:3]]
        p.ulang = KirimanUlang(kelompok.ngroups, dilampaui, bool(lengkap.any()), contoh)
    pakai = sub.index[terakhir]
    p.lewat |= ganda.reindex(p.lewat.index, fill_value=False) & ~p.lewat.index.isin(pakai)
    return data[~ganda | data.index.isin(pakai)], salinan, dilampaui


def _tersimpan(conn: Connection, tabel: str, rows: list[dict]) -> dict[tuple, dict]:
    """The stored rows with the keys of these rows, by key. Families are looked up by id_keluarga alone (the
    primary key's first column, so an index range on both databases; a row-value IN list made SQLite scan
    the table once per chunk), other tables by their whole key."""
    tbl = s.metadata.tables[tabel]
    kunci = list(KUNCI[tabel])
    dicari = {tuple(r[k] for k in kunci) for r in rows}
    ada: dict[tuple, dict] = {}
    if tabel == "keluarga":
        for potong in _potong(sorted({k[0] for k in dicari})):
            for r in conn.execute(select(tbl).where(tbl.c.id_keluarga.in_(potong))).mappings():
                if (k := (r["id_keluarga"], r["tanggal"])) in dicari:
                    ada[k] = dict(r)
        return ada
    kol_kunci = [tbl.c[k] for k in kunci]
    for potong in _potong(sorted(dicari)):
        cond = tuple_(*kol_kunci).in_(potong) if len(kunci) > 1 else kol_kunci[0].in_([x[0] for x in potong])
        for r in conn.execute(select(tbl).where(cond)).mappings():
            ada[tuple(r[k] for k in kunci)] = dict(r)
    return ada


def _tulis(
    conn: Connection,
    tabel: str,
    siap: pd.DataFrame,
    p: _Penolak,
    hasil: HasilImpor,
    kemajuan: Kemajuan | None = None,
    perubahan: rekap.PerubahanKiriman | None = None,
    hari_ppl: set | None = None,
) -> set[str]:
    """Insert new rows; a row whose key is stored with other content replaces it (the old version kept in
    riwayat_baris). Counts go to hasil; returns the ids of families touched (their removed and added
    submissions noted in perubahan, their PPL-days added to hari_ppl). New submissions get their distance
    from their desa polygon here, vectorised per desa."""
    tbl = s.metadata.tables[tabel]
    kunci = list(KUNCI[tabel])
    data = siap.loc[p.ok]
    if tabel == "keluarga":
        data, salinan, hasil.dilampaui = _kiriman_terakhir(data, p)
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
        perubahan.penuh = True  # nothing noted: the rollups are built whole
    disentuh: set[str] = set()
    pengukur = paradata.PengukurJarak(conn) if tabel == "keluarga" else None
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
            paradata.isi_jarak(pengukur, baru)
            if hari_ppl is not None:
                hari_ppl |= paradata.hari_ppl(baru) | paradata.hari_ppl(lama_diganti)
        if lama_diganti:
            simpan_riwayat(conn, tabel, lama_diganti, hasil.id_impor)
            hapus_menurut_kunci(conn, tabel, lama_diganti)
        for i in range(0, len(baru), BARIS_PER_TULIS):
            sisipkan_banyak(conn, tbl, baru[i : i + BARIS_PER_TULIS])
            if kemajuan:
                kemajuan(f"menulis {tabel}", min(awal + i + BARIS_PER_TULIS, len(data)), len(data))
        hasil.dimuat += len(baru)
        hasil.diganti += len(lama_diganti)
        if tabel == "keluarga":
            disentuh |= {r["id_keluarga"] for r in baru}
            if not tabel_kosong:  # into an empty table the full recomputation after the file builds every rollup
                rekap.tambah_kiriman(conn, baru)
                rekap.tambah_kiriman(conn, lama_diganti, tanda=-1)
                if perubahan is not None:
                    perubahan.catat(lama_diganti, baru)
    return disentuh


def _tulis_jadwal(conn: Connection, siap: pd.DataFrame, p: _Penolak, hasil: HasilImpor) -> None:
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


KELUARGA_BERTAHAP = 20000  # more families touched than this: the per-family state and rollups are recomputed whole


def perbarui_ringkas(conn: Connection, id_keluarga: set[str] | None = None, perubahan: rekap.PerubahanKiriman | None = None) -> set[str] | None:
    """Recompute the per-family state from submissions: all families, or only the ones given (whose removed and
    added submissions are in perubahan; without it the per-SLS rollup is recomputed whole). Returns the
    kecamatan whose per-SLS rollup changed (None: any may have)."""
    k = s.keluarga
    r = s.keluarga_ringkas
    if id_keluarga is not None and not id_keluarga:
        return set()
    penuh = id_keluarga is None or len(id_keluarga) > KELUARGA_BERTAHAP
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
        return None
    rekap.terapkan(conn, tuple(pd.concat(x, ignore_index=True) for x in zip(*lama, strict=True)), tuple(pd.concat(x, ignore_index=True) for x in zip(*baru, strict=True)))
    if perubahan is None or perubahan.penuh:
        rekap.bangun_sls(conn)
        return None
    return rekap.perbarui_sls(conn, sorted(id_keluarga), perubahan)


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
    with antrean_sqlite(engine, kemajuan), engine.begin() as conn:
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
) -> HasilImpor:
    kunci_impor(conn, kemajuan)
    hasil = HasilImpor(tabel=tabel, sumber=sumber, dibaca=len(df), catatan=list(catatan or []), diabaikan=diabaikan)
    rekap.pastikan(conn)  # a database from before the rollups gets them first, then this import keeps them
    hasil.id_impor = conn.execute(
        s.impor.insert().values(tabel=tabel, sumber=sumber, waktu=datetime.now(), baris_dibaca=len(df), baris_dimuat=0, baris_ditolak=0, sidik=sidik)
    ).inserted_primary_key[0]
    if kemajuan:
        kemajuan(f"memeriksa {tabel}", 0, len(df))
    siap, p = _siapkan(tabel, df, conn, nomor_baris)
    perubahan = rekap.PerubahanKiriman(KELUARGA_BERTAHAP)
    hari_ppl: set = set()
    if tabel == "jadwal":
        _tulis_jadwal(conn, siap, p, hasil)
        disentuh: set[str] = set()
    else:
        disentuh = _tulis(conn, tabel, siap, p, hasil, kemajuan, perubahan, hari_ppl)
        if hasil.dimuat >= BARIS_ANALISIS:  # fresh statistics, so lookups into it (the next file's checks) use its index
            conn.execute(text("ANALYZE " + s.metadata.tables[tabel].name))  # a table name from the schema
    if tabel == "beban":
        rekap.bangun_sasaran(conn)
        rekap.perbarui_cakupan(conn, None)
    if tabel == "jadwal":
        rekap.perbarui_cakupan(conn, set())  # rebuilt if the deadlines changed
    if tabel == "keluarga":
        if kemajuan:
            kemajuan("meringkas keluarga", 0, 1)
        kosong_sebelumnya = conn.execute(select(s.keluarga_ringkas.c.id_keluarga).limit(1)).first() is None
        rekap.perbarui_cakupan(conn, perbarui_ringkas(conn, None if kosong_sebelumnya else disentuh, perubahan))
        if not (kosong_sebelumnya or len(disentuh) > KELUARGA_BERTAHAP):  # else perbarui_ringkas rebuilt every rollup
            paradata.perbarui(conn, hari_ppl)
    hasil.ditolak = p.tabel()
    hasil.contoh = siap[p.ok & ~p.lewat].head(20)  # rows that load, as typed
    hasil.ulang = p.ulang
    hasil.catatan += p.catatan
    # the ignored columns are shown from hasil.diabaikan; the import log keeps them with the notes
    abaikan = ["kolom diabaikan: " + ", ".join(_tampil(k) + (f" (maksudnya {m}?)" if m else "") for k, m in diabaikan)] if diabaikan else []
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


def impor_semua(engine: Engine, tabel_tabel: dict[str, pd.DataFrame], sumber: str) -> list[HasilImpor]:
    """Load several contract tables in dependency order (each table atomically)."""
    hasil = []
    for nama in URUTAN_TABEL:
        if nama in tabel_tabel:
            hasil.append(impor_tabel(engine, nama, tabel_tabel[nama], f"{sumber}:{nama}"))
    return hasil
