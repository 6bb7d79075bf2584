"""Alerts for a recipient's areas as of a day: status turned bad, PPL inactive or flagged in the field, data gone stale; one per state change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine

from aturan.ambang import AMBANG_CEK_ULANG, AMBANG_KUALITAS
from aturan.cek_ulang import hasil_ppl as cek_ppl
from aturan.indikator import AmbangPeringatan, JadwalKampanye
from aturan.kalibrasi import Riwayat
from aturan.kinerja import AmbangPetugas, kinerja_area
from aturan.kualitas import CEK, per_kecamatan
from aturan.proyeksi import lingkup
from queries import cek_ulang, paradata, petugas, wilayah
from queries.cakupan_sls import nama_wilayah
from queries.ikhtisar import ikhtisar
from queries.impor import impor_terakhir
from store.langganan import Langganan
from tampilan.teks import angka, persen, t, teks_keparahan, teks_sebab

STATUS_PERINGATAN = ("lewat", "kritis", "berisiko")  # an area entering one of these is told


@dataclass(frozen=True)
class Peringatan:
    """One alert: its subject (kunci), the state it reports (keadaan) and the line the recipient reads."""

    kunci: str
    keadaan: str
    teks: str
    kode: str | None = None  # the area the dashboard should open for it (None: the recipient's own)
    halaman: str = ""  # the dashboard page that shows it ('' the overview)


def wilayah_langganan(engine: Engine, lg: Langganan) -> list[str]:
    """The area codes a recipient's report and alerts cover: their areas, or the nation ('') when they have
    every area (the only kabupaten, when the database holds one)."""
    if lg.wilayah:
        return list(lg.wilayah)
    kab = wilayah.daftar_kabupaten(engine)
    return [kab["kode"].iloc[0]] if len(kab) == 1 else [""]


BacaRiwayat = Callable[[str, date], Riwayat | None]  # the forecast's history of a scope on a day, read once per run


def _status(
    engine: Engine, kode: str, tgl: date, jadwal: JadwalKampanye, ambang_status, bahasa: str, riwayat: BacaRiwayat | None = None
) -> tuple[list[Peringatan], dict[str, str]]:
    """The area and its child areas: alerts for those in a bad status, and every one's status (for the next run)."""
    nama = {kode: (wilayah.info_wilayah(engine, kode) or {"nama": kode})["nama"] if kode else "Indonesia"}
    isi = ikhtisar(engine, kode, tgl, jadwal, ambang_status, riwayat(lingkup(kode), tgl) if riwayat else None)
    semua = pd.concat([isi.wilayah.to_frame().T.infer_objects().assign(kode=kode, nama=nama[kode]), isi.anak], ignore_index=True)
    keadaan, hasil = {}, []
    for r in semua.itertuples(index=False):
        status = r.status if isinstance(r.status, str) else "tanpa"
        keadaan[f"status:{r.kode}"] = status
        if status in STATUS_PERINGATAN:
            isi = {"nama": r.nama, "status": t(f"status_{status}", bahasa), "capaian": persen(r.capaian, 1, bahasa), "rencana": persen(r.rencana, 1, bahasa)}
            pesan = t("kirim_status", bahasa, **isi)
            baris = r._asdict()
            if alasan := "; ".join(x for x in (teks_keparahan(baris, bahasa), teks_sebab(baris, bahasa)) if x):  # how late and why, in counts
                pesan += f" · {alasan}"
            hasil.append(Peringatan(f"status:{r.kode}", status, pesan, r.kode))
    return hasil, keadaan


