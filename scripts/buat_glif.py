"""Map glyphs served by the app: signed-distance-field glyph ranges (MapLibre's PBF format) made from a font file."""

# MapLibre draws map text from glyph files fetched by URL; Plotly's default asks an outside font server for them,
# which a hall without internet cannot reach. This writes the ranges the area names need into static/glyphs/,
# served by the app itself (server.enableStaticServing), in the page's own typeface (Source Sans, shipped with
# Streamlit). Run again after changing the font or the ranges: python scripts/buat_glif.py

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import sys
from pathlib import Path

import numpy as np
from PIL import ImageFont
from scipy.ndimage import distance_transform_edt

ROOT = Path(__file__).resolve().parents[1]
UKURAN, BUFFER, RADIUS, CUTOFF = 24, 3, 8.0, 0.25  # MapLibre's glyph conventions (as node-fontnik makes them)
RENTANG = (0, 256, 8192)  # Basic Latin and Latin-1, Latin Extended-A/B, general punctuation (– — … ·)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _kunci(nomor: int, jenis: int) -> bytes:
    return _varint((nomor << 3) | jenis)


def _bytes(nomor: int, isi: bytes) -> bytes:
    return _kunci(nomor, 2) + _varint(len(isi)) + isi


def _uint(nomor: int, n: int) -> bytes:
    return _kunci(nomor, 0) + _varint(n)


def _sint(nomor: int, n: int) -> bytes:
    return _kunci(nomor, 0) + _varint((n << 1) ^ (n >> 31))


def glif(font: ImageFont.FreeTypeFont, kode: int) -> bytes | None:
    """One glyph message (id, SDF bitmap, width, height, left, top, advance), or None when the font lacks it."""
    ch = chr(kode)
    if kode < 32 or 127 <= kode < 160:  # control characters: never drawn
        return None
    maju = round(font.getlength(ch))
    if ch.isspace():
        return _uint(1, kode) + _uint(3, 0) + _uint(4, 0) + _sint(5, 0) + _sint(6, 0) + _uint(7, maju)
    topeng, (kiri, atas) = font.getmask2(ch, mode="L", anchor="ls")
    lebar, tinggi = topeng.size
    gambar = np.asarray(topeng, dtype=np.uint8).reshape(tinggi, lebar) if lebar and tinggi else np.zeros((0, 0), np.uint8)
    isi = np.pad(gambar >= 128, BUFFER)
    luar, dalam = distance_transform_edt(~isi), distance_transform_edt(isi)
    jarak = luar - np.maximum(dalam - 1, 0)  # signed: positive outside the shape
    sdf = np.clip(255 - 255 * (jarak / RADIUS + CUTOFF), 0, 255).astype(np.uint8)
    return _uint(1, kode) + _bytes(2, sdf.tobytes()) + _uint(3, lebar) + _uint(4, tinggi) + _sint(5, kiri) + _sint(6, -atas) + _uint(7, maju)


def rentang(font: ImageFont.FreeTypeFont, nama: str, mulai: int) -> bytes:
    """The PBF of 256 code points from mulai."""
    isi = [g for k in range(mulai, mulai + 256) if (g := glif(font, k)) is not None]
    tumpuk = _bytes(1, nama.encode()) + _bytes(2, f"{mulai}-{mulai + 255}".encode()) + b"".join(_bytes(3, g) for g in isi)
    return _bytes(1, tumpuk)


def huruf_halaman() -> Path:
    """Source Sans, the typeface of the page (Streamlit ships it)."""
    import streamlit

    return Path(glob.glob(os.path.join(os.path.dirname(streamlit.__file__), "static", "static", "media", "SourceSansVF-Upright*.woff2"))[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--font", type=Path, default=None, help="a TTF/OTF/WOFF2 file (default: Source Sans from Streamlit)")
    ap.add_argument("--nama", default="Source Sans SemiBold", help="the fontstack name maps ask for")
    ap.add_argument("--tebal", type=int, default=600, help="weight, for a variable font")
    a = ap.parse_args()
    font = ImageFont.truetype(str(a.font or huruf_halaman()), UKURAN, layout_engine=ImageFont.Layout.BASIC)
    with contextlib.suppress(OSError, AttributeError):  # not a variable font: its one weight
        font.set_variation_by_axes([a.tebal])
    folder = ROOT / "static" / "glyphs" / a.nama
    folder.mkdir(parents=True, exist_ok=True)
    for mulai in RENTANG:
        berkas = folder / f"{mulai}-{mulai + 255}.pbf"
        berkas.write_bytes(rentang(font, a.nama, mulai))
        print(berkas.relative_to(ROOT), berkas.stat().st_size, "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
