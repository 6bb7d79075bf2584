"""Command-line tool: create the database, load the demo, import contract tables, show import status."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine
from tqdm import tqdm

from geodata.cocok import TINGKAT_NAMA, BatasTakTerbaca, OpsiCocok
from laporan import harian
from queries.impor import penolakan_impor, penolakan_terkini, riwayat_impor
from queries.progres import rentang_data
from queries.wilayah import daftar_kabupaten
from store import rekap
from store import schema as s
from store.batas import baca_padanan, impor_batas
from store.berkas import BerkasTakTerbaca, baca_berkas, baca_pemetaan, pemetaan_untuk, tebak_tabel
from store.db import MENUNGGU, antrean_sqlite, buat_engine, buat_skema, kosong, url_terkonfigurasi
from store.impor.kontrak import URUTAN_TABEL, KepalaDitolak
from store.impor.tulis import HasilImpor
from store.pengguna import PERAN, PenggunaTidakSah, daftar_pengguna, hapus_jeda, hapus_pengguna, tambah_pengguna, ubah_pengguna
from store.siapkan import kosongkan_bila_terputus, muat_demo
from store.tarik import TarikDitolak, tarik_impor
from tampilan.aman import tulis_csv

NAMA_TINGKAT = {v: k for k, v in TINGKAT_NAMA.items()}


def _engine(args: argparse.Namespace) -> Engine:
    url = args.url or url_terkonfigurasi()[0]
    print(f"basis data: {url.split('@')[-1]}", file=sys.stderr)
    return buat_engine(url)


class BilahKemajuan:
    """Progress of a long import on stderr through tqdm: one redrawn bar per stage on a terminal, and on a log
    (not a terminal) a line at most every 10 seconds."""

    def __init__(self, keluaran=sys.stderr):
        self.keluaran = keluaran
        self.bilah: tqdm | None = None
        self.tahap = ""

    def __call__(self, tahap: str, selesai: int, total: int) -> None:
        if tahap == MENUNGGU:
            print(f"… {tahap}", file=self.keluaran, flush=True)
            return
        if tahap != self.tahap:
            self.tutup()
            self.tahap = tahap
            tty = self.keluaran.isatty()
            self.bilah = tqdm(
                total=max(total, 1), desc=tahap, unit="baris", file=self.keluaran, leave=tty, mininterval=0.2 if tty else 10, disable=None if tty else False
            )
        self.bilah.n = min(selesai, self.bilah.total)
        self.bilah.refresh()
        if tahap.startswith("selesai"):
            self.tutup()

    def tutup(self) -> None:
        if self.bilah is not None:
            self.bilah.close()
            self.bilah = None


def _pemetaan(args: argparse.Namespace) -> dict[str, dict[str, str]]:
    pemetaan = baca_pemetaan(args.pemetaan) if args.pemetaan else {}
    for pasangan in args.kolom or []:
        asal, _, tujuan = pasangan.partition("=")
        if not asal or not tujuan:
            raise BerkasTakTerbaca(f"--kolom '{pasangan}': tulis sebagai KOLOM_BERKAS=kolom_kontrak")
        pemetaan.setdefault("*", {})[asal] = tujuan
    return pemetaan


def cmd_init_db(args: argparse.Namespace) -> int:
    eng = _engine(args)
    ditambah = buat_skema(eng)
    with eng.begin() as conn:
        if rekap.pastikan(conn):
            print("rekap harian dibangun dari data keluarga")
    print("skema siap" + (f"; kolom baru: {', '.join(ditambah)}" if ditambah else ""))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    eng = _engine(args)
    if args.ganti:
        s.metadata.drop_all(eng)
    buat_skema(eng)
    kosongkan_bila_terputus(eng)  # an earlier demo load stopped mid-way is loaded again
    if not kosong(eng):
        print("basis data sudah berisi wilayah; pakai --ganti untuk menghapus isinya dan memuat demo", file=sys.stderr)
        return 2
    info = muat_demo(eng, seed=args.seed, skala=args.skala, berkas_desa=args.batas_desa, berkas_kecamatan=args.batas_kecamatan)
    print(f"demo dimuat: {info['keluarga']:,} keluarga, {info['sls']:,} SLS; bangkit {info['detik_bangkit']:.1f} s, muat {info['detik_muat']:.1f} s")
    return 0


def cmd_impor(args: argparse.Namespace) -> int:
    eng = _engine(args)
    buat_skema(eng)
    try:
        pemetaan = _pemetaan(args)
    except BerkasTakTerbaca as exc:
        print(f"DITOLAK {exc}", file=sys.stderr)
        return 2
    berkas: list[Path] = []
    for p in args.path:
        berkas += sorted(q for q in p.iterdir() if q.suffix.lower() in (".csv", ".txt", ".xlsx")) if p.is_dir() else [p]
    nama_dipetakan = [asal for peta in pemetaan.values() for asal in peta]
    urut = {n: i for i, n in enumerate(URUTAN_TABEL)}
    tugas, gagal = [], 0
    for b in berkas:
        try:
            isi = baca_berkas(b, tabel=args.tabel, kolom_tambahan=nama_dipetakan)
        except (BerkasTakTerbaca, OSError) as exc:
            print(f"DITOLAK {exc}", file=sys.stderr)
            gagal += 1
            continue
        tabel = args.tabel or tebak_tabel(b.name, list(isi.tabel.columns), pemetaan)
        if tabel is None:
            print(f"DITOLAK {b}: tabel tidak dapat ditebak dari nama berkas atau kolomnya; pakai --tabel ({', '.join(URUTAN_TABEL)})", file=sys.stderr)
            gagal += 1
            continue
        tugas.append((tabel, isi))
    tugas.sort(key=lambda x: urut[x[0]])
    if args.uji:  # a dry run of the whole set in one transaction, rolled back: each file sees the ones before it
        with antrean_sqlite(eng, BilahKemajuan()), eng.connect() as conn:
            trans = conn.begin()
            try:
                gagal += _impor_berkas(conn, tugas, pemetaan, args)
            finally:
                trans.rollback()
        print("UJI: tidak ada yang disimpan (penolakan di atas tidak dicatat; jalankan tanpa --uji untuk memuat)")
    else:
        gagal += _impor_berkas(eng, tugas, pemetaan, args)
    return 1 if gagal else 0


def _impor_berkas(db, tugas: list, pemetaan: dict, args: argparse.Namespace) -> int:
    """Import each (table, file) in order into db (an engine, or a connection for a dry run) and print each report;
    after a real import the alerts are evaluated at once (recipients hear of a change now, not at the next run)."""
    from kirim.impor import BerkasImpor, impor_lalu_kabari

    def cetak(b: BerkasImpor, hasil: HasilImpor | KepalaDitolak) -> None:
        if isinstance(hasil, KepalaDitolak):
            print(f"DITOLAK {hasil}", file=sys.stderr)
        else:
            _cetak_hasil(hasil, b.berkas.nama, args)

    daftar = [BerkasImpor(tabel, isi, pemetaan_untuk(pemetaan, tabel)) for tabel, isi in tugas]
    semua, dikirim = impor_lalu_kabari(db, daftar, kabari=not args.uji, buat_kemajuan=BilahKemajuan, setelah_berkas=cetak)
    if dikirim:
        print(f"peringatan: {dikirim.terkirim} pesan terkirim, {dikirim.gagal} gagal")
    return sum(isinstance(h, KepalaDitolak) for h in semua)


def _cetak_hasil(hasil: HasilImpor, nama: str, args: argparse.Namespace) -> None:
    awal = "UJI (tidak disimpan) " if args.uji else ""
    print(
        f"{awal}{nama}: {hasil.tabel}: {hasil.dibaca} dibaca, {hasil.dimuat} dimuat ({hasil.diganti} mengganti versi tersimpan), "
        f"{hasil.duplikat} sudah tersimpan, {hasil.dilampaui} kiriman ulang hari yang sama dilewati, {hasil.jumlah_ditolak} ditolak"
    )
    for kolom, maksud in hasil.diabaikan:
        print(f"  kolom diabaikan: {kolom!r}" + (f" (maksudnya {maksud}? petakan dengan --kolom '{kolom}={maksud}')" if maksud else ""))
    for c in hasil.catatan + ([hasil.ulang.teks()] if hasil.ulang else []):
        print(f"  catatan: {c}")
    for baris, alasan, _ in hasil.ditolak.head(args.tampil).itertuples(index=False):
        print(f"  baris {baris}: {alasan}")
    if hasil.jumlah_ditolak > args.tampil:
        lihat = "jalankan tanpa --uji lalu manage.py penolakan N" if args.uji else f"manage.py penolakan {hasil.id_impor}"
        print(f"  … {hasil.jumlah_ditolak - args.tampil} penolakan lain (lihat: {lihat}; atau --tampil)")


def cmd_tarik(args: argparse.Namespace) -> int:
    try:
        hasil = tarik_impor(_engine(args), args.id_impor, oleh=f"manage.py ({getpass.getuser()})")
    except TarikDitolak as exc:
        print(f"DITOLAK {exc}", file=sys.stderr)
        return 1
    print(f"impor #{args.id_impor} ditarik: {hasil['dihapus']} baris dihapus, {hasil['dipulihkan']} versi sebelumnya dipulihkan; semua angka dihitung ulang")
    return 0


def cmd_batas(args: argparse.Namespace) -> int:
    eng = _engine(args)
    buat_skema(eng)
    try:
        padanan = baca_padanan(args.padanan) if args.padanan else None
        hasil, disimpan = impor_batas(
            eng,
            args.path,
            str(args.path),
            OpsiCocok(args.tingkat, args.kolom_kode, args.kolom_nama, args.kolom_induk, padanan, args.kabupaten),
            uji=args.uji,
        )
    except (BatasTakTerbaca, BerkasTakTerbaca) as exc:
        print(f"DITOLAK {exc}", file=sys.stderr)
        return 2
    r = hasil.ringkasan()
    print(f"{args.path}: tingkat {NAMA_TINGKAT[hasil.tingkat]}, kolom kode {hasil.kolom_kode}, kolom nama {hasil.kolom_nama}; skema kode {hasil.skema}")
    print(
        f"  {r['fitur']} fitur: {r['cocok']} cocok ({r['cocok_kode']} kode, {r['cocok_nama']} nama, {r['cocok_padanan']} padanan), "
        f"{r['tidak_cocok']} tidak cocok, {r['ambigu']} ambigu; {r['master_tanpa_batas']} wilayah master tanpa batas"
    )
    for x in hasil.fitur[hasil.fitur["status"] != "cocok"].itertuples():
        print(f"  fitur {x.Index + 1} {x.kode_berkas or ''} {x.nama_berkas}: {x.status} ({x.catatan})")
    for x in hasil.master_tanpa_batas.itertuples():
        print(f"  master {x.kode} {x.nama}: tidak ada fitur")
    if args.laporan:
        tulis_csv(hasil.fitur.drop(columns="geometry"), args.laporan)
        print(f"  laporan pencocokan ditulis ke {args.laporan}")
    print("UJI: tidak ada yang disimpan" if args.uji else f"  {disimpan} batas wilayah disimpan")
    return 0 if r["tidak_cocok"] + r["ambigu"] == 0 else 1


def cmd_status(args: argparse.Namespace) -> int:
    df = riwayat_impor(_engine(args), args.tampil)
    if df.empty:
        print("belum ada impor")
    for r in df.itertuples(index=False):
        ditarik = f" [DITARIK {r.ditarik:%Y-%m-%d %H:%M}]" if pd.notna(r.ditarik) else ""
        print(
            f"#{r.id} {r.waktu:%Y-%m-%d %H:%M} {r.tabel:<15} {r.sumber}: {r.dibaca} dibaca, {r.dimuat} dimuat ({r.diganti} mengganti), "
            f"{r.duplikat} sudah tersimpan, {r.ditolak} ditolak{ditarik}"
        )
    return 0


def cmd_penolakan(args: argparse.Namespace) -> int:
    eng = _engine(args)
    df = penolakan_impor(eng, args.id_impor) if args.id_impor is not None else penolakan_terkini(eng)
    if args.ekspor:
        tulis_csv(df, args.ekspor)
        print(f"{len(df)} baris ditolak ditulis ke {args.ekspor}")
        return 0
    for r in df.head(args.tampil).itertuples(index=False):
        print(f"{r.berkas} baris {r.baris}: {r.alasan}")
    if len(df) > args.tampil:
        print(f"… {len(df) - args.tampil} lagi (--ekspor FILE.csv untuk semuanya)")
    if df.empty:
        print("tidak ada baris yang ditolak")
    return 0


def cmd_pengguna(args: argparse.Namespace) -> int:
    if args.aksi != "daftar" and not args.nama:
        print(f"{args.aksi}: sebutkan nama pengguna", file=sys.stderr)
        return 2
    eng = _engine(args)
    buat_skema(eng)
    try:
        if args.aksi == "daftar":
            for p in daftar_pengguna(eng):
                wilayah = "semua" if p.wilayah is None else " ".join(p.wilayah)
                print(f"{p.nama_pengguna:20} {p.peran:9} {'aktif' if p.aktif else 'nonaktif':9} {wilayah:30} {p.nama_lengkap}")
            return 0
        if args.aksi == "hapus":
            hapus_pengguna(eng, args.nama)
            print(f"pengguna {args.nama} dihapus")
            return 0
        if args.aksi == "buka-jeda":
            n = hapus_jeda(eng, args.nama)
            print(f"jeda masuk {args.nama} dibuka" if n else f"{args.nama} tidak sedang dijeda")
            return 0
        sandi = _baca_sandi(args) if args.aksi == "tambah" or args.sandi_baru else None
        if args.aksi == "tambah":
            if not args.peran or not args.wilayah:
                print("tambah: --peran dan --wilayah wajib diisi", file=sys.stderr)
                return 2
            p = tambah_pengguna(eng, args.nama, sandi, args.peran, args.wilayah, args.nama_lengkap or "")
        else:
            aktif = None if args.aktif is None else args.aktif == "ya"
            p = ubah_pengguna(eng, args.nama, sandi=sandi, peran=args.peran, kode_wilayah=args.wilayah, aktif=aktif)
    except PenggunaTidakSah as e:
        print(f"galat: {e}", file=sys.stderr)
        return 1
    print(f"pengguna {p.nama_pengguna} ({p.peran}, wilayah {'semua' if p.wilayah is None else ' '.join(p.wilayah)}) disimpan")
    return 0


def cmd_laporan(args: argparse.Namespace) -> int:
    eng = _engine(args)
    kab = daftar_kabupaten(eng)
    kode = args.wilayah or (kab["kode"].iloc[0] if len(kab) == 1 else None)
    if not kode:
        print("laporan: sebutkan --wilayah (basis data berisi lebih dari satu kabupaten)", file=sys.stderr)
        return 2
    tgl = args.tanggal or rentang_data(eng)[1]
    if tgl is None:
        print("laporan: belum ada data keluarga; sebutkan --tanggal", file=sys.stderr)
        return 2
    keluar = args.keluar or Path(f"laporan-{kode}-{tgl.isoformat()}.{args.format}")
    try:
        isi = harian.laporan(eng, kode, tgl, args.format, args.bahasa)
    except ValueError as e:
        print(f"laporan: {e}", file=sys.stderr)
        return 1
    keluar.write_bytes(isi)
    print(f"{keluar} ({len(isi) // 1024} KiB): wilayah {kode}, data per akhir {tgl.isoformat()}")
    return 0


def cmd_langganan(args: argparse.Namespace) -> int:
    from store import langganan as lg

    eng = _engine(args)
    if args.aksi == "daftar":
        for x in lg.daftar_langganan(eng):
            siapa = f"pengguna {x.nama_pengguna}" if x.nama_pengguna else f"{x.peran}, wilayah {'semua' if x.wilayah is None else ' '.join(x.wilayah)}"
            print(f"#{x.id:<4} {x.nama[:30]:30} {x.saluran:8} {x.alamat_tampil[:50]:50} {x.isi:10} {x.jam} {x.bahasa} {'aktif' if x.aktif else 'nonaktif'} ({siapa})")
        return 0
    if args.aksi == "log":
        df = lg.baca_log(eng, args.batas)
        for r in df.itertuples(index=False):
            print(f"{r.waktu:%Y-%m-%d %H:%M} #{r.id_langganan:<4} {r.penerima[:30]:30} {r.jenis:10} {r.hasil:5} x{r.percobaan} {r.subjek[:60]} {r.pesan or ''}")
        return 0
    if args.aksi in ("hapus", "nonaktif", "aktif"):
        if args.id is None:
            print(f"{args.aksi}: sebutkan --id", file=sys.stderr)
            return 2
        if args.aksi == "hapus":
            print(f"langganan #{args.id} {'dihapus' if lg.hapus_langganan(eng, args.id) else 'tidak ada'}")
        else:
            lg.atur_aktif(eng, args.id, args.aksi == "aktif")
            print(f"langganan #{args.id} {args.aksi}")
        return 0
    if not args.nama or not args.saluran or not args.alamat:
        print("tambah: --nama, --saluran dan --alamat wajib diisi", file=sys.stderr)
        return 2
    try:
        nomor = lg.tambah_langganan(
            eng, args.nama, args.saluran, args.alamat, nama_pengguna=args.pengguna, peran=args.peran, wilayah=args.wilayah, bahasa=args.bahasa, jam=args.jam, isi=args.isi
        )
    except lg.LanggananTidakSah as e:
        print(f"galat: {e}", file=sys.stderr)
        return 1
    print(f"langganan #{nomor} untuk {args.nama} disimpan")
    return 0


def cmd_kirim(args: argparse.Namespace) -> int:
    from kirim.jalan import jalankan

    eng = _engine(args)
    buat_skema(eng)
    hasil = jalankan(eng, args.sekarang, args.uji)
    if args.uji:
        for folder in hasil.folder:
            print(folder)
        print(f"{len(hasil.folder)} folder penerima ditulis di {args.uji}; tidak ada yang dikirim")
        return 0
    print(f"{hasil.terkirim} pesan terkirim, {hasil.gagal} gagal (rincian: python manage.py langganan log)")
    return 1 if hasil.gagal else 0


def _baca_sandi(args: argparse.Namespace) -> str:
    """The password from --sandi-stdin (first line of standard input, for scripts) or typed twice at a prompt."""
    if args.sandi_stdin:
        return sys.stdin.readline().rstrip("\n")
    sandi = getpass.getpass("kata sandi: ")
    if getpass.getpass("ulangi kata sandi: ") != sandi:
        raise PenggunaTidakSah("kedua kata sandi tidak sama")
    return sandi


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="manage.py", description="Pantau Regsosek: basis data, data demo, impor data lapangan dan batas wilayah.")
    ap.add_argument("--url", help="SQLAlchemy URL (bawaan: PANTAU_DB_URL, .streamlit/secrets.toml, lalu SQLite data/pantau.sqlite)")
    sub = ap.add_subparsers(dest="perintah", required=True)
    p = sub.add_parser(
        "init-db", help="buat atau migrasikan basis data (tabel, indeks, kolom baru)", description="Buat tabel dan indeks yang belum ada dan tambahkan kolom versi baru."
    )
    p.set_defaults(fungsi=cmd_init_db)
    p = sub.add_parser("demo", help="bangkitkan dan muat kampanye demo", description="Bangkitkan kampanye demo dan muat lewat jalur impor yang sama.")
    p.add_argument("--seed", type=int, default=2022)
    p.add_argument("--skala", type=float, default=1.0, help="pengali jumlah keluarga (1 = skala Kabupaten Luwu, ~95.000)")
    p.add_argument("--batas-desa", type=Path, help="berkas batas desa (GeoJSON, Shapefile, GeoPackage, mis. luwu_desa.geojson) sebagai geografi")
    p.add_argument("--batas-kecamatan", type=Path, help="berkas batas kecamatan untuk nama kecamatan")
    p.add_argument("--ganti", action="store_true", help="hapus semua isi basis data lebih dulu")
    p.set_defaults(fungsi=cmd_demo)
    p = sub.add_parser(
        "impor",
        help="impor berkas tabel kontrak data (CSV/XLSX) atau folder berisi berkas",
        description="Impor tabel kontrak data: wilayah, petugas, beban, jadwal, keluarga, laporan_harian, cek_ulang. "
        "CSV (',' ';' tab; UTF-8 atau Windows-1252) atau XLSX (lembar pertama). Tabel ditebak dari nama berkas atau kolomnya. "
        "Tiap berkas dimuat dalam satu transaksi: baris sah disimpan, baris buruk ditolak beserta alasannya.",
    )
    p.add_argument("path", type=Path, nargs="+", help="berkas atau folder")
    p.add_argument("--tabel", choices=URUTAN_TABEL, help="nama tabel bila tidak tersirat dari nama berkas")
    p.add_argument("--pemetaan", type=Path, help="berkas pemetaan kolom (kolom: tabel, kolom_berkas, kolom_kontrak)")
    p.add_argument("--kolom", action="append", metavar="ASAL=KONTRAK", help="ganti nama satu kolom, mis. --kolom KDSLS=kode_sls (boleh berulang)")
    p.add_argument("--uji", action="store_true", help="periksa saja: tampilkan yang akan dimuat dan ditolak tanpa menyimpan")
    p.add_argument("--tampil", type=int, default=20, help="jumlah penolakan yang ditampilkan per berkas")
    p.set_defaults(fungsi=cmd_impor)
    p = sub.add_parser(
        "batas",
        help="impor batas wilayah (GeoJSON, Shapefile/.zip, GeoPackage) dan cocokkan dengan master wilayah",
        description="Cocokkan fitur batas dengan master wilayah: menurut kode bila skemanya sama, selain itu menurut nama dalam wilayah induk. "
        "Fitur yang cocok disimpan; yang tidak cocok atau ambigu dilaporkan (selesaikan dengan --padanan).",
    )
    p.add_argument("path", type=Path)
    p.add_argument("--tingkat", choices=["kabupaten", "kecamatan", "desa"], help="tingkat wilayah fitur (bawaan: ditebak dari kode atau nama)")
    p.add_argument("--kolom-kode", help="kolom kode wilayah (bawaan: ditebak)")
    p.add_argument("--kolom-nama", help="kolom nama wilayah (bawaan: ditebak)")
    p.add_argument("--kolom-induk", help="kolom nama wilayah induk, mis. nama kecamatan pada berkas desa")
    p.add_argument("--kabupaten", help="batasi pencocokan ke satu kode kabupaten BPS, mis. 7317")
    p.add_argument("--padanan", type=Path, help="berkas padanan CSV/XLSX: kode_berkas (atau nama_berkas), kode")
    p.add_argument("--laporan", type=Path, help="tulis laporan pencocokan per fitur ke CSV")
    p.add_argument("--uji", action="store_true", help="cocokkan dan laporkan saja, tanpa menyimpan")
    p.set_defaults(fungsi=cmd_batas)
    p = sub.add_parser(
        "tarik",
        help="tarik satu impor seluruhnya: barisnya dihapus, versi yang digantinya dipulihkan, semua angka mengikuti",
        description="Tarik impor (lihat nomornya dengan: status) dalam satu transaksi, seolah-olah tidak pernah dimuat. "
        "Ditolak bila data dari impor lain masih merujuk barisnya (mis. keluarga dari PPL yang hanya ada di impor itu).",
    )
    p.add_argument("id_impor", type=int)
    p.set_defaults(fungsi=cmd_tarik)
    p = sub.add_parser("status", help="impor terakhir beserta jumlah baris dimuat, duplikat dan ditolak", description="Riwayat impor, terbaru dulu.")
    p.add_argument("--tampil", type=int, default=20)
    p.set_defaults(fungsi=cmd_status)
    p = sub.add_parser(
        "penolakan",
        help="baris yang ditolak: dari satu impor, atau yang masih berlaku dari impor terakhir tiap berkas",
        description="Tampilkan atau ekspor baris yang ditolak beserta berkas, nomor baris dan alasannya.",
    )
    p.add_argument("id_impor", type=int, nargs="?", help="nomor impor (lihat: status); bawaan: impor terakhir tiap berkas")
    p.add_argument("--ekspor", type=Path, help="tulis semua baris yang ditolak ke CSV")
    p.add_argument("--tampil", type=int, default=50)
    p.set_defaults(fungsi=cmd_penolakan)
    p = sub.add_parser(
        "pengguna",
        help="kelola pengguna dasbor: tambah, ubah, daftar, hapus, buka-jeda",
        description="Pengguna dan peran: admin (impor, jadwal, pengguna), pimpinan (semua data wilayahnya, termasuk nama petugas), "
        "rapat (angka agregat saja). Kata sandi disimpan sebagai hash scrypt. Setelah ada pengguna, login diwajibkan.",
    )
    p.add_argument("aksi", choices=["tambah", "ubah", "daftar", "hapus", "buka-jeda"], help="buka-jeda: lupakan percobaan masuk yang gagal dari nama itu")
    p.add_argument("nama", nargs="?", help="nama pengguna (huruf kecil, angka, . _ -)")
    p.add_argument("--peran", choices=PERAN)
    p.add_argument("--wilayah", nargs="+", metavar="KODE", help="kode provinsi/kabupaten/kecamatan BPS, mis. 7317 atau 7317010 7317020; '*' = semua")
    p.add_argument("--nama-lengkap")
    p.add_argument("--aktif", choices=["ya", "tidak"], help="ubah: aktifkan atau nonaktifkan")
    p.add_argument("--sandi-baru", action="store_true", help="ubah: ganti kata sandi")
    p.add_argument("--sandi-stdin", action="store_true", help="baca kata sandi dari baris pertama stdin (untuk skrip)")
    p.set_defaults(fungsi=cmd_pengguna)
    p = sub.add_parser(
        "laporan",
        help="buat laporan harian satu halaman (PNG atau PDF) untuk satu wilayah dan tanggal",
        description="Laporan harian: angka utama, peta selisih terhadap jadwal dan wilayah paling tertinggal, sama dengan dasbor. "
        "Dibuat tanpa internet lewat Chromium sistem; cocok untuk cron, mis. tiap pagi: python manage.py laporan --format pdf --keluar /srv/laporan/hari-ini.pdf",
    )
    p.add_argument("--wilayah", help="kode kabupaten atau kecamatan (bawaan: satu-satunya kabupaten)")
    p.add_argument("--tanggal", type=date.fromisoformat, help="keadaan per akhir tanggal ini, YYYY-MM-DD (bawaan: hari terakhir berdata)")
    p.add_argument("--format", choices=["pdf", "png"], default="pdf")
    p.add_argument("--bahasa", choices=["id", "en"], default="id")
    p.add_argument("--keluar", type=Path, help="berkas keluaran (bawaan: laporan-KODE-TANGGAL.FORMAT)")
    p.set_defaults(fungsi=cmd_laporan)
    p = sub.add_parser(
        "langganan",
        help="penerima laporan harian dan peringatan (tambah, daftar, hapus, aktif, nonaktif, log)",
        description="Penerima pesan otomatis: pengguna aplikasi (--pengguna; peran dan wilayahnya mengikuti akun) atau alamat dengan peran dan "
        "wilayah sendiri (--peran pimpinan|rapat --wilayah KODE ...). Saluran: email (SMTP) atau webhook (HTTP POST JSON).",
    )
    p.add_argument("aksi", choices=["tambah", "daftar", "hapus", "aktif", "nonaktif", "log"])
    p.add_argument("--id", type=int, help="nomor langganan (hapus, aktif, nonaktif)")
    p.add_argument("--nama", help="nama penerima")
    p.add_argument("--saluran", choices=["email", "webhook"])
    p.add_argument("--alamat", help="alamat e-mail, atau URL webhook")
    p.add_argument("--pengguna", help="nama pengguna aplikasi (peran dan wilayahnya dipakai)")
    p.add_argument("--peran", choices=["pimpinan", "rapat"], help="untuk penerima tanpa akun")
    p.add_argument("--wilayah", nargs="+", help="kode wilayah penerima tanpa akun, atau '*' untuk semua")
    p.add_argument("--bahasa", choices=["id", "en"], default="id")
    p.add_argument("--jam", default="07:00", help="laporan harian dikirim pada atau setelah jam ini (JJ:MM, waktu server)")
    p.add_argument("--isi", choices=["laporan", "peringatan", "keduanya"], default="keduanya")
    p.add_argument("--batas", type=int, default=50, help="log: berapa kiriman terakhir")
    p.set_defaults(fungsi=cmd_langganan)
    p = sub.add_parser(
        "kirim",
        help="kirim yang jatuh tempo sekarang: laporan harian dan peringatan baru (untuk cron atau systemd timer)",
        description="Kirim laporan harian ke penerima yang jamnya sudah lewat dan belum menerima hari ini, serta peringatan yang baru "
        "(sekali per wilayah dan perubahan keadaan). Jalankan tiap beberapa menit, mis. cron: */10 * * * * python manage.py kirim",
    )
    p.add_argument("--uji", type=Path, metavar="FOLDER", help="jangan kirim: tulis semua pesan tiap penerima ke FOLDER/<penerima>/")
    p.add_argument("--sekarang", type=datetime.fromisoformat, help="anggap waktu sekarang ini (YYYY-MM-DDTHH:MM), untuk uji")
    p.set_defaults(fungsi=cmd_kirim)
    return ap


if __name__ == "__main__":
    argumen = parser().parse_args()
    sys.exit(argumen.fungsi(argumen))
