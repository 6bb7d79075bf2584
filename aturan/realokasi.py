"""A reallocation plan: which officers can lend time, which SLS need it, and an optimal assignment (scipy's MILP)."""

# The model (docs/DEFINISI.md, "Bantuan dan realokasi"), on the forecast's own input (aturan.proyeksi.beban_kerja):
# - Each PPL works off their remaining families at their own pace; their target is the earliest deadline of their
#   SLS (after the deadline: the plan day plus AmbangRealokasi.hari_susulan). In W weighted working days to that
#   target a PPL does laju x W families.
# - A PPL is overloaded when their remaining families exceed laju x W (no pace at all: all of them); that excess must
#   move for them to finish in time. Their SLS with families left are the SLS that need help.
# - A lender is a PPL with pace whose own work is projected done at least longgar_hari working days before their
#   target; their spare capacity is laju x W - remaining families (spare PPL-days: that over their pace).
# - The optimiser (a MILP solved by HiGHS through scipy.optimize.milp) chooses how many families flow from each
#   overloaded PPL to each nearby lender. It maximises, in this order: desa whose every overloaded PPL is relieved
#   (back on time), overloaded PPL relieved, and then least travel (families moved, weighted by distance: same
#   desa, kecamatan, kabupaten). No lender gets more than their spare capacity.
# - Each flow is then handed over as SLS: whole SLS while they fit, then one SLS by a stated number of families;
#   no SLS goes to two lenders (kemas).
# - The "after" forecast is aturan.proyeksi.ramal run on the work reassigned (terapkan).

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from aturan.indikator import JadwalKampanye
from aturan.proyeksi import Bahan, ParameterProyeksi, Sebaran, beban_kerja, ramal

TINGKAT_JARAK = ("desa", "kecamatan", "kabupaten")


@dataclass(frozen=True)
class AmbangRealokasi:
    """The plan's settings."""

    longgar_hari: float = 3.0  # a lender's own work is projected done at least this many working days before their target
    hari_susulan: int = 7  # after the deadline has passed, the target is the plan day plus this many days
    kandidat: int = 12  # lenders considered per overloaded PPL (the nearest, then those with most spare capacity)
    biaya: tuple[float, float, float] = (0.01, 0.03, 0.09)  # travel cost of a family moved: same desa, same kecamatan, same kabupaten
    bobot_desa: float = 10_000.0  # objective weight of a desa brought back on time
    bobot_ppl: float = 100.0  # objective weight of an overloaded PPL relieved
    detik_per_pasangan: float = 1 / 2000  # the solver's time limit grows with the candidate flows (the best plan found so
    detik_min: float = 1.2  # far is used; on the demo the best plan is found well within the limit, proving it
    detik_maks: float = 25.0  # optimal can take far longer)


@dataclass(frozen=True)
class Masalah:
    """The optimisation problem in arrays."""

    sls: pd.DataFrame  # SLS needing help: kode_sls, id_ppl, r (families left, as the forecast counts them), sisa (prelist), o, w
    pemberi: pd.DataFrame  # lenders: id_ppl, kapasitas (families), laju, hari_longgar (spare PPL-days), desa
    lebih: pd.DataFrame  # overloaded PPL: id_ppl, lebih (families that must move), bisa (families of theirs that can move), desa
    pasangan: pd.DataFrame  # candidate flows: o (row of lebih), l (row of pemberi), jarak (0 desa, 1 kecamatan, 2 kabupaten), muat (most families)
    desa_ppl: list[tuple[str, list[int]]]  # each desa with an SLS needing help, and the overloaded PPL (rows of lebih) in it
    ambang: AmbangRealokasi


