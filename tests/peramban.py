"""Helpers for the real-browser tests: the app served by `streamlit run`, pages in Debian's headless Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[1]
ARTEFAK = ROOT / "tests" / "artefak"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
ADA_CHROMIUM = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium (/usr/bin/chromium) is not installed")


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server_app(db_url: str, **env_tambahan: str):
    """The app served by `streamlit run` on a free local port against db_url; yields its URL."""
    port = port_bebas()
    env = {**os.environ, "PANTAU_DB_URL": db_url, "PANTAU_LOGIN": "0", **env_tambahan}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "streamlit_app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    log = (ARTEFAK / f"server-{port}.log").open("wb")  # read on failure; a pipe nobody drains would stall the server
    proses = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proses.kill()
        pytest.fail("streamlit did not start: " + (ARTEFAK / f"server-{port}.log").read_text(errors="replace")[-2000:])
    try:
        yield url
    except BaseException:
        log.flush()  # a failing test shows what the server said, as CI keeps no artefacts
        print("--- server log ---\n" + (ARTEFAK / f"server-{port}.log").read_text(errors="replace")[-4000:], file=sys.stderr)
        raise
    finally:
        proses.terminate()
        proses.wait(timeout=20)
        log.close()


def porsi_berwarna(png: Path) -> float:
    from PIL import Image

    im = Image.open(png).convert("HSV")
    im = im.crop((0, 0, int(im.width * 0.8), im.height))  # leave out the colour bar
    px = list(im.get_flattened_data())
    return sum(1 for _, s, v in px if s > 60 and v > 40) / len(px)


def tunggu_selesai(page) -> None:
    """Wait until the app is connected and its script has run to the end (the attributes Streamlit's own e2e tests read)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=120_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
    with contextlib.suppress(Exception):  # the status widget may already be gone
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


@contextlib.contextmanager
def halaman(url: str, lebar: int = 1600, tinggi: int = 1100, agen: str | None = None):
    """A page of the served app in headless Chromium, opened and run to completion."""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": lebar, "height": tinggi}, user_agent=agen)
        page.goto(url, timeout=120_000)
        tunggu_selesai(page)
        try:
            yield page
        finally:
            browser.close()


def pilih_tanggal(page, teks: str) -> None:
    """Choose the as-of day in the sidebar by typing it into its list ('1 Nov 2022') and pressing Enter."""
    kotak = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Keadaan per akhir hari").first
    kotak.locator("input").click()
    kotak.locator("input").fill(teks)
    page.keyboard.press("Enter")
