"""Coverage per SLS as of a day: not started, stalled, families to revisit and counts too high, from the rollups."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from queries._jalankan import ke_df
from queries.indikator import Jadwal, JadwalKampanye
from queries.progres import di_bawah
from store.schema import beban, meta, rekap_cakupan, rekap_ppl_harian, rekap_sls_harian, wilayah

DAFTAR = ("belum_mulai", "macet", "ulang", "terlalu_tinggi")  # the four lists, in the order they are shown
KOLOM_AREA = ("jumlah_sls", "belum_mulai", "sasaran_belum", "macet", "sls_ulang", "ulang", "terlalu_tinggi")  # counts per area


@dataclass(frozen=True)
class AmbangCakupan:
    """Coverage thresholds (configurable in one place: tampilan/gaya.py)."""

    hari_macet: int = 3  # stalled: started, below target, and no new family for this many days up to the as-of day
    persen_tinggi: float = 115.0  # too high: families done above this % of the prelist ...
    persen_baru: float = 20.0  # ... or new families above this % of the prelist
    hari_kepala: int = 8  # the overview and report show the counts from this campaign day on (after the first week)

    def di_kepala(self, jadwal: Jadwal, tanggal: date) -> bool:
        """Whether the overview and the report give the coverage counts on this day of the area's schedule."""
        return jadwal.hari_ke(tanggal) >= self.hari_kepala


def keadaan_sls(db: Engine | Connection, induk: str, tanggal: date) -> pd.DataFrame:
    """Every SLS or sub-SLS with a workload under induk, as of tanggal: kode_sls, id_ppl (assigned), sasaran,
    selesai, baru, ulang_2, ulang_3 (families whose result is 2 or 3 on that day) and terakhir (the last day
    a family was first submitted, or none). Families count in the SLS of their latest submission."""
    rs = rekap_sls_harian
    hari_baru = case((rs.c.selesai > 0, rs.c.tanggal))
    jumlah = (
        select(
            rs.c.kode_sls,
            func.sum(rs.c.selesai).label("selesai"),
            func.sum(rs.c.baru).label("baru"),
            func.sum(rs.c.hasil_2).label("ulang_2"),
            func.sum(rs.c.hasil_3).label("ulang_3"),
            func.max(hari_baru).label("terakhir"),
        )
        .where(di_bawah(rs.c.kode_sls, induk), rs.c.tanggal <= tanggal)
        .group_by(rs.c.kode_sls)
    )
    b = beban
    sls = ke_df(db, select(b.c.kode_sls, b.c.id_ppl, b.c.sasaran_keluarga.label("sasaran")).where(di_bawah(b.c.kode_sls, induk)).order_by(b.c.kode_sls))
    isi = ke_df(db, jumlah, ["kode_sls", "selesai", "baru", "ulang_2", "ulang_3", "terakhir"])
    df = sls.merge(isi, on="kode_sls", how="left")
    for k in ("sasaran", "selesai", "baru", "ulang_2", "ulang_3"):
        df[k] = pd.to_numeric(df[k]).fillna(0).astype("int64")
    df["terakhir"] = pd.to_datetime(df["terakhir"]).dt.date
    return df


def ulang_per_ppl(db: Engine | Connection, induk: str, tanggal: date) -> pd.DataFrame:
    """Families to revisit as of tanggal per SLS and the PPL who recorded them: kode_sls, id_ppl, ulang_2, ulang_3."""
    rs = rekap_sls_harian
    u2, u3 = func.sum(rs.c.hasil_2), func.sum(rs.c.hasil_3)
    q = (
        select(rs.c.kode_sls, rs.c.id_ppl, u2.label("ulang_2"), u3.label("ulang_3"))
        .where(di_bawah(rs.c.kode_sls, induk), rs.c.tanggal <= tanggal)
        .group_by(rs.c.kode_sls, rs.c.id_ppl)
        .having((u2 + u3) > 0)
        .order_by(rs.c.kode_sls, rs.c.id_ppl)
    )
    df = ke_df(db, q, ["kode_sls", "id_ppl", "ulang_2", "ulang_3"])
    return df.astype({"ulang_2": "int64", "ulang_3": "int64"})


