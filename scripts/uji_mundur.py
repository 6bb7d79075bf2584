"""Forecast backtest: from days 10, 15, 20 and 25, the projected finish against the actual one, per level and campaign."""

# For the model (aturan.proyeksi.ramal, the one the dashboard shows) and the 7-day pace: median absolute error of the
# median finish, bias (mean of projected minus actual, days), and the share of actual finishes inside the 80% range.
# Campaigns: ten generators (GENERATOR), several seeds each. The method was chosen on the demo and kampanye_lain
# (hard-to-reach families, a weekly rhythm). susul (a late start, an extended deadline, learning, illness, a
# deadline push) was written as held out, but showed a flaw of the median that was fixed, so it is reported as
# seen. sinyal (late uploads without signal, holidays, officers pulled away, learning and a deadline push, SLS taken
# over) was held out until its holidays showed that a day the whole campaign stopped counted in the pace window; the
# stop days were then left out, chosen with it, so it is seen too. banjir (a flood, shared shocks, decaying pace,
# officers replaced), mogok (a strike across a kabupaten, rain, remote desa, officers helping neighbours), hujan
# (rain per kecamatan, a local festival, an election day, late recruits, appointments, growing towns; written before
# the stop-day change), panen (harvest weeks, far hamlets left for last, market days, refusals won over, sick
# officers; written before a falling-pace change was tried, which was not adopted), pulau (island officers in boat
# trips, storms that close the sea, a mid-campaign review that pushes laggards, Sunday overtime; written before any
# later change) and kota (families out at work on weekdays, gated housing, student officers' exams, a deadline extended
# mid-way; written on 2026-12-05 before anything further was tried) are held out: nothing was chosen
# on them, they share no simulation code with the demo, and they are reported as they come.

from __future__ import annotations

import argparse
import math
import sys
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aturan.indikator import JadwalKampanye
from aturan.kalibrasi import LINGKUP, TINGKAT, riwayat_ramalan
from aturan.proyeksi import Bahan, ParameterProyeksi, ritme_kampanye
from demo.kampanye import buat_kampanye
from kampanye_lain import buat_kampanye_lain
from kampanye_lain.banjir import buat_kampanye_banjir
from kampanye_lain.hujan import buat_kampanye_hujan
from kampanye_lain.kota import buat_kampanye_kota
from kampanye_lain.mogok import buat_kampanye_mogok
from kampanye_lain.panen import buat_kampanye_panen
from kampanye_lain.pulau import buat_kampanye_pulau
from kampanye_lain.sinyal import buat_kampanye_sinyal
from kampanye_lain.susul import buat_kampanye_susul

HARI_ASAL = (10, 15, 20, 25)
NAMA_TINGKAT = {7: "kecamatan", 10: "desa"}  # the calibrated levels (aturan.kalibrasi.TINGKAT); each kabupaten is backtested with its own history


def _kumulatif(kode: pd.Series, hari: pd.Series, baris: pd.Index, n_hari: int) -> np.ndarray:
    """Families done per area (rows in the order of baris) as of each day (columns 0 .. n_hari - 1)."""
    return pd.crosstab(kode, hari).reindex(index=baris, columns=range(n_hari), fill_value=0).fillna(0).cumsum(axis=1).to_numpy()


def riwayat_kampanye(tabel: dict[str, pd.DataFrame], param: ParameterProyeksi = ParameterProyeksi()):
    """Per kabupaten: the forecast's history as the dashboard makes it (aturan.kalibrasi.riwayat_ramalan, every day up
    to the last origin), its areas' targets and their families done on every day of the campaign (areas x days)."""
    jadwal = JadwalKampanye.dari_tabel(tabel["jadwal"])
    mulai = jadwal.umum.mulai
    kel = tabel["keluarga"]
    urut = kel.sort_values("tanggal", kind="stable")
    # days as integers: a groupby min over date objects runs in Python per group, some 50,000 of them per campaign
    urut = urut.assign(hari=(pd.to_datetime(urut["tanggal"]) - pd.Timestamp(mulai)).dt.days)
    fam = urut.groupby("id_keluarga").agg(hari=("hari", "min"), kode_sls=("kode_sls", "last"), id_ppl=("id_ppl", "last"))
    fam["pertama"] = [mulai + timedelta(days=int(h)) for h in fam["hari"]]
    n_hari = int(fam["hari"].max()) + 1
    harian = fam.groupby("pertama").size().rename("selesai_hari").rename_axis("tanggal").reset_index()
    n_asal = max(HARI_ASAL)
    for kab, beban in tabel["beban"].groupby(tabel["beban"]["kode_sls"].str[:LINGKUP]):
        f_kab = fam[fam["kode_sls"].str[:LINGKUP] == kab]
        pertama_ppl = {i: mulai + timedelta(days=int(h)) for i, h in f_kab.groupby("id_ppl")["hari"].min().items()}  # each PPL's first day with a family
        kum_sls = _kumulatif(f_kab["kode_sls"], f_kab["hari"], beban["kode_sls"], n_hari)
        # every level of the scope; an area's count is by the family's latest SLS (SLS outside the workload count too)
        area = pd.concat([beban.groupby(beban["kode_sls"].str[:pj])["sasaran_keluarga"].sum() for pj in TINGKAT])
        kum_area = np.vstack([_kumulatif(f_kab["kode_sls"].str[:pj], f_kab["hari"], area.index[area.index.str.len() == pj], n_hari) for pj in TINGKAT])
        bahan = {}
        for a in range(n_asal):
            tgl = mulai + timedelta(days=a)
            sls = beban[["kode_sls", "id_ppl"]].assign(
                sasaran=beban["sasaran_keluarga"].to_numpy(), selesai=kum_sls[:, a], selesai_awal=kum_sls[:, a - param.jendela] if a >= param.jendela else 0
            )
            dalam = f_kab[(f_kab["hari"] > a - param.jendela) & (f_kab["hari"] <= a)]
            ppl = dalam.groupby("id_ppl").size().rename("kerja").reset_index()
            ppl["pertama"] = ppl["id_ppl"].map(pertama_ppl)  # a PPL working in the window began by day a
            faktor, berhenti = ritme_kampanye(harian[harian["tanggal"] <= tgl], tgl)
            bahan[tgl] = Bahan(tgl, sls.reset_index(drop=True), ppl, faktor, mulai, berhenti)
        yield riwayat_ramalan(bahan, pd.DataFrame({"kode": area.index, "sasaran": area.to_numpy()}), kum_area[:, :n_asal], jadwal, param), area, kum_area, mulai


