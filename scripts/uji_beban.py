"""Load test: many concurrent dashboard sessions changing the as-of date, as websocket clients of a running app."""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tampilan.teks import tanggal_hari  # the project, from the path set just above

ID_TANGGAL = re.compile(rb"\$\$ID-[0-9a-f]{32}-tanggal")
BATAS_DETIK = 30.0


class Sesi:
    """One dashboard session over a websocket."""

    def __init__(self, ws):
        self.ws = ws
        self.id_tanggal: str | None = None
        self.halaman = ""

    async def jalankan(self, keadaan) -> bool:
        """Send one rerun; wait for the run to finish. True when the page raised no exception."""
        pesan = BackMsg()
        pesan.rerun_script.CopyFrom(keadaan)
        await self.ws.send(pesan.SerializeToString())
        sehat = True
        while True:
            data = await asyncio.wait_for(self.ws.recv(), BATAS_DETIK)
            f = ForwardMsg()
            f.ParseFromString(data)
            jenis = f.WhichOneof("type")
            if jenis == "delta" and f.delta.WhichOneof("type") == "new_element":
                unsur = f.delta.new_element
                if unsur.WhichOneof("type") == "exception":
                    sehat = False
                if self.id_tanggal is None and (cocok := ID_TANGGAL.search(data)):
                    self.id_tanggal = cocok.group().decode()
            elif jenis == "new_session":
                self.halaman = f.new_session.page_script_hash or self.halaman
            elif jenis == "script_finished":
                return sehat


def _keadaan(query: str = "", id_tanggal: str | None = None, tgl: date | None = None, halaman: str = "", nama_halaman: str = ""):
    from streamlit.proto.ClientState_pb2 import ClientState

    k = ClientState(query_string=query, page_script_hash=halaman, page_name=nama_halaman)
    if id_tanggal and tgl:
        w = WidgetState(id=id_tanggal)
        w.string_value = tanggal_hari(tgl, "id")  # the as-of day list sends the chosen option's label
        k.widget_states.widgets.append(w)
    return k


async def klien(alamat: str, akhir: float, jeda: float, hasil: dict, acak: random.Random, query: str, halaman: str) -> None:
    ws_alamat = alamat.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
    try:
        async with websockets.connect(ws_alamat, subprotocols=["streamlit"], max_size=None, open_timeout=BATAS_DETIK) as ws:
            sesi = Sesi(ws)
            if not await sesi.jalankan(_keadaan(query, nama_halaman=halaman)):
                hasil["galat"] += 1
            while time.monotonic() < akhir:
                tgl = date(2022, 10, 15) + timedelta(days=acak.randrange(0, 31))
                t0 = time.monotonic()
                sehat = await sesi.jalankan(_keadaan("", sesi.id_tanggal, tgl, sesi.halaman))
                hasil["waktu"].append(time.monotonic() - t0)
                if not sehat:
                    hasil["galat"] += 1
                await asyncio.sleep(jeda * acak.uniform(0.5, 1.5))
    except (TimeoutError, OSError, websockets.WebSocketException) as e:
        hasil["galat"] += 1
        hasil["pesan"].append(f"{type(e).__name__}: {e}"[:120])


async def uji(alamat: str, sesi: int, detik: float, jeda: float, query: list[str] | None = None, halaman: str = "") -> dict:
    """Run the sessions; session i opens query[i % len(query)] (many district heads, each on their own area)."""
    query = query or ["tanggal=2022-11-05"]
    hasil = {"waktu": [], "galat": 0, "pesan": []}
    akhir = time.monotonic() + detik
    await asyncio.gather(*(klien(alamat, akhir, jeda, hasil, random.Random(i), query[i % len(query)], halaman) for i in range(sesi)))
    return hasil


PANDUAN = """usage: python scripts/uji_beban.py http://127.0.0.1:8501 [--sesi 50] [--detik 60] [--jeda 1.0]
       [--halaman petugas] [--query "prov=99&kab=9901&tanggal=2022-11-05" --query "prov=99&kab=9902" ...]

Each client speaks Streamlit's own protocol, like a browser tab: it opens a page (the overview unless
--halaman names another by its address) with the query string of a shared link (several --query are
dealt out over the sessions, so each can watch another area), then keeps choosing
another day (a rerun with the date widget changed) and waits for the run to finish. Reported: reruns done,
p50/p95/max response (from sending the change to the end of the script run) and errors (exceptions on the
page, lost connections, runs over 30 s). Works through a reverse proxy (sticky cookie) too.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__ + "\n\n" + PANDUAN, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("alamat", help="the app's address, e.g. http://127.0.0.1:8501 (or the proxy's)")
    ap.add_argument("--sesi", type=int, default=50, help="concurrent sessions")
    ap.add_argument("--detik", type=float, default=60, help="how long the sessions keep changing dates")
    ap.add_argument("--jeda", type=float, default=1.0, help="mean think time between changes, seconds")
    ap.add_argument("--halaman", default="", help="page address to open, e.g. petugas (default: the overview)")
    ap.add_argument("--query", action="append", help="query string of the opening link; repeat to give sessions different areas")
    a = ap.parse_args()
    hasil = asyncio.run(uji(a.alamat, a.sesi, a.detik, a.jeda, a.query, a.halaman))
    w = sorted(hasil["waktu"])
    if not w:
        print(f"no rerun completed; errors: {hasil['galat']} {hasil['pesan'][:3]}")
        sys.exit(1)
    p95 = w[min(len(w) - 1, int(0.95 * len(w)))]
    ringkas = f"{len(w):,} reruns | p50 {statistics.median(w) * 1000:.0f} ms | p95 {p95 * 1000:.0f} ms | max {w[-1] * 1000:.0f} ms"
    print(f"| {a.halaman or 'ringkasan'} | {a.sesi} sessions, {a.detik:.0f} s | {ringkas} | errors {hasil['galat']} |")
    for p in hasil["pesan"][:5]:
        print("  ", p)
    sys.exit(1 if hasil["galat"] else 0)


if __name__ == "__main__":
    main()
