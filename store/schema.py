"""SQLAlchemy schema of the enumeration database (data-contract tables plus derived per-family state)."""

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
)

metadata = MetaData()

KODE = String(16)
# Rollups recomputed from the stored rows (store/rekap.py): a database whose copy has other columns, another key or
# (SQLite) another storage gets a new one. In SQLite each is stored in the order of its key (WITHOUT ROWID): one
# B-tree per table instead of a table and its key index, so a read by key prefix scans neighbouring rows and an
# insert writes one tree.
TABEL_REKAP = ("rekap_harian", "rekap_ppl_harian", "rekap_durasi", "rekap_kiriman", "rekap_sls_harian", "rekap_cakupan", "sasaran_wilayah", "rekap_paradata")
ID_PETUGAS = String(64)  # IDs: the data contract allows 64 characters

# Areas from provinsi (2 digits) down to sub-SLS (16); level follows from code length.
wilayah = Table(
    "wilayah",
    metadata,
    Column("kode", KODE, primary_key=True),
    Column("nama", String(200), nullable=False),
    Column("tingkat", SmallInteger, nullable=False),
    Column("induk", KODE, index=True),
    Column("id_impor", Integer),
)

# Full-resolution boundary of an area, as GeoJSON geometry text (portable: no PostGIS needed).
batas_wilayah = Table(
    "batas_wilayah",
    metadata,
    Column("kode", KODE, primary_key=True),
    Column("tingkat", SmallInteger, nullable=False, index=True),
    Column("induk", KODE, index=True),
    Column("geojson", Text, nullable=False),
    Column("sumber", String(300)),
)

petugas = Table(
    "petugas",
    metadata,
    Column("id_petugas", ID_PETUGAS, primary_key=True),
    Column("nama", String(200)),
    Column("peran", String(10), nullable=False),
    Column("id_atasan", ID_PETUGAS, index=True),
    Column("kode_wilayah", KODE),
    Column("no_hp", String(64)),
    Column("id_impor", Integer),
)

# Prelist workload per SLS / sub-SLS; the area columns are derived from the code prefix.
beban = Table(
    "beban",
    metadata,
    Column("kode_sls", KODE, primary_key=True),
    Column("id_ppl", ID_PETUGAS, nullable=False, index=True),
    Column("sasaran_keluarga", Integer, nullable=False),
    Column("kode_prov", String(2), nullable=False),
    Column("kode_kab", String(4), nullable=False, index=True),
    Column("kode_kec", String(7), nullable=False, index=True),
    Column("kode_desa", String(10), nullable=False, index=True),
    Column("id_impor", Integer),
)

# One row per submission of a family; a later submission is a correction.
keluarga = Table(
    "keluarga",
    metadata,
    Column("id_keluarga", ID_PETUGAS, nullable=False),
    Column("tanggal", Date, nullable=False),
    Column("kode_sls", KODE, nullable=False),
    Column("id_ppl", ID_PETUGAS, nullable=False),
    Column("hasil", SmallInteger, nullable=False),
    Column("keluarga_baru", SmallInteger, nullable=False, default=0),
    Column("durasi_menit", Float),
    Column("tanggal_periksa", Date),
    # optional paradata: interview start and end in the area's local time, WGS84 point, and (computed at import
    # from the desa polygon of the SLS) metres outside that desa: 0 inside, NULL without a point or a polygon
    Column("waktu_mulai", DateTime),
    Column("waktu_selesai", DateTime),
    Column("lintang", Float),
    Column("bujur", Float),
    Column("jarak_desa", Float),
    Column("id_impor", Integer),
    PrimaryKeyConstraint("id_keluarga", "tanggal"),
    Index("ix_keluarga_ppl_tgl", "id_ppl", "tanggal"),
    Index("ix_keluarga_impor", "id_impor"),
)

