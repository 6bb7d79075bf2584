"""The daily report and the shared pictures: same numbers as the dashboard, real PNG/PDF files, the CLI."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from aturan.ambang import AMBANG
from laporan import harian
from tampilan import figur, gaya
from tampilan.teks import t
from tests import rujukan
from tests.label import tak_bernama

ROOT = Path(__file__).resolve().parents[1]
TGL = date(2022, 11, 1)
perlu_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="static export needs Debian's chromium (apt install chromium)")


@pytest.mark.parametrize("tgl", [date(2022, 10, 14), TGL, date(2022, 11, 20)], ids=str)
def test_angka_laporan_sama_dengan_dasbor(buka_halaman, sqlite_kecil, kampanye_kecil, tgl):
    at = buka_halaman("dashboard/ringkasan.py", tanggal=tgl.isoformat())
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    isi = harian.kumpulkan(sqlite_kecil, kab, tgl)
    layar = {m.label: (m.value, m.delta) for m in at.metric}
    assert harian.angka_kepala(isi) == {k: (v, d or "") for k, (v, d) in layar.items()}
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 4, tgl).loc[kab]
    assert harian.angka_kepala(isi)["Selesai"][0] == f"{int(acuan['selesai']):,}".replace(",", ".")


def test_tabel_tertinggal_sama_dengan_peringkat(buka_halaman, sqlite_kecil, kampanye_kecil):
    at = buka_halaman("dashboard/peringkat.py", tanggal=TGL.isoformat())
    layar = at.dataframe[0].value
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    tabel = harian.tabel_tertinggal(harian.kumpulkan(sqlite_kecil, kab, TGL))
    n = len(tabel)
    assert list(tabel["Wilayah"]) == list(layar["nama"].head(n))
    assert list(tabel["Capaian"]) == [f"{x:.1f}%".replace(".", ",") for x in layar["capaian"].head(n)]


@perlu_chromium
def test_laporan_pdf_dan_png_berisi_angka_yang_sama(sqlite_kecil, kampanye_kecil):
    import pypdf

    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    isi = harian.kumpulkan(sqlite_kecil, kab, TGL)
    pdf = harian.ekspor(harian.figur_laporan(isi), "pdf")
    assert pdf.startswith(b"%PDF")
    halaman = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(halaman) == 1
    teks = halaman[0].extract_text()
    assert "1 Nov 2022" in teks and isi.nama in teks
    for nilai, _ in harian.angka_kepala(isi).values():
        assert nilai in teks
    for nama in harian.tabel_tertinggal(isi)["Wilayah"]:
        assert nama in teks
    png = Image.open(io.BytesIO(harian.ekspor(harian.figur_laporan(isi), "png"))).convert("RGB")
    assert png.size == (harian.LEBAR, harian.TINGGI)
    peta = png.crop((50, int(harian.TINGGI * 0.25), int(harian.LEBAR * 0.75), int(harian.TINGGI * 0.6)))
    warna = {tuple(int(gaya.WARNA_STATUS[s][i : i + 2], 16) for i in (1, 3, 5)) for s in {s for s in isi.anak["status"] if isinstance(s, str)}}
    piksel = set(peta.get_flattened_data())
    assert warna <= piksel  # every status present on the map is painted in its colour
    assert "DATA DEMO" in teks  # the test campaign is the demo generator's: the report says so


def test_laporan_menamai_setiap_kecamatan(sqlite_kecil, kampanye_kecil):
    """Every kecamatan is named on the report's map: by its name or short form inside it, or by a number keyed
    in the list under the map; and every written name's ink, measured on the font the renderer draws it with,
    lies inside its own area as the map draws it (the same pixel frame)."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    from geodata.layar import ke_piksel_peta, kotak_label

    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    isi = harian.kumpulkan(sqlite_kecil, kab, TGL)
    fig = harian.figur_laporan(isi)
    (label,) = [j for j in fig.data if j.type == "scatter" and j.mode == "text"]
    assert not tak_bernama(isi.anak["nama"], label.text, [a.text for a in fig.layout.annotations])  # names, short forms or keyed numbers
    ke_px = ke_piksel_peta(isi.geojson, *harian.UKURAN_PETA)
    bentuk = {f["id"]: ke_px(shape(f["geometry"])) for f in isi.geojson["features"]}
    assert fig.layout.xaxis.range == (0, harian.UKURAN_PETA[0]) and fig.layout.yaxis.range == (harian.UKURAN_PETA[1], 0)  # pixels, y down
    for x, y, teks, kode in zip(label.x, label.y, label.text, label.customdata, strict=True):
        baris = teks.split("<br>")
        kotak = kotak_label(
            np.array([x]), np.array([y]), max(map(figur.lebar_teks_cetak, baris)), gaya.LAPORAN.huruf_label, baris=len(baris), tinggi_baris=gaya.TINGGI_BARIS_CETAK
        )
        assert bentuk[kode].buffer(0.5).contains(shapely.box(*kotak[0])), teks


