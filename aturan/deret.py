"""Per-day views built from one per-area daily series: cumulative counts by day, frames for animation and sparklines."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd


def hari_hari(mulai: date, sampai: date) -> list[date]:
    return [mulai + timedelta(days=i) for i in range((sampai - mulai).days + 1)]


def matriks_harian(seri: pd.DataFrame, kode: list[str], hari: list[date]) -> pd.DataFrame:
    """First submissions per area (rows, in the order given) and day (columns), zeros where none.

    seri: kode, tanggal, selesai_hari (queries.progres.seri_harian_turunan). Days before hari[0] are
    added into the first column so the cumulative sums stay right."""
    df = seri[seri["tanggal"] <= hari[-1]].copy()
    df["tanggal"] = df["tanggal"].map(lambda d: max(d, hari[0]))
    m = df.pivot_table(index="kode", columns="tanggal", values="selesai_hari", aggfunc="sum", fill_value=0)
    return m.reindex(index=kode, columns=hari, fill_value=0).fillna(0).astype("int64")


def rekap_per_hari(dasar: pd.DataFrame, seri: pd.DataFrame, hari: list[date]) -> dict[date, pd.DataFrame]:
    """For each day d: dasar (kode, nama, sasaran) plus selesai, selesai_1, selesai_7 as of d, as rekap_turunan gives."""
    awal = hari[0] - timedelta(days=7)
    semua = hari_hari(awal, hari[-1])
    kumulatif = matriks_harian(seri, list(dasar["kode"]), semua).cumsum(axis=1).to_numpy()
    posisi = {d: i for i, d in enumerate(semua)}
    hasil = {}
    for d in hari:
        i = posisi[d]
        df = dasar[["kode", "nama", "sasaran"]].copy()
        df["selesai"] = kumulatif[:, i]
        df["selesai_1"] = kumulatif[:, i - 1]
        df["selesai_7"] = kumulatif[:, i - 7]
        hasil[d] = df
    return hasil


def tren_capaian(dasar: pd.DataFrame, seri: pd.DataFrame, hari: list[date]) -> list[list[float]]:
    """Per area (dasar order): cumulative capaian on each of the given days, for sparklines."""
    kumulatif = matriks_harian(seri, list(dasar["kode"]), hari).cumsum(axis=1).to_numpy(dtype=float)
    sasaran = dasar["sasaran"].to_numpy(dtype=float)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        capaian = np.where(sasaran > 0, kumulatif / sasaran * 100, np.nan)
    return [[round(float(x), 1) for x in baris] for baris in capaian]


def seri_kurva(per_hari: dict[date, pd.DataFrame]) -> pd.DataFrame:
    """Long table nama, tanggal, capaian, rencana from per-day lengkapi() frames (for small multiples)."""
    return pd.concat([df[["nama", "capaian", "rencana"]].assign(tanggal=d) for d, df in per_hari.items()], ignore_index=True)


def poin_per_hari(dasar: pd.DataFrame, seri: pd.DataFrame, hari: list[date]) -> pd.DataFrame:
    """Area (index nama) x day: points of capaian gained that day (first submissions / sasaran x 100)."""
    m = matriks_harian(seri, list(dasar["kode"]), hari).astype(float)
    sasaran = dasar["sasaran"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        nilai = np.where(sasaran[:, None] > 0, m.to_numpy() / sasaran[:, None] * 100, np.nan)
    return pd.DataFrame(nilai, index=list(dasar["nama"]), columns=hari)
