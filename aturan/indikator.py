"""The numbers of docs/DEFINISI.md as pure functions: rencana, capaian, selisih, status, laju and proyeksi."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

import numpy as np
import pandas as pd

# The contract's statuses, worst first: "most behind" orders by this, then by selisih. None is "tanpa sasaran".
STATUS_URUT = ("lewat", "kritis", "tertinggal", "berisiko", "sesuai", "depan", "tuntas")
PERINGKAT_STATUS = {s: i for i, s in enumerate((*STATUS_URUT, None))}


@dataclass(frozen=True)
class AmbangPeringatan:
    """Alerts (kirim/): data counts as stale after this many hours without an import while the campaign runs."""

    jam_basi: float = 24.0


@dataclass(frozen=True)
class Ambang:
    """Status thresholds on selisih, in percentage points (configurable)."""

    depan: float = 5.0  # ahead: selisih >= depan
    tertinggal: float = -5.0  # behind: selisih <= tertinggal
    kritis: float = -15.0  # critical: selisih <= kritis
    hari_parah: float = 7.0  # a late area (berisiko, lewat tenggat) is severe when projected more than this many days past its deadline, or with no projection


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
        if not self.perpanjangan:  # most campaigns: one schedule for every area (called per area per forecast day)
            return self.umum
        for n in range(len(kode), 0, -1):
            if kode[:n] in self.perpanjangan:
                return Jadwal(self.umum.mulai, self.perpanjangan[kode[:n]], self.umum.rencana)
        return self.umum

    @classmethod
    def dari_tabel(cls, jadwal: pd.DataFrame, rencana: tuple[tuple[date, float], ...] = ()) -> JadwalKampanye:
        """From jadwal rows (mulai, selesai, optional kode_wilayah): the row without an area code is the campaign's
        (else the earliest-ending row), the others extend their area's deadline."""
        kode = jadwal["kode_wilayah"].fillna("").astype(str) if "kode_wilayah" in jadwal else pd.Series("", index=jadwal.index)
        umum = jadwal[kode == ""]
        dasar = (umum if len(umum) else jadwal.sort_values("selesai")).iloc[0]
        return cls(Jadwal(dasar["mulai"], dasar["selesai"], rencana), {k: d for k, d in zip(kode, jadwal["selesai"], strict=True) if k})

    @property
    def selesai_terakhir(self) -> date:
        return max([self.umum.selesai, *self.perpanjangan.values()])


def rencana_harian(mulai: date, persen_per_hari: float) -> tuple[tuple[date, float], ...]:
    """Plan points for a constant daily percentage ("4% per day"), capped at 100."""
    hari = math.ceil(100 / persen_per_hari)
    return tuple((mulai + timedelta(days=k - 1), min(100.0, k * persen_per_hari)) for k in range(1, hari + 1))


def rencana_profil(profil: list[tuple[float, float]], mulai: date, n_hari: int) -> tuple[tuple[date, float], ...]:
    """Plan points for every day of a schedule from a completion profile: (share of the campaign elapsed 0..1,
    cumulative %) points, interpolated at day k / n_hari, never falling, ending at 100 on the last day."""
    if not profil:
        return ()
    x = np.array([0.0, *[p[0] for p in sorted(profil)]])
    y = np.maximum.accumulate(np.clip(np.array([0.0, *[p[1] for p in sorted(profil)]]), 0, 100))
    nilai = np.interp(np.arange(1, n_hari + 1) / n_hari, x, y, right=100.0)
    nilai[-1] = 100.0
    return tuple((mulai + timedelta(days=k), round(float(v), 2)) for k, v in enumerate(nilai))


def profil_dari_tabel(df: pd.DataFrame) -> list[tuple[float, float]]:
    """A previous campaign's profile (columns hari_ke, persen_kumulatif) as (share of its days, %) points.

    Raises ValueError with the reason when a cell is not a number in range."""
    kolom = {k.strip().lower().replace(" ", "_"): k for k in df.columns}
    if not {"hari_ke", "persen_kumulatif"} <= set(kolom):
        raise ValueError("kolom hari_ke dan persen_kumulatif diperlukan")
    hari = pd.to_numeric(df[kolom["hari_ke"]], errors="coerce")
    persen = pd.to_numeric(df[kolom["persen_kumulatif"]], errors="coerce")
    salah = hari.isna() | persen.isna() | ~np.isfinite(hari) | ~np.isfinite(persen) | (hari < 1) | (hari > 1000) | (hari % 1 != 0) | (persen < 0) | (persen > 100)
    if salah.any():
        raise ValueError(f"baris {int(np.argmax(salah.to_numpy())) + 2}: hari_ke harus bilangan bulat 1..1000 dan persen_kumulatif 0..100")
    if hari.empty:
        raise ValueError("profil kosong")
    n = float(hari.max())
    return [(float(h) / n, float(p)) for h, p in zip(hari, persen, strict=True)]


