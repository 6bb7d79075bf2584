"""Security probe: many sign-in attempts at the same moment, as websocket clients of a running app; counts the checked ones."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tampilan.teks import TEKS

BATAS_DETIK = 60.0
JAWABAN = {"masuk_gagal": "diperiksa", "terlalu_sering": "dijeda"}  # the sign-in page's messages: checked and wrong / paused


class Formulir:
    """One browser tab at the sign-in page: its websocket and the form's widget IDs."""

    def __init__(self, ws):
        self.ws = ws
        self.id_nama = self.id_sandi = self.id_tombol = None
        self.halaman = ""

    async def jalankan(self, keadaan: ClientState) -> str:
        """Send one rerun and wait for it to finish; what the page said (see jawaban)."""
        pesan = BackMsg()
        pesan.rerun_script.CopyFrom(keadaan)
        await self.ws.send(pesan.SerializeToString())
        peringatan, formulir = [], False
        while True:
            f = ForwardMsg()
            f.ParseFromString(await asyncio.wait_for(self.ws.recv(), BATAS_DETIK))
            jenis = f.WhichOneof("type")
            if jenis == "new_session":
                self.halaman = f.new_session.page_script_hash or self.halaman
            elif jenis == "delta" and f.delta.WhichOneof("type") == "new_element":
                unsur = f.delta.new_element
                macam = unsur.WhichOneof("type")
                if macam == "text_input":
                    if unsur.text_input.id.endswith("-masuk_nama"):
                        self.id_nama, formulir = unsur.text_input.id, True
                    elif unsur.text_input.id.endswith("-masuk_sandi"):
                        self.id_sandi = unsur.text_input.id
                elif macam == "button" and unsur.button.is_form_submitter:
                    self.id_tombol = unsur.button.id
                elif macam == "alert":
                    peringatan.append(unsur.alert.body)
            elif jenis == "script_finished":
                return jawaban(peringatan, formulir)

    def isian(self, nama: str, sandi: str) -> ClientState:
        keadaan = ClientState(page_script_hash=self.halaman)
        for wid, nilai in ((self.id_nama, nama), (self.id_sandi, sandi)):
            keadaan.widget_states.widgets.append(WidgetState(id=wid, string_value=nilai))
        keadaan.widget_states.widgets.append(WidgetState(id=self.id_tombol, trigger_value=True))
        return keadaan


def jawaban(peringatan: list[str], formulir: bool) -> str:
    """What the page said: 'diperiksa' (wrong password), 'dijeda' (paused), 'masuk' (signed in: the form is gone)
    or 'lain' (the form again, with neither message)."""
    for kunci, arti in JAWABAN.items():
        awal = {TEKS[kunci][b].split("{")[0] for b in ("id", "en")}
        if any(p.startswith(tuple(awal)) for p in peringatan):
            return arti
    return "lain" if formulir else "masuk"


async def coba(alamat: str, n: int, nama: str, sandi: str) -> list[str]:
    """Open n sign-in pages, then submit all n forms at the same moment; each one's answer."""
    ws_alamat = alamat.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
    sambungan = [await websockets.connect(ws_alamat, subprotocols=["streamlit"], max_size=None, open_timeout=BATAS_DETIK) for _ in range(n)]
    try:
        formulir = [Formulir(ws) for ws in sambungan]
        await asyncio.gather(*(f.jalankan(ClientState()) for f in formulir))
        if any(None in (f.id_nama, f.id_sandi, f.id_tombol) for f in formulir):
            raise RuntimeError("no sign-in form on the page (are logins on?)")
        return list(await asyncio.gather(*(f.jalankan(f.isian(nama, sandi)) for f in formulir)))
    finally:
        for ws in sambungan:
            await ws.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("alamat", help="the app's address (or the proxy's), e.g. http://127.0.0.1:8501")
    ap.add_argument("--sesi", type=int, default=40, help="sign-in attempts sent at once, each from its own session")
    ap.add_argument("--nama", required=True, help="the user name to try")
    ap.add_argument("--sandi", default="salah-sandi-123", help="the password to try (a wrong one by default)")
    a = ap.parse_args()
    hasil = asyncio.run(coba(a.alamat, a.sesi, a.nama, a.sandi))
    print(" ".join(f"{k}={hasil.count(k)}" for k in ("diperiksa", "dijeda", "masuk", "lain")))


if __name__ == "__main__":
    main()
