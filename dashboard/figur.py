"""Figure builders: the choropleth and the cumulative progress chart; they return figures, pages draw."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import gaya
from dashboard.teks import angka, persen, poin, t, tanggal
from geodata.layar import pusat_zoom
from queries.indikator import Jadwal


def _nilai_warna_selisih(df: pd.DataFrame) -> np.ndarray:
    """selisih clipped into its status band (so colour always equals status); no target -> grey band."""
    a = gaya.AMBANG
    batas = {
        "kritis": (-gaya.BATAS_SELISIH, a.kritis),
        "tertinggal": (a.kritis + 1e-6, a.tertinggal),
        "sesuai": (a.tertinggal + 1e-6, a.depan - 1e-6),
        "depan": (a.depan, gaya.BATAS_SELISIH),
    }
    z = []
    for s, st in zip(df["selisih"], df["status"], strict=True):
        if st not in batas:
            z.append(-gaya.BATAS_SELISIH - gaya.PITA_TANPA / 2)
        else:
            lo, hi = batas[st]
            z.append(float(np.clip(s, lo, hi)))
    return np.array(z)


def peta_choropleth(geojson: dict, df: pd.DataFrame, metrik: str, bahasa: str = "id") -> go.Figure:
    """Choropleth of areas (df: kode, nama, capaian, rencana, selisih, status, selesai, sasaran).

    metrik 'selisih' uses the stepped diverging status scale, 'capaian' a sequential scale."""
    if metrik == "selisih":
        skala, zmin, zmax = gaya.skala_selisih()
        z = _nilai_warna_selisih(df)
        a = gaya.AMBANG
        tick = [-gaya.BATAS_SELISIH - gaya.PITA_TANPA / 2, (a.kritis - gaya.BATAS_SELISIH) / 2, (a.kritis + a.tertinggal) / 2, 0, (a.depan + gaya.BATAS_SELISIH) / 2]
        label = [t(k, bahasa) for k in ("status_tanpa", "status_kritis", "status_tertinggal", "status_sesuai", "status_depan")]
        judul = t("legenda_selisih", bahasa)
    else:
        skala, zmin, zmax = gaya.skala_capaian()
        z = np.where(df["capaian"].isna(), -6.0, df["capaian"].clip(0, 100).fillna(0))
        tick = [-6, 0, 25, 50, 75, 100]
        label = [t("status_tanpa", bahasa), "0", "25", "50", "75", "≥100"]
        judul = t("legenda_capaian", bahasa)
    status_teks = df["status"].map(lambda s: t(f"status_{s}", bahasa) if isinstance(s, str) else t("status_tanpa", bahasa))
    custom = np.column_stack(
        [
            df["nama"],
            [persen(x, 1, bahasa) for x in df["capaian"]],
            [persen(x, 1, bahasa) for x in df["rencana"]],
            [poin(x, 1, bahasa) for x in df["selisih"]],
            [angka(x, 0, bahasa) for x in df["selesai"]],
            [angka(x, 0, bahasa) for x in df["sasaran"]],
            status_teks,
        ]
    )
    hover = (
        "<b>%{customdata[0]}</b><br>"
        f"{t('capaian', bahasa)}: %{{customdata[1]}}<br>"
        f"{t('rencana', bahasa)}: %{{customdata[2]}}<br>"
        f"{t('selisih', bahasa)}: %{{customdata[3]}} {t('poin', bahasa)} (%{{customdata[6]}})<br>"
        f"{t('selesai', bahasa)}/{t('sasaran', bahasa)}: %{{customdata[4]}} / %{{customdata[5]}}<extra></extra>"
    )
    pusat, zoom = pusat_zoom(geojson, gaya.LEBAR_PETA, gaya.TINGGI_PETA)
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geojson,
            locations=df["kode"],
            z=z,
            zmin=zmin,
            zmax=zmax,
            colorscale=skala,
            customdata=custom,
            hovertemplate=hover,
            marker_line_color=gaya.WARNA_GARIS_BATAS,
            marker_line_width=1.2,
            colorbar={"title": {"text": judul}, "tickvals": tick, "ticktext": label, "tickfont": {"size": gaya.UKURAN_HURUF}, "thickness": 22, "len": 0.9},
        )
    )
    fig.update_layout(
        map_style="white-bg",
        map_center=pusat,
        map_zoom=zoom,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=gaya.TINGGI_PETA,
        font={"size": gaya.UKURAN_HURUF},
        clickmode="event+select",
    )
    return fig


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
    fig.add_annotation(
        x=sampai, y=1.02, yref="paper", text=t("hari_ini", bahasa, tanggal=tanggal(sampai, bahasa)), showarrow=False, xanchor="right", font={"size": gaya.UKURAN_HURUF}
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
