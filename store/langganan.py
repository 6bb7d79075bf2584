"""Write side of subscriptions: recipients of the daily report and alerts, the send log and the alerts already sent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Connection, Engine, delete, select, update

from store.db import buat_skema
from store.pengguna import PERAN, SEMUA, baca_pengguna, daftar_pengguna, periksa_pengguna
from store.schema import langganan, log_kiriman, peringatan_terkirim

SALURAN = ("email", "webhook")
ISI = ("laporan", "peringatan", "keduanya")
_POLA_EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,}$")
_POLA_URL = re.compile(r"^https?://[^\s<>\"']{3,490}$")
_POLA_JAM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class LanggananTidakSah(ValueError):
    """A subscription that cannot be stored, with the reason in words."""


@dataclass(frozen=True)
class Langganan:
    """One recipient. peran and wilayah are the user's when nama_pengguna is set (read at send time), else the
    subscription's own; wilayah None means every area."""

    id: int
    nama: str
    nama_pengguna: str | None
    peran: str
    wilayah: tuple[str, ...] | None
    saluran: str
    alamat: str
    bahasa: str
    jam: str
    isi: str
    aktif: bool

    @property
    def laporan(self) -> bool:
        return self.isi in ("laporan", "keduanya")

    @property
    def peringatan(self) -> bool:
        return self.isi in ("peringatan", "keduanya")

    @property
    def alamat_tampil(self) -> str:
        """The address as lists show it: a webhook without its query string, where gateways often carry a token."""
        return self.alamat if self.saluran == "email" else self.alamat.split("?")[0]

    @property
    def lihat_petugas(self) -> bool:
        """Officer identifiers may go to this recipient (the rapat role sees aggregates only, as on screen)."""
        return self.peran != "rapat"


def tambah_langganan(
    engine: Engine,
    nama: str,
    saluran: str,
    alamat: str,
    *,
    nama_pengguna: str | None = None,
    peran: str | None = None,
    wilayah: list[str] | None = None,
    bahasa: str = "id",
    jam: str = "07:00",
    isi: str = "keduanya",
) -> int:
    """Add a subscription: for a user of the app (nama_pengguna), or for an address with its own role and areas."""
    buat_skema(engine)
    nama = nama.strip()
    if not 1 <= len(nama) <= 200:
        raise LanggananTidakSah("nama penerima: 1-200 karakter")
    if saluran not in SALURAN:
        raise LanggananTidakSah(f"saluran '{saluran}': pilih {' atau '.join(SALURAN)}")
    pola = _POLA_EMAIL if saluran == "email" else _POLA_URL
    if not pola.match(alamat):
        raise LanggananTidakSah(f"alamat {'e-mail' if saluran == 'email' else 'webhook (http:// atau https://)'} tidak sah: {alamat[:80]}")
    if bahasa not in ("id", "en"):
        raise LanggananTidakSah(f"bahasa '{bahasa}': pilih id atau en")
    if not _POLA_JAM.match(jam):
        raise LanggananTidakSah(f"jam '{jam}': tulis JJ:MM, mis. 07:00")
    if isi not in ISI:
        raise LanggananTidakSah(f"isi '{isi}': pilih {', '.join(ISI)}")
    if nama_pengguna:
        if peran or wilayah:
            raise LanggananTidakSah("penerima pengguna aplikasi memakai peran dan wilayah penggunanya; jangan beri --peran atau --wilayah")
        if baca_pengguna(engine, nama_pengguna) is None:
            raise LanggananTidakSah(f"pengguna '{nama_pengguna}' tidak ada")
    else:
        if peran not in PERAN or peran == "admin":
            raise LanggananTidakSah(f"peran '{peran}': penerima tanpa akun memakai {' atau '.join(p for p in PERAN if p != 'admin')}")
        try:
            periksa_pengguna(engine, "penerima", None, wilayah or [], None)
        except ValueError as e:
            raise LanggananTidakSah(str(e)) from None
    with engine.begin() as conn:
        baris = {
            "nama": nama,
            "nama_pengguna": nama_pengguna or None,
            "peran": None if nama_pengguna else peran,
            "wilayah": None if nama_pengguna else " ".join(wilayah or []),
            "saluran": saluran,
            "alamat": alamat,
            "bahasa": bahasa,
            "jam": jam,
            "isi": isi,
            "aktif": 1,
            "dibuat": datetime.now(),
        }
        return int(conn.execute(langganan.insert().values(**baris)).inserted_primary_key[0])


