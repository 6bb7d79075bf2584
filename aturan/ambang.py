"""Every configured threshold, in one place: status, officer flags, coverage lists, alerts and field-quality checks."""

from __future__ import annotations

from aturan.cakupan import AmbangCakupan
from aturan.cek_ulang import AmbangCekUlang
from aturan.indikator import Ambang, AmbangPeringatan
from aturan.kinerja import AmbangPetugas
from aturan.kualitas import AmbangKualitas

AMBANG = Ambang()  # status of an area (selisih for kritis and tertinggal, di depan)
AMBANG_PETUGAS = AmbangPetugas()  # officer flags (inactive, too fast, too short) and the PML check backlog
AMBANG_CAKUPAN = AmbangCakupan()  # coverage lists (stalled SLS, counts too high)
AMBANG_PERINGATAN = AmbangPeringatan()  # when an alert is sent
AMBANG_KUALITAS = AmbangKualitas()  # field-quality checks from paradata (aturan/kualitas.py explains each)
AMBANG_CEK_ULANG = AmbangCekUlang()  # back-checks: sampling rates, salt, and when a problem counts as confirmed (aturan/cek_ulang.py)
