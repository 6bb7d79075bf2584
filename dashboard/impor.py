"""Import page: load contract tables and boundary files from uploads, with a preview before anything is saved."""

import streamlit as st

from dashboard import akses, unggah
from tampilan.teks import t

bahasa = st.session_state.get("lang") or "id"
st.title(t("impor_judul", bahasa))
ak = akses.akses()
if not ak.kelola:
    st.warning(t("impor_terkunci" if not ak.login else "tidak_boleh", bahasa))
    st.stop()
if not ak.login:
    st.caption(t("impor_tanpa_login", bahasa))
tab_tabel, tab_batas, tab_riwayat = st.tabs([t("tab_tabel", bahasa), t("tab_batas", bahasa), t("tab_riwayat", bahasa)])
with tab_tabel:
    unggah.unggah_tabel(bahasa)
with tab_batas:
    unggah.unggah_batas(bahasa)
with tab_riwayat:
    unggah.riwayat(bahasa)
