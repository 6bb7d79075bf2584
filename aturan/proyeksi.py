"""Proyeksi selesai: the forecast model (median, 80% range, chance by the deadline) from each PPL's own pace, and where help is needed."""

# The method (chosen by backtest, scripts/uji_mundur.py; README "Forecast"):
# - Each PPL works off their remaining families at their own pace of the last 14 days (families per average
#   working day, counted from their first day with a family if that lies inside the window; the weekday
#   rhythm is learned from the campaign's own daily totals, and a day on which the whole campaign stopped weighs
#   nothing in the window: ritme_kampanye). A PPL's remaining families
#   are those of their SLS not yet done, plus the share of new families found in the field so far (learned from
#   the SLS already done).
# - An area's projected count on a future day is its count today plus every PPL's projected work in it; the
#   median finish is the first day that count reaches the area's target. An area finishes when its slowest
#   officers do, which is why the last families of an area take longer than the average one.
# - The 80% range and the chance of finishing by the deadline come from the campaign's own past errors at the
#   area's level (Sebaran, set by aturan.kalibrasi: how much longer or shorter than forecast areas of that level actually
#   took, in this campaign, the last two weeks). Until a level has enough history, a deliberately wide prior
#   treats the remaining days as log-normal around the median, wider for areas with fewer officers left and when
#   fewer days of data exist.

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy.special import ndtr

from aturan.indikator import KOLOM_SEBAB, Jadwal, JadwalKampanye

Z80 = 1.2815515655446004


@dataclass(frozen=True)
class ParameterProyeksi:
    """The forecast's settings (chosen by backtest on the demo and the second campaign)."""

    jendela: int = 14  # days of each PPL's pace
    sigma_dasar: float = 0.12  # the prior (no history yet): spread of log(remaining days) for an area with many officers left
    sigma_ppl: float = 0.30  # plus this over sqrt(officers with families left); twice what fitted our own generators
    horizon: int = 366  # days ahead searched; beyond this there is no projection


@dataclass(frozen=True)
class Sebaran:
    """How long areas of one level took against their forecast, in this campaign: the sorted log ratios of the days
    an area actually took (or, not finished yet, now is forecast to take) over the days its forecast gave, for the
    forecasts of the last two weeks made at least 5 days before (aturan.kalibrasi).
    The 80% range is the median stretched by the ratios' conformal 10% and 90% points (the median itself always
    inside), the chance on time is the share of ratios that would still finish by the deadline."""

    skor: np.ndarray  # sorted log(actual / forecast remaining days)
    n_asal: int = 0  # origin days the ratios come from

    MIN_SKOR = 10  # fewer ratios than this at a level: too little history, the wide prior serves (a kabupaten alone has one a day)

    @property
    def cukup(self) -> bool:
        return len(self.skor) >= self.MIN_SKOR

    def batas(self) -> tuple[float, float]:
        """The conformal 10% and 90% points of the log ratios (rank floor((n+1)/10) and ceil(9(n+1)/10)), clamped
        around 0 so the range always holds the median."""
        n = len(self.skor)
        bawah, atas = max(math.floor((n + 1) * 0.1), 1), min(math.ceil((n + 1) * 0.9), n)
        return min(float(self.skor[bawah - 1]), 0.0), max(float(self.skor[atas - 1]), 0.0)

    def peluang(self, log_rasio: np.ndarray) -> np.ndarray:
        """Share of past ratios at most log_rasio (the log of the days left to the deadline over the median's days)."""
        return np.searchsorted(self.skor, log_rasio, side="right") / len(self.skor)


@dataclass(frozen=True)
class Bahan:
    """What the forecast reads as of one day: per SLS its target, PPL and counts, and the campaign's weekday rhythm."""

    tanggal: date
    sls: pd.DataFrame  # kode_sls, id_ppl, sasaran, selesai (as of tanggal), selesai_awal (end of the window's first day - 1)
    ppl: pd.DataFrame  # id_ppl, kerja (families done in the window by this PPL, wherever they were), optional pertama (their first day with a family)
    faktor_minggu: tuple[float, ...]  # Monday..Sunday, mean 1
    mulai: date
    berhenti: frozenset[date] = frozenset()  # days on which the whole campaign stopped (ritme_kampanye): no weight in the pace window


