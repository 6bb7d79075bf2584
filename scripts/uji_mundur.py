"""Forecast backtest: from days 10, 15, 20 and 25, how far each pace estimate's projected finish was from the actual one."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo.kampanye import MULAI, buat_kampanye

HARI_ASAL = (10, 15, 20, 25)


def _laju_jendela(n: int):
    def laju(harian: np.ndarray, k: int) -> float:
        jendela = harian[max(0, k - n) : k]
        return jendela.sum() / len(jendela) if len(jendela) else 0.0

    return laju


def _laju_kumulatif(harian: np.ndarray, k: int) -> float:
    return harian[:k].sum() / k


def _laju_ewma(alpha: float):
    def laju(harian: np.ndarray, k: int) -> float:
        nilai = harian[0]
        for x in harian[1:k]:
            nilai = alpha * x + (1 - alpha) * nilai
        return float(nilai)

    return laju


PENDUGA = {
    "laju 3 hari": _laju_jendela(3),
    "laju 7 hari (DESIGN)": _laju_jendela(7),
    "laju 14 hari": _laju_jendela(14),
    "rata-rata sejak mulai": _laju_kumulatif,
    "EWMA alpha 0.3": _laju_ewma(0.3),
}


def harian_per_wilayah(tabel: dict[str, pd.DataFrame], panjang: int) -> tuple[pd.Series, pd.DataFrame]:
    """Sasaran per area and the area x campaign-day matrix of first submissions (area from the latest submission)."""
    beban, kel = tabel["beban"], tabel["keluarga"]
    sasaran = beban.groupby(beban["kode_sls"].str[:panjang])["sasaran_keluarga"].sum()
    urut = kel.sort_values(["id_keluarga", "tanggal"])
    pertama = urut.groupby("id_keluarga")["tanggal"].min()
    wilayah = urut.groupby("id_keluarga")["kode_sls"].last().str[:panjang]
    n_hari = (kel["tanggal"].max() - MULAI).days + 1
    harian = pd.crosstab(wilayah, pertama.map(lambda d: (d - MULAI).days)).reindex(columns=range(n_hari), fill_value=0)
    return sasaran, harian


def uji(tabel: dict[str, pd.DataFrame], panjang: int) -> pd.DataFrame:
    """One row per (area, origin day, estimator) for areas whose actual finish lies after the origin."""
    sasaran, harian = harian_per_wilayah(tabel, panjang)
    baris = []
    for kode, seri in harian.iterrows():
        kum = seri.cumsum().to_numpy()
        target = sasaran.get(kode, 0)
        if target <= 0 or kum[-1] < target:
            continue  # never finished in the data: no actual finish to compare with
        selesai_aktual = int(np.argmax(kum >= target))
        for asal in HARI_ASAL:
            if asal - 1 >= selesai_aktual:
                continue
            sisa = target - kum[asal - 1]
            for nama, fungsi in PENDUGA.items():
                laju = fungsi(seri.to_numpy(), asal)
                proyeksi = asal - 1 + math.ceil(sisa / laju) if laju > 0 else None
                galat = None if proyeksi is None else proyeksi - selesai_aktual
                baris.append({"kode": kode, "asal": asal, "penduga": nama, "galat_hari": galat})
    return pd.DataFrame(baris)


def goyangan(tabel: dict[str, pd.DataFrame], panjang: int) -> pd.Series:
    """Mean absolute day-to-day change of each estimator's projected finish over days 10-25 (days)."""
    sasaran, harian = harian_per_wilayah(tabel, panjang)
    hasil = {}
    for nama, fungsi in PENDUGA.items():
        ubah = []
        for kode, seri in harian.iterrows():
            nilai, kum = seri.to_numpy(), seri.cumsum().to_numpy()
            proy = []
            for k in range(10, 26):
                sisa, laju = sasaran.get(kode, 0) - kum[k - 1], fungsi(nilai, k)
                proy.append(k - 1 + math.ceil(sisa / laju) if sisa > 0 and laju > 0 else np.nan)
            ubah.append(np.nanmean(np.abs(np.diff(proy))) if np.isfinite(proy).sum() > 1 else np.nan)
        hasil[nama] = np.nanmean(ubah)
    return pd.Series(hasil).round(2)


def ringkas(df: pd.DataFrame) -> pd.DataFrame:
    df = df.assign(mutlak=df["galat_hari"].abs())
    kel = df.groupby(["penduga", "asal"])
    return pd.DataFrame({"n": kel.size(), "MAE": kel["mutlak"].mean(), "median |galat|": kel["mutlak"].median(), "bias": kel["galat_hari"].mean()}).round(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, nargs="+", default=[2022, 7, 31])
    a = ap.parse_args()
    semua = []
    for seed in a.seed:
        tabel = buat_kampanye(seed=seed).tabel
        for panjang, tingkat in ((7, "kecamatan"), (10, "desa")):
            semua.append(uji(tabel, panjang).assign(tingkat=tingkat, seed=seed))
    df = pd.concat(semua)
    tabel0 = buat_kampanye(seed=a.seed[0]).tabel
    for panjang, tingkat in ((7, "kecamatan"), (10, "desa")):
        print(f"day-to-day change of the projected finish, {tingkat} (seed {a.seed[0]}), days: " + ", ".join(f"{k} {v}" for k, v in goyangan(tabel0, panjang).items()))
    for tingkat in ("kecamatan", "desa"):
        bagian = df[df["tingkat"] == tingkat]
        print(f"\n{tingkat} (seeds {a.seed}): projected minus actual finish, days")
        print(ringkas(bagian).to_markdown())
        total = bagian.assign(mutlak=bagian["galat_hari"].abs()).groupby("penduga")["mutlak"].mean().sort_values()
        print(f"\nMAE over all origins: {', '.join(f'{k} {v:.2f}' for k, v in total.items())}")


if __name__ == "__main__":
    main()
