"""Independent recomputation of the numbers of docs/DEFINISI.md from raw contract rows, in plain pandas."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd

from aturan.indikator import JadwalKampanye
from aturan.kalibrasi import Riwayat, riwayat_ramalan
from aturan.kualitas import AmbangKualitas
from aturan.proyeksi import Bahan, ParameterProyeksi, lingkup, ramal, ritme_kampanye


def per_wilayah(tabel: dict[str, pd.DataFrame], panjang: int, tanggal: date) -> pd.DataFrame:
    """sasaran, selesai(d), selesai(d-1), selesai(d-7) per area whose code has the given length.

    A family counts from its first submission, in the SLS of its latest submission."""
    beban = tabel["beban"]
    kel = tabel["keluarga"]
    sasaran = beban.groupby(beban["kode_sls"].str[:panjang])["sasaran_keluarga"].sum()
    urut = kel.sort_values(["id_keluarga", "tanggal"])
    pertama = urut.groupby("id_keluarga")["tanggal"].min()
    wilayah = urut.groupby("id_keluarga")["kode_sls"].last().str[:panjang]
    hasil = pd.DataFrame({"sasaran": sasaran})
    for nama, geser in (("selesai", 0), ("selesai_1", 1), ("selesai_7", 7)):
        batas = tanggal - timedelta(days=geser)
        hasil[nama] = (pertama <= batas).groupby(wilayah).sum()
    return hasil.fillna(0).astype("int64")


def jadwal_area(tabel: dict[str, pd.DataFrame], kode: str) -> tuple[date, date]:
    """(mulai, selesai) in force for an area: the jadwal row of its longest listed prefix, else the general row."""
    jadwal = tabel["jadwal"]
    kode_wil = jadwal["kode_wilayah"].fillna("") if "kode_wilayah" in jadwal else pd.Series([""] * len(jadwal))
    cocok = [(len(k), i) for i, k in enumerate(kode_wil) if kode.startswith(k)]
    baris = jadwal.iloc[max(cocok)[1]]
    return baris["mulai"], baris["selesai"]


def _keluarga(tabel: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per family: its first day, and the SLS and PPL of its latest submission."""
    urut = tabel["keluarga"].sort_values("tanggal", kind="stable")
    return urut.groupby("id_keluarga").agg(pertama=("tanggal", "min"), kode_sls=("kode_sls", "last"), id_ppl=("id_ppl", "last"))


def _bahan(tabel: dict[str, pd.DataFrame], fam: pd.DataFrame, induk: str, tanggal: date, mulai: date, param: ParameterProyeksi) -> Bahan:
    """What the forecast reads on a day, from the raw rows: per SLS of the scope, families by their first day in
    their latest SLS; per PPL (of the latest submission) families first submitted in the pace window."""
    beban = tabel["beban"]
    dalam = fam[fam["kode_sls"].str.startswith(induk)]
    awal = tanggal - timedelta(days=param.jendela)
    sls = beban[beban["kode_sls"].str.startswith(induk)][["kode_sls", "id_ppl", "sasaran_keluarga"]].rename(columns={"sasaran_keluarga": "sasaran"})
    sls = sls.assign(
        selesai=sls["kode_sls"].map((dalam["pertama"] <= tanggal).groupby(dalam["kode_sls"]).sum()).fillna(0).astype("int64"),
        selesai_awal=sls["kode_sls"].map((dalam["pertama"] <= awal).groupby(dalam["kode_sls"]).sum()).fillna(0).astype("int64"),
    ).reset_index(drop=True)
    jendela = dalam[(dalam["pertama"] > awal) & (dalam["pertama"] <= tanggal)]
    ppl = jendela.groupby("id_ppl").size().rename("kerja").reset_index()
    ppl["pertama"] = ppl["id_ppl"].map(dalam[dalam["pertama"] <= tanggal].groupby("id_ppl")["pertama"].min())  # their first day with a family
    harian = fam[fam["pertama"] <= tanggal].groupby("pertama").size().rename("selesai_hari").rename_axis("tanggal").reset_index()
    faktor, berhenti = ritme_kampanye(harian, tanggal)
    return Bahan(tanggal, sls, ppl, faktor, mulai, berhenti)