# Derived: one row per family, kept equal to its submissions by the importer.
# Area = SLS of the latest submission; tanggal_pertama = day of the first submission.
keluarga_ringkas = Table(
    "keluarga_ringkas",
    metadata,
    Column("id_keluarga", ID_PETUGAS, primary_key=True),
    Column("kode_sls", KODE, nullable=False),
    Column("kode_prov", String(2), nullable=False),
    Column("kode_kab", String(4), nullable=False),
    Column("kode_kec", String(7), nullable=False),
    Column("kode_desa", String(10), nullable=False),
    Column("id_ppl", ID_PETUGAS, nullable=False),
    Column("tanggal_pertama", Date, nullable=False),
    Column("tanggal_terakhir", Date, nullable=False),
    Column("hasil", SmallInteger, nullable=False),
    Column("keluarga_baru", SmallInteger, nullable=False),
    Column("jumlah_kiriman", Integer, nullable=False),
    Column("durasi_pertama", Float),  # interview minutes of the first submission (corrections are short)
    # one index serves every level: an area's families are a range of SLS codes (store.baca.di_bawah); the rollups
    # answer the pages above the desa, so one index per level would only slow every import
    Index("ix_ringkas_sls_tgl", "kode_sls", "tanggal_pertama"),
    Index("ix_ringkas_ppl_tgl", "id_ppl", "tanggal_pertama"),
)
INDEKS_USANG = {"keluarga_ringkas": ("ix_ringkas_prov_tgl", "ix_ringkas_kab_tgl", "ix_ringkas_kec_tgl", "ix_ringkas_desa_tgl")}  # made before; dropped on start

# Daily tallies from paper field reports: a separate source, never added to family records.
laporan_harian = Table(
    "laporan_harian",
    metadata,
    Column("tanggal", Date, nullable=False),
    Column("kode_sls", KODE, nullable=False),
    Column("id_ppl", ID_PETUGAS, nullable=False),
    Column("selesai", Integer, nullable=False),
    Column("id_impor", Integer),
    PrimaryKeyConstraint("tanggal", "kode_sls", "id_ppl"),
)

# Schedule; kode_wilayah '' is the whole campaign, an area code is an extension for that area.
jadwal = Table(
    "jadwal",
    metadata,
    Column("kode_wilayah", KODE, primary_key=True),
    Column("mulai", Date, nullable=False),
    Column("selesai", Date, nullable=False),
    Column("id_impor", Integer),
)

# Optional plan curve replacing the linear plan: cumulative % at the end of a day.
rencana = Table(
    "rencana",
    metadata,
    Column("tanggal", Date, primary_key=True),
    Column("persen_kumulatif", Float, nullable=False),
    Column("id_impor", Integer),
)

impor = Table(
    "impor",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tabel", String(40), nullable=False),
    Column("sumber", String(300), nullable=False),
    Column("waktu", DateTime, nullable=False),
    Column("baris_dibaca", Integer, nullable=False),
    Column("baris_dimuat", Integer, nullable=False),
    Column("baris_ditolak", Integer, nullable=False),
    Column("baris_duplikat", Integer),
    Column("sidik", String(64)),  # SHA-256 of the file, to recognise a file loaded before
    Column("catatan", Text),  # how the file was read (separator, encoding, repaired codes)
    Column("baris_diganti", Integer),  # stored rows this import replaced (their old versions are in riwayat_baris)
    Column("ditarik", DateTime),  # when the import was withdrawn (its rows removed, what it replaced restored)
    Column("ditarik_oleh", String(200)),
)

# Stored rows an import replaced or removed, so that withdrawing it restores them: the table, the row's key and
# its full content as JSON, the import that replaced it (id_impor) and the import that had stored it (id_impor_asal).
riwayat_baris = Table(
    "riwayat_baris",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("id_impor", Integer, nullable=False, index=True),
    Column("id_impor_asal", Integer, index=True),
    Column("tabel", String(40), nullable=False),
    Column("kunci", Text, nullable=False),
    Column("data", Text, nullable=False),
)

penolakan = Table(
    "penolakan",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("id_impor", Integer, nullable=False, index=True),
    Column("berkas", String(300), nullable=False),
    Column("baris", Integer, nullable=False),
    Column("alasan", String(300), nullable=False),
    Column("data", Text),
)

# Facts about the database itself, such as whether it holds the demo campaign.
meta = Table(
    "meta",
    metadata,
    Column("kunci", String(40), primary_key=True),
    Column("nilai", Text, nullable=False),
)

