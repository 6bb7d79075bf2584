"""A sixth backtest campaign: late uploads without signal, holidays, officers pulled away, learning and a push, SLS taken over."""

# Written after banjir and mogok were reported and before any forecast result on it was seen; nothing was chosen
# on it, so it is held out. It shares no simulation code with demo/ or the other generators. One kabupaten with
# SLS of one or two per officer. Each officer interviews a Poisson number of families a day: their own speed,
# times a learning curve over their first ten days, times a push in the last week before the deadline, times
# the weekday (Saturdays half, Sundays off). Officers in desa without signal upload what they did only on sync
# days, every two to five days, so their families carry the upload day (as a CAPI export would). Two national
# holidays stop everyone. Officers of a third of the kecamatan are pulled away for four days to another survey.
# Some officers quit on a day between 8 and 20, and a colleague of the same desa takes their SLS over, under
# the colleague's own ID, after their own work.

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

MULAI = date(2026, 2, 2)  # a Monday
SELESAI = MULAI + timedelta(days=27)
HARI_SIMULASI = 90
RITME = (1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.0)  # Monday .. Sunday
LIBUR = (9, 10)  # day indices of the holidays
HARI_DORONG = 7  # the push before the deadline lasts this many days


def buat_kampanye_sinyal(seed: int = 1, n_kec: int = 16, desa_per_kec: int = 8, ppl_per_desa: int = 2) -> dict[str, pd.DataFrame]:
    """Data-contract tables of a generated campaign in kabupaten 9301 (wilayah, beban, keluarga, jadwal)."""
    rng = np.random.default_rng(seed)
    wilayah = [("93", "Provinsi Sinyal"), ("9301", "Kabupaten Sinyal")]
    beban = []  # kode_sls, id_ppl (the one assigned), sasaran
    ppl_desa, ppl_kec, tanpa_sinyal = [], [], []
    sls_ppl: list[list[int]] = []  # per officer, their SLS (rows of beban)
    id_ppl_semua: list[str] = []
    for k in range(n_kec):
        kode_kec = f"9301{(k + 1) * 10:03d}"
        wilayah.append((kode_kec, f"Kecamatan Sinyal {k + 1}"))
        for j in range(desa_per_kec):
            kode_desa = f"{kode_kec}{j + 1:03d}"
            wilayah.append((kode_desa, f"Desa Sinyal {k + 1}.{j + 1}"))
            sinyal = rng.random() > 0.3
            for p in range(ppl_per_desa):
                id_ppl = f"S{kode_desa}{p + 1}"
                punya = []
                for s in range(int(rng.integers(1, 3))):
                    kode_sls = f"{kode_desa}{p * 2 + s + 1:04d}"
                    wilayah.append((kode_sls, f"SLS {p * 2 + s + 1:02d}"))
                    punya.append(len(beban))
                    beban.append((kode_sls, id_ppl, int(rng.integers(90, 200))))
                sls_ppl.append(punya)
                id_ppl_semua.append(id_ppl)
                ppl_desa.append(kode_desa)
                ppl_kec.append(k)
                tanpa_sinyal.append(not sinyal)
    n_ppl = len(sls_ppl)
    sasaran = np.array([b[2] for b in beban])
    total = sasaran + rng.binomial(sasaran, 0.025)  # families found in the field too
    beban_ppl = np.array([total[s].sum() for s in sls_ppl])
    cepat = beban_ppl / rng.uniform(17, 27, n_ppl)  # families a full working day once learnt
    belajar = rng.uniform(0.4, 0.8, n_ppl)  # the share of that speed on day one, rising over ten days
    dipanggil = rng.random(n_kec) < 1 / 3
    awal_panggil = int(rng.integers(6, 16))
    keluar = np.where(rng.random(n_ppl) < 0.06, rng.integers(8, 21, n_ppl), HARI_SIMULASI)
    sync = rng.integers(2, 6, n_ppl)  # days between uploads without signal
    # who takes over an officer who quits: a colleague of the same desa who stays, else of the kecamatan
    pengganti = np.arange(n_ppl)
    for i in np.flatnonzero(keluar < HARI_SIMULASI):
        calon = [c for c in range(n_ppl) if c != i and keluar[c] == HARI_SIMULASI and ppl_desa[c] == ppl_desa[i]]
        calon = calon or [c for c in range(n_ppl) if c != i and keluar[c] == HARI_SIMULASI and ppl_kec[c] == ppl_kec[i]]
        pengganti[i] = calon[0] if calon else i
    antrian = [list(s) for s in sls_ppl]  # the SLS each officer works, in order
    done = np.zeros(len(beban), dtype=np.int64)
    tertunda: list[list[tuple[int, int]]] = [[] for _ in range(n_ppl)]  # (SLS, family number) done, not uploaded yet
    baris = []
    hari_tenggat = (SELESAI - MULAI).days
    for h in range(HARI_SIMULASI):
        hari = MULAI + timedelta(days=h)
        for i in np.flatnonzero(keluar == h):  # quits: their SLS go to the colleague's queue
            if pengganti[i] != i:
                antrian[pengganti[i]] += antrian[i]
                antrian[i] = []
        faktor = RITME[hari.weekday()] * (0.0 if h in LIBUR else 1.0)
        dorong = 1.25 if hari_tenggat - HARI_DORONG < h <= hari_tenggat else 1.0
        for i in range(n_ppl):
            if keluar[i] <= h or (dipanggil[ppl_kec[i]] and awal_panggil <= h < awal_panggil + 4):
                bisa = 0
            else:
                ajar = belajar[i] + (1 - belajar[i]) * min(h / 10, 1.0)
                bisa = int(rng.poisson(cepat[i] * ajar * dorong * faktor * rng.gamma(12, 1 / 12)))
            for s in antrian[i]:
                if bisa <= 0:
                    break
                kerja = min(bisa, int(total[s] - done[s]))
                tertunda[i] += [(s, f) for f in range(done[s] + 1, done[s] + kerja + 1)]
                done[s] += kerja
                bisa -= kerja
            if tertunda[i] and (not tanpa_sinyal[i] or h % sync[i] == sync[i] - 1 or h == HARI_SIMULASI - 1):
                for s, f in tertunda[i]:
                    baris.append((f"{beban[s][0]}{f:04d}", beban[s][0], id_ppl_semua[i], hari, int(f > sasaran[s])))
                tertunda[i] = []
        if (done >= total).all() and not any(tertunda):
            break
    kel = pd.DataFrame(baris, columns=["id_keluarga", "kode_sls", "id_ppl", "tanggal", "keluarga_baru"])
    kel["hasil"] = 1
    return {
        "wilayah": pd.DataFrame(wilayah, columns=["kode", "nama"]),
        "beban": pd.DataFrame(beban, columns=["kode_sls", "id_ppl", "sasaran_keluarga"]),
        "keluarga": kel,
        "jadwal": pd.DataFrame([{"mulai": MULAI, "selesai": SELESAI}]),
    }