@perlu_chromium
def test_label_cetak_tergambar_di_dalam_kotak_yang_diukur():
    """The printed map draws a name where the placement's model says: the ink of a one- and a two-line name at
    56 px lies inside the box geodata.layar.kotak_label gives for the width lebar_teks_cetak measures, centred on
    its point, and is as tall as asked (the font the renderer used is the one measured, not a wider fallback)."""
    import dataclasses

    import numpy as np
    import plotly.graph_objects as go

    from geodata.layar import kotak_label

    kotak_uji = [[[-1.0, -0.5], [-0.01, -0.5], [-0.01, 0.5], [-1.0, 0.5], [-1.0, -0.5]], [[0.01, -0.5], [1.0, -0.5], [1.0, 0.5], [0.01, 0.5], [0.01, -0.5]]]
    geojson = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": k, "geometry": {"type": "Polygon", "coordinates": [c]}} for k, c in zip("ab", kotak_uji, strict=True)],
    }
    df = pd.DataFrame({"kode": ["a", "b"], "nama": ["Hjgx", "Walenrang Utara Jaya"], "sasaran": [1, 1], "status": [None, None]})
    tema = dataclasses.replace(gaya.LAPORAN, huruf_label=56, garis_batas="#ffffff")
    fig = go.Figure()
    figur.peta_cetak(fig, geojson, df, figur.warna_peta(df, "status", "id", tema), tema, 1000, 500)
    fig.update_traces(marker_showscale=False, selector={"mode": "markers"})
    fig.update_layout(width=1000, height=500, margin={"l": 0, "r": 0, "t": 0, "b": 0}, xaxis_domain=[0, 1], yaxis_domain=[0, 1], paper_bgcolor="white")
    gelap = np.asarray(Image.open(io.BytesIO(harian.ekspor(fig, "png", 1000, 500))).convert("L")) < 128
    (label,) = [j for j in fig.data if j.mode == "text"]
    assert any("<br>" in x for x in label.text)  # the long name went on two lines
    for x, y, teks in zip(label.x, label.y, label.text, strict=True):
        baris = teks.split("<br>")
        x0, y0, x1, y1 = kotak_label(np.array([x]), np.array([y]), max(map(figur.lebar_teks_cetak, baris)), 56, baris=len(baris), tinggi_baris=gaya.TINGGI_BARIS_CETAK)[0]
        kiri, kanan = (0, 500) if x < 500 else (500, 1000)
        sekitar = gelap[:, kiri:kanan]
        rows, cols = np.flatnonzero(sekitar.any(axis=1)), np.flatnonzero(sekitar.any(axis=0)) + kiri
        assert len(rows), teks
        assert y0 - 1 <= rows.min() and rows.max() <= y1 + 1, (teks, (rows.min(), rows.max()), (y0, y1))
        assert x0 - 1 <= cols.min() and cols.max() <= x1 + 1, (teks, (cols.min(), cols.max()), (x0, x1))
        assert rows.max() - rows.min() > 0.6 * 56 * len(baris)  # the size asked for
        assert cols.max() - cols.min() > 0.9 * (x1 - x0)  # as wide as measured: the measured font is the one drawn


