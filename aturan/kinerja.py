"""Officer performance as pure functions: per-PPL figures, the quality flags, and rollups to PML teams and Koseka."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from aturan.indikator import Jadwal

BELUM_DIPERIKSA = date(9999, 12, 31)  # the day checked of a submission not yet checked (a sentinel that sorts last)

BENDERA = ("tidak_aktif", "terlalu_cepat", "terlalu_singkat", "lewat_beban_tanpa_baru")


@dataclass(frozen=True)
class AmbangPetugas:
    """Flag thresholds (configurable in one place: aturan/ambang.py)."""

    hari_tidak_aktif: int = 2  # inactive: no submission for this many campaign days (work still left)
    faktor_cepat: float = 2.5  # too fast: a typical (median) day's families >= this x the kecamatan's median PPL's ...
    minimal_cepat: float = 12.0  # ... and at least this many families on a typical day
    menit_pendek: float = 10.0  # too short: median interview minutes below this ...
    minimal_wawancara: int = 10  # ... over at least this many interviews
    hari_periksa: int = 3  # PML backlog: submissions not checked this many days after they came in ...
    porsi_tunggakan: float = 0.15  # ... are at least this share of the team's submissions that old ...
    minimal_tunggakan: int = 10  # ... and at least this many


def kinerja_ppl(
    petugas: pd.DataFrame,
    beban: pd.DataFrame,
    harian: pd.DataFrame,
    durasi: pd.DataFrame,
    tanggal: date,
    jadwal: Jadwal,
    ambang: AmbangPetugas = AmbangPetugas(),
) -> pd.DataFrame:
    """One row per PPL with workload in the area, as of the end of tanggal.

    beban: id_ppl, sasaran, jumlah_sls, kode_kec. harian: id_ppl, tanggal, selesai_hari, baru_hari, kiriman_hari.
    durasi: id_ppl, menit, jumlah (histogram of whole interview minutes of first submissions up to tanggal;
    with a tanggal column it is cut at tanggal here)."""
    h = harian[harian["tanggal"] <= tanggal]
    atasan = petugas.set_index("id_petugas")["id_atasan"]
    df = beban[["id_ppl", "kode_kec", "sasaran", "jumlah_sls"]].copy()
    df["id_pml"] = df["id_ppl"].map(atasan)
    df["id_koseka"] = df["id_pml"].map(atasan)
    n = len(df)
    indeks_ppl = pd.Index(df["id_ppl"])  # one row per PPL: the position of an ID is its row in df
    baris = indeks_ppl.get_indexer(h["id_ppl"])  # each day's row in df (-1: a PPL without workload here)
    hari = np.fromiter((d.toordinal() for d in h["tanggal"]), dtype="int64", count=len(h))  # dates as numbers
    selesai_h, baru_h, kiriman_h = (np.nan_to_num(h[k].to_numpy(dtype=float)) for k in ("selesai_hari", "baru_hari", "kiriman_hari"))
    di_sini = baris >= 0

    def per_ppl(pilih: np.ndarray, nilai: np.ndarray) -> np.ndarray:  # a sum per PPL over the chosen days
        return np.bincount(baris[di_sini & pilih], nilai[di_sini & pilih], minlength=n)

    semua = np.ones(len(h), dtype=bool)
    df["selesai"] = per_ppl(semua, selesai_h).astype("int64")
    df["keluarga_baru"] = per_ppl(semua, baru_h).astype("int64")
    aktif = di_sini & (kiriman_h > 0)
    df["hari_aktif"] = np.bincount(np.unique(baris[aktif] * 10_000_000 + hari[aktif]) // 10_000_000, minlength=n).astype("int64")  # days, not rows
    terakhir = np.full(n, -1, dtype="int64")
    np.maximum.at(terakhir, baris[aktif], hari[aktif])
    df["terakhir_kirim"] = pd.Series([date.fromordinal(x) if x >= 0 else None for x in terakhir], index=df.index, dtype=object)
    df["hari_sejak_kirim"] = [(tanggal - d).days if isinstance(d, date) else np.nan for d in df["terakhir_kirim"]]
    jendela = 7 if tanggal > jadwal.selesai else min(7, jadwal.hari_ke(tanggal))
    df["laju_7hari"] = per_ppl(hari > (tanggal - timedelta(days=7)).toordinal(), selesai_h) / jendela if jendela else np.nan
    d = durasi[durasi["tanggal"] <= tanggal] if "tanggal" in durasi else durasi
    kode = indeks_ppl.get_indexer(d["id_ppl"])  # each histogram row's row in df (-1: not in the area)
    df["menit_median"] = _median_grup(kode, n, d)
    df["jumlah_wawancara"] = np.bincount(kode[kode >= 0], d["jumlah"].to_numpy(dtype="int64")[kode >= 0], minlength=n).astype("int64")
    kerja = di_sini & (selesai_h > 0)  # families on a typical day of enumeration: the median over days with any
    df["median_harian"] = pd.Series(selesai_h[kerja]).groupby(baris[kerja]).median().reindex(range(n)).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        df["capaian"] = np.where(df["sasaran"] > 0, df["selesai"] / df["sasaran"] * 100, np.nan)
        df["per_hari_aktif"] = np.where(df["hari_aktif"] > 0, df["selesai"] / df["hari_aktif"], np.nan)
    df["sisa"] = np.maximum(df["sasaran"] - df["selesai"], 0)
    sisa_hari = jadwal.sisa_hari(tanggal)
    df["laju_perlu"] = np.where(df["sisa"] == 0, 0.0, df["sisa"] / sisa_hari if sisa_hari else np.nan)
    df["kekurangan_laju"] = df["laju_perlu"] - df["laju_7hari"]
    return tandai(df, tanggal, jadwal, ambang)


def paling_tertinggal(ppl: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
    """PPL with families left, furthest behind first: those with no days left (no required pace, so no shortfall)
    first, then the largest shortfall of the required pace, then the most families left. PPL who are done never appear."""
    urut = ppl[ppl["sisa"] > 0].sort_values(["kekurangan_laju", "sisa", "capaian"], ascending=[False, False, True], na_position="first")
    return urut if n is None else urut.head(n)


def tandai(df: pd.DataFrame, tanggal: date, jadwal: Jadwal, ambang: AmbangPetugas = AmbangPetugas()) -> pd.DataFrame:
    """Add the per-PPL flags (booleans) to kinerja_ppl rows."""
    out = df.copy()
    dalam_jadwal = jadwal.mulai <= tanggal <= jadwal.selesai
    dasar = jadwal.mulai - timedelta(days=1)
    menganggur = [(tanggal - max(d, dasar)).days if isinstance(d, date) else (tanggal - dasar).days for d in out["terakhir_kirim"]]
    out["tidak_aktif"] = dalam_jadwal & (np.array(menganggur) >= ambang.hari_tidak_aktif) & (out["sisa"] > 0)
    median_kec = out.groupby("kode_kec")["median_harian"].median()
    out["rasio_rekan"] = out["median_harian"] / out["kode_kec"].map(median_kec)
    out["terlalu_cepat"] = (out["rasio_rekan"] >= ambang.faktor_cepat) & (out["median_harian"] >= ambang.minimal_cepat)
    out["terlalu_singkat"] = (out["menit_median"] < ambang.menit_pendek) & (out["jumlah_wawancara"] >= ambang.minimal_wawancara)
    out["lewat_beban_tanpa_baru"] = (out["selesai"] > out["sasaran"]) & (out["keluarga_baru"] == 0)
    for b in BENDERA:
        out[b] = out[b].fillna(False).astype(bool)
    out["jumlah_bendera"] = out[list(BENDERA)].sum(axis=1)
    return out


def sampai(harian: pd.DataFrame, tanggal: date) -> pd.DataFrame:
    """The rows of a per-day frame (column tanggal) up to and including tanggal."""
    return harian[harian["tanggal"] <= tanggal]


def histogram_sampai(durasi_harian: pd.DataFrame, tanggal: date) -> pd.DataFrame:
    """Per-PPL histogram of interview minutes (id_ppl, menit, jumlah) of the first submissions up to tanggal,
    from the per-day histogram (id_ppl, tanggal, menit, jumlah)."""
    return sampai(durasi_harian, tanggal).groupby(["id_ppl", "menit"], as_index=False, sort=False)["jumlah"].sum()


def tunggakan_pml(tunggakan: pd.DataFrame, ppl: pd.DataFrame, ambang: AmbangPetugas = AmbangPetugas(), ada_periksa: bool = True) -> pd.DataFrame:
    """Per PML: submissions old enough to be checked (matang), not yet checked (belum_periksa), share and flag.
    Without any check date in the data (ada_periksa False: the export has no tanggal_periksa) the backlog is
    unknown, not total: belum_periksa, porsi_belum and the flag are left empty."""
    df = tunggakan.merge(ppl[["id_ppl", "id_pml"]], on="id_ppl", how="inner").groupby("id_pml")[["matang", "belum_periksa"]].sum()
    df["porsi_belum"] = df["belum_periksa"] / df["matang"].where(df["matang"] > 0)
    df["tunggakan_pml"] = (df["porsi_belum"] >= ambang.porsi_tunggakan) & (df["belum_periksa"] >= ambang.minimal_tunggakan)
    if not ada_periksa:
        df["belum_periksa"], df["porsi_belum"], df["tunggakan_pml"] = pd.NA, np.nan, pd.NA
    return df.reset_index()


def gulung(ppl: pd.DataFrame, kolom: str, durasi: pd.DataFrame) -> pd.DataFrame:
    """Roll PPL rows up to their PML (kolom='id_pml') or Koseka (kolom='id_koseka'), same columns where they add up."""
    g = ppl.groupby(kolom)
    jumlah = g[["sasaran", "selesai", "keluarga_baru", "hari_aktif", "laju_7hari", "laju_perlu", "sisa", *BENDERA]].sum()
    df = pd.DataFrame(
        {
            "jumlah_ppl": g.size(),
            "sasaran": jumlah["sasaran"],
            "selesai": jumlah["selesai"],
            "keluarga_baru": jumlah["keluarga_baru"],
            "hari_aktif": g["hari_aktif"].mean(),  # per PPL on average (a sum over PPL is not days)
            "hari_kerja_ppl": jumlah["hari_aktif"],
            "hari_sejak_kirim": g["hari_sejak_kirim"].min(),
            "laju_7hari": jumlah["laju_7hari"],
            "laju_perlu": jumlah["laju_perlu"],
            "sisa": jumlah["sisa"],
            **{b: jumlah[b] for b in BENDERA},
        }
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        df["capaian"] = np.where(df["sasaran"] > 0, df["selesai"] / df["sasaran"] * 100, np.nan)
        df["per_hari_aktif"] = np.where(df["hari_kerja_ppl"] > 0, df["selesai"] / df["hari_kerja_ppl"], np.nan)  # per PPL per active day
    df = df.drop(columns="hari_kerja_ppl")
    tim, nama = pd.factorize(ppl[kolom], sort=True)  # each PPL's team code (-1: none), in the order of df's index
    kode = pd.Index(ppl["id_ppl"]).get_indexer(durasi["id_ppl"])  # each histogram row's PPL (-1: not in ppl)
    grup = np.where(kode >= 0, tim[kode], -1) if len(tim) else np.full(len(kode), -1)
    df["menit_median"] = pd.Series(_median_grup(grup, len(nama), durasi), index=pd.Index(nama, name=kolom))
    df["kekurangan_laju"] = df["laju_perlu"] - df["laju_7hari"]
    return df.reset_index().rename(columns={kolom: "id_petugas"})


def median_histogram(hist: pd.DataFrame, kolom: str) -> pd.Series:
    """Median of the minutes per group from a histogram (menit, jumlah): equal to the median of the expanded values."""
    if hist.empty:
        return pd.Series(dtype=float)
    grup, nama = pd.factorize(hist[kolom], sort=True)  # rows without a group (-1) are left out, as groupby does
    return pd.Series(_median_grup(grup, len(nama), hist), index=pd.Index(nama, name=kolom))


def _median_grup(grup: np.ndarray, n_grup: int, hist: pd.DataFrame) -> np.ndarray:
    """Median minutes of each of n_grup groups, given each histogram row's group code (-1: no group): NaN for a
    group without rows. Groups by integer codes, so a caller that already holds them hashes no IDs again."""
    ada = grup >= 0
    grup, menit, jumlah = grup[ada], hist["menit"].to_numpy(dtype=float)[ada], hist["jumlah"].to_numpy(dtype="int64")[ada]
    urut = np.lexsort((menit, grup))  # by group, then minute: the cumulative count is the rank of each minute
    grup, menit, kum = grup[urut], menit[urut], np.cumsum(jumlah[urut])
    if not len(kum):
        return np.full(n_grup, np.nan)
    n = np.bincount(grup, jumlah[urut], minlength=n_grup).astype("int64")
    awal = np.searchsorted(grup, np.arange(n_grup), side="left")
    sebelum = np.where(awal > 0, kum[awal - 1], 0)  # the counts of the groups before

    def ke(k: np.ndarray) -> np.ndarray:  # the k-th value of each group (k >= 1), NaN where the group has fewer
        i = np.searchsorted(kum, sebelum + k, side="left")
        return np.where((k >= 1) & (k <= n), menit[np.minimum(i, len(menit) - 1)], np.nan)

    return (ke((n + 1) // 2) + ke(n // 2 + 1)) / 2  # the ((n+1)//2)-th and (n//2+1)-th values


def bendera_harian(petugas, beban, harian, durasi, jadwal: Jadwal, sampai: date, id_ppl: str, ambang: AmbangPetugas = AmbangPetugas()) -> pd.DataFrame:
    """The flags of one PPL on each campaign day up to sampai (peers: the PPL of the same kecamatan)."""
    kec = beban.loc[beban["id_ppl"] == id_ppl, "kode_kec"].iloc[0]
    rekan = beban[beban["kode_kec"] == kec]
    ppl = set(rekan["id_ppl"])
    h, d = harian[harian["id_ppl"].isin(ppl)], durasi[durasi["id_ppl"].isin(ppl)]
    baris = []
    hari = jadwal.mulai
    while hari <= min(sampai, jadwal.selesai):
        k = kinerja_ppl(petugas, rekan, h, d, hari, jadwal, ambang).set_index("id_ppl").loc[id_ppl]
        baris.append({"tanggal": hari, **{b: bool(k[b]) for b in BENDERA}})
        hari += timedelta(days=1)
    return pd.DataFrame(baris)


def petugas_per_wilayah(ppl: pd.DataFrame, tanggal: date) -> pd.DataFrame:
    """Officer figures as aggregates per kecamatan (no officer appears by name or ID): kode_kec, jumlah_ppl,
    aktif_hari_ini (PPL who submitted on tanggal), selesai, sasaran, capaian, and the count of PPL per flag."""
    d = ppl.assign(aktif_hari_ini=[isinstance(x, date) and x == tanggal for x in ppl["terakhir_kirim"]])
    agregat = {"jumlah_ppl": ("id_ppl", "size"), "aktif_hari_ini": ("aktif_hari_ini", "sum"), "selesai": ("selesai", "sum"), "sasaran": ("sasaran", "sum")}
    agregat |= {b: (b, "sum") for b in BENDERA}
    out = d.groupby("kode_kec", as_index=False).agg(**agregat)
    out["capaian"] = np.where(out["sasaran"] > 0, out["selesai"] / out["sasaran"].where(out["sasaran"] > 0) * 100, np.nan)
    return out


def kinerja_area(data: Mapping[str, object], tanggal: date, jadwal: Jadwal, ambang: AmbangPetugas = AmbangPetugas()) -> dict[str, pd.DataFrame]:
    """Officer performance of an area as of tanggal, from what queries.petugas.baca_data_petugas (any later days
    are cut here) and baca_data_hari (as of tanggal, its backlog for ambang.hari_periksa) read: per-PPL figures
    with flags (ppl), PML teams with their check backlog (pml), Koseka (koseka), and the roster, workloads and
    daily output up to the day."""
    harian, durasi = sampai(data["harian"], tanggal), data["durasi"]  # the minutes come summed up to the day
    ppl = kinerja_ppl(data["petugas"], data["beban"], harian, durasi, tanggal, jadwal, ambang)
    tunggak = tunggakan_pml(data["tunggakan"], ppl, ambang, bool(data["ada_periksa"])).rename(columns={"id_pml": "id_petugas"})
    pml = gulung(ppl, "id_pml", durasi).merge(tunggak, on="id_petugas", how="left")
    return {"ppl": ppl, "pml": pml, "koseka": gulung(ppl, "id_koseka", durasi), "petugas": data["petugas"], "beban": data["beban"], "harian": harian}
