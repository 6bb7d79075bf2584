"""Import throughput of two checkouts side by side: the same generated campaign loaded by each, alternately, on SQLite and PostgreSQL."""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("PANTAU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

PANDUAN = """usage: python scripts/banding_impor.py --sebelum /tmp/sebelum [--keluarga 1000000] [--ulang 1] [--tanpa-pg]

Make the other checkout with `git worktree add /tmp/sebelum <commit>`. The campaign is generated once (by this
checkout's demo generator), pickled, and each checkout loads it through its own store.siapkan.muat_kampanye
(boundaries, every table, rollups) into a fresh SQLite file and a fresh PostgreSQL schema, the two checkouts
taking turns so that a busy moment of the machine hits both alike. Prints seconds and submissions/s."""


def muat(checkout: str, berkas: str, url: str) -> float:
    """Seconds the checkout takes to load the pickled campaign into url (in a process of its own)."""
    kode = (
        "import pickle, sys, time\n"
        f"sys.path.insert(0, {checkout!r})\n"
        "from store.db import buat_engine\n"
        "from store.siapkan import muat_kampanye\n"
        f"kampanye = pickle.loads(open({berkas!r}, 'rb').read())\n"
        f"eng = buat_engine({url!r})\n"
        "t0 = time.perf_counter()\n"
        "muat_kampanye(eng, kampanye)\n"
        "print(time.perf_counter() - t0)\n"
    )
    keluar = subprocess.run([sys.executable, "-c", kode], cwd=checkout, capture_output=True, text=True, check=True)
    return float(keluar.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, epilog=PANDUAN, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sebelum", required=True, help="the other checkout (a git worktree of the commit to compare with)")
    ap.add_argument("--keluarga", type=int, default=1_000_000)
    ap.add_argument("--ulang", type=int, default=1)
    ap.add_argument("--tanpa-pg", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import create_engine
    from sqlalchemy.schema import CreateSchema, DropSchema

    from demo.kampanye import KELUARGA_DASAR, buat_kampanye
    from scripts.benchmark import mesin

    folder = Path(tempfile.mkdtemp())
    kampanye = buat_kampanye(seed=2022, skala=a.keluarga / KELUARGA_DASAR)
    berkas = folder / "kampanye.pkl"
    berkas.write_bytes(pickle.dumps(kampanye))
    kiriman = len(kampanye.tabel["keluarga"])
    print(f"Machine: {mesin()}\n{kampanye.info['keluarga']:,} families, {kiriman:,} submissions\n")
    print("| checkout | database | run | seconds | submissions/s |\n|---|---|---|---|---|")
    pg = None if a.tanpa_pg else create_engine(PG_URL)
    for ulang in range(1, a.ulang + 1):
        for nama, checkout in (("before", a.sebelum), ("after", str(ROOT))):
            url = f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.sqlite'}"
            detik = muat(checkout, str(berkas), url)
            print(f"| {nama} | SQLite | {ulang} | {detik:.1f} | {kiriman / detik:,.0f} |", flush=True)
            if pg is None:
                continue
            skema = f"banding_{uuid.uuid4().hex[:8]}"
            with pg.begin() as conn:
                conn.execute(CreateSchema(skema))
            try:
                detik = muat(checkout, str(berkas), f"{PG_URL}?options=-csearch_path%3D{skema}")
                print(f"| {nama} | PostgreSQL | {ulang} | {detik:.1f} | {kiriman / detik:,.0f} |", flush=True)
            finally:
                with pg.begin() as conn:
                    conn.execute(DropSchema(skema, cascade=True))


if __name__ == "__main__":
    main()
