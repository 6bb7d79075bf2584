"""Proyeksi selesai: the projected finish (median, 80% range, chance by the deadline) from each PPL's own pace."""

# The method (chosen by backtest, scripts/uji_mundur.py; README "Forecast"):
# - Each PPL works off their remaining families at their own pace of the last 14 days (families per average
#   working day; the weekday rhythm is learned from the campaign's own daily totals). A PPL's remaining families
#   are those of their SLS not yet done, plus the share of new families found in the field so far (learned from
#   the SLS already done).
# - An area's projected count on a future day is its count today plus every PPL's projected work in it; the
#   median finish is the first day that count reaches the area's target. An area finishes when its slowest
#   officers do, which is why the last families of an area take longer than the average one.
# - The 80% range and the chance of finishing by the deadline treat the remaining days as log-normal around the
#   median, wider for areas with fewer officers left and when fewer days of data exist (spreads chosen by backtest).

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from queries._jalankan import ke_df
from queries.indikator import Jadwal, JadwalKampanye
from queries.progres import di_bawah
from store.schema import beban, rekap_harian, rekap_sls_harian

Z80 = 1.2815515655446004  # the 10th and 90th percentiles of a standard normal


@dataclass(frozen=True)
class ParameterProyeksi:
    """The forecast's settings (chosen by backtest on the demo and the second campaign)."""

    jendela: int = 14  # days of each PPL's pace
    sigma_dasar: float = 0.06  # spread of log(remaining days) for an area with many officers left
    sigma_ppl: float = 0.15  # plus this over sqrt(officers with families left)
    horizon: int = 366  # days ahead searched; beyond this there is no projection


@dataclass(frozen=True)
class Bahan:
    """What the forecast reads as of one day: per SLS its target, PPL and counts, and the campaign's weekday rhythm."""

    tanggal: date
    sls: pd.DataFrame  # kode_sls, id_ppl, sasaran, selesai (as of tanggal), selesai_awal (end of the window's first day - 1)
    ppl: pd.DataFrame  # id_ppl, kerja (families done in the window by this PPL, wherever they were)
    faktor_minggu: tuple[float, ...]  # Monday..Sunday, mean 1
    mulai: date


def lingkup(kode: str) -> str:
    """The area whose officers a forecast reads: the kabupaten of a kecamatan or desa (a PPL's pace counts all
    their work there), else the area itself. Every view of an area reads the same scope, so one area has one answer."""
    return kode[:4] if len(kode) > 4 else kode


def faktor_hari_minggu(harian: pd.DataFrame, sampai: date) -> tuple[float, ...]:
    """Weekday rhythm learned from daily first submissions (tanggal, selesai_hari) up to sampai: each weekday's
    mean ratio to the centred 7-day mean. Ones until two full weeks of data exist."""
    seri = harian.set_index("tanggal")["selesai_hari"].astype(float)
    if seri.empty:
        return (1.0,) * 7
    hari = pd.date_range(seri.index.min(), sampai, freq="D").date
    x = seri.reindex(hari, fill_value=0.0).to_numpy()
    if len(x) < 14:
        return (1.0,) * 7
    rata = np.convolve(x, np.ones(7) / 7, mode="valid")  # centred mean of days t-3..t+3, for t = 3..n-4
    tengah = x[3 : len(x) - 3]
    hari_tengah = hari[3 : len(x) - 3]
    nisbah = {k: [] for k in range(7)}
    for d, v, m in zip(hari_tengah, tengah, rata, strict=True):
        if m > 0:
            nisbah[d.weekday()].append(v / m)
    f = np.array([np.mean(nisbah[k]) if nisbah[k] else 1.0 for k in range(7)])
    return tuple(float(v) for v in f / f.mean()) if f.mean() > 0 else (1.0,) * 7