@dataclass(frozen=True)
class Rencana:
    """A plan for an area on a day."""

    kode: str
    tanggal: date
    pindah: pd.DataFrame  # kode_sls, dari_ppl, ke_ppl, keluarga (families handed over), utuh (the whole SLS), jarak
    pemberi: pd.DataFrame  # lenders: id_ppl, kapasitas, laju, hari_longgar, dipakai (families given), hari_dipakai
    kebutuhan: pd.DataFrame  # SLS needing help: kode_sls, id_ppl, sisa, dibantu (moved wholly or in part)
    area: pd.DataFrame  # the areas compared, then the forecast before and after (KOLOM_BANDING with _sebelum, _sesudah)
    nilai: float  # the objective reached
    celah: float  # the solver's relative gap to its bound: 0 when the plan is proven optimal (else the time limit came first)


VERSI_RENCANA = "1"  # raise when how a plan is computed changes: plans stored by the old code are then not shown


def sidik_rencana(
    versi_data: object, jadwal: JadwalKampanye, *dasar: object, ambang: AmbangRealokasi = AmbangRealokasi(), param: ParameterProyeksi = ParameterProyeksi()
) -> str:
    """What a plan was computed from, as a key for the stored plan: the data's version, the schedule (its extensions
    in code order, however they were read), whatever else the caller's inputs hang on (dasar: the area status
    thresholds), the plan's and the forecast's settings, and this module's VERSI_RENCANA."""
    teks = repr((VERSI_RENCANA, versi_data, jadwal.umum, sorted(jadwal.perpanjangan.items()), dasar, ambang, param))
    return hashlib.sha256(teks.encode()).hexdigest()


def _target(bahan: Bahan, jadwal: JadwalKampanye, w_depan: np.ndarray, ambang: AmbangRealokasi) -> np.ndarray:
    """Weighted working days from the plan day to each SLS's target: its deadline, or hari_susulan days when passed."""
    tgl = bahan.tanggal
    tenggat = {k: jadwal.untuk(k).selesai for k in bahan.sls["kode_sls"].str[:10].unique()}
    hari = np.array([(tenggat[k[:10]] - tgl).days for k in bahan.sls["kode_sls"]], dtype="int64")
    hari = np.where(hari >= 1, hari, ambang.hari_susulan)
    return w_depan[np.clip(hari - 1, 0, len(w_depan) - 1)]


