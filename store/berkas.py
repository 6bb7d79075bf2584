"""Read exported files the way they really come: CSV (',' ';' or tab, UTF-8 or a Windows code page) or XLSX."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from store.impor.kontrak import SPESIFIKASI, kunci_kolom

PENGODEAN = ("utf-8-sig", "cp1252")  # UTF-8 (with or without BOM), then the Windows code page Excel writes
PEMISAH = (",", ";", "\t", "|")
NAMA_PEMISAH = {"\t": "tab"}
BARIS_CARI_JUDUL = 15  # a title block above the header row is skipped when the header is within these rows
XLSX_BARIS_MAKS = 1_048_576  # Excel's own row limit: a sheet claiming more is not an export
XLSX_ISI_MAKS = 1_500_000_000  # bytes of XML a workbook may unpack to (a full 1,048,576-row export is well below)
XLSX_RASIO_MAKS = 100  # unpacked / packed size: real workbooks are below 30, zip bombs far above
XLSX_HITUNG_DARI = 50_000_000  # sheets unpacking to more bytes than this have their rows counted before parsing


class BerkasTakTerbaca(ValueError):
    """The file cannot be read as a table at all (wrong type, empty, damaged)."""


@dataclass
class Berkas:
    """A file read as text cells: the table, the file row number of each data row, and how it was read."""

    nama: str
    tabel: pd.DataFrame
    nomor_baris: list[int]
    sidik: str
    catatan: list[str] = field(default_factory=list)

    def argumen_impor(self) -> dict:
        """What the importer takes of how the file was read: each row's line (for reject messages), checksum, notes."""
        return {"nomor_baris": self.nomor_baris, "sidik": self.sidik, "catatan": self.catatan}


def _pemisah(teks: str) -> str:
    """The separator that splits the first lines most consistently (quotes respected)."""
    baris = [b for b in teks.splitlines()[:30] if b.strip()]
    terbaik, nilai = ",", -1.0
    for p in PEMISAH:
        jumlah = [len(r) for r in csv.reader(baris, delimiter=p)]
        if not jumlah or max(jumlah) < 2:
            continue
        modus = max(set(jumlah), key=jumlah.count)
        skor = modus + jumlah.count(modus) / len(jumlah)
        if skor > nilai:
            terbaik, nilai = p, skor
    return terbaik


def _dekode(isi: bytes, nama: str) -> tuple[str, str]:
    for kode in PENGODEAN:
        try:
            return isi.decode(kode), kode
        except UnicodeDecodeError:
            continue
    raise BerkasTakTerbaca(f"{nama}: pengodean teks tidak dikenal (bukan UTF-8 atau Windows-1252)")


def _sel_teks(v: object) -> str:
    """An XLSX cell as text; whole-number floats lose their '.0' so codes stay codes."""
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime):  # a date cell: the day is what counts
        return v.date().isoformat()
    return str(v).strip()


def _mentah(isi: bytes, nama: str, catatan: list[str]) -> pd.DataFrame:
    """All cells of the first table as text, no header yet, index = 0-based file row."""
    akhiran = Path(nama).suffix.lower()
    if akhiran in (".xlsx", ".xlsm"):
        _periksa_xlsx(isi, nama)
        try:
            df = pd.read_excel(io.BytesIO(isi), sheet_name=0, header=None, dtype=object)
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            raise BerkasTakTerbaca(f"{nama}: bukan berkas XLSX yang dapat dibaca ({type(exc).__name__}: {exc})") from exc
        catatan.append("XLSX, lembar pertama")
        return df.map(_sel_teks)
    if akhiran == ".xls":
        raise BerkasTakTerbaca(f"{nama}: format .xls lama tidak didukung; simpan sebagai .xlsx atau .csv")
    teks, kode = _dekode(isi, nama)
    awal = teks[:4096]
    if awal.count("\x00") > len(awal) // 10:  # a NUL inside a cell rejects its row; many of them mean binary (or UTF-16)
        raise BerkasTakTerbaca(f"{nama}: bukan berkas teks CSV UTF-8 (berisi data biner atau UTF-16); simpan sebagai CSV UTF-8")
    pemisah = _pemisah(teks)
    bom = " (BOM)" if isi.startswith(b"\xef\xbb\xbf") else ""
    catatan.append(f"CSV, pemisah '{NAMA_PEMISAH.get(pemisah, pemisah)}', pengodean {kode}{bom}")
    baris = list(csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah))
    lebar = max((len(b) for b in baris), default=0)
    return pd.DataFrame([b + [""] * (lebar - len(b)) for b in baris], dtype=object).map(lambda v: str(v).strip())


