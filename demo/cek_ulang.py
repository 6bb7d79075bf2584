"""The demo's simulated back-check file: the families the back-check rules would draw, re-visited by their PML."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from aturan.cek_ulang import AmbangCekUlang, acak, undian

# outcome probabilities (cocok, beda, tidak ditemukan, tidak ada, menolak) by how the officer works
PELUANG = {
    "jujur": (0.93, 0.03, 0.01, 0.005, 0.025),
    "malam": (0.35, 0.20, 0.15, 0.25, 0.05),  # fills forms at home at night: many households never visited
    "tetangga": (0.45, 0.15, 0.30, 0.05, 0.05),  # points in the neighbouring desa: often the wrong household
    "cepat": (0.60, 0.30, 0.05, 0.02, 0.03),  # far faster than peers: answers guessed
}
KOLOM_BEDA = ("jumlah_anggota", "pekerjaan_utama", "kondisi_rumah", "kepemilikan_aset", "pendidikan")


def simulasi_cek_ulang(seed: int, keluarga: pd.DataFrame, petugas: pd.DataFrame, info: dict, ambang: AmbangCekUlang = AmbangCekUlang()) -> pd.DataFrame:
    """Back-check rows (contract table cek_ulang) for the families completed in the campaign that the random part
    draws, plus up to maks_sasaran a day of each planted officer's families (their targeted part), checked one or
    two days later by the officer's PML, with outcomes by how the officer works (PELUANG)."""
    rng = np.random.default_rng([seed, 33])
    akhir = keluarga.sort_values(["id_keluarga", "tanggal"]).drop_duplicates("id_keluarga", keep="last")
    selesai = akhir[akhir["hasil"] == 1]
    jenis = pd.Series("jujur", index=selesai.index)
    jenis[selesai["id_ppl"].isin(info.get("ppl_cepat", []))] = "cepat"
    jenis[selesai["id_ppl"] == info.get("ppl_desa_tetangga")] = "tetangga"
    jenis[selesai["id_ppl"] == info.get("ppl_malam")] = "malam"
    pilih = acak(selesai["id_keluarga"], ambang)
    u = undian(selesai["id_keluarga"], ambang.garam, "sasaran")
    tanam = (jenis != "jujur").to_numpy() & ~pilih & (u < ambang.laju_sasaran)
    sasaran = selesai[tanam].assign(_u=u[tanam]).sort_values(["id_ppl", "tanggal", "_u"]).groupby(["id_ppl", "tanggal"]).head(ambang.maks_sasaran)
    dicek = pd.concat([selesai[pilih], selesai.loc[sasaran.index]])
    atasan = dict(zip(petugas["id_petugas"], petugas["id_atasan"], strict=True))
    hasil = np.array([rng.choice(5, p=PELUANG[j]) + 1 for j in jenis.loc[dicek.index]], dtype="int64")
    beda = [";".join(rng.choice(KOLOM_BEDA, size=int(rng.integers(1, 3)), replace=False)) if h == 2 else None for h in hasil]
    return pd.DataFrame(
        {
            "id_keluarga": dicek["id_keluarga"].to_numpy(),
            "tanggal_cek": [d + timedelta(days=int(x)) for d, x in zip(dicek["tanggal"], rng.integers(1, 3, len(dicek)), strict=True)],
            "id_pemeriksa": dicek["id_ppl"].map(atasan).to_numpy(),
            "hasil_cek": hasil,
            "kolom_beda": beda,
        }
    ).sort_values(["tanggal_cek", "id_keluarga"], ignore_index=True)