def susun_masalah(
    bahan: Bahan, jadwal: JadwalKampanye, kode: str, ambang: AmbangRealokasi = AmbangRealokasi(), param: ParameterProyeksi = ParameterProyeksi()
) -> Masalah:
    """The problem for the SLS and officers under kode (a kabupaten or kecamatan; bahan read for its kabupaten)."""
    bk = beban_kerja(bahan, param)
    n_ppl = len(bk.daftar_ppl)
    sls = bahan.sls.assign(r=bk.sisa_sls, p=bk.ppl, sisa=(bahan.sls["sasaran"] - bahan.sls["selesai"]).clip(lower=0))
    sls["w"] = _target(bahan, jadwal, bk.w_depan, ambang)
    w_ppl = sls.groupby("p")["w"].min().reindex(range(n_ppl)).to_numpy()
    laju, sisa_ppl = bk.laju_ppl, bk.sisa_ppl
    kapasitas = laju * w_ppl - sisa_ppl
    rumah = sls.groupby("p")["kode_sls"].agg(lambda k: k.str[:10].mode().iloc[0]).reindex(range(n_ppl)).to_numpy()
    di_lingkup = sls["kode_sls"].str.startswith(kode).to_numpy()
    ppl_lingkup = np.zeros(n_ppl, dtype=bool)
    ppl_lingkup[sls.loc[di_lingkup, "p"].to_numpy()] = True
    ids = np.asarray(bk.daftar_ppl)

    with np.errstate(divide="ignore", invalid="ignore"):
        longgar = np.where(laju > 0, kapasitas / laju, 0.0)  # spare weighted working days
    pemberi_ix = np.flatnonzero(ppl_lingkup & (laju > 0) & (longgar >= ambang.longgar_hari))
    pemberi = pd.DataFrame(
        {"id_ppl": ids[pemberi_ix], "kapasitas": kapasitas[pemberi_ix], "laju": laju[pemberi_ix], "hari_longgar": longgar[pemberi_ix], "desa": rumah[pemberi_ix]}
    )
    # overloaded: more families in SLS with prelist families left than the PPL can do (new families expected in an
    # SLS whose prelist is done are not work that can be handed over, and its area does not wait for them)
    sisa_serah = np.bincount(sls["p"], sls["r"] * (sls["sisa"] > 0), minlength=n_ppl)
    kurang = laju * w_ppl - sisa_serah
    lebih_ix = np.flatnonzero(ppl_lingkup & (kurang < -1e-9) & (sisa_serah > 0))
    posisi = pd.Series(np.arange(len(lebih_ix)), index=lebih_ix)
    # an SLS whose prelist families are all done has only the new families expected in the field left: nothing to hand over
    perlu = sls[di_lingkup & sls["p"].isin(lebih_ix).to_numpy() & (sls["r"] > 0).to_numpy() & (sls["sisa"] > 0).to_numpy()].reset_index(drop=True)
    perlu["o"] = posisi.reindex(perlu["p"]).to_numpy()
    perlu = perlu[["kode_sls", "id_ppl", "r", "sisa", "o", "w"]]
    bisa = np.bincount(perlu["o"], perlu["r"], minlength=len(lebih_ix))
    w_lebih = perlu.groupby("o")["w"].min().reindex(range(len(lebih_ix))).to_numpy()
    lebih = pd.DataFrame({"id_ppl": ids[lebih_ix], "lebih": -kurang[lebih_ix], "bisa": bisa, "desa": rumah[lebih_ix]})

    # candidate flows: the lenders nearest each overloaded PPL (then those with most spare capacity); muat is how
    # many families a lender can do by the overloaded PPL's own target on top of their own
    pasangan = []
    desa_pemberi, kec_pemberi = pemberi["desa"].to_numpy(), pemberi["desa"].str[:7].to_numpy()
    for o, d in enumerate(lebih["desa"]):
        muat = np.minimum(pemberi["laju"].to_numpy() * np.minimum(w_ppl[pemberi_ix], w_lebih[o]) - sisa_ppl[pemberi_ix], bisa[o])
        jarak = np.where(desa_pemberi == d, 0, np.where(kec_pemberi == d[:7], 1, 2))
        calon = np.flatnonzero(muat >= 1.0)
        calon = calon[np.lexsort((-pemberi["kapasitas"].to_numpy()[calon], jarak[calon]))][: ambang.kandidat]
        pasangan += [(o, int(b), int(jarak[b]), float(muat[b])) for b in calon]
    kolom = {"o": "int64", "l": "int64", "jarak": "int64", "muat": float}
    pasangan = pd.DataFrame(pasangan, columns=list(kolom)).astype(kolom)
    desa_ppl = [(d, sorted(set(g["o"].astype(int)))) for d, g in perlu.groupby(perlu["kode_sls"].str[:10])]
    return Masalah(perlu, pemberi, lebih, pasangan, desa_ppl, ambang)


