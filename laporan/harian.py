"""The one-page daily report of an area (headline figures, map, most-behind areas) as PNG or PDF."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import warnings
from dataclasses import dataclass
from datetime import date, datetime

import kaleido
import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Engine

from aturan.ambang import AMBANG, AMBANG_CAKUPAN
from aturan.cakupan import total
from aturan.indikator import STATUS_PERHATIAN, STATUS_TELAT, JadwalKampanye, urut_paling_tertinggal
from aturan.kalibrasi import RekamJejak, Riwayat
from aturan.kode import PANJANG_ANAK
from aturan.proyeksi import bantuan
from geodata.layar import geojson_layar, pusat_zoom
from queries import cakupan_sls, wilayah
from queries.ikhtisar import ikhtisar
from store.baca import baca_jadwal
from tampilan import figur, gaya
from tampilan.aman import singkat, teks_plotly
from tampilan.teks import angka, isi_cakupan, keparahan_pendek, keterangan_hari, persen, poin, proyeksi_sel, t, tanggal, teks_proyeksi, teks_rekam_jejak, teks_sebab

LEBAR, TINGGI = 1240, 1754  # A4 portrait at 150 dpi
N_TERTINGGAL = 8  # rows that fit the page when the status and the cause take two lines
JAMAK = {"provinsi": "jamak_provinsi", "kabupaten": "jamak_kabupaten", "kecamatan": "jamak_kecamatan", "desa": "jamak_desa"}  # the level's name in the plural
MARGIN = {"l": 50, "r": 50, "t": 40, "b": 70}
UKURAN_PETA = (
    round((LEBAR - MARGIN["l"] - MARGIN["r"]) * 0.8),
    round((TINGGI - MARGIN["t"] - MARGIN["b"]) * 0.36),
)  # the map's pixels on the page: its domain inside the margins


@dataclass(frozen=True)
class IsiLaporan:
    """Everything on the report, computed once: the area row and its child-area rows (lengkapi), the map."""

    kode: str
    nama: str
    tanggal: date
    jadwal: JadwalKampanye
    ringkas: pd.Series
    anak: pd.DataFrame
    geojson: dict
    demo: bool = False  # made from the generated demo campaign: the page says DATA DEMO
    cakupan: dict[str, int] | None = None  # coverage counts (aturan.cakupan.total), after the first week
    rekam_jejak: RekamJejak | None = None  # how the child areas' ranges given 7+ days before have held


def kumpulkan(engine: Engine, kode: str, tgl: date, riwayat: Riwayat | None = None) -> IsiLaporan:
    """The report's figures for area kode as of the end of tgl; riwayat, the forecast's history in the area's scope
    (queries.proyeksi.baca_riwayat), is read here unless a caller that holds it passes it."""
    jadwal = baca_jadwal(engine)
    if jadwal is None:
        raise ValueError("jadwal pendataan belum diisi")
    info = wilayah.info_wilayah(engine, kode) if kode else {"nama": "Indonesia"}
    if info is None:
        raise ValueError(f"kode wilayah {kode} tidak ada di master wilayah")
    isi = ikhtisar(engine, kode, tgl, jadwal, AMBANG, riwayat)
    demo = wilayah.baca_meta(engine).get("sumber_data") == "demo"
    cakupan = None
    if AMBANG_CAKUPAN.di_kepala(jadwal.untuk(kode), tgl):  # as on the overview
        cakupan = total(cakupan_sls.per_area(engine, kode, max(7, len(kode)), tgl, AMBANG_CAKUPAN, jadwal))
    return IsiLaporan(kode, info["nama"], tgl, jadwal, isi.wilayah, isi.anak, geojson_layar(wilayah.batas_anak(engine, kode)), demo, cakupan, isi.rekam_jejak)


def baris_cakupan(jumlah: dict[str, int], bahasa: str = "id") -> str:
    """The report's one line of coverage counts."""
    return f"<b>{t('cakupan', bahasa)}:</b> " + t("ck_laporan", bahasa, **isi_cakupan(jumlah, bahasa))