_RIWAYAT: dict[tuple[int, str, date], Riwayat | None] = {}


def riwayat(tabel: dict[str, pd.DataFrame], induk: str, tanggal: date, param: ParameterProyeksi = ParameterProyeksi()) -> Riwayat | None:
    """The forecast's history in scope induk up to tanggal (aturan.kalibrasi.riwayat_ramalan, the rules' own
    function), every input rebuilt from the raw rows: each day's Bahan as above, and per area of the scope's levels
    (kecamatan and desa, those with a workload) its target and families done each day; None unless induk is a
    kabupaten."""
    kunci = (id(tabel), induk, tanggal)
    if kunci in _RIWAYAT:
        return _RIWAYAT[kunci]
    jk = JadwalKampanye.dari_tabel(tabel["jadwal"])
    mulai = jk.umum.mulai
    if tanggal < mulai or len(induk) != 4:  # a kabupaten's history only
        return _RIWAYAT.setdefault(kunci, None)
    fam = _keluarga(tabel)
    hari = [mulai + timedelta(days=i) for i in range((tanggal - mulai).days + 1)]
    bahan = {d: _bahan(tabel, fam, induk, d, mulai, param) for d in hari}
    beban = tabel["beban"][tabel["beban"]["kode_sls"].str.startswith(induk)]
    dalam = fam[fam["kode_sls"].str.startswith(induk)]
    panjang = [7, 10]  # kecamatan and desa
    sasaran, kum = [], []
    hari_ke = dalam["pertama"].map(lambda d: max((d - mulai).days, 0))
    for pj in panjang:
        s_area = beban.groupby(beban["kode_sls"].str[:pj])["sasaran_keluarga"].sum()
        per_hari = pd.crosstab(dalam["kode_sls"].str[:pj], hari_ke).reindex(index=s_area.index, columns=range(len(hari)), fill_value=0).fillna(0)
        sasaran.append(s_area)
        kum.append(per_hari.cumsum(axis=1).to_numpy())
    s_semua = pd.concat(sasaran)
    area = pd.DataFrame({"kode": s_semua.index, "sasaran": s_semua.to_numpy()})
    return _RIWAYAT.setdefault(kunci, riwayat_ramalan(bahan, area, np.vstack(kum), jk, param))


def ramalan(tabel: dict[str, pd.DataFrame], kode: list[str], tanggal: date, param: ParameterProyeksi = ParameterProyeksi()) -> pd.DataFrame:
    """The forecast (aturan.proyeksi.ramal, the model's definition) for areas of one length under one scope, fed
    from the raw rows instead of the database, its ranges from the scope's history (riwayat). Indexed by kode."""
    jk = JadwalKampanye.dari_tabel(tabel["jadwal"])
    induk = lingkup(kode[0])
    fam = _keluarga(tabel)
    angka = per_wilayah(tabel, len(kode[0]), tanggal).reindex(kode, fill_value=0) if kode[0] else None
    if angka is None:  # the nation
        angka = pd.DataFrame({"sasaran": [int(tabel["beban"]["sasaran_keluarga"].sum())], "selesai": [int((fam["pertama"] <= tanggal).sum())]}, index=[""])
    area = pd.DataFrame({"kode": kode, "sasaran": angka["sasaran"].to_numpy(), "selesai": angka["selesai"].to_numpy()})
    riw = riwayat(tabel, induk, tanggal, param)
    if riw is None:
        return ramal(_bahan(tabel, fam, induk, tanggal, jk.umum.mulai, param), area, jk, param).set_axis(kode)
    return riw.ramal(riw.bahan[tanggal], area, jk).set_axis(kode)


