"""UI strings in Bahasa Indonesia and English, and number/date formatting per language."""

from __future__ import annotations

import functools
import math
from datetime import date

import pandas as pd
from babel.dates import format_date, format_interval
from babel.numbers import get_decimal_symbol, get_group_symbol

from aturan.indikator import STATUS_TELAT, Jadwal

BAHASA = ("id", "en")
PEMISAH = {"id": ",.", "en": ".,"}  # Plotly separators: decimal mark, then thousands
NAMA_BAHASA = {"id": "Bahasa Indonesia", "en": "English"}  # each language named in itself

TEKS: dict[str, dict[str, str]] = {
    "siapkan_db": {
        "id": "Menyiapkan basis data…",
        "en": "Preparing the database…",
    },
    "siapkan_bangkit": {
        "id": "Pertama kali (sekali saja, sekitar 15 detik): membangkitkan kampanye demo…",
        "en": "First start (once, about 15 seconds): generating the demo campaign…",
    },
    "siapkan_batas": {"id": "Pertama kali: menyimpan batas wilayah…", "en": "First start: storing the area boundaries…"},
    "siapkan_tabel": {"id": "Pertama kali: memuat tabel {tabel} lewat pemeriksaan impor…", "en": "First start: loading the {tabel} table through the import checks…"},
    "siapkan_keluarga": {
        "id": "Pertama kali: memuat keluarga lewat pemeriksaan impor dan menghitung rekap…",
        "en": "First start: loading the families through the import checks and building the rollups…",
    },
    "siapkan_selesai": {"id": "Data demo siap; membuka ringkasan…", "en": "Demo data ready; opening the overview…"},
    "judul_app": {"id": "Pantau Regsosek", "en": "Pantau Regsosek"},
    "ringkasan": {"id": "Ringkasan", "en": "Overview"},
    "bahasa": {"id": "Bahasa", "en": "Language"},
    "tanggal_data": {"id": "Keadaan per akhir hari", "en": "As of the end of"},
    "kabupaten": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "kecamatan": {"id": "Kecamatan", "en": "District (kecamatan)"},
    "desa": {"id": "Desa/kelurahan", "en": "Village (desa)"},
    "semua_kecamatan": {"id": "Semua kecamatan", "en": "All districts"},
    "data_demo": {
        "id": "kabupaten rekaan dan angka bangkitan, bukan hasil Regsosek yang sebenarnya.",
        "en": "a fictional regency with generated numbers, not real Regsosek results.",
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
    "tidak_ada_proyeksi_pendek": {"id": "tidak ada", "en": "none"},
    "sebab": {"id": "Sebab", "en": "Why"},
    "sebab_lambat": {"id": "{n} dari {total} PPL memegang {k} keluarga, laju {laju}/hari", "en": "{n} of {total} PPL hold {k} families at {laju}/day"},
    "sebab_diam": {"id": "tidak ada petugas aktif untuk {k} keluarga", "en": "no active officer for {k} families"},
    "sebab_lambat_pendek": {"id": "{n} PPL lambat", "en": "{n} slow PPL"},
    "sebab_diam_pendek": {"id": "{k} kel. tanpa petugas", "en": "{k} fam. without officer"},
    "keparahan": {"id": "Keterlambatan", "en": "Lateness"},
    "keparahan_proyeksi": {"id": "{n} hari lewat tenggat (proyeksi)", "en": "{n} days past deadline (projected)"},
    "keparahan_lewat": {"id": "lewat {n} hari; proyeksi {proy}", "en": "{n} days past; projected {proy}"},
    "keparahan_tanpa": {"id": "tanpa proyeksi", "en": "no projection"},
    "serah_utuh": {"id": "Utuh: semua keluarga yang belum terkirim per akhir {tanggal}", "en": "Whole: every family not submitted by the end of {tanggal}"},
    "serah_sebagian": {
        "id": "{n} keluarga: yang belum dikunjungi, dihitung dari akhir daftar prelist SLS; sisanya tetap PPL asal",
        "en": "{n} families: those not yet visited, counted from the end of the SLS prelist; the rest stay with the original PPL",
    },
    "serah_dalam": {"id": "dalam tim", "en": "within team"},
    "serah_keluar": {"id": "keluar", "en": "out"},
    "serah_masuk": {"id": "masuk", "en": "in"},
    "tanpa_tim": {"id": "(tanpa atasan tercatat)", "en": "(no supervisor on record)"},
    "serah_kolom_tim": {"id": "Tim", "en": "Team"},
    "serah_kolom_pml": {"id": "PML", "en": "PML"},
    "serah_kolom_koseka": {"id": "Koseka", "en": "Koseka"},
    "serah_kolom_kode_sls": {"id": "Kode SLS", "en": "SLS code"},
    "serah_kolom_desa": {"id": "Desa", "en": "Village (desa)"},
    "serah_kolom_keluarga": {"id": "Keluarga", "en": "Families"},
    "serah_kolom_aturan": {"id": "Yang diserahkan", "en": "What passes"},
    "serah_kolom_dari": {"id": "Dari PPL", "en": "From PPL"},
    "serah_kolom_ke": {"id": "Ke PPL", "en": "To PPL"},
    "serah_kolom_arah": {"id": "Arah", "en": "Direction"},
    "serah_judul": {"id": "Daftar serah terima · {tingkat} {tim}", "en": "Handover list · {tingkat} {tim}"},
    "serah_kepala": {"id": "{wilayah} · rencana per akhir {tanggal} · {keterangan}", "en": "{wilayah} · plan as of the end of {tanggal} · {keterangan}"},
    "serah_petunjuk": {
        "id": "Satu SLS hanya kepada satu PPL. PPL asal berhenti mengunjungi keluarga yang diserahkan; PPL penerima mengirim data dengan ID-nya sendiri "
        "di kode SLS yang sama, sehingga tindak lanjut terlihat di dasbor.",
        "en": "An SLS goes to one PPL only. The original PPL stops visiting the families handed over; the receiving PPL submits under their own ID "
        "with the same SLS code, so the follow-up shows on the dashboard.",
    },
    "serah_diadopsi": {"id": "diadopsi oleh {oleh}, {waktu}", "en": "adopted by {oleh}, {waktu}"},
    "serah_usulan": {"id": "usulan, belum diadopsi", "en": "proposal, not adopted"},
    "bantuan": {"id": "Rencana bantuan", "en": "Help plan"},
    "rb_buka": {"id": "Susun rencana bantuan", "en": "Make a help plan"},
    "rb_judul": {"id": "Rencana bantuan · {nama}", "en": "Help plan · {nama}"},
    "rb_petunjuk": {
        "id": "Siapa meminjamkan waktu ke SLS mana agar sebanyak mungkin wilayah kembali tepat waktu, dengan perjalanan sesedikit mungkin",
        "en": "Who lends time to which SLS so that as many areas as possible are back on time, with the least travel",
    },
    "rb_pulih": {"id": "Kembali tepat waktu", "en": "Back on time"},
    "rb_pulih_ket": {"id": "wilayah yang diproyeksikan terlambat", "en": "of the areas projected late"},
    "rb_pindah": {"id": "SLS dipindahkan", "en": "SLS moved"},
    "rb_pindah_ket": {"id": "{utuh} utuh, sisanya sebagian", "en": "{utuh} whole, the rest in part"},
    "rb_keluarga": {"id": "Keluarga dipindahkan", "en": "Families moved"},
    "rb_pemberi": {"id": "PPL pemberi", "en": "Lending PPL"},
    "rb_pemberi_ket": {"id": "dipakai / tersedia", "en": "used / available"},
    "rb_optimal": {"id": "Rencana optimal (dibuktikan oleh pengoptimal).", "en": "The plan is optimal (proven by the optimiser)."},
    "rb_celah": {
        "id": "Rencana terbaik yang ditemukan dalam batas waktu; paling jauh {celah} dari batas atas pengoptimal.",
        "en": "The best plan found within the time limit; at most {celah} from the optimiser's bound.",
    },
    "rb_sebelum_sesudah": {"id": "Proyeksi selesai sebelum dan sesudah rencana", "en": "Projected finish before and after the plan"},
    "rencana_sebelum": {"id": "Sebelum rencana", "en": "Before the plan"},
    "rencana_sesudah": {"id": "Sesudah rencana", "en": "After the plan"},
    "tenggat": {"id": "tenggat", "en": "deadline"},
    "rb_peluang_sebelum": {"id": "Peluang tepat sebelum (%)", "en": "Chance on time before (%)"},
    "rb_peluang_sesudah": {"id": "Peluang tepat sesudah (%)", "en": "Chance on time after (%)"},
    "rb_tab_area": {"id": "Wilayah", "en": "Areas"},
    "rb_tab_pindah": {"id": "Pemindahan", "en": "Moves"},
    "rb_tab_pemberi": {"id": "Pemberi", "en": "Lenders"},
    "rb_tab_serah": {"id": "Daftar serah terima", "en": "Handover lists"},
    "rb_tab_lanjut": {"id": "Tindak lanjut", "en": "Follow-up"},
    "rb_kosong": {
        "id": "Tidak ada pemindahan: tidak ada PPL yang kelebihan beban, atau tidak ada PPL yang punya waktu luang.",
        "en": "No moves: no PPL is overloaded, or no PPL has time to spare.",
    },
    "rb_jumlah_sls": {"id": "SLS", "en": "SLS"},
    "rb_utuh": {"id": "Utuh", "en": "Whole"},
    "rb_ya": {"id": "utuh", "en": "whole"},
    "rb_sebagian": {"id": "sebagian", "en": "part"},
    "rb_jarak": {"id": "Jarak", "en": "Distance"},
    "rb_jarak_desa": {"id": "desa sama", "en": "same desa"},
    "rb_jarak_kecamatan": {"id": "kecamatan sama", "en": "same kecamatan"},
    "rb_jarak_kabupaten": {"id": "kecamatan lain", "en": "other kecamatan"},
    "rb_hari_longgar": {"id": "Hari-PPL luang", "en": "Spare PPL-days"},
    "rb_hari_dipakai": {"id": "Hari-PPL dipakai", "en": "PPL-days used"},
    "rb_pemberi_aturan": {
        "id": "Pemberi: PPL yang pekerjaannya sendiri diproyeksikan selesai paling sedikit 3 hari kerja sebelum tenggatnya, pada lajunya 14 hari "
        "terakhir; hari luang dihitung pada laju itu. Setelah tenggat lewat, sasaran rencana adalah 7 hari sejak hari rencana.",
        "en": "Lenders: PPL whose own work is projected done at least 3 working days before their deadline, at their pace of the last 14 days; "
        "spare days are counted at that pace. Once the deadline has passed, the plan aims at 7 days after the plan day.",
    },
    "rb_per": {"id": "Daftar per", "en": "Lists per"},
    "rb_serah_peran": {
        "id": "Daftar serah terima memuat ID petugas: tidak tersedia untuk peran rapat.",
        "en": "Handover lists name officers: not available to the meeting role.",
    },
    "unduh_pdf": {"id": "Unduh PDF", "en": "Download PDF"},
    "rb_adopsi": {"id": "Adopsi rencana ini", "en": "Adopt this plan"},
    "rb_diadopsi": {"id": "Rencana diadopsi; tindak lanjutnya ada di tab Tindak lanjut.", "en": "Plan adopted; follow it up on the Follow-up tab."},
    "rb_belum_adopsi": {"id": "Belum ada rencana yang diadopsi untuk wilayah ini.", "en": "No plan has been adopted for this area yet."},
    "rb_pilih_rencana": {"id": "Rencana yang diadopsi", "en": "Adopted plan"},
    "rb_rencana_label": {"id": "Rencana per {tanggal} (oleh {oleh})", "en": "Plan as of {tanggal} (by {oleh})"},
    "rb_belum": {"id": "belum ada kiriman", "en": "nothing yet"},
    "rb_berjalan": {"id": "berjalan", "en": "under way"},
    "rb_tuntas": {"id": "tuntas", "en": "done"},
    "rb_kiriman": {"id": "Dikirim pemberi", "en": "Sent by lender"},
    "rb_pertama": {"id": "Kiriman pertama", "en": "First submission"},
    "rb_sls_mulai": {"id": "SLS sudah mulai", "en": "SLS begun"},
    "rb_area_dibantu": {"id": "Desa yang dibantu: laju sebelum dan sesudah", "en": "Desa helped: pace before and after"},
    "rb_laju_sebelum": {"id": "Laju 7 hari sebelum (kel/hari)", "en": "Pace 7 days before (fam/day)"},
    "rb_laju_sesudah": {"id": "Laju sesudah (kel/hari)", "en": "Pace after (fam/day)"},
    "rb_lanjut_petunjuk": {
        "id": "Dihitung dari kiriman itu sendiri: baris PPL pemberi di kode SLS yang diserahkan setelah hari rencana. Diadopsi {waktu}.",
        "en": "Counted from the submissions themselves: the lending PPL's rows under the SLS code handed over, after the plan day. Adopted {waktu}.",
    },
    "kirim_cek_ulang": {
        "id": "Cek ulang PPL {ppl} ({kec}): {x} dari {n} keluarga yang dicek ulang tidak cocok",
        "en": "Back-check of PPL {ppl} ({kec}): {x} of {n} families re-visited did not match",
    },
    "kirim_cek_ulang_kec": {"id": "{kec}: cek ulang memastikan masalah pada {n} PPL", "en": "{kec}: back-checks confirm a problem with {n} PPL"},
    "cek_ulang": {"id": "Cek ulang", "en": "Back-checks"},
    "cu_tidak_ada": {
        "id": "Rumah tangga yang menurut cek ulang tidak ada: {dihitung} masih dihitung sebagai selesai, {dikeluarkan} sudah dikeluarkan.",
        "en": "Households a back-check found not to exist: {dihitung} still counted as done, {dikeluarkan} excluded.",
    },
    "cu_keluarkan": {"id": "Keluarkan {n} keluarga itu dari selesai", "en": "Exclude those {n} families from done"},
    "cu_dikeluarkan": {
        "id": "{n} keluarga dikeluarkan sebagai impor #{id}; tarik impor itu di halaman Impor data untuk mengembalikannya.",
        "en": "{n} families excluded as import #{id}; withdraw that import on the Import page to bring them back.",
    },
    "cu_buka": {"id": "Daftar dan hasil cek ulang", "en": "Back-check lists and outcomes"},
    "cu_judul": {"id": "Cek ulang · {nama}", "en": "Back-checks · {nama}"},
    "cu_aturan": {
        "id": "Daftar cek ulang hari berikutnya: {acak} keluarga selesai tiap PPL diundi acak (tak berpihak, untuk menaksir tingkat kesalahan), "
        "ditambah {sasaran} wawancara yang ditandai pemeriksaan lapangan dari PPL berbendera (paling banyak {maks} per PPL per hari). "
        "Undian dari ID keluarga: hari dan setelan yang sama memberi daftar yang sama.",
        "en": "Next day's back-check list: {acak} of every PPL's completed families drawn at random (unbiased, to estimate the error rate), "
        "plus {sasaran} of the interviews the field checks mark, from flagged PPL (at most {maks} per PPL a day). "
        "Drawn from the family IDs: the same day and settings give the same list.",
    },
    "cu_besok": {"id": "Dicek ulang besok", "en": "To re-visit tomorrow"},
    "cu_besok_ket": {"id": "{acak} acak · {sasaran} sasaran", "en": "{acak} random · {sasaran} targeted"},
    "cu_sudah": {"id": "Sudah dicek ulang", "en": "Re-visited so far"},
    "cu_porsi_semua": {"id": "Tidak cocok (sampel acak)", "en": "Not matching (random part)"},
    "cu_dari_acak": {"id": "dari {n} keluarga acak", "en": "of {n} random families"},
    "cu_status_masalah": {"id": "PPL bermasalah (terbukti)", "en": "PPL with a confirmed problem"},
    "cu_status_ket": {"id": "{bersih} bersih · {belum} belum cukup dicek", "en": "{bersih} cleared · {belum} not yet checked enough"},
    "cu_status_belum": {"id": "Belum cukup dicek", "en": "Not yet checked"},
    "cu_status_bersih": {"id": "Bersih", "en": "Cleared"},
    "cu_status_masalah_pendek": {"id": "Terbukti bermasalah", "en": "Confirmed problem"},
    "cu_tab_daftar": {"id": "Daftar cek ulang", "en": "Back-check list"},
    "cu_tab_hasil": {"id": "Hasil per PPL", "en": "Outcomes per PPL"},
    "cu_tab_bendera": {"id": "Ketepatan bendera", "en": "How right the flags are"},
    "cu_acak": {"id": "Acak", "en": "Random"},
    "cu_sasaran": {"id": "Sasaran", "en": "Targeted"},
    "cu_keluarga": {"id": "ID keluarga", "en": "Family ID"},
    "cu_alasan": {"id": "Alasan terpilih", "en": "Why drawn"},
    "cu_dicek": {"id": "Dicek", "en": "Checked"},
    "cu_tidak_cocok": {"id": "Tidak cocok", "en": "Not matching"},
    "cu_menolak": {"id": "Menolak", "en": "Refused"},
    "cu_acak_dicek": {"id": "Dicek (acak)", "en": "Checked (random)"},
    "cu_porsi": {"id": "Tidak cocok, acak (%)", "en": "Not matching, random (%)"},
    "cu_interval": {"id": "Interval", "en": "Interval"},
    "cu_bendera": {"id": "Bendera lapangan", "en": "Field flags"},
    "cu_hasil_petunjuk": {
        "id": "Tidak cocok: berbeda, rumah tangga tidak ditemukan, atau tidak ada (menolak tidak dihitung). Porsi dan interval {keyakinan} (Wilson) dari "
        "bagian acak saja, agar tak berpihak. Terbukti bermasalah: paling sedikit {x} tidak cocok dan paling sedikit {p} dari yang dicek; "
        "bersih: {n} keluarga atau lebih dicek tanpa itu.",
        "en": "Not matching: different, household not found, or does not exist (refusals not counted). Share and {keyakinan} interval (Wilson) from "
        "the random part only, so it is unbiased. Confirmed problem: at least {x} not matching and at least {p} of those checked; "
        "cleared: {n} or more families checked without that.",
    },
    "cu_cek": {"id": "Pemeriksaan", "en": "Check"},
    "cu_ditandai": {"id": "PPL ditandai", "en": "PPL flagged"},
    "cu_diketahui": {"id": "Sudah dinilai cek ulang", "en": "Judged by back-checks"},
    "cu_terbukti": {"id": "Terbukti bermasalah", "en": "Confirmed"},
    "cu_presisi": {"id": "Ketepatan (%)", "en": "Precision (%)"},
    "cu_bendera_petunjuk": {
        "id": "Ketepatan: dari PPL yang ditandai dan sudah cukup dicek ulang, bagian yang terbukti bermasalah pada pendataan ini.",
        "en": "Precision: of the flagged PPL with enough back-checks, the share confirmed to have a problem in this campaign.",
    },
    "cu_pdf_judul": {"id": "Daftar cek ulang · PML {pml}", "en": "Back-check list · PML {pml}"},
    "cu_pdf_kepala": {
        "id": "{wilayah} · keluarga selesai pada {tanggal}, dikunjungi ulang {besok}",
        "en": "{wilayah} · families completed on {tanggal}, to re-visit on {besok}",
    },
    "cu_hasil_kolom": {"id": "Hasil (1-5)", "en": "Outcome (1-5)"},
    "cu_pdf_kaki": {
        "id": "{n} keluarga. Hasil: 1 cocok, 2 berbeda (tulis kolomnya), 3 rumah tangga tidak ditemukan, 4 tidak ada, 5 menolak.",
        "en": "{n} families. Outcome: 1 matching, 2 different (name the fields), 3 household not found, 4 does not exist, 5 refused.",
    },
    "keparahan_laporan": {"id": "Telat", "en": "Late by"},
    "keparahan_pendek": {"id": "telat {n} hr", "en": "{n} d late"},
    "keparahan_pendek_lewat": {"id": "lewat {n} hr", "en": "{n} d past"},
    "rentang_peluang": {"id": "{rentang} · peluang {peluang}", "en": "{rentang} · {peluang} on time"},
    "proyeksi_bantuan": {
        "id": "Tanggal tengah (median) proyeksi; rentang 80%: kemungkinan besar selesai di antara kedua tanggal itu; peluang: kemungkinan "
        "mencapai sasaran paling lambat pada tenggat wilayah ini.",
        "en": "The median projected date; 80% range: most likely finished between those two dates; chance: the chance of reaching the target by this area's deadline.",
    },
    "rentang_proyeksi": {"id": "Rentang 80%", "en": "80% range"},
    "rentang_riwayat": {
        "id": "Rentang ini diukur dari galat ramalan kampanye ini sendiri pada tingkat wilayah yang sama (dua minggu terakhir). Ia menganggap "
        "minggu-minggu ke depan berjalan seperti itu: banjir, panen, atau laju yang terus turun setelah hari ini baru melebarkannya setelah terlihat.",
        "en": "This range is measured from this campaign's own forecast errors at the same level of area (the last two weeks). It assumes the "
        "weeks ahead go the same way: a flood, a harvest or a pace that keeps falling after today widens it only once it shows.",
    },
    "rentang_awal": {
        "id": "Rentang ini sengaja lebar: riwayat kampanye ini belum cukup untuk mengukur galat ramalannya.",
        "en": "This range is deliberately wide: this campaign's history is too short yet to measure its forecast's errors.",
    },
    "rekam_jejak": {
        "id": "Rentang 80% untuk {tingkat} di kabupaten ini yang diberikan ≥7 hari lalu: tepat {persen} dari {n} kali dinilai (wilayah dinilai: {area}).",
        "en": "80% ranges for {tingkat} in this regency given 7+ days ago: held {persen} of {n} times judged (areas judged: {area}).",
    },
    "rekam_jejak_pendek": {
        "id": "rentang 80% {tingkat} di kabupaten ini tepat {persen} dari {n} kali",
        "en": "80% ranges for {tingkat} in this regency held {persen} of {n} times",
    },
    "rekam_jejak_belum_pendek": {"id": "rentang 80% {tingkat}: belum dinilai", "en": "80% ranges for {tingkat}: not judged yet"},
    "rekam_jejak_tanpa": {
        "id": "Rentang 80% untuk {tingkat} sengaja lebar dan tanpa rekam jejak: galat ramalan diukur per kabupaten, untuk kecamatan dan desa.",
        "en": "80% ranges for {tingkat} are deliberately wide, with no track record: forecast errors are measured per kabupaten, for kecamatan and desa.",
    },
    "rekam_jejak_tanpa_pendek": {"id": "rentang 80% {tingkat}: lebar, tanpa rekam jejak", "en": "80% ranges for {tingkat}: wide, no track record"},
    "rekam_jejak_belum": {
        "id": "Rentang 80% untuk {tingkat}: belum ada yang bisa dinilai (dinilai saat wilayah selesai atau rentangnya lewat).",
        "en": "80% ranges for {tingkat}: none can be judged yet (judged once an area finishes or its range has passed).",
    },
    "peluang_tepat": {"id": "Peluang tepat waktu", "en": "Chance on time"},
    "proyeksi_laju7": {"id": "Proyeksi laju 7 hari", "en": "Projection at 7-day pace"},
    "bantuan_judul": {"id": "Di mana bantuan diperlukan", "en": "Where help is needed"},
    "bantuan_petunjuk": {
        "id": "Wilayah yang diproyeksikan lewat tenggat: hari-PPL tambahan (pada produktivitas wilayah itu sendiri) agar proyeksi tengah "
        "kembali ke tenggat, dan wilayah tetangga yang sudah tuntas atau jauh di depan yang dapat meminjamkan petugas.",
        "en": "Areas projected to miss the deadline: extra PPL-days (at the area's own productivity) to bring the median finish back to "
        "the deadline, and neighbouring areas that are done or far ahead and could lend officers.",
    },
    "bantuan_kosong": {"id": "Tidak ada wilayah yang diproyeksikan lewat tenggat.", "en": "No area is projected to miss the deadline."},
    "sisa_di_tenggat": {"id": "Keluarga tersisa di tenggat", "en": "Families left at deadline"},
    "ppl_hari_tambahan": {"id": "Hari-PPL tambahan", "en": "Extra PPL-days"},
    "produktivitas": {"id": "Keluarga per PPL per hari", "en": "Families per PPL-day"},
    "pemberi_bantuan": {"id": "Dapat meminjamkan petugas", "en": "Could lend officers"},
    "sisa_di_tenggat_pendek": {"id": "Sisa di tenggat", "en": "Left at deadline"},
    "ppl_hari_tambahan_pendek": {"id": "Hari-PPL tambahan", "en": "Extra PPL-days"},
    "ppl_hari_tambahan_laporan": {"id": "Hari-PPL", "en": "PPL-days"},
    "produktivitas_pendek": {"id": "Kel./PPL/hari", "en": "Fam./PPL-day"},
    "hari_setelah_tenggat": {"id": "{n} hari lewat tenggat", "en": "{n} days past deadline"},
    "sehari_setelah_tenggat": {"id": "1 hari lewat tenggat", "en": "1 day past deadline"},
    "hari_sebelum_tenggat": {"id": "{n} hari sebelum tenggat", "en": "{n} days before deadline"},
    "sehari_sebelum_tenggat": {"id": "1 hari sebelum tenggat", "en": "1 day before deadline"},
    "tepat_tenggat": {"id": "tepat di tenggat", "en": "on the deadline"},
    "poin": {"id": "poin", "en": "pts"},
    "vs_rencana": {"id": "rencana {x}", "en": "plan {x}"},
    "warnai_menurut": {"id": "Warna peta", "en": "Map colour"},
    "warna_status": {"id": "Status", "en": "Status"},
    "warna_capaian": {"id": "Capaian", "en": "Completion"},
    "peta_judul_nasional": {"id": "Peta provinsi: {nama}", "en": "Province map: {nama}"},
    "peta_judul_provinsi": {"id": "Peta kabupaten/kota: {nama}", "en": "Regency map: {nama}"},
    "peta_judul_kabupaten": {"id": "Peta kecamatan: {nama}", "en": "District map: {nama}"},
    "peta_judul_kecamatan": {"id": "Peta desa: Kecamatan {nama}", "en": "Village map: {nama} district"},
    "kirim_buka_dasbor": {"id": "Buka di dasbor: {alamat}", "en": "Open in the dashboard: {alamat}"},
    "kolom_tersembunyi": {
        "id": "{n} kolom lain tidak muat di layar ini; semuanya ada di unduhan.",
        "en": "{n} more columns do not fit this screen; the downloads hold them all.",
    },
    "klik_peta_ponsel": {"id": "Ketuk sebuah {tingkat} di peta untuk membukanya.", "en": "Tap a {tingkat} on the map to open it."},
    "klik_peta": {
        "id": "Klik sebuah {tingkat} di peta (atau pilih di panel kiri) untuk membukanya.",
        "en": "Click a {tingkat} on the map (or choose in the left panel) to open it.",
    },
    "provinsi": {"id": "Provinsi", "en": "Province"},
    "pilih_kabupaten_dulu": {
        "id": "Halaman ini bekerja per kabupaten/kota: pilih satu di panel kiri.",
        "en": "This page works one regency/city at a time: choose one in the left panel.",
    },
    "nasional": {"id": "Nasional", "en": "National"},
    "seluruh_indonesia": {"id": "Seluruh Indonesia", "en": "All of Indonesia"},
    "semua_kabkota": {"id": "Semua kabupaten/kota", "en": "All regencies/cities"},
    "kembali": {"id": "← Kembali ke {nama}", "en": "← Back to {nama}"},
    "tanpa_batas": {
        "id": "Batas wilayah untuk tingkat ini belum diimpor; peta tidak dapat digambar.",
        "en": "No boundaries imported for this level; the map cannot be drawn.",
    },
    "grafik_kumulatif": {"id": "Perkembangan capaian: {nama}", "en": "Progress over time: {nama}"},
    "realisasi": {"id": "Realisasi", "en": "Actual"},
    "hari_ini": {"id": "per {tanggal}", "en": "as of {tanggal}"},
    "status_lewat": {"id": "Lewat tenggat", "en": "Past deadline"},
    "status_kritis": {"id": "Kritis", "en": "Critical"},
    "status_berisiko": {"id": "Berisiko", "en": "At risk"},
    "status_tuntas": {"id": "Tuntas", "en": "Done"},
    "status_tertinggal": {"id": "Tertinggal", "en": "Behind"},
    "status_sesuai": {"id": "Sesuai jadwal", "en": "On track"},
    "status_depan": {"id": "Di depan", "en": "Ahead"},
    "status_tanpa": {"id": "Tanpa sasaran", "en": "No target"},
    "legenda_status": {"id": "Status", "en": "Status"},
    "legenda_status_parah": {"id": "Status<br>(pucat: telat ≤{n} hr)", "en": "Status<br>(pale: ≤{n} d late)"},
    "kunci_label": {"id": "Nomor di peta: ", "en": "Numbers on the map: "},
    "tampilkan_nama": {"id": "Nama wilayah", "en": "Area names"},
    "legenda_capaian": {"id": "Capaian (%)", "en": "Completion (%)"},
    "petugas": {"id": "Petugas", "en": "Officers"},
    "petugas_judul": {"id": "Petugas: {nama}", "en": "Officers: {nama}"},
    "nama_tampil": {"id": "nama dan nomor HP petugas ditampilkan (data pribadi)", "en": "officer names and phones shown (personal data)"},
    "nama_sembunyi": {
        "id": "petugas ditampilkan dengan ID (nama dan nomor HP tidak diizinkan untuk tampilan ini)",
        "en": "officers shown by ID (names and phones are not allowed in this view)",
    },
    "kembali_peta": {"id": "Kembali ke peta", "en": "Back to the map"},
    "lihat_petugas": {"id": "Lihat petugas kecamatan ini", "en": "See this district's officers"},
    "bendera_penjelasan_judul": {"id": "Arti bendera dan ambangnya", "en": "What the flags mean"},
    "bendera_tidak_aktif": {"id": "Tidak aktif", "en": "Inactive"},
    "bendera_terlalu_cepat": {"id": "Terlalu cepat", "en": "Too fast"},
    "bendera_terlalu_singkat": {"id": "Terlalu singkat", "en": "Too short"},
    "bendera_lewat_beban_tanpa_baru": {"id": "Lewat beban", "en": "Over workload"},
    "bendera_tunggakan_pml": {"id": "Tunggakan PML", "en": "PML backlog"},
    "aturan_tidak_aktif": {
        "id": "tidak ada kiriman selama {n} hari pendataan atau lebih, padahal beban belum selesai.",
        "en": "no submission for {n} or more campaign days while work is left.",
    },
    "aturan_terlalu_cepat": {
        "id": "pada hari kerja biasa (median) mencacah ≥ {f} kali median PPL lain di kecamatan yang sama, dan ≥ {m} keluarga.",
        "en": "on a typical (median) working day enumerates ≥ {f} times the median PPL of the same district, and ≥ {m} families.",
    },
    "aturan_terlalu_singkat": {
        "id": "median lama wawancara di bawah {m} menit (dari ≥ {n} wawancara; koreksi tidak dihitung).",
        "en": "median interview below {m} minutes (over ≥ {n} interviews; corrections left out).",
    },
    "aturan_lewat_beban": {
        "id": "keluarga selesai melebihi beban prelist, tetapi tidak satu pun tercatat sebagai keluarga baru.",
        "en": "more families done than the prelist workload, yet none recorded as new.",
    },
    "aturan_tunggakan": {
        "id": "kiriman yang sudah {n} hari belum diperiksa PML mencapai ≥ {p}% (dan ≥ {m} kiriman) dari kiriman tim seumur itu.",
        "en": "submissions still unchecked {n} days after arrival are ≥ {p}% (and ≥ {m}) of the team's submissions that old.",
    },
    "aturan_catatan": {
        "id": "Ambang ditetapkan pengelola sistem, sama di setiap halaman, laporan, dan peringatan.",
        "en": "Thresholds are set by the system administrator, the same on every page, report and alert.",
    },
    "tab_ppl": {"id": "PPL", "en": "PPL"},
    "tab_pml": {"id": "Tim PML", "en": "PML teams"},
    "tab_koseka": {"id": "Koseka", "en": "Koseka"},
    "tab_grafik": {"id": "Grafik", "en": "Charts"},
    "tab_detail": {"id": "Detail petugas", "en": "Officer detail"},
    "jumlah_ppl": {"id": "Jumlah PPL", "en": "PPL"},
    "no_hp": {"id": "No. HP", "en": "Phone"},
    "tim_pml": {"id": "Tim (PML)", "en": "Team (PML)"},
    "beban_kerja": {"id": "Beban (keluarga)", "en": "Workload (families)"},
    "hari_aktif": {"id": "Hari aktif", "en": "Active days"},
    "hari_aktif_rata": {"id": "Hari aktif (rata-rata PPL)", "en": "Active days (PPL average)"},
    "per_hari_aktif": {"id": "Keluarga per hari aktif", "en": "Families per active day"},
    "hari_sejak_kirim": {"id": "Hari sejak kiriman terakhir", "en": "Days since last submission"},
    "menit_median": {"id": "Median menit wawancara", "en": "Median interview minutes"},
    "kekurangan_laju": {"id": "Kurang dari laju perlu (kel/hari)", "en": "Short of required pace (fam/day)"},
    "belum_periksa": {"id": "Belum diperiksa", "en": "Not checked"},
    "tanpa_tanggal_periksa": {
        "id": "Data tidak memuat tanggal_periksa, jadi tunggakan pemeriksaan PML tidak diketahui (bukan nol, bukan semua).",
        "en": "The data has no tanggal_periksa, so the PML check backlog is unknown (not zero, not everything).",
    },
    "porsi_belum": {"id": "Belum diperiksa (%)", "en": "Not checked (%)"},
    "bendera": {"id": "Bendera", "en": "Flags"},
    "papan_teratas": {"id": "Capaian tertinggi", "en": "Leaderboard"},
    "paling_kurang": {"id": "Paling jauh dari laju perlu", "en": "Furthest behind the required pace"},
    "paling_kurang_lewat": {"id": "Sisa keluarga terbanyak", "en": "Most families left"},
    "sisa_keluarga": {"id": "Sisa keluarga", "en": "Families left"},
    "tanpa_bendera": {"id": "Tidak ada bendera sampai tanggal ini.", "en": "No flags up to this date."},
    "pilih_tim": {"id": "Tim PML", "en": "PML team"},
    "pilih_petugas": {"id": "PPL", "en": "PPL"},
    "sls_petugas": {"id": "SLS dan kemajuannya", "en": "SLS and their progress"},
    "bendera_dari_hari_ke_hari": {"id": "Bendera dari hari ke hari", "en": "Flags day by day"},
    "laju_perlu_median": {"id": "laju perlu (median) {x}", "en": "required pace (median) {x}"},
    "sejak_kemarin": {"id": "Sejak kemarin", "en": "Since yesterday"},
    "sejak_minggu_lalu": {"id": "Sejak 7 hari lalu", "en": "Since 7 days ago"},
    "warna_naik_1hari": {"id": "Naik sejak kemarin", "en": "Gain since yesterday"},
    "warna_naik_7hari": {"id": "Naik 7 hari", "en": "Gain over 7 days"},
    "warna_proyeksi": {"id": "Proyeksi selesai", "en": "Projected finish"},
    "legenda_naik_1hari": {"id": "Naik (poin/hari)", "en": "Gain (pts/day)"},
    "legenda_naik_7hari": {"id": "Naik (poin/7 hari)", "en": "Gain (pts/7 days)"},
    "legenda_proyeksi": {"id": "Proyeksi selesai", "en": "Projected finish"},
    "proy_tercapai": {"id": "Tercapai", "en": "Reached"},
    "proy_tepat": {"id": "Sebelum tenggat", "en": "Before deadline"},
    "proy_telat_pendek": {"id": "Telat ≤7 hari", "en": "≤7 days late"},
    "proy_telat_panjang": {"id": "Telat >7 hari", "en": ">7 days late"},
    "proy_tanpa": {"id": "Tanpa laju", "en": "No pace"},
    "putar": {"id": "Putar", "en": "Play"},
    "keluarga_per_hari": {"id": "Keluarga per hari", "en": "Families per day"},
    "rata_7hari": {"id": "Rata-rata 7 hari", "en": "7-day average"},
    "poin_per_hari": {"id": "poin/hari", "en": "pts/day"},
    "hasil_1": {"id": "Lengkap", "en": "Complete"},
    "hasil_2": {"id": "Tidak lengkap", "en": "Incomplete"},
    "hasil_3": {"id": "Tidak ada responden", "en": "No respondent"},
    "hasil_4": {"id": "Menolak", "en": "Refused"},
    "hasil_5": {"id": "Pindah/bangunan tidak ada", "en": "Moved/building gone"},
    "peringkat": {"id": "Peringkat", "en": "Rankings"},
    "perkembangan": {"id": "Perkembangan", "en": "Progress"},
    "cakupan": {"id": "Cakupan", "en": "Coverage"},
    "jadwal": {"id": "Jadwal & rencana", "en": "Schedule & plan"},
    "peringkat_judul": {"id": "Peringkat wilayah: {nama}", "en": "Area rankings: {nama}"},
    "peringkat_petunjuk": {"id": "urut status (terburuk dulu), lalu selisih", "en": "by status (worst first), then gap"},
    "tingkat": {"id": "Tingkat", "en": "Level"},
    "saring_status": {"id": "Status", "en": "Status"},
    "status": {"id": "Status", "en": "Status"},
    "wilayah": {"id": "Wilayah", "en": "Area"},
    "kode": {"id": "Kode", "en": "Code"},
    "hari_terlambat": {"id": "Hari lewat tenggat (proyeksi)", "en": "Days past deadline (projected)"},
    "hari_lewat": {"id": "Hari lewat tenggat (sejauh ini)", "en": "Days past deadline (so far)"},
    "tren_14hari": {"id": "Tren capaian 14 hari", "en": "14-day trend"},
    "unduh_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "unduh_excel": {"id": "Unduh Excel", "en": "Download Excel"},
    "perkembangan_judul": {"id": "Perkembangan: {nama}", "en": "Progress: {nama}"},
    "tab_animasi": {"id": "Peta bergerak", "en": "Animated map"},
    "tab_kurva": {"id": "Kurva per wilayah", "en": "Curves by area"},
    "tab_harian": {"id": "Keluarga per hari", "en": "Families per day"},
    "tab_panas": {"id": "Peta panas harian", "en": "Daily heatmap"},
    "cakupan_judul": {"id": "Cakupan: {nama}", "en": "Coverage: {nama}"},
    "cakupan_petunjuk": {"id": "hasil terkini tiap keluarga per akhir hari ini", "en": "each family's latest result as of this day"},
    "lewat_100": {"id": "{n} wilayah melewati 100% karena keluarga baru: {nama}.", "en": "{n} areas are above 100% because of new families: {nama}."},
    "laporan_catatan": {
        "id": "Laporan lapangan adalah rekap harian dari laporan kertas; ditampilkan berdampingan, tidak dijumlahkan dengan rekaman keluarga.",
        "en": "Field reports are daily tallies from paper forms; shown side by side, never added to the family records.",
    },
    "sebaran_hasil": {"id": "Sebaran hasil pencacahan", "en": "Results by code"},
    "ck_judul_daftar": {"id": "Yang belum terjangkau", "en": "What has not been reached"},
    "ck_belum_mulai": {"id": "Belum dimulai", "en": "Not started"},
    "ck_macet": {"id": "Macet", "en": "Stalled"},
    "ck_ulang": {"id": "Kunjungan ulang", "en": "Revisits"},
    "ck_terlalu_tinggi": {"id": "Terlalu tinggi", "en": "Too high"},
    "ck_hasil": {"id": "Hasil per wilayah", "en": "Results by area"},
    "ck_tampilkan": {"id": "Tampilkan", "en": "Show"},
    "ck_def_belum_mulai": {
        "id": "SLS atau sub-SLS yang punya sasaran tetapi belum satu keluarga pun terkirim sampai akhir hari ini. *Keluarga menunggu* = sasarannya.",
        "en": "SLS or sub-SLS with a target and not one family sent by the end of this day. *Families waiting* = its target.",
    },
    "ck_def_macet": {
        "id": (
            "SLS yang sudah dimulai, masih di bawah sasaran, dan tanpa keluarga baru terkirim selama {n} hari kampanye terakhir "
            "(hari sesudah tenggat wilayahnya tidak dihitung). *Keluarga PPL {n} hari terakhir* = keluarga yang PPL itu kirim di mana pun "
            "pada hari-hari itu: PPL yang sibuk di SLS lain berbeda masalahnya dengan PPL yang berhenti."
        ),
        "en": (
            "SLS already started, still below target, with no new family sent in the last {n} campaign days (days after the area's deadline "
            "do not count). *PPL's families, last {n} days* = families that PPL sent anywhere on those days: a PPL busy in another SLS is a "
            "different problem from a PPL who stopped."
        ),
    },
    "ck_def_ulang": {
        "id": (
            "Keluarga yang hasil terkininya (kiriman terakhir sampai hari ini) 2 *tidak lengkap* atau 3 *tidak ada responden*, per SLS dan "
            "PPL yang mencatatnya. Jumlahnya turun saat kiriman berikutnya menjadikannya lengkap."
        ),
        "en": (
            "Families whose latest result (their last submission up to this day) is 2 *incomplete* or 3 *no respondent*, per SLS and the PPL "
            "who recorded them. The count falls as later submissions make them complete."
        ),
    },
    "ck_def_tinggi": {
        "id": (
            "SLS yang keluarga selesainya lebih dari {tinggi}% sasaran, atau keluarga barunya lebih dari {baru}% sasaran: calon pencacahan "
            "ganda atau batas wilayah yang tertukar. Alasan untuk memeriksa, bukan vonis."
        ),
        "en": (
            "SLS whose families done exceed {tinggi}% of the target, or whose new families exceed {baru}% of it: candidates for double "
            "counting or boundary confusion. A reason to check, never a verdict."
        ),
    },
    "ck_def_ambang": {
        "id": "Ambang ditetapkan pengelola sistem, sama di setiap halaman, laporan, dan peringatan.",
        "en": "Thresholds are set by the system administrator, the same on every page, report and alert.",
    },
    "ck_n_belum_mulai": {"id": "SLS belum dimulai", "en": "SLS not started"},
    "ck_n_macet": {"id": "SLS macet", "en": "SLS stalled"},
    "ck_n_ulang": {"id": "Kunjungan ulang", "en": "To revisit"},
    "ck_n_terlalu_tinggi": {"id": "SLS terlalu tinggi", "en": "SLS too high"},
    "ck_dari_sls": {"id": "dari {n} SLS", "en": "of {n} SLS"},
    "ck_di_sls": {"id": "keluarga, di {n} SLS", "en": "families, in {n} SLS"},
    "ck_menunggu": {"id": "Keluarga menunggu", "en": "Families waiting"},
    "ck_terakhir": {"id": "Keluarga baru terakhir", "en": "Last new family"},
    "ck_hari_diam": {"id": "Hari tanpa keluarga baru", "en": "Days without a new family"},
    "ck_ppl_jendela": {"id": "Keluarga PPL {n} hari terakhir", "en": "PPL's families, last {n} days"},
    "ck_ppl_terakhir": {"id": "PPL terakhir mengirim", "en": "PPL last sent"},
    "ck_keadaan_ppl": {"id": "Keadaan PPL", "en": "PPL"},
    "ck_ppl_sibuk": {"id": "sibuk di SLS lain", "en": "busy elsewhere"},
    "ck_ppl_berhenti": {"id": "berhenti mengirim", "en": "stopped sending"},
    "ck_ulang_total": {"id": "Perlu dikunjungi ulang", "en": "To revisit"},
    "ck_persen_baru": {"id": "Keluarga baru (% sasaran)", "en": "New families (% of target)"},
    "ck_alasan": {"id": "Alasan", "en": "Reason"},
    "ck_alasan_capaian": {"id": "capaian > {x}%", "en": "capaian > {x}%"},
    "ck_alasan_baru": {"id": "keluarga baru > {x}%", "en": "new families > {x}%"},
    "ck_jumlah_sls": {"id": "SLS", "en": "SLS"},
    "ck_persen_mulai": {"id": "SLS dimulai (%)", "en": "SLS started (%)"},
    "ck_sls_ulang": {"id": "SLS dengan kunjungan ulang", "en": "SLS with revisits"},
    "ck_per_wilayah": {"id": "Jumlah per {tingkat}", "en": "Counts by {tingkat}"},
    "ck_pilih_kabupaten": {
        "id": "Pilih kabupaten/kota di bilah samping untuk daftar SLS; di sini jumlahnya per wilayah.",
        "en": "Choose a regency/city in the sidebar for the SLS lists; here are the counts per area.",
    },
    "ck_tanpa_petugas": {
        "id": "Peran Anda melihat jumlah per wilayah, tanpa daftar SLS dan petugas.",
        "en": "Your role sees counts per area, without SLS lists or officers.",
    },
    "ck_kosong": {"id": "Tidak ada SLS dalam daftar ini per hari ini.", "en": "No SLS in this list as of this day."},
    "ck_peta_mulai": {"id": "Desa menurut SLS yang sudah dimulai", "en": "Villages by share of SLS started"},
    "legenda_mulai": {"id": "SLS dimulai", "en": "SLS started"},
    "ck_hover": {"id": "{mulai} dari {jumlah} SLS dimulai ({persen})", "en": "{mulai} of {jumlah} SLS started ({persen})"},
    "ck_hover_belum": {"id": "{n} SLS belum dimulai, {k} keluarga menunggu", "en": "{n} SLS not started, {k} families waiting"},
    "ck_lihat": {"id": "Daftar cakupan", "en": "Coverage lists"},
    "ck_kepala": {
        "id": "**Cakupan:** {belum} SLS belum dimulai · {macet} macet · {ulang} keluarga perlu dikunjungi ulang · {tinggi} SLS terlalu tinggi",
        "en": "**Coverage:** {belum} SLS not started · {macet} stalled · {ulang} families to revisit · {tinggi} SLS too high",
    },
    "ck_laporan": {
        "id": "{belum} SLS belum dimulai, {macet} macet, {ulang} keluarga perlu dikunjungi ulang, {tinggi} SLS terlalu tinggi",
        "en": "{belum} SLS not started, {macet} stalled, {ulang} families to revisit, {tinggi} SLS too high",
    },
    "langganan": {"id": "Langganan", "en": "Subscriptions"},
    "langganan_petunjuk": {
        "id": "Siapa menerima laporan harian (PNG dan PDF) dan peringatan untuk wilayahnya sendiri, lewat e-mail atau webhook. Pesan dikirim oleh "
        "`python manage.py kirim` yang dijalankan cron atau systemd timer; pengguna aplikasi memakai peran dan wilayah akunnya.",
        "en": "Who receives the daily report (PNG and PDF) and alerts for their own areas, by e-mail or webhook. Messages are sent by "
        "`python manage.py kirim` run from cron or a systemd timer; an app user gets their account's role and areas.",
    },
    "penerima": {"id": "Penerima", "en": "Recipient"},
    "saluran": {"id": "Saluran", "en": "Channel"},
    "alamat": {"id": "Alamat", "en": "Address"},
    "isi_pesan": {"id": "Isi", "en": "Content"},
    "isi_laporan": {"id": "Laporan harian", "en": "Daily report"},
    "isi_peringatan": {"id": "Peringatan", "en": "Alerts"},
    "isi_keduanya": {"id": "Laporan dan peringatan", "en": "Report and alerts"},
    "jam": {"id": "Jam kirim", "en": "Send at"},
    "pengguna_aplikasi": {"id": "Pengguna aplikasi", "en": "App user"},
    "tanpa_akun": {"id": "(tanpa akun: peran dan wilayah di bawah)", "en": "(no account: role and areas below)"},
    "tambah_langganan": {"id": "Tambah penerima", "en": "Add recipient"},
    "ubah_langganan": {"id": "Ubah penerima", "en": "Change recipient"},
    "nonaktifkan": {"id": "Nonaktifkan", "en": "Turn off"},
    "aktifkan": {"id": "Aktifkan", "en": "Turn on"},
    "hapus_langganan": {"id": "Hapus penerima", "en": "Delete recipient"},
    "langganan_tersimpan": {"id": "Langganan disimpan.", "en": "Subscription saved."},
    "langganan_dihapus": {"id": "Langganan dihapus.", "en": "Subscription deleted."},
    "log_kiriman": {"id": "Log kiriman", "en": "Send log"},
    "log_kiriman_petunjuk": {
        "id": "Setiap kiriman: berhasil, atau galatnya setelah dicoba ulang. Kata sandi dan token tidak pernah dicatat.",
        "en": "Every send: delivered, or its error after the retries. Passwords and tokens are never logged.",
    },
    "jenis_pesan": {"id": "Jenis", "en": "Kind"},
    "subjek": {"id": "Subjek", "en": "Subject"},
    "hasil_kirim": {"id": "Hasil", "en": "Result"},
    "percobaan": {"id": "Percobaan", "en": "Attempts"},
    "galat": {"id": "Galat", "en": "Error"},
    "kirim_ok": {"id": "terkirim", "en": "delivered"},
    "kirim_gagal": {"id": "gagal", "en": "failed"},
    "kirim_subjek_laporan": {"id": "Pantau Regsosek: {nama}, keadaan {tanggal}", "en": "Pantau Regsosek: {nama}, as of {tanggal}"},
    "kirim_pembuka_laporan": {
        "id": "Laporan harian per akhir {tanggal} (PNG dan PDF terlampir).",
        "en": "Daily report as of the end of {tanggal} (PNG and PDF attached).",
    },
    "kirim_subjek_peringatan_1": {"id": "Pantau Regsosek: 1 peringatan baru, data {tanggal}", "en": "Pantau Regsosek: 1 new alert, data of {tanggal}"},
    "kirim_subjek_peringatan": {"id": "Pantau Regsosek: {n} peringatan baru, data {tanggal}", "en": "Pantau Regsosek: {n} new alerts, data of {tanggal}"},
    "kirim_pembuka_peringatan": {"id": "Yang perlu tindakan, menurut data per akhir {tanggal}:", "en": "What needs action, by the data as of the end of {tanggal}:"},
    "kirim_penutup": {
        "id": "Pesan otomatis Pantau Regsosek untuk wilayah Anda. Rincian ada di dasbor.",
        "en": "An automatic message from Pantau Regsosek for your areas. Details are on the dashboard.",
    },
    "kirim_status": {"id": "{nama}: {status} (capaian {capaian}, rencana {rencana})", "en": "{nama}: {status} (done {capaian}, plan {rencana})"},
    "kirim_ppl": {
        "id": "PPL {ppl} ({kec}) tidak mengirim data {hari} hari; {sisa} keluarga tersisa",
        "en": "PPL {ppl} ({kec}) has sent nothing for {hari} days; {sisa} families left",
    },
    "kirim_ppl_kec": {"id": "{kec}: {n} PPL tidak aktif", "en": "{kec}: {n} PPL inactive"},
    "kirim_kualitas": {"id": "PPL {ppl} ({kec}) perlu diperiksa ke lapangan: {cek}", "en": "PPL {ppl} ({kec}) needs a field check: {cek}"},
    "kirim_kualitas_kec": {"id": "{kec}: {n} PPL berbendera kualitas lapangan", "en": "{kec}: {n} PPL with field-quality flags"},
    "kirim_basi": {
        "id": "Tidak ada impor data selama {jam} jam (terakhir {waktu}); angka di dasbor belum diperbarui",
        "en": "No data imported for {jam} hours (last {waktu}); the dashboard's figures are not up to date",
    },
    "selesai_rekaman": {"id": "Selesai (rekaman)", "en": "Done (records)"},
    "keluarga_baru": {"id": "Keluarga baru", "en": "New families"},
    "laporan_selesai": {"id": "Laporan lapangan", "en": "Field reports"},
    "selisih_laporan": {"id": "Laporan − rekaman", "en": "Reports − records"},
    "jadwal_judul": {"id": "Jadwal dan rencana", "en": "Schedule and plan"},
    "jadwal_petunjuk": {
        "id": "Semua angka rencana, selisih dan status mengikuti jadwal yang berlaku: perpanjangan wilayah sendiri, lalu induknya, lalu jadwal umum.",
        "en": "Every plan value, gap and status follows the schedule in force: the area's own extension, else its parent's, else the general one.",
    },
    "jadwal_umum": {"id": "Jadwal umum", "en": "General schedule"},
    "hari": {"id": "hari", "en": "days"},
    "rencana_linear": {"id": "linear (hari ke-k dari N)", "en": "linear (day k of N)"},
    "rencana_tabel": {"id": "tabel rencana, {n} titik", "en": "plan table, {n} points"},
    "mulai": {"id": "Mulai", "en": "Start"},
    "selesai_jadwal": {"id": "Selesai", "en": "End"},
    "simpan": {"id": "Simpan", "en": "Save"},
    "perpanjangan": {"id": "Perpanjangan", "en": "Extensions"},
    "diperpanjang_sampai": {"id": "Diperpanjang sampai", "en": "Extended to"},
    "simpan_perpanjangan": {"id": "Simpan perpanjangan", "en": "Save extension"},
    "hapus_perpanjangan": {"id": "Hapus perpanjangan", "en": "Remove extension"},
    "kurva_rencana": {"id": "Kurva rencana", "en": "Plan curve"},
    "jenis_rencana": {"id": "Jenis rencana", "en": "Plan type"},
    "rencana_linear_opsi": {"id": "Linear", "en": "Linear"},
    "rencana_harian_opsi": {"id": "Persen per hari", "en": "Percent per day"},
    "rencana_tonggak_opsi": {"id": "Tonggak per tanggal", "en": "Milestones by date"},
    "rencana_operasi_opsi": {"id": "Dari operasi ini", "en": "Learned from this operation"},
    "rencana_profil_opsi": {"id": "Profil kampanye lalu", "en": "Previous campaign's profile"},
    "operasi_penjelasan": {
        "id": "Bentuk penyelesaian desa yang sudah mencapai sasaran ({n} desa; perlu sedikitnya 5), direntangkan ke jadwal ini.",
        "en": "The shape of completion of the desa that reached their target ({n} desa; at least 5 needed), stretched over this schedule.",
    },
    "profil_penjelasan": {
        "id": "Berkas CSV/XLSX dengan kolom hari_ke dan persen_kumulatif dari kampanye sebelumnya; direntangkan ke jadwal ini.",
        "en": "A CSV/XLSX file with columns hari_ke and persen_kumulatif from a previous campaign; stretched over this schedule.",
    },
    "profil_berkas": {"id": "Berkas profil", "en": "Profile file"},
    "profil_salah": {"id": "Profil tidak dapat dipakai: {alasan}", "en": "The profile cannot be used: {alasan}"},
    "pakai_linear": {"id": "Pakai rencana linear", "en": "Use the linear plan"},
    "persen_per_hari": {"id": "Persen per hari", "en": "Percent per day"},
    "harian_penjelasan": {"id": "{p}% per hari: 100% tercapai pada hari ke-{n:.0f}.", "en": "{p}% per day: 100% on day {n:.0f}."},
    "tanggal": {"id": "Tanggal", "en": "Date"},
    "persen_kumulatif": {"id": "Persen kumulatif", "en": "Cumulative percent"},
    "simpan_ditolak": {"id": "Tidak disimpan: {alasan}", "en": "Not saved: {alasan}"},
    "tersimpan": {"id": "Tersimpan. Semua angka kini memakai jadwal baru.", "en": "Saved. Every figure now uses the new schedule."},
    "impor": {"id": "Impor data", "en": "Import data"},
    "impor_judul": {"id": "Impor data lapangan dan batas wilayah", "en": "Import field data and boundaries"},
    "impor_terkunci": {
        "id": "Impor lewat aplikasi dimatikan untuk basis data ini. Aktifkan dengan PANTAU_IZINKAN_IMPOR=1 atau `[admin] impor = true` "
        "di .streamlit/secrets.toml, atau impor lewat baris perintah: `python manage.py impor FOLDER`.",
        "en": "Importing through the app is off for this database. Turn it on with PANTAU_IZINKAN_IMPOR=1 or `[admin] impor = true` "
        "in .streamlit/secrets.toml, or import from the command line: `python manage.py impor FOLDER`.",
    },
    "impor_tanpa_login": {
        "id": "Login belum diaktifkan: siapa pun yang membuka aplikasi ini dapat mengimpor data.",
        "en": "Logins are not enabled: anyone who opens this app can import data.",
    },
    "tab_tabel": {"id": "Tabel data", "en": "Data tables"},
    "tab_batas": {"id": "Batas wilayah", "en": "Boundaries"},
    "tab_riwayat": {"id": "Riwayat dan penolakan", "en": "History and rejects"},
    "unggah_tabel": {"id": "Berkas tabel (CSV atau XLSX)", "en": "Table file (CSV or XLSX)"},
    "unggah_tabel_bantuan": {
        "id": "Satu tabel per berkas, baris pertama berisi nama kolom. Pemisah ',' atau ';', UTF-8 atau Windows-1252; XLSX: lembar pertama.",
        "en": "One table per file with a header row. ',' or ';' separated, UTF-8 or Windows-1252; XLSX: the first sheet.",
    },
    "kontrak_kolom": {"id": "Kolom yang diterima per tabel", "en": "Columns accepted per table"},
    "wajib": {"id": "wajib", "en": "required"},
    "opsional": {"id": "opsional", "en": "optional"},
    "tabel_tujuan": {"id": "Tabel tujuan", "en": "Target table"},
    "cara_baca": {"id": "Cara berkas dibaca", "en": "How the file was read"},
    "baris_data": {"id": "{n} baris data", "en": "{n} data rows"},
    "pemetaan_kolom": {"id": "Kolom berkas untuk tiap kolom kontrak", "en": "File column for each contract column"},
    "tidak_ada_kolom": {"id": "— (tidak ada)", "en": "— (none)"},
    "pratinjau": {"id": "Pratinjau (belum disimpan)", "en": "Preview (not saved yet)"},
    "akan_dimuat": {"id": "Akan dimuat", "en": "Will load"},
    "dibaca": {"id": "Dibaca", "en": "Read"},
    "dimuat": {"id": "Dimuat", "en": "Loaded"},
    "duplikat": {"id": "Sudah tersimpan", "en": "Already stored"},
    "diganti": {"id": "Mengganti versi lama", "en": "Replacing older versions"},
    "dilampaui": {"id": "Kiriman ulang dilewati", "en": "Re-submissions superseded"},
    "kolom_diabaikan": {
        "id": "Kolom berkas yang tidak dipakai: {daftar}. Pilih kolomnya di atas bila isinya diperlukan.",
        "en": "File columns not used: {daftar}. Choose them above if their content is needed.",
    },
    "maksudnya": {"id": "maksudnya {kolom}?", "en": "meant {kolom}?"},
    "kiriman_ulang": {
        "id": "Dikirim ulang pada hari yang sama dengan isi berbeda: {n} keluarga · kiriman terakhir ({cara}) dihitung · "
        "baris lebih awal dilewati: {baris} · contoh (keluarga, hari: baris berkas): {contoh}",
        "en": "Re-submitted on the same day with different content: families {n} · the last submission ({cara}) counts · "
        "earlier rows skipped: {baris} · examples (family, day: file rows): {contoh}",
    },
    "menurut_waktu": {"id": "menurut kolom waktu", "en": "by the waktu column"},
    "menurut_urutan": {"id": "menurut urutan baris berkas", "en": "by file row order"},
    "menunggu_impor": {"id": "Menunggu impor lain selesai…", "en": "Waiting for another import to finish…"},
    "tarik_judul": {"id": "Tarik impor", "en": "Withdraw an import"},
    "tarik_bantuan": {
        "id": "Menarik impor menghapus semua barisnya dan memulihkan versi yang digantinya; semua angka dihitung ulang. "
        "Tidak dapat dibatalkan, tetapi berkasnya dapat diimpor lagi.",
        "en": "Withdrawing an import removes all its rows and restores the versions it replaced; every figure is recomputed. "
        "It cannot be undone, but the file can be imported again.",
    },
    "tarik_pilih": {"id": "Impor yang ditarik", "en": "Import to withdraw"},
    "tarik_yakin": {"id": "Saya yakin menarik impor ini", "en": "I am sure I want to withdraw this import"},
    "tarik_tombol": {"id": "Tarik impor", "en": "Withdraw import"},
    "tarik_selesai": {
        "id": "Impor #{id} ditarik: {dihapus} baris dihapus, {dipulihkan} versi sebelumnya dipulihkan.",
        "en": "Import #{id} withdrawn: {dihapus} rows removed, {dipulihkan} earlier versions restored.",
    },
    "ditarik": {"id": "Ditarik", "en": "Withdrawn"},
    "ditolak": {"id": "Ditolak", "en": "Rejected"},
    "contoh_terbaca": {"id": "Baris pertama sebagaimana akan disimpan", "en": "First rows as they will be stored"},
    "baris_ditolak": {"id": "Baris yang akan ditolak", "en": "Rows that will be rejected"},
    "simpan_impor": {"id": "Simpan ke basis data", "en": "Save to the database"},
    "impor_selesai": {
        "id": "{berkas}: {dimuat} baris dimuat ({diganti} mengganti versi lama), {duplikat} sudah tersimpan, {ditolak} ditolak (impor #{id}).",
        "en": "{berkas}: {dimuat} rows loaded ({diganti} replacing older versions), {duplikat} already stored, {ditolak} rejected (import #{id}).",
    },
    "unggah_batas": {"id": "Berkas batas (GeoJSON, GeoPackage, atau Shapefile dalam .zip)", "en": "Boundary file (GeoJSON, GeoPackage, or a zipped Shapefile)"},
    "otomatis": {"id": "otomatis", "en": "automatic"},
    "semua_kabupaten": {"id": "Semua kabupaten", "en": "All regencies"},
    "unggah_padanan": {"id": "Berkas padanan (opsional): kode_berkas atau nama_berkas, kode", "en": "Crosswalk file (optional): kode_berkas or nama_berkas, kode"},
    "skema_kode": {"id": "Skema kode: {skema}. Kolom kode: {kode}; kolom nama: {nama}.", "en": "Code scheme: {skema}. Code column: {kode}; name column: {nama}."},
    "cocok": {"id": "Cocok", "en": "Matched"},
    "tidak_cocok": {"id": "Tidak cocok", "en": "Unmatched"},
    "ambigu": {"id": "Ambigu", "en": "Ambiguous"},
    "master_tanpa_batas": {"id": "Wilayah tanpa batas", "en": "Areas without boundary"},
    "laporan_cocok": {"id": "Laporan pencocokan per fitur", "en": "Match report per feature"},
    "master_tanpa_batas_daftar": {"id": "Wilayah master yang belum mendapat batas", "en": "Master areas that got no boundary"},
    "simpan_batas": {"id": "Simpan {n} batas yang cocok", "en": "Save the {n} matched boundaries"},
    "batas_tersimpan": {"id": "{n} batas wilayah tersimpan.", "en": "{n} area boundaries saved."},
    "riwayat_impor": {"id": "Impor terakhir", "en": "Latest imports"},
    "penolakan_berlaku": {
        "id": "Baris yang ditolak (impor terakhir tiap berkas)",
        "en": "Rejected rows (latest import of each file)",
    },
    "tidak_ada_penolakan": {"id": "Tidak ada baris yang ditolak.", "en": "No rejected rows."},
    "belum_ada_impor": {"id": "Belum ada impor.", "en": "Nothing imported yet."},
    "berkas": {"id": "Berkas", "en": "File"},
    "baris": {"id": "Baris", "en": "Row"},
    "alasan": {"id": "Alasan", "en": "Reason"},
    "isi_baris": {"id": "Isi baris", "en": "Row content"},
    "waktu": {"id": "Waktu", "en": "Time"},
    "tabel": {"id": "Tabel", "en": "Table"},
    "catatan": {"id": "Catatan", "en": "Notes"},
    "cara": {"id": "Cara", "en": "Method"},
    "kode_berkas": {"id": "Kode di berkas", "en": "Code in file"},
    "nama_berkas": {"id": "Nama di berkas", "en": "Name in file"},
    "nama_master": {"id": "Nama di master", "en": "Name in master"},
    # sign-in, roles, users
    "masuk": {"id": "Masuk", "en": "Sign in"},
    "masuk_judul": {"id": "Masuk ke Pantau Regsosek", "en": "Sign in to Pantau Regsosek"},
    "nama_pengguna": {"id": "Nama pengguna", "en": "User name"},
    "kata_sandi": {"id": "Kata sandi", "en": "Password"},
    "masuk_petunjuk": {
        "id": "Akun dibuat oleh administrator BPS kabupaten. Lupa kata sandi? Hubungi administrator.",
        "en": "Accounts are created by the BPS regency administrator. Forgot your password? Ask the administrator.",
    },
    "masuk_gagal": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong user name or password."},
    "terlalu_sering": {
        "id": "Terlalu banyak percobaan yang gagal. Coba lagi dalam {menit} menit.",
        "en": "Too many failed attempts. Try again in {menit} minutes.",
    },
    "db_putus": {
        "id": "Basis data tidak dapat dihubungi; mencoba lagi. Jika berlanjut, beri tahu administrator.",
        "en": "The database cannot be reached; retrying. If this goes on, tell the administrator.",
    },
    "db_rusak": {
        "id": "Berkas basis data rusak: administrator perlu memulihkannya dari cadangan.",
        "en": "The database file is damaged: the administrator needs to restore it from a backup.",
    },
    "db_coba_lagi": {"id": "Halaman ini mencoba lagi sendiri setiap {detik} detik.", "en": "This page tries again by itself every {detik} seconds."},
    "sesi_habis": {"id": "Sesi Anda berakhir. Silakan masuk lagi.", "en": "Your session has expired. Please sign in again."},
    "sesi_dicabut": {
        "id": "Akun Anda diubah atau dinonaktifkan oleh administrator. Silakan masuk lagi.",
        "en": "Your account was changed or disabled by an administrator. Please sign in again.",
    },
    "login_mati": {
        "id": "Login nonaktif: semua yang membuka alamat ini melihat semua data. Aktifkan dengan menambah pengguna (`python manage.py pengguna tambah`).",
        "en": "Logins are off: anyone who opens this address sees all data. Turn them on by adding a user (`python manage.py pengguna tambah`).",
    },
    "masuk_sebagai": {"id": "Masuk sebagai **{nama}** ({peran}) · wilayah: {wilayah}", "en": "Signed in as **{nama}** ({peran}) · areas: {wilayah}"},
    "semua_wilayah": {"id": "semua", "en": "all"},
    "keluar": {"id": "Keluar", "en": "Sign out"},
    "peran_admin": {"id": "administrator", "en": "administrator"},
    "peran_pimpinan": {"id": "pimpinan", "en": "manager"},
    "peran_rapat": {"id": "rapat/publik", "en": "meeting/public"},
    "tanpa_wilayah_akses": {
        "id": "Akun Anda belum diberi wilayah yang ada di basis data ini. Hubungi administrator.",
        "en": "Your account has no area that exists in this database. Ask the administrator.",
    },
    "di_luar_akses": {"id": "Wilayah ini di luar wilayah akun Anda.", "en": "This area is outside your account's areas."},
    "pengguna": {"id": "Pengguna", "en": "Users"},
    "pengguna_judul": {"id": "Pengguna dan hak akses", "en": "Users and access"},
    "pengguna_petunjuk": {
        "id": "Administrator: impor, jadwal, pengguna. Pimpinan: semua data wilayahnya, termasuk nama petugas. "
        "Rapat/publik: angka agregat saja, tanpa nama atau nomor HP petugas.",
        "en": "Administrator: imports, schedule, users. Manager: all data of their areas, officer names included. "
        "Meeting/public: aggregate figures only, no officer names or phone numbers.",
    },
    "nama_lengkap": {"id": "Nama lengkap", "en": "Full name"},
    "peran": {"id": "Peran", "en": "Role"},
    "aktif": {"id": "Aktif", "en": "Active"},
    "tambah_pengguna": {"id": "Tambah pengguna", "en": "Add a user"},
    "ubah_pengguna": {"id": "Ubah pengguna", "en": "Change a user"},
    "sandi_baru": {"id": "Kata sandi baru (kosongkan bila tidak diganti)", "en": "New password (leave empty to keep)"},
    "pengguna_tersimpan": {"id": "Pengguna {nama} disimpan.", "en": "User {nama} saved."},
    "pengguna_dihapus": {"id": "Pengguna {nama} dihapus.", "en": "User {nama} deleted."},
    "hapus_pengguna": {"id": "Hapus pengguna", "en": "Delete user"},
    "pilih_wilayah": {"id": "Pilih kabupaten atau kecamatan", "en": "Choose regencies or districts"},
    "tidak_diri_sendiri": {
        "id": "Akun Anda sendiri tidak dapat dihapus, dinonaktifkan atau diturunkan perannya dari sini.",
        "en": "You cannot delete, disable or demote your own account here.",
    },
    "tidak_boleh": {"id": "Halaman ini hanya untuk administrator.", "en": "This page is for administrators only."},
    # meeting mode
    "mode_rapat": {"id": "Mode rapat", "en": "Meeting mode"},
    "rapat_tampilan": {"id": "Tampilan yang bergiliran", "en": "Views shown in turn"},
    "rapat_peta": {"id": "Peta", "en": "Map"},
    "rapat_peringkat": {"id": "Perlu perhatian", "en": "Needs attention"},
    "urut_status_selisih": {"id": "urut status (terburuk dulu), lalu selisih", "en": "by status (worst first), then gap"},
    "perhatian_kosong": {"id": "Tidak ada wilayah yang tertinggal atau berisiko.", "en": "No area is behind or at risk."},
    "rapat_petugas": {"id": "Petugas", "en": "Officers"},
    "rapat_bantuan": {"id": "Rencana bantuan", "en": "Help plan"},
    "rapat_bantuan_judul": {
        "id": "Rencana bantuan: {pulih} dari {telat} wilayah kembali tepat waktu · {sls} SLS, {kel} keluarga dipindahkan",
        "en": "Help plan: {pulih} of {telat} areas back on time · {sls} SLS, {kel} families moved",
    },
    "rapat_putar": {"id": "Ganti tampilan tiap … detik (0 = tidak berganti)", "en": "Change view every … seconds (0 = never)"},
    "rapat_segar": {"id": "Muat ulang data tiap … menit (0 = tidak)", "en": "Reload data every … minutes (0 = never)"},
    "rapat_petunjuk": {
        "id": "Tanpa panel samping, huruf besar, warna aman untuk buta warna dan proyektor pudar. Alamatnya dapat disimpan sebagai tautan.",
        "en": "No side panel, large type, colours safe for colour-blind viewers and faded projectors. The address can be saved as a link.",
    },
    "rapat_mulai": {"id": "Mulai mode rapat", "en": "Start meeting mode"},
    "rapat_keluar": {"id": "Keluar dari mode rapat", "en": "Leave meeting mode"},
    "data_per": {"id": "Data per akhir {tanggal}", "en": "Data as of the end of {tanggal}"},
    "dimuat_pada": {"id": "impor terakhir {waktu}", "en": "last import {waktu}"},
    "rapat_peta_judul": {"id": "Peta {tingkat}: status terhadap jadwal", "en": "{tingkat} map: status against the schedule"},
    "rapat_tertinggal_judul": {"id": "{tingkat} perlu perhatian", "en": "{tingkat} needing attention"},
    "batang_keterangan": {"id": "capaian (selisih) · urut status, lalu selisih", "en": "completion (gap) · by status, then gap"},
    "petugas_agregat_judul": {
        "id": "Petugas di kecamatan dengan capaian terendah (jumlah PPL)",
        "en": "Officers in the districts with the lowest completion (number of PPL)",
    },
    "petugas_tertinggal_judul": {"id": "PPL paling jauh dari laju perlu", "en": "PPL furthest below the required pace"},
    "petugas_tertinggal_judul_lewat": {"id": "PPL dengan sisa keluarga terbanyak", "en": "PPL with the most families left"},
    "aktif_hari_ini": {"id": "Mengirim hari ini", "en": "Submitted today"},
    # daily report and sharing
    "laporan_judul": {"id": "Laporan Harian Regsosek 2022 · {nama}", "en": "Regsosek 2022 Daily Report · {nama}"},
    "laporan_dibuat": {"id": "dibuat {waktu}", "en": "made {waktu}"},
    "laporan_peta": {"id": "Peta {tingkat}: status terhadap jadwal", "en": "{tingkat} map: status against the schedule"},
    "laporan_tertinggal": {"id": "{n} {tingkat} perlu perhatian (urut status, lalu selisih)", "en": "{n} {tingkat} needing attention (by status, then gap)"},
    "tunggal_provinsi": {"id": "provinsi", "en": "province"},
    "tunggal_kabupaten": {"id": "kabupaten/kota", "en": "regency/city"},
    "tunggal_kecamatan": {"id": "kecamatan", "en": "district (kecamatan)"},
    "tunggal_desa": {"id": "desa/kelurahan", "en": "village (desa)"},
    "jamak_provinsi": {"id": "provinsi", "en": "provinces"},
    "jamak_kabupaten": {"id": "kabupaten/kota", "en": "regencies"},
    "jamak_kecamatan": {"id": "kecamatan", "en": "districts (kecamatan)"},
    "jamak_desa": {"id": "desa/kelurahan", "en": "villages (desa)"},
    "laporan_kaki": {
        "id": "Pantau Regsosek · capaian = keluarga selesai / sasaran prelist; rencana linear menurut hari jadwal; selisih dalam poin persen.",
        "en": "Pantau Regsosek · completion = families done / prelist target; plan linear over the schedule days; gap in percentage points.",
    },
    "bagikan": {"id": "Bagikan", "en": "Share"},
    "unduh_peta_png": {"id": "Gambar peta (PNG)", "en": "Map picture (PNG)"},
    "unggah_tombol": {"id": "Pilih berkas", "en": "Upload"},
    "unggah_batas_ukuran": {"id": "Maks. {mb} MB per berkas · {jenis}", "en": "Up to {mb} MB per file · {jenis}"},
    "unduh_laporan_png": {"id": "Laporan harian (PNG)", "en": "Daily report (PNG)"},
    "unduh_laporan_pdf": {"id": "Laporan harian (PDF)", "en": "Daily report (PDF)"},
    "bagikan_petunjuk": {
        "id": "Gambar dibuat saat tombol diklik (beberapa detik), siap dikirim ke grup WhatsApp.",
        "en": "Pictures are made when you click (a few seconds), ready to send to a WhatsApp group.",
    },
    # field quality (paradata)
    "kualitas": {"id": "Kualitas lapangan", "en": "Field quality"},
    "kualitas_judul": {"id": "Kualitas lapangan: {nama}", "en": "Field quality: {nama}"},
    "kualitas_pengantar": {
        "id": "Pemeriksaan dari waktu dan titik GPS wawancara serta kode hasil. Bendera adalah alasan untuk memeriksa ke lapangan, bukan vonis.",
        "en": "Checks from interview times, GPS points and result codes. A flag is a reason to check in the field, never a verdict.",
    },
    "kualitas_rentang": {"id": "Tanggal kiriman", "en": "Submission dates"},
    "kualitas_zona": {"id": "Jam dalam waktu setempat ({zona}).", "en": "Times in local time ({zona})."},
    "kualitas_tanpa_paradata": {
        "id": (
            "Kiriman di wilayah dan tanggal ini belum memuat waktu wawancara atau titik GPS (kolom waktu_mulai, waktu_selesai, lintang, bujur). "
            "Pemeriksaan kode hasil dan menit bulat tetap jalan."
        ),
        "en": (
            "Submissions in this area and these dates carry no interview times or GPS points (columns waktu_mulai, waktu_selesai, lintang, bujur). The "
            "result-code and round-minute checks still run."
        ),
    },
    "kualitas_arti": {"id": "Arti setiap pemeriksaan dan ambangnya", "en": "What each check means, and its thresholds"},
    "cek_tumpang": {"id": "Wawancara bertumpuk waktu", "en": "Overlapping interviews"},
    "cek_malam": {"id": "Wawancara larut malam", "en": "Night interviews"},
    "cek_luar_desa": {"id": "Titik di luar desa", "en": "Points outside the desa"},
    "cek_menumpuk": {"id": "Banyak keluarga di satu titik", "en": "Many families at one spot"},
    "cek_hasil_3": {"id": 'Banyak "tidak ada responden"', "en": 'Many "no respondent"'},
    "cek_hasil_4": {"id": 'Banyak "menolak"', "en": 'Many "refused"'},
    "cek_hasil_5": {"id": 'Banyak "pindah"', "en": 'Many "moved"'},
    "cek_menit_bulat": {"id": "Menit wawancara bulat", "en": "Round interview minutes"},
    "arti_tumpang": {
        "id": (
            "Satu PPL tidak bisa mewawancarai dua keluarga sekaligus. Dihitung wawancara yang mulai sebelum wawancara lain PPL itu selesai (lebih dari "
            "{m} menit) pada hari kiriman yang sama; bendera bila ada {n} atau lebih."
        ),
        "en": (
            "One PPL cannot interview two families at once. Counted: interviews starting before another of the PPL's interviews ended (by more than {m} "
            "min) on the same submission day; flagged at {n} or more."
        ),
    },
    "arti_malam": {
        "id": (
            "Wawancara yang mulai pukul {dari}–{sampai} waktu setempat (WIB/WITA/WIT menurut provinsi). Bendera bila ada {n} atau lebih dan paling "
            "sedikit {p} dari wawancara PPL itu. Wawancara sore dan awal malam biasa terjadi dan tidak dihitung."
        ),
        "en": (
            "Interviews starting between {dari} and {sampai} local time (WIB/WITA/WIT by province). Flagged at {n} or more that are at least {p} of the "
            "PPL's interviews. Late-afternoon and early-evening interviews are normal and not counted."
        ),
    },
    "arti_luar_desa": {
        "id": (
            "Titik GPS wawancara yang jatuh di luar batas desa dari SLS-nya, lebih dari {m} m (GPS tablet bisa meleset puluhan meter). Bendera bila ada "
            "{n} atau lebih dan paling sedikit {p} dari titik PPL itu; jarak terjauh ikut ditampilkan."
        ),
        "en": (
            "Interview GPS points outside the desa boundary of their SLS by more than {m} m (tablet GPS can be off by tens of metres). Flagged at {n} or "
            "more that are at least {p} of the PPL's points; the farthest distance is shown."
        ),
    },
    "arti_menumpuk": {
        "id": (
            "Keluarga yang titiknya berjarak sekitar {m} m atau kurang dari paling sedikit {k} titik lain PPL yang sama pada hari yang sama, seperti "
            "formulir diisi dari satu tempat. Bendera bila ada {n} keluarga atau lebih. Satu rumah bisa berisi beberapa keluarga, jadi periksa dulu."
        ),
        "en": (
            "Families whose point lies within about {m} m of at least {k} other points of the same PPL on the same day, as if forms were filled in from "
            "one place. Flagged at {n} families or more. One house can hold several families, so check first."
        ),
    },
    "arti_hasil": {
        "id": (
            "Porsi keluarga PPL dengan hasil 3 (tidak ada responden), 4 (menolak) atau 5 (pindah) dibandingkan PPL lain di kecamatan yang sama. Bendera "
            "hanya bila porsinya {p} poin atau lebih di atas rekan dan peluang kebetulan setinggi itu di bawah {a} (uji binomial), sehingga 1 penolakan "
            "dari 20 keluarga tidak pernah berbendera."
        ),
        "en": (
            "The share of a PPL's families with result 3 (no respondent), 4 (refused) or 5 (moved) against the other PPL of the same kecamatan. Flagged "
            "only when the share is {p} points or more above the peers and the chance of so high a share is below {a} (binomial test), so 1 refusal in 20 "
            "families never flags."
        ),
    },
    "arti_menit_bulat": {
        "id": (
            "Menit wawancara yang diketik bulat (5, 10, 15, …) alih-alih diukur. Secara acak sekitar 1 dari 5 durasi jatuh pada kelipatan 5; bendera bila "
            "paling sedikit {p} dari {n} wawancara atau lebih, dengan peluang kebetulan di bawah {a}."
        ),
        "en": (
            "Interview minutes typed as round numbers (5, 10, 15, …) instead of measured. By chance about 1 in 5 durations is a multiple of 5; flagged "
            "when at least {p} of {n} or more interviews are, with a chance below {a}."
        ),
    },
    "arti_catatan": {
        "id": "Ambang ditetapkan pengelola sistem. Peta titik hanya untuk admin dan pimpinan; titik tidak membawa ID keluarga.",
        "en": "Thresholds are set by the system administrator. The point map is for admin and pimpinan only; points carry no family ID.",
    },
    "ppl_diperiksa": {"id": "PPL diperiksa", "en": "PPL checked"},
    "ppl_berbendera": {"id": "PPL berbendera", "en": "PPL flagged"},
    "kualitas_per_kecamatan": {"id": "PPL berbendera per kecamatan", "en": "PPL flagged per kecamatan"},
    "kualitas_rapat": {
        "id": "Peran rapat melihat jumlah per kecamatan saja, tanpa nama atau ID petugas.",
        "en": "The meeting role sees counts per kecamatan only, never officer names or IDs.",
    },
    "kualitas_daftar": {"id": "PPL berbendera", "en": "Flagged PPL"},
    "kualitas_tanpa_bendera": {"id": "Tidak ada PPL berbendera di wilayah dan tanggal ini.", "en": "No PPL is flagged in this area and these dates."},
    "kolom_bendera_kualitas": {"id": "Bendera", "en": "Flags"},
    "kolom_wawancara_berwaktu": {"id": "Wawancara berjam", "en": "Timed interviews"},
    "kolom_titik": {"id": "Titik GPS", "en": "GPS points"},
    "kolom_jarak_luar": {"id": "Jarak terjauh di luar desa (m)", "en": "Farthest outside desa (m)"},
    "kolom_porsi_bulat": {"id": "Menit bulat (%)", "en": "Round minutes (%)"},
    "kualitas_pilih_ppl": {"id": "Lihat titik dan rincian PPL", "en": "See a PPL's points and details"},
    "kualitas_ke_petugas": {"id": "Buka detail PPL ini di halaman Petugas", "en": "Open this PPL's detail on the Officers page"},
    "peta_titik_judul": {"id": "Titik wawancara di atas batas desa SLS-nya", "en": "Interview points over the desa boundaries of their SLS"},
    "titik_dalam": {"id": "di dalam desa", "en": "inside the desa"},
    "titik_luar": {"id": "di luar desa", "en": "outside the desa"},
    "titik_malam": {"id": "larut malam", "en": "at night"},
    "titik_malam_luar": {"id": "larut malam, di luar desa", "en": "at night, outside the desa"},
    "titik_tanpa": {"id": "PPL ini tidak punya titik GPS pada tanggal ini.", "en": "This PPL has no GPS points on these dates."},
    "titik_hover": {"id": "Mulai {waktu} · hasil {hasil}", "en": "Start {waktu} · result {hasil}"},
    "titik_hover_luar": {"id": "{m} m di luar desa", "en": "{m} m outside the desa"},
    "titik_tanpa_batas": {"id": "{n} titik tidak dapat diperiksa: desanya belum punya batas.", "en": "{n} points could not be checked: their desa has no boundary yet."},
}

LOKAL = {"id": "id_ID", "en": "en_US"}
LOKAL_TANGGAL = {
    "id": "id_ID",
    "en": "en_GB",
}  # day-month order for ranges, as tanggal() writes dates in both languages  # the CLDR locale behind each language: digits, separators, month names


@functools.lru_cache(maxsize=8)
def _tanda_angka(bahasa: str) -> dict[int, str]:
    """The language's decimal mark and group separator from CLDR, as a str.translate table for Python's 1,234.5, and
    the typographic minus (−, as in the gaps written with a sign), so a negative number looks the same everywhere."""
    lokal = LOKAL.get(bahasa, "id_ID")
    return str.maketrans({",": get_group_symbol(lokal), ".": get_decimal_symbol(lokal), "-": "−"})


def t(kunci: str, bahasa: str = "id", **isi: object) -> str:
    """The UI string for a key in the chosen language, with {placeholders} filled in."""
    teks = TEKS[kunci].get(bahasa) or TEKS[kunci]["id"]
    return teks.format(**isi) if isi else teks


def angka(x: float | None, desimal: int = 0, bahasa: str = "id") -> str:
    """1.234,5 in Indonesian, 1,234.5 in English; an en dash for a missing value."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:,.{desimal}f}".translate(_tanda_angka(bahasa))  # Babel's symbols, Python's speed: tables format thousands of cells


def persen(x: float | None, desimal: int = 1, bahasa: str = "id") -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{angka(x, desimal, bahasa)}%"


def poin(x: float | None, desimal: int = 1, bahasa: str = "id") -> str:
    """A signed gap in percentage points: +3,2 / −4,0."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    tanda = "+" if x > 0 else "−" if x < 0 else "±"
    return f"{tanda}{angka(abs(x), desimal, bahasa)}"


@functools.lru_cache(maxsize=4096)
def _tanggal_cldr(awal: date, akhir: date | None, pola: str, lokal: str) -> str:
    """babel's date (or, with akhir, interval) format, remembered: a map animation writes the same few dates
    hundreds of times."""
    return format_date(awal, pola, locale=lokal) if akhir is None else format_interval(awal, akhir, pola, locale=lokal)


def tanggal(d: date | None, bahasa: str = "id") -> str:
    """15 Okt 2022 / 15 Oct 2022 (CLDR month names)."""
    if d is None:
        return "–"
    return _tanggal_cldr(d, None, "d MMM y", LOKAL.get(bahasa, "id_ID"))


def tanggal_hari(d: date, bahasa: str = "id") -> str:
    """Sel, 1 Nov 2022 / Tue, 1 Nov 2022: a date with its weekday, for choosing a day."""
    return format_date(d, "EEE, d MMM y", locale=LOKAL.get(bahasa, "id_ID"))


def keterangan_hari(jadwal: Jadwal, tgl: date, bahasa: str) -> str:
    """'Hari ke-18 dari 31 · sisa 13 hari' (or before the start / after the end)."""
    if tgl < jadwal.mulai:
        return t("sebelum_mulai", bahasa, tanggal=tanggal(jadwal.mulai, bahasa))
    if tgl >= jadwal.selesai:
        return t("hari_ke", bahasa, k=jadwal.n_hari, n=jadwal.n_hari) + " · " + t("sudah_berakhir", bahasa, tanggal=tanggal(jadwal.selesai, bahasa))
    return t("hari_ke", bahasa, k=jadwal.hari_ke(tgl), n=jadwal.n_hari) + " · " + t("sisa_hari", bahasa, n=jadwal.sisa_hari(tgl))


def rentang_tanggal(awal: date | None, akhir: date | None, bahasa: str = "id") -> str:
    """15–20 Nov / 28 Nov–3 Des: a forecast range (CLDR interval formats, via babel)."""
    if awal is None or akhir is None or pd.isna(awal) or pd.isna(akhir):
        return "–"
    return _tanggal_cldr(awal, akhir, "MMMd", LOKAL_TANGGAL.get(bahasa, "id_ID"))


def teks_peluang(p: float | None, bahasa: str = "id") -> str:
    """A chance as a whole percentage; never 0% or 100% while the forecast is a forecast."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "–"
    return f"{angka(min(max(round(p * 100), 1), 99) if 0 < p < 1 else round(p * 100), 0, bahasa)}%"


NAMA_PANJANG = {2: "provinsi", 4: "kabupaten", 7: "kecamatan", 10: "desa"}  # the text key of each level, by code length


def teks_rekam_jejak(rj, panjang: int, bahasa: str = "id", pendek: bool = False) -> str:
    """How the ranges given 7+ days before have held (aturan.kalibrasi.RekamJejak; None: a level not calibrated) for
    areas of a code length, in one line; pendek: a few words for the overview's day line (the whole sentence is in the forecast card's help)."""
    tingkat = t(NAMA_PANJANG.get(panjang, "wilayah"), bahasa).lower()
    if rj is None:  # not calibrated at this level (aturan.kalibrasi.TINGKAT)
        return t("rekam_jejak_tanpa_pendek" if pendek else "rekam_jejak_tanpa", bahasa, tingkat=tingkat)
    if not rj.dinilai:
        return t("rekam_jejak_belum_pendek" if pendek else "rekam_jejak_belum", bahasa, tingkat=tingkat)
    if pendek:
        return t("rekam_jejak_pendek", bahasa, tingkat=tingkat, persen=persen(rj.persen, 0, bahasa), n=angka(rj.dinilai, 0, bahasa))
    return t("rekam_jejak", bahasa, tingkat=tingkat, persen=persen(rj.persen, 0, bahasa), n=angka(rj.dinilai, 0, bahasa), area=angka(rj.n_area, 0, bahasa))


def proyeksi_sel(r: pd.Series | dict, bahasa: str, pendek: bool = False) -> str:
    """17 Nov 2022 (15–20 Nov): an area's median finish and 80% range in a table cell or a map's hover;
    pendek leaves out the year (a narrow column of the report)."""
    if r["sasaran"] > 0 and r["sisa"] == 0:
        return t("tercapai", bahasa)
    if r["proyeksi_selesai"] is None or pd.isna(r["proyeksi_selesai"]):
        return t("tidak_ada_proyeksi_pendek" if pendek else "tidak_ada_proyeksi", bahasa) if r["sisa"] > 0 else "–"
    if r.get("proyeksi_p10") is None or pd.isna(r.get("proyeksi_p10")):
        return tanggal(r["proyeksi_selesai"], bahasa)
    median = rentang_tanggal(r["proyeksi_selesai"], r["proyeksi_selesai"], bahasa) if pendek else tanggal(r["proyeksi_selesai"], bahasa)
    return f"{median} ({rentang_tanggal(r['proyeksi_p10'], r['proyeksi_p90'], bahasa)})"


def teks_sebab(r: pd.Series | dict, bahasa: str = "id", tampil_id: bool = False, pendek: bool = False) -> str:
    """Why an area will be late, in a short phrase from the forecast's inputs (aturan.proyeksi): "2 of 5 PPL hold
    310 families at 4/day", "no active officer for 861 families"; with tampil_id the officers' IDs follow (only for
    a role that may see officers); with pendek only the larger of the two, in counts, for a wall's card ("861 fam.
    without officer" or "2 slow PPL"). '' for an area that will not be late."""
    if pendek:
        if r.get("sebab_keluarga_diam", 0) > 0 and r.get("sebab_keluarga_diam", 0) >= r.get("sebab_keluarga_lambat", 0):
            return t("sebab_diam_pendek", bahasa, k=angka(r["sebab_keluarga_diam"], 0, bahasa))
        return t("sebab_lambat_pendek", bahasa, n=int(r["sebab_ppl_lambat"])) if r.get("sebab_ppl_lambat", 0) > 0 else ""
    bagian = []
    if r.get("sebab_ppl_lambat", 0) > 0:
        laju = angka(r["sebab_laju_lambat"], 1 if r["sebab_laju_lambat"] < 10 else 0, bahasa)
        total = int(r.get("ppl_sisa", 0)) or int(r["sebab_ppl_lambat"])
        bagian.append(t("sebab_lambat", bahasa, n=int(r["sebab_ppl_lambat"]), total=total, k=angka(r["sebab_keluarga_lambat"], 0, bahasa), laju=laju))
    if r.get("sebab_keluarga_diam", 0) > 0:
        bagian.append(t("sebab_diam", bahasa, k=angka(r["sebab_keluarga_diam"], 0, bahasa)))
    teks = "; ".join(bagian)
    ids = r.get("sebab_id") or ()
    if teks and tampil_id and len(ids):
        teks += " (" + ", ".join(ids[:3]) + (f" +{len(ids) - 3}" if len(ids) > 3 else "") + ")"
    return teks[:1].upper() + teks[1:]


