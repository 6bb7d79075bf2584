"""What the current viewer may see and do: role, area scope, officer names, management pages (no Streamlit here)."""

from __future__ import annotations

from dataclasses import dataclass

from store.pengguna import Pengguna


@dataclass(frozen=True)
class Akses:
    """peran is None when logins are off. wilayah None means every area, else the area codes in scope:
    an area is visible when its code starts with one of them (so everything below a scoped area is too)."""

    peran: str | None
    wilayah: tuple[str, ...] | None
    lihat_nama: bool
    kelola: bool
    nama_pengguna: str | None = None

    @property
    def login(self) -> bool:
        return self.peran is not None

    def boleh(self, kode: str) -> bool:
        """Whether the area and everything in it may be shown."""
        return self.wilayah is None or any(kode.startswith(w) for w in self.wilayah)

    def terlihat(self, kode: str) -> bool:
        """Whether the area may be chosen as a way in: it is in scope, or it holds an area in scope."""
        return self.boleh(kode) or any(w.startswith(kode) for w in self.wilayah or ())

    @property
    def lihat_petugas(self) -> bool:
        """Per-officer pages (IDs, output, flags); the rapat role sees officer figures only as aggregates."""
        return self.peran != "rapat"


def tanpa_login(lihat_nama: bool, kelola: bool) -> Akses:
    """Access when logins are turned off: every area; names and management as configured."""
    return Akses(peran=None, wilayah=None, lihat_nama=lihat_nama, kelola=kelola)


def dari_pengguna(p: Pengguna) -> Akses:
    """admin: everything; pimpinan: their areas with officer names; rapat: their areas, aggregates only."""
    return Akses(peran=p.peran, wilayah=p.wilayah, lihat_nama=p.peran in ("admin", "pimpinan"), kelola=p.peran == "admin", nama_pengguna=p.nama_pengguna)
