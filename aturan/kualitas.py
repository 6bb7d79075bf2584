"""Field-quality checks from paradata as pure functions: per-PPL-day counts, time zones, and the per-PPL flags."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy.special import bdtrc  # binom.sf without importing scipy.stats (about a second at start)

# Local time of the field by province (BPS codes, 2022 provinces plus the Papua provinces made since): WIB is UTC+7,
# WITA UTC+8, WIT UTC+9. Any other code (a test or demo province) is WIB.
ZONA_JAM = {"WIB": 7, "WITA": 8, "WIT": 9}
ZONA_PROVINSI = {
    **dict.fromkeys(("51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"), "WITA"),
    **dict.fromkeys(("81", "82", "91", "92", "93", "94", "95", "96", "97"), "WIT"),
}
CEK = ("tumpang", "malam", "luar_desa", "menumpuk", "hasil_3", "hasil_4", "hasil_5", "menit_bulat")  # one flag per check
CEK_HASIL = {"hasil_3": 3, "hasil_4": 4, "hasil_5": 5}
NILAI_RINGKAS = ("berwaktu", "tumpang", "malam", "bertitik", "tanpa_batas", "luar_desa", "menumpuk")  # counts of the per-PPL-day rollup
M_PER_DERAJAT_LINTANG = 110_574.0
M_PER_DERAJAT_BUJUR = 111_320.0  # at the equator; times cos(latitude)


@dataclass(frozen=True)
class AmbangKualitas:
    """Thresholds of the field-quality checks (configurable in one place: aturan.ambang.AMBANG_KUALITAS). The first
    group shapes the stored per-PPL-day counts (a change rebuilds them at the next start); the rest only the flags."""

    malam_mulai: str = "22:00"  # night: an interview starting at or after this local time ...
    malam_selesai: str = "05:00"  # ... or before this one
    toleransi_tumpang_menit: float = 1.0  # two interviews overlap when one starts more than this before the other ends
    toleransi_luar_meter: float = 100.0  # a point this far or less outside its desa is GPS error, not outside
    jarak_tumpuk_meter: float = 10.0  # families located within about this many metres of each other are at one spot ...
    minimal_tumpuk: int = 5  # ... when at least this many of one PPL's families of one day are there
    minimal_tumpang: int = 2  # flag: at least this many overlapping interviews
    minimal_malam: int = 3  # flag: at least this many night interviews ...
    porsi_malam: float = 0.10  # ... that are at least this share of the PPL's timed interviews
    minimal_luar: int = 3  # flag: at least this many points outside their desa ...
    porsi_luar: float = 0.20  # ... that are at least this share of the PPL's points
    minimal_menumpuk: int = 10  # flag: at least this many families at spots shared with 4 or more others that day
    alfa: float = 0.001  # result codes and round minutes: flagged only when chance would give this much this rarely ...
    selisih_hasil: float = 0.10  # ... and the PPL's share of a result code is this much (10 points) above the peers'
    porsi_bulat: float = 0.50  # ... and at least this share of the interview minutes are multiples of 5
    minimal_durasi: int = 20  # round minutes are judged over at least this many interviews

    def sidik(self) -> str:
        """The thresholds the stored per-PPL-day counts were built with."""
        d = asdict(self)
        return json.dumps({k: d[k] for k in ("malam_mulai", "malam_selesai", "toleransi_tumpang_menit", "toleransi_luar_meter", "jarak_tumpuk_meter", "minimal_tumpuk")})

    def menit_malam(self) -> tuple[int, int]:
        """The night window as minutes after midnight (start, end); start > end when it spans midnight."""
        return _menit(self.malam_mulai), _menit(self.malam_selesai)


def _menit(jam: str) -> int:
    h, m = jam.split(":")
    return int(h) * 60 + int(m)


def zona_waktu(kode: str) -> str:
    """WIB, WITA or WIT: the time zone of an area, from its province."""
    return ZONA_PROVINSI.get(str(kode)[:2], "WIB")


def jam_zona(kode: pd.Series) -> np.ndarray:
    """Hours ahead of UTC of the areas' time zones (looked up once per province, not once per row)."""
    posisi, provinsi = pd.factorize(kode.astype(str).str[:2], use_na_sentinel=False)
    jam = np.array([ZONA_JAM[ZONA_PROVINSI.get(p, "WIB")] for p in provinsi], dtype="int64")
    return jam[posisi] if len(jam) else np.zeros(0, dtype="int64")


