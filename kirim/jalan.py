"""Send what is due now (`manage.py kirim`): daily reports after each recipient's hour, new alerts; retried, logged, isolated."""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from aturan.ambang import AMBANG, AMBANG_PERINGATAN, AMBANG_PETUGAS
from aturan.proyeksi import lingkup
from kirim.peringatan import BacaRiwayat, Peringatan, periksa, wilayah_langganan
from kirim.saluran import BelumDiatur, GagalKirim, Pesan, Setelan, kirim_email, kirim_webhook, muatan_webhook, surel
from kirim.tautan import tautan_dasbor
from laporan import harian
from queries.progres import rentang_data, tanggal_bawaan
from queries.proyeksi import baca_riwayat
from store.baca import baca_jadwal
from store.langganan import Langganan, catat_kiriman, daftar_langganan, keadaan_terkirim, laporan_terkirim, simpan_keadaan
from tampilan.teks import t, tanggal

log = logging.getLogger(__name__)


@dataclass
class HasilKirim:
    """What a run did: messages sent, failed (after every retry), and the folders written by a test run."""

    terkirim: int = 0
    gagal: int = 0
    folder: list[Path] = field(default_factory=list)


class _Laporan:
    """Report figures and pictures made once per area, day and language in a run (several recipients share them),
    from the forecast histories the run reads once per scope (riwayat)."""

    def __init__(self, engine: Engine, dibuat: datetime, riwayat: BacaRiwayat) -> None:
        self.engine, self.dibuat, self.riwayat, self._simpan = engine, dibuat, riwayat, {}

    def __call__(self, kode: str, tgl: date, bahasa: str) -> tuple[harian.IsiLaporan, bytes, bytes]:
        kunci = (kode, tgl, bahasa)
        if kunci not in self._simpan:
            isi = harian.kumpulkan(self.engine, kode, tgl, self.riwayat(lingkup(kode), tgl))
            fig = harian.figur_laporan(isi, bahasa, self.dibuat)
            self._simpan[kunci] = (isi, harian.ekspor(fig, "png"), harian.ekspor(fig, "pdf"))
        return self._simpan[kunci]


def pesan_laporan(engine: Engine, lg: Langganan, tgl: date, laporan: _Laporan, dasar: str | None = None) -> Pesan:
    """The daily report of each of the recipient's areas: the report's own headline figures as text, its PNG and PDF,
    and (with a public base address, dasar) a link to the dashboard's view of the area, day and language."""
    b = lg.bahasa
    bagian, lampiran, nama, tautan = [], [], [], []
    for kode in wilayah_langganan(engine, lg):
        isi, png, pdf = laporan(kode, tgl, b)
        nama.append(isi.nama)
        baris = [f"{label}: {nilai}" + (f" ({catatan})" if catatan else "") for label, (nilai, catatan) in harian.angka_kepala(isi, b).items()]
        if isi.cakupan is not None:
            baris.append(re.sub(r"</?b>", "", harian.baris_cakupan(isi.cakupan, b)))
        if alamat := tautan_dasbor(dasar, kode, tgl, b):
            baris.append(t("kirim_buka_dasbor", b, alamat=alamat))
            tautan.append(alamat)
        bagian.append("\n".join([isi.nama, *baris]))
        berkas = f"laporan-{kode or 'indonesia'}-{tgl.isoformat()}"
        lampiran += [(berkas + ".png", "image/png", png), (berkas + ".pdf", "application/pdf", pdf)]
    subjek = t("kirim_subjek_laporan", b, nama=", ".join(nama), tanggal=tanggal(tgl, b))
    teks = t("kirim_pembuka_laporan", b, tanggal=tanggal(tgl, b)) + "\n\n" + "\n\n".join(bagian) + "\n\n" + t("kirim_penutup", b)
    return Pesan(subjek, teks, tuple(lampiran), tuple(tautan))


