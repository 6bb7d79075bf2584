"""Colours, thresholds and colour scales used by every figure, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from queries.indikator import PERINGKAT_STATUS, Ambang
from queries.kinerja import AmbangPetugas

AMBANG = Ambang()
AMBANG_PETUGAS = AmbangPetugas()

# One palette for every status on screen, projector, picture and report (a status keeps its colour everywhere).
# Warm colours for the statuses that need action, blue/teal for those that do not. Every colour keeps black
# text at 4.5:1 or more, so area names written on a map or a bar read the same on every status (and on the white
# around it), and no tint is so pale that a washed-out projector turns it white.
HURUF_LAPORAN = "Source Sans Pro, Arial, sans-serif"  # the report's typeface, with fallbacks present on a server

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


LAYAR = Tema()
PONSEL = Tema(huruf=13, tinggi_peta=380, lebar_peta=340, bilah_datar=True)  # a phone about 390 px wide
RAPAT = Tema(huruf=26, huruf_label=18, garis_batas="#1a1a1a", tebal_garis=2.0, tinggi_peta=560, lebar_peta=900)
LAPORAN = Tema(huruf=22, huruf_label=16, garis_batas="#1a1a1a", tebal_garis=1.5, tinggi_peta=900, lebar_peta=1000)
# meeting mode type sizes (px): key numbers and labels, for the back of a hall on a 1920x1080 projector
HURUF_RAPAT_ANGKA, HURUF_RAPAT_LABEL = 54, 28
WARNA_TEKS = "#212121"


def skala_status(warna: dict | None = None) -> tuple[list, float, float]:
    """Stepped scale with one band per status, worst first (z = the status's rank in PERINGKAT_STATUS)."""
    w = warna or WARNA_STATUS
    urut = list(PERINGKAT_STATUS)
    return _bertangga([(i - 0.5, i + 0.5, w[s]) for i, s in enumerate(urut)], -0.5, len(urut) - 0.5), -0.5, len(urut) - 0.5


def skala_capaian() -> tuple[list, float, float]:
    """Sequential blues from 0 to 100% with a grey band below 0 for 'no target'."""
    return skala_kontinu(SKALA_CAPAIAN, 0.0, 100.0, 12.0)


WARNA_HASIL = {1: "#2166ac", 2: "#92c5de", 3: "#fdb863", 4: "#d6604d", 5: "#8c8c8c"}
WARNA_BARU = "#1b7837"
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