def baca_bahan(db: Engine | Connection, kode: str, tanggal: date, mulai: date, param: ParameterProyeksi = ParameterProyeksi()) -> Bahan:
    """Per SLS under the scope of kode (see lingkup): target, PPL, families done as of tanggal and before the pace window."""
    induk = lingkup(kode)
    awal = tanggal - timedelta(days=param.jendela)
    rs, b = rekap_sls_harian, beban
    q_sls = select(
        rs.c.kode_sls,
        func.sum(case((rs.c.tanggal <= awal, rs.c.selesai), else_=0)).label("selesai_awal"),
        func.sum(rs.c.selesai).label("selesai"),
    ).where(rs.c.tanggal <= tanggal)
    q_ppl = select(rs.c.id_ppl, func.sum(rs.c.selesai).label("kerja")).where(rs.c.tanggal > awal, rs.c.tanggal <= tanggal)
    q_beban = select(b.c.kode_sls, b.c.id_ppl, b.c.sasaran_keluarga.label("sasaran"))
    if induk:
        q_sls, q_ppl, q_beban = q_sls.where(di_bawah(rs.c.kode_sls, induk)), q_ppl.where(di_bawah(rs.c.kode_sls, induk)), q_beban.where(di_bawah(b.c.kode_sls, induk))
    hitung = ke_df(db, q_sls.group_by(rs.c.kode_sls), ["kode_sls", "selesai_awal", "selesai"])
    kerja = ke_df(db, q_ppl.group_by(rs.c.id_ppl), ["id_ppl", "kerja"])
    sls = ke_df(db, q_beban, ["kode_sls", "id_ppl", "sasaran"]).merge(hitung, on="kode_sls", how="left")
    for k in ("sasaran", "selesai", "selesai_awal"):
        sls[k] = pd.to_numeric(sls[k]).fillna(0).astype("int64")
    kerja["kerja"] = pd.to_numeric(kerja["kerja"]).fillna(0).astype("int64")
    rh = rekap_harian  # the weekday rhythm is the campaign's, the same for every scope
    q_hari = select(rh.c.tanggal, func.sum(rh.c.selesai).label("selesai_hari")).where(rh.c.tanggal <= tanggal, rh.c.tingkat == 1)
    harian = ke_df(db, q_hari.group_by(rh.c.tanggal), ["tanggal", "selesai_hari"])
    return Bahan(tanggal, sls, kerja, faktor_hari_minggu(harian, tanggal), mulai)


def _bobot_hari(faktor: tuple[float, ...], dari: date, n: int) -> np.ndarray:
    """Weekday weight of each of the n days from dari on."""
    w0 = dari.weekday()
    return np.array([faktor[(w0 + i) % 7] for i in range(n)])


