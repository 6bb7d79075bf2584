"""The forecast's own history in the running campaign: its past errors per level (which set today's ranges) and its track record."""

# Every day d of the campaign, the forecast (aturan.proyeksi.ramal) is made for every kecamatan and desa of a
# kabupaten. A forecast made on day o for an area said it would take D_o more days. By day d (at least LAG days
# later) the area has either finished, on day F, or it has not and today's forecast says it will on d + D_d. The
# error of the forecast of day o is log((F or d + D_d) - o) - log(D_o): how many times longer it took, or now
# looks like taking. On day d each level's errors of the forecasts made on days d - LAG - 13 .. d - LAG (from
# the fifth day of data on: the first days' paces are noise) form its Sebaran, and an area's 80% range is its
# median stretched by those errors' 10% and 90% points. A kecamatan's range therefore comes from kecamatan
# errors, so a flood that hits all its desa at once widens it, however many desa it has. An area that stopped
# (no forecast today) counts as finishing tomorrow: the least its error can be (counting it as the largest
# error made every range after the deadline 20 times its median, where the demo's last desa never finish).
# Nothing of day d's range uses a count after day d.
#
# Only kecamatan and desa are calibrated, each kabupaten's from its own history. A kabupaten, a province or the
# nation keeps the wide prior: one kabupaten gives one error a day, too few to measure, and pooling kabupaten
# would give a kabupaten one range on its own page and another on its province's. It also keeps the cost per
# import to one kabupaten's history however large the campaign.
#
# Chosen by backtest (scripts/uji_mundur.py) on the demo and kampanye_lain, among: the families done against the
# families forecast over the next 5-7 days (too narrow: an area's finish is its slowest officers', which a
# family count does not see), and the finish errors above with lags of 3, 5 and 7 days, windows of 7, 14 and
# all days, and from the first, fifth or seventh day of data. Judged on kampanye_lain.banjir and .mogok, held
# out (README "Forecast", with where it falls short there).

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from aturan.indikator import Jadwal, JadwalKampanye
from aturan.proyeksi import Bahan, ParameterProyeksi, Sebaran, ramal, terapkan_sebaran

TINGKAT = (7, 10)  # the levels whose ranges come from their own errors, each kabupaten's apart: kecamatan and desa
LINGKUP = 4  # a history is a kabupaten's (aturan.proyeksi.lingkup of its kecamatan and desa)
JENDELA_ASAL = 14  # origin days whose errors set a day's spread
LAG = 5  # a forecast is judged from this many days after it was made
HARI_DATA_MIN = 5  # forecasts made with fewer days of data are not judged (their paces are noise)
UMUR_REKAM = 7  # the track record judges the ranges given at least this many days before
BATAS_LOG = math.log(20)  # an error counts at most 20 times too long or too short


@dataclass(frozen=True)
class RekamJejak:
    """How the 80% ranges given at least UMUR_REKAM days before a day have held by then, at one level."""

    dinilai: int  # (area, day given) ranges whose outcome is known: finished, or not finished by the range's end
    tepat: int  # of those, finished within the range
    n_area: int  # areas among them

    @property
    def persen(self) -> float | None:
        return self.tepat / self.dinilai * 100 if self.dinilai else None


@dataclass(frozen=True)
class Riwayat:
    """The forecast of every kecamatan and desa of a kabupaten on every day up to the last, with the spread each day used."""

    hari: tuple[date, ...]
    kode: pd.Index  # the areas: the kabupaten's kecamatan and desa
    sasaran: np.ndarray
    kum: np.ndarray  # families done as of each day (areas x days)
    ramalan: dict[date, pd.DataFrame]  # ramal's output per day, indexed by kode
    sebaran: dict[date, dict[int, Sebaran]]  # per day, per code length
    bahan: Mapping[date, Bahan]  # what the forecast read on each day
    tumpuk: pd.DataFrame  # every day's forecast rows stacked in day order (day j's area i at row j x areas + i)

    def sebaran_hari(self, tanggal: date) -> dict[int, Sebaran]:
        """The spread per level in force on tanggal (none before the history begins: the prior)."""
        return self.sebaran.get(tanggal, {})

    def ramal(self, bahan: Bahan, area: pd.DataFrame, jadwal: Jadwal | JadwalKampanye) -> pd.DataFrame:
        """aturan.proyeksi.ramal with the spread in force on the day of bahan: the history's own rows where it holds
        every area with the same count that day (a page forecasting every day reads them, not reruns them)."""
        baris = self.ramal_hari({bahan.tanggal: area}) if len(area) else None
        return baris if baris is not None else ramal(bahan, area, jadwal, sebaran=self.sebaran_hari(bahan.tanggal))

    def ramal_hari(self, per_hari: Mapping[date, pd.DataFrame]) -> pd.DataFrame | None:
        """The history's forecast rows of many days' areas (kode, sasaran, selesai per day), stacked in day order, in
        one lookup; None unless every day and area is in the history with the same counts."""
        if not per_hari or any(d not in self.ramalan for d in per_hari):
            return None
        posisi = []
        for d, area in per_hari.items():
            p = self.kode.get_indexer(area["kode"].astype(str))
            j = self.hari.index(d)
            if (p < 0).any() or (self.kum[p, j] != area["selesai"].to_numpy()).any() or (self.sasaran[p] != area["sasaran"].to_numpy()).any():
                return None
            posisi.append(j * len(self.kode) + p)
        return self.tumpuk.iloc[np.concatenate(posisi)].reset_index(drop=True)

    def rekam_jejak(self, tanggal: date, panjang: int, lag: int = UMUR_REKAM) -> RekamJejak:
        """Ranges given for areas of this code length on a day up to tanggal - lag, judged with the counts up to tanggal:
        a range held if the area reached its target within it; it missed if it finished before the range, or had
        not finished by the range's end. Ranges whose outcome is still open are not counted."""
        if tanggal not in self.ramalan:
            return RekamJejak(0, 0, 0)
        akhir = self.hari.index(tanggal)
        baris = np.flatnonzero(np.array([len(k) for k in self.kode]) == panjang)
        sampai = self.kum[baris, : akhir + 1] >= self.sasaran[baris, None]
        tuntas = sampai.any(axis=1) & (self.sasaran[baris] > 0)
        hari_tuntas = np.where(tuntas, np.argmax(sampai, axis=1), -1)  # day index of the finish, within the history
        dinilai = tepat = 0
        area: set[int] = set()
        for j in range(akhir - lag + 1):
            r = self.ramalan[self.hari[j]].iloc[baris]
            ada = r["proyeksi_p10"].notna().to_numpy()
            if not ada.any():
                continue
            p10 = np.array([(d - self.hari[0]).days if d is not None else -1 for d in r["proyeksi_p10"]])
            p90 = np.array([(d - self.hari[0]).days if d is not None else -1 for d in r["proyeksi_p90"]])
            tahu = ada & (tuntas | (p90 <= akhir))  # finished, or the range's end has passed without it
            masuk = tahu & tuntas & (hari_tuntas >= p10) & (hari_tuntas <= p90)
            dinilai += int(tahu.sum())
            tepat += int(masuk.sum())
            area.update(np.flatnonzero(tahu).tolist())
        return RekamJejak(dinilai, tepat, len(area))