# Dashboard users. wilayah: area codes the user may see, separated by spaces ('*' = every area).
# sandi: scrypt hash ("scrypt$n$r$p$salt$hash", base64); versi grows on every password or role change,
# which ends the user's open sessions.
pengguna = Table(
    "pengguna",
    metadata,
    Column("nama_pengguna", String(60), primary_key=True),
    Column("nama_lengkap", String(200)),
    Column("peran", String(10), nullable=False),
    Column("wilayah", Text, nullable=False),
    Column("sandi", String(300), nullable=False),
    Column("aktif", SmallInteger, nullable=False, default=1),
    Column("versi", Integer, nullable=False, default=1),
    Column("dibuat", DateTime, nullable=False),
)

# Sign-in attempts counted per key ('n:' user name or 'a:' client address), shared by every app server:
# a password is checked only after an atomic UPDATE has reserved one of the allowed attempts (store/pengguna.py).
gagal_masuk = Table(
    "gagal_masuk",
    metadata,
    Column("kunci", String(120), primary_key=True),
    Column("jumlah", Integer, nullable=False),
    Column("terakhir", Float, nullable=False),  # epoch seconds of the latest counted attempt
)

# Rollups kept up to date by every import (store/rekap.py), so the dashboard never scans submissions:
# families by the day of their first submission, per area at every level (provinsi, kabupaten, kecamatan,
# desa; induk '' for a provinsi) and per PPL; and the prelist target per area. Tests check that after any
# import, correction or re-import they equal a recomputation from the raw rows.
rekap_harian = Table(
    "rekap_harian",
    metadata,
    Column("kode", KODE, nullable=False),
    Column("tanggal", Date, nullable=False),
    Column("induk", KODE, nullable=False),
    Column("tingkat", SmallInteger, nullable=False),
    Column("selesai", Integer, nullable=False),
    Column("baru", Integer, nullable=False),
    PrimaryKeyConstraint("kode", "tanggal"),
    Index("ix_rekap_harian_induk", "induk", "tanggal"),
    Index("ix_rekap_harian_tingkat", "tingkat", "kode"),
    sqlite_with_rowid=False,
)

rekap_ppl_harian = Table(
    "rekap_ppl_harian",
    metadata,
    Column("id_ppl", ID_PETUGAS, nullable=False),
    Column("kode_kec", String(7), nullable=False),  # the families' kecamatan, so an area's officer view counts only its families
    Column("tanggal", Date, nullable=False),
    Column("selesai", Integer, nullable=False),
    Column("baru", Integer, nullable=False),
    PrimaryKeyConstraint("id_ppl", "kode_kec", "tanggal"),
    Index("ix_rekap_ppl_kec", "kode_kec", "tanggal"),
    sqlite_with_rowid=False,
)

# Interview minutes of families' first submissions per kecamatan, PPL (both of the family now), first day and
# whole minute (halves rounded up): the histogram behind officers' median interview minutes.
rekap_durasi = Table(
    "rekap_durasi",
    metadata,
    Column("kode_kec", String(7), nullable=False),
    Column("id_ppl", ID_PETUGAS, nullable=False),
    Column("tanggal", Date, nullable=False),
    Column("menit", Integer, nullable=False),
    Column("jumlah", Integer, nullable=False),
    PrimaryKeyConstraint("kode_kec", "id_ppl", "menit", "tanggal"),  # a PPL's minutes up to a day are read in key order, grouped without a sort
    sqlite_with_rowid=False,
)

# Submissions per PPL, day sent and day checked (BELUM_DIPERIKSA when not checked): daily output counting
# corrections, and the PML check backlog. A replaced or withdrawn submission is counted out again.
rekap_kiriman = Table(
    "rekap_kiriman",
    metadata,
    Column("id_ppl", ID_PETUGAS, nullable=False),
    Column("tanggal", Date, nullable=False),
    Column("tanggal_periksa", Date, nullable=False),
    Column("kiriman", Integer, nullable=False),
    PrimaryKeyConstraint("id_ppl", "tanggal", "tanggal_periksa"),
    sqlite_with_rowid=False,
)