def pesan_peringatan(lg: Langganan, tgl: date, daftar: list[Peringatan], dasar: str | None = None, kode_sendiri: str = "") -> Pesan:
    """The alerts as a list, each (with a public base address, dasar) followed by a link to the dashboard page that
    shows it, for its area (or the recipient's own, kode_sendiri), day and language."""
    b = lg.bahasa
    subjek = t("kirim_subjek_peringatan_1" if len(daftar) == 1 else "kirim_subjek_peringatan", b, n=len(daftar), tanggal=tanggal(tgl, b))
    baris, tautan = [], []
    for p in daftar:
        baris.append("- " + p.teks)
        if alamat := tautan_dasbor(dasar, p.kode if p.kode is not None else kode_sendiri, tgl, b, p.halaman):
            baris.append("  " + alamat)
            tautan.append(alamat)
    teks = t("kirim_pembuka_peringatan", b, tanggal=tanggal(tgl, b)) + "\n\n" + "\n".join(baris) + "\n\n" + t("kirim_penutup", b)
    return Pesan(subjek, teks, tautan=tuple(dict.fromkeys(tautan)))


def _kirim(setelan: Setelan, lg: Langganan, jenis: str, tgl: date, pesan: Pesan) -> None:
    if lg.saluran == "email":
        kirim_email(setelan, lg.alamat, pesan)
    else:
        kirim_webhook(setelan, lg.alamat, muatan_webhook(lg.nama, jenis, tgl.isoformat(), pesan))


def _dengan_ulang(engine, setelan, lg, jenis, tgl, pesan, percobaan: int, jeda: float, tidur: Callable[[float], None], sekarang: datetime) -> bool:
    """Send with up to `percobaan` attempts, waiting jeda, 2 jeda, 4 jeda ... between them; log the outcome."""
    for ke in range(1, percobaan + 1):
        try:
            _kirim(setelan, lg, jenis, tgl, pesan)
        except GagalKirim as e:
            log.warning("kiriman %s ke langganan #%s gagal (percobaan %s/%s): %s", jenis, lg.id, ke, percobaan, e)
            if ke == percobaan or isinstance(e, BelumDiatur):  # a missing setting is not retried
                catat_kiriman(engine, lg, jenis, tgl, pesan.subjek, "gagal", ke, str(e), sekarang)
                return False
            tidur(jeda * 2 ** (ke - 1))
        else:
            log.info("kiriman %s ke langganan #%s terkirim (percobaan %s)", jenis, lg.id, ke)
            catat_kiriman(engine, lg, jenis, tgl, pesan.subjek, "ok", ke, waktu=sekarang)
            return True
    return False


def _tulis_uji(folder: Path, setelan: Setelan, lg: Langganan, jenis: str, tgl: date, pesan: Pesan) -> None:
    """What would be sent, as the recipient would get it: the e-mail (.eml) or the webhook's JSON, and the attachments."""
    folder.mkdir(parents=True, exist_ok=True)
    if lg.saluran == "email":
        (folder / f"{jenis}.eml").write_bytes(surel(setelan, lg.alamat, pesan).as_bytes())
    else:
        (folder / f"{jenis}.json").write_text(json.dumps(muatan_webhook(lg.nama, jenis, tgl.isoformat(), pesan), ensure_ascii=False, indent=1))
    (folder / f"{jenis}.txt").write_text(pesan.subjek + "\n\n" + pesan.teks)
    for nama, _, isi in pesan.lampiran:
        (folder / nama).write_bytes(isi)