def galat(median: np.ndarray, tuntas: np.ndarray, j: int, j_asal: np.ndarray) -> np.ndarray:
    """The log errors on day index j of the forecasts made on days j_asal (median: days x areas of the median's days
    left, NaN without one; tuntas: areas' finish day index or -1), one row per origin; NaN where nothing is judged."""
    d_asal = median[j_asal]  # origins x areas
    selesai = (tuntas >= 0) & (tuntas <= j)
    akhir = np.where(selesai, tuntas, j + median[j])  # finished, or today's median
    akhir = np.where(np.isnan(akhir), j + 1, akhir)  # stopped (no forecast today): at least one day more than today
    with np.errstate(divide="ignore", invalid="ignore"):
        nilai = np.clip(np.log((akhir[None, :] - j_asal[:, None]) / d_asal), -BATAS_LOG, BATAS_LOG)
    belum = ~((tuntas >= 0)[None, :] & (tuntas[None, :] <= j_asal[:, None]))  # not finished when the forecast was made
    return np.where(~np.isnan(d_asal) & (d_asal > 0) & belum, nilai, np.nan)


def sebaran_hari(median: np.ndarray, tuntas: np.ndarray, panjang: np.ndarray, j: int) -> dict[int, Sebaran]:
    """Per code length, the Sebaran in force on day index j: the errors of the forecasts made on day indices
    max(j - LAG - JENDELA_ASAL + 1, HARI_DATA_MIN - 1) .. j - LAG."""
    j_asal = np.arange(max(j - LAG - JENDELA_ASAL + 1, HARI_DATA_MIN - 1), j - LAG + 1)
    nilai = galat(median, tuntas, j, j_asal) if len(j_asal) else np.zeros((0, len(panjang)))
    hasil = {}
    for pj in sorted(set(panjang.tolist())):
        bagian = nilai[:, panjang == pj]
        ada = ~np.isnan(bagian)
        hasil[pj] = Sebaran(np.sort(bagian[ada]), int(ada.any(axis=1).sum()))
    return hasil


def riwayat_ramalan(
    bahan_hari: Mapping[date, Bahan],
    area: pd.DataFrame,
    kum: np.ndarray,
    jadwal: Jadwal | JadwalKampanye,
    param: ParameterProyeksi = ParameterProyeksi(),
) -> Riwayat:
    """The forecast of the areas (kode, sasaran; every level of a scope) on every day of bahan_hari (consecutive days,
    in order), each day with the spread of its own past errors; kum holds the areas' families done as of each day."""
    hari = tuple(sorted(bahan_hari))
    kode = pd.Index(area["kode"].astype(str))
    sasaran = area["sasaran"].to_numpy(dtype=float)
    panjang = np.array([len(k) for k in kode])
    sampai = (kum >= sasaran[:, None]) & (sasaran[:, None] > 0)
    tuntas = np.where(sampai.any(axis=1), np.argmax(sampai, axis=1), -1)
    median = np.full((len(hari), len(kode)), np.nan)
    ramalan, sebaran = {}, {}
    for j, d in enumerate(hari):
        hasil = ramal(bahan_hari[d], pd.DataFrame({"kode": kode, "sasaran": sasaran, "selesai": kum[:, j]}), jadwal, param)
        median[j] = [(x - d).days if x is not None else np.nan for x in hasil["proyeksi_selesai"]]
        sebaran[d] = sebaran_hari(median, tuntas, panjang, j)  # today's median is part of today's errors, not its range
        terapkan_sebaran(hasil, list(kode), d, jadwal, sebaran[d])
        ramalan[d] = hasil.set_axis(kode)
    tumpuk = pd.concat([ramalan[d] for d in hari], ignore_index=True) if hari else pd.DataFrame()
    return Riwayat(hari, kode, sasaran, kum, ramalan, sebaran, dict(bahan_hari), tumpuk)