def hapus_langganan(engine: Engine, id_langganan: int) -> bool:
    """Remove a subscription and what was sent to it is forgotten (the log stays). True if it existed."""
    with engine.begin() as conn:
        ada = conn.execute(delete(langganan).where(langganan.c.id == id_langganan)).rowcount > 0
        conn.execute(delete(peringatan_terkirim).where(peringatan_terkirim.c.id_langganan == id_langganan))
    return ada


def atur_aktif(engine: Engine, id_langganan: int, aktif: bool) -> None:
    with engine.begin() as conn:
        conn.execute(update(langganan).where(langganan.c.id == id_langganan).values(aktif=int(aktif)))


def daftar_langganan(engine: Engine, hanya_aktif: bool = False) -> list[Langganan]:
    """Every subscription, with a user's current role and areas; a subscription whose user is gone or inactive is left out."""
    buat_skema(engine)
    with engine.connect() as conn:
        q = select(langganan).order_by(langganan.c.id)
        if hanya_aktif:
            q = q.where(langganan.c.aktif == 1)
        baris = conn.execute(q).mappings().all()
    akun = {p.nama_pengguna: p for p in daftar_pengguna(engine)} if any(b["nama_pengguna"] for b in baris) else {}
    hasil = []
    for b in baris:
        peran, wilayah = b["peran"], tuple((b["wilayah"] or "").split())
        if b["nama_pengguna"]:
            p = akun.get(b["nama_pengguna"])
            if p is None or not p.aktif:
                continue
            peran, wilayah = p.peran, p.wilayah
        elif SEMUA in wilayah:
            wilayah = None
        hasil.append(Langganan(b["id"], b["nama"], b["nama_pengguna"], peran, wilayah, b["saluran"], b["alamat"], b["bahasa"], b["jam"], b["isi"], bool(b["aktif"])))
    return hasil


def catat_kiriman(
    engine: Engine, lg: Langganan, jenis: str, tanggal_data: date | None, subjek: str, hasil: str, percobaan: int, pesan: str | None = None, waktu: datetime | None = None
) -> None:
    """Log one send's outcome; waktu is the run's clock (now, unless a run is told another time)."""
    with engine.begin() as conn:
        conn.execute(
            log_kiriman.insert().values(
                waktu=waktu or datetime.now(),
                id_langganan=lg.id,
                penerima=lg.nama[:200],
                jenis=jenis,
                tanggal_data=tanggal_data,
                subjek=subjek[:300],
                hasil=hasil,
                percobaan=percobaan,
                pesan=(pesan or None) and pesan[:500],
            )
        )


def laporan_terkirim(engine: Engine, id_langganan: int, hari: date) -> bool:
    """Whether the daily report went to this recipient on this calendar day."""
    lk = log_kiriman
    mulai = datetime.combine(hari, time.min)
    with engine.connect() as conn:
        q = select(lk.c.id).where(
            lk.c.id_langganan == id_langganan, lk.c.jenis == "laporan", lk.c.hasil == "ok", lk.c.waktu >= mulai, lk.c.waktu < mulai + timedelta(days=1)
        )
        return conn.execute(q.limit(1)).first() is not None


def baca_log(engine: Engine, batas: int = 200) -> pd.DataFrame:
    """The latest send attempts, newest first."""
    buat_skema(engine)
    with engine.connect() as conn:
        baris = conn.execute(select(log_kiriman).order_by(log_kiriman.c.id.desc()).limit(batas)).mappings().all()
    return pd.DataFrame([dict(b) for b in baris], columns=[c.name for c in log_kiriman.columns])


def keadaan_terkirim(conn: Connection | Engine, id_langganan: int) -> dict[str, str]:
    """The state last told to this recipient per alert subject."""
    q = select(peringatan_terkirim.c.kunci, peringatan_terkirim.c.keadaan).where(peringatan_terkirim.c.id_langganan == id_langganan)
    if isinstance(conn, Engine):
        with conn.connect() as c:
            return dict(c.execute(q).all())
    return dict(conn.execute(q).all())


def simpan_keadaan(engine: Engine, id_langganan: int, keadaan: dict[str, str]) -> None:
    """Remember the state per alert subject (after a successful send, or for subjects that left an alert state)."""
    if not keadaan:
        return
    with engine.begin() as conn:
        pt = peringatan_terkirim
        conn.execute(delete(pt).where(pt.c.id_langganan == id_langganan, pt.c.kunci.in_(list(keadaan))))
        conn.execute(pt.insert(), [{"id_langganan": id_langganan, "kunci": k, "keadaan": v[:60], "waktu": datetime.now()} for k, v in keadaan.items()])
