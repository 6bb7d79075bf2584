"""Reading one cell of an export: codes, text, whole numbers, decimals, coordinates, dates and times, each to a value or a reject."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from store.impor.kontrak import KENDALI, PANJANG_NAMA

EXCEL_EPOCH = date(1899, 12, 30)
# printable ASCII with no space at either end: what str.strip() leaves as it is, with no control character, so that
# ada_kendali, sel_kosong and baca_teks are known without looking at the value (pandas runs it over an Arrow column)
POLOS = r"[!-~](?:[ -~]*[!-~])?"


def per_nilai(nilai: pd.Series, fungsi: Callable[[object], object]) -> pd.Series:
    """fungsi(v) for every value, computed once per distinct value (codes, IDs, dates and results repeat
    across a file's rows); empty cells get fungsi(None)."""
    return per_nilai_banyak(nilai, fungsi)[0]


def per_nilai_banyak(nilai: pd.Series, *fungsi: Callable[[object], object]) -> list[pd.Series]:
    """Like per_nilai for several functions, with the column's distinct values found once."""
    kode, unik = pd.factorize(nilai, use_na_sentinel=True)
    keluar = []
    teks = None  # a text column's distinct values, prepared once for every text function
    if pd.api.types.is_string_dtype(getattr(unik, "dtype", None)) and any(f in (ada_kendali, baca_teks, sel_kosong) for f in fungsi):
        teks = _teks(unik)
    for f in fungsi:
        hasil = np.empty(len(unik) + 1, dtype=object)
        sekaligus = _sekaligus(f, unik, teks)
        hasil[:-1] = sekaligus if sekaligus is not None else [f(v) for v in unik]
        hasil[-1] = f(None)
        keluar.append(pd.Series(hasil[kode], index=nilai.index, dtype=object))
    return keluar


def _teks(unik) -> tuple[np.ndarray, np.ndarray, list[str]] | None:
    """A text column's distinct values: all of them, the positions of those that are not plain (POLOS, found at once
    in Arrow, where pandas matches a regex without Python) and those stripped; None unless every one is a str."""
    nilai = np.asarray(unik, dtype=object)
    if not isinstance(getattr(unik, "dtype", None), pd.StringDtype) and pd.api.types.infer_dtype(nilai, skipna=False) != "string":
        return None
    try:
        lain = np.flatnonzero(~pd.Series(unik, dtype="string[pyarrow]").str.fullmatch(POLOS).to_numpy(dtype=bool))
    except UnicodeEncodeError:  # a lone surrogate, which UTF-8 cannot hold: every value one by one
        lain = np.arange(len(nilai))
    return nilai, lain, [v.strip() for v in nilai[lain]]


def _sekaligus(f: Callable[[object], object], unik, teks: tuple[np.ndarray, np.ndarray, list[str]] | None) -> list | np.ndarray | None:
    """f over the distinct values of a typed column at once, where that gives exactly what f gives value by value
    (a number column's floats, a text column's strings, teks from _teks); None where it does not apply. The
    distinct values hold no empty cell (pd.factorize takes those out)."""
    jenis = getattr(unik, "dtype", np.dtype(object)).kind
    if jenis in "fiu" and f in (sel_kosong, ada_kendali):
        return np.zeros(len(unik), dtype=bool)
    if jenis == "f" and f in (baca_angka, baca_koordinat):
        u = np.asarray(unik, dtype=float)
        return np.where(np.isfinite(u), u, np.nan)
    if jenis in "iu" and f is baca_koordinat:
        return np.asarray(unik, dtype=float)
    if teks is not None and f in (ada_kendali, baca_teks, sel_kosong):  # plain values as they are, the others stripped
        nilai, lain, bersih = teks
        if f is baca_teks:
            hasil = nilai.copy()
            hasil[lain] = [t or None for t in bersih]
            return hasil
        hasil = np.zeros(len(nilai), dtype=bool)
        hasil[lain] = [KENDALI.search(t) is not None for t in bersih] if f is ada_kendali else [not t for t in bersih]
        return hasil
    return None


def baca_kode(v: object) -> object:
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
    return per_nilai(nilai, baca_kode)


def sel_kosong(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def ada_kendali(v: object) -> bool:
    return v is not None and KENDALI.search(str(v).strip()) is not None


def bernotasi_ilmiah(v: object) -> bool:
    return isinstance(v, str) and re.fullmatch(NOTASI_ILMIAH, v) is not None


def baca_teks(v: object) -> object:
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
    angka = baca_angka(v)
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


def baca_koordinat(v: object) -> float:
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


def baca_angka(v: object) -> float:
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


def sel_disimpan(v: object) -> str | None:
    """A rejected cell as kept for the user: text, at most PANJANG_NAMA characters (JSON escapes control characters)."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    return str(v)[:PANJANG_NAMA]
