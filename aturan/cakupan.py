"""Coverage rules per SLS: not started, stalled, families to revisit and counts too high, counted per area and day."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from aturan.indikator import Jadwal, JadwalKampanye

DAFTAR = ("belum_mulai", "macet", "ulang", "terlalu_tinggi")  # the four lists, in the order they are shown
KOLOM_AREA = ("jumlah_sls", "belum_mulai", "sasaran_belum", "macet", "sls_ulang", "ulang", "terlalu_tinggi")  # counts per area


@dataclass(frozen=True)
class AmbangCakupan:
    """Coverage thresholds (configurable in one place: aturan/ambang.py)."""

    hari_macet: int = 3  # stalled: started, below target, and no new family for this many days up to the as-of day
    persen_tinggi: float = 115.0  # too high: families done above this % of the prelist ...
    persen_baru: float = 20.0  # ... or new families above this % of the prelist
    hari_kepala: int = 8  # the overview and report show the counts from this campaign day on (after the first week)

    def di_kepala(self, jadwal: Jadwal, tanggal: date) -> bool:
        """Whether the overview and the report give the coverage counts on this day of the area's schedule."""
        return jadwal.hari_ke(tanggal) >= self.hari_kepala


def aktivitas(macet: pd.DataFrame, harian: pd.DataFrame, hari: int) -> pd.DataFrame:
    """Beside each stalled SLS (with its ujung: the as-of day or its deadline if earlier), what its PPL did
    anywhere: selesai_jendela (families first submitted in the `hari` campaign days up to ujung) and
    terakhir_ppl (their last day with a family, up to the as-of day)."""
    jendela, terakhir = [], []
    per_ppl = {p: g for p, g in harian.groupby("id_ppl")}
    for p, ujung in zip(macet["id_ppl"], macet["ujung"], strict=True):
        g = per_ppl.get(p)
        if g is None:
            jendela.append(0)
            terakhir.append(None)
            continue
        dalam = (g["tanggal"] > ujung - timedelta(days=hari)) & (g["tanggal"] <= ujung)
        jendela.append(int(g.loc[dalam, "selesai"].sum()))
        terakhir.append(max(g["tanggal"]))
    return macet.assign(selesai_jendela=pd.array(jendela, dtype="int64"), terakhir_ppl=terakhir)


def tenggat_sls(kode_sls: pd.Series, jadwal: JadwalKampanye) -> pd.Series:
    """Each SLS's deadline: the campaign's end, or the extension of an area above it."""
    panjang = max([7, *map(len, jadwal.perpanjangan)])
    awalan = kode_sls.str[:panjang]
    return awalan.map({k: jadwal.untuk(k).selesai for k in awalan.unique()})


def tandai(keadaan: pd.DataFrame, tanggal: date | pd.Series, ambang: AmbangCakupan, jadwal: JadwalKampanye) -> pd.DataFrame:
    """keadaan_sls with the checks of each SLS: belum_mulai, macet (hari_diam: campaign days since its last new
    family, counted up to the SLS's deadline at most), ulang (families to revisit) and terlalu_tinggi (capaian
    or new families above the thresholds). tanggal may be a Series beside keadaan: one as-of day per row."""
    df = keadaan.copy()
    tenggat = pd.to_datetime(tenggat_sls(df["kode_sls"], jadwal))
    hari = pd.to_datetime(tanggal) if isinstance(tanggal, pd.Series) else pd.Timestamp(tanggal)
    ujung = tenggat.where(tenggat <= hari, hari)
    df["ujung"] = ujung.dt.date  # the last day that counts: the as-of day, or the SLS's deadline if earlier
    df["capaian"] = np.where(df["sasaran"] > 0, df["selesai"] / df["sasaran"].where(df["sasaran"] > 0) * 100, np.nan)
    df["persen_baru"] = np.where(df["sasaran"] > 0, df["baru"] / df["sasaran"].where(df["sasaran"] > 0) * 100, np.nan)
    df["hari_diam"] = (ujung - pd.to_datetime(df["terakhir"])).dt.days.clip(lower=0).astype("Int64")
    df["belum_mulai"] = (df["sasaran"] > 0) & (df["selesai"] == 0)
    df["macet"] = (df["selesai"] > 0) & (df["selesai"] < df["sasaran"]) & (df["hari_diam"].fillna(-1) >= ambang.hari_macet).astype(bool)
    df["ulang"] = df["ulang_2"] + df["ulang_3"]
    df["tinggi_capaian"] = df["capaian"] > ambang.persen_tinggi
    df["tinggi_baru"] = df["persen_baru"] > ambang.persen_baru
    df["terlalu_tinggi"] = df["tinggi_capaian"] | df["tinggi_baru"]
    return df