def selesaikan(m: Masalah) -> tuple[np.ndarray, float, float]:
    """The best flows (families per row of m.pasangan), the objective reached and whether it is proven optimal
    (else the best found within the time limit): the gap to the solver's bound, 0 when proven optimal.

    Variables: g (families per candidate flow), y (per overloaded PPL: relieved, 0/1), z (per desa: every overloaded
    PPL in it relieved, 0/1). Maximise bobot_desa*sum z + bobot_ppl*sum y - sum biaya[jarak]*g subject to: each
    lender's flows within their capacity; each overloaded PPL's flows within their families that can move;
    lebih_o*y_o <= flows from o; z_d <= y_o for every overloaded PPL o in desa d."""
    ng, ny, nz = len(m.pasangan), len(m.lebih), len(m.desa_ppl)
    a = m.ambang
    G, Y, Z = 0, ng, ng + ny  # where each block of variables starts
    c = np.r_[np.asarray(a.biaya)[m.pasangan["jarak"].to_numpy()], np.full(ny, -a.bobot_ppl), np.full(nz, -a.bobot_desa)]  # milp minimises
    baris, kolom, isi, atas = [], [], [], []

    def tambah(kol, nilai, hi):
        baris.extend([len(atas)] * len(kol))
        kolom.extend(kol)
        isi.extend(nilai)
        atas.append(hi)

    o, pemberi = m.pasangan["o"].to_numpy(), m.pasangan["l"].to_numpy()
    for k, g in pd.Series(np.arange(ng)).groupby(pemberi):  # capacity of each lender
        tambah(list(G + g), [1.0] * len(g), float(m.pemberi["kapasitas"].iloc[k]))
    for k in range(ny):  # what can move from each overloaded PPL, and relieved only when enough moves
        ix = list(G + np.flatnonzero(o == k))
        tambah(ix, [1.0] * len(ix), float(m.lebih["bisa"].iloc[k]))
        tambah([*ix, Y + k], [*([-1.0] * len(ix)), float(m.lebih["lebih"].iloc[k])], 0.0)
    for d, (_, ppl) in enumerate(m.desa_ppl):  # a desa is on time only when every overloaded PPL in it is relieved
        for k in ppl:
            tambah([Z + d, Y + k], [1.0, -1.0], 0.0)
    n_var = ng + ny + nz
    if n_var == 0:
        return np.zeros(0), 0.0, 0.0
    A = coo_array((isi, (baris, kolom)), shape=(len(atas), n_var)).tocsr() if atas else None
    hasil = milp(
        c,
        constraints=LinearConstraint(A, -np.inf, atas) if A is not None else None,
        integrality=np.r_[np.zeros(ng), np.ones(ny + nz)],
        bounds=Bounds(np.zeros(n_var), np.r_[m.pasangan["muat"].to_numpy(), np.ones(ny + nz)]),
        options={"time_limit": float(np.clip(ng * a.detik_per_pasangan, a.detik_min, a.detik_maks)), "mip_rel_gap": 1e-9},  # travel is a small term
    )
    if hasil.x is None:
        return np.zeros(ng), 0.0, 1.0
    return np.maximum(hasil.x[G:Y], 0.0), -float(hasil.fun), 0.0 if hasil.status == 0 else float(getattr(hasil, "mip_gap", 1.0) or 0.0)


def kemas(m: Masalah, aliran: np.ndarray) -> pd.DataFrame:
    """The flows as handovers: per overloaded PPL, each lender (nearest first) takes whole SLS (largest first)
    while they fit in the flow, then one SLS by the number of families left of the flow; an SLS goes to one
    lender at most. Families in the forecast's count (r) become prelist families in the same proportion,
    rounded down, so no lender gets more than the optimiser gave them."""
    baris = []
    pakai = m.pasangan.assign(g=aliran)
    pakai = pakai[pakai["g"] > 0.5].sort_values(["o", "jarak", "l"])
    for o, aliran_o in pakai.groupby("o"):
        sls = m.sls[m.sls["o"] == o].sort_values(["r", "kode_sls"], ascending=[False, True])
        bebas = list(sls.itertuples(index=False))
        for f in aliran_o.itertuples(index=False):
            sisa_aliran = f.g
            for s in list(bebas):  # whole SLS, largest first, while they fit
                if s.r > sisa_aliran + 1e-6:
                    continue
                baris.append((s.kode_sls, s.id_ppl, m.pemberi["id_ppl"].iloc[f.l], int(s.sisa), True, f.jarak, s.r))
                sisa_aliran -= s.r
                bebas.remove(s)
            if bebas and sisa_aliran >= 1.0:  # then part of the largest SLS left
                s = bebas.pop(0)
                jumlah = int(np.floor(sisa_aliran * (s.sisa / s.r if s.r > 0 else 1.0) + 1e-9))
                if jumlah >= 1:
                    baris.append(
                        (s.kode_sls, s.id_ppl, m.pemberi["id_ppl"].iloc[f.l], min(jumlah, int(s.sisa)), jumlah >= s.sisa, f.jarak, jumlah * s.r / max(s.sisa, 1))
                    )
                else:
                    bebas.insert(0, s)
    kolom = ["kode_sls", "dari_ppl", "ke_ppl", "keluarga", "utuh", "jarak", "r"]
    out = pd.DataFrame(baris, columns=kolom).astype({"keluarga": "int64", "utuh": bool, "r": float})
    out["jarak"] = [TINGKAT_JARAK[k] for k in out["jarak"]]
    return out.sort_values("kode_sls", ignore_index=True)


