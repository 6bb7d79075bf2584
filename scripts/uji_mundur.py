"""Forecast backtest: from days 10, 15, 20 and 25, the projected finish against the actual one, per level and campaign."""

# For the model (aturan.proyeksi.ramal, the one the dashboard shows) and the 7-day pace: median absolute error of the
# median finish, bias (mean of projected minus actual, days), and the share of actual finishes inside the 80% range.
# Campaigns: the demo (several seeds) and kampanye_lain (other dynamics: hard-to-reach families, a weekly rhythm).

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
from aturan.proyeksi import Bahan, ParameterProyeksi, faktor_hari_minggu, ramal
from demo.kampanye import buat_kampanye
from kampanye_lain import buat_kampanye_lain

HARI_ASAL = (10, 15, 20, 25)
TINGKAT = {7: "kecamatan", 10: "desa"}


def uji(tabel: dict[str, pd.DataFrame], param: ParameterProyeksi = ParameterProyeksi()) -> pd.DataFrame:
    """One row per (area, level, origin day) for areas whose actual finish lies after the origin."""
    jadwal = JadwalKampanye.dari_tabel(tabel["jadwal"])
    mulai = jadwal.umum.mulai
    beban, kel = tabel["beban"], tabel["keluarga"]
    urut = kel.sort_values("tanggal", kind="stable")
    fam = urut.groupby("id_keluarga").agg(pertama=("tanggal", "min"), kode_sls=("kode_sls", "last"), id_ppl=("id_ppl", "last"))
    fam["hari"] = fam["pertama"].map(lambda d: (d - mulai).days)
    n_hari = int(fam["hari"].max()) + 1
    sls_hari = pd.crosstab(fam["kode_sls"], fam["hari"]).reindex(index=beban["kode_sls"], columns=range(n_hari), fill_value=0).fillna(0)
    kum_sls = sls_hari.cumsum(axis=1).to_numpy()
    harian = fam.groupby("pertama").size().rename("selesai_hari").rename_axis("tanggal").reset_index()
    baris = []
    for panjang, tingkat in TINGKAT.items():
        kode = beban["kode_sls"].str[:panjang].to_numpy()
        sasaran = beban.groupby(kode)["sasaran_keluarga"].sum()
        # an area's count is by the family's latest SLS; SLS outside the workload still count for their area
        fam_area = fam.assign(kode=fam["kode_sls"].str[:panjang])
        kum_area = pd.crosstab(fam_area["kode"], fam_area["hari"]).reindex(index=sasaran.index, columns=range(n_hari), fill_value=0).fillna(0).cumsum(axis=1).to_numpy()
        aktual = {k: int(np.argmax(c >= s)) for k, c, s in zip(sasaran.index, kum_area, sasaran, strict=True) if s > 0 and c[-1] >= s}
        for asal in HARI_ASAL:
            a = asal - 1
            tgl = mulai + timedelta(days=a)
            sls = beban[["kode_sls", "id_ppl"]].assign(
                sasaran=beban["sasaran_keluarga"].to_numpy(), selesai=kum_sls[:, a], selesai_awal=kum_sls[:, a - param.jendela] if a >= param.jendela else 0
            )
            dalam = fam[(fam["hari"] > a - param.jendela) & (fam["hari"] <= a)]
            ppl = dalam.groupby("id_ppl").size().rename("kerja").reset_index()
            bahan = Bahan(tgl, sls, ppl, faktor_hari_minggu(harian[harian["tanggal"] <= tgl], tgl), mulai)
            area = pd.DataFrame({"kode": sasaran.index, "sasaran": sasaran.to_numpy(), "selesai": kum_area[:, a]})
            hasil = ramal(bahan, area, jadwal, param)
            for j, k in enumerate(area["kode"]):
                if k not in aktual or aktual[k] <= a:
                    continue
                selesai_7 = kum_area[j, a - 7]
                laju = (kum_area[j, a] - selesai_7) / 7
                sisa = area["sasaran"].iat[j] - kum_area[j, a]
                r = hasil.iloc[j]
                median = None if r["proyeksi_selesai"] is None else (r["proyeksi_selesai"] - mulai).days
                baris.append(
                    {
                        "tingkat": tingkat,
                        "asal": asal,
                        "kode": k,
                        "aktual": aktual[k],
                        "model": median,
                        "p10": None if median is None else (r["proyeksi_p10"] - mulai).days,
                        "p90": None if median is None else (r["proyeksi_p90"] - mulai).days,
                        "laju7": a + math.ceil(sisa / laju) if laju > 0 else None,
                        "ppl_sisa": r["ppl_sisa"],
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
        }
    ).round(1)


def kampanye(seed_demo: list[int], seed_lain: list[int]) -> dict[str, dict[str, pd.DataFrame]]:
    hasil = {f"demo seed {s}": buat_kampanye(seed=s).tabel for s in seed_demo}
    hasil.update({f"lain seed {s}": buat_kampanye_lain(seed=s) for s in seed_lain})
    return hasil


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed-demo", type=int, nargs="+", default=[2022, 7, 31])
    ap.add_argument("--seed-lain", type=int, nargs="+", default=[1, 2, 3])
    a = ap.parse_args()
    semua = []
    for nama, tabel in kampanye(a.seed_demo, a.seed_lain).items():
        semua.append(uji(tabel).assign(kampanye=nama.split()[0]))
    df = pd.concat(semua, ignore_index=True)
    for nama, bagian in df.groupby("kampanye", sort=False):
        print(f"\n### {nama} (days; bias = projected minus actual)\n")
        print(ringkas(bagian).to_markdown())


if __name__ == "__main__":
    main()
