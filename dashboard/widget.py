"""Shared controls and blocks: sidebar filters kept in the URL, the demo banner, headline figures."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from aturan.indikator import Jadwal, JadwalKampanye
from aturan.kinerja import BENDERA, AmbangPetugas
from aturan.kualitas import AmbangKualitas
from dashboard import akses, data
from dashboard.lingkup import Akses
from laporan import harian
from queries.progres import tanggal_bawaan
from store.impor.tulis import HasilImpor
from store.siapkan import BAGIAN_DEMO
from tampilan import figur, gaya
from tampilan.aman import teks_html, teks_md
from tampilan.teks import BAHASA, NAMA_BAHASA, angka, isi_cakupan, persen, poin, t, tanggal, tanggal_hari, teks_proyeksi, teks_sebab

WARNA_DELTA = {"lewat": "red", "kritis": "red", "tertinggal": "orange", "berisiko": "yellow", "sesuai": "blue", "depan": "blue", "tuntas": "green"}


# code length of an area -> its children's code length, the session key that chooses a child, and the level names
PANJANG_ANAK = {0: 2, 2: 4, 4: 7, 7: 10}
KUNCI_ANAK = {0: "prov", 2: "kab", 4: "kec"}
NAMA_TINGKAT = {0: "nasional", 2: "provinsi", 4: "kabupaten", 7: "kecamatan", 10: "desa"}


@dataclass(frozen=True)
class Konteks:
    """What every page needs: language, as-of date, schedule, and the chosen area with the areas above it
    (provinsi, kabupaten, kecamatan; None where the view stays above that level)."""

    bahasa: str
    tanggal: date
    jadwal_kampanye: JadwalKampanye
    provinsi: dict | None
    kabupaten: dict | None
    kecamatan: dict | None
    nasional: dict | None = None
    demo: bool = False  # the database holds the generated demo campaign: every picture and download says so

    @property
    def wilayah(self) -> dict:
        return self.kecamatan or self.kabupaten or self.provinsi or self.nasional or {"kode": "", "nama": "Indonesia"}

    @property
    def induk(self) -> dict | None:
        """The area one level up from the chosen one (None at the top)."""
        jalur = [w for w in (self.nasional, self.provinsi, self.kabupaten, self.kecamatan) if w is not None]
        return jalur[-2] if len(jalur) > 1 else None

    @property
    def panjang_anak(self) -> int:
        """Code length of the chosen area's children (kabupaten 4 -> kecamatan 7)."""
        return PANJANG_ANAK[len(self.wilayah["kode"])]

    @property
    def tingkat(self) -> str:
        return NAMA_TINGKAT[len(self.wilayah["kode"])]

    @property
    def tingkat_anak(self) -> str:
        return NAMA_TINGKAT[self.panjang_anak]

    @property
    def jadwal(self) -> Jadwal:
        """The schedule in force for the chosen area."""
        return self.jadwal_kampanye.untuk(self.wilayah["kode"])


def gaya_ponsel() -> None:
    """Page styles: the main block starts just under Streamlit's header; the demo line; metric notes wrap instead
    of being cut off; on a phone (narrower than 640 px): smaller titles, compact headline figures two to a row
    instead of one per screen, option rows that wrap instead of running off it, no element toolbars."""
    st.html(
        "<style>[data-testid='stMainBlockContainer']{padding-top:3.9rem}"  # clear of the 3.75rem header; Streamlit's 6rem pushes the map below the first screen
        "p.spanduk-demo{margin:0;font-size:0.85rem;color:#5d4037}"
        "p.spanduk-demo span{background:#c62828;color:#fff;font-weight:700;padding:0.05rem 0.45rem;border-radius:0.3rem;margin-right:0.3rem}"
        "[data-testid='stMetricDelta'] [data-testid='stMarkdownContainer'] p,"
        "[data-testid='stMetricValue'] [data-testid='stMarkdownContainer'] p{white-space:normal!important;overflow-wrap:anywhere}"
        "@media (max-width: 640px) {"
        "h1{font-size:1.7rem!important;line-height:1.2!important}"
        "[data-testid='stMainBlockContainer']{padding-left:0.7rem!important;padding-right:0.7rem!important;padding-top:3.9rem!important}"
        "[data-testid='stHorizontalBlock']:has(> div [data-testid='stMetric']){flex-wrap:wrap!important;gap:0.5rem!important}"
        "[data-testid='stHorizontalBlock']:has(> div [data-testid='stMetric']) > div{min-width:calc(50% - 0.25rem)!important;flex:1 1 calc(50% - 0.25rem)!important}"
        "[data-testid='stMetric'],[data-testid='stMetric']>div{padding:0.3rem 0.45rem!important}"
        "[data-testid='stMetricLabel'] [data-testid='stMarkdownContainer'] p{font-size:0.85rem!important}"
        "[data-testid='stMetricValue'] [data-testid='stMarkdownContainer'] p{font-size:1.5rem!important;line-height:1.15!important}"
        "[data-testid='stMetricDelta'] [data-testid='stMarkdownContainer'] p{font-size:0.75rem!important;white-space:normal!important}"
        "[data-testid='stButtonGroup'] [role='radiogroup']{flex-wrap:wrap!important;row-gap:0.3rem}"  # every map option on screen
        "h2,h3{font-size:1.3rem!important}"
        "[data-testid='stElementToolbar']{display:none!important}"  # on a phone it covered headings; the download buttons stay
        "}</style>"
    )