def angka_kepala(isi: IsiLaporan, bahasa: str = "id") -> dict[str, tuple[str, str]]:
    """The headline figures as (value, note) text, formatted exactly as the overview's metrics."""
    r, jadwal = isi.ringkas, isi.jadwal.untuk(isi.kode)
    proyeksi, beda, _ = teks_proyeksi(r, jadwal, bahasa, pendek=True)  # as the dashboard's card says it
    return {
        t("capaian", bahasa): (
            persen(r["capaian"], 1, bahasa),
            f"{poin(r['selisih'], 1, bahasa)} {t('poin', bahasa)} · {t('vs_rencana', bahasa, x=persen(r['rencana'], 1, bahasa))}",
        ),
        t("selesai", bahasa): (angka(r["selesai"], 0, bahasa), f"{t('sasaran', bahasa)} {angka(r['sasaran'], 0, bahasa)} {t('keluarga', bahasa)}"),
        t("laju_7hari", bahasa): (angka(r["laju_7hari"], 0, bahasa), t("per_hari", bahasa)),
        t("laju_perlu", bahasa): (angka(r["laju_perlu"], 0, bahasa), t("per_hari", bahasa)),
        t("proyeksi_selesai", bahasa): (proyeksi, beda or ""),
    }


def tabel_tertinggal(isi: IsiLaporan, bahasa: str = "id", n: int = N_TERTINGGAL) -> pd.DataFrame:
    """The n child areas needing attention (behind or late, by status then selisih), with how late and why, as
    text columns for the report table (officers as counts: a report is forwarded)."""
    d = urut_paling_tertinggal(isi.anak[isi.anak["status"].isin(STATUS_PERHATIAN)]).head(n)
    baris = d.to_dict("records")
    return pd.DataFrame(
        {
            t("wilayah", bahasa): [teks_plotly(singkat(n, 40)) for n in d["nama"]],
            t("capaian", bahasa): [persen(x, 1, bahasa) for x in d["capaian"]],
            t("selisih", bahasa): [poin(x, 1, bahasa) for x in d["selisih"]],
            t("status", bahasa): [t(f"status_{s}", bahasa) if isinstance(s, str) else t("status_tanpa", bahasa) for s in d["status"]],
            t("proyeksi_selesai", bahasa): [proyeksi_sel(r | {"proyeksi_p10": None}, bahasa, pendek=True) for r in baris],  # the median
            t("keparahan_laporan", bahasa): [keparahan_pendek(r, bahasa) for r in baris],
            t("sebab", bahasa): [teks_plotly(teks_sebab(r, bahasa)) if r["status"] in STATUS_TELAT else "" for r in baris],
            t("ppl_hari_tambahan_laporan", bahasa): [angka(x, 0, bahasa) if x == x and x > 0 else "–" for x in d["ppl_hari_tambahan"]],
        }
    )


def baris_pemberi(isi: IsiLaporan, bahasa: str = "id") -> str:
    """Who could lend officers to the areas projected to miss the deadline (aturan.proyeksi.bantuan), or ''."""
    b = bantuan(isi.anak, isi.jadwal, isi.tanggal)
    if b.empty or not b["pemberi"].iloc[0]:
        return ""
    return f"{t('pemberi_bantuan', bahasa)}: {teks_plotly(singkat(b['pemberi'].iloc[0], 120))}"


