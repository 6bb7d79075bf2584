"""Garbage-collector pauses on reruns: sixty date changes of the overview under AppTest, per young-pass threshold."""

# Each threshold runs in a fresh process (python scripts/ukur_gc.py URL [--ambang 700 10000 50000]); a hook on
# the collector times every full pass. Prints, per threshold, the reruns' total and slowest time and the number
# and time of full passes. The app sets its own threshold when its first page loads (dashboard.data.GC_AMBANG); the
# run overrides the young-pass count after that page.

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def satu(url: str, muda: int, putaran: int = 6) -> dict[str, float]:
    """Date changes of the overview (13 Nov back to 4 Nov, putaran times) with the young pass every muda allocations."""
    os.environ["PANTAU_DB_URL"], os.environ["PANTAU_LOGIN"] = url, "0"
    from streamlit.testing.v1 import AppTest

    penuh = {"n": 0, "ms": 0.0}
    mulai = {}

    def kait(fase: str, info: dict) -> None:
        if fase == "start":
            mulai["t"] = time.perf_counter()
        elif info["generation"] == 2:
            penuh["n"] += 1
            penuh["ms"] += (time.perf_counter() - mulai["t"]) * 1000

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.run()  # the app's first page sets its own threshold (dashboard.data); the young-pass count is overridden after it
    gc.set_threshold(muda, *gc.get_threshold()[1:])
    gc.callbacks.append(kait)
    waktu = []
    for hari in list(range(1, 11)) * putaran:
        t0 = time.perf_counter()
        at.sidebar.selectbox(key="tanggal").set_value(date(2022, 11, 14) - timedelta(days=hari)).run()
        waktu.append((time.perf_counter() - t0) * 1000)
    assert not at.exception, at.exception
    return {"muda": muda, "total_ms": sum(waktu), "terlama_ms": max(waktu), "penuh": penuh["n"], "penuh_ms": penuh["ms"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("url", help="a database with the demo campaign")
    ap.add_argument("--ambang", type=int, nargs="+", default=[700, 10_000, 50_000], help="young-pass thresholds to compare")
    ap.add_argument("--json", type=int, help=argparse.SUPPRESS)  # one threshold, in this process
    a = ap.parse_args()
    if a.json is not None:
        print(json.dumps(satu(a.url, a.json)))
        return
    print("| young pass every | total | slowest rerun | full passes | their time |\n|---|---|---|---|---|")
    for muda in a.ambang:
        keluar = subprocess.run([sys.executable, __file__, a.url, "--json", str(muda)], capture_output=True, text=True, check=True)
        r = json.loads(keluar.stdout.strip().splitlines()[-1])
        print(f"| {muda:,} allocations | {r['total_ms']:,.0f} ms | {r['terlama_ms']:.0f} ms | {r['penuh']} | {r['penuh_ms']:.0f} ms |")


if __name__ == "__main__":
    main()