def _periksa_xlsx(isi: bytes, nama: str) -> None:
    """Refuse a workbook that would unpack to far more than any export before parsing it (a zip bomb, or a sheet
    of millions of rows): by its unpacked size, its packing ratio and the rows its sheets declare."""
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            anggota = z.infolist()
            isi_total = sum(a.file_size for a in anggota)
            if isi_total > XLSX_ISI_MAKS or isi_total > XLSX_RASIO_MAKS * max(len(isi), 1):
                raise BerkasTakTerbaca(
                    f"{nama}: XLSX terurai menjadi {isi_total / 1e6:,.0f} MB dari {len(isi) / 1e6:,.1f} MB (batas {XLSX_ISI_MAKS / 1e9:.1f} GB, "
                    f"rasio {XLSX_RASIO_MAKS}x); bukan ekspor biasa. Ekspor sebagai CSV"
                )
            for a in anggota:
                if a.filename.startswith("xl/worksheets/") and a.filename.endswith(".xml"):
                    with z.open(a) as f:
                        kepala = f.read(2048).decode("utf-8", "ignore")
                    ukuran = re.search(r'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', kepala)
                    baris = int(ukuran.group(1)) if ukuran else 0
                    if baris <= XLSX_BARIS_MAKS and a.file_size > XLSX_HITUNG_DARI:
                        baris = _hitung_baris(z, a)
                    if baris > XLSX_BARIS_MAKS:
                        raise BerkasTakTerbaca(
                            f"{nama}: lembar {a.filename.split('/')[-1]} berisi lebih dari {XLSX_BARIS_MAKS:,} baris (batas Excel); ekspor sebagai CSV"
                        )
    except zipfile.BadZipFile as exc:
        raise BerkasTakTerbaca(f"{nama}: bukan berkas XLSX yang dapat dibaca ({exc})") from exc


def _hitung_baris(z: zipfile.ZipFile, anggota: zipfile.ZipInfo) -> int:
    """Rows of a worksheet counted while unpacking it in pieces, stopping once past Excel's limit."""
    jumlah, sisa = 0, b""
    with z.open(anggota) as f:
        while jumlah <= XLSX_BARIS_MAKS and (potong := f.read(1 << 22)):
            teks = sisa + potong
            jumlah += len(re.findall(rb"<(?:\w+:)?row[\s/>]", teks))
            sisa = teks[-12:]
            jumlah -= len(re.findall(rb"<(?:\w+:)?row[\s/>]", sisa))  # a tag in the overlap is counted with the next piece
    return jumlah


def _baris_judul(mentah: pd.DataFrame, tabel: str | None, kolom_dikenal: Iterable[str] | None, kolom_tambahan: Iterable[str] = ()) -> int:
    """Index of the header row: the row among the first few naming the most expected columns (the contract's,
    or kolom_dikenal, plus the file names a column mapping renames)."""
    if kolom_dikenal is not None:
        dikenal = {kunci_kolom(k) for k in kolom_dikenal}
    else:
        dikenal = {kunci_kolom(k.nama) for t, spek in SPESIFIKASI.items() if tabel in (None, t) for k in spek}
    dikenal |= {kunci_kolom(k) for k in kolom_tambahan}
    terbaik, skor_terbaik = 0, 0
    for i in range(min(BARIS_CARI_JUDUL, len(mentah))):
        skor = sum(kunci_kolom(v) in dikenal for v in mentah.iloc[i] if v)
        if skor > skor_terbaik:
            terbaik, skor_terbaik = i, skor
    return terbaik