def uji(tabel: dict[str, pd.DataFrame], param: ParameterProyeksi = ParameterProyeksi()) -> pd.DataFrame:
    """One row per (area, level, origin day) for areas whose actual finish lies after the origin: the forecast's
    median and 80% range as the dashboard gives them, the 7-day pace's projection, and the actual finish."""
    baris = []
    for riwayat, area, kum_area, mulai in riwayat_kampanye(tabel, param):
        aktual = {k: int(np.argmax(c >= s)) for k, c, s in zip(area.index, kum_area, area.to_numpy(), strict=True) if s > 0 and c[-1] >= s}
        for asal in HARI_ASAL:
            a = asal - 1
            hasil = riwayat.ramalan[mulai + timedelta(days=a)]
            for j, (k, s) in enumerate(zip(area.index, area.to_numpy(), strict=True)):
                if k not in aktual or aktual[k] <= a:
                    continue
                laju = (kum_area[j, a] - kum_area[j, a - 7]) / 7
                r = hasil.iloc[j]
                median = None if r["proyeksi_selesai"] is None else (r["proyeksi_selesai"] - mulai).days
                baris.append(
                    {
                        "tingkat": NAMA_TINGKAT[len(k)],
                        "asal": asal,
                        "kode": k,
                        "aktual": aktual[k],
                        "model": median,
                        "p10": None if median is None else (r["proyeksi_p10"] - mulai).days,
                        "p90": None if median is None else (r["proyeksi_p90"] - mulai).days,
                        "laju7": a + math.ceil((s - kum_area[j, a]) / laju) if laju > 0 else None,
                        "ppl_sisa": r["ppl_sisa"],
                        "riwayat": bool(r["rentang_riwayat"]),
                    }
                )
    return pd.DataFrame(baris)


def ringkas(df: pd.DataFrame) -> pd.DataFrame:
    """Per level and origin: n, median |error| and bias of the model and the 7-day pace, 80% range coverage."""
    df = df.assign(
        g_model=pd.to_numeric(df["model"]) - df["aktual"],
        g_laju=pd.to_numeric(df["laju7"]) - df["aktual"],
        dalam=(df["p10"] <= df["aktual"]) & (df["aktual"] <= df["p90"]),
    )
    kel = df.groupby(["tingkat", "asal"], sort=False)
    return pd.DataFrame(
        {
            "n": kel.size(),
            "model |galat| median": kel["g_model"].apply(lambda g: g.abs().median()),
            "model bias": kel["g_model"].mean(),
            "laju 7 hari |galat| median": kel["g_laju"].apply(lambda g: g.abs().median()),
            "laju 7 hari bias": kel["g_laju"].mean(),
            "rentang 80% memuat": kel["dalam"].mean() * 100,
            "tanpa proyeksi": kel["model"].apply(lambda m: m.isna().sum()),
            "rentang dari riwayat %": kel["riwayat"].mean() * 100,
        }
    ).round(1)


