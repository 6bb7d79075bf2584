"""Tables of the coverage lists (not started, stalled, revisits, too high): columns shown, labels and headline figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from aturan.cakupan import DAFTAR, AmbangCakupan
from tampilan.teks import angka, t, tanggal


def _tanggal(d: object, bahasa: str) -> str:
    return tanggal(d if pd.notna(d) else None, bahasa)


def _tempat(df: pd.DataFrame, bahasa: str) -> dict[str, pd.Series]:
    return {
        t("kecamatan", bahasa): df["nama_kec"],
        t("desa", bahasa): df["nama_desa"],
        t("kode", bahasa): df["kode_sls"],
        "SLS": df["nama_sls"],
    }


def daftar_layar(jenis: str, df: pd.DataFrame, bahasa: str, ambang: AmbangCakupan) -> pd.DataFrame:
    """One list as shown and downloaded: place, PPL and the list's own figures, with column names in the page
    language (numbers stay numbers; berformat writes them)."""
    tempat = _tempat(df, bahasa)
    if jenis == "belum_mulai":
        kolom = {"PPL": df["id_ppl"], t("ck_menunggu", bahasa): df["sasaran"]}
    elif jenis == "macet":
        sibuk = df["selesai_jendela"] > 0
        kolom = {
            "PPL": df["id_ppl"],
            t("sasaran", bahasa): df["sasaran"],
            t("selesai", bahasa): df["selesai"],
            t("capaian", bahasa) + " (%)": df["capaian"].round(1),
            t("ck_terakhir", bahasa): [_tanggal(d, bahasa) for d in df["terakhir"]],
            t("ck_hari_diam", bahasa): df["hari_diam"].astype("int64"),
            t("ck_ppl_jendela", bahasa, n=ambang.hari_macet): df["selesai_jendela"],
            t("ck_ppl_terakhir", bahasa): [_tanggal(d, bahasa) for d in df["terakhir_ppl"]],
            t("ck_keadaan_ppl", bahasa): [t("ck_ppl_sibuk" if s else "ck_ppl_berhenti", bahasa) for s in sibuk],
        }
    elif jenis == "ulang":
        kolom = {"PPL": df["id_ppl"], t("hasil_2", bahasa): df["ulang_2"], t("hasil_3", bahasa): df["ulang_3"], t("ck_ulang_total", bahasa): df["ulang"]}
    else:
        alasan_capaian = t("ck_alasan_capaian", bahasa, x=angka(ambang.persen_tinggi, 0, bahasa))
        alasan_baru = t("ck_alasan_baru", bahasa, x=angka(ambang.persen_baru, 0, bahasa))
        alasan = [", ".join(a for a, ya in ((alasan_capaian, c), (alasan_baru, b)) if ya) for c, b in zip(df["tinggi_capaian"], df["tinggi_baru"], strict=True)]
        kolom = {
            "PPL": df["id_ppl"],
            t("sasaran", bahasa): df["sasaran"],
            t("selesai", bahasa): df["selesai"],
            t("capaian", bahasa) + " (%)": df["capaian"].round(1),
            t("keluarga_baru", bahasa): df["baru"],
            t("ck_persen_baru", bahasa): df["persen_baru"].round(1),
            t("ck_alasan", bahasa): alasan,
        }
    return pd.DataFrame({**tempat, **kolom}).reset_index(drop=True)


def per_area_layar(per_area: pd.DataFrame, nama: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    """The counts per area (aturan.cakupan.hitung_per_area) with each area's name."""
    df = per_area.merge(nama, on="kode", how="left")
    return pd.DataFrame(
        {
            t("wilayah", bahasa): df["nama"].fillna(df["kode"]),
            t("ck_jumlah_sls", bahasa): df["jumlah_sls"],
            t("ck_persen_mulai", bahasa): df["persen_mulai"].round(1),
            t("ck_belum_mulai", bahasa): df["belum_mulai"],
            t("ck_menunggu", bahasa): df["sasaran_belum"],
            t("ck_macet", bahasa): df["macet"],
            t("ck_sls_ulang", bahasa): df["sls_ulang"],
            t("ck_ulang_total", bahasa): df["ulang"],
            t("ck_terlalu_tinggi", bahasa): df["terlalu_tinggi"],
        }
    )


def angka_cakupan(jumlah: dict[str, int], n_sls: int, sls_ulang: int, bahasa: str) -> None:
    """The four counts of the area as headline figures."""
    catatan = {"belum_mulai": t("ck_dari_sls", bahasa, n=angka(n_sls, 0, bahasa)), "ulang": t("ck_di_sls", bahasa, n=angka(sls_ulang, 0, bahasa))}
    for kolom, jenis in zip(st.columns(len(DAFTAR)), DAFTAR, strict=True):
        kolom.metric(t(f"ck_n_{jenis}", bahasa), angka(jumlah[jenis], 0, bahasa), catatan.get(jenis), delta_color="off", delta_arrow="off", border=True)


def definisi(jenis: str, bahasa: str, ambang: AmbangCakupan) -> str:
    kunci = {"belum_mulai": "ck_def_belum_mulai", "macet": "ck_def_macet", "ulang": "ck_def_ulang", "terlalu_tinggi": "ck_def_tinggi"}[jenis]
    return t(kunci, bahasa, n=ambang.hari_macet, tinggi=angka(ambang.persen_tinggi, 0, bahasa), baru=angka(ambang.persen_baru, 0, bahasa))