@perlu_chromium
def test_gambar_peta_png(sqlite_kecil, kampanye_kecil, monkeypatch):
    """The shared map picture: its size, the DATA DEMO badge, the map painted, and its names drawn with the app's
    own glyphs (fetched from the loopback server ekspor runs, nothing from outside)."""
    from aturan.indikator import lengkapi
    from geodata.layar import geojson_layar
    from queries.progres import rekap_anak
    from queries.wilayah import batas_anak
    from store.baca import baca_jadwal

    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    anak = lengkapi(rekap_anak(sqlite_kecil, kab, TGL), baca_jadwal(sqlite_kecil), TGL, AMBANG)
    geojson = geojson_layar(batas_anak(sqlite_kecil, kab))
    peta = figur.peta_choropleth(geojson, anak, "capaian", label=figur.letak_label(geojson, anak, gaya.LAPORAN), tema=gaya.LAPORAN)
    diminta = []
    monkeypatch.setattr(harian.PenanganGlif, "log_message", lambda self, fmt, *a: diminta.append(fmt % a))
    gambar = Image.open(io.BytesIO(harian.gambar_peta(peta, "Kabupaten Uji", "Data per akhir 1 Nov 2022", demo=True))).convert("RGB")
    assert any("/Source%20Sans%20SemiBold/0-255.pbf" in d and '" 200 ' in d for d in diminta), diminta
    assert gambar.size == (1600, 1200)
    merah = gambar.crop((1200, 0, 1600, 145)).get_flattened_data()
    assert sum(1 for p in merah if p == (0xC6, 0x28, 0x28)) > 2000  # the DATA DEMO badge in the corner
    tengah = gambar.crop((200, 300, 1200, 1000))
    assert sum(1 for p in tengah.get_flattened_data() if p != (255, 255, 255)) > 0.3 * 1000 * 700  # the map painted


@perlu_chromium
def test_laporan_dari_baris_perintah(sqlite_kecil, kampanye_kecil, tmp_path):
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    keluar = tmp_path / "pagi.png"
    hasil = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "--url",
            str(sqlite_kecil.url),
            "laporan",
            "--wilayah",
            kab,
            "--tanggal",
            TGL.isoformat(),
            "--format",
            "png",
            "--keluar",
            str(keluar),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert hasil.returncode == 0, hasil.stderr
    assert Image.open(keluar).size == (harian.LEBAR, harian.TINGGI)
    salah = subprocess.run(
        [sys.executable, "manage.py", "--url", str(sqlite_kecil.url), "laporan", "--wilayah", "9999", "--keluar", str(tmp_path / "x.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert salah.returncode == 1 and "9999 tidak ada" in salah.stderr and not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(("halaman", "bahasa"), [("ringkasan", "id"), ("peringkat", "id"), ("peringkat", "en"), ("cakupan", "id"), ("petugas", "id")])
def test_setiap_unduhan_dari_data_demo_bertanda(buka_halaman, unduhan_tertunda, halaman, bahasa):
    """Every file a page offers from demo data says so: DATA-DEMO in its name, and in every row of a table
    (first column); the pictures and the report carry the mark drawn on them (tested above)."""
    import pandas as pd

    at = buka_halaman(f"dashboard/{halaman}.py", lang=bahasa)
    unduhan = unduhan_tertunda(at)
    assert unduhan, "no download on the page"
    tanda = t("lencana_demo", bahasa)
    for label, (nama, buat) in unduhan.items():
        assert nama.split("-", 1)[-1].startswith("DATA-DEMO-") or nama.startswith("DATA-DEMO-"), (label, nama)
        if nama.endswith(".csv"):
            tabel = pd.read_csv(io.BytesIO(buat()), encoding="utf-8-sig")
        elif nama.endswith(".xlsx"):
            tabel = pd.read_excel(io.BytesIO(buat()))
        else:
            assert nama.endswith((".png", ".pdf")), nama
            continue
        assert tabel.columns[0] == tanda and len(tabel) and (tabel[tanda] == tanda).all(), (label, nama)


def test_judul_tabel_tunggal_dan_jamak(sqlite_kecil):
    """The table's heading counts in the right number: '1 province', 'n districts (kecamatan)'."""
    isi = harian.kumpulkan(sqlite_kecil, "", TGL)  # the nation: the test campaign's one province
    judul = [a.text for a in harian.figur_laporan(isi, "en").layout.annotations if "needing attention" in a.text]
    assert len(isi.anak) == 1 and judul == ["<b>1 province needing attention (by status, then gap)</b>"]
    kab = isi.anak["kode"].iloc[0] + "01"
    isi = harian.kumpulkan(sqlite_kecil, kab, TGL)
    n = len(harian.tabel_tertinggal(isi, "en"))
    judul = [a.text for a in harian.figur_laporan(isi, "en").layout.annotations if "needing attention" in a.text]
    assert n > 1 and judul == [f"<b>{n} districts (kecamatan) needing attention (by status, then gap)</b>"]