def ramal(bahan: Bahan, area: pd.DataFrame, jadwal: Jadwal | JadwalKampanye, param: ParameterProyeksi = ParameterProyeksi()) -> pd.DataFrame:
    """The forecast for each area (kode, sasaran, selesai as of bahan.tanggal; areas under the scope bahan was read for).

    Returns, indexed like area: proyeksi_selesai (median date), proyeksi_p10, proyeksi_p90, peluang_tepat (chance
    of reaching the target by the area's deadline, 0..1), sisa_di_tenggat (families the median leaves undone at the
    deadline), produktivitas (the area's families per PPL per working day in the pace window), ppl_hari_tambahan
    (extra PPL-days at that productivity to finish by the deadline), ppl_sisa (officers with families left).
    A finished area, or one with no target, has no projection; one with no pace left has none either (None dates)."""
    tgl, p = bahan.tanggal, param
    n = len(area)
    kosong = pd.DataFrame(
        {
            "proyeksi_selesai": [None] * n,
            "proyeksi_p10": [None] * n,
            "proyeksi_p90": [None] * n,
            "peluang_tepat": np.full(n, np.nan),
            "sisa_di_tenggat": np.zeros(n),
            "produktivitas": np.full(n, np.nan),
            "ppl_hari_tambahan": np.zeros(n),
            "ppl_sisa": np.zeros(n, dtype="int64"),
        },
        index=area.index,
    )
    if n == 0:
        return kosong
    awal_jendela = max(tgl - timedelta(days=p.jendela - 1), bahan.mulai)
    hari_jendela = max((tgl - awal_jendela).days + 1, 0)
    w_jendela = float(_bobot_hari(bahan.faktor_minggu, awal_jendela, hari_jendela).sum()) if hari_jendela else 0.0
    w_depan = np.cumsum(_bobot_hari(bahan.faktor_minggu, tgl + timedelta(days=1), p.horizon))  # weighted days elapsed by day j

    sls = bahan.sls
    selesai_sls = sls["selesai"].to_numpy(dtype=float)
    sasaran_sls = sls["sasaran"].to_numpy(dtype=float)
    # new families found per prelist family in the SLS already done, per kabupaten (the same whatever the scope)
    tuntas = (selesai_sls >= sasaran_sls) & (sasaran_sls > 0)
    kab = sls["kode_sls"].str[:4].to_numpy()
    lebih = pd.DataFrame({"kab": kab[tuntas], "lebih": selesai_sls[tuntas] - sasaran_sls[tuntas], "sasaran": sasaran_sls[tuntas]}).groupby("kab").sum()
    rho = (lebih["lebih"] / lebih["sasaran"]).reindex(kab, fill_value=0.0).to_numpy()
    sisa_sls = np.maximum(sasaran_sls * (1 + rho) - selesai_sls, 0.0)
    kerja = bahan.ppl.set_index("id_ppl")["kerja"].astype(float)
    sisa_ppl = pd.Series(sisa_sls).groupby(sls["id_ppl"].to_numpy()).sum()
    laju_ppl = kerja.reindex(sisa_ppl.index, fill_value=0.0) / w_jendela if w_jendela > 0 else sisa_ppl * 0.0
    # weighted days each PPL needs for all their remaining families (inf: no pace)
    with np.errstate(divide="ignore", invalid="ignore"):
        u_ppl = np.where(laju_ppl > 0, sisa_ppl / laju_ppl, np.inf)
    u_ppl = pd.Series(u_ppl, index=sisa_ppl.index)
    baru_jendela = (selesai_sls - sls["selesai_awal"].to_numpy(dtype=float)).clip(min=0)

    kode_area = area["kode"].astype(str).to_numpy()
    posisi = pd.Series(np.arange(n), index=kode_area)
    bagian = []
    for pj in sorted({len(k) for k in kode_area}):
        kode_sls_area = sls["kode_sls"].str[:pj].to_numpy() if pj else np.full(len(sls), "")
        pasang = pd.DataFrame({"kode": kode_sls_area, "id_ppl": sls["id_ppl"].to_numpy(), "r": sisa_sls, "baru": baru_jendela})
        bagian.append(pasang[pd.Index(kode_area[[len(k) == pj for k in kode_area]]).get_indexer(pasang["kode"]) >= 0])
    per = pd.concat(bagian).groupby(["kode", "id_ppl"], sort=False)[["r", "baru"]].sum().reset_index()
    per["i"] = posisi.reindex(per["kode"]).to_numpy()
    per["u"] = u_ppl.reindex(per["id_ppl"]).to_numpy()
    hasil = kosong
    _isi(hasil, per, area, jadwal, tgl, w_depan, w_jendela, p)
    return hasil