def terapkan(bahan: Bahan, pindah: pd.DataFrame) -> Bahan:
    """The forecast's input with the moves applied (pindah: kode_sls, ke_ppl, keluarga): a whole SLS passes to its
    lender; a part becomes a row of its own under the lender with that many families (none of them done yet)."""
    sls = bahan.sls.reset_index(drop=True)
    ke = pindah.set_index("kode_sls")
    baris = sls["kode_sls"].map(ke["ke_ppl"])
    jumlah = sls["kode_sls"].map(ke["keluarga"])
    sisa = (sls["sasaran"] - sls["selesai"]).clip(lower=0)
    utuh = baris.notna() & (jumlah >= sisa)
    bagian = baris.notna() & ~utuh
    sls.loc[utuh, "id_ppl"] = baris[utuh]
    baru = sls[bagian].assign(id_ppl=baris[bagian], sasaran=jumlah[bagian].astype("int64"), selesai=0, selesai_awal=0)
    sls.loc[bagian, "sasaran"] = sls.loc[bagian, "sasaran"] - jumlah[bagian].astype("int64")
    return replace(bahan, sls=pd.concat([sls, baru], ignore_index=True))


KOLOM_BANDING = ("proyeksi_selesai", "proyeksi_p10", "proyeksi_p90", "peluang_tepat", "sisa_di_tenggat")


def rencanakan(
    bahan: Bahan,
    jadwal: JadwalKampanye,
    kode: str,
    area: pd.DataFrame,
    ambang: AmbangRealokasi = AmbangRealokasi(),
    param: ParameterProyeksi = ParameterProyeksi(),
    sebaran: Mapping[int, Sebaran] | None = None,
) -> Rencana:
    """The plan for kode on bahan.tanggal; area (kode, sasaran, selesai, and any other columns) are the areas whose
    forecast is compared before and after (the same forecast, run on the work as it is and as reassigned, with the
    spread of the campaign's own past errors the other pages use: sebaran, per code length)."""
    m = susun_masalah(bahan, jadwal, kode, ambang, param)
    aliran, nilai, celah = selesaikan(m)
    pindah = kemas(m, aliran)
    ke = m.pemberi["id_ppl"].map(pindah.groupby("ke_ppl")["r"].sum()).fillna(0.0).to_numpy()
    pemberi = m.pemberi.assign(dipakai=ke, hari_dipakai=ke / m.pemberi["laju"].to_numpy()).drop(columns="desa")
    kebutuhan = m.sls[["kode_sls", "id_ppl", "sisa"]].assign(dibantu=m.sls["kode_sls"].isin(pindah["kode_sls"]))
    dasar = area[["kode", "sasaran", "selesai"]].reset_index(drop=True)
    sebelum = ramal(bahan, dasar, jadwal, param, sebaran)
    sesudah = ramal(terapkan(bahan, pindah), dasar, jadwal, param, sebaran)
    banding = area.reset_index(drop=True).copy()
    for k in KOLOM_BANDING:
        banding[f"{k}_sebelum"] = sebelum[k].to_numpy()
        banding[f"{k}_sesudah"] = sesudah[k].to_numpy()
    return Rencana(kode, bahan.tanggal, pindah.drop(columns="r"), pemberi.sort_values("id_ppl", ignore_index=True), kebutuhan, banding, nilai, celah)