def figur_laporan(isi: IsiLaporan, bahasa: str = "id", dibuat: datetime | None = None) -> go.Figure:
    """The report page as one figure: title and date, five headline boxes, the map, the most-behind table."""
    tema = gaya.LAPORAN
    tingkat = {0: "provinsi", 2: "kabupaten", 4: "kecamatan", 7: "desa"}[len(isi.kode)]
    fig = go.Figure()
    ada_peta = bool(isi.geojson["features"])
    if ada_peta:
        w = figur.warna_peta(isi.anak, "status", bahasa, tema)
        tanpa = figur.peta_cetak(fig, isi.geojson, isi.anak, w, tema, *UKURAN_PETA)
        fig.update_traces(marker_colorbar={"y": 0.57, "len": 0.34, "x": 1.0, "xanchor": "right"}, selector={"mode": "markers"})
        fig.update_layout(xaxis_domain=[0, 0.8], yaxis_domain=[0.4, 0.76])
        if tanpa:
            fig.add_annotation(**(figur.catatan_kunci_label(tanpa, bahasa, tema, UKURAN_PETA[0] + 200) | {"y": 0.395, "yanchor": "top"}))
    tabel = tabel_tertinggal(isi, bahasa)
    n_tabel = min(N_TERTINGGAL, len(tabel))
    jenis = t(JAMAK[tingkat] if n_tabel != 1 else f"tunggal_{tingkat}", bahasa)  # "1 province", "3 provinces"
    fig.add_trace(
        go.Table(
            columnwidth=[1.65, 0.9, 0.6, 1.05, 0.95, 0.95, 2.7, 0.75],
            header={
                "values": [f"<b>{k}</b>" for k in tabel.columns],
                "fill_color": "#263238",
                "font": {"color": "white", "size": 17},
                "align": "left",
                "height": 32,
                "line": {"color": "#263238"},
            },
            cells={
                "values": [tabel[k] for k in tabel.columns],
                "font": {"size": 17, "color": "#111111"},
                "align": "left",
                "height": 30,
                "fill_color": [["#ffffff", "#eceff1"] * N_TERTINGGAL],
                "line": {"color": "#506784"},
            },
            domain={"x": [0, 1], "y": [0.0, 0.32]},
        )
    )
    catatan = keterangan_hari(isi.jadwal.untuk(isi.kode), isi.tanggal, bahasa)
    if dibuat is not None:
        catatan += " · " + t("laporan_dibuat", bahasa, waktu=f"{tanggal(dibuat.date(), bahasa)} {dibuat:%H:%M}")
    teks = [
        {"text": f"<b>{t('laporan_judul', bahasa, nama=teks_plotly(isi.nama))}</b>", "y": 0.995, "size": 34},
        {"text": t("data_per", bahasa, tanggal=tanggal(isi.tanggal, bahasa)) + " · " + catatan, "y": 0.965, "size": 20},
    ]
    for i, (label, (nilai, ket)) in enumerate(angka_kepala(isi, bahasa).items()):
        x = 0.1 + i * 0.2
        teks += [
            {"text": label, "y": 0.925, "size": 20, "x": x},
            {"text": f"<b>{nilai}</b>", "y": 0.895, "size": 32 if len(nilai) <= 11 else 24, "x": x},
            {"text": ket.replace(" · ", "<br>"), "y": 0.86, "size": 15, "x": x},
        ]
    teks += [
        {"text": f"<b>{t('laporan_peta', bahasa, tingkat=t(tingkat, bahasa))}</b>", "y": 0.79, "size": 22},
        {
            "text": f"<b>{t('laporan_tertinggal', bahasa, n=n_tabel, tingkat=jenis)}</b>",
            "y": 0.355,
            "size": 22,
        },
    ]
    if pemberi := baris_pemberi(isi, bahasa):
        teks.append({"text": pemberi, "y": 0.333, "size": 16})
    if isi.cakupan is not None:
        teks.append({"text": baris_cakupan(isi.cakupan, bahasa), "y": 0.809, "size": 17})
    if not ada_peta:
        teks.append({"text": t("tanpa_batas", bahasa), "y": 0.6, "size": 20})
    kaki = t("laporan_kaki", bahasa) + "<br>" + teks_rekam_jejak(isi.rekam_jejak, PANJANG_ANAK[len(isi.kode)], bahasa)  # the forecast's track record
    catatan = [
        {
            "text": a["text"],
            "x": a.get("x", 0.0),
            "y": a["y"],
            "xanchor": "center" if "x" in a else "left",
            "font": {"size": a["size"], "color": "#111111"},
            "align": "center" if "x" in a else "left",
        }
        for a in teks
    ]
    catatan.append({"text": kaki, "x": 0, "y": -0.01, "xanchor": "left", "align": "left", "font": {"size": 14, "color": "#555555"}})
    kotak = [{"type": "rect", "x0": i * 0.2 + 0.005, "x1": i * 0.2 + 0.195, "y0": 0.815, "y1": 0.935, "line": {"color": "#90a4ae", "width": 1.5}} for i in range(5)]
    kertas = {"xref": "paper", "yref": "paper"}
    fig.update_layout(  # at once: plotly copies every annotation and shape on each add_annotation or add_shape
        annotations=[*fig.layout.annotations, *(a | kertas | {"showarrow": False, "yanchor": "top"} for a in catatan)],
        shapes=[*fig.layout.shapes, *(k | kertas for k in kotak)],
    )
    if isi.demo:
        tandai_demo(fig, bahasa)
    fig.update_layout(
        width=LEBAR,
        height=TINGGI,
        margin=MARGIN,
        paper_bgcolor="white",
        showlegend=False,
        font={"family": gaya.HURUF_LAPORAN},
    )
    return fig


def tandai_demo(fig: go.Figure, bahasa: str, di_margin: bool = False) -> go.Figure:
    """DATA DEMO on a picture: a solid badge in the top right corner and a large pale mark across the middle,
    so a forwarded or cropped picture of invented numbers cannot pass for real results. di_margin puts the badge
    in the top margin (above the plot area) instead of inside its top edge."""
    tanda = t("lencana_demo", bahasa)
    fig.add_annotation(
        text=f"<b>{tanda}</b>",
        x=1,
        y=1,
        xref="paper",
        yref="paper",
        xanchor="right",
        yanchor="bottom" if di_margin else "top",
        showarrow=False,
        font={"size": 28, "color": "white"},
        bgcolor="#c62828",
        borderpad=8,
    )
    fig.add_annotation(
        text=f"<b>{tanda}</b>",
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        textangle=-28,
        opacity=0.18,
        font={"size": 150, "color": "#c62828"},
    )
    return fig


