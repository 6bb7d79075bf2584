"""Shared fixtures: a small demo campaign loaded into SQLite and (when reachable) PostgreSQL."""

from __future__ import annotations

import ast
import inspect
import os
import re
import socket
import textwrap
import uuid
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from demo.kampanye import buat_kampanye
from store.db import buat_engine
from store.pengguna import hapus_jeda
from store.siapkan import muat_kampanye

PG_URL = os.environ.get("PANTAU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parents[1]
ROOT_APP = str(ROOT / "streamlit_app.py")
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_KECIL = 11
SKALA_KECIL = 0.05


def port_bebas() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_tersedia() -> str | None:
    """None when the PostgreSQL test server answers, else the reason it does not."""
    try:
        eng = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(text("select 1"))
        eng.dispose()
        return None
    except Exception as exc:
        return f"PostgreSQL test server not reachable at {PG_URL}: {type(exc).__name__}"


# Test tiers, cheapest first: each test is marked with the most expensive thing it uses, read from its own code and
# the fixtures it requests (so a new test lands in its tier without being marked by hand). `pytest -m murni` and
# `pytest -m "murni or basis_data"` are the quick runs while working; plain `pytest` runs every tier (CI does).
TINGKAT_UJI = {
    "murni": "pure computation: rules, formats, figures, parsers; no database",
    "basis_data": "a real database (SQLite, and PostgreSQL where reachable) behind queries, imports and rollups",
    "halaman": "pages opened in streamlit.testing AppTest",
    "peramban": "a served app in headless Chromium, several servers, a proxy, or a private PostgreSQL cluster",
}
_POLA_TINGKAT = {
    "peramban": re.compile(r"server_app|ClusterPribadi|haproxy|sync_playwright|dua_server"),
    "halaman": re.compile(r"AppTest|pembuka_halaman|buka_halaman"),
    "basis_data": re.compile(
        r"buat_engine|create_engine|engine_pg_baru|muat_kampanye|muat_demo|sqlite_kecil|pg_kecil|db_kecil|db_kosong|sys\.executable|_manage\(|sqlite:///"
    ),
}


@cache
def _sumber(fungsi) -> str:
    """A function's code without its docstrings and comments (a docstring that names a fixture uses nothing)."""
    try:
        pohon = ast.parse(textwrap.dedent(inspect.getsource(fungsi)))
    except (OSError, TypeError, SyntaxError):
        return ""
    for node in ast.walk(pohon):
        badan = getattr(node, "body", None)
        if isinstance(badan, list) and badan and isinstance(badan[0], ast.Expr) and isinstance(badan[0].value, ast.Constant) and isinstance(badan[0].value.value, str):
            node.body = badan[1:] or [ast.Pass()]
    return ast.unparse(pohon)


def tingkat_uji(item) -> str:
    """The tier of one collected test: the most expensive pattern found in its code or its fixtures' code."""
    teks = [_sumber(item.function), " ".join(item.fixturenames)]
    for nama, defs in item._fixtureinfo.name2fixturedefs.items():
        teks += [_sumber(d.func) for d in defs if (getattr(d.func, "__module__", "") or "").startswith("tests")] + [nama]
    semua = "\n".join(teks)
    return next((k for k, pola in _POLA_TINGKAT.items() if pola.search(semua)), "murni")


def pytest_configure(config):
    for nama, arti in TINGKAT_UJI.items():
        config.addinivalue_line("markers", f"{nama}: {arti}")


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(getattr(pytest.mark, tingkat_uji(item)))


@pytest.fixture(autouse=True)
def _login_mati(monkeypatch):
    """Logins off unless a test turns them on (tests of roles do, through buka_halaman(masuk=...))."""
    monkeypatch.setenv("PANTAU_LOGIN", "0")


@pytest.fixture(scope="session")
def kampanye_kecil():
    """~5,000 families in a few kecamatan, from the same generator as the demo."""
    return buat_kampanye(seed=SEED_KECIL, skala=SKALA_KECIL)


def engine_pg_baru():
    """An engine on a fresh, private schema of the PostgreSQL test database (dropped by the caller)."""
    alasan = pg_tersedia()
    if alasan:
        pytest.skip(alasan)
    skema = f"uji_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text("CREATE SCHEMA " + skema))  # generated identifier, not user input
    admin.dispose()
    eng = create_engine(PG_URL, connect_args={"options": f"-csearch_path={skema}"})
    return eng, skema


def hapus_skema_pg(eng, skema: str) -> None:
    eng.dispose()
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text("DROP SCHEMA " + skema + " CASCADE"))
    admin.dispose()


