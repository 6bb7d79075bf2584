"""Logins: the sign-in page, session expiry, and the pages each role may open."""

from __future__ import annotations

import time

import streamlit as st

from dashboard import data, gangguan
from dashboard.lingkup import Akses, dari_pengguna, tanpa_login
from store.pengguna import JENDELA_GAGAL
from tampilan import aman
from tampilan.teks import t

KUNCI_SESI = "sesi_masuk"
KUNCI_AKSES = "akses"


def akses_sekarang() -> Akses | None:
    """The current viewer's access, kept in session state for the pages of this run; None when a login is needed.

    A login ends after the idle or maximum time (data.batas_sesi), and at once when the user is disabled
    or their password, role or areas change (the stored version moves on)."""
    if not data.login_wajib():
        akses = tanpa_login(lihat_nama=data.boleh_nama(), kelola=data.boleh_impor())
    else:
        akses = _akses_login()
    st.session_state[KUNCI_AKSES] = akses
    return akses


def _akses_login() -> Akses | None:
    sesi = st.session_state.get(KUNCI_SESI)
    if not sesi:
        return None
    sekarang = time.time()
    menit_diam, jam_maks = data.batas_sesi()
    pengguna = data.baca_pengguna(sesi["nama"])
    alasan = None
    if pengguna is None or not pengguna.aktif or pengguna.versi != sesi["versi"]:
        alasan = "sesi_dicabut"
    elif sekarang - sesi["aktif"] > menit_diam * 60 or sekarang - sesi["masuk"] > jam_maks * 3600:
        alasan = "sesi_habis"
    if alasan:
        keluar()
        st.session_state["pesan_masuk"] = alasan
        return None
    sesi["aktif"] = sekarang
    return dari_pengguna(pengguna)


def akses() -> Akses:
    """The access computed by the entry script for this run (pages call this)."""
    return st.session_state[KUNCI_AKSES]


def keluar() -> None:
    for kunci in (KUNCI_SESI, KUNCI_AKSES):
        st.session_state.pop(kunci, None)


def alamat_klien() -> str | None:
    """The client's address: the websocket peer, or, when the peer is this machine (the proxy in front of several
    servers), the last X-Forwarded-For entry, which that proxy appends. None when unknown (then names alone count)."""
    ip = st.context.ip_address
    if isinstance(ip, str) and ip:
        return ip
    try:
        baris = st.context.headers.get_all("X-Forwarded-For")
    except (AttributeError, KeyError, RuntimeError):
        return None
    nilai = [v.strip() for b in baris if isinstance(b, str) for v in b.split(",") if v.strip()] if isinstance(baris, list) else []
    return nilai[-1][:100] if nilai else None


def _coba_masuk() -> None:
    """on_click of the sign-in form: a password is checked only once the shared failure counters of the name
    and the client address (in the database) have reserved an attempt; see store.pengguna.masuk."""
    nama = (st.session_state.get("masuk_nama") or "").strip().lower()
    sandi = st.session_state.get("masuk_sandi") or ""
    try:
        hasil = data.masuk(nama, sandi, alamat_klien())
    except Exception as exc:
        if (macam := gangguan.jenis(exc)) is None:
            raise
        gangguan.catat(exc)
        st.session_state["pesan_masuk"] = macam
        return
    if isinstance(hasil, str):
        st.session_state["pesan_masuk"] = hasil
        return
    sekarang = time.time()
    st.session_state[KUNCI_SESI] = {"nama": hasil.nama_pengguna, "versi": hasil.versi, "masuk": sekarang, "aktif": sekarang}
    st.session_state.pop("masuk_sandi", None)
    st.session_state.pop("pesan_masuk", None)


