"""Links from a message to the dashboard's own view of its area, day and language (the public base address is a setting)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode


def param_wilayah(kode: str) -> dict[str, str]:
    """The address parameters that open an area (the app's ?prov= / ?kab= / ?kec=, by code); a desa opens its kecamatan."""
    if len(kode) >= 7:
        return {"prov": kode[:2], "kab": kode[:4], "kec": kode[:7]}
    if len(kode) >= 4:
        return {"prov": kode[:2], "kab": kode[:4]}
    return {"prov": kode} if kode else {}


def tautan_dasbor(dasar: str | None, kode: str, tgl: date, bahasa: str, halaman: str = "", **lain: str) -> str | None:
    """The dashboard address showing kode on day tgl in bahasa (on page `halaman`, '' for the overview), or None
    when no public base address is set (a message then carries no link rather than a wrong one)."""
    if not dasar:
        return None
    param = param_wilayah(kode) | {"tanggal": tgl.isoformat(), "lang": bahasa} | lain
    return f"{dasar.rstrip('/')}/{halaman}?{urlencode(param)}"
