"""Meeting mode: its URL switch and options, projector styling, the clock, and the rotation and refresh timer."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from aturan.indikator import JadwalKampanye
from aturan.kinerja import BENDERA, paling_tertinggal, petugas_per_wilayah
from aturan.realokasi import Rencana
from dashboard import data, gangguan, widget
from dashboard.lingkup import Akses
from tampilan import figur, gaya
from tampilan.aman import teks_html
from tampilan.teks import angka, persen, t, tanggal

TAMPILAN = ("peta", "peringkat", "petugas", "bantuan")
TAMPILAN_BAWAAN = ("peta", "peringkat", "petugas")  # the help plan is shown when asked for (it needs a kabupaten)
ZONA = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
DETAK = 5  # seconds between clock redraws (and checks whether to rotate or refresh)


@dataclass(frozen=True)
class SetelanRapat:
    """Views to show in turn, seconds per view (0 = no rotation) and minutes between data refreshes (0 = never)."""

    tampilan: tuple[str, ...] = TAMPILAN_BAWAAN
    putar_detik: int = 0
    segar_menit: int = 5

    def sebagai_param(self) -> dict[str, str]:
        return {"mode": "rapat", "tampil": ",".join(self.tampilan), "putar": str(self.putar_detik), "segar": str(self.segar_menit)}


PARAM_RAPAT = ("mode", "tampil", "putar", "segar")


def aktif() -> bool:
    """Meeting mode is asked for by ?mode=rapat on any address. On entering, remember whether the address
    pins a date (then the screen keeps it) or not (then it follows the newest day of data)."""
    if st.query_params.get("mode") != "rapat":
        return False
    st.session_state.setdefault("rapat_tanggal_tetap", "tanggal" in st.query_params)
    return True


def _bilangan(teks: str | None, bawaan: int, maks: int) -> int:
    try:
        return min(max(int(teks), 0), maks) if teks is not None else bawaan
    except ValueError:
        return bawaan


def setelan() -> SetelanRapat:
    """The options in the URL (?tampil=peta,peringkat&putar=60&segar=5); unknown values fall back to defaults."""
    q = st.query_params
    pilihan = tuple(v for v in (q.get("tampil") or "").split(",") if v in TAMPILAN) or TAMPILAN_BAWAAN
    return SetelanRapat(tampilan=pilihan, putar_detik=_bilangan(q.get("putar"), 0, 3600), segar_menit=_bilangan(q.get("segar"), 5, 240))


def langkah(sekarang: float, ganti: float, segar: float, s: SetelanRapat) -> tuple[bool, bool]:
    """(move to the next view, refresh the data) at time sekarang, given when the view last changed and the data last refreshed."""
    putar = s.putar_detik > 0 and len(s.tampilan) > 1 and sekarang - ganti >= s.putar_detik
    return putar, s.segar_menit > 0 and sekarang - segar >= s.segar_menit * 60


def tampilan_sekarang(s: SetelanRapat) -> str:
    st.session_state.setdefault("rapat_indeks", 0)
    st.session_state.setdefault("rapat_ganti", time.time())
    st.session_state.setdefault("rapat_segar", time.time())
    return s.tampilan[st.session_state["rapat_indeks"] % len(s.tampilan)]


ZONA_BAWAAN = "Asia/Jakarta"  # WIB, when the browser sends no usable time zone


def zona_waktu(nama: str | None) -> ZoneInfo:
    """The browser's time zone, or WIB when it sends none or one this server does not know (e.g. 'America',
    a folder of the zone database: some Python versions raise OSError for it rather than ZoneInfoNotFoundError)."""
    try:
        return ZoneInfo(nama or ZONA_BAWAAN)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo(ZONA_BAWAAN)


def _pengatur(s: SetelanRapat, bahasa: str) -> None:
    """Draw the clock; rotate the view or refresh when due (a full rerun keeps the login and the filters)."""
    zona = zona_waktu(st.context.timezone)
    jam = datetime.now(zona)
    singkatan = ZONA.get(str(zona), jam.strftime("%Z"))
    st.markdown(f"<div class='jam-rapat'>{jam:%H:%M} <span>{teks_html(singkatan)}</span></div>", unsafe_allow_html=True)
    sekarang = time.time()
    putar, segar = langkah(sekarang, st.session_state["rapat_ganti"], st.session_state["rapat_segar"], s)
    if putar:
        st.session_state["rapat_indeks"] += 1
        st.session_state["rapat_ganti"] = sekarang
    if segar:
        st.session_state["rapat_segar"] = sekarang
        if not st.session_state.get("rapat_tanggal_tetap", True):  # not pinned to a date: follow the newest day of data
            data.rentang_data.clear()
            try:
                st.session_state["tanggal"] = data.rentang_data()[1] or st.session_state["tanggal"]
            except Exception as exc:  # the app rerun below shows an outage; the clock keeps its date
                if gangguan.jenis(exc) is None:
                    raise
                gangguan.catat(exc)
    if putar or segar:
        st.rerun(scope="app")


def jam(s: SetelanRapat, bahasa: str) -> None:
    st.fragment(_pengatur, run_every=DETAK)(s, bahasa)


def tata() -> gaya.TataRapat:
    """The meeting layout for this browser window (the design size until the browser has said its size)."""
    ukuran = widget.ukuran_layar()
    return gaya.tata_rapat(*ukuran) if ukuran else gaya.RAPAT_BAWAAN


def gaya_proyektor(tata: gaya.TataRapat) -> None:
    """No sidebar, header or toolbar; big type sized for this screen (key numbers 54 px and labels 28 px on a
    1920x1080 projector, in proportion on others) so the whole view fits; numbers never wrap."""
    a, lb, px = gaya.HURUF_RAPAT_ANGKA, gaya.HURUF_RAPAT_LABEL, tata.px
    st.html(
        "<style>"
        "[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stHeader'],[data-testid='stToolbar'],"
        "[data-testid='stExpandSidebarButton']{display:none!important}"
        f"html{{font-size:{14 if tata.ponsel else 16 * tata.skala:.2f}px}}"  # Streamlit's own spacing is in rem: it scales too
        f"[data-testid='stMainBlockContainer']{{padding:{px(6)}px {px(20)}px 0 {px(20)}px!important;max-width:100%!important}}"
        f"[data-testid='stMain'] [data-testid='stAlert']>div{{padding:{px(3)}px {px(12)}px!important}}"
        f"[data-testid='stMainBlockContainer'] [data-testid='stVerticalBlock']{{gap:{px(6)}px}}"
        f"[data-testid='stMarkdownContainer'] p{{font-size:{px(lb - 6)}px!important}}"
        f"[data-testid='stMetricValue'],[data-testid='stMetricValue'] [data-testid='stMarkdownContainer'] p"
        f"{{font-size:{px(a)}px!important;line-height:1.1!important;font-weight:700}}"
        "[data-testid='stMetricValue'] p,[data-testid='stMetricLabel'] p{white-space:nowrap!important}"
        "[data-testid='stMetricDelta'] p{white-space:normal!important;overflow:visible!important;text-overflow:clip!important}"
        f"[data-testid='stMetricLabel'] [data-testid='stMarkdownContainer'] p{{font-size:{px(lb)}px!important}}"
        f"[data-testid='stMetricDelta'] [data-testid='stMarkdownContainer'] p{{font-size:{px(lb - 6)}px!important}}"
        f"[data-testid='stMetric']{{padding:{px(5)}px {px(10)}px!important;min-width:0}}"
        "[data-testid='stMetricValue']>div,[data-testid='stMetricLabel']>div{overflow:visible!important}"
        f"[data-testid='stMarkdownContainer'] p.judul-rapat{{font-size:{px(a - 14)}px!important;font-weight:700;line-height:1.1;margin:0}}"
        f"[data-testid='stMarkdownContainer'] p.stempel-rapat{{font-size:{px(lb - 4)}px!important;color:#37474f;margin:{px(2)}px 0 {px(6)}px 0}}"
        f"[data-testid='stMarkdownContainer'] p.subjudul-rapat{{font-size:{px(lb)}px!important;font-weight:700;margin:{px(4)}px 0 {px(6)}px 0}}"
        f".jam-rapat{{font-size:{px(a)}px;font-weight:700;text-align:right;line-height:1.1;white-space:nowrap}}"
        f".jam-rapat span{{font-size:{px(lb)}px;color:#37474f}}"
        f"[data-testid='stMain'] button p{{font-size:{px(lb - 6)}px!important}}"
        "</style>"
    )


def kepala(nama: str, tgl: date, bahasa: str) -> None:
    """Title and the 'data as of' stamp (the as-of day and when data was last imported)."""
    dimuat = data.impor_terakhir()
    stempel = t("data_per", bahasa, tanggal=tanggal(tgl, bahasa))
    if dimuat is not None:
        stempel += " · " + t("dimuat_pada", bahasa, waktu=f"{tanggal(dimuat.date(), bahasa)} {dimuat:%H:%M}")
    st.markdown(f"<p class='judul-rapat'>{teks_html(nama)}</p><p class='stempel-rapat'>{teks_html(stempel)}</p>", unsafe_allow_html=True)


def subjudul(teks: str) -> None:
    st.markdown(f"<p class='subjudul-rapat'>{teks_html(teks)}</p>", unsafe_allow_html=True)


def tabel_petugas_rapat(
    ak: Akses, kinerja: dict[str, pd.DataFrame], nama_kec: dict[str, str], tgl: date, bahasa: str, tata: gaya.TataRapat = gaya.RAPAT_BAWAAN, n: int = 10
):
    """The officers view: the PPL furthest behind their required pace, or, for the meeting/public role,
    officer counts per kecamatan with no officer named. As many of the first n rows as fit the screen, whole."""
    if not ak.lihat_petugas:
        d = petugas_per_wilayah(kinerja["ppl"], tgl).sort_values("capaian").head(n)
        kolom = [t("kecamatan", bahasa), "PPL", t("aktif_hari_ini", bahasa), t("capaian", bahasa)] + [t(f"bendera_{b}", bahasa) for b in BENDERA[:3]]
        isi = [
            [nama_kec.get(k, k) for k in d["kode_kec"]],
            [angka(x, 0, bahasa) for x in d["jumlah_ppl"]],
            [angka(x, 0, bahasa) for x in d["aktif_hari_ini"]],
            [persen(x, 1, bahasa) for x in d["capaian"]],
        ] + [[angka(x, 0, bahasa) for x in d[b]] for b in BENDERA[:3]]
        return t("petugas_agregat_judul", bahasa), figur.tabel_besar(kolom, isi, tata.tema, ["left"] + ["right"] * 6, tata.tinggi_grafik)
    ppl = paling_tertinggal(kinerja["ppl"], n)
    label = dict(zip(kinerja["petugas"]["id_petugas"], kinerja["petugas"]["nama"], strict=True)) if ak.lihat_nama else {}
    kolom = ["PPL", t("kecamatan", bahasa), t("capaian", bahasa), t("laju_7hari", bahasa), t("laju_perlu", bahasa), t("hari_sejak_kirim", bahasa)]
    isi = [
        [f"{label[i]} ({i})" if label.get(i) else i for i in ppl["id_ppl"]],
        [nama_kec.get(k, k) for k in ppl["kode_kec"]],
        [persen(x, 1, bahasa) for x in ppl["capaian"]],
        [angka(x, 1, bahasa) for x in ppl["laju_7hari"]],
        [angka(x, 1, bahasa) for x in ppl["laju_perlu"]],
        [angka(x, 0, bahasa) for x in ppl["hari_sejak_kirim"]],
    ]
    judul = t("petugas_tertinggal_judul" if ppl["laju_perlu"].notna().all() else "petugas_tertinggal_judul_lewat", bahasa)
    return judul, figur.tabel_besar(kolom, isi, tata.tema, ["left", "left"] + ["right"] * 4, tata.tinggi_grafik, [2.2, 2.2, 1, 1, 1, 1.4])


def tabel_bantuan_rapat(rencana: Rencana, anak: pd.DataFrame, lanjut: pd.DataFrame | None, jadwal: JadwalKampanye, bahasa: str, tata: gaya.TataRapat):
    """The help plan for a projected screen, in counts (no officer is named on a wall): per child area the SLS and
    families it receives, its projected finish before and after, and, once a plan is adopted, the SLS where the
    lenders' submissions have begun and the families they have sent."""
    panjang = len(anak["kode"].iloc[0]) if len(anak) else 7
    masuk = rencana.pindah.assign(kode=rencana.pindah["kode_sls"].str[:panjang]).groupby("kode").agg(sls=("kode_sls", "size"), keluarga=("keluarga", "sum"))
    a = rencana.area.set_index("kode")
    d = anak[["kode", "nama"]].merge(masuk, left_on="kode", right_index=True, how="inner").sort_values(["keluarga", "kode"], ascending=[False, True])
    kolom = [t("wilayah", bahasa), t("rb_jumlah_sls", bahasa), t("keluarga", bahasa).capitalize(), t("rencana_sebelum", bahasa), t("rencana_sesudah", bahasa)]

    def tgl(x) -> str:
        return tanggal(x, bahasa)[:-5] if x is not None and not pd.isna(x) else t("keparahan_tanpa", bahasa)

    isi = [
        list(d["nama"]),
        [angka(x, 0, bahasa) for x in d["sls"]],
        [angka(x, 0, bahasa) for x in d["keluarga"]],
        [tgl(a.loc[k, "proyeksi_selesai_sebelum"]) for k in d["kode"]],
        [tgl(a.loc[k, "proyeksi_selesai_sesudah"]) for k in d["kode"]],
    ]
    lebar = [2.2, 0.8, 1.1, 1.3, 1.3]
    if lanjut is not None:
        per = lanjut.assign(kode=lanjut["kode_sls"].str[:panjang], mulai=lanjut["kiriman"] > 0).groupby("kode").agg(mulai=("mulai", "sum"), kiriman=("kiriman", "sum"))
        per = per.reindex(d["kode"], fill_value=0)
        kolom += [t("rb_sls_mulai", bahasa), t("rb_kiriman", bahasa)]
        isi += [[angka(x, 0, bahasa) for x in per["mulai"]], [angka(x, 0, bahasa) for x in per["kiriman"]]]
        lebar += [1.1, 1.2]
    return figur.tabel_besar(kolom, isi, tata.tema, ["left"] + ["right"] * (len(kolom) - 1), tata.tinggi_grafik, lebar)