def hitung_per_area(tanda: pd.DataFrame, panjang: int, per_hari: bool = False) -> pd.DataFrame:
    """Counts per area (code length panjang): jumlah_sls, sls_mulai, persen_mulai, belum_mulai, macet,
    sls_ulang, ulang (families), terlalu_tinggi, and the families waiting in SLS not started. per_hari: per
    area and as-of day (tanda's column tanggal)."""
    d = tanda.assign(kode=tanda["kode_sls"].str[:panjang], sls_ulang=tanda["ulang"] > 0, sasaran_belum=tanda["sasaran"].where(tanda["belum_mulai"], 0))
    g = d.groupby(["kode", "tanggal"] if per_hari else "kode", sort=True, observed=True).agg(
        jumlah_sls=("kode_sls", "size"),
        belum_mulai=("belum_mulai", "sum"),
        sasaran_belum=("sasaran_belum", "sum"),
        macet=("macet", "sum"),
        sls_ulang=("sls_ulang", "sum"),
        ulang=("ulang", "sum"),
        terlalu_tinggi=("terlalu_tinggi", "sum"),
    )
    return _mulai(g.astype("int64").reset_index())


def _mulai(g: pd.DataFrame) -> pd.DataFrame:
    g["sls_mulai"] = g["jumlah_sls"] - g["belum_mulai"]
    g["persen_mulai"] = g["sls_mulai"] / g["jumlah_sls"] * 100
    return g


def sidik_cakupan(ambang: AmbangCakupan, jadwal: JadwalKampanye) -> str:
    """What the per-kecamatan daily counts depend on besides the rollups: the thresholds and the deadlines."""
    isi = repr((ambang.hari_macet, ambang.persen_tinggi, ambang.persen_baru, jadwal.umum.mulai, jadwal.umum.selesai, sorted(jadwal.perpanjangan.items())))
    return hashlib.sha256(isi.encode()).hexdigest()[:32]


def per_kecamatan_harian(sls: pd.DataFrame, harian: pd.DataFrame, awal: date, akhir: date, ambang: AmbangCakupan, jadwal: JadwalKampanye) -> pd.DataFrame:
    """The counts of hitung_per_area per kecamatan and as-of day awal..akhir, from the SLS with a workload
    (kode_sls, sasaran) and their rollup rows summed per SLS and day (kode_sls, tanggal, selesai, baru, ulang_2,
    ulang_3): the checks of every SLS on every day, by the same tandai as one day's lists."""
    hari = pd.date_range(awal, akhir, freq="D")
    n, m = len(sls), len(hari)
    if not n:
        return pd.DataFrame(columns=["kode", "tanggal", *KOLOM_AREA])
    posisi = pd.Index(sls["kode_sls"])
    baris = harian[harian["kode_sls"].isin(posisi)]
    i = posisi.get_indexer(baris["kode_sls"])
    j = ((pd.to_datetime(baris["tanggal"]) - hari[0]).dt.days).to_numpy()
    if len(j) and (j.min() < 0 or j.max() >= m):
        raise ValueError("rollup rows outside the days asked for")
    kumulatif = {}
    for k in ("selesai", "baru", "ulang_2", "ulang_3"):
        padat = np.zeros((n, m), dtype="int64")
        np.add.at(padat, (i, j), baris[k].to_numpy(dtype="int64"))
        kumulatif[k] = padat.cumsum(axis=1).ravel()
        if k == "selesai":  # the last day with a new family, up to each day
            ada = np.where(padat > 0, np.arange(m), -1)
            terakhir = np.maximum.accumulate(ada, axis=1).ravel()
    kode = pd.Categorical(np.repeat(posisi.to_numpy(), m), categories=posisi)
    sasaran = np.repeat(sls["sasaran"].to_numpy(dtype="int64"), m)
    keadaan = pd.DataFrame({"kode_sls": kode, "sasaran": sasaran, **kumulatif})
    keadaan["terakhir"] = pd.Series(np.asarray(hari)[np.maximum(terakhir, 0)]).where(terakhir >= 0)
    tanggal = pd.Series(np.tile(np.asarray(hari), n))
    tanda = tandai(keadaan, tanggal, ambang, jadwal).assign(tanggal=tanggal.dt.date)
    return hitung_per_area(tanda, 7, per_hari=True)[["kode", "tanggal", *KOLOM_AREA]]


def gabung_area(per_kec: pd.DataFrame, panjang: int) -> pd.DataFrame:
    """Counts per kecamatan summed to the areas of code length panjang (7 or less)."""
    g = per_kec.assign(kode=per_kec["kode"].str[:panjang]).groupby("kode", sort=True)[list(KOLOM_AREA)].sum()
    return _mulai(g.astype("int64").reset_index())


def total(tanda: pd.DataFrame) -> dict[str, int]:
    """The four counts of one area: SLS not started, SLS stalled, families to revisit, SLS too high (from
    tandai's rows, one per SLS, or from the counts per area)."""
    return {
        "belum_mulai": int(tanda["belum_mulai"].sum()),
        "macet": int(tanda["macet"].sum()),
        "ulang": int(tanda["ulang"].sum()),
        "terlalu_tinggi": int(tanda["terlalu_tinggi"].sum()),
    }