def status_kontrak(selisih, sisa, sasaran_ada, lewat_tenggat, berisiko, ambang: Ambang = Ambang(), index=None) -> pd.Series:
    """The status of docs/DEFINISI.md, first match wins: tanpa sasaran (None), tuntas, lewat tenggat, kritis, tertinggal,
    berisiko, di depan, sesuai jadwal. Arguments are arrays over areas; berisiko is the projection test."""
    selisih = np.asarray(selisih, dtype=float)
    hasil = np.select(
        [
            ~np.asarray(sasaran_ada, dtype=bool),
            np.asarray(sisa) <= 0,
            np.asarray(lewat_tenggat, dtype=bool),
            selisih <= ambang.kritis,
            selisih <= ambang.tertinggal,
            np.asarray(berisiko, dtype=bool),
            selisih >= ambang.depan,
        ],
        [None, "tuntas", "lewat", "kritis", "tertinggal", "berisiko", "depan"],
        default="sesuai",
    )
    return pd.Series(hasil, index=index, dtype=object)


def urut_paling_tertinggal(df: pd.DataFrame) -> pd.DataFrame:
    """'Most behind' first: by status (worst first), then by selisih, then by name; no target last."""
    kunci = df["status"].map(lambda s: PERINGKAT_STATUS.get(s if isinstance(s, str) else None, len(PERINGKAT_STATUS)))
    return df.assign(_urut=kunci).sort_values(["_urut", "selisih", "nama"], kind="stable", na_position="last").drop(columns="_urut")


# Columns of aturan.proyeksi.ramal that lengkapi carries along beside proyeksi_selesai.
# Why an area will be late, from the forecast's own (area, PPL) pairs: the PPL whose own remaining families in
# the area will not be done by the deadline at their pace (how many, families, their combined families per day),
# and the families held by PPL with no pace at all; sebab_id lists those PPL (shown only to roles that see officers).
KOLOM_SEBAB = ("sebab_ppl_lambat", "sebab_keluarga_lambat", "sebab_laju_lambat", "sebab_ppl_diam", "sebab_keluarga_diam")
KOLOM_RAMALAN = (
    "proyeksi_p10",
    "proyeksi_p90",
    "peluang_tepat",
    "rentang_riwayat",
    "sisa_di_tenggat",
    "produktivitas",
    "ppl_hari_tambahan",
    "ppl_sisa",
    *KOLOM_SEBAB,
    "sebab_id",
)
STATUS_TELAT = ("lewat", "berisiko")  # the statuses whose severity (days past the deadline) and cause are shown
STATUS_PERHATIAN = ("lewat", "kritis", "tertinggal", "berisiko")  # what a "needs attention" list holds


