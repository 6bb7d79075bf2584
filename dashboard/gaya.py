"""Colours, thresholds and colour scales used by every figure, in one place."""

from __future__ import annotations

from queries.indikator import Ambang

AMBANG = Ambang()

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


def skala_selisih(ambang: Ambang = AMBANG) -> tuple[list, float, float]:
    """Stepped diverging colour scale on selisih with bands at the status thresholds.

    Returns (colorscale, zmin, zmax); the band below -BATAS_SELISIH is the grey 'no target' band."""
    zmin, zmax = -BATAS_SELISIH - PITA_TANPA, BATAS_SELISIH
    batas = [
        (zmin, -BATAS_SELISIH, WARNA_STATUS[None]),
        (-BATAS_SELISIH, ambang.kritis, WARNA_STATUS["kritis"]),
        (ambang.kritis, ambang.tertinggal, WARNA_STATUS["tertinggal"]),
        (ambang.tertinggal, ambang.depan, WARNA_STATUS["sesuai"]),
        (ambang.depan, zmax, WARNA_STATUS["depan"]),
    ]
    return _bertangga(batas, zmin, zmax), zmin, zmax


def skala_capaian() -> tuple[list, float, float]:
    """Sequential blues from 0 to 100% with a grey band below 0 for 'no target'."""
    zmin, zmax = -12.0, 100.0
    skala = [[0.0, WARNA_STATUS[None]], [12 / 112 - 1e-6, WARNA_STATUS[None]]]
    for i, warna in enumerate(SKALA_CAPAIAN):
        skala.append([12 / 112 + i / (len(SKALA_CAPAIAN) - 1) * 100 / 112, warna])
    skala[-1][0] = 1.0
    return skala, zmin, zmax


def _bertangga(batas: list[tuple[float, float, str]], zmin: float, zmax: float) -> list:
    skala = []
    for lo, hi, warna in batas:
        skala.append([(lo - zmin) / (zmax - zmin), warna])
        skala.append([(hi - zmin) / (zmax - zmin), warna])
    skala[0][0], skala[-1][0] = 0.0, 1.0
    return skala
