"""Time a start of the app as a new user sees it: from `streamlit run` in a checkout until the overview's map is painted in Chromium."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

PANDUAN = """usage: python scripts/ukur_mulai.py [--port 8611]

Runs `streamlit run streamlit_app.py` in a clone of this repository (made with git clone in a temporary
folder) on the embedded default database, with no PANTAU_DB_URL, and opens the overview in Debian's headless
Chromium. Prints when the server answered, when the map's element appeared and when the script finished.
The clone is started twice: first without a database (the demo campaign is generated and loaded), then
with the database the first start made."""


def satu_kali(klon: Path, port: int) -> tuple[float, float, float]:
    import playwright.sync_api as pw

    env = {k: v for k, v in os.environ.items() if not k.startswith("PANTAU_DB")} | {"PANTAU_LOGIN": "0"}
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true", "--server.port", str(port)]
    proses = subprocess.Popen(cmd, cwd=klon, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        server = time.perf_counter() - t0
        with pw.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/", timeout=180_000)
            page.wait_for_selector(".maplibregl-canvas", timeout=180_000)
            peta = time.perf_counter() - t0
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=180_000)
            selesai = time.perf_counter() - t0
            browser.close()
    finally:
        proses.terminate()
        proses.wait(timeout=30)
    return server, peta, selesai


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, epilog=PANDUAN, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=8611)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from scripts.benchmark import mesin

    folder = Path(tempfile.mkdtemp())
    klon = folder / "klon"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(klon)], check=True)
    print(f"Machine: {mesin()}\n\n| start | server answers | map painted | page finished |\n|---|---|---|---|")
    try:
        for nama in ("fresh clone (demo generated and loaded)", "again (database in place)"):
            server, peta, selesai = satu_kali(klon, a.port)
            print(f"| {nama} | {server:.1f} s | {peta:.1f} s | {selesai:.1f} s |", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