def lengkapi(
    rekap: pd.DataFrame, jadwal: Jadwal | JadwalKampanye, tanggal: date | Sequence[date], ambang: Ambang = Ambang(), ramalan: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Add capaian, rencana, selisih, status, laju 7 hari, laju perlu and proyeksi to per-area counts.

    rekap has kode, sasaran, selesai (as of tanggal), selesai_1 (day before) and selesai_7 (7 days before).
    tanggal is one day for every row, or each row's own day (many days' rows completed at once).
    With a JadwalKampanye each area is measured against the schedule in force for it. ramalan is the forecast
    of aturan.proyeksi.ramal for the same rows: its median is proyeksi_selesai and decides berisiko, its range
    and chance come along; the projection at the 7-day pace stays as proyeksi_laju7 (without ramalan it serves)."""
    n = len(rekap)
    per_baris = [jadwal.untuk(k) for k in rekap["kode"]] if isinstance(jadwal, JadwalKampanye) else [jadwal] * n
    hari_baris = [tanggal] * n if isinstance(tanggal, date) else list(tanggal)
    pasang = list(zip(per_baris, hari_baris, strict=True))
    ukuran = {(j, d): (j.rencana_persen(d), j.hari_ke(d), j.sisa_hari(d), j.selesai, (d - j.selesai).days) for j, d in set(pasang)}
    rencana = np.array([ukuran[k][0] for k in pasang], dtype=float)
    hari_ke = np.array([ukuran[k][1] for k in pasang], dtype=float)
    sisa_hari = np.array([ukuran[k][2] for k in pasang], dtype="int64")
    tenggat = [ukuran[k][3] for k in pasang]
    lewat_hari = np.array([ukuran[k][4] for k in pasang], dtype="int64")  # days the row's day is past its deadline
    sudah_lewat = lewat_hari > 0

    sasaran = rekap["sasaran"].to_numpy(dtype=float)
    selesai, selesai_1, selesai_7 = (rekap[k].to_numpy(dtype=float) for k in ("selesai", "selesai_1", "selesai_7"))
    with np.errstate(divide="ignore", invalid="ignore"):
        ada = sasaran > 0
        capaian = np.where(ada, selesai / sasaran * 100, np.nan)
        capaian_1 = np.where(ada, selesai_1 / sasaran * 100, np.nan)
        capaian_7 = np.where(ada, selesai_7 / sasaran * 100, np.nan)
        jendela = np.where(sudah_lewat, 7, np.minimum(7, hari_ke))  # days of the window inside the campaign
        laju = np.where(jendela > 0, (selesai - selesai_7) / jendela, np.nan)
        sisa = np.maximum(rekap["sasaran"].to_numpy() - rekap["selesai"].to_numpy(), 0)
        laju_perlu = np.where(sisa == 0, 0.0, np.where(sisa_hari > 0, sisa / np.maximum(sisa_hari, 1), np.nan))
        hari_lagi = np.where((sisa > 0) & (laju > 0), np.ceil(sisa / np.where(laju > 0, laju, 1)), np.nan)
    selisih = capaian - rencana
    proyeksi_laju7 = [d + timedelta(days=int(h)) if h == h else None for d, h in zip(hari_baris, hari_lagi, strict=True)]
    proyeksi_tgl = proyeksi_laju7 if ramalan is None else list(ramalan["proyeksi_selesai"])
    kolom = {
        "capaian": capaian,
        "capaian_kemarin": capaian_1,
        "capaian_minggu_lalu": capaian_7,
        "naik_1hari": capaian - capaian_1,
        "naik_7hari": capaian - capaian_7,
        "tambah_1hari": rekap["selesai"].to_numpy() - rekap["selesai_1"].to_numpy(),
        "tambah_7hari": rekap["selesai"].to_numpy() - rekap["selesai_7"].to_numpy(),
        "rencana": rencana,
        "tenggat": tenggat,
        "selisih": selisih,
        "laju_7hari": laju,
        "sisa": sisa,
        "sisa_hari": sisa_hari,
        "laju_perlu": laju_perlu,
        "proyeksi_selesai": proyeksi_tgl,
        "proyeksi_laju7": proyeksi_laju7,
        "hari_terlambat": [(p - d).days if p is not None else np.nan for p, d in zip(proyeksi_tgl, tenggat, strict=True)],
        "hari_lewat": np.where(sudah_lewat & (sisa > 0), lewat_hari, 0),  # days past the deadline so far
    }
    tambahan = pd.DataFrame(kolom, index=rekap.index)
    if ramalan is not None:
        for k in KOLOM_RAMALAN:
            tambahan[k] = ramalan[k].to_numpy()
    # berisiko: the projected finish falls after the area's deadline, or no projection while families remain (once
    # the campaign has begun: before its first day there is no pace to measure, and the plan asks for nothing yet)
    telat = np.array([p is not None and p > d for p, d in zip(proyeksi_tgl, tenggat, strict=True)], dtype=bool)
    tanpa_laju = (sisa > 0) & np.array([p is None for p in proyeksi_tgl], dtype=bool) & (hari_ke > 0)
    status = status_kontrak(selisih, sisa, ada, sudah_lewat, telat | tanpa_laju, ambang, rekap.index)
    tambahan.insert(tambahan.columns.get_loc("selisih") + 1, "status", status)
    tambahan["parah"] = status.isin(STATUS_TELAT).to_numpy() & ~(tambahan["hari_terlambat"].to_numpy(dtype=float) <= ambang.hari_parah)
    return pd.concat([rekap.drop(columns=[k for k in tambahan.columns if k in rekap.columns]), tambahan], axis=1)


def proyeksi(tanggal: date, sisa: float, laju: float) -> date | None:
    """Date the remaining families are done at this pace; None if already done or the pace is zero."""
    if sisa <= 0 or laju is None or not np.isfinite(laju) or laju <= 0:
        return None
    return tanggal + timedelta(days=math.ceil(sisa / laju))
