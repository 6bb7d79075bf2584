"""Tables shown and downloaded: ranking order, on-screen columns, download columns and Excel export."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from aturan.indikator import STATUS_PERHATIAN, STATUS_TELAT, urut_paling_tertinggal
from aturan.kinerja import BENDERA as BENDERA_PPL
from aturan.kualitas import CEK
from dashboard.tabel_cek import STATUS_LABEL
from tampilan import aman, gaya
from tampilan.teks import angka, keparahan_pendek, rentang_tanggal, t, tanggal, teks_keparahan, teks_sebab

PENANDA_STATUS = {"lewat": "■", "kritis": "▼▼", "tertinggal": "▼", "berisiko": "◆", "sesuai": "●", "depan": "▲", "tuntas": "✔"}
KOLOM_PERINGKAT = [  # the answer first (status, how far behind, when it will finish), then how it got there
    "nama",
    "induk",
    "status",
    "capaian",
    "selisih",
    "proyeksi_selesai",
    "rentang_proyeksi",
    "peluang_tepat",
    "hari_terlambat",
    "hari_lewat",
    "sebab",
    "tren",
    "rencana",
    "laju_7hari",
    "laju_perlu",
    "proyeksi_laju7",
    "naik_1hari",
    "naik_7hari",
    "selesai",
    "sasaran",
]


# decimals shown per column where a float column holds whole numbers (paces, day counts); other floats get 1
DESIMAL = {
    "laju_7hari": 0,
    "laju_perlu": 0,
    "hari_terlambat": 0,
    "hari_lewat": 0,
    "peluang_tepat": 0,
    "sisa_di_tenggat": 0,
    "ppl_hari_tambahan": 0,
    "hari_sejak_kirim": 0,
    "kekurangan_laju": 0,
}  # an area's paces: thousands a day
DESIMAL_PETUGAS = {"laju_7hari": 1, "laju_perlu": 1, "kekurangan_laju": 1}  # one officer's paces: a few families a day


def berformat(df: pd.DataFrame, bahasa: str, desimal: dict[str, int] | None = None):
    """The table with its numbers written in the page language (1.234,5 / 1,234.5) while they stay numbers to sort by.

    Streamlit's own "localized" format follows the browser's locale, not the language chosen on the page, so the
    display text comes from a pandas Styler (a column_config without a format shows it)."""
    desimal = DESIMAL | (desimal or {})
    format_kolom = {}
    for k in df.columns:
        if pd.api.types.is_bool_dtype(df[k]) or not pd.api.types.is_numeric_dtype(df[k]):
            continue
        if pd.api.types.is_integer_dtype(df[k]) and k not in desimal and (df[k].empty or (df[k].min() >= 0 and df[k].max() < 1000)):
            continue  # written the same in every language: no cell to format (a styled table costs ~0.1 ms a cell)
        d = desimal.get(k, 0 if pd.api.types.is_integer_dtype(df[k]) else 1)
        format_kolom[k] = functools.partial(_angka_sel, desimal=d, bahasa=bahasa)
    if not format_kolom:
        return df
    # a missing value is a dash, never "None"; every caller hides the index, and a hidden one is not rendered (a fifth of the cost)
    return df.style.format(format_kolom, na_rep="–").hide(axis="index")


def _angka_sel(x: object, desimal: int, bahasa: str) -> str:
    return "" if x is None or x is pd.NA or (isinstance(x, float) and x != x) else angka(float(x), desimal, bahasa)


def tambah_nama_induk(df: pd.DataFrame, induk: pd.DataFrame) -> pd.DataFrame:
    """Add the name of each area's parent (e.g. the kecamatan of a desa), joined on the code prefix."""
    nama = dict(zip(induk["kode"], induk["nama"], strict=True))
    panjang = len(induk["kode"].iloc[0]) if len(induk) else 0
    return df.assign(induk=df["kode"].str[:panjang].map(nama))


def label_status(s: object, bahasa: str) -> str:
    return f"{PENANDA_STATUS[s]} {t(f'status_{s}', bahasa)}" if isinstance(s, str) else t("status_tanpa", bahasa)


