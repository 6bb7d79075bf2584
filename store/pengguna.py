"""Dashboard users: roles, area scopes and scrypt password hashes; add, change, remove and check them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select

from store.db import buat_skema
from store.schema import pengguna, wilayah

PERAN = ("admin", "pimpinan", "rapat")
SEMUA = "*"
_N, _R, _P = 2**14, 8, 1  # scrypt cost: ~50 ms and 16 MiB per check on a 2-core server
_POLA_NAMA = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
PANJANG_SANDI_MIN = 10


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


def _periksa(engine: Engine, nama: str, peran: str | None, kode_wilayah: list[str] | None, sandi: str | None) -> None:
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
    _periksa(engine, nama, peran, kode_wilayah, sandi)
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
    _periksa(engine, nama, peran, kode_wilayah, sandi)
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


def periksa_masuk(engine: Engine, nama: str, sandi: str) -> Pengguna | None:
    """The active user with this name and password, else None (same work whether or not the name exists)."""
    with engine.connect() as conn:
        baris = conn.execute(select(pengguna).where(pengguna.c.nama_pengguna == nama.strip().lower())).first()
    benar = cocok_sandi(sandi, baris.sandi if baris else _HASH_SAMARAN)
    if baris is None or not benar or not baris.aktif:
        return None
    return _baris_ke_pengguna(baris)