def di_malam(waktu_mulai: pd.Series, ambang: AmbangKualitas) -> pd.Series:
    """Whether each interview started in the night window (local times; a missing time is not at night)."""
    w = pd.to_datetime(waktu_mulai)
    menit = w.dt.hour * 60 + w.dt.minute
    awal, akhir = ambang.menit_malam()
    malam = (menit >= awal) | (menit < akhir) if awal > akhir else (menit >= awal) & (menit < akhir)
    return malam & w.notna()


def _kode_pasangan(a: pd.Series, b: pd.Series) -> np.ndarray:
    """One code per distinct (a, b) pair, numbered by first appearance (as factorizing the pairs would number them),
    from each column's own codes: factorizing a million pairs of objects took a second, this a tenth of it."""
    kode_a, _ = pd.factorize(a)
    kode_b, nilai_b = pd.factorize(b)
    return pd.factorize(kode_a.astype("int64") * max(len(nilai_b), 1) + kode_b)[0]


def tanda_kiriman(kiriman: pd.DataFrame, ambang: AmbangKualitas) -> pd.DataFrame:
    """What the checks mark on each submission (same row order as kiriman): berwaktu, tumpang, malam, bertitik,
    tanpa_batas, luar_desa, menumpuk (0/1) and jarak_luar (metres outside its desa, NaN when inside). kiriman:
    id_ppl, tanggal, waktu_mulai, waktu_selesai, lintang, bujur, jarak_desa, holding every submission of each
    PPL-day given (overlaps and shared spots are judged within a PPL-day)."""
    k = kiriman.reset_index(drop=True)
    mulai = pd.to_datetime(k["waktu_mulai"])
    selesai = pd.to_datetime(k["waktu_selesai"])
    lintang = pd.to_numeric(k["lintang"]).to_numpy(dtype=float)
    bujur = pd.to_numeric(k["bujur"]).to_numpy(dtype=float)
    jarak = pd.to_numeric(k["jarak_desa"]).to_numpy(dtype=float)
    hari = _kode_pasangan(k["id_ppl"], k["tanggal"])  # the PPL-day of each submission
    malam = di_malam(mulai, ambang).to_numpy()
    # overlap: sorted by start within the PPL-day, an interview starting before the latest end so far, or ending after the next start
    lengkap = mulai.notna() & selesai.notna()
    tumpang = np.zeros(len(k), dtype=bool)
    if lengkap.any():
        w = pd.DataFrame({"hari": hari, "m": mulai, "s": selesai})[lengkap.to_numpy()].sort_values(["hari", "m"], kind="stable")
        tol = pd.Timedelta(minutes=ambang.toleransi_tumpang_menit)
        g = w.groupby("hari", sort=False)
        akhir_sebelum = w["s"].groupby(w["hari"]).cummax().groupby(w["hari"]).shift()
        mulai_berikut = g["m"].shift(-1)
        kena = (w["m"] < akhir_sebelum - tol) | (w["s"] - tol > mulai_berikut)
        tumpang[kena.index[kena.to_numpy()]] = True

    # one spot: four grids of cells twice the distance, shifted by half a cell, so any group of points within the
    # distance of each other shares a cell in one of them; a point's spot is the fullest cell holding it
    bertitik = ~np.isnan(lintang) & ~np.isnan(bujur)
    menumpuk = np.zeros(len(k), dtype=bool)
    if bertitik.any():
        sel = 2 * ambang.jarak_tumpuk_meter
        y = lintang[bertitik] * M_PER_DERAJAT_LINTANG
        x = bujur[bertitik] * M_PER_DERAJAT_BUJUR * np.cos(np.radians(lintang[bertitik]))
        h = hari[bertitik]
        isi = np.zeros(int(bertitik.sum()), dtype="int64")
        for gx, gy in ((0, 0), (0.5, 0), (0, 0.5), (0.5, 0.5)):
            kunci = pd.DataFrame({"h": h, "x": np.floor(x / sel + gx).astype("int64"), "y": np.floor(y / sel + gy).astype("int64")})
            isi = np.maximum(isi, kunci.groupby(["h", "x", "y"])["h"].transform("size").to_numpy())
        menumpuk[bertitik] = isi >= ambang.minimal_tumpuk

    luar = jarak > ambang.toleransi_luar_meter  # NaN (no point or no polygon) is never outside
    return pd.DataFrame(
        {
            "berwaktu": mulai.notna().to_numpy().astype("int64"),
            "tumpang": tumpang.astype("int64"),
            "malam": malam.astype("int64"),
            "bertitik": bertitik.astype("int64"),
            "tanpa_batas": (bertitik & np.isnan(jarak)).astype("int64"),
            "luar_desa": luar.astype("int64"),
            "menumpuk": menumpuk.astype("int64"),
            "jarak_luar": np.where(luar, jarak, np.nan),
        }
    )