_UKUR_LAYAR = st.components.v2.component("pantau.ukuran_layar", js=(Path(__file__).parent / "ukuran_layar.js").read_text(encoding="utf-8"))


def ukuran_layar() -> tuple[int, int] | None:
    """The browser window's size in CSS px, reported by a small script (again after every resize), or None
    until it has reported. It sits in the sidebar and draws nothing."""
    with st.sidebar:
        hasil = _UKUR_LAYAR(key="ukuran_layar", data=st.session_state.get("ukuran_terlapor"), on_ukuran_change=lambda: None)
    nilai = getattr(hasil, "ukuran", None)
    st.session_state["ukuran_terlapor"] = nilai
    cocok = re.fullmatch(r"(\d{2,5})x(\d{2,5})", str(nilai or ""))
    return (int(cocok[1]), int(cocok[2])) if cocok else None


SIDEBAR_PX, TEPI_PX, TEPI_PONSEL_PX, SEMPIT_PX = 300, 80, 11, 768  # Streamlit's sidebar and the main block's side padding (wide layout)


def lebar_isi() -> int:
    """The main block's width in px on this browser: the window less the sidebar and padding (below SEMPIT_PX the
    sidebar folds away); before the browser has said its size, a 1366 px laptop's (a phone's when it says Mobi)."""
    ukuran = ukuran_layar()
    lebar = ukuran[0] if ukuran else (390 if tema_layar() is gaya.PONSEL else 1366)
    return lebar - 2 * TEPI_PONSEL_PX - 4 if lebar < SEMPIT_PX else lebar - SIDEBAR_PX - 2 * TEPI_PX


def lebar_kolom(isi: int, bagian: float, celah: int = 24) -> int:
    """The width of a column taking `bagian` of a row of columns in a main block isi px wide (isi itself when the
    columns stack, on a phone)."""
    return isi if isi < SEMPIT_PX - 2 * TEPI_PONSEL_PX else int(bagian * (isi - celah))


def konfigurasi_grafik(tema: gaya.Tema) -> dict:
    """A chart's options: no scroll zoom (the page scrolls); on a phone no toolbar (with no hover it stayed over the
    chart's own text)."""
    return {"scrollZoom": False} | ({"displayModeBar": False} if tema.bilah_datar else {})


def tema_layar() -> gaya.Tema:
    """The phone theme when the browser says it is a mobile one ('Mobi' in its User-Agent), else the screen theme."""
    agen = st.context.headers.get("User-Agent") or ""
    return gaya.PONSEL if "Mobi" in agen else gaya.LAYAR


def tema_peta(geojson: dict, lebar: int) -> gaya.Tema:
    """The screen or phone theme for a map in a column lebar px wide: its plot is the column less the colour bar
    beside it (under it on a phone), as tall as the areas need."""
    tema = tema_layar()
    return figur.tema_pas(geojson, tema, lebar - (28 if tema.bilah_datar else figur.LEBAR_BILAH_WARNA))


PARAM_TAUTAN = ("lang", "prov", "kab", "kec", "tanggal")  # the shared view in the address, by code: ?kab=7317&kec=7317030


