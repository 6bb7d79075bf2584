"""Project rules that code review keeps forgetting: layering, bound SQL, one-line module docstrings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAPISAN_MURNI = ["queries", "geodata", "store", "demo", "tampilan", "laporan", "kirim", "kampanye_lain"]


def _berkas(*folder: str) -> list[Path]:
    return [p for f in folder for p in (ROOT / f).rglob("*.py")]


def test_lapisan_murni_tidak_mengimpor_streamlit():
    for p in _berkas(*LAPISAN_MURNI):
        pohon = ast.parse(p.read_text())
        for node in ast.walk(pohon):
            nama = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "streamlit" for n in nama), p


def test_presentasi_dan_laporan_tidak_mengimpor_halaman():
    """The report, the CLI and the presentation layer sit below the pages: nothing there reaches up into dashboard/."""
    for p in [*_berkas("tampilan", "laporan", "queries", "geodata", "store", "kirim"), ROOT / "manage.py"]:
        pohon = ast.parse(p.read_text())
        for node in ast.walk(pohon):
            nama = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "dashboard" for n in nama), p


def test_halaman_tidak_menulis_sql():
    for p in [*_berkas("dashboard"), ROOT / "streamlit_app.py"]:
        teks = p.read_text()
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s", teks), p
        assert "sqlalchemy" not in teks, p


def test_tidak_ada_sql_dari_f_string():
    pola = re.compile(r"(text|execute|read_sql\w*)\(\s*f[\"']")
    for p in _berkas(*LAPISAN_MURNI, "dashboard"):
        assert not pola.search(p.read_text()), p


def test_setiap_modul_punya_docstring_satu_baris():
    for p in [*_berkas(*LAPISAN_MURNI, "dashboard", "tests", "scripts"), ROOT / "streamlit_app.py", ROOT / "manage.py"]:
        if not p.exists() or (p.name == "__init__.py" and not p.read_text().strip()):
            continue
        doc = ast.get_docstring(ast.parse(p.read_text()))
        assert doc and "\n" not in doc.strip(), p
