"""Run several app servers behind HAProxy (sticky sessions) against one database, on this machine."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

KONFIGURASI = """global
    maxconn 4000

defaults
    mode http
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    option forwardfor

frontend pantau
    bind 127.0.0.1:{depan}
    default_backend app

backend app
    balance roundrobin
    cookie PANTAU_SERVER insert indirect nocache httponly
    option httpchk GET /_stcore/health
{server}
"""


def konfigurasi(depan: int, port_app: list[int]) -> str:
    server = "\n".join(f"    server app{i + 1} 127.0.0.1:{p} check cookie app{i + 1}" for i, p in enumerate(port_app))
    return KONFIGURASI.format(depan=depan, server=server)


def _tunggu(url: str, detik: float = 90) -> None:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(url, timeout=2).status == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {detik:.0f} s")


@contextlib.contextmanager
def jalankan(n: int, depan: int, port_app: int, env: dict[str, str] | None = None):
    """Start n app servers and HAProxy in front of them; yield the proxy's address; stop all on exit."""
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    lingkungan = {**os.environ, **(env or {})}
    ports = [port_app + i for i in range(n)]
    proses = []
    try:
        for p in ports:
            cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.port", str(p), "--server.address", "127.0.0.1"]
            proses.append(subprocess.Popen(cmd, cwd=ROOT, env=lingkungan, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for p in ports:
            _tunggu(f"http://127.0.0.1:{p}/_stcore/health")
        berkas = Path(tempfile.mkdtemp()) / "haproxy.cfg"
        berkas.write_text(konfigurasi(depan, ports), encoding="utf-8")
        proses.append(subprocess.Popen([haproxy, "-f", str(berkas), "-db"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _tunggu(f"http://127.0.0.1:{depan}/_stcore/health")
        yield f"http://127.0.0.1:{depan}"
    finally:
        for pr in proses:
            pr.terminate()
        for pr in proses:
            with contextlib.suppress(subprocess.TimeoutExpired):
                pr.wait(timeout=20)


PANDUAN = """usage: python deploy/banyak_server.py --server 2 --port 8500 [--port-app 8601]
       (PANTAU_DB_URL must point at the shared PostgreSQL database)

Each Streamlit server keeps its sessions, caches, uploads and downloads in its own process, so a browser
must stay with the server it started on: HAProxy adds a cookie (PANTAU_SERVER) naming that server and
routes every later request and the websocket by it. New browsers are spread round-robin; a server that
fails its health check (/_stcore/health) gets no new ones. Stop everything with Ctrl-C.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__ + "\n\n" + PANDUAN, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", type=int, default=2, help="number of app servers")
    ap.add_argument("--port", type=int, default=8500, help="the proxy's port (what browsers open)")
    ap.add_argument("--port-app", type=int, default=8601, help="first app server port (the next ones follow)")
    a = ap.parse_args()
    if not os.environ.get("PANTAU_DB_URL"):
        sys.exit("set PANTAU_DB_URL to the shared PostgreSQL database first")
    with jalankan(a.server, a.port, a.port_app) as alamat:
        print(f"{a.server} app servers behind HAProxy at {alamat} (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
