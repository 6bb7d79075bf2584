"""A second campaign generator with other dynamics (hard-to-reach families, a weekly rhythm), for forecast backtests."""

# It shares no simulation code with demo/: each PPL makes a number of visits a day, a visit finds the family at
# home with a probability that is lower for hard families and falls with every failed visit, so the last families
# of an area take many visits (a steep tail). Fridays are half days and Sundays are off. The tables follow the
# data contract (wilayah, beban, keluarga, jadwal), so the campaign can be imported as well as backtested.

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

MULAI = date(2023, 3, 6)  # a Monday: the weekly rhythm starts cleanly
SELESAI = date(2023, 4, 9)  # 35 days
HARI_SIMULASI = 70  # families left after the deadline keep being visited (so late areas have an actual finish)
RITME_MINGGU = (1.0, 1.0, 1.0, 1.0, 0.5, 0.9, 0.0)  # Monday .. Sunday


def buat_kampanye_lain(seed: int = 1, n_kec: int = 18, desa_per_kec: int = 9, ppl_per_desa: int = 3) -> dict[str, pd.DataFrame]:
    """Data-contract tables of a generated campaign in kabupaten 9801 (wilayah, beban, keluarga, jadwal)."""
    rng = np.random.default_rng(seed)
    wilayah = [("98", "Provinsi Uji"), ("9801", "Kabupaten Uji")]
    beban, keluarga = [], []
    hari = [MULAI + timedelta(days=i) for i in range(HARI_SIMULASI)]
    ritme = np.array([RITME_MINGGU[d.weekday()] for d in hari])
    for k in range(n_kec):
        kode_kec = f"9801{(k + 1) * 10:03d}"
        wilayah.append((kode_kec, f"Kecamatan Uji {k + 1}"))
        sulit_kec = rng.uniform(0.03, 0.2)  # share of hard-to-reach families differs by kecamatan
        for j in range(desa_per_kec):
            kode_desa = f"{kode_kec}{j + 1:03d}"
            wilayah.append((kode_desa, f"Desa Uji {k + 1}.{j + 1}"))
            for p in range(ppl_per_desa):
                id_ppl = f"U{kode_desa}{p + 1}"
                kode_sls = f"{kode_desa}{p + 1:04d}"
                wilayah.append((kode_sls, f"RT {p + 1:03d}"))
                n = int(rng.integers(120, 320))
                baru = int(rng.binomial(n, 0.02))  # families found in the field, not on the prelist
                beban.append((kode_sls, id_ppl, n))
                for h, n_hari in _kunjungi(rng, n + baru, sulit_kec, ritme).items():
                    keluarga.append((f"{kode_sls}{h:04d}", kode_sls, id_ppl, hari[n_hari], int(h > n)))
    kel = pd.DataFrame(keluarga, columns=["id_keluarga", "kode_sls", "id_ppl", "tanggal", "keluarga_baru"])
    kel["hasil"] = 1
    return {
        "wilayah": pd.DataFrame(wilayah, columns=["kode", "nama"]),
        "beban": pd.DataFrame(beban, columns=["kode_sls", "id_ppl", "sasaran_keluarga"]),
        "keluarga": kel,
        "jadwal": pd.DataFrame([{"mulai": MULAI, "selesai": SELESAI}]),
    }


def _kunjungi(rng: np.random.Generator, n: int, sulit: float, ritme: np.ndarray) -> dict[int, int]:
    """Day index on which each family (numbered 1..n) was found at home, by one PPL's daily visits."""
    peluang = np.where(rng.random(n) < sulit, rng.uniform(0.3, 0.55, n), rng.uniform(0.8, 0.97, n))
    kapasitas = rng.lognormal(np.log(13), 0.25)  # visits a day on a full working day
    belum = list(range(n))
    gagal = np.zeros(n, dtype=int)
    ketemu: dict[int, int] = {}
    for d, faktor in enumerate(ritme):
        kunjungan = rng.poisson(kapasitas * faktor)
        if not belum or kunjungan == 0:
            continue
        # new families first, then the ones missed before, least-tried first
        belum.sort(key=lambda i: gagal[i])
        dicoba, belum = belum[:kunjungan], belum[kunjungan:]
        for i in dicoba:
            if rng.random() < peluang[i] * 0.95 ** gagal[i]:
                ketemu[i + 1] = d
            else:
                gagal[i] += 1
                belum.append(i)
    return ketemu