def halaman_masuk() -> None:
    """The sign-in page shown instead of every other page until a user signs in."""
    bahasa = st.session_state.get("lang") or "id"
    st.title(t("judul_app", bahasa))
    if pesan := st.session_state.get("pesan_masuk"):
        menit = int(JENDELA_GAGAL // 60)
        (st.error if pesan in ("masuk_gagal", "terlalu_sering", *gangguan.JENIS) else st.warning)(t(pesan, bahasa, menit=menit))
    with st.form("masuk", border=True, width=420):
        st.subheader(t("masuk_judul", bahasa))
        st.text_input(t("nama_pengguna", bahasa), key="masuk_nama", autocomplete="username")
        st.text_input(t("kata_sandi", bahasa), type="password", key="masuk_sandi", autocomplete="current-password")
        st.form_submit_button(t("masuk", bahasa), type="primary", on_click=_coba_masuk)
    st.caption(t("masuk_petunjuk", bahasa))


def keterangan_akses(ak: Akses, bahasa: str) -> None:
    """Sidebar: who is signed in with which role and areas (and a sign-out button), or that logins are off."""
    sb = st.sidebar
    if not ak.login:
        sb.caption(t("login_mati", bahasa))
        return
    wilayah = t("semua_wilayah", bahasa) if ak.wilayah is None else ", ".join(aman.teks_md((data.info_wilayah(k) or {"nama": k})["nama"]) for k in ak.wilayah)
    sb.caption(t("masuk_sebagai", bahasa, nama=ak.nama_pengguna, peran=t(f"peran_{ak.peran}", bahasa), wilayah=wilayah))
    sb.button(t("keluar", bahasa), on_click=keluar, icon=":material/logout:")


# every page: (address and translation key, icon, who may open it); the first is the default
HALAMAN = (
    ("ringkasan", ":material/map:", "semua"),
    ("peringkat", ":material/format_list_numbered:", "semua"),
    ("perkembangan", ":material/show_chart:", "semua"),
    ("cakupan", ":material/fact_check:", "semua"),
    ("petugas", ":material/groups:", "petugas"),
    ("bantuan", ":material/swap_horiz:", "semua"),  # the rapat role sees the plan in counts
    ("kualitas", ":material/policy:", "semua"),  # the rapat role sees counts per kecamatan only
    ("cek_ulang", ":material/fact_check:", "semua"),  # likewise
    ("rapat", ":material/co_present:", "semua"),
    ("jadwal", ":material/event:", "kelola"),
    ("impor", ":material/upload_file:", "kelola"),
    ("pengguna", ":material/manage_accounts:", "admin"),
    ("langganan", ":material/forward_to_inbox:", "admin"),
)
JUDUL = {"rapat": "mode_rapat"}


def _boleh_buka(ak: Akses, syarat: str) -> bool:
    if syarat == "petugas":
        return ak.lihat_petugas
    if syarat == "kelola":  # with logins off these pages are listed and say how to turn management on
        return ak.kelola or not ak.login
    if syarat == "admin":
        return ak.login and ak.kelola
    return True


def halaman_untuk(ak: Akses, bahasa: str) -> list:
    """The pages this viewer may open."""
    return [
        st.Page(f"dashboard/{nama}.py", title=t(JUDUL.get(nama, nama), bahasa), icon=ikon, url_path=nama, default=i == 0)
        for i, (nama, ikon, syarat) in enumerate(HALAMAN)
        if _boleh_buka(ak, syarat)
    ]


def halaman_masuk_semua(bahasa: str) -> list:
    """The sign-in page under every page's address, so a shared link asks for the password first and then
    opens the page it points to (instead of 'page not found')."""
    return [st.Page(halaman_masuk, title=t("masuk", bahasa), icon=":material/login:", url_path=nama, default=i == 0) for i, (nama, _, _) in enumerate(HALAMAN)]


def kepala_admin(judul: str, petunjuk: str, kunci_pesan: str) -> tuple[str, Akses]:
    """The top of an administrators' page: title, a refusal (and stop) for anyone else, the how-to, and the
    message the last action left in session_state[kunci_pesan]. Returns the language and the viewer's access."""
    bahasa = st.session_state.get("lang") or "id"
    ak = akses()
    st.title(t(judul, bahasa))
    if not (ak.login and ak.kelola):
        st.error(t("tidak_boleh", bahasa))
        st.stop()
    st.caption(t(petunjuk, bahasa))
    if pesan := st.session_state.pop(kunci_pesan, None):
        st.success(pesan)
    return bahasa, ak