def sqlite_baru(berkas: Path, kampanye=None):
    """A fresh SQLite database at berkas with the schema, and kampanye loaded into it when given (the caller disposes it)."""
    eng = buat_engine(f"sqlite:///{berkas}")
    if kampanye is not None:
        muat_kampanye(eng, kampanye)
    return eng


@pytest.fixture(scope="session")
def sqlite_kecil(kampanye_kecil, tmp_path_factory):
    """The small campaign on SQLite, shared by the session (a test that writes makes its own with sqlite_baru)."""
    eng = sqlite_baru(tmp_path_factory.mktemp("db") / "kecil.sqlite", kampanye_kecil)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def pg_kecil(kampanye_kecil):
    eng, skema = engine_pg_baru()
    muat_kampanye(eng, kampanye_kecil)
    yield eng
    hapus_skema_pg(eng, skema)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_kecil(request):
    """The small campaign on each supported database."""
    return request.getfixturevalue("sqlite_kecil" if request.param == "sqlite" else "pg_kecil")


@pytest.fixture
def db_kosong(tmp_path):
    """An empty database (schema only) on SQLite; see db_kosong_semua for both."""
    eng = sqlite_baru(tmp_path / "kosong.sqlite")
    yield eng
    eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_kosong_semua(request, tmp_path):
    """An empty database on each supported database."""
    if request.param == "sqlite":
        eng = sqlite_baru(tmp_path / "kosong.sqlite")
        yield eng
        eng.dispose()
    else:
        eng, skema = engine_pg_baru()
        yield eng
        hapus_skema_pg(eng, skema)


def pembuka_halaman(eng, monkeypatch):
    """Open a page of the app in AppTest on database eng, with the given URL parameters and settings."""
    from streamlit.testing.v1 import AppTest

    def _buka(halaman: str, tanggal: str = "2022-11-05", nama: bool = False, masuk: tuple[str, str] | None = None, **param: str) -> AppTest:
        """masuk=(user, password) signs in through the sign-in form (logins on); without it logins are off."""
        import streamlit as st

        monkeypatch.setenv("PANTAU_DB_URL", str(eng.url))
        monkeypatch.setenv("PANTAU_TAMPILKAN_NAMA", "1" if nama else "0")
        monkeypatch.setenv("PANTAU_LOGIN", "1" if masuk else "0")
        monkeypatch.setenv("PANTAU_IZINKAN_IMPOR", "0" if masuk else "1")
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(ROOT_APP, default_timeout=120)
        if tanggal:
            at.query_params["tanggal"] = tanggal
        for k, v in param.items():
            at.query_params[k] = v
        at.run()
        if masuk:
            hapus_jeda(eng)  # failed sign-ins of earlier tests are counted in the database
            at.text_input(key="masuk_nama").input(masuk[0])
            at.text_input(key="masuk_sandi").input(masuk[1])
            at.button[0].click().run()
            assert not at.exception, at.exception
        at.switch_page(halaman).run()
        assert not at.exception, at.exception
        return at

    return _buka


@pytest.fixture
def buka_halaman(sqlite_kecil, monkeypatch):
    """Open a page of the app in AppTest on the small campaign (see pembuka_halaman)."""
    import streamlit as st

    yield pembuka_halaman(sqlite_kecil, monkeypatch)
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def unduhan_tertunda(monkeypatch):
    """A reader of an AppTest page's download buttons whose file is made on click: label -> (file name, callable).

    AppTest gives each run a fresh MediaFileManager and lets it go after the run; every one is kept here, so
    the registered callables are still there when the test asks (garbage collection could take them)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import app_test

    dibuat: list[MediaFileManager] = []

    class Tercatat(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            dibuat.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Tercatat)

    def baca(at) -> dict[str, tuple[str, object]]:
        tertunda = {}
        for mfm in dibuat:
            tertunda |= mfm._deferred_callables
        tombol = [d.proto for d in at.get("download_button") if d.proto.deferred_file_id]
        return {k.label: (tertunda[k.deferred_file_id]["filename"], tertunda[k.deferred_file_id]["callable"]) for k in tombol}

    return baca
