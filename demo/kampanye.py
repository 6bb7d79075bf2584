"""Demo campaign dynamics: workloads, officers and day-by-day family submissions as data-contract tables."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from demo.cek_ulang import simulasi_cek_ulang
from demo.geografi import PROVINSI_DEMO, Geografi, buat_geografi
from demo.kasus import tanam_kasus_cakupan
from demo.nama import nama_orang, nomor_hp
from demo.paradata import tanam_paradata

MULAI = date(2022, 10, 15)
SELESAI = date(2022, 11, 14)
PERPANJANGAN = date(2022, 11, 30)  # extension granted to the lagging remote kecamatan
KELUARGA_DASAR = 95_000  # Kabupaten Luwu scale
BEBAN_PPL = 211  # families per PPL: ~450 PPL for 95,000 families
SLS_GESER, SLS_MEDIAN, SLS_SIGMA = 10, 47, 0.85  # 10 + lognormal: median ~57, mean ~77, p5 ~22, p95 ~200
BATAS_SUB_SLS = 400


@dataclass
class Kampanye:
    """A generated campaign: data-contract tables plus the geography they live on."""

    tabel: dict[str, pd.DataFrame]
    geografi: Geografi
    info: dict[str, object] = field(default_factory=dict)


def profil_hari(n_hari: int) -> np.ndarray:
    """Campaign-wide pace per day: slow start, a fast first week, a mid-campaign lull, a final push."""
    prof = np.ones(n_hari)
    awal = [0.45, 0.7, 0.9]
    prof[: len(awal)] = awal[:n_hari]
    prof[3:7] = 1.15
    prof[7:18] = 0.8
    prof[18:31] = 1.05
    prof[31:] = 0.95
    return prof


def faktor_hari_minggu(tanggal: list[date]) -> np.ndarray:
    """Weekly rhythm: Sunday is light, Saturday a little lighter."""
    return np.array([0.55 if d.weekday() == 6 else 0.9 if d.weekday() == 5 else 1.0 for d in tanggal])


def _sls(rng: np.random.Generator, geo: Geografi, total: int) -> pd.DataFrame:
    """SLS per desa with skewed family counts; SLS over 400 families are split into sub-SLS."""
    bobot = geo.desa["bobot"].to_numpy()
    per_desa = np.maximum(15, np.round(bobot / bobot.sum() * total)).astype(int)
    rows = []
    for kode_desa, target in zip(geo.desa["kode"], per_desa, strict=True):
        isi, j = 0, 0
        while j == 0 or isi < target - 48:  # stop near the target: the last SLS overshoots by ~half a mean SLS
            ukuran = int(np.clip(SLS_GESER + rng.lognormal(math.log(SLS_MEDIAN), SLS_SIGMA), 12, 900))
            j += 1
            rows.append((kode_desa, f"{kode_desa}{j:04d}", ukuran))
            isi += ukuran
    return pd.DataFrame(rows, columns=["kode_desa", "kode_sls", "sasaran"])


def _unit_beban(sls: pd.DataFrame) -> pd.DataFrame:
    """Assignment units: an SLS, or its sub-SLS (16 digits) when it has more than 400 families."""
    rows = []
    for r in sls.itertuples(index=False):
        if r.sasaran > BATAS_SUB_SLS:
            bagian = math.ceil(r.sasaran / 250)
            ukuran = np.full(bagian, r.sasaran // bagian)
            ukuran[: r.sasaran % bagian] += 1
            rows += [(r.kode_sls + f"{b + 1:02d}", r.kode_sls, int(u)) for b, u in enumerate(ukuran)]
        else:
            rows.append((r.kode_sls, r.kode_sls, r.sasaran))
    unit = pd.DataFrame(rows, columns=["kode_unit", "kode_sls", "sasaran"])
    unit["kode_kec"] = unit["kode_unit"].str[:7]
    return unit


def _petugas(rng: np.random.Generator, unit: pd.DataFrame, beban_ppl: int) -> tuple[pd.DataFrame, pd.Series]:
    """PPL take consecutive units of a kecamatan up to ~beban_ppl families; 4 PPL per PML; Koseka per kecamatan."""
    ppl_unit = pd.Series(index=unit.index, dtype=object)
    rows = []
    for kode_kec, grup in unit.groupby("kode_kec", sort=True):
        ppl, muatan, no = [], 0, 0
        for idx, sasaran in zip(grup.index, grup["sasaran"], strict=True):
            if not ppl or (muatan + sasaran > beban_ppl * 1.15 and muatan >= beban_ppl * 0.6):
                no += 1
                ppl.append(f"PPL-{kode_kec}-{no:03d}")
                muatan = 0
            ppl_unit[idx] = ppl[-1]
            muatan += sasaran
        n_pml = math.ceil(len(ppl) / 4)
        n_koseka = max(1, round(len(ppl) / 20))
        koseka = [f"KSK-{kode_kec}-{k + 1:02d}" for k in range(n_koseka)]
        pml = [f"PML-{kode_kec}-{m + 1:03d}" for m in range(n_pml)]
        rows += [(k, "KOSEKA", None, kode_kec) for k in koseka]
        rows += [(m, "PML", koseka[i * n_koseka // n_pml], kode_kec) for i, m in enumerate(pml)]
        rows += [(p, "PPL", pml[i // 4], kode_kec) for i, p in enumerate(ppl)]
    petugas = pd.DataFrame(rows, columns=["id_petugas", "peran", "id_atasan", "kode_wilayah"])
    petugas["nama"] = nama_orang(rng, len(petugas))
    petugas["no_hp"] = nomor_hp(rng, len(petugas))
    return petugas[["id_petugas", "nama", "peran", "id_atasan", "kode_wilayah", "no_hp"]], ppl_unit


def buat_kampanye(seed: int = 2022, skala: float = 1.0, geografi: Geografi | None = None) -> Kampanye:
    """Generate a campaign deterministically from a seed.

    skala multiplies the families (1.0 = Kabupaten Luwu, ~95,000); below 1 the geography shrinks too
    (small test campaigns), above 1 more kabupaten are generated (province- and nation-shaped)."""
    rng = np.random.default_rng(seed)
    if geografi is None:
        kecil = min(skala, 1.0)
        n_kab = max(1, math.ceil(skala - 1e-9))
        n_kec = max(3, round(20 * math.sqrt(kecil)))
        n_desa = max(n_kec * 3, round(200 * math.sqrt(kecil)))
        geografi = buat_geografi(rng, n_kab=n_kab, n_kec=n_kec, n_desa=n_desa)
    total = round(KELUARGA_DASAR * skala)
    sls = _sls(rng, geografi, total)
    unit = _unit_beban(sls)
    petugas, ppl_unit = _petugas(rng, unit, BEBAN_PPL)
    unit["id_ppl"] = ppl_unit

    hari = [MULAI + timedelta(days=i) for i in range((PERPANJANGAN - MULAI).days + 1)]
    beban = pd.DataFrame({"kode_sls": unit["kode_unit"], "id_ppl": unit["id_ppl"], "sasaran_keluarga": unit["sasaran"]})
    keluarga, info = _simulasi(rng, unit, petugas, geografi, hari)
    keluarga, info = tanam_kasus_cakupan(seed, keluarga, beban, petugas, info)
    keluarga, info = tanam_paradata(seed, keluarga, geografi, info)
    laporan = _laporan_harian(rng, keluarga, geografi)

    wilayah_sls = [(r.kode_sls, f"SLS {r.kode_sls[-4:]} (RT {int(r.kode_sls[-4:]):03d})") for r in sls.itertuples(index=False)]
    wilayah_sub = [(r.kode_unit, f"Sub-SLS {r.kode_unit[-2:]} dari RT {int(r.kode_sls[-4:]):03d}") for r in unit.itertuples(index=False) if len(r.kode_unit) == 16]
    wilayah = pd.concat([geografi.wilayah, pd.DataFrame(wilayah_sls + wilayah_sub, columns=["kode", "nama"])], ignore_index=True)
    jadwal = pd.DataFrame(
        [{"mulai": MULAI, "selesai": SELESAI, "kode_wilayah": ""}] + [{"mulai": MULAI, "selesai": PERPANJANGAN, "kode_wilayah": k} for k in info["kecamatan_terpencil"]]
    )
    info.update(seed=seed, skala=skala, keluarga=len(keluarga.drop_duplicates("id_keluarga")), sls=len(sls), unit=len(unit), geografi=geografi.sumber)
    cek = simulasi_cek_ulang(seed, keluarga, petugas, info)
    tabel = {"wilayah": wilayah, "petugas": petugas, "beban": beban, "jadwal": jadwal, "keluarga": keluarga, "laporan_harian": laporan, "cek_ulang": cek}
    return Kampanye(tabel=tabel, geografi=geografi, info=info)


def _simulasi(rng: np.random.Generator, unit: pd.DataFrame, petugas: pd.DataFrame, geo: Geografi, hari: list[date]) -> tuple[pd.DataFrame, dict]:
    """Simulate each PPL working through the families of their units, day by day."""
    n_hari = len(hari)
    ppl = petugas.loc[petugas["peran"] == "PPL", ["id_petugas", "kode_wilayah"]].reset_index(drop=True)
    n_ppl = len(ppl)
    kec = geo.kecamatan.set_index("kode")
    terpencil = ppl["kode_wilayah"].map(kec["terpencil"]).fillna(1.0).to_numpy()

    # families per unit: the prelist plus 2-4% new families found in the field
    p_baru = rng.beta(3, 97, size=len(unit))
    n_baru = rng.binomial(unit["sasaran"].to_numpy(), p_baru)
    unit = unit.assign(n_baru=n_baru, n_total=unit["sasaran"] + n_baru)
    beban_ppl = unit.groupby("id_ppl")["n_total"].sum().reindex(ppl["id_petugas"]).to_numpy()

    # officer types: a few stop working, a few are implausibly fast
    jenis = rng.choice(["biasa", "berhenti", "cepat"], size=n_ppl, p=[0.975, 0.015, 0.01])
    semangat = rng.lognormal(0.24, 0.2, size=n_ppl)
    semangat[jenis == "cepat"] = rng.uniform(3.2, 3.8, size=(jenis == "cepat").sum())
    terpencil = np.where(jenis == "cepat", 1.0, terpencil)  # made-up interviews are not slowed by terrain
    hari_berhenti = np.where(jenis == "berhenti", rng.integers(6, 20, size=n_ppl), n_hari)

    # daily pace: campaign profile x weekday x rain (kecamatan-wide) x remoteness x the officer
    kec_kode = list(kec.index)
    hujan = np.ones((len(kec_kode), n_hari))
    for i in range(len(kec_kode)):
        hujan[i, rng.choice(n_hari, size=2, replace=False)] = 0.5
    badai = rng.random(len(kec_kode)) < 0.5
    hujan[badai, 11] *= 0.4
    hujan_ppl = hujan[[kec_kode.index(k) for k in ppl["kode_wilayah"]]]
    faktor = profil_hari(n_hari) * faktor_hari_minggu(hari)
    hari_akhir_umum = (SELESAI - hari[0]).days
    # paced to finish a typical workload in the regular schedule; a bigger workload is worked only a little
    # faster (workload^0.4), so officers with heavy workloads fall behind, as they do in the field
    beban_efektif = beban_ppl.mean() * (beban_ppl / beban_ppl.mean()) ** 0.4
    laju = beban_efektif / faktor[: hari_akhir_umum + 1].sum() * semangat * terpencil
    lam = laju[:, None] * faktor[None, :] * hujan_ppl
    lam[np.arange(n_hari)[None, :] >= hari_berhenti[:, None]] = 0
    diperpanjang = np.isin(ppl["kode_wilayah"].to_numpy(), list(kec.index[kec["terpencil"] < 0.7]))  # same set as kecamatan_terpencil
    lam[~diperpanjang, hari_akhir_umum + 1 :] = 0
    jumlah_harian = rng.poisson(lam)

    # each PPL's queue: their units in code order, new families interleaved within each unit
    unit_urut = unit.sort_values(["id_ppl", "kode_unit"])
    antre_unit = np.repeat(unit_urut["kode_unit"].to_numpy(), unit_urut["n_total"].to_numpy())
    antre_ppl = np.repeat(unit_urut["id_ppl"].to_numpy(), unit_urut["n_total"].to_numpy())
    baru_flag = np.concatenate([rng.permutation(np.r_[np.zeros(s, int), np.ones(b, int)]) for s, b in zip(unit_urut["sasaran"], unit_urut["n_baru"], strict=True)])
    no_dalam_unit = np.concatenate([np.arange(1, n + 1) for n in unit_urut["n_total"]])
    indeks_ppl = {p: i for i, p in enumerate(ppl["id_petugas"])}
    hari_ke = np.full(len(antre_ppl), -1)
    awal = 0
    for p, n in unit_urut.groupby("id_ppl", sort=False)["n_total"].sum().items():
        hari_kerja = np.repeat(np.arange(n_hari), jumlah_harian[indeks_ppl[p]])[:n]
        hari_ke[awal : awal + len(hari_kerja)] = hari_kerja
        awal += n
    selesai = hari_ke >= 0
    fam = pd.DataFrame(
        {
            "id_keluarga": [f"{u}{k:04d}" for u, k in zip(antre_unit[selesai], no_dalam_unit[selesai], strict=True)],
            "kode_sls": antre_unit[selesai],
            "id_ppl": antre_ppl[selesai],
            "hari": hari_ke[selesai],
            "keluarga_baru": baru_flag[selesai],
        }
    )
    n = len(fam)
    jenis_fam = pd.Series(jenis, index=ppl["id_petugas"]).reindex(fam["id_ppl"]).to_numpy()
    terpencil_fam = fam["kode_sls"].str[:7].map(kec["terpencil"]).to_numpy()
    hasil = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.925, 0.015, 0.02, 0.012, 0.028])
    hasil = np.where((terpencil_fam < 0.7) & (rng.random(n) < 0.04), 3, hasil)
    hasil = np.where(fam["keluarga_baru"].to_numpy() == 1, rng.choice([1, 2, 4], size=n, p=[0.97, 0.02, 0.01]), hasil)
    durasi = np.where(jenis_fam == "cepat", rng.lognormal(math.log(7), 0.3, n), rng.lognormal(math.log(24), 0.35, n))
    fam["hasil"] = hasil
    fam["durasi_menit"] = np.round(np.clip(durasi, 3, 120), 1)

    # re-submitted corrections, 1-6 days later, mostly incomplete -> complete
    koreksi = fam[rng.random(n) < 0.035].copy()
    koreksi["hari"] = koreksi["hari"] + rng.integers(1, 7, size=len(koreksi))
    kec_diperpanjang = set(kec.index[kec["terpencil"] < 0.7])
    batas_koreksi = np.where(koreksi["kode_sls"].str[:7].isin(kec_diperpanjang), n_hari - 1, hari_akhir_umum)
    berhenti_ppl = pd.Series(hari_berhenti, index=ppl["id_petugas"]).reindex(koreksi["id_ppl"]).to_numpy()
    koreksi = koreksi[(koreksi["hari"].to_numpy() <= batas_koreksi) & (koreksi["hari"].to_numpy() < berhenti_ppl)]
    jadi_lengkap = (koreksi["hasil"].isin([2, 3])) & (rng.random(len(koreksi)) < 0.75)
    koreksi.loc[jadi_lengkap, "hasil"] = 1
    koreksi["durasi_menit"] = np.round(rng.lognormal(math.log(8), 0.4, len(koreksi)), 1)
    semua = pd.concat([fam, koreksi], ignore_index=True)

    # PML checks: usually within a few days; a few PML leave a backlog
    pml_ppl = petugas.set_index("id_petugas")["id_atasan"]
    pml = semua["id_ppl"].map(pml_ppl)
    pml_lambat = set(rng.choice(petugas.loc[petugas["peran"] == "PML", "id_petugas"], size=max(1, round(0.04 * (petugas["peran"] == "PML").sum())), replace=False))
    tunda = rng.geometric(0.55, size=len(semua)) - 1
    tunda = np.where(pml.isin(pml_lambat).to_numpy(), tunda + rng.integers(3, 12, size=len(semua)), tunda)
    hari_periksa = semua["hari"].to_numpy() + tunda
    tanggal = np.array(hari, dtype="datetime64[D]")
    semua["tanggal"] = [d.item() for d in tanggal[semua["hari"].to_numpy()]]
    semua["tanggal_periksa"] = [(tanggal[0] + np.timedelta64(int(h), "D")).item() if h < n_hari else None for h in hari_periksa]
    semua = semua.sort_values(["tanggal", "id_keluarga"]).reset_index(drop=True)
    kolom = ["id_keluarga", "kode_sls", "id_ppl", "tanggal", "hasil", "keluarga_baru", "durasi_menit", "tanggal_periksa"]
    info = {
        "ppl_berhenti": sorted(ppl.loc[jenis == "berhenti", "id_petugas"]),
        "ppl_cepat": sorted(ppl.loc[jenis == "cepat", "id_petugas"]),
        "pml_lambat": sorted(pml_lambat),
        "kecamatan_terpencil": sorted(kec.index[kec["terpencil"] < 0.7]),
    }
    return semua[kolom], info


def _laporan_harian(rng: np.random.Generator, keluarga: pd.DataFrame, geo: Geografi) -> pd.DataFrame:
    """Paper field-report tallies for two kecamatan: close to the records, with reporting noise."""
    kec = sorted(geo.kecamatan["kode"])
    pilih = set(rng.choice(kec, size=min(2, len(kec)), replace=False))
    pertama = keluarga.drop_duplicates("id_keluarga")
    pertama = pertama[pertama["kode_sls"].str[:7].isin(pilih)]
    tally = pertama.groupby(["tanggal", "kode_sls", "id_ppl"]).size().rename("selesai").reset_index()
    salah = rng.random(len(tally)) < 0.15
    tally.loc[salah, "selesai"] = np.maximum(0, tally.loc[salah, "selesai"] + rng.choice([-2, -1, 1, 2], size=salah.sum()))
    return tally[["tanggal", "kode_sls", "id_ppl", "selesai"]]


KOLOM_KODE_ID = ("kode", "kode_kec", "kode_sls", "kode_wilayah", "id_petugas", "id_atasan", "id_ppl", "id_keluarga", "id_pemeriksa")  # codes, and ids built from them


def di_provinsi_lain(kampanye: Kampanye, ke: str) -> Kampanye:
    """The same campaign under another province (two digits): every code and the ids built from it (99...,
    -99...) renumbered, geometry and dynamics kept, names marked; the national schedule and plan left to the
    original (a second province's office sends only its own rows)."""

    def ganti(df: pd.DataFrame) -> pd.DataFrame:
        df = df.copy()
        for kolom in KOLOM_KODE_ID:
            if kolom in df:
                df[kolom] = df[kolom].str.replace(r"(^|-)" + PROVINSI_DEMO, r"\g<1>" + ke, regex=True)
        return df

    tabel = {nama: ganti(df) for nama, df in kampanye.tabel.items()}
    tabel["wilayah"] = tabel["wilayah"].assign(nama=tabel["wilayah"]["nama"] + " " + ke)
    jadwal = tabel["jadwal"]
    tabel["jadwal"] = jadwal[jadwal["kode_wilayah"].fillna("") != ""]
    geo = kampanye.geografi
    lain = Geografi(
        tabel["wilayah"],
        ganti(geo.desa),
        ganti(geo.kecamatan),
        ganti(geo.kabupaten),
        geo.sumber,
        None if geo.provinsi is None else ganti(geo.provinsi),
    )
    return Kampanye(tabel, lain, dict(kampanye.info))