def harian_ppl(db: Engine | Connection, id_ppl: list[str], tanggal: date) -> pd.DataFrame:
    """Families these PPL first submitted per day, anywhere, up to tanggal: id_ppl, tanggal, selesai."""
    rp = rekap_ppl_harian
    if not id_ppl:
        return pd.DataFrame({"id_ppl": pd.Series(dtype=object), "tanggal": pd.Series(dtype=object), "selesai": pd.Series(dtype="int64")})
    q = (
        select(rp.c.id_ppl, rp.c.tanggal, func.sum(rp.c.selesai).label("selesai"))
        .where(rp.c.id_ppl.in_(sorted(set(id_ppl))), rp.c.tanggal <= tanggal, rp.c.selesai > 0)
        .group_by(rp.c.id_ppl, rp.c.tanggal)
    )
    df = ke_df(db, q, ["id_ppl", "tanggal", "selesai"])
    return df.astype({"selesai": "int64"})


def aktivitas(macet: pd.DataFrame, harian: pd.DataFrame, hari: int) -> pd.DataFrame:
    """Beside each stalled SLS (with its ujung: the as-of day or its deadline if earlier), what its PPL did
    anywhere: selesai_jendela (families first submitted in the `hari` campaign days up to ujung) and
    terakhir_ppl (their last day with a family, up to the as-of day)."""
    jendela, terakhir = [], []
    per_ppl = {p: g for p, g in harian.groupby("id_ppl")}
    for p, ujung in zip(macet["id_ppl"], macet["ujung"], strict=True):
        g = per_ppl.get(p)
        if g is None:
            jendela.append(0)
            terakhir.append(None)
            continue
        dalam = (g["tanggal"] > ujung - timedelta(days=hari)) & (g["tanggal"] <= ujung)
        jendela.append(int(g.loc[dalam, "selesai"].sum()))
        terakhir.append(max(g["tanggal"]))
    return macet.assign(selesai_jendela=pd.array(jendela, dtype="int64"), terakhir_ppl=terakhir)


def nama_wilayah(db: Engine | Connection, kode: list[str]) -> dict[str, str]:
    """Names of the given area codes (SLS, desa, kecamatan) that have one."""
    kode = sorted(set(kode))
    nama: dict[str, str] = {}
    for i in range(0, len(kode), 5000):
        df = ke_df(db, select(wilayah.c.kode, wilayah.c.nama).where(wilayah.c.kode.in_(kode[i : i + 5000])), ["kode", "nama"])
        nama.update(zip(df["kode"], df["nama"], strict=True))
    return nama


def tenggat_sls(kode_sls: pd.Series, jadwal: JadwalKampanye) -> pd.Series:
    """Each SLS's deadline: the campaign's end, or the extension of an area above it."""
    panjang = max([7, *map(len, jadwal.perpanjangan)])
    awalan = kode_sls.str[:panjang]
    return awalan.map({k: jadwal.untuk(k).selesai for k in awalan.unique()})


def nama_di_bawah(db: Engine | Connection, induk: str, panjang: int) -> pd.DataFrame:
    """Code and name of every area with a code of length panjang under induk (e.g. all desa of a kabupaten)."""
    q = select(wilayah.c.kode, wilayah.c.nama).where(di_bawah(wilayah.c.kode, induk), func.length(wilayah.c.kode) == panjang).order_by(wilayah.c.kode)
    return ke_df(db, q, ["kode", "nama"])