def pengaturan(bahasa: str) -> None:
    """The meeting-mode button on the overview: choose views, rotation and refresh, then start."""
    with st.popover(t("mode_rapat", bahasa), icon=":material/co_present:"):
        tampil = widget.pilihan(
            st.multiselect, t("rapat_tampilan", bahasa), list(TAMPILAN), "rapat_pilih", lambda v, b: t(f"rapat_{v}", b), bahasa, default=list(TAMPILAN_BAWAAN)
        )
        putar = st.number_input(t("rapat_putar", bahasa), 0, 3600, 60, step=15, key="rapat_putar")
        segar = st.number_input(t("rapat_segar", bahasa), 0, 240, 5, key="rapat_segar_menit")
        st.caption(t("rapat_petunjuk", bahasa))
        if st.button(t("rapat_mulai", bahasa), type="primary", icon=":material/play_arrow:"):
            s = SetelanRapat(tampilan=tuple(tampil) or TAMPILAN_BAWAAN, putar_detik=int(putar), segar_menit=int(segar))
            st.switch_page("dashboard/rapat.py", query_params=s.sebagai_param())  # the shared filters follow by themselves


def tombol_keluar(bahasa: str) -> None:
    if st.button(t("rapat_keluar", bahasa), type="tertiary", icon=":material/close:"):
        for kunci in ("rapat_tanggal_tetap", "rapat_indeks", "rapat_ganti", "rapat_segar"):
            st.session_state.pop(kunci, None)
        st.switch_page("dashboard/ringkasan.py")