def baca_tautan() -> None:
    """Apply what the address says to the shared choices, once per new address (a link opened, a reload, the
    browser's back button), before any widget is drawn: ?lang=en, ?kab=7317 (or a name), ?tanggal=2022-11-01.
    Values are checked where they are used (an area against its list and the viewer's scope, a date against
    the campaign's range); anything unreadable is left out. A choice the session no longer holds (Streamlit drops
    a widget's state after a run that did not draw it) is taken from the address again, so that the next write
    of the address does not drop it for the default."""
    tertulis = st.session_state.get("_tautan_tertulis", {})
    for kunci in PARAM_TAUTAN:
        nilai = st.query_params.get(kunci)
        if nilai is None or (nilai == tertulis.get(kunci) and kunci in st.session_state):  # applied, and still held
            continue
        if kunci == "lang":
            nilai = nilai if nilai in BAHASA else {n: k for k, n in NAMA_BAHASA.items()}.get(nilai)
        elif kunci == "tanggal":
            try:
                nilai = date.fromisoformat(nilai)
            except ValueError:
                nilai = None
        if nilai is not None:
            st.session_state[kunci] = nilai


def tulis_tautan(bawaan_tanggal: date | None) -> None:
    """Keep the address equal to the shared choices in their short form (codes, ISO date, lang=en), so a link
    or a reload opens the same view; defaults are left out (Indonesian, the newest day of data)."""
    ss = st.session_state
    nilai = {
        "lang": ss.get("lang") if ss.get("lang") not in (None, "id") else None,
        "prov": ss.get("prov") or None,
        "kab": ss.get("kab") or None,
        "kec": ss.get("kec") or None,
        "tanggal": ss["tanggal"].isoformat() if isinstance(ss.get("tanggal"), date) and ss["tanggal"] != bawaan_tanggal else None,
    }
    for kunci, isi in nilai.items():
        if isi is None:
            st.query_params.pop(kunci, None)
        elif st.query_params.get(kunci) != isi:
            st.query_params[kunci] = isi
    ss["_tautan_tertulis"] = {k: v for k, v in nilai.items() if v is not None}


def pilih_bahasa() -> str:
    """The language switch at the top of the sidebar (kept in the address as ?lang=en by tulis_tautan)."""
    if st.session_state.get("lang") not in BAHASA:
        st.session_state["lang"] = "id"
    label = " / ".join(t("bahasa", b) for b in BAHASA)  # "Bahasa / Language": found by a reader of either
    return st.sidebar.segmented_control(label, BAHASA, format_func=NAMA_BAHASA.get, key="lang", required=True) or "id"


def pulihkan_label(kunci: str, opsi: Sequence, label: Callable[[Any, str], str], bahasa: str) -> None:
    """Before the option widget kunci is drawn: keep its choice through a change of language.

    A select box or multiselect sends its choice as its label. After a language switch the browser keeps the old
    label until the box is set again, and on a later run Streamlit finds it among none of the new labels and falls
    back to the default: the as-of day went back to the newest day, and the address lost its date. So a choice
    held as a label in any language is read back as its option, and on the first run in a new language the choice
    is set again, which sends its new label to the browser ("Semua kecamatan" stayed on an English screen)."""
    ss = st.session_state
    bahasa_label = ss.setdefault("_bahasa_label", {})  # per widget: the language its labels were last sent in
    berganti = bahasa_label.get(kunci, bahasa) != bahasa
    bahasa_label[kunci] = bahasa
    if kunci not in ss:
        return
    nilai = ss[kunci]
    daftar = nilai if isinstance(nilai, list) else [nilai]
    if any(isinstance(v, str) and v not in opsi for v in daftar):
        menurut_label = {label(o, b): o for b in BAHASA for o in opsi}
        pulih = [menurut_label.get(v, v) if isinstance(v, str) and v not in opsi else v for v in daftar]
        nilai = pulih if isinstance(nilai, list) else pulih[0]
        berganti = berganti or pulih != daftar
    if berganti:
        ss[kunci] = nilai


def pilihan(gambar: Callable[..., Any], judul: str, opsi: list, kunci: str, label: Callable[[Any, str], str], bahasa: str, **kwargs: Any) -> Any:
    """An option widget (gambar: st.selectbox, a column's multiselect, …) whose labels follow the language, drawn
    so that its choice survives a change of language (pulihkan_label)."""
    pulihkan_label(kunci, opsi, label, bahasa)
    return gambar(judul, opsi, key=kunci, format_func=lambda o: label(o, bahasa), **kwargs)