def tandai(keadaan: pd.DataFrame, tanggal: date | pd.Series, ambang: AmbangCakupan, jadwal: JadwalKampanye) -> pd.DataFrame:
    """keadaan_sls with the checks of each SLS: belum_mulai, macet (hari_diam: campaign days since its last new
    family, counted up to the SLS's deadline at most), ulang (families to revisit) and terlalu_tinggi (capaian
    or new families above the thresholds). tanggal may be a Series beside keadaan: one as-of day per row."""
    df = keadaan.copy()
    tenggat = pd.to_datetime(tenggat_sls(df["kode_sls"], jadwal))
    hari = pd.to_datetime(tanggal) if isinstance(tanggal, pd.Series) else pd.Timestamp(tanggal)
    ujung = tenggat.where(tenggat <= hari, hari)
    df["ujung"] = ujung.dt.date  # the last day that counts: the as-of day, or the SLS's deadline if earlier
    df["capaian"] = np.where(df["sasaran"] > 0, df["selesai"] / df["sasaran"].where(df["sasaran"] > 0) * 100, np.nan)
    df["persen_baru"] = np.where(df["sasaran"] > 0, df["baru"] / df["sasaran"].where(df["sasaran"] > 0) * 100, np.nan)
    df["hari_diam"] = (ujung - pd.to_datetime(df["terakhir"])).dt.days.clip(lower=0).astype("Int64")
    df["belum_mulai"] = (df["sasaran"] > 0) & (df["selesai"] == 0)
    df["macet"] = (df["selesai"] > 0) & (df["selesai"] < df["sasaran"]) & (df["hari_diam"].fillna(-1) >= ambang.hari_macet).astype(bool)
    df["ulang"] = df["ulang_2"] + df["ulang_3"]
    df["tinggi_capaian"] = df["capaian"] > ambang.persen_tinggi
    df["tinggi_baru"] = df["persen_baru"] > ambang.persen_baru
    df["terlalu_tinggi"] = df["tinggi_capaian"] | df["tinggi_baru"]
    return df


def hitung_per_area(tanda: pd.DataFrame, panjang: int, per_hari: bool = False) -> pd.DataFrame:
    """Counts per area (code length panjang): jumlah_sls, sls_mulai, persen_mulai, belum_mulai, macet,
    sls_ulang, ulang (families), terlalu_tinggi, and the families waiting in SLS not started. per_hari: per
    area and as-of day (tanda's column tanggal)."""
    d = tanda.assign(kode=tanda["kode_sls"].str[:panjang], sls_ulang=tanda["ulang"] > 0, sasaran_belum=tanda["sasaran"].where(tanda["belum_mulai"], 0))
    g = d.groupby(["kode", "tanggal"] if per_hari else "kode", sort=True, observed=True).agg(
        jumlah_sls=("kode_sls", "size"),
        belum_mulai=("belum_mulai", "sum"),
        sasaran_belum=("sasaran_belum", "sum"),
        macet=("macet", "sum"),
        sls_ulang=("sls_ulang", "sum"),
        ulang=("ulang", "sum"),
        terlalu_tinggi=("terlalu_tinggi", "sum"),
    )
    return _mulai(g.astype("int64").reset_index())


def _mulai(g: pd.DataFrame) -> pd.DataFrame:
    g["sls_mulai"] = g["jumlah_sls"] - g["belum_mulai"]
    g["persen_mulai"] = g["sls_mulai"] / g["jumlah_sls"] * 100
    return g


def sidik_cakupan(ambang: AmbangCakupan, jadwal: JadwalKampanye) -> str:
    """What the per-kecamatan daily counts depend on besides the rollups: the thresholds and the deadlines."""
    isi = repr((ambang.hari_macet, ambang.persen_tinggi, ambang.persen_baru, jadwal.umum.mulai, jadwal.umum.selesai, sorted(jadwal.perpanjangan.items())))
    return hashlib.sha256(isi.encode()).hexdigest()[:32]