def tambah_sebab(df: pd.DataFrame, bahasa: str, tampil_id: bool = False) -> pd.DataFrame:
    """Add sebab (why a late area is late, tampilan.teks.teks_sebab) and keparahan (how late) as text columns;
    officer IDs only with tampil_id (a role that sees officers)."""
    if "sebab_ppl_lambat" not in df or "sebab" in df:
        return df
    telat = df["status"].isin(STATUS_TELAT)
    baris = df.to_dict("records")
    return df.assign(
        sebab=[teks_sebab(r, bahasa, tampil_id) if x else "" for r, x in zip(baris, telat, strict=True)],
        keparahan=[teks_keparahan(r, bahasa) for r in baris],
    )


def untuk_layar(df: pd.DataFrame, bahasa: str, tampil_id: bool = False) -> pd.DataFrame:
    """Columns for st.dataframe: numbers stay numbers (sortable), labels translated."""
    df = tambah_sebab(df, bahasa, tampil_id)
    out = df[[k for k in KOLOM_PERINGKAT if k in df.columns]].copy()
    for k in ("capaian", "rencana", "selisih", "naik_1hari", "naik_7hari"):
        out[k] = out[k].round(1)
    for k in ("laju_7hari", "laju_perlu"):
        out[k] = out[k].round(0)
    out["status"] = out["status"].map(lambda s: label_status(s, bahasa))
    for k in ("proyeksi_selesai", "proyeksi_laju7"):
        if k in out:
            out[k] = [t("tercapai", bahasa) if s == 0 and sas > 0 else tanggal(p, bahasa) for p, s, sas in zip(df[k], df["sisa"], df["sasaran"], strict=True)]
    if "proyeksi_p10" in df:
        out.insert(
            out.columns.get_loc("proyeksi_selesai") + 1,
            "rentang_proyeksi",
            [rentang_tanggal(a, b, bahasa) for a, b in zip(df["proyeksi_p10"], df["proyeksi_p90"], strict=True)],
        )
    if "peluang_tepat" in out:
        out["peluang_tepat"] = (out["peluang_tepat"] * 100).round(0)
    return out


def ringkas_tertinggal(df: pd.DataFrame, bahasa: str, n: int = 5, tampil_id: bool = False) -> pd.DataFrame:
    """The overview's "needs attention" list: the n areas in a status that needs action (by status, then selisih)
    with their selisih, how late they are, in short ("lewat 16 hr"), and why (an area ahead of plan appears only
    when it will be late)."""
    d = urut_paling_tertinggal(df[df["status"].isin(STATUS_PERHATIAN)]).head(n)
    layar = untuk_layar(d, bahasa, tampil_id).assign(keparahan=[keparahan_pendek(r, bahasa) for r in d.to_dict("records")])
    return layar[["nama", "status", "selisih", "keparahan", "sebab"]].reset_index(drop=True)


# How wide st.dataframe draws a column (Source Sans at 14 px): characters at about PX_HURUF, plus cell padding and
# the sort arrow. A table is fitted to its container by showing the most important columns that fit, each at a
# set width; the rest stay in its downloads.
PX_HURUF, PX_TEPI, PX_MIN, PX_MAKS = 7.6, 30, 64, 300
PENTING_PERINGKAT = ["nama", "status", "selisih", "capaian", "proyeksi_selesai", "sebab", "induk", "tren", "rentang_proyeksi", "peluang_tepat", "hari_terlambat",
                     "hari_lewat", "laju_7hari", "laju_perlu", "rencana", "naik_1hari", "naik_7hari", "selesai", "sasaran", "proyeksi_laju7"]  # fmt: skip
PENTING_PETUGAS = ["petugas", "capaian", "bendera", "cek_ulang", "kekurangan_laju", "laju_perlu", "laju_7hari", "sisa", "hari_sejak_kirim", "tim", "selesai",
                   "sasaran", "per_hari_aktif", "hari_aktif", "hari_aktif_rata", "menit_median", "jumlah_ppl", "belum_periksa", "porsi_belum", "no_hp"]  # fmt: skip