def _isi(hasil: pd.DataFrame, per: pd.DataFrame, area: pd.DataFrame, jadwal, tgl: date, w_depan: np.ndarray, w_jendela: float, p: ParameterProyeksi) -> None:
    """Fill hasil from the (area row i, PPL, remaining r, weighted days needed u) pairs, all areas at once.

    An area's families done after tgl once W weighted days have passed is sum(r * min(1, W / u)): piecewise linear
    in W with a break at each u, so the W that reaches the area's need is found from cumulative sums per area."""
    n = len(area)
    i_all = per["i"].to_numpy(dtype="int64")
    aktif = np.bincount(i_all, weights=(per["baru"].to_numpy() > 0), minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        produktivitas = np.where((aktif > 0) & (w_jendela > 0), np.bincount(i_all, weights=per["baru"].to_numpy(), minlength=n) / (aktif * w_jendela), np.nan)
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
    sigma = (p.sigma_dasar + p.sigma_ppl / np.sqrt(np.maximum(hasil["ppl_sisa"].to_numpy(), 1))) * math.sqrt(p.jendela / max(min(w_jendela, p.jendela), 1.0))
    h = hari.astype(float)
    bawah = np.minimum(np.maximum(1, np.floor(h * np.exp(-Z80 * sigma))), h)
    atas = np.maximum(h, np.ceil(h * np.exp(Z80 * sigma)))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.log(np.maximum(hari_tenggat, 0) + 0.5) - np.log(np.maximum(h, 1))) / sigma
    peluang = np.where(hari_tenggat >= 1, 0.5 * (1 + np.vectorize(math.erf)(z / math.sqrt(2))), 0.0)
    tanggal_ke = lambda hari_lagi: [tgl + timedelta(days=int(x)) if ok else None for x, ok in zip(hari_lagi, punya, strict=True)]  # noqa: E731
    hasil["proyeksi_selesai"] = tanggal_ke(hari)
    hasil["proyeksi_p10"] = tanggal_ke(bawah)
    hasil["proyeksi_p90"] = tanggal_ke(atas)
    hasil["peluang_tepat"] = np.where(punya, peluang, np.where(jalan, 0.0, np.nan))


def lengkapi_proyeksi(db: Engine | Connection, rekap: pd.DataFrame, kode: str, jadwal: JadwalKampanye, tanggal: date, ambang=None) -> pd.DataFrame:
    """indikator.lengkapi with this forecast, for areas under kode (one read, no cache: the report and alerts)."""
    from queries.indikator import Ambang, lengkapi

    bahan = baca_bahan(db, kode, tanggal, jadwal.umum.mulai)
    return lengkapi(rekap, jadwal, tanggal, ambang or Ambang(), ramal(bahan, rekap, jadwal))


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


def profil_operasi(db: Engine | Connection, induk: str, sampai: date, mulai: date, min_wilayah: int = 5) -> tuple[list[tuple[float, float]], int]:
    """The shape of completion learned from this operation: for every desa under induk that reached its target by
    sampai, its capaian at each twentieth of its own duration (start to finish), averaged over those desa. Returns
    the (share of duration, %) points (empty until min_wilayah desa are done) and how many desa were used."""
    from queries.progres import rekap_turunan, seri_harian_turunan

    sasaran = rekap_turunan(db, induk, 10, sampai).set_index("kode")["sasaran"]
    seri = seri_harian_turunan(db, induk, 10, sampai)
    if seri.empty:
        return [], 0
    n_hari = (sampai - mulai).days + 1
    seri = seri.assign(k=[max((d - mulai).days, 0) for d in seri["tanggal"]])
    m = seri.pivot_table(index="kode", columns="k", values="selesai_hari", aggfunc="sum", fill_value=0).reindex(columns=range(n_hari), fill_value=0)
    kum = m.cumsum(axis=1)
    target = sasaran.reindex(kum.index).fillna(0).to_numpy(dtype=float)
    nilai = kum.to_numpy(dtype=float)
    bentuk = []
    for baris, s in zip(nilai, target, strict=True):
        if s <= 0 or baris[-1] < s:
            continue
        akhir = int(np.argmax(baris >= s)) + 1  # days from the start to the finish
        titik = np.clip(np.round(np.arange(1, 21) / 20 * akhir).astype(int) - 1, 0, akhir - 1)
        bentuk.append(np.minimum(baris[titik] / s * 100, 100.0))
    if len(bentuk) < min_wilayah:
        return [], len(bentuk)
    rata = np.mean(bentuk, axis=0)
    return [((j + 1) / 20, round(float(v), 2)) for j, v in enumerate(rata)], len(bentuk)