def indikator(baris: pd.Series, mulai: date, selesai: date, tanggal: date, ramalan_area: pd.Series | None = None) -> dict:
    """capaian, rencana (linear), selisih, status, laju 7 hari, laju perlu, proyeksi for one area. With
    ramalan_area (a row of ramalan()) its median is the projection; without it, the 7-day pace's."""
    n = (selesai - mulai).days + 1
    k = min(max((tanggal - mulai).days + 1, 0), n)
    capaian = baris["selesai"] / baris["sasaran"] * 100 if baris["sasaran"] else float("nan")
    rencana = k / n * 100
    selisih = capaian - rencana
    jendela = min(7, k) if tanggal <= selesai else 7
    laju = (baris["selesai"] - baris["selesai_7"]) / jendela if jendela else float("nan")
    sisa = max(baris["sasaran"] - baris["selesai"], 0)
    sisa_hari = n - k
    laju_perlu = 0.0 if sisa == 0 else (sisa / sisa_hari if sisa_hari else float("nan"))
    proyeksi = tanggal + timedelta(days=math.ceil(sisa / laju)) if sisa > 0 and laju and laju > 0 else None
    if ramalan_area is not None:
        proyeksi = ramalan_area["proyeksi_selesai"]
    if not baris["sasaran"]:
        status = None
    elif sisa == 0:
        status = "tuntas"
    elif tanggal > selesai:
        status = "lewat"
    elif selisih <= -15:
        status = "kritis"
    elif selisih <= -5:
        status = "tertinggal"
    elif (proyeksi is not None and proyeksi > selesai) or (proyeksi is None and k > 0):
        status = "berisiko"
    elif selisih >= 5:
        status = "depan"
    else:
        status = "sesuai"
    return {"capaian": capaian, "rencana": rencana, "selisih": selisih, "status": status, "laju_7hari": laju, "laju_perlu": laju_perlu, "proyeksi_selesai": proyeksi}


def cakupan_sls(tabel: dict[str, pd.DataFrame], tanggal: date, hari_macet: int, persen_tinggi: float, persen_baru: float) -> pd.DataFrame:
    """Per SLS of the workload, as of tanggal: selesai, baru, ulang_2, ulang_3 and the checks belum_mulai, macet
    (with ujung and hari_diam), terlalu_tinggi; straight from the submissions. A family belongs to the SLS and
    PPL of its latest submission, counts from its first, and is to revisit when its latest submission up to
    tanggal has result 2 or 3. Stalled: started, below target, no new family in the last hari_macet days up to
    the SLS's deadline (or tanggal, if earlier)."""
    beban, kel = tabel["beban"], tabel["keluarga"].sort_values(["id_keluarga", "tanggal"])
    akhir = kel.groupby("id_keluarga").tail(1).set_index("id_keluarga")
    pertama = kel.groupby("id_keluarga")["tanggal"].min()
    fam = pd.DataFrame({"kode_sls": akhir["kode_sls"], "baru": akhir["keluarga_baru"].astype(int), "pertama": pertama})
    fam = fam[fam["pertama"] <= tanggal]
    sampai = kel[kel["tanggal"] <= tanggal].groupby("id_keluarga").tail(1).set_index("id_keluarga")["hasil"]
    fam["hasil_kini"] = sampai.reindex(fam.index)
    g = fam.groupby("kode_sls")
    out = beban.set_index("kode_sls")[["id_ppl", "sasaran_keluarga"]].rename(columns={"sasaran_keluarga": "sasaran"})
    out["selesai"] = g.size().reindex(out.index).fillna(0).astype(int)
    out["baru"] = g["baru"].sum().reindex(out.index).fillna(0).astype(int)
    for h in (2, 3):
        out[f"ulang_{h}"] = (fam["hasil_kini"] == h).groupby(fam["kode_sls"]).sum().reindex(out.index).fillna(0).astype(int)
    out["terakhir"] = g["pertama"].max().reindex(out.index)
    out["ujung"] = [min(tanggal, jadwal_area(tabel, k)[1]) for k in out.index]
    out["hari_diam"] = [max(0, (u - t).days) if isinstance(t, date) else None for u, t in zip(out["ujung"], out["terakhir"], strict=True)]
    out["belum_mulai"] = (out["sasaran"] > 0) & (out["selesai"] == 0)
    out["macet"] = [s > 0 and s < sas and h is not None and h >= hari_macet for s, sas, h in zip(out["selesai"], out["sasaran"], out["hari_diam"], strict=True)]
    out["terlalu_tinggi"] = (out["selesai"] > out["sasaran"] * persen_tinggi / 100) | (out["baru"] > out["sasaran"] * persen_baru / 100)
    return out