def lingkup(kode: str) -> str:
    """The area whose officers a forecast reads: the kabupaten of a kecamatan or desa (a PPL's pace counts all
    their work there), else the area itself. Every view of an area reads the same scope, so one area has one answer."""
    return kode[:4] if len(kode) > 4 else kode


BERHENTI_NISBAH = 0.2  # a working weekday with less than this share of the families its neighbours suggest: the campaign stopped
BERHENTI_TETANGGA = 7  # days either side whose level sets what a day would have brought
HARI_KERJA_FAKTOR = 0.5  # a weekday whose factor is at least this usually works (a light Sunday does not)
BERHENTI_MIN_HARAPAN = 20  # a day expected to bring fewer families than this is too small to tell a stop from chance


def ritme_kampanye(harian: pd.DataFrame, sampai: date) -> tuple[tuple[float, ...], frozenset[date]]:
    """The campaign's rhythm learned from its daily first submissions (tanggal, selesai_hari) up to sampai: the
    weekday factors (Monday..Sunday, mean 1; ones until two full weeks of data exist) and the days on which the
    whole campaign stopped (a holiday, an election day): a weekday that usually works, on which fewer than a fifth
    of the families came in that its weekday and the working days around it suggest (the lower of the levels of
    the week before and the week after, so it is known the next working day). Stop days are left out of
    the rhythm and weigh nothing in a PPL's pace window (nobody could work); days ahead keep their weekday weight."""
    seri = harian.set_index("tanggal")["selesai_hari"].astype(float)
    if seri.empty:
        return (1.0,) * 7, frozenset()
    hari = pd.date_range(seri.index.min(), sampai, freq="D").date
    x = seri.reindex(hari, fill_value=0.0).to_numpy()
    if len(x) < 14:
        return (1.0,) * 7, frozenset()
    hari_minggu = np.array([d.weekday() for d in hari])
    f = _faktor(x, hari_minggu, np.zeros(len(x), dtype=bool))
    berhenti, harapan = _berhenti(x, f[hari_minggu])
    if berhenti.any():  # the rhythm again without them, their days filled with what they would have brought
        sebelum, sesudah = _tingkat(x, f[hari_minggu], berhenti)
        with np.errstate(invalid="ignore"):
            isi = f[hari_minggu] * np.nanmean(np.vstack([sebelum, sesudah]), axis=0)
        x = np.where(berhenti, np.where(np.isfinite(isi), isi, harapan), x)
        f = _faktor(x, hari_minggu, berhenti)
    return tuple(float(v) for v in f), frozenset(d for d, b in zip(hari, berhenti, strict=True) if b)


def _faktor(x: np.ndarray, hari_minggu: np.ndarray, lewati: np.ndarray) -> np.ndarray:
    """Each weekday's mean ratio to the centred 7-day mean, mean 1; days in lewati give no ratio (the caller fills
    their value with what their weekday and neighbours suggest, for the means around them)."""
    rata = np.convolve(x, np.ones(7) / 7, mode="valid")  # centred mean of days t-3..t+3, for t = 3..n-4
    tengah, hm, skip = x[3 : len(x) - 3], hari_minggu[3 : len(x) - 3], lewati[3 : len(x) - 3]
    with np.errstate(divide="ignore", invalid="ignore"):
        nisbah = np.where((rata > 0) & ~skip, tengah / rata, np.nan)
    f = np.array([np.nanmean(nisbah[hm == k]) if np.isfinite(nisbah[hm == k]).any() else 1.0 for k in range(7)])
    return f / f.mean() if f.mean() > 0 else np.ones(7)