def gambar_peta(peta: go.Figure, judul: str, keterangan: str, lebar: int = 1600, tinggi: int = 1200, demo: bool = False, bahasa: str = "id") -> bytes:
    """A PNG of a dashboard map with its title and date written on it (what 'share the map' sends)."""
    fig = go.Figure(peta)
    if demo:
        tandai_demo(fig, bahasa, di_margin=True)
    fig.update_layout(
        width=lebar,
        height=tinggi,
        margin={"l": 20, "r": 20, "t": 140, "b": 20},
        title={
            "text": f"<b>{teks_plotly(judul)}</b><br><span style='font-size:24px'>{teks_plotly(keterangan)}</span>",
            "x": 0.01,
            "y": 0.985,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 30},
            "font": {"size": 34, "color": "#111111"},
        },
        paper_bgcolor="white",
    )
    pusat, zoom = pusat_zoom(
        peta.data[0].geojson.to_plotly_json() if hasattr(peta.data[0].geojson, "to_plotly_json") else peta.data[0].geojson, lebar - 300, tinggi - 130
    )
    fig.update_layout(map_center=pusat, map_zoom=zoom)  # ekspor gives it the app's style with glyphs it can reach
    return ekspor(fig, "png", lebar, tinggi)


def ekspor(fig: go.Figure, format: str, lebar: int = LEBAR, tinggi: int = TINGGI) -> bytes:
    """PNG or PDF bytes of a figure, drawn offline by kaleido in the system Chromium. A map's names are drawn
    with the app's own glyphs (the ones the screen uses and the label placement measures), served for the
    moment of the drawing on a loopback port: kaleido's page cannot reach the app's address, and without them
    the browser would draw the names in a wider font of its own, across the borders they were kept inside."""
    if format not in ("png", "pdf"):
        raise ValueError(f"format {format!r}: pilih png atau pdf")
    if not any(d.type in ("choroplethmap", "scattermap") for d in fig.data):
        return gambar_hangat(fig, format, lebar, tinggi)
    with glif_lokal() as alamat:
        gambar = go.Figure(fig)
        gambar.update_layout(map_style=gaya_peta_lokal(alamat))
        return gambar_hangat(gambar, format, lebar, tinggi)


SATU_GAMBAR = threading.Lock()  # kaleido's server answers in the order asked, not to the caller that asked: one drawing at a time


def gambar_hangat(fig: go.Figure, format: str, lebar: int, tinggi: int) -> bytes:
    """The figure drawn by the process's one warm renderer: kaleido's sync server keeps its Chromium open between
    drawings (started by the first one, closed when the process exits), so only the first report pays the browser's start."""
    with SATU_GAMBAR:
        kaleido.start_sync_server(n=1, silence_warnings=True)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module=r"plotly\.io\._kaleido")  # its note that the server has its own options
            return fig.to_image(format=format, width=lebar, height=tinggi)


class PenanganGlif(http.server.SimpleHTTPRequestHandler):
    """Serves the glyph folder to kaleido's page (another origin: it needs the CORS header); logs nothing."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def glif_lokal():
    """The app's map glyphs on a loopback port for as long as the block runs; yields their address template."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PenanganGlif, directory=str(gaya.FOLDER_GLIF)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{{fontstack}}/{{range}}.pbf"
    finally:
        server.shutdown()
        server.server_close()


def gaya_peta_lokal(glif: str) -> dict:
    """The map style of the app's own (a white background, no tiles) with glyphs from the given address."""
    return {"version": 8, "sources": {}, "layers": [{"id": "latar", "type": "background", "paint": {"background-color": "#ffffff"}}], "glyphs": glif}


def laporan(engine: Engine, kode: str, tgl: date, format: str = "pdf", bahasa: str = "id", dibuat: datetime | None = None, riwayat: Riwayat | None = None) -> bytes:
    """The daily report of area kode as of tgl, as PNG or PDF bytes (riwayat: as for kumpulkan)."""
    return ekspor(figur_laporan(kumpulkan(engine, kode, tgl, riwayat), bahasa, dibuat or datetime.now()), format)
