"""A seventh backtest campaign: a rainy season per kecamatan, a local holiday, late recruits, appointments and growing towns."""

# Written on 2026-12-03 before the change it judges (leaving campaign-wide stop days out of the pace window) was
# tried; nothing is chosen on it, so it is held out. It shares no simulation code with demo/ or the other
# generators. Two kabupaten. Each officer works their SLS one after another in a first pass, at their own speed
# times the weekday (Fridays 0.6, Saturdays 0.8, Sundays 0.2); a family not at home on the first pass gets an
# appointment 2-8 days later, and the officer keeps them on top of the first pass. From a day between 7 and 13 the
# rains come: each kecamatan has rain days (more often in the hills, more often as the season goes on) on which
# all its officers manage a third of their work. The second kabupaten keeps a local festival of three days; the
# whole campaign stops on one election day. A tenth of the officers are recruited late (day 3-9). Town desa find
# 8-25% more families than their prelist, village desa 0-3%.

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

MULAI = date(2025, 9, 1)  # a Monday
SELESAI = MULAI + timedelta(days=29)
HARI_SIMULASI = 85
MINGGUAN = (1.0, 1.0, 1.0, 1.0, 0.6, 0.8, 0.2)  # Monday .. Sunday
PESTA = (16, 17, 18)  # day indices of the second kabupaten's festival
PEMILU = 22  # the day index on which everyone stops


def buat_kampanye_hujan(seed: int = 1, n_kec: int = 9, desa_per_kec: int = 7) -> dict[str, pd.DataFrame]:
    """Data-contract tables of a generated campaign in kabupaten 9501 and 9502 (wilayah, beban, keluarga, jadwal)."""
    rng = np.random.default_rng(seed)
    wilayah = [("95", "Provinsi Hujan")]
    beban: list[tuple[str, str, int]] = []
    petugas = []  # per officer: id, kabupaten index, kecamatan index, SLS rows, town desa?
    kec_semua = 0
    for b in range(2):
        kode_kab = f"950{b + 1}"
        wilayah.append((kode_kab, f"Kabupaten Hujan {b + 1}"))
        for k in range(n_kec):
            kode_kec = f"{kode_kab}{(k + 1) * 10:03d}"
            wilayah.append((kode_kec, f"Kecamatan Hujan {b + 1}.{k + 1}"))
            for j in range(desa_per_kec):
                kode_desa = f"{kode_kec}{j + 1:03d}"
                wilayah.append((kode_desa, f"Desa Hujan {b + 1}.{k + 1}.{j + 1}"))
                kota = rng.random() < 0.25
                for p in range(int(rng.integers(1, 4))):
                    baris_sls = []
                    for s in range(int(rng.integers(1, 4))):
                        nomor = p * 3 + s + 1
                        kode_sls = f"{kode_desa}{nomor:04d}"
                        wilayah.append((kode_sls, f"RT {nomor:03d}"))
                        baris_sls.append(len(beban))
                        beban.append((kode_sls, f"H{kode_desa}{p + 1}", int(rng.integers(40, 160))))
                    petugas.append((f"H{kode_desa}{p + 1}", b, kec_semua, baris_sls, kota))
            kec_semua += 1
    prelist = np.array([x[2] for x in beban])
    # the families each SLS really holds: towns grew since the prelist was made
    tumbuh = np.zeros(len(beban))
    for _, _, _, baris_sls, kota in petugas:
        tumbuh[baris_sls] = rng.uniform(0.08, 0.25) if kota else rng.uniform(0.0, 0.03)
    nyata = prelist + rng.binomial(prelist, tumbuh)
    n_ptg = len(petugas)
    kab_ptg = np.array([x[1] for x in petugas])
    kec_ptg = np.array([x[2] for x in petugas])
    beban_ptg = np.array([nyata[x[3]].sum() for x in petugas])
    laju = beban_ptg / rng.uniform(13, 23, n_ptg)  # families a full day
    mulai_ptg = np.where(rng.random(n_ptg) < 0.1, rng.integers(3, 10, n_ptg), 0)
    absen = rng.uniform(0.05, 0.25, n_ptg)  # share of families not home on the first pass
    bukit = rng.random(kec_semua) < 0.4
    awal_hujan = int(rng.integers(7, 14))
    urutan = [[(s, f) for s in x[3] for f in range(1, int(nyata[s]) + 1)] for x in petugas]  # first pass, in order
    posisi = np.zeros(n_ptg, dtype=np.int64)
    janji: list[dict[int, list[tuple[int, int]]]] = [{} for _ in range(n_ptg)]  # day -> appointments
    sisa = np.array([len(u) for u in urutan])
    hasil = []
    for h in range(HARI_SIMULASI):
        hari = MULAI + timedelta(days=h)
        if h >= awal_hujan:
            peluang_hujan = np.minimum(0.08 + 0.015 * (h - awal_hujan), 0.45) * np.where(bukit, 1.5, 1.0)
            hujan = rng.random(kec_semua) < peluang_hujan
        else:
            hujan = np.zeros(kec_semua, dtype=bool)
        for i in range(n_ptg):
            if h < mulai_ptg[i] or h == PEMILU or (kab_ptg[i] == 1 and h in PESTA):
                continue
            tenaga = laju[i] * MINGGUAN[hari.weekday()] * (0.33 if hujan[kec_ptg[i]] else 1.0) * rng.lognormal(0.0, 0.2)
            bisa = int(rng.poisson(tenaga))
            jatuh_tempo = sorted(d for d in janji[i] if d <= h)
            for d in jatuh_tempo:  # appointments due first
                while janji[i][d] and bisa > 0:
                    s, f = janji[i][d].pop()
                    hasil.append((s, f, i, hari))
                    sisa[i] -= 1
                    bisa -= 1
                if not janji[i][d]:
                    del janji[i][d]
            while bisa > 0 and posisi[i] < len(urutan[i]):
                s, f = urutan[i][posisi[i]]
                posisi[i] += 1
                bisa -= 1
                if rng.random() < absen[i]:
                    janji[i].setdefault(h + int(rng.integers(2, 9)), []).append((s, f))
                else:
                    hasil.append((s, f, i, hari))
                    sisa[i] -= 1
        if not sisa.any():
            break
    kel = pd.DataFrame(
        [(f"{beban[s][0]}{f:04d}", beban[s][0], petugas[i][0], hari, int(f > prelist[s])) for s, f, i, hari in hasil],
        columns=["id_keluarga", "kode_sls", "id_ppl", "tanggal", "keluarga_baru"],
    )
    kel["hasil"] = 1
    return {
        "wilayah": pd.DataFrame(wilayah, columns=["kode", "nama"]),
        "beban": pd.DataFrame(beban, columns=["kode_sls", "id_ppl", "sasaran_keluarga"]),
        "keluarga": kel,
        "jadwal": pd.DataFrame([{"mulai": MULAI, "selesai": SELESAI}]),
    }
