"""Colours, sizes and colour scales used by every figure, in one place (thresholds live in aturan/ambang.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from aturan.indikator import PERINGKAT_STATUS

# One palette for every status on screen, projector, picture and report (a status keeps its colour everywhere).
# Warm colours for the statuses that need action, blue/teal for those that do not. Every colour keeps black
# text at 4.5:1 or more, so area names written on a map or a bar read the same on every status (and on the white
# around it), and no tint is so pale that a washed-out projector turns it white.
HURUF_LAPORAN = "Source Sans Pro, Arial, sans-serif"  # the report's typeface, with fallbacks present on a server
# Names on the report's map, drawn as SVG text by the renderer: a picture cannot use the page's web fonts, so a
# system font that Debian's chromium brings along (fonts-liberation; fontconfig's sans-serif where it is missing),
# bold, measured from the very file fontconfig gives the renderer (figur.lebar_teks_cetak).
HURUF_LABEL_CETAK = "Liberation Sans"
TINGGI_BARIS_CETAK = 1.3  # em between the lines of a plotly SVG text (its LINE_SPACING)
LEBAR_EM_CETAK = 0.72  # em per character when the font cannot be measured: wider than any bold sans letter on average

WARNA_STATUS = {
    "lewat": "#d6336c",
    "kritis": "#e8543f",
    "tertinggal": "#f39c4a",
    "berisiko": "#f7d154",
    "sesuai": "#a6d3ea",
    "depan": "#4a90c2",
    "tuntas": "#66c2a5",
    None: "#d9d9d9",
}
WARNA_REALISASI = "#2166ac"
WARNA_RENCANA = "#636363"
WARNA_GARIS_BATAS = "#ffffff"
SKALA_CAPAIAN = ["#f7fbff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd"]  # ColorBrewer Blues, stopping where black text still reads

# The map's background style: white, no tiles, and map text drawn from glyphs the app serves itself
# (static/glyphs, made by scripts/buat_glif.py from the page's typeface), so a map asks no outside host for fonts.
HURUF_PETA = "Source Sans SemiBold"
FOLDER_GLIF = Path(__file__).resolve().parents[1] / "static" / "glyphs"
GAYA_PETA = "app/static/peta/gaya.json"  # a style address, not a style object: a figure holding an object loses its click selection in Streamlit
TINGGI_PETA = 560
LEBAR_PETA = 520  # the map plot area in its column on a 1600 px screen (less the colour bar)
UKURAN_HURUF = 16


@dataclass(frozen=True)
class Tema:
    """How figures are drawn for one medium: the screen, a projector in a meeting, or the printed report."""

    huruf: int = UKURAN_HURUF
    warna_status: dict = field(default_factory=lambda: dict(WARNA_STATUS))
    garis_batas: str = WARNA_GARIS_BATAS
    tebal_garis: float = 1.2
    tinggi_peta: int = TINGGI_PETA
    lebar_peta: int = LEBAR_PETA
    bilah_datar: bool = False  # colour bar under the map (phones) instead of beside it
    huruf_label: int = 13  # area names written on the map
    lebar_gambar: int | None = None  # the whole map figure (plot and colour bar), where the key of numbered names wraps
    tinggi_gambar: int | None = None  # a wall: the map and the key under it keep this height (figur.muat_label)
    lebar_kunci: int = 0  # px at the map's right kept for the key of numbered names (0: the key goes under the map)


LAYAR = Tema()
PONSEL = Tema(huruf=13, tinggi_peta=380, lebar_peta=340, bilah_datar=True)  # a phone about 390 px wide
LAPORAN = Tema(huruf=22, huruf_label=24, garis_batas="#1a1a1a", tebal_garis=1.5, tinggi_peta=900, lebar_peta=1000)
# meeting mode type sizes (px): key numbers and labels, for the back of a hall on a 1920x1080 projector
HURUF_RAPAT_ANGKA, HURUF_RAPAT_LABEL = 54, 28
# The meeting screen is designed for 1920x1080 and scaled to the screen it is on: by the smaller of the width and
# height ratios, so every projector from 1024x768 to 4K shows the whole view without scrolling. Below PONSEL_MAKS
# px (where the columns stack) it is a phone: larger type for the width, stacked, scrolling.
DESAIN_RAPAT = (1920, 1080)
# Height of what is not a chart (banner, title, figures, subtitles, exit button): a part that scales with the type
# and a part that does not (Streamlit's fixed px), measured in Chromium at 1024x768, 1280x720, 1920x1080 and 3840x2160.
KEPALA_RAPAT_SKALA, KEPALA_RAPAT_TETAP = 390, 104
PONSEL_MAKS = 640


@dataclass(frozen=True)
class TataRapat:
    """The meeting screen laid out for one screen size (CSS px): type, padding, chart and map sizes."""

    lebar: int
    tinggi: int
    skala: float
    ponsel: bool
    tema: Tema
    tinggi_grafik: int  # each chart's height
    lebar_kolom_peta: int  # the map column (the map plus its colour bar)
    lebar_kolom_daftar: int  # the most-behind column beside it

    def px(self, ukuran: float) -> int:
        """A design size (px at 1920x1080) on this screen."""
        return max(9, round(ukuran * self.skala))


def tata_rapat(lebar: int, tinggi: int) -> TataRapat:
    """The meeting layout for a screen of lebar x tinggi CSS px (the browser's reported size, or the design size)."""
    lebar, tinggi = min(max(int(lebar), 280), 8000), min(max(int(tinggi), 300), 5000)
    ponsel = lebar < PONSEL_MAKS
    if ponsel:  # stacked: the map and the list each take the width, the page scrolls
        skala = lebar / 720
        isi = lebar - 2 * round(11 * skala) - 4
        tinggi_grafik = round(min(isi * 1.25, tinggi * 0.8))
        kolom_peta = kolom_daftar = isi
    else:
        skala = min(lebar / DESAIN_RAPAT[0], tinggi / DESAIN_RAPAT[1])
        isi = lebar - 2 * round(20 * skala)
        celah = 64  # the columns' gap ("large"), fixed by Streamlit in CSS px
        kolom_peta = int((isi - celah) * 0.6)
        kolom_daftar = int((isi - celah) * 0.4)
        tinggi_grafik = tinggi - round(KEPALA_RAPAT_SKALA * skala + KEPALA_RAPAT_TETAP)
    huruf = max(12, round(26 * skala))
    bilah = 0 if ponsel else round(64 * skala + 0.6 * 13 * huruf)  # beside the map: the colour bar and its longest label
    tema = Tema(
        huruf=huruf,
        huruf_label=max(12, round(HURUF_RAPAT_LABEL * skala)),  # names on the map as large as the labels around it
        garis_batas="#1a1a1a",
        tebal_garis=max(1.0, round(2.0 * skala, 1)),
        tinggi_peta=tinggi_grafik,
        lebar_peta=max(200, kolom_peta - bilah),
        bilah_datar=ponsel,
        lebar_gambar=kolom_peta,
        tinggi_gambar=None if ponsel else tinggi_grafik,  # a phone's page scrolls: the key adds to it
    )
    return TataRapat(lebar, tinggi, skala, ponsel, tema, tinggi_grafik, kolom_peta, kolom_daftar)


RAPAT_BAWAAN = tata_rapat(*DESAIN_RAPAT)  # before the browser has said its size (and in tests)
WARNA_TEKS = "#212121"
HALO_TEKS = "0 0 1px #ffffff, 0 0 2px #ffffff, 0 0 3px #ffffff, 0 0 4px #ffffff"  # a light halo round dark text, so it reads where a line crosses it
# one PPL's interview points over the desa of their SLS: pale desa, points by what the checks say of them
WARNA_DESA_TITIK = "#e3ecd9"  # a pale green, so the desa read as land behind the points
WARNA_TITIK = {"dalam": "#2166ac", "luar": "#d6336c", "malam": "#6a3d9a", "malam_luar": "#e08214"}
LABEL_SOROT = {"bgcolor": "#ffffff", "bordercolor": "#616161", "font": {"color": WARNA_TEKS}}  # hover boxes: 16:1 on white


# a late status in a lighter tint when the area is at most a week late (aturan Ambang.hari_parah), in full when later
WARNA_TELAT_RINGAN = {"lewat": "#eb94b3", "berisiko": "#fbe9a8"}


def skala_status(warna: dict | None = None) -> tuple[list, float, float]:
    """Stepped scale with one band per status, worst first (z = the status's rank in PERINGKAT_STATUS); the bands
    of the late statuses are split: z just below the rank is severe (full colour), just above it mild (tint)."""
    w = warna or WARNA_STATUS
    batas = []
    for i, s in enumerate(PERINGKAT_STATUS):
        if s in WARNA_TELAT_RINGAN:
            batas += [(i - 0.5, i, w[s]), (i, i + 0.5, WARNA_TELAT_RINGAN[s])]
        else:
            batas.append((i - 0.5, i + 0.5, w[s]))
    n = len(PERINGKAT_STATUS)
    return _bertangga(batas, -0.5, n - 0.5), -0.5, n - 0.5


PITA_CAPAIAN = (0.0, 25.0, 50.0, 75.0, 90.0, 100.0)  # finer near the end, where late-campaign areas differ
CAPAIAN_MIN, CAPAIAN_MAX = -12.0, 105.0  # a grey band below 0 for 'no target', a band above 100 for 'done'


def skala_capaian() -> tuple[list, float, float]:
    """Stepped blues by capaian band (0-25-50-75-90-100%), grey below for 'no target' and the 'tuntas' colour for
    100% and over, so a map late in the campaign still tells 89% from 99% from done."""
    batas = [(CAPAIAN_MIN, 0.0, WARNA_STATUS[None])]
    batas += [(lo, hi, SKALA_CAPAIAN[i]) for i, (lo, hi) in enumerate(pairwise(PITA_CAPAIAN))]
    batas.append((100.0, CAPAIAN_MAX, WARNA_STATUS["tuntas"]))
    return _bertangga(batas, CAPAIAN_MIN, CAPAIAN_MAX), CAPAIAN_MIN, CAPAIAN_MAX


WARNA_HASIL = {1: "#2166ac", 2: "#92c5de", 3: "#fdb863", 4: "#d6604d", 5: "#8c8c8c"}
SKALA_NAIK = ["#f7fcf5", "#c7e9c0", "#a1d99b", "#74c476", "#31a354"]  # ColorBrewer Greens, as above
SKALA_PANAS = ["#ffffff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]

# projected finish: days after the area's deadline, clipped; bands for "target reached" and "no pace"
PROYEKSI_MIN, PROYEKSI_MAX = -14.0, 21.0


def skala_proyeksi() -> tuple[list, float, float]:
    """Stepped: reached (dark blue), on time (light blue), up to a week late (orange), later (red), no pace (grey)."""
    zmin, zmax = PROYEKSI_MIN - 7, PROYEKSI_MAX + 7
    batas = [
        (zmin, PROYEKSI_MIN, WARNA_STATUS["tuntas"]),
        (PROYEKSI_MIN, 0.5, WARNA_STATUS["sesuai"]),
        (0.5, 7.5, WARNA_STATUS["berisiko"]),
        (7.5, PROYEKSI_MAX, WARNA_STATUS["kritis"]),
        (PROYEKSI_MAX, zmax, WARNA_STATUS[None]),
    ]
    return _bertangga(batas, zmin, zmax), zmin, zmax


def skala_kontinu(warna: list[str], zmin: float, zmax: float, pita_tanpa: float) -> tuple[list, float, float]:
    """A sequential scale from zmin to zmax with a grey 'no target' band of width pita_tanpa below it."""
    bawah = zmin - pita_tanpa
    rentang = zmax - bawah
    skala = [[0.0, WARNA_STATUS[None]], [pita_tanpa / rentang - 1e-6, WARNA_STATUS[None]]]
    skala += [[(pita_tanpa + i / (len(warna) - 1) * (zmax - zmin)) / rentang, w] for i, w in enumerate(warna)]
    skala[-1][0] = 1.0
    return skala, bawah, zmax


def _bertangga(batas: list[tuple[float, float, str]], zmin: float, zmax: float) -> list:
    skala = []
    for lo, hi, warna in batas:
        skala.append([(lo - zmin) / (zmax - zmin), warna])
        skala.append([(hi - zmin) / (zmax - zmin), warna])
    skala[0][0], skala[-1][0] = 0.0, 1.0
    return skala
