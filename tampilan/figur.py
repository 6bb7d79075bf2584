"""Figure builders: the choropleth and the cumulative progress chart; they return figures, pages draw."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import itertools
import json
import logging
import subprocess
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import shapely
from PIL import ImageFont
from plotly.colors import hex_to_rgb

from aturan.ambang import AMBANG
from aturan.indikator import PERINGKAT_STATUS, STATUS_PERHATIAN, STATUS_TELAT, Jadwal, urut_paling_tertinggal
from geodata.layar import jalur_piksel, pusat_zoom, tata_label, ukuran_isi
from tampilan import gaya
from tampilan.aman import singkat, teks_plotly
from tampilan.teks import PEMISAH, angka, keparahan_pendek, persen, poin, proyeksi_sel, t, tanggal, teks_sebab


def _berbahasa(buat):
    """Figure builders with a bahasa argument draw Plotly's own numbers (axes, hovers) with that language's separators,
    and hover boxes in dark text on white (the theme's grey on white reads at about 3.7:1)."""
    tanda = inspect.signature(buat)

    @functools.wraps(buat)
    def bungkus(*args, **kwargs):
        ikat = tanda.bind(*args, **kwargs)
        ikat.apply_defaults()
        return buat(*args, **kwargs).update_layout(separators=PEMISAH[ikat.arguments["bahasa"]], hoverlabel=gaya.LABEL_SOROT)

    return bungkus


def _nilai_warna_status(df: pd.DataFrame) -> np.ndarray:
    """Each area's status as its rank (worst first), so the colour is the status itself; a late area sits a
    quarter below its rank when severe (full colour) and a quarter above when mild (gaya.skala_status)."""
    rank = np.array([PERINGKAT_STATUS[s if isinstance(s, str) else None] for s in df["status"]], dtype=float)
    if "parah" not in df:
        return rank
    telat = df["status"].isin(STATUS_TELAT).to_numpy()
    return rank + np.where(telat, np.where(df["parah"].to_numpy(dtype=bool), -0.25, 0.25), 0.0)


NAIK_MAKS = {"naik_1hari": 8.0, "naik_7hari": 40.0}  # colour-scale tops, points gained per day / week


def warna_peta(df: pd.DataFrame, metrik: str, bahasa: str, tema: gaya.Tema = gaya.LAYAR) -> dict:
    """z values and colour axis for a map metric: status, capaian, naik_1hari, naik_7hari or proyeksi."""
    tanpa = df["sasaran"] <= 0
    if metrik == "status":
        skala, zmin, zmax = gaya.skala_status(tema.warna_status)
        urut = list(PERINGKAT_STATUS)
        label = [t(f"status_{s or 'tanpa'}", bahasa) for s in urut]
        return {
            "z": _nilai_warna_status(df),
            "skala": skala,
            "zmin": zmin,
            "zmax": zmax,
            "tick": list(range(len(urut))),
            "label": label,
            "judul": t("legenda_status_parah" if df["status"].isin(STATUS_TELAT).any() else "legenda_status", bahasa, n=angka(AMBANG.hari_parah, 0, bahasa)),
        }
    if metrik == "capaian":
        skala, zmin, zmax = gaya.skala_capaian()
        capaian = df["capaian"].fillna(0).to_numpy(dtype=float)
        z = np.where(tanpa, zmin / 2, np.where(capaian >= 100, (100 + zmax) / 2, capaian.clip(0, 99.99)))
        tick = [zmin / 2, *gaya.PITA_CAPAIAN[:-1], (100 + zmax) / 2]
        label = [t("status_tanpa", bahasa), *[angka(x, 0, bahasa) for x in gaya.PITA_CAPAIAN[:-1]], "≥100"]
        return {"z": z, "skala": skala, "zmin": zmin, "zmax": zmax, "tick": tick, "label": label, "judul": t("legenda_capaian", bahasa)}
    if metrik in NAIK_MAKS:
        atas = NAIK_MAKS[metrik]
        skala, zmin, zmax = gaya.skala_kontinu(gaya.SKALA_NAIK, 0.0, atas, atas * 0.12)
        z = np.where(tanpa, zmin / 2, df[metrik].clip(0, atas).fillna(0))
        tick = [zmin / 2, 0, atas / 2, atas]
        label = [t("status_tanpa", bahasa), "0", angka(atas / 2, 0, bahasa), "≥" + angka(atas, 0, bahasa)]
        return {"z": z, "skala": skala, "zmin": zmin, "zmax": zmax, "tick": tick, "label": label, "judul": t(f"legenda_{metrik}", bahasa)}
    if metrik == "proyeksi":
        skala, zmin, zmax = gaya.skala_proyeksi()
        selesai = (df["sasaran"] > 0) & (df["sisa"] == 0)
        z = np.where(
            selesai,
            (zmin + gaya.PROYEKSI_MIN) / 2,
            np.where(df["hari_terlambat"].isna() | tanpa, (gaya.PROYEKSI_MAX + zmax) / 2, df["hari_terlambat"].clip(gaya.PROYEKSI_MIN, gaya.PROYEKSI_MAX)),
        )
        tick = [(zmin + gaya.PROYEKSI_MIN) / 2, (gaya.PROYEKSI_MIN + 0.5) / 2, 4, (7.5 + gaya.PROYEKSI_MAX) / 2, (gaya.PROYEKSI_MAX + zmax) / 2]
        label = [t(k, bahasa) for k in ("proy_tercapai", "proy_tepat", "proy_telat_pendek", "proy_telat_panjang", "proy_tanpa")]
        return {"z": z, "skala": skala, "zmin": zmin, "zmax": zmax, "tick": tick, "label": label, "judul": t("legenda_proyeksi", bahasa)}
    raise ValueError(f"metrik peta tidak dikenal: {metrik}")


def data_hover(df: pd.DataFrame, bahasa: str) -> np.ndarray:
    """Pre-formatted hover fields (so numbers and dates follow the chosen language)."""
    status_teks = df["status"].map(lambda s: t(f"status_{s}", bahasa) if isinstance(s, str) else t("status_tanpa", bahasa))
    kolom = [k for k in ("sasaran", "sisa", "proyeksi_selesai", "proyeksi_p10", "proyeksi_p90") if k in df]
    proy = [proyeksi_sel(dict(zip(kolom, nilai, strict=True)), bahasa) for nilai in zip(*(df[k] for k in kolom), strict=True)]
    return np.column_stack(
        [
            [teks_plotly(n) for n in df["nama"]],
            [persen(x, 1, bahasa) for x in df["capaian"]],
            [persen(x, 1, bahasa) for x in df["rencana"]],
            [poin(x, 1, bahasa) for x in df["selisih"]],
            [angka(x, 0, bahasa) for x in df["selesai"]],
            [angka(x, 0, bahasa) for x in df["sasaran"]],
            status_teks,
            [poin(x, 1, bahasa) for x in df["naik_1hari"]],
            proy,
        ]
    )


def _hover(bahasa: str) -> str:
    return (
        "<b>%{customdata[0]}</b><br>"
        f"{t('capaian', bahasa)}: %{{customdata[1]}}<br>"
        f"{t('rencana', bahasa)}: %{{customdata[2]}}<br>"
        f"{t('selisih', bahasa)}: %{{customdata[3]}} {t('poin', bahasa)} (%{{customdata[6]}})<br>"
        f"{t('selesai', bahasa)}/{t('sasaran', bahasa)}: %{{customdata[4]}} / %{{customdata[5]}}<br>"
        f"{t('sejak_kemarin', bahasa)}: %{{customdata[7]}} {t('poin', bahasa)}<br>"
        f"{t('proyeksi_selesai', bahasa)}: %{{customdata[8]}}<extra></extra>"
    )


def tema_pas(geojson: dict, tema: gaya.Tema, lebar: int) -> gaya.Tema:
    """The screen theme for a map whose plot is lebar px wide (its column less the colour bar), as tall as its
    areas need up to the theme's height."""
    lebar = max(200, lebar)
    return dataclasses.replace(tema, lebar_peta=lebar, tinggi_peta=max(240, ukuran_isi(geojson, lebar, tema.tinggi_peta)[1]))


def pusat_peta(geojson: dict, tema: gaya.Tema) -> tuple[dict, float]:
    """The map's centre and zoom: the areas fitted to the map, or, with a key beside it (tema.lebar_kunci), fitted
    to the part left of the key and the centre moved east so they sit there."""
    lebar = tema.lebar_peta - tema.lebar_kunci
    pusat, zoom = pusat_zoom(geojson, lebar, tema.tinggi_peta)
    if tema.lebar_kunci:
        skala = 512 * 2**zoom / 360  # px per degree of longitude
        pusat = {"lon": pusat["lon"] + tema.lebar_kunci / 2 / skala, "lat": pusat["lat"]}
    return pusat, zoom


def _tata_peta(fig: go.Figure, geojson: dict, tema: gaya.Tema = gaya.LAYAR, w: dict | None = None) -> go.Figure:
    """Centre, zoom and size a map; on a phone (tema.bilah_datar) the colour key w goes under it as a wrapped list."""
    pusat, zoom = pusat_peta(geojson, tema)
    fig.update_layout(
        map_style=gaya.GAYA_PETA,
        map_center=pusat,
        map_zoom=zoom,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=tema.tinggi_peta,
        font={"size": tema.huruf},
        clickmode="event+select",
    )
    if tema.bilah_datar and w is not None:
        fig.update_traces(showscale=False, selector={"type": "choroplethmap"})
        legenda = legenda_datar(w, tema)
        fig.add_annotation(**legenda)
        tambah = tinggi_kunci(legenda["text"].count("<br>") + 1, dataclasses.replace(tema, huruf_label=tema.huruf))
        fig.update_layout(margin={"b": tambah}, height=tema.tinggi_peta + tambah)
    return fig


def _warna_di(skala: list, posisi: float) -> str:
    """The colour a (hex, possibly stepped) plotly colour scale gives at posisi in [0, 1], interpolated in RGB."""
    posisi = min(1.0, max(0.0, posisi))
    for (p0, c0), (p1, c1) in itertools.pairwise(skala):
        if p0 <= posisi <= p1:
            f = 0.0 if p1 == p0 else (posisi - p0) / (p1 - p0)
            a, b = hex_to_rgb(c0), hex_to_rgb(c1)
            return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))
    return skala[-1][1]