def paradata_harian(kiriman: pd.DataFrame, a: AmbangKualitas) -> pd.DataFrame:
    """Field-quality counts per PPL, kecamatan and day straight from the stored submissions, one PPL-day at a time in plain
    Python: overlap as pairs of interviews each starting more than the tolerance before the other ends; night by the
    start's clock time; one spot as the fullest cell holding the point in four grids of cells twice the distance,
    shifted by half a cell; outside as a stored distance beyond the tolerance."""
    awal, akhir = (int(x[:2]) * 60 + int(x[3:]) for x in (a.malam_mulai, a.malam_selesai))
    tol = timedelta(minutes=a.toleransi_tumpang_menit)
    baris = []
    for (ppl, hari), g in kiriman.groupby(["id_ppl", "tanggal"]):
        r = g.to_dict("records")
        sel_isi: dict[tuple, int] = {}
        sel_titik: list[list[tuple]] = []
        for x in r:
            kunci = []
            if pd.notna(x["lintang"]):
                yy = x["lintang"] * 110_574.0
                xx = x["bujur"] * 111_320.0 * math.cos(math.radians(x["lintang"]))
                c = 2 * a.jarak_tumpuk_meter
                for gx, gy in ((0, 0), (0.5, 0), (0, 0.5), (0.5, 0.5)):
                    k = (gx, gy, math.floor(xx / c + gx), math.floor(yy / c + gy))
                    sel_isi[k] = sel_isi.get(k, 0) + 1
                    kunci.append(k)
            sel_titik.append(kunci)
        for x, kunci in zip(r, sel_titik, strict=True):
            m, s = x["waktu_mulai"], x["waktu_selesai"]
            ada_waktu = m is not None and pd.notna(m)
            jam = m.hour * 60 + m.minute if ada_waktu else None
            malam = ada_waktu and ((jam >= awal or jam < akhir) if awal > akhir else awal <= jam < akhir)
            lain = [y for y in r if y is not x and pd.notna(y["waktu_mulai"]) and pd.notna(y["waktu_selesai"])]
            tumpang = ada_waktu and pd.notna(s) and any(m < y["waktu_selesai"] - tol and y["waktu_mulai"] < s - tol for y in lain)
            jarak = x["jarak_desa"]
            bertitik = pd.notna(x["lintang"])
            luar = pd.notna(jarak) and jarak > a.toleransi_luar_meter
            baris.append(
                {
                    "id_ppl": ppl,
                    "kode_kec": x["kode_sls"][:7],
                    "tanggal": hari,
                    "berwaktu": int(ada_waktu),
                    "tumpang": int(bool(tumpang)),
                    "malam": int(bool(malam)),
                    "bertitik": int(bertitik),
                    "tanpa_batas": int(bertitik and pd.isna(jarak)),
                    "luar_desa": int(luar),
                    "menumpuk": int(bool(kunci) and max(sel_isi[k] for k in kunci) >= a.minimal_tumpuk),
                    "jarak_luar_maks": jarak if luar else np.nan,
                }
            )
    df = pd.DataFrame(baris)
    nilai = ["berwaktu", "tumpang", "malam", "bertitik", "tanpa_batas", "luar_desa", "menumpuk"]
    if df.empty:
        return pd.DataFrame(columns=["id_ppl", "kode_kec", "tanggal", *nilai, "jarak_luar_maks"])
    df = df.groupby(["id_ppl", "kode_kec", "tanggal"], as_index=False).agg(**{n: (n, "sum") for n in nilai}, jarak_luar_maks=("jarak_luar_maks", "max"))
    return df[(df["berwaktu"] + df["bertitik"]) > 0].reset_index(drop=True)