def per_kecamatan_harian(sls: pd.DataFrame, harian: pd.DataFrame, awal: date, akhir: date, ambang: AmbangCakupan, jadwal: JadwalKampanye) -> pd.DataFrame:
    """The counts of hitung_per_area per kecamatan and as-of day awal..akhir, from the SLS with a workload
    (kode_sls, sasaran) and their rollup rows summed per SLS and day (kode_sls, tanggal, selesai, baru, ulang_2,
    ulang_3): the checks of every SLS on every day, by the same tandai as one day's lists."""
    hari = pd.date_range(awal, akhir, freq="D")
    n, m = len(sls), len(hari)
    if not n:
        return pd.DataFrame(columns=["kode", "tanggal", *KOLOM_AREA])
    posisi = pd.Index(sls["kode_sls"])
    baris = harian[harian["kode_sls"].isin(posisi)]
    i = posisi.get_indexer(baris["kode_sls"])
    j = ((pd.to_datetime(baris["tanggal"]) - hari[0]).dt.days).to_numpy()
    if len(j) and (j.min() < 0 or j.max() >= m):
        raise ValueError("rollup rows outside the days asked for")
    kumulatif = {}
    for k in ("selesai", "baru", "ulang_2", "ulang_3"):
        padat = np.zeros((n, m), dtype="int64")
        np.add.at(padat, (i, j), baris[k].to_numpy(dtype="int64"))
        kumulatif[k] = padat.cumsum(axis=1).ravel()
        if k == "selesai":  # the last day with a new family, up to each day
            ada = np.where(padat > 0, np.arange(m), -1)
            terakhir = np.maximum.accumulate(ada, axis=1).ravel()
    kode = pd.Categorical(np.repeat(posisi.to_numpy(), m), categories=posisi)
    sasaran = np.repeat(sls["sasaran"].to_numpy(dtype="int64"), m)
    keadaan = pd.DataFrame({"kode_sls": kode, "sasaran": sasaran, **kumulatif})
    keadaan["terakhir"] = pd.Series(np.asarray(hari)[np.maximum(terakhir, 0)]).where(terakhir >= 0)
    tanggal = pd.Series(np.tile(np.asarray(hari), n))
    tanda = tandai(keadaan, tanggal, ambang, jadwal).assign(tanggal=tanggal.dt.date)
    return hitung_per_area(tanda, 7, per_hari=True)[["kode", "tanggal", *KOLOM_AREA]]


def gabung_area(per_kec: pd.DataFrame, panjang: int) -> pd.DataFrame:
    """Counts per kecamatan summed to the areas of code length panjang (7 or less)."""
    g = per_kec.assign(kode=per_kec["kode"].str[:panjang]).groupby("kode", sort=True)[list(KOLOM_AREA)].sum()
    return _mulai(g.astype("int64").reset_index())


def bangunan_cakupan(db: Engine | Connection) -> dict[str, str]:
    """How the per-kecamatan daily rollup was last built (meta): cakupan_sidik, cakupan_awal, cakupan_akhir."""
    q = select(meta.c.kunci, meta.c.nilai).where(meta.c.kunci.in_(["cakupan_sidik", "cakupan_awal", "cakupan_akhir"]))
    return dict(ke_df(db, q, ["kunci", "nilai"]).itertuples(index=False))


def _dari_rekap(db: Engine | Connection, induk: str, panjang: int, tanggal: date, ambang: AmbangCakupan, jadwal: JadwalKampanye) -> pd.DataFrame | None:
    """Counts per area from the per-kecamatan daily rollup, or None when it was built for other thresholds or deadlines."""
    isi = bangunan_cakupan(db)
    if isi.get("cakupan_sidik") != sidik_cakupan(ambang, jadwal):
        return None
    hari = min(max(tanggal, date.fromisoformat(isi["cakupan_awal"])), date.fromisoformat(isi["cakupan_akhir"]))  # outside them nothing changes
    rc = rekap_cakupan
    q = select(rc.c.kode_kec.label("kode"), *[rc.c[k] for k in KOLOM_AREA]).where(rc.c.tanggal == hari, di_bawah(rc.c.kode_kec, induk))
    return gabung_area(ke_df(db, q, ["kode", *KOLOM_AREA]), panjang)