def lebar_perlu_kolom(judul: str, nilai: pd.Series) -> int:
    """The px a column needs for its header and its longest value (a trend sparkline: a fixed width)."""
    if len(nilai) and isinstance(nilai.iloc[0], list | tuple):
        return 120
    panjang = max([len(str(judul))] + [len(str(x)) + (len(str(x)) // 4 if isinstance(x, int | float) else 0) for x in nilai.head(200)])  # numbers gain separators
    return int(min(PX_MAKS, max(PX_MIN, panjang * PX_HURUF + PX_TEPI)))


def muat_kolom(df: pd.DataFrame, lebar: int, penting: list[str], konfigurasi: dict | None = None) -> tuple[list[str], dict, int]:
    """Fit a table to a container lebar px wide: the most important columns (in the order of penting, then the
    rest) that fit at the width each needs, shown in the table's own order, each given that width. Returns the
    column order, the column configuration with the widths, and how many columns were left out."""
    konfigurasi = dict(konfigurasi or {})
    urut = [k for k in penting if k in df.columns] + [k for k in df.columns if k not in penting]
    perlu = {k: lebar_perlu_kolom((konfigurasi.get(k) or {}).get("label") or k, df[k]) for k in df.columns}
    dipilih, terpakai = [], 2
    for k in urut:
        if not dipilih or terpakai + perlu[k] <= lebar:  # the first column always shows
            dipilih.append(k)
            terpakai += perlu[k]
    for k in dipilih:
        asal = dict(konfigurasi.get(k) or {})
        konfigurasi[k] = asal | {"width": min(perlu[k], max(PX_MIN, lebar - 2))}
    return [k for k in df.columns if k in dipilih], konfigurasi, len(df.columns) - len(dipilih)


def tabel_muat(tampil: pd.DataFrame, lebar: int, penting: list[str], bahasa: str, konfigurasi: dict | None = None, desimal: dict | None = None, **opsi) -> None:
    """st.dataframe of a table fitted to lebar px (muat_kolom), numbers in the page language; a note says how many
    columns a narrow screen leaves out (they are in the downloads)."""
    urutan, konfigurasi, sisa = muat_kolom(tampil, lebar, penting, konfigurasi)
    st.dataframe(berformat(tampil, bahasa, desimal), column_order=urutan, column_config=konfigurasi, hide_index=True, placeholder="–", **opsi)
    if sisa:
        st.caption(t("kolom_tersembunyi", bahasa, n=sisa))


def bantuan_layar(bantuan: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    """aturan.proyeksi.bantuan for the screen: translated headers, numbers kept numbers (berformat with
    desimal_bantuan writes them in the page language; a missing PPL-day count, where no productivity was measured,
    is a dash)."""
    out = bantuan[["nama", "sisa_di_tenggat", "ppl_hari_tambahan", "produktivitas"]].copy()
    out["sisa_di_tenggat"] = out["sisa_di_tenggat"].round(0)
    out["produktivitas"] = out["produktivitas"].round(1)
    return out.rename(columns=_judul_bantuan(bahasa))


def _judul_bantuan(bahasa: str) -> dict[str, str]:
    return {k: t(f"{k}_pendek", bahasa) for k in ("sisa_di_tenggat", "ppl_hari_tambahan", "produktivitas")} | {"nama": t("wilayah", bahasa)}


def desimal_bantuan(bahasa: str) -> dict[str, int]:
    judul = _judul_bantuan(bahasa)
    return {judul["sisa_di_tenggat"]: 0, judul["ppl_hari_tambahan"]: 0, judul["produktivitas"]: 1}


def konfigurasi_kolom(bahasa: str, tingkat_induk: str = "kecamatan") -> dict:
    angka: dict = {}  # shown through berformat(): numbers in the page language
    return {
        "induk": st.column_config.TextColumn(t(tingkat_induk, bahasa)),
        "nama": st.column_config.TextColumn(t("wilayah", bahasa)),
        "capaian": st.column_config.NumberColumn(t("capaian", bahasa) + " (%)", **angka),
        "rencana": st.column_config.NumberColumn(t("rencana", bahasa) + " (%)", **angka),
        "selisih": st.column_config.NumberColumn(t("selisih", bahasa) + f" ({t('poin', bahasa)})", **angka),
        "status": st.column_config.TextColumn(t("status", bahasa)),
        "naik_1hari": st.column_config.NumberColumn(t("sejak_kemarin", bahasa) + f" ({t('poin', bahasa)})", **angka),
        "naik_7hari": st.column_config.NumberColumn(t("sejak_minggu_lalu", bahasa) + f" ({t('poin', bahasa)})", **angka),
        "laju_7hari": st.column_config.NumberColumn(t("laju_7hari", bahasa) + f" ({t('per_hari', bahasa)})", **angka),
        "laju_perlu": st.column_config.NumberColumn(t("laju_perlu", bahasa) + f" ({t('per_hari', bahasa)})", **angka),
        "proyeksi_selesai": st.column_config.TextColumn(t("proyeksi_selesai", bahasa)),
        "rentang_proyeksi": st.column_config.TextColumn(t("rentang_proyeksi", bahasa)),
        "peluang_tepat": st.column_config.NumberColumn(t("peluang_tepat", bahasa) + " (%)", **angka),
        "proyeksi_laju7": st.column_config.TextColumn(t("proyeksi_laju7", bahasa)),
        "hari_terlambat": st.column_config.NumberColumn(t("hari_terlambat", bahasa), **angka),
        "hari_lewat": st.column_config.NumberColumn(t("hari_lewat", bahasa), **angka),
        "sebab": st.column_config.TextColumn(t("sebab", bahasa)),
        "keparahan": st.column_config.TextColumn(t("keparahan", bahasa)),
        "selesai": st.column_config.NumberColumn(t("selesai", bahasa), **angka),
        "sasaran": st.column_config.NumberColumn(t("sasaran", bahasa), **angka),
        "tren": st.column_config.LineChartColumn(
            t("tren_14hari", bahasa), y_min=0, y_max=110, color=gaya.WARNA_REALISASI
        ),  # neutral: the row's status has its own column
    }


def untuk_unduhan(df: pd.DataFrame, bahasa: str, tingkat_induk: str = "kecamatan", tampil_id: bool = False) -> pd.DataFrame:
    """What is shown, as plain values with the on-screen headers (dates ISO, codes as text)."""
    df = tambah_sebab(df, bahasa, tampil_id)
    kolom = [k for k in KOLOM_PERINGKAT if k in df.columns and k != "tren"]
    if "proyeksi_p10" in df:  # the range as two dates, not a text
        kolom[kolom.index("proyeksi_selesai") + 1 : kolom.index("proyeksi_selesai") + 1] = ["proyeksi_p10", "proyeksi_p90"]
    out = df[["kode", *kolom]].copy()
    out["status"] = out["status"].map(lambda s: t(f"status_{s}", bahasa) if isinstance(s, str) else t("status_tanpa", bahasa))
    for k in ("proyeksi_selesai", "proyeksi_p10", "proyeksi_p90", "proyeksi_laju7"):
        if k in out:
            out[k] = out[k].map(lambda d: d.isoformat() if d is not None and not pd.isna(d) else "")
    if "peluang_tepat" in out:
        out["peluang_tepat"] = (out["peluang_tepat"] * 100).round(1)
    for k in ("capaian", "rencana", "selisih", "naik_1hari", "naik_7hari", "laju_7hari", "laju_perlu"):
        out[k] = out[k].round(2)
    judul = {k: c.get("label") or k for k, c in ((k, konfigurasi_kolom(bahasa, tingkat_induk).get(k, {})) for k in out.columns)}
    judul["kode"] = t("kode", bahasa)
    judul |= {"proyeksi_p10": f"{t('rentang_proyeksi', bahasa)} P10", "proyeksi_p90": f"{t('rentang_proyeksi', bahasa)} P90"}
    return out.rename(columns=judul)


JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def gabung_cakupan(rekap: pd.DataFrame, hasil: pd.DataFrame, laporan: pd.DataFrame) -> pd.DataFrame:
    """Per area: the lengkapi() figures, counts by result code and new families, and field-report tallies if any."""
    df = rekap.merge(hasil, on="kode", how="left")
    kolom = [f"hasil_{k}" for k in range(1, 6)] + ["keluarga_baru"]
    df[kolom] = df[kolom].fillna(0).astype("int64")
    if len(laporan):
        df = df.merge(laporan, on="kode", how="left")
        df["laporan_selesai"] = pd.to_numeric(df["laporan_selesai"]).astype("Int64")
        df["selisih_laporan"] = (df["laporan_selesai"] - df["selesai"]).astype("Int64")  # missing where no report came
    return df


def cakupan_layar(df: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    kolom = ["nama", "sasaran", "selesai", "capaian", *[f"hasil_{k}" for k in range(1, 6)], "keluarga_baru"]
    if "laporan_selesai" in df:
        kolom += ["laporan_selesai", "selisih_laporan"]
    out = df[kolom].copy()
    out["capaian"] = out["capaian"].round(1)
    return out


def konfigurasi_cakupan(bahasa: str, ada_laporan: bool) -> dict:
    angka: dict = {}  # shown through berformat(): numbers in the page language
    konfigurasi = {
        "nama": st.column_config.TextColumn(t("wilayah", bahasa)),
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


def label_petugas(petugas: pd.DataFrame, boleh_nama: bool) -> dict[str, str]:
    """How each officer is shown: by ID, or 'Name (ID)' where the configuration allows names."""
    if not boleh_nama:
        return {i: i for i in petugas["id_petugas"]}
    return {i: f"{n} ({i})" if isinstance(n, str) and n else i for i, n in zip(petugas["id_petugas"], petugas["nama"], strict=True)}


def _teks_bendera(df: pd.DataFrame, bahasa: str, rollup: bool) -> list[str]:
    """Each row's flags as text: 'Tidak aktif, Terlalu singkat' (rollups: with the number of PPL flagged)."""
    bagian = []
    for b in (*BENDERA_PPL, "tunggakan_pml"):
        if b not in df:
            continue
        nilai = df[b].fillna(0).astype(int).to_numpy()
        nama = t(f"bendera_{b}", bahasa)
        bagian.append([(f"{nama}: {n}" if rollup and b != "tunggakan_pml" else nama) if n else "" for n in nilai])
    return [", ".join(x for x in baris if x) for baris in zip(*bagian, strict=True)] if bagian else [""] * len(df)


def tabel_petugas(df: pd.DataFrame, jenis: str, petugas: pd.DataFrame, boleh_nama: bool, bahasa: str, ringkas: bool = False) -> pd.DataFrame:
    """Officer table for the screen and downloads: counts and rates only, names/phones only when allowed."""
    kunci = "id_ppl" if jenis == "ppl" else "id_petugas"
    if not ringkas:  # flagged officers first, then those furthest behind their required pace
        urut = df[[*BENDERA_PPL, *(["tunggakan_pml"] if "tunggakan_pml" in df else [])]].fillna(0).astype(int).sum(axis=1)
        df = df.assign(_urut=urut).sort_values(["_urut", "kekurangan_laju", "sisa"], ascending=[False, False, False], na_position="first")
    label = label_petugas(petugas, boleh_nama)
    out = pd.DataFrame({"petugas": df[kunci].map(label)})
    if boleh_nama and not ringkas:
        out["no_hp"] = df[kunci].map(petugas.set_index("id_petugas")["no_hp"])
    if jenis == "ppl" and not ringkas:
        out["tim"] = df["id_pml"].map(label)
    if jenis != "ppl":
        out["jumlah_ppl"] = df["jumlah_ppl"].to_numpy()
    kolom = ["capaian", "sisa", "per_hari_aktif", "laju_perlu", "kekurangan_laju"] if ringkas else KOLOM_PETUGAS
    for k in kolom:
        out[k] = df[k].to_numpy()
    if not ringkas:
        if jenis == "pml":
            out["belum_periksa"] = pd.to_numeric(df["belum_periksa"]).astype("Int64").to_numpy()  # empty: no check dates in the data
            out["porsi_belum"] = (df["porsi_belum"] * 100).round(1).to_numpy()
        out.insert(1, "bendera", _teks_bendera(df, bahasa, jenis != "ppl"))
    for k in ("capaian", "per_hari_aktif", "laju_7hari", "laju_perlu", "kekurangan_laju", "menit_median"):
        if k in out:
            out[k] = out[k].astype(float).round(1)
    if jenis != "ppl" and "hari_aktif" in out:  # a team's active days are its PPL's average
        out = out.rename(columns={"hari_aktif": "hari_aktif_rata"})
        out["hari_aktif_rata"] = out["hari_aktif_rata"].astype(float).round(1)
    return out.reset_index(drop=True)


KOLOM_PETUGAS = ["sasaran", "selesai", "capaian", "hari_aktif", "per_hari_aktif", "hari_sejak_kirim", "menit_median", "laju_7hari", "laju_perlu", "kekurangan_laju"]


def konfigurasi_petugas(bahasa: str) -> dict:
    angka: dict = {}  # shown through berformat(): numbers in the page language
    return {
        "petugas": st.column_config.TextColumn(t("petugas", bahasa)),
        "no_hp": st.column_config.TextColumn(t("no_hp", bahasa)),
        "tim": st.column_config.TextColumn(t("tim_pml", bahasa)),
        "cek_ulang": st.column_config.TextColumn(t("cek_ulang", bahasa)),
        "jumlah_ppl": st.column_config.NumberColumn(t("jumlah_ppl", bahasa), **angka),
        "sasaran": st.column_config.NumberColumn(t("beban_kerja", bahasa), **angka),
        "selesai": st.column_config.NumberColumn(t("selesai", bahasa), **angka),
        "capaian": st.column_config.NumberColumn(t("capaian", bahasa) + " (%)", **angka),
        "sisa": st.column_config.NumberColumn(t("sisa_keluarga", bahasa), **angka),
        "hari_aktif": st.column_config.NumberColumn(t("hari_aktif", bahasa), **angka),
        "hari_aktif_rata": st.column_config.NumberColumn(t("hari_aktif_rata", bahasa), **angka),
        "per_hari_aktif": st.column_config.NumberColumn(t("per_hari_aktif", bahasa), **angka),
        "hari_sejak_kirim": st.column_config.NumberColumn(t("hari_sejak_kirim", bahasa), **angka),
        "menit_median": st.column_config.NumberColumn(t("menit_median", bahasa), **angka),
        "laju_7hari": st.column_config.NumberColumn(t("laju_7hari", bahasa) + f" ({t('per_hari', bahasa)})", **angka),
        "laju_perlu": st.column_config.NumberColumn(t("laju_perlu", bahasa) + f" ({t('per_hari', bahasa)})", **angka),
        "kekurangan_laju": st.column_config.NumberColumn(t("kekurangan_laju", bahasa), **angka),
        "belum_periksa": st.column_config.NumberColumn(t("belum_periksa", bahasa), **angka),
        "porsi_belum": st.column_config.NumberColumn(t("porsi_belum", bahasa), **angka),
        "bendera": st.column_config.TextColumn(t("bendera", bahasa), width="large"),
    }


def tandai_demo(df: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    """The table with a first column saying DATA DEMO on every row (a copied excerpt keeps the mark too)."""
    out = df.copy()
    out.insert(0, t("lencana_demo", bahasa), t("lencana_demo", bahasa), allow_duplicates=True)
    return out


def tombol_unduh(df: pd.DataFrame, nama: str, bahasa: str, demo: bool = False) -> None:
    """CSV and Excel downloads of a table as shown, each file made only when its button is clicked (with every
    text cell that a spreadsheet would read as a formula neutralised). Demo data is marked in name and rows."""
    if demo:
        df, nama = tandai_demo(df, bahasa), f"DATA-DEMO-{nama}"
    k1, k2, _ = st.columns([1, 1, 3])
    # made on click, and no rerun after: a rerun started by the click could let the file go before it is asked for
    k1.download_button(t("unduh_csv", bahasa), lambda: aman.ke_csv(df), f"{nama}.csv", "text/csv", key=f"csv-{nama}", on_click="ignore")
    k2.download_button(t("unduh_excel", bahasa), lambda: aman.ke_excel(df), f"{nama}.xlsx", JENIS_XLSX, key=f"xlsx-{nama}", on_click="ignore")


def tabel_sls(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["capaian"] = (out["selesai"] / out["sasaran"].where(out["sasaran"] > 0) * 100).round(1)
    return out


def konfigurasi_sls(bahasa: str) -> dict:
    angka: dict = {}  # shown through berformat(): numbers in the page language
    return {
        "kode_sls": st.column_config.TextColumn(t("kode", bahasa)),
        "nama": st.column_config.TextColumn(t("wilayah", bahasa)),
        "sasaran": st.column_config.NumberColumn(t("sasaran", bahasa), **angka),
        "selesai": st.column_config.NumberColumn(t("selesai", bahasa), **angka),
        "capaian": st.column_config.NumberColumn(t("capaian", bahasa) + " (%)", **angka),
    }


def tabel_riwayat_bendera(riwayat: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    """Days on which a flag was raised: date and the flags of that day."""
    if riwayat.empty:
        return pd.DataFrame({t("tanggal", bahasa): [], t("bendera", bahasa): []})
    teks = [", ".join(t(f"bendera_{b}", bahasa) for b in BENDERA_PPL if r[b]) for _, r in riwayat.iterrows()]
    out = pd.DataFrame({t("tanggal", bahasa): [tanggal(d, bahasa) for d in riwayat["tanggal"]], t("bendera", bahasa): teks})
    return out[out[t("bendera", bahasa)] != ""].reset_index(drop=True)


def tabel_kualitas(nilai: pd.DataFrame, label: dict[str, str], nama_kec: dict[str, str], bahasa: str) -> pd.DataFrame:
    """Flagged PPL as shown: officer, kecamatan, the flags in words, and each check's figures (no family data)."""
    df = nilai[nilai["jumlah_bendera"] > 0]
    nama_cek = [t(f"cek_{c}", bahasa) for c in CEK]
    bendera = [", ".join(n for n, f in zip(nama_cek, baris, strict=True) if f) for baris in df[[f"{c}_flag" for c in CEK]].to_numpy()]
    porsi = {h: (df[f"porsi_hasil_{h}"] * 100).round(1) for h in (3, 4, 5)}
    return pd.DataFrame(
        {
            "id_ppl": df["id_ppl"],
            "petugas": [aman.singkat(label.get(i, i), 80) for i in df["id_ppl"]],
            "kecamatan": [aman.singkat(nama_kec.get(k, k), 60) for k in df["kode_kec"]],
            "bendera": bendera,
            "berwaktu": df["berwaktu"],
            "tumpang": df["tumpang"],
            "malam": df["malam"],
            "bertitik": df["bertitik"],
            "luar_desa": df["luar_desa"],
            "jarak_luar_maks": df["jarak_luar_maks"].round(0),
            "menumpuk": df["menumpuk"],
            "keluarga": df["keluarga"],
            **{f"porsi_hasil_{h}": porsi[h] for h in (3, 4, 5)},
            "porsi_bulat": (df["porsi_bulat"] * 100).round(1),
        }
    ).reset_index(drop=True)


def konfigurasi_kualitas(bahasa: str) -> dict:
    angka_: dict = {}  # shown through berformat(): numbers in the page language
    kolom = {
        "id_ppl": None,
        "petugas": st.column_config.TextColumn(t("pilih_petugas", bahasa), pinned=True),
        "kecamatan": st.column_config.TextColumn(t("kecamatan", bahasa)),
        "bendera": st.column_config.TextColumn(t("kolom_bendera_kualitas", bahasa), width="large"),
        "cek_ulang": st.column_config.TextColumn(t("cek_ulang", bahasa)),
        "berwaktu": st.column_config.NumberColumn(t("kolom_wawancara_berwaktu", bahasa), **angka_),
        "tumpang": st.column_config.NumberColumn(t("cek_tumpang", bahasa), **angka_),
        "malam": st.column_config.NumberColumn(t("cek_malam", bahasa), **angka_),
        "bertitik": st.column_config.NumberColumn(t("kolom_titik", bahasa), **angka_),
        "luar_desa": st.column_config.NumberColumn(t("cek_luar_desa", bahasa), **angka_),
        "jarak_luar_maks": st.column_config.NumberColumn(t("kolom_jarak_luar", bahasa), **angka_),
        "menumpuk": st.column_config.NumberColumn(t("cek_menumpuk", bahasa), **angka_),
        "keluarga": st.column_config.NumberColumn(t("keluarga", bahasa).capitalize(), **angka_),
        "porsi_bulat": st.column_config.NumberColumn(t("kolom_porsi_bulat", bahasa), **angka_),
    }
    for h in (3, 4, 5):
        kolom[f"porsi_hasil_{h}"] = st.column_config.NumberColumn(t(f"cek_hasil_{h}", bahasa) + " (%)", **angka_)
    return kolom


def tabel_kualitas_kecamatan(per_kec: pd.DataFrame, nama_kec: dict[str, str], bahasa: str) -> pd.DataFrame:
    """PPL flagged per kecamatan and check, with the kecamatan's name: no officer identifier in it."""
    df = per_kec.copy()
    df.insert(0, "kecamatan", [aman.singkat(nama_kec.get(k, k), 60) for k in df.pop("kode_kec")])
    judul = {"ppl": t("ppl_diperiksa", bahasa), "ppl_berbendera": t("ppl_berbendera", bahasa), "kecamatan": t("kecamatan", bahasa)}
    return df.rename(columns=judul | {c: t(f"cek_{c}", bahasa) for c in CEK})


def status_cek_ulang(id_ppl: pd.Series, hasil: pd.DataFrame, bahasa: str) -> list[str]:
    """Each officer's back-check status in words (aturan.cek_ulang: not yet checked enough, cleared, confirmed)."""
    status = dict(zip(hasil["id_ppl"], hasil["status"], strict=True))
    return [t(STATUS_LABEL[status.get(p, "belum")], bahasa) for p in id_ppl]
