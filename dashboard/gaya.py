"""Colours, thresholds and colour scales used by every figure, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from queries.indikator import Ambang
from queries.kinerja import AmbangPetugas

AMBANG = Ambang()
AMBANG_PETUGAS = AmbangPetugas()

# Diverging red-blue (ColorBrewer RdBu): readable for colour-blind viewers and on a washed-out projector.
WARNA_STATUS = {
    "kritis": "#b2182b",
    "tertinggal": "#f4a582",
    "sesuai": "#92c5de",
    "depan": "#2166ac",
    None: "#bdbdbd",
}
WARNA_REALISASI = "#2166ac"
WARNA_RENCANA = "#636363"
WARNA_GARIS_BATAS = "#ffffff"
SKALA_CAPAIAN = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]  # ColorBrewer Blues

# selisih colour axis: values are clipped to +-BATAS_SELISIH; one band below it marks "no target"
BATAS_SELISIH = 30.0
PITA_TANPA = 6.0
TINGGI_PETA = 560
LEBAR_PETA = 520  # the map plot area in its column on a 1600 px screen (less the colour bar)
UKURAN_HURUF = 16


# For a projector: no pale tints (a washed-out image turns them white). Orange/sky-blue/dark-blue from the
# Okabe-Ito set stay apart for red-green colour-blind viewers; red and dark blue differ in hue and in lightness.
WARNA_STATUS_RAPAT = {
    "kritis": "#b2182b",
    "tertinggal": "#e69f00",
    "sesuai": "#56b4e9",
    "depan": "#08306b",
    None: "#8c8c8c",
}


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


LAYAR = Tema()
PONSEL = Tema(huruf=13, tinggi_peta=380, lebar_peta=340, bilah_datar=True)  # a phone about 390 px wide
RAPAT = Tema(huruf=26, warna_status=dict(WARNA_STATUS_RAPAT), garis_batas="#1a1a1a", tebal_garis=2.0, tinggi_peta=560, lebar_peta=900)
LAPORAN = Tema(huruf=22, warna_status=dict(WARNA_STATUS_RAPAT), garis_batas="#1a1a1a", tebal_garis=1.5, tinggi_peta=900, lebar_peta=1000)
# bars in these status colours carry white text, the others black
STATUS_GELAP = ("kritis", "depan")
# meeting mode type sizes (px): key numbers and labels, for the back of a hall on a 1920x1080 projector
HURUF_RAPAT_ANGKA, HURUF_RAPAT_LABEL = 54, 28
WARNA_TEKS = "#212121"


def skala_selisih(ambang: Ambang = AMBANG, warna: dict | None = None) -> tuple[list, float, float]:
    """Stepped diverging colour scale on selisih with bands at the status thresholds.

    Returns (colorscale, zmin, zmax); the band below -BATAS_SELISIH is the grey 'no target' band."""
    w = warna or WARNA_STATUS
    zmin, zmax = -BATAS_SELISIH - PITA_TANPA, BATAS_SELISIH
    batas = [
        (zmin, -BATAS_SELISIH, w[None]),
        (-BATAS_SELISIH, ambang.kritis, w["kritis"]),
        (ambang.kritis, ambang.tertinggal, w["tertinggal"]),
        (ambang.tertinggal, ambang.depan, w["sesuai"]),
        (ambang.depan, zmax, w["depan"]),
    ]
    return _bertangga(batas, zmin, zmax), zmin, zmax


def skala_capaian() -> tuple[list, float, float]:
    """Sequential blues from 0 to 100% with a grey band below 0 for 'no target'."""
    return skala_kontinu(SKALA_CAPAIAN, 0.0, 100.0, 12.0)


WARNA_HASIL = {1: "#2166ac", 2: "#92c5de", 3: "#fdb863", 4: "#d6604d", 5: "#8c8c8c"}
WARNA_BARU = "#1b7837"
SKALA_NAIK = ["#f7fcf5", "#c7e9c0", "#74c476", "#238b45", "#00441b"]  # ColorBrewer Greens
SKALA_PANAS = ["#ffffff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]

# projected finish: days after the area's deadline, clipped; bands for "target reached" and "no pace"
PROYEKSI_MIN, PROYEKSI_MAX = -14.0, 21.0


def skala_proyeksi() -> tuple[list, float, float]:
    """Stepped: reached (dark blue), on time (light blue), up to a week late (orange), later (red), no pace (grey)."""
    zmin, zmax = PROYEKSI_MIN - 7, PROYEKSI_MAX + 7
    batas = [
        (zmin, PROYEKSI_MIN, WARNA_STATUS["depan"]),
        (PROYEKSI_MIN, 0.5, WARNA_STATUS["sesuai"]),
        (0.5, 7.5, WARNA_STATUS["tertinggal"]),
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