def legenda_datar(w: dict, tema: gaya.Tema) -> dict:
    """A map's colour key as wrapped text under it, for a phone: its title, then '■ label' for each band in the
    band's own colour (sampled from the scale), every label upright and readable."""
    warna = [_warna_di(w["skala"], (z - w["zmin"]) / (w["zmax"] - w["zmin"]) + 1e-6) for z in w["tick"]]  # a tick on a band's edge: the band above
    butir = [f"<span style='color:{c}'>■</span> {teks_plotly(lb)}" for c, lb in zip(warna, w["label"], strict=True)]
    polos = [f"■ {lb}" for lb in w["label"]]
    per_baris = (tema.lebar_gambar or tema.lebar_peta) / tema.huruf - 1
    baris, sekarang, lebar = [f"<b>{w['judul'].replace('<br>', ' ')}</b>"], "", 0.0  # a title from the texts, never from data
    for b, p in zip(butir, polos, strict=True):
        if sekarang and lebar + lebar_teks_peta("   " + p) > per_baris:
            baris.append(sekarang)
            sekarang, lebar = "", 0.0
        sekarang += ("   " if sekarang else "") + b
        lebar += lebar_teks_peta(("   " if lebar else "") + p)
    baris.append(sekarang)
    return catatan_peta("<br>".join(baris), tema.huruf)


def catatan_peta(teks: str, huruf: int, x: float = 0, y: float = 0) -> dict:
    """A left-aligned block of text on a map figure, its top-left corner at (x, y) of the plot (paper units)."""
    return {
        "text": teks,
        "x": x,
        "y": y,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": huruf, "color": gaya.WARNA_TEKS},
        "align": "left",
    }


def jejak_peta(geojson: dict | str, df: pd.DataFrame, w: dict, bahasa: str, tema: gaya.Tema = gaya.LAYAR) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=geojson,
        locations=df["kode"],
        z=w["z"],
        zmin=w["zmin"],
        zmax=w["zmax"],
        colorscale=w["skala"],
        customdata=data_hover(df, bahasa),
        hovertemplate=_hover(bahasa),
        marker_line_color=tema.garis_batas,
        marker_line_width=tema.tebal_garis,
        colorbar=_bilah_warna(w, tema),
    )


def _bilah_warna(w: dict, tema: gaya.Tema) -> dict:
    bilah = {
        "title": {"text": w["judul"], "font": {"size": tema.huruf, "color": gaya.WARNA_TEKS}},
        "tickvals": w["tick"],
        "ticktext": w["label"],
        "tickfont": {"size": tema.huruf, "color": gaya.WARNA_TEKS},
        "thickness": 22 if tema.huruf < 20 else 34,
        "len": 0.9,
    }
    if tema.bilah_datar:
        bilah |= {
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.02,
            "yanchor": "top",
            "len": 1.0,
            "thickness": 14,
            "title": {"text": w["judul"], "side": "top"},
        }
    return bilah