def teks_keparahan(r: pd.Series | dict, bahasa: str = "id") -> str:
    """How late a late area is: projected days past its deadline, or after the deadline the days past it so far
    and the projected finish; '' for an area that is not late."""
    if r.get("status") not in STATUS_TELAT:
        return ""
    proy = r.get("proyeksi_selesai")
    ada = proy is not None and not (isinstance(proy, float) and math.isnan(proy))
    if r["status"] == "lewat":
        return t("keparahan_lewat", bahasa, n=angka(r.get("hari_lewat", 0), 0, bahasa), proy=tanggal(proy, bahasa) if ada else t("tidak_ada_proyeksi_pendek", bahasa))
    if not ada:
        return t("keparahan_tanpa", bahasa)
    return t("keparahan_proyeksi", bahasa, n=angka(r["hari_terlambat"], 0, bahasa))


def keparahan_pendek(r: pd.Series | dict, bahasa: str = "id") -> str:
    """teks_keparahan in a few characters, for a bar's label: "telat 3 hr", "lewat 16 hr", "tanpa proyeksi"."""
    if r.get("status") == "lewat":
        return t("keparahan_pendek_lewat", bahasa, n=angka(r.get("hari_lewat", 0), 0, bahasa))
    if r.get("status") != "berisiko":
        return ""
    h = r.get("hari_terlambat")
    return t("keparahan_tanpa", bahasa) if h is None or h != h else t("keparahan_pendek", bahasa, n=angka(h, 0, bahasa))


