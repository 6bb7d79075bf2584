"""Back-checks: the daily sample to re-visit (random plus targeted), and what the re-visits found per officer and per flag."""

# The rules (docs/DEFINISI.md, "Back-checks"):
# - The random part: every family completed (current result 1) on the day is drawn independently with probability
#   laju_acak. The draw is a hash of the family's ID with the campaign's salt, so the same day and settings give the
#   same sample, and whether a family is drawn does not depend on anything else about it (the part is unbiased).
# - The targeted part: of the officers with a field-quality flag, their interviews of the day that the checks
#   themselves mark (overlapping, at night, outside the desa polygon, at a shared spot), each drawn with probability
#   laju_sasaran by a second hash, at most maks_sasaran per officer and day. A family drawn at random stays random.
# - An officer's mismatch share (outcomes 2, 3, 4 among 1-4; a refusal says nothing) is estimated from the random
#   part only, with a Wilson interval. Their status: "belum" until min_cek families are checked (either part),
#   "masalah" (confirmed) when at least min_tidak_cocok checks did not match and they are at least porsi_masalah of
#   the checks, else "bersih" (cleared).
# - A flag's precision: of the officers it flagged whose status is known (bersih or masalah), the share confirmed.

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import ndtri  # norm.ppf without importing scipy.stats (about a second at start)

TANDA_WAWANCARA = ("tumpang", "malam", "luar_desa", "menumpuk")  # the checks that mark single interviews
TIDAK_COCOK = (2, 3, 4)  # beda, tidak ditemukan, tidak ada
DINILAI = (1, 2, 3, 4)  # outcomes that say whether the interview was right (5: refused)
STATUS_CEK = ("belum", "bersih", "masalah")


@dataclass(frozen=True)
class AmbangCekUlang:
    """Back-check settings."""

    laju_acak: float = 0.05  # share of every officer's completed families drawn at random
    laju_sasaran: float = 0.5  # share of a flagged officer's marked interviews drawn ...
    maks_sasaran: int = 5  # ... at most this many per officer and day
    garam: str = "regsosek-2022"  # the campaign's salt: another salt gives another (equally random) sample
    min_cek: int = 5  # an officer's status is known after this many checked families
    min_tidak_cocok: int = 3  # confirmed: at least this many did not match ...
    porsi_masalah: float = 0.25  # ... and they are at least this share of the checks
    keyakinan: float = 0.90  # the interval of the mismatch share


def undian(id_keluarga: pd.Series, garam: str, bagian: str) -> np.ndarray:
    """A uniform number in [0, 1) per family from a hash of its ID (the same ID, salt and part: the same number)."""
    kunci = f"{garam}|{bagian}|".encode()
    return np.array([int.from_bytes(hashlib.blake2b(kunci + str(k).encode(), digest_size=8).digest(), "big") / 2.0**64 for k in id_keluarga], dtype=float)


def acak(id_keluarga: pd.Series, ambang: AmbangCekUlang) -> np.ndarray:
    """Whether each family falls in the random part (at rate laju_acak)."""
    return undian(id_keluarga, ambang.garam, "acak") < ambang.laju_acak


def sampel(selesai: pd.DataFrame, ditandai: set[str], ambang: AmbangCekUlang = AmbangCekUlang()) -> pd.DataFrame:
    """The back-check list of one day from the families completed that day.

    selesai: id_keluarga, id_ppl, id_pml, kode_sls and the TANDA_WAWANCARA columns (0/1: what the checks mark on
    that interview); ditandai: the officers with a field-quality flag. Returns the rows drawn with bagian ("acak" or
    "sasaran") and alasan (for a targeted row, the marks that made it eligible, comma-separated)."""
    kolom = [*selesai.columns, "bagian", "alasan"]
    if selesai.empty:
        return pd.DataFrame(columns=kolom)
    d = selesai.reset_index(drop=True)
    pilih_acak = acak(d["id_keluarga"], ambang)
    tanda = d[list(TANDA_WAWANCARA)].fillna(0).astype(bool).to_numpy()
    layak = d["id_ppl"].isin(ditandai).to_numpy() & tanda.any(axis=1) & ~pilih_acak
    u = undian(d["id_keluarga"], ambang.garam, "sasaran")
    calon = d[layak & (u < ambang.laju_sasaran)].assign(_u=u[layak & (u < ambang.laju_sasaran)])
    calon = calon.sort_values(["id_ppl", "_u"]).groupby("id_ppl", sort=False).head(ambang.maks_sasaran)
    alasan = [",".join(t for t, ada in zip(TANDA_WAWANCARA, baris, strict=True) if ada) for baris in tanda]
    out = pd.concat(
        [d[pilih_acak].assign(bagian="acak", alasan="acak"), d.loc[calon.index].assign(bagian="sasaran", alasan=[alasan[i] for i in calon.index])],
        ignore_index=True,
    )
    return out.sort_values(["id_pml", "id_ppl", "id_keluarga"], kind="stable", ignore_index=True)[kolom]