def per_area(db: Engine | Connection, induk: str, panjang: int, tanggal: date, ambang: AmbangCakupan, jadwal: JadwalKampanye) -> pd.DataFrame:
    """Counts per area (hitung_per_area) under induk as of tanggal. Above a kabupaten they come from the
    per-kecamatan daily rollup (kept by every import for the configured thresholds); where it does not apply,
    from every SLS's checks."""
    if len(induk) < 4 and panjang <= 7:
        df = _dari_rekap(db, induk, panjang, tanggal, ambang, jadwal)
        if df is not None:
            return df
    return hitung_per_area(tandai_area(db, induk, tanggal, ambang, jadwal), panjang)


def total(tanda: pd.DataFrame) -> dict[str, int]:
    """The four counts of one area: SLS not started, SLS stalled, families to revisit, SLS too high (from
    tandai's rows, one per SLS, or from the counts per area)."""
    return {
        "belum_mulai": int(tanda["belum_mulai"].sum()),
        "macet": int(tanda["macet"].sum()),
        "ulang": int(tanda["ulang"].sum()),
        "terlalu_tinggi": int(tanda["terlalu_tinggi"].sum()),
    }


def tandai_area(db: Engine | Connection, induk: str, tanggal: date, ambang: AmbangCakupan, jadwal: JadwalKampanye) -> pd.DataFrame:
    """Every SLS under induk with its checks as of tanggal (keadaan_sls, then tandai)."""
    return tandai(keadaan_sls(db, induk, tanggal), tanggal, ambang, jadwal)


def daftar_cakupan(db: Engine | Connection, tanda: pd.DataFrame, induk: str, tanggal: date, ambang: AmbangCakupan) -> dict[str, pd.DataFrame]:
    """The four lists of an area as of tanggal (tanda from tandai_area), each row with its kecamatan, desa and
    SLS (codes and names): belum_mulai (PPL, families waiting), macet (with the PPL's families anywhere in the
    same days, and their last day), ulang (per SLS and the PPL who recorded the families) and terlalu_tinggi."""
    ulang = ulang_per_ppl(db, induk, tanggal)
    macet = tanda[tanda["macet"]]
    macet = aktivitas(macet, harian_ppl(db, list(macet["id_ppl"]), tanggal), ambang.hari_macet)
    daftar = {
        "belum_mulai": (tanda[tanda["belum_mulai"]], ["id_ppl", "sasaran"]),
        "macet": (macet, ["id_ppl", "sasaran", "selesai", "capaian", "terakhir", "hari_diam", "selesai_jendela", "terakhir_ppl"]),
        "ulang": (ulang.assign(ulang=ulang["ulang_2"] + ulang["ulang_3"]), ["id_ppl", "ulang_2", "ulang_3", "ulang"]),
        "terlalu_tinggi": (tanda[tanda["terlalu_tinggi"]], ["id_ppl", "sasaran", "selesai", "capaian", "baru", "persen_baru", "tinggi_capaian", "tinggi_baru"]),
    }
    sls = pd.concat([df["kode_sls"] for df, _ in daftar.values()])
    nama = nama_wilayah(db, [*sls, *sls.str[:10], *sls.str[:7]])  # only the areas the lists name

    def _bernama(df: pd.DataFrame, kolom: list[str]) -> pd.DataFrame:
        df = df.assign(kode_kec=df["kode_sls"].str[:7], kode_desa=df["kode_sls"].str[:10])
        df = df.assign(nama_kec=df["kode_kec"].map(nama), nama_desa=df["kode_desa"].map(nama), nama_sls=df["kode_sls"].map(nama))
        return df[["kode_kec", "nama_kec", "kode_desa", "nama_desa", "kode_sls", "nama_sls", *kolom]].reset_index(drop=True)

    return {jenis: _bernama(df, kolom) for jenis, (df, kolom) in daftar.items()}