# Per SLS or sub-SLS (the family's current one), the family's current PPL and a day: families first submitted that
# day (selesai, of them new: baru), and the change that day in families whose current result (their latest
# submission so far) is 1..5 (hasil_1 .. hasil_5) and whose latest submission says new (baru_kini). Summed up to a
# day they give, per SLS, the families done, the families by result (2 and 3: to revisit) and the new families as of
# that day: the coverage lists and the results by code read this. Rows whose counts are all zero are not kept.
rekap_sls_harian = Table(
    "rekap_sls_harian",
    metadata,
    Column("kode_sls", KODE, nullable=False),
    Column("id_ppl", ID_PETUGAS, nullable=False),
    Column("tanggal", Date, nullable=False),
    Column("selesai", Integer, nullable=False),
    Column("baru", Integer, nullable=False),
    *[Column(f"hasil_{h}", Integer, nullable=False) for h in range(1, 6)],
    Column("baru_kini", Integer, nullable=False),
    PrimaryKeyConstraint("kode_sls", "id_ppl", "tanggal"),
    sqlite_with_rowid=False,
)

# Coverage counts per kecamatan on every day of the campaign (aturan.cakupan.per_kecamatan_harian), for
# the views above a kabupaten: built for the thresholds and deadlines in meta.cakupan_sidik, for the days
# meta.cakupan_awal..cakupan_akhir (outside them nothing changes).
rekap_cakupan = Table(
    "rekap_cakupan",
    metadata,
    Column("tanggal", Date, nullable=False),
    Column("kode_kec", KODE, nullable=False),
    *[Column(k, Integer, nullable=False) for k in ("jumlah_sls", "belum_mulai", "sasaran_belum", "macet", "sls_ulang", "ulang", "terlalu_tinggi")],
    PrimaryKeyConstraint("tanggal", "kode_kec"),
    sqlite_with_rowid=False,
)

# Field-quality counts per PPL, kecamatan (of the SLS) and submission day, from the submissions' paradata
# (aturan.kualitas.ringkas_harian): recomputed for every PPL-day an import, withdrawal or boundary touches, built
# with the thresholds in meta.paradata_sidik. PPL-days without paradata have no row.
rekap_paradata = Table(
    "rekap_paradata",
    metadata,
    Column("id_ppl", ID_PETUGAS, nullable=False),
    Column("kode_kec", String(7), nullable=False),
    Column("tanggal", Date, nullable=False),
    *[Column(k, Integer, nullable=False) for k in ("berwaktu", "tumpang", "malam", "bertitik", "tanpa_batas", "luar_desa", "menumpuk")],
    Column("jarak_luar_maks", Float),
    PrimaryKeyConstraint("id_ppl", "kode_kec", "tanggal"),
    Index("ix_rekap_paradata_kec", "kode_kec", "tanggal"),
    sqlite_with_rowid=False,
)

sasaran_wilayah = Table(
    "sasaran_wilayah",
    metadata,
    Column("kode", KODE, primary_key=True),
    Column("induk", KODE, nullable=False, index=True),
    Column("tingkat", SmallInteger, nullable=False),
    Column("sasaran", Integer, nullable=False),
    Column("jumlah_sls", Integer, nullable=False),
    sqlite_with_rowid=False,
)


# Who receives what, pushed by `manage.py kirim` (kirim/): a user of the app (their role and areas, kept current) or
# an address with its own role and areas; a channel (email or webhook), language, time of day and content.
langganan = Table(
    "langganan",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nama", String(200), nullable=False),  # the recipient, as shown in the log
    Column("nama_pengguna", String(60)),  # a user of the app: role and areas are theirs
    Column("peran", String(10)),  # else these (pimpinan or rapat)
    Column("wilayah", Text),  # area codes separated by spaces, '*' for every area (as pengguna.wilayah)
    Column("saluran", String(10), nullable=False),  # email | webhook
    Column("alamat", String(500), nullable=False),  # the e-mail address or the webhook's URL
    Column("bahasa", String(2), nullable=False),
    Column("jam", String(5), nullable=False),  # HH:MM, the server's local time: the daily report goes after it
    Column("isi", String(10), nullable=False),  # laporan | peringatan | keduanya
    Column("aktif", SmallInteger, nullable=False, default=1),
    Column("dibuat", DateTime, nullable=False),
)