def jalankan(
    engine: Engine,
    sekarang: datetime | None = None,
    folder_uji: Path | None = None,
    setelan: Setelan | None = None,
    percobaan: int = 3,
    jeda: float = 5.0,
    tidur: Callable[[float], None] = time.sleep,
    hanya_peringatan: bool = False,
) -> HasilKirim:
    """Send what is due at `sekarang` to every active subscription. folder_uji: write every recipient's report and
    every alert in force into a folder each, send nothing and remember nothing. hanya_peringatan: alerts only
    (right after an import)."""
    sekarang = sekarang or datetime.now()
    setelan = setelan or Setelan.baca()
    hasil = HasilKirim()
    jadwal = baca_jadwal(engine)
    if jadwal is None:
        return hasil
    akhir_data = rentang_data(engine)[1]
    tgl = tanggal_bawaan(jadwal, akhir_data and min(akhir_data, sekarang.date()))  # what was known at the run's time
    riwayat = functools.cache(lambda cakupan, hari: baca_riwayat(engine, cakupan, hari, jadwal))  # one per kabupaten and day in a run
    laporan = _Laporan(engine, sekarang, riwayat)
    sekali = {}  # each area's alert checks, once per language and officer visibility in a run
    for lg in daftar_langganan(engine, hanya_aktif=True):
        try:
            kode_sendiri = (wilayah_langganan(engine, lg) or [""])[0]  # where an alert with no area of its own links to
            if folder_uji is not None:
                folder = folder_uji / f"{lg.id:03d}-{re.sub(r'[^0-9A-Za-z]+', '-', lg.nama).strip('-')[:40]}"
                if lg.laporan:
                    _tulis_uji(folder, setelan, lg, "laporan", tgl, pesan_laporan(engine, lg, tgl, laporan, setelan.alamat_publik))
                if lg.peringatan:
                    daftar, _ = periksa(engine, lg, tgl, sekarang, jadwal, AMBANG, AMBANG_PETUGAS, AMBANG_PERINGATAN, riwayat, sekali)
                    _tulis_uji(folder, setelan, lg, "peringatan", tgl, pesan_peringatan(lg, tgl, daftar, setelan.alamat_publik, kode_sendiri))
                hasil.folder.append(folder)
                continue
            if lg.laporan and not hanya_peringatan and sekarang.strftime("%H:%M") >= lg.jam and not laporan_terkirim(engine, lg.id, sekarang.date()):
                ok = _dengan_ulang(engine, setelan, lg, "laporan", tgl, pesan_laporan(engine, lg, tgl, laporan, setelan.alamat_publik), percobaan, jeda, tidur, sekarang)
                hasil.terkirim += ok
                hasil.gagal += not ok
            if lg.peringatan:
                daftar, keadaan = periksa(engine, lg, tgl, sekarang, jadwal, AMBANG, AMBANG_PETUGAS, AMBANG_PERINGATAN, riwayat, sekali)
                lama = keadaan_terkirim(engine, lg.id)
                baru = [p for p in daftar if lama.get(p.kunci) != p.keadaan]
                if baru:
                    ok = _dengan_ulang(
                        engine,
                        setelan,
                        lg,
                        "peringatan",
                        tgl,
                        pesan_peringatan(lg, tgl, baru, setelan.alamat_publik, kode_sendiri),
                        percobaan,
                        jeda,
                        tidur,
                        sekarang,
                    )
                    hasil.terkirim += ok
                    hasil.gagal += not ok
                    if not ok:  # told next run
                        keadaan = {k: v for k, v in keadaan.items() if k not in {p.kunci for p in baru}}
                simpan_keadaan(engine, lg.id, {k: v for k, v in keadaan.items() if lama.get(k) != v})
        except Exception:  # one recipient's failure (a report that cannot be drawn, a bad area) never stops the others
            log.exception("langganan #%s: pesan tidak dapat disusun", lg.id)
            catat_kiriman(engine, lg, "laporan", tgl, "-", "gagal", 0, "pesan tidak dapat disusun; lihat log server", sekarang)
            hasil.gagal += 1
    return hasil


def setelah_impor(engine: Engine, latar: bool = False) -> HasilKirim | None:
    """Alerts evaluated right after an import, for recipients who want them (None when nobody does). latar: in a
    background thread, so the import page returns at once (its outcome goes to the send log)."""
    if not any(x.peringatan for x in daftar_langganan(engine, hanya_aktif=True)):
        return None
    if not latar:
        return jalankan(engine, hanya_peringatan=True)

    def _jalan() -> None:
        try:
            jalankan(engine, hanya_peringatan=True)
        except Exception:
            log.exception("peringatan setelah impor gagal")

    threading.Thread(target=_jalan, name="peringatan-setelah-impor", daemon=True).start()
    return None
