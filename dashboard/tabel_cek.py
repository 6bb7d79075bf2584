"""Tables of the back-check page: the day's list, outcomes per officer, the precision of each flag, and their PDF."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from aturan.cek_ulang import AmbangCekUlang
from aturan.kualitas import CEK
from laporan.pdf_daftar import Bagian, pdf_bagian
from tampilan.aman import singkat
from tampilan.teks import angka, persen, t, tanggal


def _alasan(alasan: str, bahasa: str) -> str:
    return t("cu_acak", bahasa) if alasan == "acak" else ", ".join(t(f"cek_{a}", bahasa) for a in alasan.split(",") if a)


def daftar_layar(sampel: pd.DataFrame, label: dict[str, str], nama_desa: dict[str, str], bahasa: str) -> pd.DataFrame:
    """The day's back-check list: team, officer, where, the family, and why it was drawn."""
    return pd.DataFrame(
        {
            "PML": sampel["id_pml"].map(lambda p: label.get(p, p) if isinstance(p, str) else "–"),
            "PPL": sampel["id_ppl"].map(lambda p: label.get(p, p)),
            t("kode", bahasa): sampel["kode_sls"],
            t("desa", bahasa): sampel["kode_sls"].str[:10].map(lambda k: nama_desa.get(k, k)),
            t("cu_keluarga", bahasa): sampel["id_keluarga"],
            t("cu_alasan", bahasa): [_alasan(a, bahasa) for a in sampel["alasan"]],
        }
    )


def daftar_kecamatan(sampel: pd.DataFrame, nama_kec: dict[str, str], bahasa: str) -> pd.DataFrame:
    """The list in counts per kecamatan (the rapat role)."""
    g = (
        sampel.assign(kec=sampel["kode_sls"].str[:7])
        .groupby("kec")
        .agg(acak=("bagian", lambda b: int((b == "acak").sum())), sasaran=("bagian", lambda b: int((b == "sasaran").sum())))
    )
    return pd.DataFrame(
        {t("kecamatan", bahasa): [nama_kec.get(k, k) for k in g.index], t("cu_acak", bahasa): g["acak"].to_numpy(), t("cu_sasaran", bahasa): g["sasaran"].to_numpy()}
    )


STATUS_LABEL = {"belum": "cu_status_belum", "bersih": "cu_status_bersih", "masalah": "cu_status_masalah_pendek"}


def _interval(bawah: float, atas: float, bahasa: str) -> str:
    return f"{persen(bawah * 100, 0, bahasa)}–{persen(atas * 100, 0, bahasa)}" if bawah == bawah else "–"


def hasil_layar(hasil: pd.DataFrame, bendera: dict[str, str], label: dict[str, str], bahasa: str) -> pd.DataFrame:
    """Per officer: families checked, not matching, refused; the random part's mismatch share with its interval;
    the status, and the field-quality flags beside it."""
    urut = {"masalah": 0, "belum": 1, "bersih": 2}
    h = hasil.assign(_u=hasil["status"].map(urut)).sort_values(["_u", "porsi_tidak_cocok", "id_ppl"], ascending=[True, False, True])
    return pd.DataFrame(
        {
            "PPL": h["id_ppl"].map(lambda p: label.get(p, p)),
            t("status", bahasa): [t(STATUS_LABEL[s], bahasa) for s in h["status"]],
            t("cu_dicek", bahasa): h["dicek"].to_numpy(),
            t("cu_tidak_cocok", bahasa): h["tidak_cocok"].to_numpy(),
            t("cu_menolak", bahasa): h["menolak"].to_numpy(),
            t("cu_acak_dicek", bahasa): h["acak_dicek"].to_numpy(),
            t("cu_porsi", bahasa): (h["porsi_tidak_cocok"] * 100).round(1).to_numpy(),
            t("cu_interval", bahasa): [
                f"{persen(a * 100, 0, bahasa)}–{persen(b * 100, 0, bahasa)}" if a == a else "–" for a, b in zip(h["bawah"], h["atas"], strict=True)
            ],
            t("cu_bendera", bahasa): h["id_ppl"].map(lambda p: bendera.get(p, "")).to_numpy(),
        }
    )


def status_kecamatan(hasil: pd.DataFrame, kec_ppl: dict[str, str], nama_kec: dict[str, str], bahasa: str) -> pd.DataFrame:
    """Officers per back-check status per kecamatan (the rapat role)."""
    g = hasil.assign(kec=hasil["id_ppl"].map(kec_ppl)).groupby(["kec", "status"]).size().unstack(fill_value=0)
    g = g.reindex(columns=["masalah", "bersih", "belum"], fill_value=0)
    return pd.DataFrame({t("kecamatan", bahasa): [nama_kec.get(k, k) for k in g.index], **{t(STATUS_LABEL[s], bahasa): g[s].to_numpy() for s in g.columns}})


def presisi_layar(presisi: pd.DataFrame, bahasa: str) -> pd.DataFrame:
    """Per flag: officers flagged, of them with a known back-check status, confirmed, and the precision."""
    return pd.DataFrame(
        {
            t("cu_cek", bahasa): [t(f"cek_{c}", bahasa) for c in presisi["cek"]],
            t("cu_ditandai", bahasa): presisi["ditandai"].to_numpy(),
            t("cu_diketahui", bahasa): presisi["diketahui"].to_numpy(),
            t("cu_terbukti", bahasa): presisi["terbukti"].to_numpy(),
            t("cu_presisi", bahasa): (presisi["presisi"] * 100).round(0).to_numpy(),
        }
    )


def teks_bendera(nilai: pd.DataFrame, bahasa: str) -> dict[str, str]:
    """Each flagged officer's flags as text."""
    return {r["id_ppl"]: ", ".join(t(f"cek_{c}", bahasa) for c in CEK if r[f"{c}_flag"]) for _, r in nilai.iterrows() if r["jumlah_bendera"] > 0}


def pdf_daftar(
    sampel: pd.DataFrame, label: dict[str, str], nama_desa: dict[str, str], nama_wilayah: str, hari: date, ambang: AmbangCekUlang, bahasa: str, demo: bool
) -> bytes:
    """The back-check list per PML as a printable PDF, each team on its own page."""
    layar = daftar_layar(sampel, label, nama_desa, bahasa)
    kepala = [
        t("cu_pdf_kepala", bahasa, wilayah=singkat(nama_wilayah, 80), tanggal=tanggal(hari, bahasa), besok=tanggal(hari + timedelta(days=1), bahasa)),
        t("cu_aturan", bahasa, acak=persen(ambang.laju_acak * 100, 0, bahasa), sasaran=persen(ambang.laju_sasaran * 100, 0, bahasa), maks=ambang.maks_sasaran),
    ]
    bagian = [
        Bagian(
            judul=t("cu_pdf_judul", bahasa, pml=singkat(pml, 80)),
            kepala=kepala,
            kolom=[*layar.columns[1:], t("cu_hasil_kolom", bahasa)],
            isi=[[*map(str, r[1:]), ""] for r in isi.itertuples(index=False)],
            kaki=t("cu_pdf_kaki", bahasa, n=angka(len(isi), 0, bahasa)),
            lebar=(40, 40, 40, 45, 52, 50),
        )
        for pml, isi in layar.groupby("PML", sort=True)
    ]
    return pdf_bagian(bagian, bahasa, demo)
