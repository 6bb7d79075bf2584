"""Dashboard users: roles, area scopes and scrypt password hashes; add, change, remove and check them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects.postgresql import insert as insert_pg
from sqlalchemy.dialects.sqlite import insert as insert_sqlite

from store.db import buat_skema
from store.schema import gagal_masuk, pengguna, wilayah

PERAN = ("admin", "pimpinan", "rapat")
SEMUA = "*"
_N, _R, _P = 2**14, 8, 1  # scrypt cost: ~50 ms and 16 MiB per check on a 2-core server
_POLA_NAMA = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
PANJANG_SANDI_MIN = 10
GAGAL_MAKS_NAMA = 5  # failed sign-ins per user name ...
GAGAL_MAKS_ALAMAT = 20  # ... and per client address (an office behind one address has several users) ...
JENDELA_GAGAL = 300.0  # ... with less than this many seconds between them; then a pause of this long
_LOG = logging.getLogger("pantau.masuk")


class PenggunaTidakSah(ValueError):
    """A user that cannot be stored as asked (bad name, role, area or password)."""


@dataclass(frozen=True)
class Pengguna:
    """A stored user. wilayah is None for every area, else the area codes the user may see."""

    nama_pengguna: str
    nama_lengkap: str
    peran: str
    wilayah: tuple[str, ...] | None
    aktif: bool
    versi: int


def hash_sandi(sandi: str) -> str:
    """A salted scrypt hash in the form scrypt$n$r$p$salt$hash (base64)."""
    garam = secrets.token_bytes(16)
    kunci = hashlib.scrypt(sandi.encode("utf-8"), salt=garam, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), base64.b64encode(garam).decode(), base64.b64encode(kunci).decode()])


def cocok_sandi(sandi: str, tersimpan: str) -> bool:
    """Whether sandi matches a stored hash (constant-time comparison)."""
    try:
        jenis, n, r, p, garam, kunci = tersimpan.split("$")
        if jenis != "scrypt":
            return False
        hitung = hashlib.scrypt(sandi.encode("utf-8"), salt=base64.b64decode(garam), n=int(n), r=int(r), p=int(p), dklen=32)
    except ValueError:
        return False
    return hmac.compare_digest(hitung, base64.b64decode(kunci))


_HASH_SAMARAN = hash_sandi(secrets.token_hex(16))  # checked for unknown users so timing does not reveal who exists


def _baris_ke_pengguna(baris) -> Pengguna:
    kode = tuple(baris.wilayah.split())
    return Pengguna(
        nama_pengguna=baris.nama_pengguna,
        nama_lengkap=baris.nama_lengkap or "",
        peran=baris.peran,
        wilayah=None if SEMUA in kode else kode,
        aktif=bool(baris.aktif),
        versi=int(baris.versi),
    )


def periksa_pengguna(engine: Engine, nama: str, peran: str | None, kode_wilayah: list[str] | None, sandi: str | None) -> None:
    """Refuse a user or recipient whose name, role, areas or password break the rules (PenggunaTidakSah)."""
    if not _POLA_NAMA.match(nama):
        raise PenggunaTidakSah(f"nama pengguna '{nama}': 2-60 huruf kecil, angka, titik, garis bawah atau tanda hubung")
    if peran is not None and peran not in PERAN:
        raise PenggunaTidakSah(f"peran '{peran}': pilih salah satu dari {', '.join(PERAN)}")
    if sandi is not None and len(sandi) < PANJANG_SANDI_MIN:
        raise PenggunaTidakSah(f"kata sandi terlalu pendek: paling sedikit {PANJANG_SANDI_MIN} karakter")
    if kode_wilayah is None:
        return
    if not kode_wilayah:
        raise PenggunaTidakSah("wilayah kosong: beri kode wilayah (mis. 7317 atau 7317010) atau '*' untuk semua wilayah")
    kode = [k for k in kode_wilayah if k != SEMUA]
    if salah := [k for k in kode if len(k) not in (2, 4, 7)]:
        raise PenggunaTidakSah(f"kode wilayah {', '.join(salah)}: pakai kode provinsi (2 angka), kabupaten (4) atau kecamatan (7)")
    with engine.connect() as conn:
        ada = set(conn.execute(select(wilayah.c.kode).where(wilayah.c.kode.in_(kode))).scalars()) if kode else set()
    if hilang := [k for k in kode if k not in ada]:
        raise PenggunaTidakSah(f"kode wilayah tidak ada di master wilayah: {', '.join(hilang)}")


def tambah_pengguna(engine: Engine, nama: str, sandi: str, peran: str, kode_wilayah: list[str], nama_lengkap: str = "") -> Pengguna:
    """Add a user (the name must be new). kode_wilayah: area codes, or ['*'] for every area."""
    buat_skema(engine)
    periksa_pengguna(engine, nama, peran, kode_wilayah, sandi)
    with engine.begin() as conn:
        if conn.execute(select(pengguna.c.nama_pengguna).where(pengguna.c.nama_pengguna == nama)).first():
            raise PenggunaTidakSah(f"pengguna '{nama}' sudah ada")
        conn.execute(
            pengguna.insert().values(
                nama_pengguna=nama,
                nama_lengkap=nama_lengkap,
                peran=peran,
                wilayah=" ".join(kode_wilayah),
                sandi=hash_sandi(sandi),
                aktif=1,
                versi=1,
                dibuat=datetime.now(),
            )
        )
    return baca_pengguna(engine, nama)


def ubah_pengguna(
    engine: Engine, nama: str, *, sandi: str | None = None, peran: str | None = None, kode_wilayah: list[str] | None = None, aktif: bool | None = None
) -> Pengguna:
    """Change a user's password, role, areas or active flag; any change ends the user's open sessions."""
    periksa_pengguna(engine, nama, peran, kode_wilayah, sandi)
    nilai: dict[str, object] = {"versi": pengguna.c.versi + 1}
    if sandi is not None:
        nilai["sandi"] = hash_sandi(sandi)
    if peran is not None:
        nilai["peran"] = peran
    if kode_wilayah is not None:
        nilai["wilayah"] = " ".join(kode_wilayah)
    if aktif is not None:
        nilai["aktif"] = int(aktif)
    with engine.begin() as conn:
        if conn.execute(pengguna.update().where(pengguna.c.nama_pengguna == nama).values(**nilai)).rowcount != 1:
            raise PenggunaTidakSah(f"pengguna '{nama}' tidak ada")
    return baca_pengguna(engine, nama)


def hapus_pengguna(engine: Engine, nama: str) -> None:
    with engine.begin() as conn:
        if conn.execute(pengguna.delete().where(pengguna.c.nama_pengguna == nama)).rowcount != 1:
            raise PenggunaTidakSah(f"pengguna '{nama}' tidak ada")


def baca_pengguna(engine: Engine, nama: str) -> Pengguna | None:
    with engine.connect() as conn:
        baris = conn.execute(select(pengguna).where(pengguna.c.nama_pengguna == nama)).first()
    return _baris_ke_pengguna(baris) if baris else None


def daftar_pengguna(engine: Engine) -> list[Pengguna]:
    with engine.connect() as conn:
        return [_baris_ke_pengguna(b) for b in conn.execute(select(pengguna).order_by(pengguna.c.nama_pengguna))]


def ada_pengguna(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(pengguna.c.nama_pengguna).limit(1)).first() is not None


class _Dijeda(Exception):
    """A counter is full: the reservation transaction is rolled back."""


def _kunci_masuk(nama: str, alamat: str | None) -> list[tuple[str, int]]:
    """The counters an attempt is charged to, in a fixed order (so concurrent transactions lock rows alike)."""
    kunci = [("n:" + nama[:100], GAGAL_MAKS_NAMA)]
    if alamat:
        kunci.append(("a:" + alamat[:100], GAGAL_MAKS_ALAMAT))
    return sorted(kunci)


def _pesan_tempat(conn: Connection, kunci: str, maks: int, sekarang: float) -> bool:
    """Reserve one attempt on a counter, atomically: the UPDATE's condition is evaluated under the row's lock
    (PostgreSQL re-reads a row another transaction changed; SQLite lets one writer in at a time)."""
    sisip = (insert_pg if conn.dialect.name == "postgresql" else insert_sqlite)(gagal_masuk)
    conn.execute(sisip.values(kunci=kunci, jumlah=0, terakhir=sekarang).on_conflict_do_nothing(index_elements=["kunci"]))
    conn.execute(gagal_masuk.update().where(gagal_masuk.c.kunci == kunci, gagal_masuk.c.terakhir < sekarang - JENDELA_GAGAL).values(jumlah=0))
    naik = gagal_masuk.update().where(gagal_masuk.c.kunci == kunci, gagal_masuk.c.jumlah < maks).values(jumlah=gagal_masuk.c.jumlah + 1, terakhir=sekarang)
    return conn.execute(naik).rowcount == 1


def pesan_percobaan(engine: Engine, nama: str, alamat: str | None = None) -> bool:
    """Whether a password may be checked for this name (and client address): True reserves the attempt, which
    counts as a failure until lepas_percobaan() gives it back after a right password. False: paused, nothing
    charged. Shared through the database, so parallel attempts and several app servers share one count."""
    sekarang = time.time()
    try:
        with engine.begin() as conn:
            conn.execute(gagal_masuk.delete().where(gagal_masuk.c.terakhir < sekarang - 2 * JENDELA_GAGAL))
            for kunci, maks in _kunci_masuk(nama, alamat):
                if not _pesan_tempat(conn, kunci, maks, sekarang):
                    raise _Dijeda  # rolls back: nothing is charged for an attempt that is not checked
    except _Dijeda:
        return False
    return True


def lepas_percobaan(engine: Engine, nama: str, alamat: str | None = None) -> None:
    """After a right password: the name's failures are forgotten, and the address gets its attempt back."""
    with engine.begin() as conn:
        for kunci, _ in _kunci_masuk(nama, alamat):
            if kunci.startswith("n:"):
                conn.execute(gagal_masuk.delete().where(gagal_masuk.c.kunci == kunci))
            else:
                conn.execute(gagal_masuk.update().where(gagal_masuk.c.kunci == kunci, gagal_masuk.c.jumlah > 0).values(jumlah=gagal_masuk.c.jumlah - 1))