def _bertingkat() -> bool:
    """Whether the database holds more than one kabupaten (then provinsi and 'all' choices are offered)."""
    return len(data.daftar_kabupaten()) > 1


def _pilihan_sah(kunci: str, nama: dict[str, str]) -> None:
    """Before the choice kunci is drawn: a name from a link becomes its code, and a value not on offer (out of
    scope, mistyped, from another kabupaten) gives way to the first choice."""
    nilai = st.session_state.get(kunci)
    if nilai in nama:
        return
    kode = [k for k, n in nama.items() if n == nilai]
    if len(kode) == 1:
        st.session_state[kunci] = kode[0]
    else:
        st.session_state.pop(kunci, None)


def _kotak(kunci: str, judul: str, opsi: list, label: Callable[[Any, str], str], bahasa: str, sahkan: Callable[[], None] | None = None) -> Any:
    """A shared choice's box in the sidebar: its choice kept through a change of language (pulihkan_label), then
    checked (sahkan), then drawn with that choice as the box's default. The browser falls back to a box's default
    when it never received the value the session set: a page link clicked while a link's first run was still
    drawing dropped that run's values, the next run drew the boxes unchanged, and the run after took the
    browser's defaults back (the newest day and all kecamatan, and the address lost both)."""
    pulihkan_label(kunci, opsi, label, bahasa)
    if sahkan:
        sahkan()
    nilai = st.session_state.get(kunci)
    return st.sidebar.selectbox(judul, opsi, index=opsi.index(nilai) if nilai in opsi else 0, format_func=lambda o: label(o, bahasa), key=kunci)


def _kotak_wilayah(kunci: str, judul: str, nama: dict[str, str], semua: str | None, bahasa: str) -> str:
    """The box of one level's areas (codes, named), led by its 'all' choice (the text key semua) when offered."""
    opsi = ([""] if semua else []) + list(nama)

    def label(kode: str, b: str) -> str:
        return nama[kode] if kode else t(semua, b)

    return _kotak(kunci, judul, opsi, label, bahasa, lambda: _pilihan_sah(kunci, {k: label(k, bahasa) for k in opsi})) or ""


def filter_bersama(ak: Akses, bahasa: str) -> None:
    """Draw the filters shared by every page in the sidebar (called once, by the entry script).

    Their values live in session state under prov, kab, tanggal and kec, are bound to the URL so a view can
    be sent as a link, and survive page switches. With more than one kabupaten the view can start from the
    nation or a provinsi. Only areas in the viewer's scope are offered, and a level's 'all' choice only when
    the whole area above is in scope (a user limited to some kecamatan gets no kabupaten total)."""
    kab_daftar = data.daftar_kabupaten()
    jadwal = data.jadwal()
    if kab_daftar.empty or jadwal is None:
        return
    induk = ""
    if _bertingkat():
        prov = data.anak_wilayah("")
        nama_prov = {k: n for k, n in zip(prov["kode"], prov["nama"], strict=True) if ak.terlihat(k)}
        induk = _kotak_wilayah("prov", t("provinsi", bahasa), nama_prov, "seluruh_indonesia" if ak.boleh("") else None, bahasa)
        if not induk and (st.session_state.get("kab") or st.session_state.get("kec")):
            st.session_state["kab"] = st.session_state["kec"] = ""
    if induk or not _bertingkat():
        daftar = data.anak_wilayah(induk) if induk else kab_daftar
        nama_kab = {k: n for k, n in zip(daftar["kode"], daftar["nama"], strict=True) if ak.terlihat(k)}
        induk = _kotak_wilayah("kab", t("kabupaten", bahasa), nama_kab, "semua_kabkota" if induk and ak.boleh(induk) else None, bahasa) or induk
    _, akhir_data = data.rentang_data()
    batas_awal = jadwal.umum.mulai - timedelta(days=1)
    batas_akhir = max(jadwal.selesai_terakhir, akhir_data or batas_awal)
    bawaan = tanggal_bawaan(jadwal, akhir_data)
    hari = [batas_akhir - timedelta(days=i) for i in range((batas_akhir - batas_awal).days + 1)]  # newest first

    def hari_sah() -> None:
        sekarang = st.session_state.get("tanggal")
        sah = min(max(sekarang, batas_awal), batas_akhir) if isinstance(sekarang, date) else bawaan
        if sah != sekarang:  # set only when it must change: a widget value set on every run would fight the browser's
            st.session_state["tanggal"] = sah

    _kotak("tanggal", t("tanggal_data", bahasa), hari, tanggal_hari, bahasa, hari_sah)
    if len(induk) == 4:
        kec_daftar = data.anak_wilayah(induk)
        nama_kec = {k: n for k, n in zip(kec_daftar["kode"], kec_daftar["nama"], strict=True) if ak.boleh(k)}
        _kotak_wilayah("kec", t("kecamatan", bahasa), nama_kec, "semua_kecamatan" if ak.boleh(induk) else None, bahasa)
    elif st.session_state.get("kec"):
        st.session_state["kec"] = ""
    tulis_tautan(bawaan)