def baca_berkas(
    isi: bytes | Path | str, nama: str | None = None, tabel: str | None = None, kolom_dikenal: Iterable[str] | None = None, kolom_tambahan: Iterable[str] = ()
) -> Berkas:
    """Read a contract-table file from bytes (an upload) or a path; every cell stays text.

    The header is the row naming most contract columns, or most names of kolom_tambahan (the file columns a
    mapping renames), so a title block above it is skipped; rows that are entirely empty are dropped but the
    file row numbers of the others are kept."""
    if not isinstance(isi, bytes):
        nama = nama or str(isi)
        isi = Path(isi).read_bytes()
    nama = nama or "berkas"
    if not isi.strip():
        raise BerkasTakTerbaca(f"{nama}: berkas kosong")
    catatan: list[str] = []
    mentah = _mentah(isi, nama, catatan)
    if mentah.empty:
        raise BerkasTakTerbaca(f"{nama}: tidak ada baris")
    judul = _baris_judul(mentah, tabel, kolom_dikenal, kolom_tambahan)
    if judul:
        catatan.append(f"baris judul kolom: {judul + 1} (baris di atasnya dilewati)")
    kepala = [str(v) if v else f"kolom_{i + 1}" for i, v in enumerate(mentah.iloc[judul])]
    data = mentah.iloc[judul + 1 :]
    data = data[(data != "").any(axis=1)]
    df = pd.DataFrame(data.to_numpy(dtype=object), columns=kepala).replace("", None)
    df = df.astype(object).where(df.notna(), None)
    return Berkas(nama=nama, tabel=df, nomor_baris=[int(i) + 1 for i in data.index], sidik=hashlib.sha256(isi).hexdigest(), catatan=catatan)


def baca_pemetaan(path: Path | str | bytes, nama: str = "pemetaan") -> dict[str, dict[str, str]]:
    """A column-mapping file: rows of (tabel, kolom_berkas, kolom_kontrak); tabel empty = every table.

    Returns {table or '*': {file column: contract column}}."""
    berkas = baca_berkas(path, nama if isinstance(path, bytes) else None, kolom_dikenal=("tabel", "kolom_berkas", "kolom_kontrak"))
    df = berkas.tabel
    kolom = {kunci_kolom(c): c for c in df.columns}
    if not {"kolomberkas", "kolomkontrak"} <= set(kolom):
        raise BerkasTakTerbaca(f"{berkas.nama}: berkas pemetaan perlu kolom kolom_berkas dan kolom_kontrak (opsional: tabel); ditemukan {', '.join(df.columns)}")
    hasil: dict[str, dict[str, str]] = {}
    for no, r in zip(berkas.nomor_baris, df.to_dict("records"), strict=True):
        asal, tujuan = r[kolom["kolomberkas"]], r[kolom["kolomkontrak"]]
        tabel = (r.get(kolom.get("tabel", ""), None) or "*").strip().lower()
        if not asal or not tujuan:
            raise BerkasTakTerbaca(f"{berkas.nama}: baris {no}: kolom_berkas dan kolom_kontrak wajib diisi")
        if tabel != "*" and tabel not in SPESIFIKASI:
            raise BerkasTakTerbaca(f"{berkas.nama}: baris {no}: tabel '{tabel}' tidak dikenal")
        hasil.setdefault(tabel, {})[asal] = tujuan
    return hasil


def pemetaan_untuk(pemetaan: dict[str, dict[str, str]] | None, tabel: str) -> dict[str, str]:
    """The renames that apply to one table: general ones, overridden by the table's own."""
    pemetaan = pemetaan or {}
    return {**pemetaan.get("*", {}), **pemetaan.get(tabel, {})}


def tebak_tabel(nama: str, kolom: list[str], pemetaan: dict[str, dict[str, str]] | None = None) -> str | None:
    """The contract table a file holds: from its name if it is one, else the table whose columns (renamed by the
    mapping, if any) it covers best."""
    stem = Path(nama).stem.lower()
    for t in SPESIFIKASI:
        if stem == t or stem.startswith(t + "_") or stem.startswith(t + "-"):
            return t
    ganti = {kunci_kolom(asal): tujuan for peta in (pemetaan or {}).values() for asal, tujuan in peta.items()}
    ada = {kunci_kolom(ganti.get(kunci_kolom(c), c)) for c in kolom}
    skor = {t: sum(kunci_kolom(k.nama) in ada for k in spek if k.wajib) / max(1, sum(k.wajib for k in spek)) for t, spek in SPESIFIKASI.items() if t != "jadwal"}
    terbaik = max(skor, key=skor.get)
    return terbaik if skor[terbaik] >= 0.99 else None
