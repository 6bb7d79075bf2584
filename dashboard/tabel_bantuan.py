"""Tables and figures of the help plan page: headline numbers, moves, lenders, and the follow-up of an adopted plan."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from aturan.indikator import JadwalKampanye
from aturan.realokasi import Rencana
from tampilan.teks import angka, persen, t, tanggal


def kembali_tepat(r: Rencana, jadwal: JadwalKampanye) -> tuple[int, int]:
    """(areas projected late before the plan that are on time after it, areas projected late before it)."""
    telat, pulih = 0, 0
    for k, a, b in zip(r.area["kode"], r.area["proyeksi_selesai_sebelum"], r.area["proyeksi_selesai_sesudah"], strict=True):
        batas = jadwal.untuk(k).selesai
        if r.area.loc[r.area["kode"] == k, "sisa"].iloc[0] > 0 and (a is None or a > batas):
            telat += 1
            pulih += b is not None and b <= batas
    return pulih, telat


def angka_rencana(r: Rencana, jadwal: JadwalKampanye, bahasa: str) -> None:
    """The plan in four numbers: areas back on time, moves, families moved, lenders used."""
    pulih, telat = kembali_tepat(r, jadwal)
    k1, k2, k3, k4 = st.columns(4)
    k1.metric(
        t("rb_pulih", bahasa), f"{angka(pulih, 0, bahasa)} / {angka(telat, 0, bahasa)}", t("rb_pulih_ket", bahasa), delta_color="off", delta_arrow="off", border=True
    )
    utuh = int(r.pindah["utuh"].sum())
    k2.metric(
        t("rb_pindah", bahasa),
        angka(len(r.pindah), 0, bahasa),
        t("rb_pindah_ket", bahasa, utuh=angka(utuh, 0, bahasa)),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    k3.metric(t("rb_keluarga", bahasa), angka(r.pindah["keluarga"].sum(), 0, bahasa), t("keluarga", bahasa), delta_color="off", delta_arrow="off", border=True)
    dipakai = int((r.pemberi["dipakai"] > 0).sum())
    k4.metric(
        t("rb_pemberi", bahasa),
        f"{angka(dipakai, 0, bahasa)} / {angka(len(r.pemberi), 0, bahasa)}",
        t("rb_pemberi_ket", bahasa),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    st.caption(t("rb_optimal", bahasa) if r.celah == 0 else t("rb_celah", bahasa, celah=persen(r.celah * 100, 2, bahasa)))


def area_layar(r: Rencana, bahasa: str) -> pd.DataFrame:
    """Per child area: projected finish and chance on time before and after the plan."""
    a = r.area
    return pd.DataFrame(
        {
            t("wilayah", bahasa): a["nama"],
            t("rencana_sebelum", bahasa): [tanggal(x, bahasa) if x is not None else t("keparahan_tanpa", bahasa) for x in a["proyeksi_selesai_sebelum"]],
            t("rencana_sesudah", bahasa): [tanggal(x, bahasa) if x is not None else t("keparahan_tanpa", bahasa) for x in a["proyeksi_selesai_sesudah"]],
            t("rb_peluang_sebelum", bahasa): (a["peluang_tepat_sebelum"] * 100).round(0),
            t("rb_peluang_sesudah", bahasa): (a["peluang_tepat_sesudah"] * 100).round(0),
        }
    )


def pindah_layar(pindah: pd.DataFrame, nama_desa: dict[str, str], label: dict[str, str], lihat_petugas: bool, bahasa: str) -> pd.DataFrame:
    """The moves: SLS, desa, families, whole or part, distance, and from/to officers for a role that sees officers;
    the rapat role gets one row per desa with counts only."""
    desa = pindah["kode_sls"].str[:10].map(lambda k: nama_desa.get(k, k))
    if not lihat_petugas:
        g = pindah.assign(desa=desa).groupby("desa", sort=True).agg(sls=("kode_sls", "size"), keluarga=("keluarga", "sum")).reset_index()
        return g.rename(columns={"desa": t("desa", bahasa), "sls": t("rb_jumlah_sls", bahasa), "keluarga": t("rb_keluarga", bahasa)})
    return pd.DataFrame(
        {
            t("kode", bahasa): pindah["kode_sls"],
            t("desa", bahasa): desa,
            t("rb_keluarga", bahasa): pindah["keluarga"],
            t("rb_utuh", bahasa): [t("rb_ya" if u else "rb_sebagian", bahasa) for u in pindah["utuh"]],
            t("serah_kolom_dari", bahasa): pindah["dari_ppl"].map(lambda p: label.get(p, p)),
            t("serah_kolom_ke", bahasa): pindah["ke_ppl"].map(lambda p: label.get(p, p)),
            t("rb_jarak", bahasa): [t(f"rb_jarak_{j}", bahasa) for j in pindah["jarak"]],
        }
    )


def pemberi_layar(pemberi: pd.DataFrame, label: dict[str, str], bahasa: str) -> pd.DataFrame:
    """Lenders: spare PPL-days and how many of them the plan uses."""
    return pd.DataFrame(
        {
            "PPL": pemberi["id_ppl"].map(lambda p: label.get(p, p)),
            t("rb_hari_longgar", bahasa): pemberi["hari_longgar"].round(1),
            t("rb_hari_dipakai", bahasa): pemberi["hari_dipakai"].round(1),
            t("rb_keluarga", bahasa): pemberi["dipakai"].round(0),
        }
    ).sort_values(t("rb_hari_dipakai", bahasa), ascending=False, ignore_index=True)


def lanjut_layar(tl: pd.DataFrame, nama_desa: dict[str, str], label: dict[str, str], lihat_petugas: bool, bahasa: str) -> pd.DataFrame:
    """Follow-up per move: families handed over, the lender's families submitted there since the plan day, the
    first day one came and whether the move has begun (the rapat role: per desa, counts only)."""
    keadaan = [
        t("rb_belum", bahasa) if k == 0 else t("rb_tuntas", bahasa) if k >= n else t("rb_berjalan", bahasa) for k, n in zip(tl["kiriman"], tl["keluarga"], strict=True)
    ]
    desa = tl["kode_sls"].str[:10].map(lambda k: nama_desa.get(k, k))
    if not lihat_petugas:
        g = (
            tl.assign(desa=desa, mulai=tl["kiriman"] > 0)
            .groupby("desa", sort=True)
            .agg(sls=("kode_sls", "size"), mulai=("mulai", "sum"), keluarga=("keluarga", "sum"), kiriman=("kiriman", "sum"))
        )
        return g.reset_index().rename(
            columns={
                "desa": t("desa", bahasa),
                "sls": t("rb_jumlah_sls", bahasa),
                "mulai": t("rb_sls_mulai", bahasa),
                "keluarga": t("rb_keluarga", bahasa),
                "kiriman": t("rb_kiriman", bahasa),
            }
        )
    return pd.DataFrame(
        {
            t("kode", bahasa): tl["kode_sls"],
            t("desa", bahasa): desa,
            t("serah_kolom_dari", bahasa): tl["dari_ppl"].map(lambda p: label.get(p, p)),
            t("serah_kolom_ke", bahasa): tl["ke_ppl"].map(lambda p: label.get(p, p)),
            t("rb_keluarga", bahasa): tl["keluarga"],
            t("rb_kiriman", bahasa): tl["kiriman"],
            t("rb_pertama", bahasa): [tanggal(d, bahasa) if d is not None and not pd.isna(d) else "–" for d in tl["pertama"]],
            t("status", bahasa): keadaan,
        }
    )


def area_lanjut(laju: pd.DataFrame, desa: pd.DataFrame, nama_desa: dict[str, str], bahasa: str) -> pd.DataFrame:
    """Per helped desa: pace before and after the plan day and its projected finish as of the chosen day (the same
    forecast as every other page)."""
    d = laju.merge(desa[["kode", "proyeksi_selesai", "status", "sisa"]], on="kode", how="left")
    return pd.DataFrame(
        {
            t("desa", bahasa): d["kode"].map(lambda k: nama_desa.get(k, k)),
            t("rb_laju_sebelum", bahasa): d["laju_sebelum"].round(1),
            t("rb_laju_sesudah", bahasa): d["laju_sesudah"].round(1),
            t("proyeksi_selesai", bahasa): [
                t("tercapai", bahasa) if s == 0 else tanggal(p, bahasa) if p is not None and not pd.isna(p) else t("keparahan_tanpa", bahasa)
                for p, s in zip(d["proyeksi_selesai"], d["sisa"], strict=True)
            ],
            t("status", bahasa): [t(f"status_{s}", bahasa) if isinstance(s, str) else "–" for s in d["status"]],
        }
    )
