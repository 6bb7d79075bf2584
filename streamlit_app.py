"""Pantau Regsosek entry point: the filters every page shares, then page navigation."""

import streamlit as st

from dashboard.teks import t
from dashboard.widget import filter_bersama

st.set_page_config(page_title="Pantau Regsosek", page_icon="🗺️", layout="wide")
filter_bersama()
bahasa = st.session_state.get("lang") or "id"
halaman = [
    st.Page("dashboard/ringkasan.py", title=t("ringkasan", bahasa), icon=":material/map:", default=True, url_path="ringkasan"),
    st.Page("dashboard/peringkat.py", title=t("peringkat", bahasa), icon=":material/format_list_numbered:", url_path="peringkat"),
    st.Page("dashboard/perkembangan.py", title=t("perkembangan", bahasa), icon=":material/show_chart:", url_path="perkembangan"),
    st.Page("dashboard/cakupan.py", title=t("cakupan", bahasa), icon=":material/fact_check:", url_path="cakupan"),
    st.Page("dashboard/petugas.py", title=t("petugas", bahasa), icon=":material/groups:", url_path="petugas"),
    st.Page("dashboard/jadwal.py", title=t("jadwal", bahasa), icon=":material/event:", url_path="jadwal"),
    st.Page("dashboard/impor.py", title=t("impor", bahasa), icon=":material/upload_file:", url_path="impor"),
]
st.navigation(halaman).run()
