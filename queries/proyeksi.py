"""What the forecast reads from the rollups (per SLS, per PPL, the weekday rhythm) and the completion profile learned from finished desa."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from aturan.deret import hari_hari, matriks_harian
from aturan.indikator import JadwalKampanye
from aturan.kalibrasi import LINGKUP, TINGKAT, Riwayat, riwayat_ramalan
from aturan.proyeksi import Bahan, ParameterProyeksi, lingkup, ritme_kampanye
from queries.progres import rekap_turunan, seri_harian_turunan
from store.baca import di_bawah, ke_df
from store.schema import beban, rekap_harian, rekap_sls_harian


def baca_bahan_hari(db: Engine | Connection, kode: str, hari: list[date], mulai: date, param: ParameterProyeksi = ParameterProyeksi()) -> dict[date, Bahan]:
    """What the forecast reads for each of the given days, in one pass over the per-SLS rollup: per SLS under the
    scope of kode (see lingkup) its target, PPL, families done as of the day and before its pace window, and per
    PPL the families done in the window (a page that forecasts every day of the campaign reads once, not per day)."""
    induk = lingkup(kode)
    titik = sorted(set(hari) | {d - timedelta(days=param.jendela) for d in hari})  # each day and its window's start
    rs, b = rekap_sls_harian, beban
    nama = [f"k{i}" for i in range(len(titik))]
    q_beban = select(b.c.kode_sls, b.c.id_ppl, b.c.sasaran_keluarga.label("sasaran"))
    if induk:
        q_beban = q_beban.where(di_bawah(b.c.kode_sls, induk))
    if len(hari) == 1:  # one day: the sums in SQL (at national scale the rows would be millions)
        kum = [func.sum(case((rs.c.tanggal <= t, rs.c.selesai), else_=0)).label(n) for t, n in zip(titik, nama, strict=True)]
        q_sls, q_ppl = select(rs.c.kode_sls, *kum).where(rs.c.tanggal <= max(hari)), select(rs.c.id_ppl, *kum).where(rs.c.tanggal <= max(hari))
        if induk:
            q_sls, q_ppl = q_sls.where(di_bawah(rs.c.kode_sls, induk)), q_ppl.where(di_bawah(rs.c.kode_sls, induk))
        per_sls = ke_df(db, q_sls.group_by(rs.c.kode_sls), ["kode_sls", *nama])
        per_ppl = ke_df(db, q_ppl.group_by(rs.c.id_ppl), ["id_ppl", *nama])
    else:  # many days (a page that forecasts every day so far): the scope's rows once, summed per day here
        q = select(rs.c.kode_sls, rs.c.id_ppl, rs.c.tanggal, rs.c.selesai).where(rs.c.tanggal <= max(hari))
        baris = ke_df(db, q.where(di_bawah(rs.c.kode_sls, induk)) if induk else q, ["kode_sls", "id_ppl", "tanggal", "selesai"])
        kolom_awal = np.searchsorted(np.array(titik, dtype="datetime64[D]"), baris["tanggal"].to_numpy(dtype="datetime64[D]"), side="left")
        per_sls, per_ppl = (_kumulatif(baris[k], kolom_awal, baris["selesai"].to_numpy(), nama) for k in ("kode_sls", "id_ppl"))
    dasar = ke_df(db, q_beban, ["kode_sls", "id_ppl", "sasaran"]).merge(per_sls, on="kode_sls", how="left")
    for d in (dasar, per_ppl):
        d[nama] = d[nama].apply(pd.to_numeric).fillna(0).astype("int64")
    dasar["sasaran"] = pd.to_numeric(dasar["sasaran"]).astype("int64")
    rh = rekap_harian  # the weekday rhythm is the campaign's, the same for every scope
    q_hari = select(rh.c.tanggal, func.sum(rh.c.selesai).label("selesai_hari")).where(rh.c.tanggal <= max(hari), rh.c.tingkat == 1)
    harian = ke_df(db, q_hari.group_by(rh.c.tanggal), ["tanggal", "selesai_hari"])
    q_pertama = select(rs.c.id_ppl, func.min(rs.c.tanggal).label("pertama")).where(rs.c.selesai > 0, rs.c.tanggal <= max(hari))
    q_pertama = q_pertama.where(di_bawah(rs.c.kode_sls, induk)) if induk else q_pertama
    pertama = ke_df(db, q_pertama.group_by(rs.c.id_ppl), ["id_ppl", "pertama"]).set_index("id_ppl")["pertama"]
    pertama_ppl = pd.to_datetime(per_ppl["id_ppl"].map(pertama))  # each PPL's first day with a family
    pertama_hari, pertama_ppl = pertama_ppl.to_numpy(dtype="datetime64[D]"), pertama_ppl.dt.date.to_numpy()
    kolom = dict(zip(titik, nama, strict=True))
    hasil = {}
    for d in hari:
        sekarang, awal = kolom[d], kolom[d - timedelta(days=param.jendela)]
        sls = dasar[["kode_sls", "id_ppl", "sasaran"]].assign(selesai=dasar[sekarang], selesai_awal=dasar[awal])
        sudah = pertama_hari <= np.datetime64(d, "D")  # NaT compares False: a PPL with no family yet
        ppl = pd.DataFrame({"id_ppl": per_ppl["id_ppl"], "kerja": per_ppl[sekarang] - per_ppl[awal], "pertama": np.where(sudah, pertama_ppl, None)})
        faktor, berhenti = ritme_kampanye(harian[harian["tanggal"] <= d], d)
        hasil[d] = Bahan(d, sls, ppl, faktor, mulai, berhenti)
    return hasil


def _kumulatif(kunci: pd.Series, kolom_awal: np.ndarray, nilai: np.ndarray, nama: list[str]) -> pd.DataFrame:
    """Per key, the sum of nilai over rows whose day is on or before each point: a row counts from its column on."""
    baris, daftar = pd.factorize(kunci)
    m = np.zeros((len(daftar), len(nama) + 1))
    np.add.at(m, (baris, kolom_awal), nilai)
    return pd.DataFrame(np.cumsum(m[:, : len(nama)], axis=1), columns=nama).assign(**{kunci.name: daftar}).loc[:, [kunci.name, *nama]]


def baca_bahan(db: Engine | Connection, kode: str, tanggal: date, mulai: date, param: ParameterProyeksi = ParameterProyeksi()) -> Bahan:
    """What the forecast reads as of one day (baca_bahan_hari for that day)."""
    return baca_bahan_hari(db, kode, [tanggal], mulai, param)[tanggal]


def profil_operasi(db: Engine | Connection, induk: str, sampai: date, mulai: date, min_wilayah: int = 5) -> tuple[list[tuple[float, float]], int]:
    """The shape of completion learned from this operation: for every desa under induk that reached its target by
    sampai, its capaian at each twentieth of its own duration (start to finish), averaged over those desa. Returns
    the (share of duration, %) points (empty until min_wilayah desa are done) and how many desa were used."""
    sasaran = rekap_turunan(db, induk, 10, sampai).set_index("kode")["sasaran"]
    seri = seri_harian_turunan(db, induk, 10, sampai)
    if seri.empty:
        return [], 0
    kum = matriks_harian(seri, list(sasaran.index), hari_hari(mulai, sampai)).cumsum(axis=1)
    target = sasaran.to_numpy(dtype=float)
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


def baca_riwayat(db: Engine | Connection, lingkup_kode: str, tanggal: date, jadwal: JadwalKampanye) -> Riwayat | None:
    """The forecast's history in a kabupaten (aturan.kalibrasi.riwayat_ramalan) from the campaign's first day to
    tanggal: every kecamatan and desa on every day, each day's range from its own past errors. None before the start
    and for a scope that is not a kabupaten (its areas keep the prior: aturan.kalibrasi.TINGKAT)."""
    mulai = jadwal.umum.mulai
    if tanggal < mulai or len(lingkup_kode) != LINGKUP:
        return None
    hari = hari_hari(mulai, tanggal)
    bahan = baca_bahan_hari(db, lingkup_kode, hari, mulai)
    sasaran, kum = [], []
    for pj in TINGKAT:
        dasar, seri = rekap_turunan(db, lingkup_kode, pj, tanggal), seri_harian_turunan(db, lingkup_kode, pj, tanggal)
        sasaran.append(dasar[["kode", "sasaran"]])
        kum.append(matriks_harian(seri, list(dasar["kode"]), hari).cumsum(axis=1).to_numpy())
    return riwayat_ramalan(bahan, pd.concat(sasaran, ignore_index=True), np.vstack(kum), jadwal)