def wilson(x: np.ndarray, n: np.ndarray, keyakinan: float) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of x successes in n, for every officer at once (the formula scipy's
    binomtest(...).proportion_ci(method="wilson") uses, vectorised: one call per officer costs ~0.2 ms); NaN where n = 0."""
    x, n = np.asarray(x, dtype=float), np.asarray(n, dtype=float)
    z = ndtri(0.5 + keyakinan / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        tengah = (x + z * z / 2) / (n + z * z)
        lebar = z * np.sqrt(n * p * (1 - p) + z * z / 4) / (n + z * z)
    ada = n > 0
    return np.where(ada, np.clip(tengah - lebar, 0, 1), np.nan), np.where(ada, np.clip(tengah + lebar, 0, 1), np.nan)


def hasil_ppl(cek: pd.DataFrame, ambang: AmbangCekUlang = AmbangCekUlang()) -> pd.DataFrame:
    """Per officer from back-check rows (id_keluarga, id_ppl, hasil_cek; a family's latest check only): checked
    families (dicek), of them not matching (tidak_cocok), refused; the random part's counts (acak_dicek,
    acak_tidak_cocok), the mismatch share from it with its interval, and the status."""
    kolom = ["id_ppl", "dicek", "tidak_cocok", "menolak", "acak_dicek", "acak_tidak_cocok", "porsi_tidak_cocok", "bawah", "atas", "status"]
    if cek.empty:
        return pd.DataFrame(columns=kolom)
    hasil = cek["hasil_cek"]
    nilai, beda, acak_ = hasil.isin(DINILAI).to_numpy(), hasil.isin(TIDAK_COCOK).to_numpy(), acak(cek["id_keluarga"], ambang)
    d = pd.DataFrame({"dicek": nilai, "tidak_cocok": beda, "menolak": (hasil == 5).to_numpy(), "acak_dicek": nilai & acak_, "acak_tidak_cocok": beda & acak_})
    g = d.groupby(cek["id_ppl"].to_numpy()).sum().astype("int64").rename_axis("id_ppl").reset_index()  # one grouping for all five counts
    with np.errstate(divide="ignore", invalid="ignore"):
        g["porsi_tidak_cocok"] = np.where(g["acak_dicek"] > 0, g["acak_tidak_cocok"] / g["acak_dicek"], np.nan)
    g["bawah"], g["atas"] = wilson(g["acak_tidak_cocok"].to_numpy(), g["acak_dicek"].to_numpy(), ambang.keyakinan)
    masalah = (g["tidak_cocok"] >= ambang.min_tidak_cocok) & (g["tidak_cocok"] >= ambang.porsi_masalah * g["dicek"])
    g["status"] = np.where(masalah, "masalah", np.where(g["dicek"] >= ambang.min_cek, "bersih", "belum"))
    return g[kolom]


def presisi_bendera(bendera: pd.DataFrame, hasil: pd.DataFrame, cek: tuple[str, ...]) -> pd.DataFrame:
    """Per flag (cek names, 0/1 columns of bendera with id_ppl): officers flagged, of them with a known back-check
    status (diketahui), confirmed (terbukti) and the precision terbukti / diketahui."""
    status = bendera[["id_ppl"]].merge(hasil[["id_ppl", "status"]], on="id_ppl", how="left")["status"].fillna("belum").to_numpy()
    baris = []
    for c in cek:
        kena = bendera[c].fillna(0).astype(bool).to_numpy() if c in bendera else np.zeros(len(bendera), dtype=bool)
        diketahui = int((kena & (status != "belum")).sum())
        terbukti = int((kena & (status == "masalah")).sum())
        baris.append({"cek": c, "ditandai": int(kena.sum()), "diketahui": diketahui, "terbukti": terbukti, "presisi": terbukti / diketahui if diketahui else np.nan})
    return pd.DataFrame(baris, columns=["cek", "ditandai", "diketahui", "terbukti", "presisi"])
