"""Languages: every UI string comes from the translation tables, in both languages, with local number/date formats."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from tampilan.teks import TEKS, angka, persen, poin, t, tanggal

ROOT = Path(__file__).resolve().parents[1]
BERKAS_UI = sorted(p for f in ("dashboard", "tampilan", "laporan") for p in (ROOT / f).glob("*.py") if p.name not in {"teks.py", "gaya.py", "__init__.py"})
LOG = {"debug", "info", "warning", "error", "exception"}
KALIMAT = re.compile(r"[A-Za-z]{3,}[,.:;!?]* +[A-Za-z]{3,}")  # two words: prose, not a key, code or format


def test_tidak_ada_nama_berkas_kode_di_antarmuka():
    """No UI string names a source file or a code constant (words meant for developers); the admin's command-line
    instructions (python manage.py ...) and settings (PANTAU_...) are for the people who run it and stay."""
    berkas = re.compile(r"[\w/]+\.py\b")
    for kunci, isi in TEKS.items():
        for bahasa, teks in isi.items():
            sisa = teks.replace("manage.py", "")
            assert not berkas.search(sisa), (kunci, bahasa, teks)
            assert not re.search(r"\b(?!PANTAU_)[A-Z]{3,}_[A-Z_]+\b", teks), (kunci, bahasa, teks)


def _teks_terpasang(pohon: ast.AST) -> list[tuple[int, str]]:
    """String constants in the code that read like prose, apart from docstrings and st.html style blocks."""
    abaikan: set[int] = set()
    for simpul in ast.walk(pohon):
        if isinstance(simpul, (ast.Module, ast.FunctionDef, ast.ClassDef)) and simpul.body and isinstance(simpul.body[0], ast.Expr):
            abaikan.add(id(simpul.body[0].value))
        if isinstance(simpul, ast.Call) and isinstance(simpul.func, ast.Attribute) and simpul.func.attr == "html":
            abaikan.update(id(n) for n in ast.walk(simpul))
        if isinstance(simpul, ast.Raise):  # messages for developers, not the screen
            abaikan.update(id(n) for n in ast.walk(simpul))
        if isinstance(simpul, ast.Call) and isinstance(simpul.func, ast.Attribute) and simpul.func.attr in LOG:  # the server log
            abaikan.update(id(n) for n in ast.walk(simpul))
    return [
        (s.lineno, s.value)
        for s in ast.walk(pohon)
        if isinstance(s, ast.Constant) and isinstance(s.value, str) and id(s) not in abaikan and KALIMAT.search(s.value) and not s.value.startswith(("<", "#"))
    ]


@pytest.mark.parametrize("berkas", BERKAS_UI, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_tidak_ada_teks_ui_di_luar_tabel_terjemahan(berkas):
    temuan = _teks_terpasang(ast.parse(berkas.read_text(encoding="utf-8")))
    assert not temuan, f"{berkas}: teks tampilan di luar tampilan/teks.py: {temuan}"


def test_setiap_kunci_punya_dua_bahasa_dengan_isian_sama():
    for kunci, isi in TEKS.items():
        assert set(isi) == {"id", "en"}, kunci
        assert isi["id"].strip() and isi["en"].strip(), kunci
        assert set(re.findall(r"{(\w+)}", isi["id"])) == set(re.findall(r"{(\w+)}", isi["en"])), kunci


def test_kunci_yang_dipakai_ada():
    dipakai = set()
    for p in BERKAS_UI:
        dipakai |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", p.read_text(encoding="utf-8")))
    assert dipakai and not dipakai - set(TEKS), dipakai - set(TEKS)


def test_format_angka_dan_tanggal_per_bahasa():
    assert angka(1234.5, 1, "id") == "1.234,5" and angka(1234.5, 1, "en") == "1,234.5"
    assert angka(1234567, 0, "id") == "1.234.567"
    assert persen(57.25, 1, "id") == "57,2%" or persen(57.25, 1, "id") == "57,3%"
    assert poin(-4.04, 1, "id") == "−4,0" and poin(3.2, 1, "en") == "+3.2"
    assert tanggal(date(2022, 10, 15), "id") == "15 Okt 2022" and tanggal(date(2022, 8, 17), "id") == "17 Agu 2022"
    assert tanggal(date(2022, 10, 15), "en") == "15 Oct 2022"
    assert t("hari_ke", "en", k=3, n=31) == "Day 3 of 31"


def test_figur_memakai_pemisah_bahasa():
    import pandas as pd

    from tampilan import figur

    df = pd.DataFrame({"nama": ["A"], "hasil_1": [1200], "hasil_2": [3], "hasil_3": [0], "hasil_4": [0], "hasil_5": [0]})
    assert figur.batang_hasil(df, "id").layout.separators == ",."
    assert figur.batang_hasil(df, bahasa="en").layout.separators == ".,"


@pytest.mark.parametrize("halaman", ["ringkasan", "peringkat", "perkembangan", "cakupan", "petugas", "rapat", "jadwal", "impor"])
def test_setiap_halaman_dalam_bahasa_inggris(buka_halaman, halaman):
    at = buka_halaman(f"dashboard/{halaman}.py", lang="English")
    assert not at.exception
    teks = " ".join([e.value for e in (*at.title, *at.caption, *at.subheader) if isinstance(e.value, str)] + [m.label for m in at.metric])
    assert teks.strip()
    indonesia = {"Capaian", "Selesai", "Sasaran", "Rencana", "Keadaan", "Peringkat", "Hari ke-", "Laju perlu", "Jadwal"}
    assert not [w for w in indonesia if w in teks], teks


def _tabel_tampil(at) -> list[tuple]:
    """(the data, the text each cell shows) of every table on an AppTest page whose numbers are formatted."""
    import pyarrow as pa

    keluar = []
    for df in at.dataframe:
        gaya = df.proto.arrow_data.styler
        if gaya.display_values:
            keluar.append((df.value, pa.ipc.open_stream(gaya.display_values).read_all().to_pandas(), df.proto.placeholder))
    return keluar


def _baca_angka(teks: str, bahasa: str) -> float:
    ribuan, desimal = (".", ",") if bahasa == "id" else (",", ".")
    return float(teks.replace(ribuan, "").replace(desimal, ".").replace("−", "-"))


@pytest.mark.parametrize("bahasa", ["id", "en"])
@pytest.mark.parametrize("halaman", ["ringkasan", "peringkat", "cakupan", "petugas"])
def test_angka_di_tabel_berformat_bahasa(buka_halaman, halaman, bahasa):
    """Every number a table shows is written in the page's language (1.234,5 in Indonesian, 1,234.5 in English) and
    reads back to the value it stands for; a missing value shows a dash, never 'None'."""
    import pandas as pd

    at = buka_halaman(f"dashboard/{halaman}.py", lang=bahasa)
    tabel = _tabel_tampil(at)
    if halaman == "cakupan":  # the lists, then the results by code
        for tampil in ("belum_mulai", "macet", "ulang", "terlalu_tinggi", "hasil"):
            at.segmented_control(key="tampil_cakupan").set_value(tampil).run()
            tabel += _tabel_tampil(at)
    assert tabel, "no formatted table on the page"
    ribuan_salah = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$") if bahasa == "id" else re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
    besar = 0
    for nilai, tampil, placeholder in tabel:
        assert placeholder == "–"
        for kolom in nilai.columns:
            if pd.api.types.is_bool_dtype(nilai[kolom]) or not pd.api.types.is_numeric_dtype(nilai[kolom]):
                continue
            for asli, teks in zip(nilai[kolom], tampil[kolom], strict=True):
                if pd.isna(asli):
                    assert teks in ("–", "", None), (kolom, teks)
                    continue
                assert not ribuan_salah.match(teks), f"{halaman} {kolom}: {teks!r} is not {bahasa}"
                assert abs(_baca_angka(teks, bahasa) - float(asli)) <= 0.051, (kolom, asli, teks)
                besar += abs(float(asli)) >= 1000
    if halaman in ("peringkat", "cakupan"):
        assert besar, "no number of four digits or more was checked"


def test_satu_tanda_minus_di_mana_pun():
    """A negative number is written with the typographic minus in cards, gaps and table cells alike."""
    import pandas as pd

    from dashboard.tabel import berformat
    from tampilan.teks import angka, persen, poin

    assert angka(-11.04, 1, "id") == "−11,0" and angka(-1234.5, 1, "en") == "−1,234.5"
    assert persen(-3.2, 1, "id") == "−3,2%" and poin(-4, 1, "id") == "−4,0"
    sel = berformat(pd.DataFrame({"selisih": [-11.04, 2.5]}), "id").to_html()
    assert "−11,0" in sel and "-11" not in sel