def _ppl(engine: Engine, kode: str, tgl: date, jadwal: JadwalKampanye, ambang: AmbangPetugas, lg: Langganan) -> tuple[list[Peringatan], dict[str, str]]:
    """PPL of the area flagged inactive as on the Petugas page (aturan.kinerja); the rapat role gets a count per
    kecamatan instead of officer identifiers."""
    data = petugas.baca_data_petugas(engine, kode, tgl) | petugas.baca_data_hari(engine, kode, tgl, ambang.hari_periksa)
    if data["beban"].empty:
        return [], {}
    ppl = kinerja_area(data, tgl, jadwal.untuk(kode), ambang)["ppl"]
    nama_kec = nama_wilayah(engine, list(ppl["kode_kec"].unique()))
    b = lg.bahasa
    keadaan, hasil = {}, []
    if lg.lihat_petugas:
        for r in ppl.itertuples(index=False):
            keadaan[f"ppl:{r.id_ppl}"] = "tidak_aktif" if r.tidak_aktif else "aktif"
            if r.tidak_aktif:
                hari = int(r.hari_sejak_kirim) if pd.notna(r.hari_sejak_kirim) else None
                isi = {"ppl": r.id_ppl, "kec": nama_kec.get(r.kode_kec, r.kode_kec), "sisa": angka(r.sisa, 0, b), "hari": angka(hari, 0, b) if hari is not None else "–"}
                hasil.append(Peringatan(f"ppl:{r.id_ppl}", "tidak_aktif", t("kirim_ppl", b, **isi), r.kode_kec, "petugas"))
        return hasil, keadaan
    for kec, g in ppl.groupby("kode_kec"):
        n = int(g["tidak_aktif"].sum())
        keadaan[f"ppl_kec:{kec}"] = str(n)
        if n:
            hasil.append(Peringatan(f"ppl_kec:{kec}", str(n), t("kirim_ppl_kec", b, n=angka(n, 0, b), kec=nama_kec.get(kec, kec)), kec, "petugas"))
    return hasil, keadaan


def _kualitas(engine: Engine, kode: str, tgl: date, jadwal: JadwalKampanye, lg: Langganan) -> tuple[list[Peringatan], dict[str, str]]:
    """PPL of the area flagged by the field-quality checks since the campaign began, as on the Kualitas lapangan page;
    a PPL is told of again when their set of flags changes. The rapat role gets a count per kecamatan."""
    induk = paradata.lingkup_kecamatan(kode)
    mulai = min(jadwal.umum.mulai, tgl)
    nilai = paradata.kualitas_area(engine, induk, mulai, tgl, AMBANG_KUALITAS)
    if nilai.empty:
        return [], {}
    nama_kec = nama_wilayah(engine, list(nilai["kode_kec"].unique()))
    b = lg.bahasa
    keadaan, hasil = {}, []
    if lg.lihat_petugas:
        for _, r in nilai.iterrows():
            cek = [c for c in CEK if r[f"{c}_flag"]]
            kunci = f"kualitas:{r['id_ppl']}:{r['kode_kec']}"
            keadaan[kunci] = ",".join(cek) or "bersih"
            if cek:
                isi = {"ppl": r["id_ppl"], "kec": nama_kec.get(r["kode_kec"], r["kode_kec"]), "cek": ", ".join(t(f"cek_{c}", b) for c in cek)}
                hasil.append(Peringatan(kunci, keadaan[kunci], t("kirim_kualitas", b, **isi), r["kode_kec"], "kualitas"))
        return hasil, keadaan
    for kec, n in per_kecamatan(nilai).set_index("kode_kec")["ppl_berbendera"].items():
        keadaan[f"kualitas_kec:{kec}"] = str(n)
        if n:
            hasil.append(Peringatan(f"kualitas_kec:{kec}", str(n), t("kirim_kualitas_kec", b, n=angka(n, 0, b), kec=nama_kec.get(kec, kec)), kec, "kualitas"))
    return hasil, keadaan