def _tingkat(x: np.ndarray, f_hari: np.ndarray, lewati: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per day, the median weekday-adjusted level of the working days before it and of those after it (up to
    BERHENTI_TETANGGA each side, days in lewati left out); nan on a side without such a day."""
    n, r = len(x), BERHENTI_TETANGGA
    kerja = (f_hari >= HARI_KERJA_FAKTOR) & ~lewati
    with np.errstate(divide="ignore", invalid="ignore"):
        nilai = np.where(kerja, x / f_hari, np.nan)
    pad = np.concatenate([np.full(r, np.nan), nilai, np.full(r, np.nan)])
    jendela = np.lib.stride_tricks.sliding_window_view(pad, 2 * r + 1)[:n]
    hasil = []
    for sisi in (jendela[:, :r], jendela[:, r + 1 :]):
        ada = np.isfinite(sisi).any(axis=1)
        with np.errstate(all="ignore"):
            hasil.append(np.where(ada, np.nanmedian(np.where(ada[:, None], sisi, 0.0), axis=1), np.nan))
    return hasil[0], hasil[1]


def _berhenti(x: np.ndarray, f_hari: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Working weekdays with less than BERHENTI_NISBAH of what their weekday and the lower of the levels before and
    after them suggest (so the quiet end of a campaign, with little left to do, is not a stop; a stop is known
    once a working day after it is), and that expectation per day."""
    sebelum, sesudah = _tingkat(x, f_hari, np.zeros(len(x), dtype=bool))
    harapan = f_hari * np.minimum(sebelum, sesudah)  # what the day would have brought (nan without a side)
    with np.errstate(invalid="ignore"):
        return (f_hari >= HARI_KERJA_FAKTOR) & np.isfinite(harapan) & (harapan >= BERHENTI_MIN_HARAPAN) & (x < BERHENTI_NISBAH * harapan), harapan


def _bobot_hari(faktor: tuple[float, ...], dari: date, n: int) -> np.ndarray:
    """Weekday weight of each of the n days from dari on."""
    w0 = dari.weekday()
    return np.array([faktor[(w0 + i) % 7] for i in range(n)])


@dataclass(frozen=True)
class BebanKerja:
    """What each PPL holds and how fast they go, as the forecast reads it (arrays follow the rows of bahan.sls)."""

    sisa_sls: np.ndarray  # families left per SLS, the share of new families found in the field included
    baru_jendela: np.ndarray  # families done per SLS in the pace window
    ppl: np.ndarray  # the PPL of each SLS, as a position in daftar_ppl
    daftar_ppl: pd.Index
    sisa_ppl: np.ndarray  # families left per PPL
    laju_ppl: np.ndarray  # families per weighted working day of each PPL (0: no pace)
    w_jendela: float  # weighted working days in the pace window
    w_depan: np.ndarray  # weighted working days elapsed by each day ahead (day 1 first)
    produktivitas_kab: dict[str, float]  # families per active PPL per working day in the window, per kabupaten


def beban_kerja(bahan: Bahan, param: ParameterProyeksi = ParameterProyeksi()) -> BebanKerja:
    """Each PPL's remaining families and pace as of bahan.tanggal: the forecast's input, shared with the
    reallocation plan so that a plan and its "after" forecast count the same families at the same paces."""
    tgl, p = bahan.tanggal, param
    awal_jendela = max(tgl - timedelta(days=p.jendela - 1), bahan.mulai)
    hari_jendela = max((tgl - awal_jendela).days + 1, 0)
    bobot_jendela = _bobot_hari(bahan.faktor_minggu, awal_jendela, hari_jendela)
    for d in bahan.berhenti:  # nobody could work on a stop day
        if 0 <= (d - awal_jendela).days < hari_jendela:
            bobot_jendela[(d - awal_jendela).days] = 0.0
    w_jendela = float(bobot_jendela.sum())
    w_depan = np.cumsum(_bobot_hari(bahan.faktor_minggu, tgl + timedelta(days=1), p.horizon))
    sls = bahan.sls
    selesai_sls = sls["selesai"].to_numpy(dtype=float)
    sasaran_sls = sls["sasaran"].to_numpy(dtype=float)
    # new families found per prelist family in the SLS already done, per kabupaten (the same whatever the scope)
    tuntas = (selesai_sls >= sasaran_sls) & (sasaran_sls > 0)
    kab, daftar_kab = pd.factorize(sls["kode_sls"].str[:4])
    lebih, dasar = np.bincount(kab, (selesai_sls - sasaran_sls) * tuntas), np.bincount(kab, sasaran_sls * tuntas)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = np.where(dasar > 0, lebih / dasar, 0.0)[kab] if len(kab) else np.zeros(0)
    sisa_sls = np.maximum(sasaran_sls * (1 + rho) - selesai_sls, 0.0)
    ppl, daftar_ppl = pd.factorize(sls["id_ppl"])
    sisa_ppl = np.bincount(ppl, sisa_sls, minlength=len(daftar_ppl))
    kerja = bahan.ppl.set_index("id_ppl")["kerja"].reindex(daftar_ppl, fill_value=0).to_numpy(dtype=float)
    w_ppl = np.full(len(daftar_ppl), w_jendela)
    if "pertama" in bahan.ppl and hari_jendela:  # an officer who started inside the window is paced over the days since
        w_sisa = np.cumsum(bobot_jendela[::-1])[::-1]  # weight of day k .. tgl
        pertama = pd.to_datetime(bahan.ppl.set_index("id_ppl")["pertama"].reindex(daftar_ppl)).to_numpy(dtype="datetime64[D]")
        k = (pertama - np.datetime64(awal_jendela, "D")).astype("int64")
        w_ppl = np.where(np.isnat(pertama) | (k <= 0), w_jendela, np.where(k < hari_jendela, w_sisa[np.clip(k, 0, hari_jendela - 1)], 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        laju_ppl = np.where(w_ppl > 0, kerja / w_ppl, 0.0)
    baru = (selesai_sls - sls["selesai_awal"].to_numpy(dtype=float)).clip(min=0)
    # a kabupaten's productivity: its window's families over its PPL who worked there in the window
    n_ppl = max(len(daftar_ppl), 1)
    pasang, balik = np.unique(kab * n_ppl + ppl, return_inverse=True)
    aktif = np.bincount(pasang // n_ppl, np.bincount(balik, baru) > 0, minlength=len(daftar_kab))
    jumlah = np.bincount(kab, baru, minlength=len(daftar_kab))
    produktivitas_kab = {str(k): float(j / (a * w_jendela)) for k, j, a in zip(daftar_kab, jumlah, aktif, strict=True) if a > 0 and j > 0 and w_jendela > 0}
    return BebanKerja(sisa_sls, baru, ppl, daftar_ppl, sisa_ppl, laju_ppl, w_jendela, w_depan, produktivitas_kab)


def ramal(
    bahan: Bahan, area: pd.DataFrame, jadwal: Jadwal | JadwalKampanye, param: ParameterProyeksi = ParameterProyeksi(), sebaran: Mapping[int, Sebaran] | None = None
) -> pd.DataFrame:
    """The forecast for each area (kode, sasaran, selesai as of bahan.tanggal; areas under the scope bahan was read for).

    sebaran holds, per code length, the campaign's own past errors at that level (aturan.kalibrasi); a level
    without enough of them gets the wide prior (rentang_riwayat False).

    Returns, indexed like area: proyeksi_selesai (median date), proyeksi_p10, proyeksi_p90, peluang_tepat (chance
    of reaching the target by the area's deadline, 0..1), sisa_di_tenggat (families the median leaves undone at the
    deadline), produktivitas (the area's families per PPL per working day in the pace window), ppl_hari_tambahan
    (extra PPL-days at that productivity to finish by the deadline), ppl_sisa (officers with families left) and
    rentang_riwayat (the range came from this campaign's own errors).
    A finished area, or one with no target, has no projection; one with no pace left has none either (None dates)."""
    tgl, p = bahan.tanggal, param
    n = len(area)
    hasil = pd.DataFrame(  # every area without a projection until _isi fills in the ones that have one
        {
            "proyeksi_selesai": [None] * n,
            "proyeksi_p10": [None] * n,
            "proyeksi_p90": [None] * n,
            "peluang_tepat": np.full(n, np.nan),
            "sisa_di_tenggat": np.zeros(n),
            "produktivitas": np.full(n, np.nan),
            "ppl_hari_tambahan": np.zeros(n),
            "ppl_sisa": np.zeros(n, dtype="int64"),
            **{k: np.zeros(n) for k in KOLOM_SEBAB},
            "sebab_id": [()] * n,
            "rentang_riwayat": np.zeros(n, dtype=bool),
        },
        index=area.index,
    )
    if n == 0:
        return hasil
    bk = beban_kerja(bahan, p)
    sls, w_jendela, w_depan = bahan.sls, bk.w_jendela, bk.w_depan
    sisa_sls, ppl, daftar_ppl = bk.sisa_sls, bk.ppl, bk.daftar_ppl
    with np.errstate(divide="ignore", invalid="ignore"):
        u_ppl = np.where(bk.laju_ppl > 0, bk.sisa_ppl / bk.laju_ppl, np.inf)  # weighted days each PPL needs for all their remaining families
    baru_jendela = bk.baru_jendela

    # (area, PPL) pairs: the SLS of each area grouped by their PPL (areas of several code lengths each get theirs)
    posisi = pd.Index(area["kode"].astype(str))
    n_ppl = max(len(daftar_ppl), 1)
    kunci = []
    for pj in sorted({len(k) for k in posisi}):
        cocok = posisi.get_indexer(sls["kode_sls"].str[:pj]) if pj else np.full(len(sls), posisi.get_loc(""))
        ada = np.flatnonzero(cocok >= 0)
        kunci.append((cocok[ada] * n_ppl + ppl[ada], ada))
    kunci_pasang, baris_sls = (np.concatenate(x) for x in zip(*kunci, strict=True))
    pasang, balik = np.unique(kunci_pasang, return_inverse=True)
    per = pd.DataFrame(
        {
            "i": pasang // n_ppl,
            "r": np.bincount(balik, sisa_sls[baris_sls], minlength=len(pasang)),
            "baru": np.bincount(balik, baru_jendela[baris_sls], minlength=len(pasang)),
            "u": u_ppl[pasang % n_ppl] if len(daftar_ppl) else np.zeros(len(pasang)),
            "p": pasang % n_ppl,
        }
    )
    _isi(hasil, per, area, jadwal, tgl, w_depan, w_jendela, p, bk, sebaran or {})
    return hasil


def _isi(
    hasil: pd.DataFrame,
    per: pd.DataFrame,
    area: pd.DataFrame,
    jadwal,
    tgl: date,
    w_depan: np.ndarray,
    w_jendela: float,
    p: ParameterProyeksi,
    bk: BebanKerja,
    sebaran: Mapping[int, Sebaran],
):
    """Fill hasil from the (area row i, PPL, remaining r, weighted days needed u) pairs, all areas at once.

    An area's families done after tgl once W weighted days have passed is sum(r * min(1, W / u)): piecewise linear
    in W with a break at each u, so the W that reaches the area's need is found from cumulative sums per area."""
    n = len(area)
    i_all = per["i"].to_numpy(dtype="int64")
    aktif = np.bincount(i_all, weights=(per["baru"].to_numpy() > 0), minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        produktivitas = np.where((aktif > 0) & (w_jendela > 0), np.bincount(i_all, weights=per["baru"].to_numpy(), minlength=n) / (aktif * w_jendela), np.nan)
    # an area whose own officers stopped is measured with its kabupaten's productivity, so help is never unmeasured
    kab = area["kode"].astype(str).str[:4].map(bk.produktivitas_kab).to_numpy(dtype=float)
    produktivitas = np.where(np.isnan(produktivitas) & (area["kode"].astype(str).str.len().to_numpy() >= 4), kab, produktivitas)
    hasil["produktivitas"] = produktivitas
    sasaran = area["sasaran"].to_numpy(dtype=float)
    perlu = sasaran - area["selesai"].to_numpy(dtype=float)
    jalan = (sasaran > 0) & (perlu > 0)  # areas that need a projection
    kerja = per[(per["r"] > 0) & jalan[i_all]].sort_values(["i", "u"], kind="stable")
    i, r, u = kerja["i"].to_numpy(dtype="int64"), kerja["r"].to_numpy(), kerja["u"].to_numpy()
    hasil["ppl_sisa"] = np.bincount(i, minlength=n).astype("int64")
    kode = area["kode"].astype(str).tolist()
    jadwal_area = [jadwal.untuk(k) if isinstance(jadwal, JadwalKampanye) else jadwal for k in kode]
    hari_tenggat = np.array([(j.selesai - tgl).days for j in jadwal_area])
    w_tenggat = np.where(hari_tenggat >= 1, w_depan[np.clip(hari_tenggat - 1, 0, len(w_depan) - 1)], 0.0)

    with np.errstate(divide="ignore", invalid="ignore"):
        laju = np.where(np.isfinite(u), r / u, 0.0)  # families per weighted day while the PPL works here
        bagian_tenggat = np.where(np.isfinite(u), np.minimum(w_tenggat[i] / u, 1.0), 0.0)
    sisa_tenggat = np.where(jalan, np.maximum(perlu - np.bincount(i, weights=r * bagian_tenggat, minlength=n), 0.0), 0.0)
    _sebab(hasil, i, r, u, laju, kerja["p"].to_numpy(dtype="int64"), w_tenggat, sisa_tenggat, perlu, bk.daftar_ppl)
    hasil["sisa_di_tenggat"] = sisa_tenggat
    ada = produktivitas > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        hasil["ppl_hari_tambahan"] = np.where(sisa_tenggat > 0, np.where(ada, np.ceil(sisa_tenggat / np.where(ada, produktivitas, 1) - 1e-9), np.nan), 0.0)

    # at the k-th break (u ascending) of an area: done = (r of pairs up to k) + u_k * (pace of the pairs after k)
    awal = np.r_[True, i[1:] != i[:-1]] if len(i) else np.array([], dtype=bool)
    grup = np.cumsum(awal) - 1 if len(i) else np.array([], dtype="int64")
    mulai_grup = np.flatnonzero(awal)
    kum_r = np.cumsum(r)
    kum_r = kum_r - (kum_r[mulai_grup] - r[mulai_grup])[grup]
    kum_laju = np.cumsum(laju)
    kum_laju = kum_laju - (kum_laju[mulai_grup] - laju[mulai_grup])[grup]
    total_laju = np.bincount(grup, weights=laju)[grup] if len(i) else laju
    sesudah = total_laju - kum_laju  # pace of the pairs after this one
    with np.errstate(invalid="ignore"):
        di_titik = kum_r + np.where(np.isfinite(u), u, 0.0) * sesudah
    cukup = np.isfinite(u) & (di_titik >= perlu[i] - 1e-9)  # a PPL with no pace never reaches a break
    U = np.full(n, np.nan)
    if cukup.any():
        pertama = pd.Series(np.flatnonzero(cukup)).groupby(i[cukup]).min()
        k = pertama.to_numpy()
        sebelum_r = kum_r[k] - r[k]
        laju_sisa = sesudah[k] + laju[k]  # pace of this pair and the ones after it
        with np.errstate(divide="ignore", invalid="ignore"):
            U[pertama.index.to_numpy()] = np.where(laju_sisa > 0, (perlu[pertama.index.to_numpy()] - sebelum_r) / laju_sisa, np.nan)
    j = np.searchsorted(w_depan, np.where(np.isfinite(U), U, np.inf) - 1e-9, side="left")
    hari = np.where(np.isfinite(U) & (j < len(w_depan)), j + 1, 0)
    punya = jalan & (hari > 0)
    hasil["peluang_tepat"] = np.where(jalan, 0.0, np.nan)
    if not punya.any():
        return
    h = hari.astype(float)
    sigma = (p.sigma_dasar + p.sigma_ppl / np.sqrt(np.maximum(hasil["ppl_sisa"].to_numpy(), 1))) * math.sqrt(p.jendela / max(min(w_jendela, p.jendela), 1.0))
    lo, hi = -Z80 * sigma, Z80 * sigma  # the prior's log bounds
    with np.errstate(divide="ignore", invalid="ignore"):
        log_tenggat = np.log(np.maximum(hari_tenggat, 0) + 0.5) - np.log(np.maximum(h, 1))
    peluang = ndtr(log_tenggat / sigma)  # the normal CDF
    bawah = np.minimum(np.maximum(1, np.floor(h * np.exp(lo) + 1e-9)), h)
    atas = np.maximum(h, np.ceil(h * np.exp(hi) - 1e-9))
    peluang = np.where(hari_tenggat >= 1, peluang, 0.0)
    tanggal_ke = lambda hari_lagi: [tgl + timedelta(days=int(x)) if ok else None for x, ok in zip(hari_lagi, punya, strict=True)]  # noqa: E731
    hasil["proyeksi_selesai"] = tanggal_ke(hari)
    hasil["proyeksi_p10"] = tanggal_ke(bawah)
    hasil["proyeksi_p90"] = tanggal_ke(atas)
    hasil["peluang_tepat"] = np.where(punya, peluang, np.where(jalan, 0.0, np.nan))
    terapkan_sebaran(hasil, kode, tgl, jadwal, sebaran)


def terapkan_sebaran(hasil: pd.DataFrame, kode: list[str], tgl: date, jadwal: Jadwal | JadwalKampanye, sebaran: Mapping[int, Sebaran]) -> None:
    """Replace the prior's range and chance of every projected area (ramal's rows, codes kode, as of tgl) whose level
    (code length) has enough history with the ones its level's past errors give (rentang_riwayat True)."""
    if not any(sb.cukup for sb in sebaran.values()):
        return
    tenggat = {j: (j.selesai - tgl).days for j in ({jadwal.untuk(k) for k in kode} if isinstance(jadwal, JadwalKampanye) else {jadwal})}
    hari_tenggat = np.array([tenggat[jadwal.untuk(k) if isinstance(jadwal, JadwalKampanye) else jadwal] for k in kode])
    median = hasil["proyeksi_selesai"]
    punya = median.notna().to_numpy()
    h = np.array([(d - tgl).days if d is not None else 1 for d in median], dtype=float)
    panjang = np.array([len(k) for k in kode])
    p10, p90 = list(hasil["proyeksi_p10"]), list(hasil["proyeksi_p90"])
    peluang_tepat, riwayat = hasil["peluang_tepat"].to_numpy(dtype=float).copy(), hasil["rentang_riwayat"].to_numpy(dtype=bool).copy()
    for pj, sb in sebaran.items():
        pakai = np.flatnonzero((panjang == pj) & punya)
        if not sb.cukup or not len(pakai):
            continue
        lo, hi = sb.batas()
        hp = h[pakai]
        bawah = np.minimum(np.maximum(1, np.floor(hp * math.exp(lo) + 1e-9)), hp)
        atas = np.maximum(hp, np.ceil(hp * math.exp(hi) - 1e-9))
        with np.errstate(divide="ignore"):
            peluang = np.where(hari_tenggat[pakai] >= 1, sb.peluang(np.log(np.maximum(hari_tenggat[pakai], 0) + 0.5) - np.log(hp)), 0.0)
        for k, b, a in zip(pakai, bawah, atas, strict=True):
            p10[k], p90[k] = tgl + timedelta(days=int(b)), tgl + timedelta(days=int(a))
        peluang_tepat[pakai], riwayat[pakai] = peluang, True
    hasil["proyeksi_p10"], hasil["proyeksi_p90"], hasil["peluang_tepat"], hasil["rentang_riwayat"] = p10, p90, peluang_tepat, riwayat


def _sebab(hasil: pd.DataFrame, i, r, u, laju, p, w_tenggat, sisa_tenggat, perlu, daftar_ppl: pd.Index) -> None:
    """Fill the KOLOM_SEBAB columns and sebab_id of the areas the median leaves families undone at the deadline.
    Families are counted like the area's sisa (the prelist's): a PPL's share of the new families expected in the
    field is scaled out, so "no active officer for 861 families" agrees with the 861 left shown beside it."""
    n = len(hasil)
    with np.errstate(divide="ignore", invalid="ignore"):
        skala = np.minimum(1.0, np.where(np.bincount(i, r, minlength=n) > 0, np.maximum(perlu, 0) / np.bincount(i, r, minlength=n), 0.0))
    r = r * skala[i]
    telat = (sisa_tenggat[i] > 0) & (u > w_tenggat[i] + 1e-9)  # this PPL's families here are not all done by the deadline
    diam = telat & ~np.isfinite(u)
    lambat = telat & np.isfinite(u)
    hasil["sebab_ppl_lambat"] = np.bincount(i, lambat, minlength=n)
    hasil["sebab_keluarga_lambat"] = np.round(np.bincount(i, r * lambat, minlength=n))
    hasil["sebab_laju_lambat"] = np.bincount(i, laju * lambat, minlength=n)
    hasil["sebab_ppl_diam"] = np.bincount(i, diam, minlength=n)
    hasil["sebab_keluarga_diam"] = np.round(np.bincount(i, r * diam, minlength=n))
    if telat.any():  # each area's late PPL, sorted, as one tuple: sort by (area, ID) once and cut per area
        ids = np.asarray(daftar_ppl)[p[telat]].astype(str)
        urut = np.lexsort((ids, i[telat]))
        baris, ids = i[telat][urut], ids[urut]
        awal = np.flatnonzero(np.r_[True, baris[1:] != baris[:-1]])
        kolom = list(hasil["sebab_id"])
        for b, bagian in zip(baris[awal], np.split(ids, awal[1:]), strict=True):
            kolom[int(b)] = tuple(bagian.tolist())
        hasil["sebab_id"] = kolom


def bantuan(df: pd.DataFrame, jadwal: JadwalKampanye, tanggal: date, n_pemberi: int = 3) -> pd.DataFrame:
    """Where help is needed, from sibling areas completed by indikator.lengkapi with this forecast.

    One row per area with families the median leaves undone at its deadline (worst first): kode, nama,
    sisa_di_tenggat, produktivitas, ppl_hari_tambahan (sisa_di_tenggat / produktivitas, rounded up) and pemberi:
    up to n_pemberi sibling areas that could lend officers, those done first, then those whose median finish is
    furthest before their deadline (at least 3 days, with at least a 90% chance on time)."""
    kolom = ["kode", "nama", "sisa_di_tenggat", "produktivitas", "ppl_hari_tambahan", "pemberi"]
    perlu = df[(df["sisa_di_tenggat"] > 0) & (df["sisa"] > 0) & df["status"].notna()] if len(df) else df
    if perlu.empty:
        return pd.DataFrame(columns=kolom)
    longgar = np.array([(jadwal.untuk(k).selesai - p).days if p is not None and not pd.isna(p) else -1 for k, p in zip(df["kode"], df["proyeksi_selesai"], strict=True)])
    tuntas = (df["status"] == "tuntas").to_numpy()
    mampu = tuntas | ((longgar >= 3) & (df["peluang_tepat"].fillna(0).to_numpy() >= 0.9))
    urut_pemberi = df.assign(_tuntas=tuntas, _longgar=longgar)[mampu].sort_values(["_tuntas", "_longgar", "nama"], ascending=[False, False, True])
    # officers are lent within a kabupaten: between kabupaten or provinces there is no one to name
    pemberi = ", ".join(urut_pemberi["nama"].head(n_pemberi)) if df["kode"].str.len().min() >= 7 else ""
    out = perlu.sort_values(["sisa_di_tenggat", "nama"], ascending=[False, True])[kolom[:-1]].copy()
    out["pemberi"] = pemberi
    return out.reset_index(drop=True)
