"""Command-line tool: create the database, load the demo, import contract tables, show import status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, select

from store import schema as s
from store.db import buat_engine, buat_skema, kosong, url_terkonfigurasi
from store.importer import URUTAN_TABEL, KolomHilang, impor_tabel
from store.siapkan import muat_demo


def _engine(args: argparse.Namespace) -> Engine:
    url = args.url or url_terkonfigurasi()[0]
    print(f"basis data: {url.split('@')[-1]}", file=sys.stderr)
    return buat_engine(url)


def baca_berkas(path: Path) -> pd.DataFrame:
    """A contract table from CSV (',' or ';', UTF-8 with or without BOM) or XLSX (first sheet), all as text."""
    if path.suffix.lower() in (".xlsx", ".xls"):
        return pd.read_excel(path, sheet_name=0, dtype=str)
    return pd.read_csv(path, sep=None, engine="python", dtype=str, encoding="utf-8-sig", keep_default_na=False, na_values=[""])


def cmd_init_db(args: argparse.Namespace) -> int:
    buat_skema(_engine(args))
    print("skema siap")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    eng = _engine(args)
    if args.ganti:
        s.metadata.drop_all(eng)
    buat_skema(eng)
    if not kosong(eng):
        print("basis data sudah berisi wilayah; pakai --ganti untuk menghapus isinya dan memuat demo", file=sys.stderr)
        return 2
    info = muat_demo(eng, seed=args.seed, skala=args.skala, berkas_desa=args.batas_desa, berkas_kecamatan=args.batas_kecamatan)
    print(f"demo dimuat: {info['keluarga']:,} keluarga, {info['sls']:,} SLS; bangkit {info['detik_bangkit']:.1f} s, muat {info['detik_muat']:.1f} s")
    return 0


def cmd_impor(args: argparse.Namespace) -> int:
    eng = _engine(args)
    buat_skema(eng)
    berkas: list[Path] = []
    for p in args.path:
        berkas += sorted(q for q in p.iterdir() if q.suffix.lower() in (".csv", ".xlsx")) if p.is_dir() else [p]
    urut = {n: i for i, n in enumerate(URUTAN_TABEL)}
    tugas = [(args.tabel or b.stem.lower(), b) for b in berkas]
    tugas.sort(key=lambda x: urut.get(x[0], 99))
    gagal = 0
    for tabel, b in tugas:
        if tabel not in urut:
            print(f"{b}: nama tabel '{tabel}' tidak dikenal (pilihan: {', '.join(URUTAN_TABEL)}); lewati", file=sys.stderr)
            gagal += 1
            continue
        try:
            hasil = impor_tabel(eng, tabel, baca_berkas(b), str(b))
        except KolomHilang as exc:
            print(f"DITOLAK {exc}", file=sys.stderr)
            gagal += 1
            continue
        print(f"{b}: {tabel}: {hasil.dibaca} dibaca, {hasil.dimuat} dimuat, {hasil.duplikat} duplikat, {hasil.jumlah_ditolak} ditolak")
        for baris, alasan, _ in hasil.ditolak.head(args.tampil).itertuples(index=False):
            print(f"  baris {baris}: {alasan}")
        if hasil.jumlah_ditolak > args.tampil:
            print(f"  … {hasil.jumlah_ditolak - args.tampil} penolakan lain (lihat: manage.py status)")
    return 1 if gagal else 0


def cmd_status(args: argparse.Namespace) -> int:
    eng = _engine(args)
    with eng.connect() as conn:
        for r in conn.execute(select(s.impor).order_by(s.impor.c.id.desc()).limit(args.tampil)):
            print(f"#{r.id} {r.waktu:%Y-%m-%d %H:%M} {r.tabel:<15} {r.sumber}: {r.baris_dibaca} dibaca, {r.baris_dimuat} dimuat, {r.baris_ditolak} ditolak")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="manage.py", description="Pantau Regsosek: basis data, data demo dan impor.")
    ap.add_argument("--url", help="SQLAlchemy URL (bawaan: PANTAU_DB_URL, .streamlit/secrets.toml, lalu SQLite data/pantau.sqlite)")
    sub = ap.add_subparsers(dest="perintah", required=True)
    p = sub.add_parser("init-db", help="buat tabel dan indeks yang belum ada")
    p.set_defaults(fungsi=cmd_init_db)
    p = sub.add_parser("demo", help="bangkitkan dan muat kampanye demo")
    p.add_argument("--seed", type=int, default=2022)
    p.add_argument("--skala", type=float, default=1.0, help="pengali jumlah keluarga (1 = skala Kabupaten Luwu, ~95.000)")
    p.add_argument("--batas-desa", type=Path, help="berkas batas desa (mis. ../shared/geodata/luwu_desa.geojson) sebagai geografi")
    p.add_argument("--batas-kecamatan", type=Path, help="berkas batas kecamatan untuk nama kecamatan")
    p.add_argument("--ganti", action="store_true", help="hapus semua isi basis data lebih dulu")
    p.set_defaults(fungsi=cmd_demo)
    p = sub.add_parser("impor", help="impor berkas tabel kontrak data (CSV/XLSX) atau satu folder berisi berkas bernama tabel")
    p.add_argument("path", type=Path, nargs="+")
    p.add_argument("--tabel", choices=URUTAN_TABEL, help="nama tabel bila tidak tersirat dari nama berkas")
    p.add_argument("--tampil", type=int, default=20, help="jumlah penolakan yang ditampilkan per berkas")
    p.set_defaults(fungsi=cmd_impor)
    p = sub.add_parser("status", help="impor terakhir beserta jumlah baris dimuat dan ditolak")
    p.add_argument("--tampil", type=int, default=20)
    p.set_defaults(fungsi=cmd_status)
    return ap


if __name__ == "__main__":
    argumen = parser().parse_args()
    sys.exit(argumen.fungsi(argumen))
