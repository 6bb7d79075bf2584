"""Project rules that code review keeps forgetting: layering, bound SQL, one-line module docstrings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAPISAN_MURNI = ["aturan", "queries", "geodata", "store", "demo", "tampilan", "laporan", "kirim", "kampanye_lain"]

# The floors, lowest first: each package and the first-party packages it may import (ARCHITECTURE.md explains them).
# An arrow upward fails here. Entry points sit on top: streamlit_app.py imports dashboard/ only; manage.py, scripts/
# and tests/ may import any package but dashboard/ (tests open pages through AppTest, and may import it).
BOLEH_IMPOR: dict[str, set[str]] = {
    "aturan": set(),  # the rules of the contract: pure code
    "geodata": {"aturan"},  # boundary files, matching, screen geometry
    "demo": {"aturan"},  # the demo campaign generator
    "kampanye_lain": {"aturan"},  # a second generator for backtests (shares no code with demo/)
    "store": {"aturan", "geodata", "demo"},  # the database: schema, engine, writes, rollups, reading helpers
    "queries": {"aturan", "store"},  # reads returning DataFrames
    "tampilan": {"aturan", "geodata"},  # colours, texts, number formats, figures
    "laporan": {"aturan", "geodata", "queries", "store", "tampilan"},  # the daily report
    "kirim": {"aturan", "laporan", "queries", "store", "tampilan"},  # digests, alerts, import then notify
    "dashboard": {"aturan", "geodata", "kirim", "laporan", "queries", "store", "tampilan"},  # pages and their one cache
    "deploy": set(),  # running several app servers behind a proxy
}
PUNCAK = {"streamlit_app.py": {"dashboard"}, "manage.py": set(BOLEH_IMPOR) - {"dashboard"}}
PIHAK_PERTAMA = set(BOLEH_IMPOR) | {"scripts", "tests"}


def _berkas(*folder: str) -> list[Path]:
    return [p for f in folder for p in (ROOT / f).rglob("*.py")]


def test_lapisan_murni_tidak_mengimpor_streamlit():
    for p in _berkas(*LAPISAN_MURNI):
        pohon = ast.parse(p.read_text())
        for node in ast.walk(pohon):
            nama = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "streamlit" for n in nama), p


def _impor(p: Path) -> list[tuple[str, str, int]]:
    """(module, name imported from it or '', line) of every import in a file, at any depth."""
    hasil = []
    for node in ast.walk(ast.parse(p.read_text())):
        if isinstance(node, ast.Import):
            hasil += [(a.name, "", node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            hasil += [(node.module, a.name, node.lineno) for a in node.names]
    return hasil


def test_setiap_paket_ada_di_tabel_lantai():
    paket = {p.parent.name for p in ROOT.glob("*/__init__.py")} | {p.parent.name for p in ROOT.glob("*/*.py") if p.parent.name not in ("tests", "scripts")}
    assert paket - {"tests", "scripts"} <= set(BOLEH_IMPOR), paket - set(BOLEH_IMPOR)
    pyproject = (ROOT / "pyproject.toml").read_text()
    for nama in PIHAK_PERTAMA:
        assert f'"{nama}"' in pyproject.split("known-first-party")[1].split("]")[0], nama


def test_lantai_hanya_mengimpor_ke_bawah():
    """Every import between first-party packages follows BOLEH_IMPOR: an arrow upward (say store/ importing from
    queries/, or the rules importing the database) fails with its file and line."""
    salah = []
    for paket, boleh in BOLEH_IMPOR.items():
        for p in _berkas(paket):
            for modul, _, baris in _impor(p):
                atas = modul.split(".")[0]
                if atas in PIHAK_PERTAMA and atas != paket and atas not in boleh:
                    salah.append(f"{p.relative_to(ROOT)}:{baris} imports {modul}")
    for berkas, boleh in PUNCAK.items():
        for modul, _, baris in _impor(ROOT / berkas):
            atas = modul.split(".")[0]
            if atas in PIHAK_PERTAMA and atas not in boleh:
                salah.append(f"{berkas}:{baris} imports {modul}")
    for p in _berkas("scripts"):
        salah += [f"{p.relative_to(ROOT)}:{b} imports {m}" for m, _, b in _impor(p) if m.split(".")[0] == "dashboard"]
    assert not salah, "\n".join(salah)


def test_aturan_tanpa_sql_streamlit_atau_basis_data():
    """The rules floor is pure: no SQL, no Streamlit, no database driver, no file or network access."""
    terlarang = {"sqlalchemy", "streamlit", "psycopg", "sqlite3", "requests", "urllib", "socket", "plotly"}
    for p in _berkas("aturan"):
        for modul, _, baris in _impor(p):
            assert modul.split(".")[0] not in terlarang, f"{p.relative_to(ROOT)}:{baris} imports {modul}"


def test_queries_hanya_membaca():
    """queries/ reads: no insert, update or delete is built there (writes live in store/)."""
    tulis = {"insert", "update", "delete"}
    for p in _berkas("queries"):
        assert not [n for m, n, _ in _impor(p) if m.startswith("sqlalchemy") and n in tulis], p
        for node in ast.walk(ast.parse(p.read_text())):  # table.insert() and friends take no arguments; DataFrame.insert does
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in tulis:
                assert node.args or node.keywords, f"{p.relative_to(ROOT)}:{node.lineno}"


def test_tidak_ada_nama_privat_lintas_modul():
    """No module imports another module's private name (from x import _y, or x._y on an imported module)."""
    salah = []
    for p in [*ROOT.glob("*.py"), *(q for f in PIHAK_PERTAMA for q in (ROOT / f).rglob("*.py"))]:
        pohon = ast.parse(p.read_text())
        modul_impor = set()
        for node in ast.walk(pohon):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] in PIHAK_PERTAMA:
                salah += [f"{p.relative_to(ROOT)}:{node.lineno} {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
                modul_impor |= {a.asname or a.name for a in node.names}
            elif isinstance(node, ast.Import):
                modul_impor |= {a.asname or a.name for a in node.names if a.name.split(".")[0] in PIHAK_PERTAMA}
        for node in ast.walk(pohon):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modul_impor
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                salah.append(f"{p.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    assert not salah, "\n".join(salah)


def test_halaman_tidak_menulis_sql():
    for p in [*_berkas("dashboard"), ROOT / "streamlit_app.py"]:
        teks = p.read_text()
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s", teks), p
        assert "sqlalchemy" not in teks, p


def test_tidak_ada_sql_dari_f_string():
    pola = re.compile(r"(text|execute|exec_driver_sql|read_sql\w*)\(\s*f[\"']")
    for p in _berkas(*LAPISAN_MURNI, "dashboard"):
        assert not pola.search(p.read_text()), p


def test_setiap_modul_punya_docstring_satu_baris():
    for p in [*_berkas(*LAPISAN_MURNI, "dashboard", "tests", "scripts"), ROOT / "streamlit_app.py", ROOT / "manage.py"]:
        if not p.exists() or (p.name == "__init__.py" and not p.read_text().strip()):
            continue
        doc = ast.get_docstring(ast.parse(p.read_text()))
        assert doc and "\n" not in doc.strip(), p
