"""A third campaign generator for backtests: a flood that stops whole kecamatan, shocks shared by a kecamatan, pace that decays, officers replaced."""

# Shares no simulation code with demo/ or with kampanye_lain's visit model. Each PPL finishes a number of
# families a day (no single visits): a rate that falls as their easy families are done (the rest are harder),
# times the day of the week (Saturdays light, Sundays nearly off), times a shock shared by every officer of the
# kecamatan that lingers from day to day (market days, roads, weather), times the officer's own day. A flood
# stops two kecamatan for a week in the middle of the campaign and leaves them slower for days after; some
# officers quit and their SLS lie idle until a replacement (under the same assignment) starts slower.

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

MULAI = date(2024, 7, 1)
SELESAI = MULAI + timedelta(days=29)
HARI_SIMULASI = 90
RITME = (1.0, 1.0, 1.0, 1.0, 0.9, 0.6, 0.15)  # Monday .. Sunday


def buat_kampanye_banjir(seed: int = 1, n_kec: int = 22, desa_per_kec: int = 7, ppl_per_desa: int = 2) -> dict[str, pd.DataFrame]:
    """Data-contract tables of a generated campaign in kabupaten 9701 (wilayah, beban, keluarga, jadwal)."""
    rng = np.random.default_rng(seed)
    wilayah = [("97", "Provinsi Banjir"), ("9701", "Kabupaten Banjir")]
    sls, kec_ppl = [], []
    for k in range(n_kec):
        kode_kec = f"9701{(k + 1) * 10:03d}"
        wilayah.append((kode_kec, f"Kecamatan Banjir {k + 1}"))
        for j in range(desa_per_kec):
            kode_desa = f"{kode_kec}{j + 1:03d}"
            wilayah.append((kode_desa, f"Desa Banjir {k + 1}.{j + 1}"))
            for p in range(ppl_per_desa):
                kode_sls = f"{kode_desa}{p + 1:04d}"
                wilayah.append((kode_sls, f"SLS {p + 1:02d}"))
                sls.append((kode_sls, f"B{kode_desa}{p + 1}", int(rng.integers(140, 360))))
                kec_ppl.append(k)
    n = np.array([s[2] for s in sls])
    baru = rng.binomial(n, 0.025)  # families found in the field
    total = n + baru
    kec = np.array(kec_ppl)
    m = len(sls)
    dasar = rng.lognormal(np.log(n / 19), 0.3)  # an officer's pace on easy families
    banjir = rng.choice(n_kec, size=2, replace=False)
    mulai_banjir = int(rng.integers(9, 17))
    berhenti = np.where(rng.random(m) < 0.08, rng.integers(6, 21, m), -1)  # the day an officer quits
    jeda = rng.integers(4, 8, m)  # days until the replacement starts
    kejut = np.zeros(n_kec)
    done = np.zeros(m, dtype=np.int64)
    baris = []
    for h in range(HARI_SIMULASI):
        hari = MULAI + timedelta(days=h)
        kejut = 0.7 * kejut + rng.normal(0, 0.22, n_kec)
        faktor_kec = np.exp(kejut - 0.22**2 / (2 * (1 - 0.49)))
        if mulai_banjir <= h < mulai_banjir + 7:
            faktor_kec[banjir] = 0.0
        elif mulai_banjir + 7 <= h < mulai_banjir + 12:
            faktor_kec[banjir] *= 0.6
        bagian = done / total
        laju = dasar * (1.35 - 0.8 * bagian) * RITME[hari.weekday()] * faktor_kec[kec] * rng.gamma(5, 0.2, m)
        ganti = (berhenti >= 0) & (h >= berhenti)
        laju = np.where(ganti & (h < berhenti + jeda), 0.0, np.where(ganti, laju * 0.8, laju))
        hasil = np.minimum(rng.poisson(np.maximum(laju, 0)), total - done)
        for i in np.flatnonzero(hasil):
            for f in range(done[i] + 1, done[i] + hasil[i] + 1):
                baris.append((f"{sls[i][0]}{f:04d}", sls[i][0], sls[i][1], hari, int(f > n[i])))
        done += hasil
        if (done >= total).all():
            break
    kel = pd.DataFrame(baris, columns=["id_keluarga", "kode_sls", "id_ppl", "tanggal", "keluarga_baru"])
    kel["hasil"] = 1
    return {
        "wilayah": pd.DataFrame(wilayah, columns=["kode", "nama"]),
        "beban": pd.DataFrame(sls, columns=["kode_sls", "id_ppl", "sasaran_keluarga"]),
        "keluarga": kel,
        "jadwal": pd.DataFrame([{"mulai": MULAI, "selesai": SELESAI}]),
    }