def data_demo() -> bool:
    """Whether the database holds the generated demo campaign (every page, picture and download then says so)."""
    return data.meta().get("sumber_data") == "demo"


def siapkan_pertama(bahasa: str) -> None:
    """The first start on the embedded default: a progress bar, stage by stage, while the demo campaign is generated
    and loaded (about 15 s once); nothing on any later run."""
    batang = []

    def kabar(langkah: str) -> None:
        kunci = f"siapkan_{langkah}" if langkah in ("bangkit", "batas", "keluarga", "selesai") else "siapkan_tabel"
        teks = t(kunci, bahasa, tabel=langkah)
        if not batang:
            batang.append(st.progress(0.0))
        batang[0].progress(BAGIAN_DEMO[langkah], text=teks)

    if data.siapkan_demo(kabar) and batang:
        batang[0].empty()


def spanduk_demo(bahasa: str) -> None:
    """The demo banner: one slim line at the top of every page (drawn by the router, above each page's title)."""
    if data_demo():
        st.markdown(f"<p class='spanduk-demo'><span>{teks_html(t('lencana_demo', bahasa))}</span> {teks_html(t('data_demo', bahasa))}</p>", unsafe_allow_html=True)


def konteks_halaman() -> Konteks | None:
    """The shared filter values for a page, with the demo banner; None (after saying why) when nothing can be shown.

    The chosen area is checked against the viewer's scope here too, whatever the URL or session state say."""
    bahasa = st.session_state.get("lang") or "id"
    jadwal = data.jadwal()
    ak = akses.akses()
    kab_daftar = data.daftar_kabupaten()
    if kab_daftar.empty:
        st.warning(t("basis_data_kosong", bahasa))
        return None
    if jadwal is None:
        st.warning(t("tanpa_jadwal", bahasa))
        return None
    if not any(ak.terlihat(k) for k in kab_daftar["kode"]):
        st.warning(t("tanpa_wilayah_akses", bahasa))
        return None
    demo = data_demo()
    kode_prov = st.session_state.get("prov") or ""
    kode_kab = st.session_state.get("kab") or ""
    kode_kec = st.session_state.get("kec") or ""
    if not _bertingkat():
        kode_prov = kode_kab[:2]
    kode = kode_kec or kode_kab or kode_prov
    if not ak.boleh(kode) or (kode_kab and not kode_kab.startswith(kode_prov)) or (kode_kec and not kode_kec.startswith(kode_kab)):
        st.error(t("di_luar_akses", bahasa))
        return None

    def _area(k: str) -> dict | None:
        return {"kode": k, "nama": data.info_wilayah(k)["nama"]} if k else None

    return Konteks(
        bahasa=bahasa,
        tanggal=st.session_state["tanggal"],
        jadwal_kampanye=jadwal,
        provinsi=_area(kode_prov) if _bertingkat() else None,
        kabupaten=_area(kode_kab),
        kecamatan=_area(kode_kec),
        nasional={"kode": "", "nama": t("seluruh_indonesia", bahasa)} if _bertingkat() and ak.boleh("") else None,
        demo=demo,
    )


