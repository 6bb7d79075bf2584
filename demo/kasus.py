"""Coverage cases planted in the demo campaign for the checks to find: SLS nobody visits, SLS that stall, a desa counted twice."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

PORSI_KASUS = 0.002  # share of assignment units planted as unvisited, and again as stalled (at least 2 each)


def tanam_kasus_cakupan(seed: int, keluarga: pd.DataFrame, beban: pd.DataFrame, petugas: pd.DataFrame, info: dict) -> tuple[pd.DataFrame, dict]:
    """Plant the cases in the simulated submissions (its own random stream, so the rest of the campaign is
    unchanged): a few SLS of officers who otherwise work normally get no submission at all; a few stop after
    half to two thirds of their families while their PPL works on elsewhere; and the smallest desa of one
    kecamatan is counted a second time, as new families, by a PPL of a neighbouring desa."""
    rng = np.random.default_rng([seed, 17])
    lain = set(info["ppl_berhenti"]) | set(info["ppl_cepat"])
    terpencil = set(info["kecamatan_terpencil"])
    pertama = keluarga.drop_duplicates("id_keluarga")
    dikerjakan = pertama.groupby("kode_sls").agg(n=("id_keluarga", "size"), hari_awal=("tanggal", "min"))
    calon = beban[~beban["id_ppl"].isin(lain) & ~beban["kode_sls"].str[:7].isin(terpencil)]
    calon = calon[calon["kode_sls"].map(dikerjakan["n"]).fillna(0) >= calon["sasaran_keluarga"] * 0.9]  # the PPL did reach it
    # one case per PPL, never a PPL's first or last unit: the PPL started work before it and has work after it
    urut = calon.sort_values("kode_sls")
    calon = urut[urut.duplicated("id_ppl", keep="first") & urut.duplicated("id_ppl", keep="last")].drop_duplicates("id_ppl")
    n = max(2, round(PORSI_KASUS * len(beban)))
    pilih = calon.sample(min(len(calon), 2 * n), random_state=int(rng.integers(1 << 31)))
    tak_dikunjungi, macet = sorted(pilih["kode_sls"].iloc[:n]), sorted(pilih["kode_sls"].iloc[n:])

    buang = keluarga["kode_sls"].isin(tak_dikunjungi)
    for kode in macet:  # keep the families the PPL did first, drop the rest of the SLS (and their corrections)
        fam = pertama[pertama["kode_sls"] == kode].sort_values(["tanggal", "id_keluarga"])
        tetap = max(1, round(len(fam) * rng.uniform(0.5, 0.67)))
        buang |= keluarga["id_keluarga"].isin(fam["id_keluarga"].iloc[tetap:])
    keluarga = keluarga[~buang]

    ganda = _desa_ganda(rng, keluarga, beban, lain, terpencil, {k[:10] for k in tak_dikunjungi + macet})
    info = {**info, "sls_tak_dikunjungi": tak_dikunjungi, "sls_macet": sorted(macet)}
    if ganda is not None:
        tambahan, desa, ppl_kedua = ganda
        keluarga = pd.concat([keluarga, tambahan], ignore_index=True).sort_values(["tanggal", "id_keluarga"]).reset_index(drop=True)
        info |= {"desa_ganda": desa, "ppl_ganda": ppl_kedua}
    return keluarga.reset_index(drop=True), info


def _desa_ganda(rng: np.random.Generator, keluarga: pd.DataFrame, beban: pd.DataFrame, lain: set, terpencil: set, hindari: set) -> tuple[pd.DataFrame, str, str] | None:
    """The smallest desa of a kecamatan counted again by a PPL of another desa there, a few days after the first
    count: the same families recorded once more as new ones, in the same SLS."""
    b = beban.assign(kode_desa=beban["kode_sls"].str[:10], kode_kec=beban["kode_sls"].str[:7])
    b = b[~b["kode_kec"].isin(terpencil) & ~b["kode_desa"].isin(hindari)]
    besar = b.groupby("kode_desa")["sasaran_keluarga"].sum()
    for desa in besar.sort_values().index:
        kec = desa[:7]
        ppl_desa = set(b.loc[b["kode_desa"] == desa, "id_ppl"])
        lain_desa = beban[(beban["kode_sls"].str[:7] == kec) & (beban["kode_sls"].str[:10] != desa) & ~beban["id_ppl"].isin(ppl_desa | lain)]
        if lain_desa.empty:
            continue
        ppl_kedua = str(lain_desa["id_ppl"].iloc[0])
        asli = keluarga[keluarga["kode_sls"].str[:10] == desa].drop_duplicates("id_keluarga")
        if asli.empty:
            continue
        akhir_ppl = keluarga.loc[keluarga["id_ppl"] == ppl_kedua, "tanggal"].max()
        tanggal = [min(t + timedelta(days=int(j)), akhir_ppl) for t, j in zip(asli["tanggal"], rng.integers(2, 9, size=len(asli)), strict=True)]
        tambahan = asli.assign(
            id_keluarga=[f"{k}{5000 + i:04d}" for i, k in enumerate(asli["kode_sls"])],
            id_ppl=ppl_kedua,
            tanggal=tanggal,
            hasil=1,
            keluarga_baru=1,
            durasi_menit=np.round(rng.lognormal(np.log(22), 0.35, len(asli)).clip(3, 120), 1),
            tanggal_periksa=None,
        )
        return tambahan[keluarga.columns], desa, ppl_kedua
    return None
