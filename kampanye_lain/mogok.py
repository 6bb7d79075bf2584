"""A fifth campaign generator for backtests: a strike across a kabupaten, rain by kecamatan, remote desa, and officers who help their neighbours once done."""

# Written after the forecast's method was last changed, and shares no simulation code with demo/ or the other
# generators. Two kabupaten; officers work five days a week (weekends off) at a speed of their own, slower in
# remote desa; on any day a kecamatan may be rained off (a third of the pace); all officers of kabupaten 9502
# strike for five days from a day between 11 and 15; and from day 18 an officer whose own SLS are done helps
# the slowest colleague of the same kecamatan (families recorded under the helper's ID).

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

MULAI = date(2025, 9, 1)  # a Monday
SELESAI = MULAI + timedelta(days=29)
HARI_SIMULASI = 90
KERJA = (1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0)  # Monday .. Sunday
MOGOK = "9502"
BANTU_MULAI = 18


def buat_kampanye_mogok(seed: int = 1, n_kec: int = 12, desa_per_kec: int = 6, ppl_per_desa: int = 3) -> dict[str, pd.DataFrame]:
    """Data-contract tables of a generated campaign in kabupaten 9501 and 9502 (wilayah, beban, keluarga, jadwal)."""
    rng = np.random.default_rng(seed)
    wilayah = [("95", "Provinsi Mogok")]
    sls, kec_sls, terpencil = [], [], []
    for b in (1, 2):
        kab = f"950{b}"
        wilayah.append((kab, f"Kabupaten Mogok {b}"))
        for k in range(n_kec):
            kode_kec = f"{kab}{(k + 1) * 10:03d}"
            wilayah.append((kode_kec, f"Kecamatan Mogok {b}.{k + 1}"))
            for j in range(desa_per_kec):
                kode_desa = f"{kode_kec}{j + 1:03d}"
                wilayah.append((kode_desa, f"Desa Mogok {b}.{k + 1}.{j + 1}"))
                jauh = rng.random() < 0.2
                for p in range(ppl_per_desa):
                    kode_sls = f"{kode_desa}{p + 1:04d}"
                    wilayah.append((kode_sls, f"SLS {p + 1:02d}"))
                    sls.append((kode_sls, f"M{kode_desa}{p + 1}", int(rng.integers(100, 260))))
                    kec_sls.append(kode_kec)
                    terpencil.append(jauh)
    m = len(sls)
    n = np.array([x[2] for x in sls])
    total = n + rng.binomial(n, 0.03)
    kec, daftar_kec = pd.factorize(pd.Series(kec_sls))
    mogok = np.array([x[0].startswith(MOGOK) for x in sls])
    cepat = rng.gamma(8, 1 / 8, m) * total / 17 * np.where(terpencil, 0.55, 1.0)
    mulai_mogok = int(rng.integers(11, 16))
    done = np.zeros(m, dtype=np.int64)
    baris = []
    for h in range(HARI_SIMULASI):
        hari = MULAI + timedelta(days=h)
        hujan = np.where(rng.random(len(daftar_kec)) < 0.1, 0.3, 1.0)[kec]
        henti = mogok & (mulai_mogok <= h < mulai_mogok + 5)
        laju = cepat * KERJA[hari.weekday()] * hujan * ~henti * rng.gamma(10, 0.1, m)
        kuota = np.minimum(rng.poisson(laju), total - done)
        for i in np.flatnonzero(kuota):
            for f in range(done[i] + 1, done[i] + kuota[i] + 1):
                baris.append((f"{sls[i][0]}{f:04d}", sls[i][0], sls[i][1], hari, int(f > n[i])))
        done += kuota
        if h >= BANTU_MULAI:  # an officer with nothing left helps the kecamatan's slowest SLS, under their own ID
            for k in range(len(daftar_kec)):
                dalam = np.flatnonzero(kec == k)
                bebas = dalam[done[dalam] >= total[dalam]]
                sisa = dalam[done[dalam] < total[dalam]]
                if len(bebas) and len(sisa):
                    lambat = sisa[np.argmax((total[sisa] - done[sisa]) / np.maximum(cepat[sisa], 1e-9))]
                    bantu = int(rng.poisson(cepat[bebas].sum() * 0.5 * KERJA[hari.weekday()] * hujan[lambat] * (not henti[lambat])))
                    tambah = min(bantu, int(total[lambat] - done[lambat]))
                    if tambah > 0:
                        for f in range(done[lambat] + 1, done[lambat] + tambah + 1):
                            baris.append((f"{sls[lambat][0]}{f:04d}", sls[lambat][0], sls[bebas[0]][1], hari, int(f > n[lambat])))
                        done[lambat] += tambah
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