def konteks_kabupaten() -> Konteks:
    """The shared filters of a page that works one kabupaten at a time (officers): stops the page, saying why, when
    nothing can be shown or no kabupaten is chosen."""
    konteks = konteks_halaman()
    if konteks is None:
        st.stop()
    if konteks.kabupaten is None:
        st.info(t("pilih_kabupaten_dulu", konteks.bahasa))
        st.stop()
    return konteks


def buka_dari_peta(kunci_peta: str, kunci_anak: str) -> None:
    """on_select callback of a map: the clicked polygon's code becomes the chosen area one level down."""
    pilihan = st.session_state.get(kunci_peta)
    titik = pilihan.selection.points if pilihan is not None else []
    if titik and titik[0].get("location"):
        st.session_state[kunci_anak] = titik[0]["location"]


def naik_satu_tingkat(kode: str) -> None:
    """Back up from the chosen area (code) to its parent: clear the choice of its level."""
    st.session_state[{2: "prov", 4: "kab", 7: "kec"}[len(kode)]] = ""


def keterangan_rentang(baris: pd.Series, bahasa: str) -> str:
    """Where an area's 80% range comes from (its level's own past errors, or the wide prior), for a help text; '' without a range."""
    if baris.get("proyeksi_p10") is None or pd.isna(baris.get("proyeksi_p10")):
        return ""
    return " " + t("rentang_riwayat" if baris.get("rentang_riwayat", False) else "rentang_awal", bahasa)


KARTU_SEBARIS_PX, KARTU_TIGA_PX = 1100, 840  # main-block widths from which 5 headline cards fit one row, or 3 a row, unwrapped


def kolom_kartu(n: int, isi: int | None) -> list:
    """n card slots in a main block isi px wide (lebar_isi): one row where a projected date ("30 Nov 2022") fits
    a card on one line, else rows of three or of two; a phone's columns, and isi None, one row (the columns flow)."""
    if isi is None or isi >= KARTU_SEBARIS_PX or tema_layar() is gaya.PONSEL:
        return list(st.columns(n))
    per_baris = 3 if isi >= KARTU_TIGA_PX else 2
    slot: list = []
    while len(slot) < n:
        slot += st.columns(per_baris)
    return slot[:n]


