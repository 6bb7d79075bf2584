"""Map glyphs served by the app: signed-distance-field glyph ranges (MapLibre's PBF format) made from a font file."""

# MapLibre draws map text from glyph files fetched by URL; Plotly's default asks an outside font server for them,
# which a hall without internet cannot reach. This writes the ranges the area names need into static/glyphs/,
# served by the app itself (server.enableStaticServing), in the page's own typeface (Source Sans, shipped with
# Streamlit). Run again after changing the font or the ranges: python scripts/buat_glif.py

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import sys
from pathlib import Path

import numpy as np
from PIL import ImageFont
from scipy.ndimage import distance_transform_edt

ROOT = Path(__file__).resolve().parents[1]
UKURAN, BUFFER, RADIUS, CUTOFF = 24, 3, 8.0, 0.25  # MapLibre's glyph conventions (as node-fontnik makes them)
LIPAT = 8  # the distance field is measured on the glyph drawn this many times larger
ATAS_MAPLIBRE = 24  # glyph tops are stored less this many px (MapLibre draws its own local glyphs with the same offset)
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


def glif(font: ImageFont.FreeTypeFont, besar: ImageFont.FreeTypeFont, kode: int) -> bytes | None:
    """One glyph message (id, SDF bitmap, width, height, left, top, advance), or None when the font lacks it. The
    distance field is measured on the glyph drawn LIPAT times larger (besar), so its edges are smooth, not stepped."""
    ch = chr(kode)
    if kode < 32 or 127 <= kode < 160:  # control characters: never drawn
        return None
    maju = round(font.getlength(ch))
    if ch.isspace():
        return _uint(1, kode) + _uint(3, 0) + _uint(4, 0) + _sint(5, 0) + _sint(6, 0) + _uint(7, maju)
    topeng, (kiri_b, atas_b) = besar.getmask2(ch, mode="L", anchor="ls")
    lebar_b, tinggi_b = topeng.size
    if not (lebar_b and tinggi_b):
        return _uint(1, kode) + _uint(3, 0) + _uint(4, 0) + _sint(5, 0) + _sint(6, 0) + _uint(7, maju)
    kiri, atas = kiri_b // LIPAT, atas_b // LIPAT  # the small bitmap's corner, on the pixel grid at UKURAN
    lebar = -(-(kiri_b + lebar_b) // LIPAT) - kiri
    tinggi = -(-(atas_b + tinggi_b) // LIPAT) - atas
    kanvas = np.zeros(((tinggi + 2 * BUFFER) * LIPAT, (lebar + 2 * BUFFER) * LIPAT), bool)
    y0, x0 = atas_b - atas * LIPAT + BUFFER * LIPAT, kiri_b - kiri * LIPAT + BUFFER * LIPAT
    kanvas[y0 : y0 + tinggi_b, x0 : x0 + lebar_b] = np.asarray(topeng, dtype=np.uint8).reshape(tinggi_b, lebar_b) >= 128
    jarak = (distance_transform_edt(~kanvas) - distance_transform_edt(kanvas)) / LIPAT  # signed, in px at UKURAN: positive outside
    tengah = LIPAT // 2
    jarak = jarak[tengah::LIPAT, tengah::LIPAT]
    sdf = np.clip(255 - 255 * (jarak / RADIUS + CUTOFF), 0, 255).astype(np.uint8)
    # top as MapLibre reads it: the bitmap's top above the baseline, less ATAS_MAPLIBRE (the offset its own glyphs carry)
    return _uint(1, kode) + _bytes(2, sdf.tobytes()) + _uint(3, lebar) + _uint(4, tinggi) + _sint(5, kiri) + _sint(6, -atas - ATAS_MAPLIBRE) + _uint(7, maju)


def rentang(font: ImageFont.FreeTypeFont, besar: ImageFont.FreeTypeFont, nama: str, mulai: int) -> bytes:
    """The PBF of 256 code points from mulai."""
    isi = [g for k in range(mulai, mulai + 256) if (g := glif(font, besar, k)) is not None]
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
    font, besar = (ImageFont.truetype(str(a.font or huruf_halaman()), u, layout_engine=ImageFont.Layout.BASIC) for u in (UKURAN, UKURAN * LIPAT))
    for f in (font, besar):
        with contextlib.suppress(OSError, AttributeError):  # not a variable font: its one weight
            f.set_variation_by_axes([a.tebal])
    folder = ROOT / "static" / "glyphs" / a.nama
    folder.mkdir(parents=True, exist_ok=True)
    for mulai in RENTANG:
        berkas = folder / f"{mulai}-{mulai + 255}.pbf"
        berkas.write_bytes(rentang(font, besar, a.nama, mulai))
        print(berkas.relative_to(ROOT), berkas.stat().st_size, "bytes", file=sys.stderr)
    # each character's advance in em, as MapLibre lays text out from these glyphs: the map's label placement
    # measures a name with it (tampilan.figur.lebar_teks_peta), so a box it keeps inside an area is the drawn one
    maju = {chr(k): round(round(font.getlength(chr(k))) / UKURAN, 4) for m in RENTANG for k in range(m, m + 256) if k >= 32 and not 127 <= k < 160}
    (folder / "maju.json").write_text(json.dumps(maju, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main()
