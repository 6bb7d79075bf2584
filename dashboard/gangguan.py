"""Database outages as users see them: a plain message in their language, the detail in the server log, a retry by itself."""

from __future__ import annotations

import logging
from datetime import timedelta

import streamlit as st

from store.db import jenis_gangguan as jenis  # 'db_rusak', 'db_putus' or None (a bug: left to Streamlit)
from tampilan.teks import t

JENIS = ("db_putus", "db_rusak")  # cannot be reached (retrying) / the SQLite file is damaged (restore a backup)
JEDA_COBA = timedelta(seconds=10)  # how often a page showing an outage tries again
_KUNCI_COBA = "_gangguan_coba"
_LOG = logging.getLogger("pantau.gangguan")


def _siapkan_log() -> None:
    """The app's own log lines (outages, sign-ins) go to the server's standard error with time and level."""
    akar = logging.getLogger("pantau")
    if not akar.handlers:
        keluaran = logging.StreamHandler()
        keluaran.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        akar.addHandler(keluaran)
        akar.setLevel(logging.INFO)
        akar.propagate = False


_siapkan_log()


def catat(exc: BaseException) -> None:
    """The whole detail for the administrator, in the server log."""
    _LOG.error("basis data: %s", jenis(exc), exc_info=exc)


def _coba_lagi() -> None:
    """A fragment on a timer: its first run belongs to the page's run; each later one reruns the whole app."""
    if st.session_state.get(_KUNCI_COBA):
        st.rerun(scope="app")
    st.session_state[_KUNCI_COBA] = True


def tampilkan(exc: BaseException, bahasa: str) -> None:
    """The outage message in place of the page, logged; the page tries again every JEDA_COBA by itself."""
    catat(exc)
    st.error(t(jenis(exc) or "db_putus", bahasa), icon=":material/cloud_off:")
    st.caption(t("db_coba_lagi", bahasa, detik=int(JEDA_COBA.total_seconds())))
    st.session_state[_KUNCI_COBA] = False
    st.fragment(_coba_lagi, run_every=JEDA_COBA)()