def nama_label(df: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """(code, name) of each area as written on a map: bounded in length, hashable for the cache."""
    return tuple((k, singkat(n, 40)) for k, n in zip(df["kode"], df["nama"], strict=True))


@functools.cache
def _maju_huruf_peta() -> dict[str, float]:
    return json.loads((gaya.FOLDER_GLIF / gaya.HURUF_PETA / "maju.json").read_text(encoding="utf-8"))


def lebar_teks_peta(teks: str) -> float:
    """A map label's width in em, from the advances of the glyphs the map draws it with (scripts/buat_glif.py)."""
    maju = _maju_huruf_peta()
    return sum(maju.get(c, 0.6) for c in teks)


@functools.cache
def _huruf_cetak() -> ImageFont.FreeTypeFont | None:
    """The bold font file fontconfig resolves the printed map's label family to: the one Chromium draws it with."""
    try:
        berkas = subprocess.run(["fc-match", "-f", "%{file}", f"{gaya.HURUF_LABEL_CETAK}:bold"], capture_output=True, text=True, timeout=10, check=True).stdout
        return ImageFont.truetype(berkas, 1000)
    except (OSError, subprocess.SubprocessError) as e:
        logging.getLogger(__name__).warning("huruf label cetak tidak terukur (%s): lebar dianggap %s em per huruf", e, gaya.LEBAR_EM_CETAK)
        return None


def lebar_teks_cetak(teks: str) -> float:
    """A printed map label's width in em, measured on the font file the renderer draws it with (kerning left out:
    it only narrows a word), or a wide guess per character where that file cannot be found."""
    huruf = _huruf_cetak()
    return huruf.getlength(teks) / 1000 if huruf is not None else gaya.LEBAR_EM_CETAK * len(teks)


def peta_cetak(fig: go.Figure, geojson: dict, df: pd.DataFrame, w: dict, tema: gaya.Tema, lebar: int, tinggi: int) -> list[str]:
    """A choropleth for a picture, drawn as SVG on the figure's x/y axes (which the caller places as lebar x tinggi
    pixels): one path per area in the pixel frame of pusat_zoom, filled from the numeric colour scale w at its z,
    the colour bar of that scale, and the names placed by tata_label in that same frame and measured on the very
    font the renderer draws them with. No WebGL, no map glyphs: a renderer paints it in a fraction of a second.
    Returns the key of numbered names to write under the map."""
    jalur = jalur_piksel(geojson, lebar, tinggi)
    z = dict(zip(df["kode"], w["z"], strict=True))
    garis = {"color": tema.garis_batas, "width": tema.tebal_garis}
    bidang = [
        {"type": "path", "path": d, "xref": "x", "yref": "y", "fillrule": "evenodd", "line": garis, "layer": "below"}
        | {"fillcolor": _warna_di(w["skala"], (z[k] - w["zmin"]) / (w["zmax"] - w["zmin"]))}
        for k, d in jalur.items()
        if k in z and d
    ]
    fig.update_layout(shapes=[*fig.layout.shapes, *bidang])  # at once: plotly copies every shape on each add_shape
    skala = {"colorscale": w["skala"], "cmin": w["zmin"], "cmax": w["zmax"], "color": [w["zmin"]], "showscale": True, "colorbar": _bilah_warna(w, tema)}
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", marker=skala, hoverinfo="skip", showlegend=False))  # carries the colour bar only
    nama = dict(nama_label(df))
    letak, tanpa = tata_label(geojson, nama, lebar, tinggi, tema.huruf_label, ukur=lebar_teks_cetak, tinggi_baris=gaya.TINGGI_BARIS_CETAK)
    if len(letak):
        fig.add_trace(
            go.Scatter(
                x=letak["x"],
                y=letak["y"],
                text=teks_label(letak),
                customdata=letak["kode"],
                mode="text",
                textfont={"size": tema.huruf_label, "color": gaya.WARNA_TEKS, "family": gaya.HURUF_LABEL_CETAK + ", sans-serif", "weight": "bold"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    sumbu = {"visible": False, "fixedrange": True}
    fig.update_layout(xaxis=sumbu | {"range": [0, lebar]}, yaxis=sumbu | {"range": [tinggi, 0]}, plot_bgcolor="white")
    return kunci_label(letak, tanpa, nama)


def letak_label(geojson: dict, df: pd.DataFrame, tema: gaya.Tema, lebar: int | None = None, tinggi: int | None = None) -> tuple[pd.DataFrame, list[str]]:
    """geodata.layar.tata_label for this map's areas at the theme's map size (pages use the cached data.letak_label)."""
    lebar = lebar or tema.lebar_peta - tema.lebar_kunci
    return tata_label(geojson, dict(nama_label(df)), lebar, tinggi or tema.tinggi_peta, tema.huruf_label, ukur=lebar_teks_peta)


def tinggi_kunci(baris: int, tema: gaya.Tema) -> int:
    """Pixels the key of numbered names takes under a map: baris lines at the labels' size."""
    return round(tema.huruf_label * 1.3) * baris + 8 if baris else 0


def muat_label(tema: gaya.Tema, df: pd.DataFrame, geojson: dict, letak: Callable[[int, int], tuple[pd.DataFrame, list[str]]], bahasa: str = "id"):
    """Place the names on a map whose figure (map and key) must keep the theme's height (a wall: tema.tinggi_gambar).
    The key of numbered names goes where it costs the map nothing if it can: in columns beside the areas, in the width
    their shape leaves free (a tall kabupaten on a wide screen); else in lines under the map, which then gives up its
    height, the names placed again on the shorter map until the key fits. letak(lebar, tinggi) places them on a map
    of that size, the key's column left out (data.letak_label from the pages, letak_label in tests). Returns the
    placement and the theme it was made for."""
    if tema.tinggi_gambar is None:
        return letak(tema.lebar_peta, tema.tinggi_peta), tema
    nama = dict(nama_label(df))
    bebas = tema.lebar_peta - ukuran_isi(geojson, tema.lebar_peta, tema.tinggi_gambar)[0] - tema.huruf_label // 2
    if bebas >= KOLOM_KUNCI_MIN * tema.huruf_label:
        samping = dataclasses.replace(tema, tinggi_peta=tema.tinggi_gambar, lebar_kunci=int(bebas))
        hasil = letak(samping.lebar_peta - samping.lebar_kunci, samping.tinggi_peta)
        kunci = kunci_label(*hasil, nama)
        if not kunci or samping.lebar_kunci / _kolom_kunci(len(kunci), samping) >= KOLOM_KUNCI_MIN * tema.huruf_label:
            return hasil, samping
    baris = 0
    for _ in range(6):
        bawah = dataclasses.replace(tema, tinggi_peta=max(120, tema.tinggi_gambar - tinggi_kunci(baris, tema)))
        hasil = letak(bawah.lebar_peta, bawah.tinggi_peta)
        kunci = kunci_label(*hasil, nama)
        perlu = catatan_kunci_label(kunci, bahasa, bawah)["text"].count("<br>") + 1 if kunci else 0
        if perlu <= baris:
            break
        baris = perlu
    return hasil, bawah


KOLOM_KUNCI_MIN = 7  # em: a key column beside the map narrower than this cuts too many names


def _baris_kunci_muat(tema: gaya.Tema) -> int:
    return max(1, (tema.tinggi_peta - 8) // round(tema.huruf_label * 1.3))


def _kolom_kunci(n: int, tema: gaya.Tema) -> int:
    """Columns a key of n names (and its heading) takes beside a map of the theme's height."""
    return -(-(n + 1) // _baris_kunci_muat(tema))


def catatan_kunci_samping(kunci: list[str], bahasa: str, tema: gaya.Tema) -> list[dict]:
    """The key in the column tema.lebar_kunci at the map's right: one name a line, as large as the names on the map,
    in as many columns as the map's height needs; a name too long for its column is cut with an ellipsis."""
    huruf, kolom = tema.huruf_label, _kolom_kunci(len(kunci), tema)
    lebar_kolom = tema.lebar_kunci / kolom
    isi = [t("kunci_label", bahasa).rstrip(": ")] + [_pangkas_em(k, lebar_kolom / huruf - 0.6) for k in kunci]
    n = _baris_kunci_muat(tema)
    kiri = [1 - (tema.lebar_kunci - i * lebar_kolom) / tema.lebar_peta for i in range(kolom)]
    return [catatan_peta("<br>".join(teks_plotly(b) for b in isi[i * n : (i + 1) * n]), huruf, kiri[i], 1) for i in range(kolom)]


def jejak_label(letak: pd.DataFrame, tanpa: list[str], df: pd.DataFrame, tema: gaya.Tema) -> tuple[list, list[str]]:
    """Name labels for a map nobody can hover over (a wall, a forwarded picture), placed by tata_label, in dark
    text that reads on every fill colour and on the white around the areas. Returns the text trace and the key to
    write beside the map: '3 Walenrang Utara' for areas numbered for lack of room, then areas with no room at all."""
    nama = dict(nama_label(df))
    jejak = []
    if len(letak):
        jejak.append(
            go.Scattermap(
                lon=letak["lon"],
                lat=letak["lat"],
                text=teks_label(letak),
                mode="text",
                textfont={"size": tema.huruf_label, "color": gaya.WARNA_TEKS, "family": gaya.HURUF_PETA},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    return jejak, kunci_label(letak, tanpa, nama)


def teks_label(letak: pd.DataFrame) -> list[str]:
    """Each placed name as plotly text: escaped, its lines joined by <br>."""
    return ["<br>".join(teks_plotly(b) for b in x.split("\n")) for x in letak["teks"]]


def kunci_label(letak: pd.DataFrame, tanpa: list[str], nama: dict[str, str]) -> list[str]:
    """The key of a labelled map: '3 Walenrang Utara' for areas numbered for lack of room, then areas with no room at all."""
    bernomor = letak[letak["nomor"] > 0].sort_values("nomor")
    return [f"{n} {nama[k]}" for n, k in zip(bernomor["nomor"], bernomor["kode"], strict=True)] + [nama[k] for k in tanpa]


def _pangkas_em(teks: str, em: float) -> str:
    """teks cut (with an ellipsis) to at most em wide."""
    if lebar_teks_peta(teks) <= em:
        return teks
    while teks and lebar_teks_peta(teks + "…") > em:
        teks = teks[:-1]
    return teks.rstrip() + "…"


@_berbahasa
def peta_choropleth(
    geojson: dict,
    df: pd.DataFrame,
    metrik: str,
    bahasa: str = "id",
    tema: gaya.Tema = gaya.LAYAR,
    alamat: str | None = None,
    label: tuple[pd.DataFrame, list[str]] | None = None,
) -> go.Figure:
    """Choropleth of areas (df from aturan.indikator.lengkapi) coloured by one map metric. With alamat (the
    address of the same layer as a static file) the figure carries that address instead of the geometry.
    With label (where the names go: letak_label), every area carries its name, or a number keyed below the map."""
    w = warna_peta(df, metrik, bahasa, tema)
    fig = _tata_peta(go.Figure(jejak_peta(alamat or geojson, df, w, bahasa, tema)), geojson, tema, w)
    if label is not None:
        _tambah_label(fig, label, df, bahasa, tema)
    return fig


def _tambah_label(fig: go.Figure, label: tuple[pd.DataFrame, list[str]], df: pd.DataFrame, bahasa: str, tema: gaya.Tema) -> None:
    """Write the placed names on a map figure, with the key of numbered names beside the areas (tema.lebar_kunci) or
    under whatever the figure already has below the map (a phone's colour key, a slider)."""
    jejak, tanpa = jejak_label(*label, df, tema)
    fig.add_traces(jejak)
    if tanpa and tema.lebar_kunci:  # the key in its column beside the areas, one name a line
        for kolom in catatan_kunci_samping(tanpa, bahasa, tema):
            fig.add_annotation(**kolom)
    elif tanpa:  # the key goes below, which keeps the map the size the names were placed for
        kunci = catatan_kunci_label(tanpa, bahasa, tema) | {"y": -fig.layout.margin.b / tema.tinggi_peta}
        fig.add_annotation(**kunci)
        tambah = tinggi_kunci(kunci["text"].count("<br>") + 1, tema)
        fig.update_layout(margin={"b": fig.layout.margin.b + tambah}, height=fig.layout.height + tambah)


def catatan_kunci_label(kunci: list[str], bahasa: str, tema: gaya.Tema, lebar: int | None = None) -> dict:
    """The key under a labelled map ('1 Walenrang Utara · 2 …'), as large as its names, wrapped to the map's width."""
    huruf = tema.huruf_label
    per_baris = (lebar or tema.lebar_gambar or tema.lebar_peta) / huruf - 1  # em
    baris, sekarang = [], t("kunci_label", bahasa)
    for k in kunci:
        if sekarang and lebar_teks_peta(sekarang + " · " + k) > per_baris:
            baris.append(sekarang)
            sekarang = ""
        sekarang += (" · " if sekarang and not sekarang.endswith(": ") else "") + k
    baris.append(sekarang)
    return catatan_peta("<br>".join(teks_plotly(b) for b in baris), huruf)


@_berbahasa
def peta_mulai(geojson: dict, df: pd.DataFrame, bahasa: str = "id", tema: gaya.Tema = gaya.LAYAR, alamat: str | None = None) -> go.Figure:
    """Areas shaded by the share of their SLS started (df from aturan.cakupan.hitung_per_area, with nama);
    an area with no SLS of workload is grey."""
    skala, zmin, zmax = gaya.skala_kontinu(gaya.SKALA_CAPAIAN, 0.0, 100.0, 12.0)
    ada = df["jumlah_sls"] > 0
    z = np.where(ada, df["persen_mulai"].fillna(0).clip(0, 100), zmin / 2)
    w = {
        "skala": skala,  # the scale and its ends: a phone writes the key under the map in the bands' own colours
        "zmin": zmin,
        "zmax": zmax,
        "judul": t("legenda_mulai", bahasa),
        "tick": [zmin / 2, 0, 50, 100],
        "label": [t("status_tanpa", bahasa), persen(0, 0, bahasa), persen(50, 0, bahasa), persen(100, 0, bahasa)],
    }
    keterangan = [
        "<br>".join(
            [
                t("ck_hover", bahasa, mulai=angka(m, 0, bahasa), jumlah=angka(j, 0, bahasa), persen=persen(p, 0, bahasa)),
                t("ck_hover_belum", bahasa, n=angka(b, 0, bahasa), k=angka(k, 0, bahasa)),
            ]
        )
        for m, j, p, b, k in zip(df["sls_mulai"], df["jumlah_sls"], df["persen_mulai"].fillna(0), df["belum_mulai"], df["sasaran_belum"], strict=True)
    ]
    jejak = go.Choroplethmap(
        geojson=alamat or geojson,
        locations=df["kode"],
        z=z,
        zmin=zmin,
        zmax=zmax,
        colorscale=skala,
        customdata=[teks_plotly(n) for n in df["nama"]],
        text=keterangan,
        hovertemplate="<b>%{customdata}</b><br>%{text}<extra></extra>",
        marker_line_color=tema.garis_batas,
        marker_line_width=tema.tebal_garis,
        colorbar=_bilah_warna(w, tema),
    )
    return _tata_peta(go.Figure(jejak), geojson, tema, w)


LEBAR_BILAH_WARNA = 150  # px of a screen map's figure that its colour bar takes, beside the plot
LEBAR_TOMBOL_PUTAR = 90  # px the play and pause buttons take left of the animation's slider


@_berbahasa
def peta_animasi(
    geojson: dict,
    per_hari: dict,
    metrik: str,
    bahasa: str = "id",
    alamat: str | None = None,
    tema: gaya.Tema = gaya.LAYAR,
    label: tuple[pd.DataFrame, list[str]] | None = None,
) -> go.Figure:
    """Map animated over the days of the campaign: geometry once, one frame of values per day; with label (where the
    names go: letak_label for tema), the names stay on the map through every frame, the key under the slider.

    per_hari maps each date to the lengkapi() frame of that day (same areas, same order)."""
    hari = list(per_hari)
    awal = per_hari[hari[-1]]
    w = warna_peta(awal, metrik, bahasa, tema)
    fig = _tata_peta(go.Figure(jejak_peta(alamat or geojson, awal, w, bahasa, tema)), geojson, tema, w)  # a phone: colour key under the map
    bawah = fig.layout.margin.b or 0  # px under the map before the slider
    y = -bawah / tema.tinggi_peta - 0.02
    lebar = tema.lebar_peta + (0 if tema.bilah_datar else LEBAR_BILAH_WARNA)
    semua = pd.concat(per_hari.values(), ignore_index=True)  # every day's values formatted at once, then cut per day
    z, hover = np.asarray(warna_peta(semua, metrik, bahasa, tema)["z"]), data_hover(semua, bahasa)
    batas = np.cumsum([0, *(len(df) for df in per_hari.values())])
    fig.frames = [go.Frame(name=str(d), data=[go.Choroplethmap(z=z[a:b], customdata=hover[a:b])]) for d, a, b in zip(hari, batas[:-1], batas[1:], strict=True)]
    langkah = [{"args": [[str(d)], {"frame": {"duration": 0, "redraw": True}, "mode": "immediate"}], "label": tanggal(d, bahasa)[:-5], "method": "animate"} for d in hari]
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "showactive": False,
                "x": 0.0,
                "y": y,
                "xanchor": "left",
                "yanchor": "top",
                "buttons": [
                    {
                        "label": "▶ " + t("putar", bahasa),
                        "method": "animate",
                        "args": [None, {"frame": {"duration": 450, "redraw": True}, "fromcurrent": False, "transition": {"duration": 0}}],
                    },
                    {"label": "❚❚", "method": "animate", "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]},
                ],
            }
        ],
        sliders=[
            {
                "active": len(hari) - 1,
                "steps": langkah,
                "x": (x := max(0.14, LEBAR_TOMBOL_PUTAR / lebar)),  # right of the buttons, however narrow the screen
                "len": 1 - x,
                "y": y,
                "currentvalue": {"prefix": t("tanggal_data", bahasa) + ": "},
                "pad": {"t": 10},
            }
        ],
    )
    fig.update_layout(height=tema.tinggi_peta + bawah + 90, margin={"b": bawah + 90})
    if label is not None:  # a frame's data replaces trace 0 only: the names (trace 1) stay
        _tambah_label(fig, label, awal, bahasa, tema)
    return fig


@_berbahasa
def grafik_kumulatif(seri: pd.DataFrame, sasaran: int, jadwal: Jadwal, sampai: date, bahasa: str = "id") -> go.Figure:
    """Cumulative capaian by day against the plan line, with the as-of date marked."""
    awal = jadwal.mulai - timedelta(days=1)
    akhir = max(jadwal.selesai, sampai)
    hari = pd.date_range(awal, akhir, freq="D").date
    per_hari = seri.set_index("tanggal")["selesai_hari"] if len(seri) else pd.Series(dtype="int64")
    kumulatif = pd.Series([per_hari[per_hari.index <= d].sum() for d in hari], index=hari)
    realisasi = kumulatif[kumulatif.index <= sampai] / sasaran * 100 if sasaran else kumulatif[kumulatif.index <= sampai] * np.nan
    rencana = [jadwal.rencana_persen(d) for d in hari]
    label = [tanggal(d, bahasa) for d in hari]
    fig = go.Figure()
    for nama, x, y, gaya_garis, teks in (
        (t("rencana", bahasa), list(hari), rencana, {"color": gaya.WARNA_RENCANA, "dash": "dash", "width": 3}, label),
        (t("realisasi", bahasa), list(realisasi.index), realisasi.to_numpy(), {"color": gaya.WARNA_REALISASI, "width": 4}, label[: len(realisasi)]),
    ):
        fig.add_trace(
            go.Scatter(x=x, y=y, name=nama, mode="lines", line=gaya_garis, customdata=teks, hovertemplate="%{customdata}: %{y:.1f}%<extra>" + nama + "</extra>")
        )
    fig.add_vline(x=sampai, line_width=2, line_color="#333333", line_dash="dot")
    fig.add_annotation(  # in the margin above the plot, clear of the plan line that runs along the top at 100%
        x=sampai,
        y=1.0,
        yref="paper",
        yanchor="bottom",
        text=t("hari_ini", bahasa, tanggal=tanggal(sampai, bahasa)),
        showarrow=False,
        xanchor="right",
        font={"size": gaya.UKURAN_HURUF},
    )
    fig.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"size": gaya.UKURAN_HURUF},
        yaxis={"title": t("capaian", bahasa) + " (%)", "rangemode": "tozero", "ticksuffix": "%"},
        xaxis={"range": [awal, akhir], "tickvals": list(hari[1::7]), "ticktext": [tanggal(d, bahasa)[:-5] for d in hari[1::7]]},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


@_berbahasa
def kecil_majemuk(seri: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Small multiples: cumulative capaian of each area against its own plan (seri: nama, tanggal, capaian, rencana)."""
    n = seri["nama"].nunique()
    kolom = 4 if n > 6 else max(n, 1)
    baris = -(-n // kolom)
    panjang = seri.assign(nama=seri["nama"].map(teks_plotly)).melt(id_vars=["nama", "tanggal"], value_vars=["rencana", "capaian"], var_name="jenis", value_name="persen")
    panjang["jenis"] = panjang["jenis"].map({"rencana": t("rencana", bahasa), "capaian": t("realisasi", bahasa)})
    fig = px.line(
        panjang,
        x="tanggal",
        y="persen",
        color="jenis",
        facet_col="nama",
        facet_col_wrap=kolom,
        facet_row_spacing=0.3 / max(baris, 1),
        color_discrete_map={t("rencana", bahasa): gaya.WARNA_RENCANA, t("realisasi", bahasa): gaya.WARNA_REALISASI},
        line_dash="jenis",
        line_dash_map={t("rencana", bahasa): "dash", t("realisasi", bahasa): "solid"},
    )
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=", 1)[-1], font={"size": 14}))
    fig.update_yaxes(title=None, range=[0, 110], ticksuffix="%", dtick=50)
    fig.update_xaxes(title=None)
    _sumbu_tanggal(fig, seri["tanggal"], bahasa, "%{y:.1f}%")
    fig.update_layout(
        height=190 * baris + 80,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "title": None},
        font={"size": 13},
    )
    return fig


@_berbahasa
def grafik_harian(seri: pd.DataFrame, sasaran: int, bahasa: str = "id") -> go.Figure:
    """Families per day (bars) with the 7-day average (line); seri: tanggal, selesai_hari (every day)."""
    rata = seri["selesai_hari"].rolling(7, min_periods=1).mean()
    label = [tanggal(d, bahasa) for d in seri["tanggal"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=seri["tanggal"],
            y=seri["selesai_hari"],
            name=t("keluarga_per_hari", bahasa),
            marker_color=gaya.SKALA_CAPAIAN[2],
            customdata=label,
            hovertemplate="%{customdata}: %{y:,.0f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=seri["tanggal"],
            y=rata,
            name=t("rata_7hari", bahasa),
            mode="lines",
            line={"color": gaya.WARNA_REALISASI, "width": 4},
            customdata=label,
            hovertemplate="%{customdata}: %{y:,.0f}<extra></extra>",
        )
    )
    fig.update_layout(
        height=340,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        font={"size": gaya.UKURAN_HURUF},
        legend={"orientation": "h", "y": -0.2},
        bargap=0.15,
    )
    fig.update_xaxes(tickvals=list(seri["tanggal"][::7]), ticktext=[tanggal(d, bahasa)[:-5] for d in seri["tanggal"][::7]])
    return fig


@_berbahasa
def peta_panas(matriks: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Area x day heatmap of daily progress in points of capaian (matriks: index nama, columns dates)."""
    hari = list(matriks.columns)
    fig = go.Figure(
        go.Heatmap(
            z=matriks.to_numpy(),
            x=[tanggal(d, bahasa)[:-5] for d in hari],
            y=[teks_plotly(n) for n in matriks.index],
            colorscale=[[i / (len(gaya.SKALA_PANAS) - 1), w] for i, w in enumerate(gaya.SKALA_PANAS)],
            zmin=0,
            zmax=max(1.0, float(np.nanpercentile(matriks.to_numpy(), 98))),
            colorbar={"title": {"text": t("poin_per_hari", bahasa)}},
            hovertemplate="%{y} · %{x}: %{z:.1f} " + t("poin", bahasa) + "<extra></extra>",
        )
    )
    fig.update_layout(height=28 * len(matriks) + 120, margin={"l": 10, "r": 10, "t": 10, "b": 10}, font={"size": 14}, yaxis={"autorange": "reversed"})
    return fig


@_berbahasa
def batang_hasil(df: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Share of families by current result code per area (df: nama, hasil_1..hasil_5), stacked bars."""
    total = df[[f"hasil_{k}" for k in range(1, 6)]].sum(axis=1).replace(0, np.nan)
    fig = go.Figure()
    for k in range(1, 6):
        fig.add_trace(
            go.Bar(
                y=[teks_plotly(n) for n in df["nama"]],
                x=df[f"hasil_{k}"] / total * 100,
                name=t(f"hasil_{k}", bahasa),
                orientation="h",
                marker_color=gaya.WARNA_HASIL[k],
                customdata=[angka(v, 0, bahasa) for v in df[f"hasil_{k}"]],
                hovertemplate="%{y}: %{x:.1f}% (%{customdata})<extra>" + t(f"hasil_{k}", bahasa) + "</extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        height=26 * len(df) + 120,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font={"size": 14},
        legend={"orientation": "h", "y": -0.08, "traceorder": "normal"},
        yaxis={"autorange": "reversed"},
    )
    fig.update_xaxes(ticksuffix="%", range=[0, 100])
    return fig


@_berbahasa
def histogram_laju(ppl: pd.DataFrame, bahasa: str = "id") -> go.Figure:
    """Distribution of families per active day across PPL, with the median required pace marked."""
    nilai = ppl["per_hari_aktif"].dropna()
    perlu = float(ppl.loc[ppl["sisa"] > 0, "laju_perlu"].median()) if (ppl["sisa"] > 0).any() else np.nan
    fig = go.Figure(go.Histogram(x=nilai, nbinsx=30, marker_color=gaya.SKALA_CAPAIAN[2], hovertemplate="%{x}: %{y} PPL<extra></extra>"))
    if np.isfinite(perlu):
        fig.add_vline(x=perlu, line_width=3, line_dash="dash", line_color=gaya.WARNA_STATUS["kritis"])
        fig.add_annotation(x=perlu, y=1.02, yref="paper", text=t("laju_perlu_median", bahasa, x=angka(perlu, 1, bahasa)), showarrow=False, font={"size": 14})
    fig.update_layout(height=330, margin={"l": 10, "r": 10, "t": 40, "b": 10}, font={"size": 14}, xaxis_title=t("per_hari_aktif", bahasa), yaxis_title="PPL", bargap=0.05)
    return fig


@_berbahasa
def grafik_tim(harian: pd.DataFrame, anggota: list[str], label: dict[str, str], bahasa: str = "id") -> go.Figure:
    """Daily families of each PPL of one team, stacked."""
    fig = go.Figure()
    for p in anggota:
        s = harian[harian["id_ppl"] == p]
        nama = teks_plotly(label.get(p, p))
        fig.add_trace(go.Bar(x=s["tanggal"], y=s["selesai_hari"], name=nama, hovertemplate="%{y}<extra>" + nama + "</extra>"))
    fig.update_layout(
        barmode="stack",
        height=340,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        font={"size": 14},
        legend={"orientation": "h", "y": -0.2},
        yaxis_title=t("keluarga_per_hari", bahasa),
    )
    _sumbu_tanggal(fig, harian["tanggal"], bahasa, "%{y}")
    return fig


def _sumbu_tanggal(fig: go.Figure, hari, bahasa: str, isi: str, n: int = 4) -> None:
    """Dates on a time axis and in its hover in the language's own form ('23 Okt'), not Plotly's English '%d/%m'."""
    semua = sorted({pd.Timestamp(d).date() for d in hari})
    if semua:
        terpilih = semua[:: max(1, -(-len(semua) // n))]
        fig.update_xaxes(tickvals=terpilih, ticktext=[tanggal(d, bahasa)[:-5] for d in terpilih])
    for jejak in fig.data:
        jejak.customdata = [tanggal(pd.Timestamp(x).date(), bahasa)[:-5] for x in (jejak.x if jejak.x is not None else [])]
        lama = jejak.hovertemplate or ""
        jejak.hovertemplate = "%{customdata}: " + isi + (lama[lama.find("<extra>") :] if "<extra>" in lama else "")


BARGAP_TERTINGGAL = 0.25  # the share of a row between the bars needing attention


@_berbahasa
def batang_tertinggal(df: pd.DataFrame, bahasa: str = "id", tema: gaya.Tema = gaya.LAYAR, n: int = 10, tinggi: int | None = None, sebab: bool = False) -> go.Figure:
    """The n areas needing attention: capaian bars coloured by status, the plan marked, '45,2% (−14,8) · telat 3 hr'
    written on each; with sebab, why each late area is late under its name (in counts: a wall has no officer
    names). Given a height, no more bars than fit it at a readable size."""
    if tinggi:
        n = min(n, max(3, (tinggi - 110) // (tema.huruf * (3 if sebab else 2) + 8)))
    d = urut_paling_tertinggal(df[df["status"].isin(STATUS_PERHATIAN)]).head(n)
    warna = [tema.warna_status.get(s if isinstance(s, str) else None, tema.warna_status[None]) for s in d["status"]]
    teks = [
        f"{persen(r['capaian'], 1, bahasa)} ({poin(r['selisih'], 1, bahasa)})" + (f" · {k}" if (k := keparahan_pendek(r, bahasa)) else "") for r in d.to_dict("records")
    ]
    nama = [teks_plotly(singkat(x)) for x in d["nama"]]
    if sebab:
        alasan = [teks_sebab(r, bahasa) if r["status"] in STATUS_TELAT else "" for r in d.to_dict("records")]
        nama = [f"{x}<br><span style='font-size:{round(tema.huruf * 0.7)}px'>{teks_plotly(singkat(a, 70))}</span>" if a else x for x, a in zip(nama, alasan, strict=True)]
    atas = max(100.0, float(np.nanmax(d[["capaian", "rencana"]].to_numpy(dtype=float), initial=0.0)) * 1.05)
    x = d["capaian"].fillna(0)
    baris = np.arange(len(d))  # rows on a numeric axis named by ticktext, so the plan tick can span exactly a bar's height
    fig = go.Figure(go.Bar(x=x, y=baris, orientation="h", marker_color=warna, name=t("capaian", bahasa), hoverinfo="skip", zorder=0))
    separuh = (1 - BARGAP_TERTINGGAL) / 2
    rencana = d["rencana"].to_numpy(dtype=float)
    ada = np.flatnonzero(~np.isnan(rencana))
    fig.add_trace(  # the plan: one tick per bar, as tall as the bar
        go.Scatter(
            x=np.column_stack([rencana[ada], rencana[ada], np.full(len(ada), np.nan)]).ravel(),  # x, x, gap per tick
            y=(baris[ada, None] + np.array([-separuh, separuh, np.nan])).ravel(),
            mode="lines",
            line={"width": 4, "color": gaya.WARNA_RENCANA},
            showlegend=False,
            hoverinfo="skip",
            zorder=1,
        )
    )
    fig.add_trace(  # its key: a vertical tick, as drawn
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "line-ns", "size": tema.huruf * 1.6, "line": {"width": 4, "color": gaya.WARNA_RENCANA}},
            name=t("rencana", bahasa),
        )
    )
    fig.add_trace(  # the text on a clear copy of the bars, over the plan tick: a short bar's text runs past it
        go.Bar(
            x=x,
            y=baris,
            orientation="h",
            marker={"color": "rgba(0,0,0,0)"},
            text=teks,
            textposition="inside",
            insidetextanchor="start",
            textfont={"size": tema.huruf, "color": gaya.WARNA_TEKS, "shadow": gaya.HALO_TEKS},
            constraintext="none",
            customdata=nama,
            showlegend=False,
            hovertemplate="%{customdata}: %{text}<extra></extra>",
            zorder=2,
        )
    )
    fig.update_layout(
        height=tinggi or (tema.huruf * 2 + 8) * len(d) + 110,
        margin={"l": 10, "r": 30, "t": round(tema.huruf * 0.7 * 1.4) + 6, "b": 10},
        font={"size": tema.huruf},
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "tickvals": baris,
            "ticktext": nama,
            "showgrid": False,
            "zeroline": False,
            "tickfont": {"size": tema.huruf, "color": gaya.WARNA_TEKS},
        },
        xaxis={"range": [0, atas], "ticksuffix": "%", "title": None, "tickfont": {"size": tema.huruf * 0.8}},
        legend={"orientation": "h", "y": -0.05 - 30 / max(300, (tema.huruf * 2 + 8) * len(d)), "x": 0, "font": {"size": tema.huruf * 0.8}},
        bargap=BARGAP_TERTINGGAL,
        barmode="overlay",
    )
    fig.add_annotation(  # what the bars say and their order, above them
        text=t("batang_keterangan", bahasa),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font={"size": tema.huruf * 0.7, "color": gaya.WARNA_TEKS},
    )
    return fig


def tabel_besar(
    kolom: list[str], isi: list[list[str]], tema: gaya.Tema = gaya.LAYAR, rata: list[str] | None = None, tinggi: int | None = None, lebar: list[float] | None = None
) -> go.Figure:
    """A plain table drawn as a figure (for the meeting screen and the report): kolom are headers, isi columns of text,
    lebar the columns' relative widths (the first three times the others unless given). Given a height, only the
    rows that fit whole below a two-line header (and one spare line for a name that wraps) are drawn."""
    tinggi_baris = int(tema.huruf * 1.9)
    if tinggi:
        isi = [k[: max(1, (tinggi - 20) // tinggi_baris - 3)] for k in isi]
    baris = len(isi[0]) if isi else 0
    fig = go.Figure(
        go.Table(
            columnwidth=lebar or [3] + [1] * (len(kolom) - 1),
            header={
                "values": [f"<b>{teks_plotly(k)}</b>" for k in kolom],
                "fill_color": "#263238",
                "font": {"color": "white", "size": tema.huruf},
                "align": rata or "left",
                "height": tinggi_baris,
            },
            cells={
                "values": [[teks_plotly(x) for x in k] for k in isi],
                "fill_color": [["#ffffff", "#eceff1"] * (baris // 2 + 1)],
                "font": {"size": tema.huruf, "color": "#111111"},
                "align": rata or "left",
                "height": tinggi_baris,
            },
        )
    )
    # room for a header of two lines (long headers wrap), so the last row is never cut off
    fig.update_layout(height=tinggi or tinggi_baris * (baris + 2) + 20, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


@_berbahasa
def peta_titik(
    geojson: dict, nama_desa: dict[str, str], titik: pd.DataFrame, malam: pd.Series, toleransi_m: float, bahasa: str = "id", alamat: str | None = None
) -> go.Figure:
    """One PPL's interview points over the desa polygons of their SLS: inside the desa, outside it (beyond the GPS
    tolerance), at night, and at night outside as four marker colours, every desa named on the map. titik: lintang, bujur, waktu_mulai,
    hasil, jarak_desa (no family ID); malam: whether each point's interview started at night. With alamat (the address of
    a static layer holding these desa) the figure carries that address instead of the geometry."""
    kode = [f["id"] for f in geojson["features"]]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=alamat or geojson,
            locations=kode,
            z=[0] * len(kode),
            zmin=0,
            zmax=1,
            colorscale=[[0, gaya.WARNA_DESA_TITIK], [1, gaya.WARNA_DESA_TITIK]],
            showscale=False,
            marker_line_color=gaya.WARNA_TEKS,
            marker_line_width=1,
            hoverinfo="skip",
        )
    )
    _tata_peta(fig, geojson)
    pusat = [shapely.geometry.shape(f["geometry"]).representative_point() for f in geojson["features"]]
    fig.add_trace(
        go.Scattermap(
            lon=[p.x for p in pusat],
            lat=[p.y for p in pusat],
            text=[teks_plotly(singkat(nama_desa.get(k, k), 28)) for k in kode],
            mode="text",
            textfont={"size": 13, "color": gaya.WARNA_TEKS, "family": gaya.HURUF_PETA},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    luar = pd.to_numeric(titik["jarak_desa"], errors="coerce").fillna(0) > toleransi_m
    waktu = pd.to_datetime(titik["waktu_mulai"])
    teks_waktu = [tanggal(w.date(), bahasa) + " " + w.strftime("%H.%M" if bahasa == "id" else "%H:%M") if pd.notna(w) else "–" for w in waktu]
    hover = [
        t("titik_hover", bahasa, waktu=w, hasil=int(h)) + ("<br>" + t("titik_hover_luar", bahasa, m=angka(j, 0, bahasa)) if lu else "")
        for w, h, j, lu in zip(teks_waktu, titik["hasil"], titik["jarak_desa"], luar, strict=True)
    ]
    titik = titik.assign(_hover=hover)
    for nama, pilih, warna in (
        ("titik_dalam", ~luar & ~malam, gaya.WARNA_TITIK["dalam"]),
        ("titik_luar", luar & ~malam, gaya.WARNA_TITIK["luar"]),
        ("titik_malam", malam & ~luar, gaya.WARNA_TITIK["malam"]),
        ("titik_malam_luar", malam & luar, gaya.WARNA_TITIK["malam_luar"]),
    ):
        bagian = titik[pilih.to_numpy()]
        fig.add_trace(
            go.Scattermap(
                lon=bagian["bujur"],
                lat=bagian["lintang"],
                mode="markers",
                marker={"size": 9, "color": warna, "opacity": 0.8},
                name=f"{t(nama, bahasa)} ({angka(len(bagian), 0, bahasa)})",
                text=bagian["_hover"],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.update_layout(legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0}, margin={"b": 40}, height=gaya.TINGGI_PETA + 40, clickmode="none")
    return fig


@_berbahasa
def sebelum_sesudah(area: pd.DataFrame, tenggat: date, bahasa: str = "id", tema: gaya.Tema = gaya.LAYAR, tinggi: int | None = None) -> go.Figure:
    """A reallocation plan's effect: per area (rows of aturan.realokasi.Rencana.area with a projection to compare)
    the projected finish before (grey) and after (blue) the plan, joined by a line, the deadline marked. An area with
    no projection (officers who stopped) is drawn at the right edge as a cross. Given a height, only as many
    areas as fit it at a readable size are drawn: those projected latest before the plan first."""
    d = area[area["sisa"] > 0] if "sisa" in area else area
    if tinggi:
        n = max(3, (tinggi - 110) // (tema.huruf * 2 + 6))
        kunci = pd.to_datetime(d["proyeksi_selesai_sebelum"]).fillna(pd.Timestamp.max)
        d = d.assign(_k=kunci).sort_values("_k", ascending=False).head(n).sort_values("kode").drop(columns="_k")
    sebelum = pd.to_datetime(d["proyeksi_selesai_sebelum"])
    sesudah = pd.to_datetime(d["proyeksi_selesai_sesudah"])
    ujung = max([tenggat + timedelta(days=7), *[x.date() for x in pd.concat([sebelum, sesudah]).dropna()]]) + timedelta(days=2)
    nama = [teks_plotly(singkat(x)) for x in d["nama"]]
    fig = go.Figure()
    garis_x, garis_y = [], []
    for y, a, b in zip(nama, sebelum, sesudah, strict=True):  # one trace for every area's line, broken by None
        garis_x += [a if pd.notna(a) else ujung, b if pd.notna(b) else ujung, None]
        garis_y += [y, y, None]
    fig.add_trace(go.Scatter(x=garis_x, y=garis_y, mode="lines", line={"color": "#9e9e9e", "width": 3}, hoverinfo="skip", showlegend=False))
    for label, seri, warna, simbol in (("rencana_sebelum", sebelum, "#757575", "circle"), ("rencana_sesudah", sesudah, gaya.WARNA_REALISASI, "diamond")):
        x = [v if pd.notna(v) else ujung for v in seri]
        teks = [tanggal(v.date(), bahasa) if pd.notna(v) else t("keparahan_tanpa", bahasa) for v in seri]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=nama,
                mode="markers",
                name=t(label, bahasa),
                marker={"size": tema.huruf * 0.9, "color": warna, "symbol": [simbol if pd.notna(v) else "x" for v in seri]},
                customdata=teks,
                hovertemplate="%{y}: %{customdata}<extra>" + t(label, bahasa) + "</extra>",
            )
        )
    fig.add_vline(x=pd.Timestamp(tenggat), line={"color": "#c62828", "width": 2, "dash": "dash"})
    fig.add_annotation(
        x=pd.Timestamp(tenggat), y=1.0, yref="paper", text=t("tenggat", bahasa), showarrow=False, yanchor="bottom", font={"size": tema.huruf * 0.8, "color": "#c62828"}
    )
    fig.update_layout(
        height=tinggi or (tema.huruf * 2 + 6) * max(len(d), 1) + 120,
        margin={"l": 10, "r": 20, "t": 30, "b": 10},
        font={"size": tema.huruf},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": tema.huruf, "color": gaya.WARNA_TEKS}},
        xaxis={
            "range": [pd.Timestamp(min([tenggat - timedelta(days=14), *[x.date() for x in sesudah.dropna()]])), pd.Timestamp(ujung + timedelta(days=1))],
            "tickformat": "%d/%m",
            "tickfont": {"size": tema.huruf * 0.8},
        },
        legend={"orientation": "h", "y": -0.08, "x": 0, "font": {"size": tema.huruf * 0.8}},
    )
    return fig
