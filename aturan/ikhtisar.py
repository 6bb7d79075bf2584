"""An area's overview on a day: its own row and its child areas' rows, each with indicators, status and forecast."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from aturan.ambang import AMBANG
from aturan.indikator import Ambang, JadwalKampanye, lengkapi
from aturan.kalibrasi import RekamJejak
from aturan.proyeksi import Bahan, ramal

Peramal = Callable[[Bahan, pd.DataFrame, JadwalKampanye], pd.DataFrame]  # aturan.proyeksi.ramal, or the pages' cached call of it


@dataclass(frozen=True)
class Ikhtisar:
    """What the overview page, the meeting screen, the daily report and the alerts show of one area on one day."""

    wilayah: pd.Series  # the area itself
    anak: pd.DataFrame  # its child areas, in code order
    rekam_jejak: RekamJejak | None = None  # how the child areas' ranges given 7+ days before have held (aturan.kalibrasi)


def lengkapi_ramalan(rekap: pd.DataFrame, bahan: Bahan, jadwal: JadwalKampanye, tanggal: date, ambang: Ambang = AMBANG, peramal: Peramal = ramal) -> pd.DataFrame:
    """Per-area counts (progres.rekap_*) completed by indikator.lengkapi with the forecast of the same rows: the one
    place where indicators, status and forecast meet, so an area has one answer wherever it is shown."""
    ramalan = peramal(bahan, rekap[["kode", "sasaran", "selesai"]].reset_index(drop=True), jadwal)
    return lengkapi(rekap, jadwal, tanggal, ambang, ramalan.set_axis(rekap.index))


def susun(
    rekap_wilayah: pd.DataFrame, rekap_anak: pd.DataFrame, bahan: Bahan, jadwal: JadwalKampanye, tanggal: date, ambang: Ambang = AMBANG, peramal: Peramal = ramal
) -> Ikhtisar:
    """The overview from the area's own counts (one row), its child areas' counts and the forecast's input."""
    return Ikhtisar(
        lengkapi_ramalan(rekap_wilayah, bahan, jadwal, tanggal, ambang, peramal).iloc[0],
        lengkapi_ramalan(rekap_anak, bahan, jadwal, tanggal, ambang, peramal),
    )