def lebar_perlu(df: pd.DataFrame, faktor: np.ndarray = np.round(np.arange(0.25, 8.001, 0.05), 2)) -> pd.DataFrame:
    """Per campaign, level and origin (cells with at least 20 areas): what the 80% range holds as given, and if both of
    its sides were stretched by a factor (in log days left from the origin, around the median) the smallest factor at
    which it holds 70% and the largest at which it holds no more than 90%. A cell that needs more than another allows
    shows that no single widening of the ranges puts both inside 70-90%. inf: no factor up to the grid's end (8) reaches
    70% (areas without a projection, ranges with no width on the side of the miss); 8: the grid's end stays within 90%."""
    a = df["asal"] - 1
    median = np.log(pd.to_numeric(df["model"]) - a)
    bawah = median - np.log((pd.to_numeric(df["p10"]) - a).clip(lower=0.5))
    atas = np.log(pd.to_numeric(df["p90"]) - a) - median
    aktual = np.log(df["aktual"] - a).to_numpy()
    baris = []
    for (kampanye, tingkat, asal), i in df.groupby(["kampanye", "tingkat", "asal"], sort=False).indices.items():
        if len(i) < 20:
            continue
        m, b, t, y = median.to_numpy()[i], bawah.to_numpy()[i], atas.to_numpy()[i], aktual[i]
        # coverage at factor 1 (the ranges as given) and at every factor of the grid at once (factors x areas); an
        # area without a projection is a miss at any factor
        f = np.r_[1.0, faktor][:, None]
        with np.errstate(invalid="ignore"):
            cakupan = ((y >= m - f * b - 1e-9) & (y <= m + f * t + 1e-9)).mean(axis=1) * 100
        apa_adanya, memuat = cakupan[0], cakupan[1:]
        baris.append(
            {
                "kampanye": kampanye,
                "peran": df["peran"].iloc[i[0]].split(":")[0],
                "tingkat": tingkat,
                "asal": asal,
                "n": len(i),
                "memuat": round(float(apa_adanya), 1),
                "faktor untuk 70%": float(faktor[np.argmax(memuat >= 70)]) if (memuat >= 70).any() else math.inf,
                "faktor hingga 90%": float(faktor[np.nonzero(memuat <= 90)[0].max()]) if (memuat <= 90).any() else 0.0,
            }
        )
    return pd.DataFrame(baris)


GENERATOR = {
    # name: (generator, role) -- the method and its few settings were chosen on the demo and lain; susul showed a
    # flaw of the median (a late starter's pace counted over days before they started) that was then fixed, so it
    # is no longer held out; sinyal's holidays led to leaving the campaign's stop days out of the pace window, so it is
    # seen too; banjir and mogok (written after the first fix), hujan (written before the second) and panen (written
    # before a third that was tried and not adopted), pulau (written before any later change) and kota (written
    # on 2026-12-05 before anything further was tried) are held out
    "demo": (lambda s: buat_kampanye(seed=s).tabel, "chosen on"),
    "lain": (buat_kampanye_lain, "chosen on"),
    "susul": (buat_kampanye_susul, "seen: its late start showed a flaw of the median, since fixed"),
    "banjir": (buat_kampanye_banjir, "held out"),
    "mogok": (buat_kampanye_mogok, "held out"),
    "sinyal": (buat_kampanye_sinyal, "seen: its holidays showed that stop days counted in the pace window, since left out"),
    "hujan": (buat_kampanye_hujan, "held out"),
    "panen": (buat_kampanye_panen, "held out"),
    "pulau": (buat_kampanye_pulau, "held out"),
    "kota": (buat_kampanye_kota, "held out"),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, nargs="+", default=[1, 2, 3], help="seeds of every generator (the demo's first seed is 2022)")
    ap.add_argument("--kampanye", nargs="+", default=list(GENERATOR), choices=list(GENERATOR))
    ap.add_argument("--lebar", action="store_true", help="also print, per cell, the widening of the ranges that 70%% and 90%% coverage would need (lebar_perlu)")
    a = ap.parse_args()
    semua = []
    for nama in a.kampanye:
        buat, peran = GENERATOR[nama]
        for seed in a.seed:
            semua.append(uji(buat(2022 if nama == "demo" and seed == 1 else seed)).assign(kampanye=nama, seed=seed, peran=peran))
    df = pd.concat(semua, ignore_index=True)
    for nama, bagian in df.groupby("kampanye", sort=False):
        peran = bagian["peran"].iloc[0]
        print(f"\n### {nama} ({peran}; seeds {', '.join(map(str, a.seed))}; days; bias = projected minus actual)\n")
        print(ringkas(bagian).to_markdown())
    if a.lebar:
        lebar = lebar_perlu(df)
        print("\n### Widening the ranges would need (factor on both sides, in log days left; cells with at least 20 areas)\n")
        print(lebar.to_markdown(index=False))
        dilihat = lebar["peran"].str.startswith(("chosen", "seen"))
        perlu, boleh = lebar["faktor untuk 70%"].max(), lebar["faktor hingga 90%"].min()
        print(f"\nThe largest factor a cell needs for 70% is {perlu}; the smallest a cell allows before it holds over 90% is {boleh}.")
        for f in (0.75, 1.0, 1.25, 1.5, 2.0, 3.0):
            di = (lebar["faktor untuk 70%"] <= f) & (f <= lebar["faktor hingga 90%"])
            dalam = f"{di.sum()} of {len(lebar)} cells inside 70-90%"
            print(f"- factor {f}: {dalam} ({di[dilihat].sum()} of {dilihat.sum()} chosen on or seen, {di[~dilihat].sum()} of {(~dilihat).sum()} held out)")


if __name__ == "__main__":
    main()
