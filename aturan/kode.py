"""BPS area codes: the level of a code by its length, its parent by prefix, and the column that holds each level."""

from __future__ import annotations

TINGKAT_DARI_PANJANG = {2: 1, 4: 2, 7: 3, 10: 4, 14: 5, 16: 6}  # provinsi, kabupaten, kecamatan, desa, SLS, sub-SLS
PANJANG_INDUK = {4: 2, 7: 4, 10: 7, 14: 10, 16: 14}  # a code's parent is its prefix of this length
PANJANG_ANAK = {0: 2, 2: 4, 4: 7, 7: 10}  # the code length of an area's children ('' is the nation)
KOLOM_KODE = {2: "kode_prov", 4: "kode_kab", 7: "kode_kec", 10: "kode_desa"}  # the derived column holding each level's code
TINGKAT_AREA = tuple((p, TINGKAT_DARI_PANJANG[p], PANJANG_INDUK.get(p, 0)) for p in KOLOM_KODE)  # (length, level, parent length)
PANJANG_KODE_MAKS = 16
PANJANG_KEC = 7  # a kecamatan code, the prefix of its desa and SLS codes


def induk(kode: str) -> str | None:
    """The parent's code, or None for a provinsi (or a code of no known length)."""
    n = PANJANG_INDUK.get(len(kode))
    return kode[:n] if n else None
