"""Tables shown and downloaded: ranking order, on-screen columns, download columns and Excel export."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from dashboard.teks import t, tanggal

PENANDA_STATUS = {"kritis": "▼▼", "tertinggal": "▼", "sesuai": "●", "depan": "▲"}
KOLOM_PERINGKAT = [
    "kecamatan",
    "nama",
    "capaian",
    "selisih",
    "status",
    "tren",
    "rencana",
    "naik_1hari",
    "naik_7hari",
    "laju_7hari",
    "laju_perlu",
    "proyeksi_selesai",
    "hari_terlambat",
    "selesai",
    "sasaran",
]


def urut_peringkat(df: pd.DataFrame) -> pd.DataFrame:
    """Most behind first; areas without a target last."""
    return df.sort_values(["selisih", "nama"], na_position="last").reset_index(drop=True)


def tambah_nama_induk(df: pd.DataFrame, induk: pd.DataFrame) -> pd.DataFrame:
    """Add the kecamatan name of each desa (joined on the code prefix)."""
    nama = dict(zip(induk["kode"], induk["nama"], strict=True))
    return df.assign(kecamatan=df["kode"].str[:7].map(nama))


def label_status(s: object, bahasa: str) -> str:
    return f"{PENANDA_STATUS[s]} {t(f'status_{s}', bahasa)}" if isinstance(s, str) else t("status_tanpa", bahasa)


def untuk_layar(df: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    """Columns for st.dataframe: numbers stay numbers (sortable), labels translated."""
    out = df[[k for k in KOLOM_PERINGKAT if k in df.columns]].copy()
    for k in ("capaian", "rencana", "selisih", "naik_1hari", "naik_7hari"):
        out[k] = out[k].round(1)
    for k in ("laju_7hari", "laju_perlu"):
        out[k] = out[k].round(0)
    out["status"] = out["status"].map(lambda s: label_status(s, bahasa))
    out["proyeksi_selesai"] = [
        t("tercapai", bahasa) if s == 0 and sas > 0 else tanggal(p, bahasa) for p, s, sas in zip(df["proyeksi_selesai"], df["sisa"], df["sasaran"], strict=True)
    ]
    return out


def konfigurasi_kolom(bahasa: str) -> dict:
    angka = {"format": "localized"}
    return {
        "kecamatan": st.column_config.TextColumn(t("kecamatan", bahasa)),
        "nama": st.column_config.TextColumn(t("wilayah", bahasa), pinned=True),
        "capaian": st.column_config.NumberColumn(t("capaian", bahasa) + " (%)", **angka),
        "rencana": st.column_config.NumberColumn(t("rencana", bahasa) + " (%)", **angka),
        "selisih": st.column_config.NumberColumn(t("selisih", bahasa) + f" ({t('poin', bahasa)})", **angka),
        "status": st.column_config.TextColumn(t("status", bahasa)),
        "naik_1hari": st.column_config.NumberColumn(t("sejak_kemarin", bahasa) + f" ({t('poin', bahasa)})", **angka),
        "naik_7hari": st.column_config.NumberColumn(t("sejak_minggu_lalu", bahasa) + f" ({t('poin', bahasa)})", **angka),
        "laju_7hari": st.column_config.NumberColumn(t("laju_7hari", bahasa) + f" ({t('per_hari', bahasa)})", **angka),
        "laju_perlu": st.column_config.NumberColumn(t("laju_perlu", bahasa) + f" ({t('per_hari', bahasa)})", **angka),
        "proyeksi_selesai": st.column_config.TextColumn(t("proyeksi_selesai", bahasa)),
        "hari_terlambat": st.column_config.NumberColumn(t("hari_terlambat", bahasa), **angka),
        "selesai": st.column_config.NumberColumn(t("selesai", bahasa), **angka),
        "sasaran": st.column_config.NumberColumn(t("sasaran", bahasa), **angka),
        "tren": st.column_config.LineChartColumn(t("tren_14hari", bahasa), y_min=0, y_max=110),
    }


def untuk_unduhan(df: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    """What is shown, as plain values with the on-screen headers (dates ISO, codes as text)."""
    out = df[["kode", *[k for k in KOLOM_PERINGKAT if k in df.columns and k != "tren"]]].copy()
    out["status"] = out["status"].map(lambda s: t(f"status_{s}", bahasa) if isinstance(s, str) else t("status_tanpa", bahasa))
    out["proyeksi_selesai"] = out["proyeksi_selesai"].map(lambda d: d.isoformat() if d is not None and not pd.isna(d) else "")
    for k in ("capaian", "rencana", "selisih", "naik_1hari", "naik_7hari", "laju_7hari", "laju_perlu"):
        out[k] = out[k].round(2)
    judul = {k: c.get("label") or k for k, c in ((k, konfigurasi_kolom(bahasa).get(k, {})) for k in out.columns)}
    judul["kode"] = t("kode", bahasa)
    return out.rename(columns=judul)


def ke_excel(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        df.to_excel(xl, index=False, sheet_name="data")
    return buf.getvalue()


def gabung_cakupan(rekap: pd.DataFrame, hasil: pd.DataFrame, laporan: pd.DataFrame) -> pd.DataFrame:
    """Per area: the lengkapi() figures, counts by result code and new families, and field-report tallies if any."""
    df = rekap.merge(hasil, on="kode", how="left")
    kolom = [f"hasil_{k}" for k in range(1, 6)] + ["keluarga_baru"]
    df[kolom] = df[kolom].fillna(0).astype("int64")
    if len(laporan):
        df = df.merge(laporan, on="kode", how="left")
        df["laporan_selesai"] = pd.to_numeric(df["laporan_selesai"]).astype("Int64")
        df["selisih_laporan"] = df["laporan_selesai"] - df["selesai"].where(df["laporan_selesai"].notna())
    return df


def cakupan_layar(df: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    kolom = ["nama", "sasaran", "selesai", "capaian", *[f"hasil_{k}" for k in range(1, 6)], "keluarga_baru"]
    if "laporan_selesai" in df:
        kolom += ["laporan_selesai", "selisih_laporan"]
    out = df[kolom].copy()
    out["capaian"] = out["capaian"].round(1)
    return out


def konfigurasi_cakupan(bahasa: str, ada_laporan: bool) -> dict:
    angka = {"format": "localized"}
    konfigurasi = {
        "nama": st.column_config.TextColumn(t("wilayah", bahasa), pinned=True),
        "sasaran": st.column_config.NumberColumn(t("sasaran", bahasa), **angka),
        "selesai": st.column_config.NumberColumn(t("selesai_rekaman", bahasa), **angka),
        "capaian": st.column_config.NumberColumn(t("capaian", bahasa) + " (%)", **angka),
        "keluarga_baru": st.column_config.NumberColumn(t("keluarga_baru", bahasa), **angka),
        **{f"hasil_{k}": st.column_config.NumberColumn(t(f"hasil_{k}", bahasa), **angka) for k in range(1, 6)},
    }
    if ada_laporan:
        konfigurasi["laporan_selesai"] = st.column_config.NumberColumn(t("laporan_selesai", bahasa), **angka)
        konfigurasi["selisih_laporan"] = st.column_config.NumberColumn(t("selisih_laporan", bahasa), **angka)
    return konfigurasi