def angka_utama(baris: pd.Series, jadwal: Jadwal, bahasa: str, rekam_jejak: str = "", lebar: int | None = None) -> None:
    """Headline figures of one area: capaian vs rencana, selesai/sasaran, paces and projected finish. With no
    projection, the card names the larger reason in one count (every card keeps its height, on a wall too) and
    its help says the whole reason. lebar: the main block's width (lebar_isi), to wrap the cards into rows."""
    k1, k2, k3, k4, k5 = kolom_kartu(5, lebar)
    k1.metric(
        t("capaian", bahasa),
        persen(baris["capaian"], 1, bahasa),
        f"{poin(baris['selisih'], 1, bahasa)} {t('poin', bahasa)} · {t('vs_rencana', bahasa, x=persen(baris['rencana'], 1, bahasa))}",
        delta_color=WARNA_DELTA.get(baris["status"], "gray"),
        delta_arrow="off",
        border=True,
    )
    k2.metric(
        t("selesai", bahasa),
        angka(baris["selesai"], 0, bahasa),
        f"{t('sasaran', bahasa)} {angka(baris['sasaran'], 0, bahasa)} {t('keluarga', bahasa)}",
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    k3.metric(t("laju_7hari", bahasa), f"{angka(baris['laju_7hari'], 0, bahasa)}", t("per_hari", bahasa), delta_color="off", delta_arrow="off", border=True)
    k4.metric(t("laju_perlu", bahasa), f"{angka(baris['laju_perlu'], 0, bahasa)}", t("per_hari", bahasa), delta_color="off", delta_arrow="off", border=True)
    nilai, beda, warna = teks_proyeksi(baris, jadwal, bahasa, pendek=True)
    sebab = teks_sebab(baris, bahasa) if beda and warna == "red" and pd.isna(baris["proyeksi_selesai"]) else ""
    k5.metric(
        t("proyeksi_selesai", bahasa),
        nilai,
        beda,
        delta_color=warna,
        delta_arrow="off",
        border=True,
        help=(sebab + "\n\n" if sebab else "") + t("proyeksi_bantuan", bahasa) + keterangan_rentang(baris, bahasa) + (f"\n\n{rekam_jejak}" if rekam_jejak else ""),
    )
    st.markdown(
        f"**{t('sejak_kemarin', bahasa)}:** {poin(baris['naik_1hari'], 1, bahasa)} {t('poin', bahasa)} "
        f"(+{angka(baris['tambah_1hari'], 0, bahasa)} {t('keluarga', bahasa)}) · "
        f"**{t('sejak_minggu_lalu', bahasa)}:** {poin(baris['naik_7hari'], 1, bahasa)} {t('poin', bahasa)} "
        f"(+{angka(baris['tambah_7hari'], 0, bahasa)} {t('keluarga', bahasa)})"
    )


def baris_cakupan(jumlah: dict[str, int], bahasa: str) -> None:
    """One line of coverage counts under the headline figures, with the way to the lists."""
    baris = st.container(horizontal=True, vertical_alignment="center", wrap=False)  # the link as wide as its label, the text the rest
    baris.markdown(t("ck_kepala", bahasa, **isi_cakupan(jumlah, bahasa)), width="stretch")
    baris.page_link("dashboard/cakupan.py", label=t("ck_lihat", bahasa), icon=":material/checklist:", width="content")


def lapor_simpan(hasil: HasilImpor | None, bahasa: str) -> None:
    """After a schedule write: say what was stored or rejected, and refresh cached figures."""
    if hasil is not None and hasil.jumlah_ditolak:
        st.error(t("simpan_ditolak", bahasa, alasan="; ".join(hasil.ditolak["alasan"])))
        return
    data.segarkan()
    st.session_state["pesan_simpan"] = t("tersimpan", bahasa)
    st.rerun()


def pesan_tersimpan() -> None:
    """Show (once) the confirmation left by lapor_simpan before its rerun."""
    if pesan := st.session_state.pop("pesan_simpan", None):
        st.success(pesan)


def penjelasan_bendera(ambang: AmbangPetugas, bahasa: str) -> str:
    """The flag rules with their thresholds, as a bulleted list."""
    a = ambang
    return "\n".join(
        [
            "- **" + t("bendera_tidak_aktif", bahasa) + "**: " + t("aturan_tidak_aktif", bahasa, n=a.hari_tidak_aktif),
            "- **"
            + t("bendera_terlalu_cepat", bahasa)
            + "**: "
            + t("aturan_terlalu_cepat", bahasa, f=angka(a.faktor_cepat, 1, bahasa), m=angka(a.minimal_cepat, 0, bahasa)),
            "- **" + t("bendera_terlalu_singkat", bahasa) + "**: " + t("aturan_terlalu_singkat", bahasa, m=angka(a.menit_pendek, 0, bahasa), n=a.minimal_wawancara),
            "- **" + t("bendera_lewat_beban_tanpa_baru", bahasa) + "**: " + t("aturan_lewat_beban", bahasa),
            "- **"
            + t("bendera_tunggakan_pml", bahasa)
            + "**: "
            + t("aturan_tunggakan", bahasa, n=a.hari_periksa, p=angka(a.porsi_tunggakan * 100, 0, bahasa), m=a.minimal_tunggakan),
            "",
            t("aturan_catatan", bahasa),
        ]
    )


def ringkasan_bendera(ppl: pd.DataFrame, pml: pd.DataFrame, bahasa: str) -> None:
    """Headline counts: PPL, and how many carry each flag."""
    kolom = st.columns(6)
    kolom[0].metric(t("jumlah_ppl", bahasa), angka(len(ppl), 0, bahasa), border=True)
    for k, b in zip(kolom[1:5], BENDERA, strict=True):
        k.metric(t(f"bendera_{b}", bahasa), angka(int(ppl[b].sum()), 0, bahasa), border=True)
    if len(pml) and pml["tunggakan_pml"].isna().all():  # no tanggal_periksa in the data: the backlog is unknown
        kolom[5].metric(t("bendera_tunggakan_pml", bahasa), "–", help=t("tanpa_tanggal_periksa", bahasa), border=True)
        st.caption(t("tanpa_tanggal_periksa", bahasa))
    else:
        kolom[5].metric(t("bendera_tunggakan_pml", bahasa), angka(int(pml["tunggakan_pml"].fillna(False).sum()), 0, bahasa), border=True)


def keterangan_petugas(baris: pd.Series, label: dict[str, str], bahasa: str) -> str:
    """One line about one PPL: team, Koseka, workload and progress."""
    return (
        f"**{t('tim_pml', bahasa)}:** {teks_md(label.get(baris['id_pml'], baris['id_pml']))} · "
        f"**Koseka:** {teks_md(label.get(baris['id_koseka'], baris['id_koseka']))} · "
        f"**{t('beban_kerja', bahasa)}:** {angka(baris['sasaran'], 0, bahasa)} ({angka(baris['jumlah_sls'], 0, bahasa)} SLS) · "
        f"**{t('capaian', bahasa)}:** {persen(baris['capaian'], 1, bahasa)}"
    )


def harian_satu(harian: pd.DataFrame, id_ppl: str, jadwal: Jadwal, sampai: date) -> pd.DataFrame:
    """One PPL's families per day for every campaign day up to sampai (zeros filled)."""
    hari = pd.date_range(jadwal.mulai, max(sampai, jadwal.mulai), freq="D").date
    seri = harian[harian["id_ppl"] == id_ppl].set_index("tanggal")["selesai_hari"]
    return pd.DataFrame({"tanggal": list(hari), "selesai_hari": [int(seri.get(d, 0)) for d in hari]})


def bagikan(kode: str, nama: str, tgl: date, peta: Callable[[], go.Figure] | None, bahasa: str, demo: bool = False) -> None:
    """One-click pictures to forward: the map on screen as PNG, and the daily report as PNG or PDF."""
    keterangan = t("data_per", bahasa, tanggal=tanggal(tgl, bahasa))
    dasar = f"{'DATA-DEMO-' if demo else ''}regsosek-{kode}-{tgl.isoformat()}"
    with st.popover(t("bagikan", bahasa), icon=":material/share:"):
        st.caption(t("bagikan_petunjuk", bahasa))
        if peta is not None:
            st.download_button(
                t("unduh_peta_png", bahasa),
                lambda: harian.gambar_peta(peta(), nama, keterangan, demo=demo, bahasa=bahasa),  # the figure with its geometry, made on click
                f"peta-{dasar}.png",
                "image/png",
                icon=":material/map:",
                on_click="ignore",
            )
        for format in ("png", "pdf"):
            st.download_button(
                t(f"unduh_laporan_{format}", bahasa),
                lambda format=format: data.laporan_harian(kode, tgl, format, bahasa),
                f"laporan-{dasar}.{format}",
                "image/png" if format == "png" else "application/pdf",
                icon=":material/description:",
                on_click="ignore",
            )


def penjelasan_kualitas(a: AmbangKualitas, bahasa: str) -> str:
    """Each field-quality check in words a Koseka understands, with its thresholds, as a bulleted list."""
    pct = {"p": persen(a.selisih_hasil * 100, 0, bahasa).replace("%", ""), "a": angka(a.alfa, 3, bahasa)}
    baris = [
        ("tumpang", t("arti_tumpang", bahasa, m=angka(a.toleransi_tumpang_menit, 0, bahasa), n=a.minimal_tumpang)),
        ("malam", t("arti_malam", bahasa, dari=a.malam_mulai, sampai=a.malam_selesai, n=a.minimal_malam, p=persen(a.porsi_malam * 100, 0, bahasa))),
        ("luar_desa", t("arti_luar_desa", bahasa, m=angka(a.toleransi_luar_meter, 0, bahasa), n=a.minimal_luar, p=persen(a.porsi_luar * 100, 0, bahasa))),
        ("menumpuk", t("arti_menumpuk", bahasa, m=angka(a.jarak_tumpuk_meter, 0, bahasa), k=a.minimal_tumpuk - 1, n=a.minimal_menumpuk)),
        ("hasil_3", t("arti_hasil", bahasa, **pct)),
        ("menit_bulat", t("arti_menit_bulat", bahasa, p=persen(a.porsi_bulat * 100, 0, bahasa), n=a.minimal_durasi, a=pct["a"])),
    ]
    judul = {k: t(f"cek_{k}", bahasa) for k, _ in baris} | {"hasil_3": " / ".join(t(f"cek_hasil_{h}", bahasa) for h in (3, 4, 5))}
    return "\n".join([*(f"- **{judul[k]}**: {isi}" for k, isi in baris), "", t("arti_catatan", bahasa)])
