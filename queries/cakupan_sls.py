"""Coverage reads: the state of every SLS as of a day from the rollups, and the names and PPL activity the four lists show."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from aturan.cakupan import KOLOM_AREA, AmbangCakupan, aktivitas, gabung_area, hitung_per_area, sidik_cakupan, tandai
from aturan.indikator import JadwalKampanye
from store.baca import bangunan_cakupan, di_bawah, ke_df
from store.db import POTONG_BACA, potong
from store.schema import beban, rekap_cakupan, rekap_ppl_harian, rekap_sls_harian, wilayah


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


def nama_wilayah(db: Engine | Connection, kode: list[str]) -> dict[str, str]:
    """Names of the given area codes (SLS, desa, kecamatan) that have one."""
    kode = sorted(set(kode))
    nama: dict[str, str] = {}
    for bagian in potong(kode, POTONG_BACA):
        df = ke_df(db, select(wilayah.c.kode, wilayah.c.nama).where(wilayah.c.kode.in_(bagian)), ["kode", "nama"])
        nama.update(zip(df["kode"], df["nama"], strict=True))
    return nama


def nama_di_bawah(db: Engine | Connection, induk: str, panjang: int) -> pd.DataFrame:
    """Code and name of every area with a code of length panjang under induk (e.g. all desa of a kabupaten)."""
    q = select(wilayah.c.kode, wilayah.c.nama).where(di_bawah(wilayah.c.kode, induk), func.length(wilayah.c.kode) == panjang).order_by(wilayah.c.kode)
    return ke_df(db, q, ["kode", "nama"])


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
    """Counts per area (hitung_per_area) under induk as of tanggal. From a kabupaten up, per kecamatan or above,
    they come from the per-kecamatan daily rollup (kept by every import for the configured thresholds); where it
    does not apply, and below a kecamatan, from every SLS's checks."""
    if len(induk) <= 4 and panjang <= 7:
        df = _dari_rekap(db, induk, panjang, tanggal, ambang, jadwal)
        if df is not None:
            return df
    return hitung_per_area(tandai_area(db, induk, tanggal, ambang, jadwal), panjang)


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
