"""The one caching layer: the engine (cache_resource) and cached query results (cache_data with ttl)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from geodata.layar import geojson_layar
from queries import progres, wilayah
from queries.indikator import JadwalKampanye
from store.db import buat_engine, url_bawaan, url_dari_lingkungan
from store.siapkan import siapkan_basis_data

TTL = 300  # seconds: new imports show up within five minutes


def url_basis_data() -> tuple[str, bool]:
    """(URL, is_embedded_default): PANTAU_DB_URL, else [database] url in secrets, else embedded SQLite."""
    url = url_dari_lingkungan()
    if not url:
        try:
            url = st.secrets.get("database", {}).get("url")
        except StreamlitSecretNotFoundError:
            url = None
    return (url, False) if url else (url_bawaan(), True)


@st.cache_resource(show_spinner="Menyiapkan basis data (pertama kali: membangkitkan data demo)…")
def engine():
    url, bawaan = url_basis_data()
    eng = buat_engine(url)
    siapkan_basis_data(eng, isi_demo=bawaan)
    return eng


@st.cache_data(ttl=TTL, show_spinner=False)
def meta() -> dict[str, str]:
    return wilayah.baca_meta(engine())


@st.cache_data(ttl=TTL, show_spinner=False)
def daftar_kabupaten() -> pd.DataFrame:
    return wilayah.daftar_kabupaten(engine())


@st.cache_data(ttl=TTL, show_spinner=False)
def info_wilayah(kode: str) -> dict | None:
    return wilayah.info_wilayah(engine(), kode)


@st.cache_data(ttl=TTL, show_spinner=False)
def rentang_data() -> tuple[date | None, date | None]:
    return progres.rentang_data(engine())


@st.cache_data(ttl=TTL, show_spinner=False)
def jadwal() -> JadwalKampanye | None:
    return progres.baca_jadwal(engine())


@st.cache_data(ttl=TTL, show_spinner=False)
def rekap_anak(induk: str, tanggal: date) -> pd.DataFrame:
    return progres.rekap_anak(engine(), induk, tanggal)


@st.cache_data(ttl=TTL, show_spinner=False)
def rekap_wilayah(kode: str, tanggal: date) -> pd.DataFrame:
    return progres.rekap_wilayah(engine(), kode, tanggal)


@st.cache_data(ttl=TTL, show_spinner=False)
def seri_harian(kode: str, sampai: date) -> pd.DataFrame:
    return progres.seri_harian(engine(), kode, sampai)


@st.cache_data(ttl=3600, show_spinner=False)
def geojson_anak(induk: str) -> dict:
    """Simplified screen GeoJSON of induk's child areas (geometry changes only on a boundary import)."""
    return geojson_layar(wilayah.batas_anak(engine(), induk))
