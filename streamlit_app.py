"""Pantau Regsosek entry point: sign-in, the filters every page shares, then page navigation."""

import streamlit as st

from dashboard import akses, gangguan, tampilan_rapat, widget

mode_rapat = tampilan_rapat.aktif()
st.set_page_config(page_title="Pantau Regsosek", page_icon="🗺️", layout="wide", initial_sidebar_state="collapsed" if mode_rapat else "auto")
widget.gaya_ponsel()
widget.baca_tautan()
bahasa = widget.pilih_bahasa()
try:
    widget.siapkan_pertama(bahasa)  # the first start on the embedded default: the demo loads under a progress bar
    ak = akses.akses_sekarang()
    if ak is None:
        st.navigation(akses.halaman_masuk_semua(bahasa), position="hidden").run()
        st.stop()
    widget.filter_bersama(ak, bahasa)
    akses.keterangan_akses(ak, bahasa)
    halaman = st.navigation(akses.halaman_untuk(ak, bahasa), position="hidden" if mode_rapat else "sidebar")
    if mode_rapat and halaman.url_path != "rapat":
        st.switch_page("dashboard/rapat.py", query_params={k: v for k, v in st.query_params.items() if k in tampilan_rapat.PARAM_RAPAT})
    widget.spanduk_demo(bahasa)  # one place, above every page's title
    halaman.run()
except Exception as exc:  # a database outage becomes a message in the user's language; anything else goes on up
    if gangguan.jenis(exc) is None:
        raise
    gangguan.tampilkan(exc, bahasa)