# Every send attempt's outcome: what went to whom, when, ok or the error (never a credential).
log_kiriman = Table(
    "log_kiriman",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("waktu", DateTime, nullable=False),
    Column("id_langganan", Integer, nullable=False),
    Column("penerima", String(200), nullable=False),
    Column("jenis", String(12), nullable=False),  # laporan | peringatan
    Column("tanggal_data", Date),  # the as-of day of the figures sent
    Column("subjek", String(300), nullable=False),
    Column("hasil", String(6), nullable=False),  # ok | gagal
    Column("percobaan", Integer, nullable=False),
    Column("pesan", String(500)),  # the error, when it failed
    Index("ix_log_kiriman_langganan", "id_langganan", "waktu"),
)

# The last state each recipient was told of, per subject of an alert ('status:7317030', 'ppl:PPL-1', 'basi'):
# an alert goes once per state change.
peringatan_terkirim = Table(
    "peringatan_terkirim",
    metadata,
    Column("id_langganan", Integer, nullable=False),
    Column("kunci", String(120), nullable=False),
    Column("keadaan", String(60), nullable=False),
    Column("waktu", DateTime, nullable=False),
    PrimaryKeyConstraint("id_langganan", "kunci"),
)

# Adopted reallocation plans (aturan/realokasi.py): who adopted which plan for which area and plan day, and its moves.
# The follow-up reads the submissions themselves (keluarga: the lender's rows in the SLS after the plan day).
rencana_bantuan = Table(
    "rencana_bantuan",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kode_wilayah", KODE, nullable=False, index=True),  # the kabupaten or kecamatan planned for
    Column("tanggal", Date, nullable=False),  # the plan day: families left are counted as of its end
    Column("diadopsi_oleh", String(60), nullable=False),
    Column("diadopsi_pada", DateTime, nullable=False),
)
rencana_pindah = Table(
    "rencana_pindah",
    metadata,
    Column("id_rencana", Integer, nullable=False),
    Column("kode_sls", KODE, nullable=False),
    Column("dari_ppl", ID_PETUGAS, nullable=False),
    Column("ke_ppl", ID_PETUGAS, nullable=False),
    Column("keluarga", Integer, nullable=False),  # families handed over (all those left when utuh)
    Column("utuh", SmallInteger, nullable=False),  # 1: the whole SLS; 0: that many of its families
    PrimaryKeyConstraint("id_rencana", "kode_sls"),
)


# Help plans as computed (aturan.realokasi.rencanakan), one per area, plan day and sidik (what the plan was computed
# from: the data's version, the schedule, the settings; aturan.realokasi.sidik_rencana): the optimiser stops at a
# time limit, so two processes could reach different plans for the same area and day; the first one stored is the
# plan every process shows, and later opens read it instead of solving again. Each frame is Parquet.
rencana_simpan = Table(
    "rencana_simpan",
    metadata,
    Column("kode", KODE, nullable=False),
    Column("tanggal", Date, nullable=False),
    Column("sidik", String(64), nullable=False),
    *[Column(k, LargeBinary, nullable=False) for k in ("pindah", "pemberi", "kebutuhan", "area")],
    Column("nilai", Float, nullable=False),
    Column("celah", Float, nullable=False),
    PrimaryKeyConstraint("kode", "tanggal", "sidik"),
)

# Back-check results (cek ulang): a supervisor re-visited a family and recorded what they found (contract table cek_ulang).
cek_ulang = Table(
    "cek_ulang",
    metadata,
    Column("id_keluarga", ID_PETUGAS, nullable=False),
    Column("tanggal_cek", Date, nullable=False),
    Column("id_pemeriksa", ID_PETUGAS, nullable=False),
    Column("hasil_cek", SmallInteger, nullable=False),  # 1 cocok, 2 beda (kolom_beda names the fields), 3 tidak ditemukan, 4 tidak ada, 5 menolak
    Column("kolom_beda", String(200)),
    Column("id_ppl", ID_PETUGAS),  # the family's PPL and SLS when the check was loaded (kept if the family is excluded later)
    Column("kode_sls", KODE),
    Column("id_impor", Integer),
    PrimaryKeyConstraint("id_keluarga", "tanggal_cek"),
    Index("ix_cek_ulang_impor", "id_impor"),
    Index("ix_cek_ulang_sls", "kode_sls"),
)