def ringkas_harian(kiriman: pd.DataFrame, ambang: AmbangKualitas) -> pd.DataFrame:
    """Per PPL, kecamatan (of the SLS) and day: counts of the submissions' paradata (NILAI_RINGKAS, from
    tanda_kiriman) and the farthest point outside its desa. kiriman as for tanda_kiriman, with kode_sls."""
    kolom = ["id_ppl", "kode_kec", "tanggal", *NILAI_RINGKAS, "jarak_luar_maks"]
    if kiriman.empty:
        return pd.DataFrame(columns=kolom)
    k = kiriman.reset_index(drop=True)
    tanda = tanda_kiriman(k, ambang)
    df = pd.concat([pd.DataFrame({"id_ppl": k["id_ppl"], "kode_kec": k["kode_sls"].astype(str).str[:7], "tanggal": k["tanggal"]}), tanda], axis=1)
    df = df.rename(columns={"jarak_luar": "jarak_luar_maks"})
    hasil = df.groupby(["id_ppl", "kode_kec", "tanggal"], as_index=False, sort=True).agg(
        **{n: (n, "sum") for n in NILAI_RINGKAS}, jarak_luar_maks=("jarak_luar_maks", "max")
    )
    ada = hasil[["berwaktu", "bertitik"]].sum(axis=1) > 0  # a PPL-day without paradata is not kept
    return hasil[ada].reset_index(drop=True)[kolom]


