"""Pantau Regsosek entry point: page navigation only."""

import streamlit as st

st.set_page_config(page_title="Pantau Regsosek", page_icon="🗺️", layout="wide")

halaman = [
    st.Page("dashboard/ringkasan.py", title="Ringkasan", icon=":material/map:", default=True),
]
st.navigation(halaman).run()