def hapus_jeda(engine: Engine, nama: str | None = None) -> int:
    """Forget failed sign-ins (of one user name, or all): lifts a pause at once. Returns the counters removed."""
    syarat = gagal_masuk.c.kunci == "n:" + nama.strip().lower()[:100] if nama else gagal_masuk.c.kunci.is_not(None)
    with engine.begin() as conn:
        return conn.execute(gagal_masuk.delete().where(syarat)).rowcount


def masuk(engine: Engine, nama: str, sandi: str, alamat: str | None = None) -> Pengguna | str:
    """A sign-in attempt: the user, or 'terlalu_sering' (paused: no password checked) or 'masuk_gagal'.
    Every checked attempt is logged with the name and address (never the password)."""
    nama = nama.strip().lower()
    if not pesan_percobaan(engine, nama, alamat):
        _LOG.warning("masuk dijeda: nama=%r alamat=%s", nama[:100], alamat or "-")
        return "terlalu_sering"
    hasil = periksa_masuk(engine, nama, sandi)
    if hasil is None:
        ada = baca_pengguna(engine, nama[:60]) is not None
        _LOG.warning("masuk gagal (sandi diperiksa): nama=%r%s alamat=%s", nama[:100], "" if ada else " (tidak ada)", alamat or "-")
        return "masuk_gagal"
    lepas_percobaan(engine, nama, alamat)
    _LOG.info("masuk berhasil (sandi diperiksa): nama=%r alamat=%s", nama, alamat or "-")
    return hasil


def periksa_masuk(engine: Engine, nama: str, sandi: str) -> Pengguna | None:
    """The active user with this name and password, else None (same work whether or not the name exists)."""
    with engine.connect() as conn:
        baris = conn.execute(select(pengguna).where(pengguna.c.nama_pengguna == nama.strip().lower())).first()
    benar = cocok_sandi(sandi, baris.sandi if baris else _HASH_SAMARAN)
    if baris is None or not benar or not baris.aktif:
        return None
    return _baris_ke_pengguna(baris)