def _ekor_binomial(x: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """P(X >= x) for X ~ Binomial(n, p): how rarely chance alone gives x or more."""
    return bdtrc(np.asarray(x) - 1, np.asarray(n), np.clip(np.asarray(p, dtype=float), 1e-9, 1 - 1e-9))


def nilai_kualitas(ringkas: pd.DataFrame, hasil: pd.DataFrame, durasi: pd.DataFrame, ambang: AmbangKualitas) -> pd.DataFrame:
    """One row per PPL and kecamatan with the checks' figures and a flag per check (CEK), worst first.

    ringkas: id_ppl, kode_kec and the NILAI_RINGKAS counts summed over the days, jarak_luar_maks (their max).
    hasil: id_ppl, kode_kec, keluarga, hasil_3, hasil_4, hasil_5 (families by current result as of the last day).
    durasi: id_ppl, kode_kec, wawancara, bulat (first interviews with minutes, and how many a multiple of 5).
    A PPL's result shares are compared with the other PPL of the same kecamatan taken together; the chance of a
    share that high if the PPL were like them (a binomial tail) must be below alfa, so 1 refusal in 20 families
    never flags. Round minutes are compared with the 1 in 5 that whole minutes give by chance."""
    kunci = ["id_ppl", "kode_kec"]
    df = ringkas.merge(hasil, on=kunci, how="outer").merge(durasi, on=kunci, how="outer")
    for c in (*NILAI_RINGKAS, "keluarga", *CEK_HASIL, "wawancara", "bulat"):
        df[c] = pd.to_numeric(df.get(c), errors="coerce").fillna(0).astype("int64") if c in df else 0
    df["jarak_luar_maks"] = pd.to_numeric(df.get("jarak_luar_maks"), errors="coerce")
    df["tumpang_flag"] = df["tumpang"] >= ambang.minimal_tumpang
    df["malam_flag"] = (df["malam"] >= ambang.minimal_malam) & (df["malam"] >= ambang.porsi_malam * df["berwaktu"])
    df["luar_desa_flag"] = (df["luar_desa"] >= ambang.minimal_luar) & (df["luar_desa"] >= ambang.porsi_luar * df["bertitik"])
    df["menumpuk_flag"] = df["menumpuk"] >= ambang.minimal_menumpuk
    total_kec = df.groupby("kode_kec")[["keluarga", *CEK_HASIL]].transform("sum")
    for c in CEK_HASIL:
        n_rekan = total_kec["keluarga"] - df["keluarga"]
        x_rekan = total_kec[c] - df[c]
        rekan = (x_rekan + 0.5) / (n_rekan + 1)  # the peers' share, never exactly 0 (no peers: 0.5, so nothing flags)
        porsi = df[c] / df["keluarga"].where(df["keluarga"] > 0)
        df[f"porsi_{c}"] = porsi
        df[f"rekan_{c}"] = rekan
        df[f"p_{c}"] = _ekor_binomial(df[c], df["keluarga"], rekan)
        df[f"{c}_flag"] = (df[f"p_{c}"] < ambang.alfa) & (porsi - rekan >= ambang.selisih_hasil)
    df["porsi_bulat"] = df["bulat"] / df["wawancara"].where(df["wawancara"] > 0)
    df["p_bulat"] = _ekor_binomial(df["bulat"], df["wawancara"], np.full(len(df), 0.2))
    df["menit_bulat_flag"] = (df["wawancara"] >= ambang.minimal_durasi) & (df["porsi_bulat"] >= ambang.porsi_bulat) & (df["p_bulat"] < ambang.alfa)
    flag = [f"{c}_flag" for c in CEK]
    df = df.copy()  # one block per dtype: the frame was built a column at a time
    for f in flag:
        df[f] = df[f].fillna(False).astype(bool)
    df["jumlah_bendera"] = df[flag].sum(axis=1).astype("int64")
    return df.sort_values(["jumlah_bendera", "kode_kec", "id_ppl"], ascending=[False, True, True]).reset_index(drop=True)


def per_kecamatan(nilai: pd.DataFrame) -> pd.DataFrame:
    """PPL flagged per check and kecamatan (what the rapat role sees: counts, never officers)."""
    flag = [f"{c}_flag" for c in CEK]
    if nilai.empty:
        return pd.DataFrame(columns=["kode_kec", "ppl", "ppl_berbendera", *CEK])
    g = nilai.groupby("kode_kec")
    hasil = g[flag].sum().rename(columns=lambda c: c.removesuffix("_flag"))
    hasil.insert(0, "ppl_berbendera", g["jumlah_bendera"].apply(lambda s: int((s > 0).sum())))
    hasil.insert(0, "ppl", g["id_ppl"].nunique())
    return hasil.reset_index().astype({c: "int64" for c in ["ppl", "ppl_berbendera", *CEK]})
