"""AppTest of the officers page: figures equal the raw rows, names only when allowed, every tab runs."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

TGL = date(2022, 11, 5)


@pytest.fixture
def buka_petugas(buka_halaman):
    """Open the officers page as of TGL, with or without names allowed."""
    return lambda nama=False: buka_halaman("dashboard/petugas.py", tanggal=TGL.isoformat(), nama=nama)


def _semua_teks(at: AppTest) -> str:
    bagian = [str(df.value.to_dict()) for df in at.dataframe] + [m.value for m in at.markdown] + [c.value for c in at.caption]
    return " ".join(bagian)


def test_ppl_sama_dengan_baris_mentah_dan_tanpa_nama(buka_petugas, kampanye_kecil):
    at = buka_petugas()
    tabel = at.dataframe[0].value.set_index("petugas")
    kel = kampanye_kecil.tabel["keluarga"].sort_values(["id_keluarga", "tanggal"])
    per_kel = kel.groupby("id_keluarga").agg(pertama=("tanggal", "min"), ppl=("id_ppl", "last"))
    selesai = per_kel[per_kel["pertama"] <= TGL].groupby("ppl").size()
    ppl = kampanye_kecil.tabel["petugas"].query("peran == 'PPL'")
    assert set(tabel.index) == set(ppl["id_petugas"])
    for p, n in selesai.items():
        assert tabel.loc[p, "selesai"] == n
    assert {m.label: m.value for m in at.metric}["Jumlah PPL"] == str(len(ppl))
    teks = _semua_teks(at)
    assert "no_hp" not in tabel.columns
    assert not any(n in teks for n in kampanye_kecil.tabel["petugas"]["nama"])  # personal data hidden by default
    assert not any(h in teks for h in kampanye_kecil.tabel["petugas"]["no_hp"])


def test_nama_tampil_bila_diizinkan(buka_petugas, kampanye_kecil):
    at = buka_petugas(nama=True)
    tabel = at.dataframe[0].value
    assert "no_hp" in tabel.columns
    pertama = kampanye_kecil.tabel["petugas"].query("peran == 'PPL'").iloc[0]
    assert f"{pertama['nama']} ({pertama['id_petugas']})" in set(tabel["petugas"])


@pytest.mark.parametrize("tab", ["Tim PML", "Koseka", "Grafik", "Detail petugas"])
def test_setiap_tab(buka_petugas, kampanye_kecil, tab):
    at = buka_petugas()
    at.session_state["tab_petugas"] = tab  # the tabs are stateful (on_change="rerun"): open one by its key
    at.run()
    assert not at.exception, at.exception
    if tab == "Tim PML":
        tim = at.dataframe[0].value
        n_pml = (kampanye_kecil.tabel["petugas"]["peran"] == "PML").sum()
        assert len(tim) == n_pml and tim["jumlah_ppl"].sum() == (kampanye_kecil.tabel["petugas"]["peran"] == "PPL").sum()
    if tab == "Detail petugas":
        assert len(at.get("plotly_chart")) >= 1 and len(at.dataframe) >= 1
