"""Import, then notify: the one path by which the command line and the import page load files and tell recipients."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from kirim.jalan import HasilKirim, setelah_impor
from store.berkas import Berkas
from store.impor.kontrak import KepalaDitolak
from store.impor.tulis import HasilImpor, Kemajuan, impor_tabel


@dataclass(frozen=True)
class BerkasImpor:
    """One file read (store.berkas), the contract table it feeds and its column mapping."""

    tabel: str
    berkas: Berkas
    pemetaan: dict[str, str] | None = None


def impor_lalu_kabari(
    db: Engine | Connection,
    daftar: list[BerkasImpor],
    *,
    kabari: bool = True,
    latar: bool = False,
    buat_kemajuan: Callable[[], Kemajuan] | None = None,
    setelah_berkas: Callable[[BerkasImpor, HasilImpor | KepalaDitolak], None] | None = None,
) -> tuple[list[HasilImpor | KepalaDitolak], HasilKirim | None]:
    """Import each file in the order given (each table atomically; a header that cannot feed its table refuses that
    file alone), then, when anything was imported and kabari is set, evaluate the alerts once for the recipients who
    want them (latar: in a background thread, so a page returns at once). db may be a connection for a dry run,
    which the caller rolls back (then nobody is told). setelah_berkas hears each file's outcome as soon as it is
    known (the command line prints it then). Returns each file's outcome and what the alerts sent."""
    hasil: list[HasilImpor | KepalaDitolak] = []
    for b in daftar:
        try:
            kemajuan = buat_kemajuan() if buat_kemajuan else None
            hasil.append(impor_tabel(db, b.tabel, b.berkas.tabel, b.berkas.nama, b.pemetaan, kemajuan=kemajuan, **b.berkas.argumen_impor()))
        except KepalaDitolak as exc:
            hasil.append(exc)
        if setelah_berkas:
            setelah_berkas(b, hasil[-1])
    dikirim = None
    if kabari and isinstance(db, Engine) and any(isinstance(h, HasilImpor) for h in hasil):
        dikirim = setelah_impor(db, latar=latar)
    return hasil, dikirim
