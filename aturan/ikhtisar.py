"""An area's overview on a day: its own row and its child areas' rows, each with indicators, status and forecast."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
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


def lengkapi_per_hari(per_hari: Mapping[date, pd.DataFrame], ramalan: pd.DataFrame, jadwal: JadwalKampanye, ambang: Ambang = AMBANG) -> dict[date, pd.DataFrame]:
    """lengkapi_ramalan for many days' rows (a page that shows every day) in one indikator.lengkapi call: ramalan
    holds the forecast of every day's rows stacked in day order (aturan.kalibrasi.Riwayat.ramal_hari)."""
    if not per_hari:
        return {}
    hari = list(per_hari)
    n = [len(per_hari[d]) for d in hari]
    hasil = lengkapi(pd.concat([per_hari[d] for d in hari], ignore_index=True), jadwal, np.repeat(np.array(hari, dtype=object), n), ambang, ramalan)
    batas = np.cumsum([0, *n])
    return {d: hasil.iloc[a:b].set_axis(per_hari[d].index) for d, a, b in zip(hari, batas[:-1], batas[1:], strict=True)}


def susun(
    rekap_wilayah: pd.DataFrame, rekap_anak: pd.DataFrame, bahan: Bahan, jadwal: JadwalKampanye, tanggal: date, ambang: Ambang = AMBANG, peramal: Peramal = ramal
) -> Ikhtisar:
    """The overview from the area's own counts (one row), its child areas' counts and the forecast's input."""
    return Ikhtisar(
        lengkapi_ramalan(rekap_wilayah, bahan, jadwal, tanggal, ambang, peramal).iloc[0],
        lengkapi_ramalan(rekap_anak, bahan, jadwal, tanggal, ambang, peramal),
    )
