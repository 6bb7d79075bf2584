"""The numbers of DESIGN.md as pure functions: rencana, capaian, selisih, status, laju and proyeksi."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

import numpy as np
import pandas as pd

STATUS_URUT = ("kritis", "tertinggal", "sesuai", "depan")


@dataclass(frozen=True)
class Ambang:
    """Status thresholds on selisih, in percentage points (configurable)."""

    depan: float = 5.0  # ahead: selisih >= depan
    tertinggal: float = -5.0  # behind: selisih <= tertinggal
    kritis: float = -15.0  # critical: selisih <= kritis


@dataclass(frozen=True)
class Jadwal:
    """The schedule in force: calendar days mulai..selesai and an optional plan curve."""

    mulai: date
    selesai: date
    rencana: tuple[tuple[date, float], ...] = field(default_factory=tuple)

    @property
    def n_hari(self) -> int:
        return (self.selesai - self.mulai).days + 1

    def hari_ke(self, d: date) -> int:
        """Day k of the schedule at the end of d: 0 before the start, N from the last day on."""
        return min(max((d - self.mulai).days + 1, 0), self.n_hari)

    def sisa_hari(self, d: date) -> int:
        """Campaign days still to come after d."""
        return self.n_hari - self.hari_ke(d)

    def rencana_persen(self, d: date) -> float:
        """Planned cumulative % at the end of d: linear k/N x 100, or the plan points interpolated by day.

        Plan points are dates with cumulative %; before the first point the plan rises linearly from 0
        at the start, after the last point (if below 100) it rises linearly to 100 at this schedule's end."""
        if not self.rencana:
            return self.hari_ke(d) / self.n_hari * 100
        awal = self.mulai - timedelta(days=1)
        titik = [(awal, 0.0), *sorted(p for p in self.rencana if p[0] > awal)]
        if titik[-1][1] < 100 and self.selesai > titik[-1][0]:
            titik.append((self.selesai, 100.0))
        if d <= awal:
            return 0.0
        for (d0, p0), (d1, p1) in pairwise(titik):
            if d0 <= d <= d1:
                return p0 + (p1 - p0) * (d - d0).days / max((d1 - d0).days, 1)
        return titik[-1][1]


@dataclass(frozen=True)
class JadwalKampanye:
    """The campaign schedule plus extensions for some areas; an area follows its nearest listed ancestor."""

    umum: Jadwal
    perpanjangan: dict[str, date] = field(default_factory=dict)  # area code -> extended end date

    def untuk(self, kode: str) -> Jadwal:
        for n in range(len(kode), 0, -1):
            if kode[:n] in self.perpanjangan:
                return Jadwal(self.umum.mulai, self.perpanjangan[kode[:n]], self.umum.rencana)
        return self.umum

    @property
    def selesai_terakhir(self) -> date:
        return max([self.umum.selesai, *self.perpanjangan.values()])


def rencana_harian(mulai: date, persen_per_hari: float) -> tuple[tuple[date, float], ...]:
    """Plan points for a constant daily percentage ("4% per day"), capped at 100."""
    hari = math.ceil(100 / persen_per_hari)
    return tuple((mulai + timedelta(days=k - 1), min(100.0, k * persen_per_hari)) for k in range(1, hari + 1))


def status_dari_selisih(selisih: pd.Series, ambang: Ambang = Ambang()) -> pd.Series:
    """kritis (<= -15), tertinggal (-15..-5], sesuai (-5..+5), depan (>= +5); NaN stays NaN."""
    nilai = selisih.to_numpy(dtype=float)
    hasil = np.select(
        [np.isnan(nilai), nilai <= ambang.kritis, nilai <= ambang.tertinggal, nilai >= ambang.depan],
        [None, "kritis", "tertinggal", "depan"],
        default="sesuai",
    )
    return pd.Series(hasil, index=selisih.index, dtype=object)


def lengkapi(rekap: pd.DataFrame, jadwal: Jadwal | JadwalKampanye, tanggal: date, ambang: Ambang = Ambang()) -> pd.DataFrame:
    """Add capaian, rencana, selisih, status, laju 7 hari, laju perlu and proyeksi to per-area counts.

    rekap has kode, sasaran, selesai (as of tanggal), selesai_1 (day before) and selesai_7 (7 days before).
    With a JadwalKampanye each area is measured against the schedule in force for it."""
    if isinstance(jadwal, JadwalKampanye):
        if rekap.empty:
            return _lengkapi(rekap, jadwal.umum, tanggal, ambang)
        per_baris = [jadwal.untuk(k) for k in rekap["kode"]]
        bagian = [_lengkapi(rekap[[j == jd for j in per_baris]], jd, tanggal, ambang) for jd in dict.fromkeys(per_baris)]
        return pd.concat(bagian).loc[rekap.index]
    return _lengkapi(rekap, jadwal, tanggal, ambang)


def _lengkapi(rekap: pd.DataFrame, jadwal: Jadwal, tanggal: date, ambang: Ambang) -> pd.DataFrame:
    df = rekap.copy()
    sasaran = df["sasaran"].astype(float)
    ada = sasaran > 0
    df["capaian"] = np.where(ada, df["selesai"] / sasaran.where(ada, 1) * 100, np.nan)
    df["capaian_kemarin"] = np.where(ada, df["selesai_1"] / sasaran.where(ada, 1) * 100, np.nan)
    df["capaian_minggu_lalu"] = np.where(ada, df["selesai_7"] / sasaran.where(ada, 1) * 100, np.nan)
    df["naik_1hari"] = df["capaian"] - df["capaian_kemarin"]
    df["naik_7hari"] = df["capaian"] - df["capaian_minggu_lalu"]
    df["tambah_1hari"] = df["selesai"] - df["selesai_1"]
    df["tambah_7hari"] = df["selesai"] - df["selesai_7"]
    df["rencana"] = jadwal.rencana_persen(tanggal)
    df["tenggat"] = jadwal.selesai
    df["selisih"] = df["capaian"] - df["rencana"]
    df["status"] = status_dari_selisih(df["selisih"], ambang)
    jendela = min(7, jadwal.hari_ke(tanggal)) if tanggal <= jadwal.selesai else 7
    df["laju_7hari"] = (df["selesai"] - df["selesai_7"]) / jendela if jendela > 0 else np.nan
    df["sisa"] = np.maximum(df["sasaran"] - df["selesai"], 0)
    sisa_hari = jadwal.sisa_hari(tanggal)
    df["sisa_hari"] = sisa_hari
    df["laju_perlu"] = np.where(df["sisa"] == 0, 0.0, df["sisa"] / sisa_hari if sisa_hari > 0 else np.nan)
    df["proyeksi_selesai"] = [proyeksi(tanggal, s, lj) for s, lj in zip(df["sisa"], df["laju_7hari"], strict=True)]
    df["hari_terlambat"] = [(p - jadwal.selesai).days if p is not None else np.nan for p in df["proyeksi_selesai"]]
    return df


def proyeksi(tanggal: date, sisa: float, laju: float) -> date | None:
    """Date the remaining families are done at this pace; None if already done or the pace is zero."""
    if sisa <= 0 or laju is None or not np.isfinite(laju) or laju <= 0:
        return None
    return tanggal + timedelta(days=math.ceil(sisa / laju))
