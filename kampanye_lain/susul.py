"""A fourth campaign generator for backtests: three kabupaten, one starting late, one given more time, officers learning, falling ill and rushing at the deadline."""

# Shares no simulation code with demo/ or the other generators. Each officer has a lasting speed of their own;
# in their first week they learn (a third of that speed on day one, all of it by day seven); any day they may
# fall ill for a few days; Fridays are short and Sundays off. Kabupaten 9603 starts six days late; kabupaten
# 9602 is slower and its deadline is extended by ten days. After an area's deadline its late officers work
# harder (the push of the last days).

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

MULAI = date(2025, 2, 3)
SELESAI = MULAI + timedelta(days=27)
HARI_SIMULASI = 90
RITME = (1.0, 1.0, 1.0, 1.0, 0.7, 1.0, 0.0)  # Monday .. Sunday
TELAT_MULAI = {"9603": 6}
PERPANJANGAN = {"9602": 10}
LAMBAT = {"9602": 0.75}


def buat_kampanye_susul(seed: int = 1, n_kec: int = 8, desa_per_kec: int = 6, ppl_per_desa: int = 2) -> dict[str, pd.DataFrame]:
    """Data-contract tables of a generated campaign in kabupaten 9601-9603 (wilayah, beban, keluarga, jadwal)."""
    rng = np.random.default_rng(seed)
    wilayah = [("96", "Provinsi Susul")]
    sls, kab_ppl = [], []
    for b in range(3):
        kab = f"96{b + 1:02d}"
        wilayah.append((kab, f"Kabupaten Susul {b + 1}"))
        for k in range(n_kec):
            kode_kec = f"{kab}{(k + 1) * 10:03d}"
            wilayah.append((kode_kec, f"Kecamatan Susul {b + 1}.{k + 1}"))
            for j in range(desa_per_kec):
                kode_desa = f"{kode_kec}{j + 1:03d}"
                wilayah.append((kode_desa, f"Desa Susul {b + 1}.{k + 1}.{j + 1}"))
                for p in range(ppl_per_desa):
                    id_ppl = f"S{kode_desa}{p + 1}"
                    for q in range(2):  # two SLS each
                        kode_sls = f"{kode_desa}{p * 2 + q + 1:04d}"
                        wilayah.append((kode_sls, f"SLS {p * 2 + q + 1:02d}"))
                        sls.append((kode_sls, id_ppl, int(rng.integers(60, 180))))
                        kab_ppl.append(kab)
    beban = pd.DataFrame(sls, columns=["kode_sls", "id_ppl", "sasaran_keluarga"])
    ppl, daftar = pd.factorize(beban["id_ppl"])
    kab_per_ppl = np.array([kab_ppl[i] for i in pd.Series(range(len(sls))).groupby(ppl).first()])
    n_sls = beban["sasaran_keluarga"].to_numpy()
    total_sls = n_sls + rng.binomial(n_sls, 0.02)
    total_ppl = np.bincount(ppl, total_sls)
    m = len(daftar)
    lambat = np.array([LAMBAT.get(k, 1.0) for k in kab_per_ppl])
    cepat = rng.lognormal(np.log(total_ppl / 20), 0.35) * lambat
    telat = np.array([TELAT_MULAI.get(k, 0) for k in kab_per_ppl])
    tenggat = 27 + np.array([PERPANJANGAN.get(k, 0) for k in kab_per_ppl])
    sakit = np.zeros(m, dtype=int)
    done_sls = np.zeros(len(sls), dtype=np.int64)
    baris = []
    urut = [np.flatnonzero(ppl == i) for i in range(m)]  # an officer works their SLS in order
    for h in range(HARI_SIMULASI):
        hari = MULAI + timedelta(days=h)
        sakit = np.where(sakit > 0, sakit - 1, np.where(rng.random(m) < 0.025, rng.geometric(0.35, m), 0))
        hari_kerja = h - telat
        belajar = np.clip(0.33 + 0.67 * hari_kerja / 6, 0, 1) * (hari_kerja >= 0)
        dorong = np.where(h > tenggat, 1.3, 1.0)
        laju = cepat * belajar * dorong * RITME[hari.weekday()] * (sakit == 0) * rng.gamma(6, 1 / 6, m)
        kuota = rng.poisson(laju)
        for i in np.flatnonzero(kuota):
            sisa = int(kuota[i])
            for s in urut[i]:
                if sisa == 0:
                    break
                ambil = min(sisa, int(total_sls[s] - done_sls[s]))
                for f in range(done_sls[s] + 1, done_sls[s] + ambil + 1):
                    baris.append((f"{sls[s][0]}{f:04d}", sls[s][0], sls[s][1], hari, int(f > n_sls[s])))
                done_sls[s] += ambil
                sisa -= ambil
        if (done_sls >= total_sls).all():
            break
    kel = pd.DataFrame(baris, columns=["id_keluarga", "kode_sls", "id_ppl", "tanggal", "keluarga_baru"])
    kel["hasil"] = 1
    jadwal = [{"mulai": MULAI, "selesai": SELESAI, "kode_wilayah": None}]
    jadwal += [{"mulai": MULAI, "selesai": SELESAI + timedelta(days=d), "kode_wilayah": k} for k, d in PERPANJANGAN.items()]
    return {"wilayah": pd.DataFrame(wilayah, columns=["kode", "nama"]), "beban": beban, "keluarga": kel, "jadwal": pd.DataFrame(jadwal)}
