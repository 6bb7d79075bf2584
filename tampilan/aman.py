"""Imported text made harmless where it is written: HTML, Plotly labels, Markdown, and CSV/Excel cells (no Streamlit here)."""

from __future__ import annotations

import html
import io
import re

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula (OWASP CSV injection)
POLA_BILANGAN = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")  # a plain number written as text is no formula: left as it is
_MD = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def teks_html(nilai: object) -> str:
    """Text for an HTML page (st.markdown/st.html with markup of our own around it)."""
    return html.escape(str(nilai), quote=True)


def teks_plotly(nilai: object) -> str:
    """Text for a Plotly label, hover, table cell or title: Plotly reads <b>, <br>, <a href> and <span style> in
    text, and shows &lt; &gt; &amp; as the characters, so escaping those three makes any name plain text."""
    return html.escape(str(nilai), quote=False)


def teks_md(nilai: object) -> str:
    """Text for Streamlit Markdown (titles, captions, messages, button labels): no link, emphasis or heading."""
    return _MD.sub(r"\\\1", str(nilai))


def singkat(nilai: object, n: int = 34) -> str:
    """At most n characters, the rest replaced by an ellipsis (a label must not push its chart off the screen)."""
    teks = str(nilai)
    return teks if len(teks) <= n else teks[: n - 1].rstrip() + "…"


def sel_aman(nilai: object) -> object:
    """A cell that no spreadsheet will run: text starting with = + - @ tab or CR gets a leading apostrophe,
    numbers (and text that is only a number) stay as they are."""
    if isinstance(nilai, str) and nilai.startswith(_AWAL_RUMUS) and not POLA_BILANGAN.fullmatch(nilai):
        return "'" + nilai
    return nilai


def netralkan(df: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell and header made safe by sel_aman (number columns untouched)."""
    out = df.rename(columns=lambda k: sel_aman(k) if isinstance(k, str) else k)
    for k in out.columns:
        if out[k].dtype == object or pd.api.types.is_string_dtype(out[k].dtype):
            out[k] = out[k].map(sel_aman)
    return out


def ke_csv(df: pd.DataFrame) -> bytes:
    """CSV bytes for download (UTF-8 with a byte-order mark, so Excel reads the names right), formulas neutralised."""
    return netralkan(df).to_csv(index=False).encode("utf-8-sig")


def tulis_csv(df: pd.DataFrame, path) -> None:
    """The same CSV written to a file (command-line exports)."""
    netralkan(df).to_csv(path, index=False, encoding="utf-8")


def ke_excel(df: pd.DataFrame) -> bytes:
    """XLSX bytes, formulas neutralised and characters that XLSX cannot hold (control characters) removed."""
    out = netralkan(df)
    for k in out.columns:
        if out[k].dtype == object or pd.api.types.is_string_dtype(out[k].dtype):
            out[k] = out[k].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        out.to_excel(xl, index=False, sheet_name="data")
    return buf.getvalue()