def peringatan_cek_ulang(engine: Engine, kode: str, tgl: date, lg: Langganan) -> tuple[list[Peringatan], dict[str, str]]:
    """PPL whose back-checks confirm a problem (aturan.cek_ulang), told once when the status turns; the rapat role
    gets a count per kecamatan."""
    cek = cek_ulang.cek_area(engine, kode, tgl)
    hasil_ppl = cek_ppl(cek, AMBANG_CEK_ULANG)
    if hasil_ppl.empty:
        return [], {}
    kec = cek.drop_duplicates("id_ppl").set_index("id_ppl")["kode_sls"].str[:7]
    hasil_ppl = hasil_ppl.assign(kode_kec=hasil_ppl["id_ppl"].map(kec))
    nama_kec = nama_wilayah(engine, list(hasil_ppl["kode_kec"].dropna().unique()))
    b = lg.bahasa
    keadaan, hasil = {}, []
    if lg.lihat_petugas:
        for r in hasil_ppl.itertuples(index=False):
            keadaan[f"cek:{r.id_ppl}"] = r.status
            if r.status == "masalah":
                isi = {"ppl": r.id_ppl, "kec": nama_kec.get(r.kode_kec, r.kode_kec), "x": angka(r.tidak_cocok, 0, b), "n": angka(r.dicek, 0, b)}
                hasil.append(Peringatan(f"cek:{r.id_ppl}", r.status, t("kirim_cek_ulang", b, **isi), r.kode_kec, "cek_ulang"))
        return hasil, keadaan
    for k, g in hasil_ppl.groupby("kode_kec"):
        n = int((g["status"] == "masalah").sum())
        keadaan[f"cek_kec:{k}"] = str(n)
        if n:
            hasil.append(Peringatan(f"cek_kec:{k}", str(n), t("kirim_cek_ulang_kec", b, n=angka(n, 0, b), kec=nama_kec.get(k, k)), k, "cek_ulang"))
    return hasil, keadaan


def _basi(engine: Engine, jadwal: JadwalKampanye, sekarang: datetime, ambang: AmbangPeringatan, bahasa: str) -> tuple[list[Peringatan], dict[str, str]]:
    """No import that loaded rows for ambang.jam_basi hours during the campaign (its calendar days, extensions included)."""
    terakhir = impor_terakhir(engine)
    berjalan = jadwal.umum.mulai <= sekarang.date() <= jadwal.selesai_terakhir
    if not berjalan or terakhir is None or sekarang - terakhir < timedelta(hours=ambang.jam_basi):
        return [], {"basi": "segar"}
    keadaan = terakhir.isoformat(timespec="minutes")  # one alert per stale spell: the next import ends it
    jam = angka((sekarang - terakhir).total_seconds() / 3600, 0, bahasa)
    return [Peringatan("basi", keadaan, t("kirim_basi", bahasa, jam=jam, waktu=terakhir.strftime("%Y-%m-%d %H:%M")))], {"basi": keadaan}


def periksa(
    engine: Engine,
    lg: Langganan,
    tgl: date,
    sekarang: datetime,
    jadwal: JadwalKampanye,
    ambang_status,
    ambang_petugas: AmbangPetugas,
    ambang: AmbangPeringatan,
    riwayat: BacaRiwayat | None = None,
    sekali: dict | None = None,
) -> tuple[list[Peringatan], dict[str, str]]:
    """The alerts in force for the recipient's areas as of tgl, and the state of every subject checked (what the
    next run compares with). PPL are checked from a kabupaten down (a national list of officers is no alert).
    A run passes riwayat, its reader of forecast histories, and sekali, its memo of each area's checks: an area's
    alerts depend on the recipient only through language and whether they may see officers, so recipients alike
    share them (never modified here)."""
    hasil, keadaan = _basi(engine, jadwal, sekarang, ambang, lg.bahasa)
    sekali = {} if sekali is None else sekali
    for kode in wilayah_langganan(engine, lg):
        kunci = (kode, tgl, lg.bahasa, lg.lihat_petugas)
        if kunci not in sekali:
            bagian = [_status(engine, kode, tgl, jadwal, ambang_status, lg.bahasa, riwayat)]
            if len(kode) >= 4:
                bagian.append(_ppl(engine, kode, tgl, jadwal, ambang_petugas, lg))
                bagian.append(_kualitas(engine, kode, tgl, jadwal, lg))
                bagian.append(peringatan_cek_ulang(engine, kode, tgl, lg))
            sekali[kunci] = bagian
        for h, k in sekali[kunci]:
            hasil += h
            keadaan |= k
    return hasil, keadaan
