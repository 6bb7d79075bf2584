"""UI strings in Bahasa Indonesia and English, and number/date formatting per language."""

from __future__ import annotations

import math
from datetime import date

BAHASA = ("id", "en")

TEKS: dict[str, dict[str, str]] = {
    "judul_app": {"id": "Pantau Regsosek", "en": "Pantau Regsosek"},
    "ringkasan": {"id": "Ringkasan", "en": "Overview"},
    "bahasa": {"id": "Bahasa", "en": "Language"},
    "tanggal_data": {"id": "Keadaan per akhir hari", "en": "As of the end of"},
    "kabupaten": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "kecamatan": {"id": "Kecamatan", "en": "District (kecamatan)"},
    "desa": {"id": "Desa/kelurahan", "en": "Village (desa)"},
    "semua_kecamatan": {"id": "Semua kecamatan", "en": "All districts"},
    "data_demo": {
        "id": "DATA DEMO: kabupaten rekaan dan angka bangkitan, bukan hasil Regsosek yang sebenarnya.",
        "en": "DEMO DATA: a fictional regency with generated numbers, not real Regsosek results.",
    },
    "lencana_demo": {"id": "DATA DEMO", "en": "DEMO DATA"},
    "basis_data_kosong": {
        "id": "Basis data belum berisi wilayah. Impor data lapangan atau isi data demo: `python manage.py demo`.",
        "en": "The database holds no areas yet. Import field data or load the demo: `python manage.py demo`.",
    },
    "tanpa_jadwal": {"id": "Jadwal pendataan belum diisi.", "en": "No enumeration schedule has been loaded."},
    "hari_ke": {"id": "Hari ke-{k} dari {n}", "en": "Day {k} of {n}"},
    "sisa_hari": {"id": "sisa {n} hari", "en": "{n} days left"},
    "sebelum_mulai": {"id": "Belum mulai (mulai {tanggal})", "en": "Not started (starts {tanggal})"},
    "sudah_berakhir": {"id": "Jadwal berakhir {tanggal}", "en": "Schedule ended {tanggal}"},
    "capaian": {"id": "Capaian", "en": "Completion"},
    "rencana": {"id": "Rencana", "en": "Plan"},
    "selisih": {"id": "Selisih", "en": "Gap"},
    "selesai": {"id": "Selesai", "en": "Done"},
    "sasaran": {"id": "Sasaran", "en": "Target"},
    "keluarga": {"id": "keluarga", "en": "families"},
    "laju_7hari": {"id": "Laju 7 hari", "en": "7-day pace"},
    "laju_perlu": {"id": "Laju perlu", "en": "Required pace"},
    "per_hari": {"id": "kel/hari", "en": "fam/day"},
    "proyeksi_selesai": {"id": "Proyeksi selesai", "en": "Projected finish"},
    "tercapai": {"id": "Sasaran tercapai", "en": "Target reached"},
    "tidak_ada_proyeksi": {"id": "tidak ada (laju 0)", "en": "none (pace 0)"},
    "hari_setelah_tenggat": {"id": "{n} hari lewat tenggat", "en": "{n} days past deadline"},
    "hari_sebelum_tenggat": {"id": "{n} hari sebelum tenggat", "en": "{n} days before deadline"},
    "tepat_tenggat": {"id": "tepat di tenggat", "en": "on the deadline"},
    "poin": {"id": "poin", "en": "pts"},
    "vs_rencana": {"id": "rencana {x}", "en": "plan {x}"},
    "warnai_menurut": {"id": "Warna peta", "en": "Map colour"},
    "warna_selisih": {"id": "Selisih terhadap jadwal", "en": "Gap to schedule"},
    "warna_capaian": {"id": "Capaian", "en": "Completion"},
    "peta_judul_kab": {"id": "Peta kecamatan: {nama}", "en": "District map: {nama}"},
    "peta_judul_kec": {"id": "Peta desa: Kecamatan {nama}", "en": "Village map: {nama} district"},
    "klik_peta": {
        "id": "Klik sebuah kecamatan di peta (atau pilih di panel kiri) untuk melihat desanya.",
        "en": "Click a district on the map (or choose in the left panel) to see its villages.",
    },
    "pilih_kecamatan": {"id": "Buka kecamatan", "en": "Open district"},
    "kembali": {"id": "← Kembali ke {nama}", "en": "← Back to {nama}"},
    "tanpa_batas": {
        "id": "Batas wilayah untuk tingkat ini belum diimpor; peta tidak dapat digambar.",
        "en": "No boundaries imported for this level; the map cannot be drawn.",
    },
    "grafik_kumulatif": {"id": "Perkembangan capaian: {nama}", "en": "Progress over time: {nama}"},
    "realisasi": {"id": "Realisasi", "en": "Actual"},
    "hari_ini": {"id": "per {tanggal}", "en": "as of {tanggal}"},
    "status_kritis": {"id": "Kritis", "en": "Critical"},
    "status_tertinggal": {"id": "Tertinggal", "en": "Behind"},
    "status_sesuai": {"id": "Sesuai jadwal", "en": "On track"},
    "status_depan": {"id": "Di depan", "en": "Ahead"},
    "status_tanpa": {"id": "Tanpa sasaran", "en": "No target"},
    "legenda_selisih": {"id": "Selisih (poin)", "en": "Gap (pts)"},
    "legenda_capaian": {"id": "Capaian (%)", "en": "Completion (%)"},
    "kembali_ringkas": {"id": "Kembali", "en": "Back"},
}

BULAN = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def t(kunci: str, bahasa: str = "id", **isi: object) -> str:
    """The UI string for a key in the chosen language, with {placeholders} filled in."""
    teks = TEKS[kunci].get(bahasa) or TEKS[kunci]["id"]
    return teks.format(**isi) if isi else teks


def angka(x: float | None, desimal: int = 0, bahasa: str = "id") -> str:
    """1.234,5 in Indonesian, 1,234.5 in English; an en dash for a missing value."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    teks = f"{x:,.{desimal}f}"
    if bahasa == "id":
        teks = teks.replace(",", "_").replace(".", ",").replace("_", ".")
    return teks


def persen(x: float | None, desimal: int = 1, bahasa: str = "id") -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{angka(x, desimal, bahasa)}%"


def poin(x: float | None, desimal: int = 1, bahasa: str = "id") -> str:
    """A signed gap in percentage points: +3,2 / −4,0."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    tanda = "+" if x > 0 else "−" if x < 0 else "±"
    return f"{tanda}{angka(abs(x), desimal, bahasa)}"


def tanggal(d: date | None, bahasa: str = "id") -> str:
    """15 Okt 2022 / 15 Oct 2022."""
    if d is None:
        return "–"
    return f"{d.day} {BULAN[bahasa][d.month - 1]} {d.year}"