def teks_proyeksi(baris: pd.Series, jadwal: Jadwal, bahasa: str, pendek: bool = False) -> tuple[str, str | None, str]:
    """(value, delta text, delta colour) for the projected finish: the median date, then its 80% range and the
    chance of finishing by the deadline (or days past/before the deadline where there is no range). With no
    projection, why (with pendek, in counts only: a wall's card has one line for it)."""
    if baris["sasaran"] > 0 and baris["sisa"] == 0:
        return t("tercapai", bahasa), None, "off"
    proy = baris["proyeksi_selesai"]
    if proy is None or (isinstance(proy, float) and math.isnan(proy)):
        sebab = teks_sebab(baris, bahasa, pendek=pendek)  # families held by officers who stopped: say so, not "pace 0" beside a pace
        return (t("tidak_ada_proyeksi_pendek", bahasa), sebab, "red") if sebab else (t("tidak_ada_proyeksi", bahasa), None, "off")
    beda = (proy - jadwal.selesai).days
    if baris.get("proyeksi_p10") is not None and not pd.isna(baris.get("proyeksi_p10")):
        rentang = rentang_tanggal(baris["proyeksi_p10"], baris["proyeksi_p90"], bahasa)
        return tanggal(proy, bahasa), t("rentang_peluang", bahasa, rentang=rentang, peluang=teks_peluang(baris["peluang_tepat"], bahasa)), "red" if beda > 0 else "green"
    if beda > 0:
        return tanggal(proy, bahasa), t("hari_setelah_tenggat", bahasa, n=beda) if beda > 1 else t("sehari_setelah_tenggat", bahasa), "red"
    if beda < 0:
        return tanggal(proy, bahasa), t("hari_sebelum_tenggat", bahasa, n=-beda) if beda < -1 else t("sehari_sebelum_tenggat", bahasa), "green"
    return tanggal(proy, bahasa), t("tepat_tenggat", bahasa), "green"


def isi_cakupan(jumlah: dict[str, int], bahasa: str = "id") -> dict[str, str]:
    """The four coverage counts written for the ck_kepala / ck_laporan lines."""
    return {k: angka(jumlah[j], 0, bahasa) for k, j in (("belum", "belum_mulai"), ("macet", "macet"), ("ulang", "ulang"), ("tinggi", "terlalu_tinggi"))}
