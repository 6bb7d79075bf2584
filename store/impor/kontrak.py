"""The import contract: the columns of each table with their kinds and bounds, and matching a file's header to them."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

PERAN = ("PPL", "PML", "KOSEKA")
URUTAN_TABEL = ("wilayah", "petugas", "beban", "jadwal", "keluarga", "laporan_harian", "cek_ulang")
HASIL_CEK = (1, 2, 3, 4, 5)  # back-check outcomes: cocok, beda (fields named), tidak ditemukan, tidak ada, menolak

# Bounds of the data contract, the same on SQLite and PostgreSQL (docs/DEFINISI.md, "Import contract")
PANJANG_ID = 64  # IDs (and phone numbers)
PANJANG_NAMA = 200
BILANGAN_MAKS = 1_000_000  # counts are whole numbers 0..1,000,000
DURASI_MAKS = 1440  # interview minutes: one day
LINTANG = (-11.0, 6.0)  # Indonesia's latitudes and longitudes: a point beyond them is a bad cell
BUJUR = (95.0, 141.0)
TAHUN_MIN, TAHUN_MAKS = 2000, 2100
KENDALI = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # control characters (NUL included): never stored
PANJANG_TAMPIL = 60  # a value quoted in a reject reason is shortened to this


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
    "cek_ulang": (
        Kolom("id_keluarga", "id", panjang=PANJANG_ID),
        Kolom("tanggal_cek", "tanggal"),
        Kolom("id_pemeriksa", "id", panjang=PANJANG_ID),
        Kolom("hasil_cek", "bilangan"),
        Kolom("kolom_beda", "teks", wajib=False),  # the fields that differed (hasil_cek 2), separated by ; or ,
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
        daftar = "; ".join(f"{kontrak}: {', '.join(repr(tampil_singkat(k)) for k in asal)}" for kontrak, asal in ganda.items())
        super().__init__(f"{berkas}: beberapa kolom berkas mengisi kolom kontrak yang sama ({daftar}); hapus atau ganti nama salah satunya")


def kunci_kolom(nama: object) -> str:
    """Column-name key: case, accents, spaces, punctuation and brackets ignored ('Durasi (menit)' = 'durasi_menit')."""
    teks = unicodedata.normalize("NFKD", str(nama)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^0-9a-z]+", "", teks)


def _kunci_tanpa_kurung(nama: object) -> str:
    """The key without a bracketed part, usually a unit: 'Sasaran (KK)' -> 'sasaran'."""
    return kunci_kolom(re.sub(r"[(\[{].*?[)\]}]", " ", str(nama)))


def tampil_singkat(v: object) -> str:
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
        raise KolomHilang(tabel, berkas, hilang, [tampil_singkat(c) for c in df.columns])
    kolom = pd.DataFrame({k: (df.iloc[:, i] if i is not None else None) for k, i in padanan.sumber.items()}, index=df.index)
    # number and naive time columns keep their type (their cells are read at once); every other column becomes plain objects
    bertipe = {k for k, t in kolom.dtypes.items() if isinstance(t, np.dtype) and t.kind in "fiuM"}
    return kolom.astype({k: object for k in kolom.columns if k not in bertipe}), padanan.diabaikan
