"""AppTest of the rankings, progress, coverage and schedule pages against the raw-row recomputation."""

from __future__ import annotations

import base64
import json
from datetime import date

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from aturan.indikator import PERINGKAT_STATUS, STATUS_URUT
from dashboard.tabel import label_status
from tampilan.teks import rentang_tanggal, tanggal
from tests import rujukan
from tests.conftest import sqlite_baru
from tests.label import tak_bernama
from tests.test_halaman import APP

TGL = date(2022, 11, 5)


def _larik(nilai) -> list:
    """A figure-JSON array: a plain list, or Plotly's base64 typed array {"dtype", "bdata"}."""
    if isinstance(nilai, dict) and "bdata" in nilai:
        return list(np.frombuffer(base64.b64decode(nilai["bdata"]), dtype=np.dtype(nilai["dtype"])))
    return list(nilai)


@pytest.fixture
def buka(buka_halaman):
    """Open a page as of TGL."""
    return lambda halaman, **param: buka_halaman(halaman, tanggal=TGL.isoformat(), **param)


def test_peringkat_urut_dan_sama_dengan_rujukan(buka, kampanye_kecil):
    at = buka("dashboard/peringkat.py")
    df = at.dataframe[0].value
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 7, TGL)
    nama_kode = dict(zip(kampanye_kecil.geografi.kecamatan["nama"], kampanye_kecil.geografi.kecamatan["kode"], strict=True))
    assert len(df) == len(acuan)
    label_ke_status = {label_status(s, "id"): s for s in (*STATUS_URUT, None)}
    urutan = [(PERINGKAT_STATUS[label_ke_status[s]], x) for s, x in zip(df["status"], df["selisih"], strict=True)]
    assert urutan == sorted(urutan)  # most behind first: status worst first, then selisih
    ram = rujukan.ramalan(kampanye_kecil.tabel, list(acuan.index), TGL)
    for r in df.itertuples():
        kode = nama_kode[r.nama]
        ind = rujukan.indikator(acuan.loc[kode], *rujukan.jadwal_area(kampanye_kecil.tabel, kode), TGL, ram.loc[kode])
        assert r.proyeksi_selesai == (tanggal(ind["proyeksi_selesai"]) if acuan.loc[kode, "selesai"] < acuan.loc[kode, "sasaran"] else "Sasaran tercapai")
        assert r.rentang_proyeksi == rentang_tanggal(ram.loc[kode, "proyeksi_p10"], ram.loc[kode, "proyeksi_p90"])
        assert label_ke_status[r.status] == ind["status"], (r.nama, r.status, ind)
        assert r.capaian == pytest.approx(round(ind["capaian"], 1)) and r.selisih == pytest.approx(round(ind["selisih"], 1))
        assert r.laju_7hari == pytest.approx(round(ind["laju_7hari"]))
        assert len(r.tren) == 14 and r.tren[-1] == pytest.approx(round(ind["capaian"], 1))


def test_peringkat_saring_status_dan_unduhan(buka):
    at = buka("dashboard/peringkat.py")
    semua = at.dataframe[0].value
    status_pertama = semua["status"].iloc[0]
    kunci = {label_status(s, "id"): s for s in STATUS_URUT}[status_pertama]
    at.pills(key="status").set_value([kunci]).run()
    saring = at.dataframe[0].value
    assert len(saring) == (semua["status"] == status_pertama).sum() > 0
    unduh = at.get("download_button")
    assert len(unduh) == 2
    at.segmented_control(key="tingkat").set_value(10).run()
    assert not at.exception and "induk" in at.dataframe[0].value.columns


def test_perkembangan_animasi_satu_bingkai_per_hari(buka, kampanye_kecil):
    at = buka("dashboard/perkembangan.py")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["type"] == "choroplethmap"
    assert len(spec["frames"]) == (TGL - date(2022, 10, 15)).days + 1
    assert "geojson" not in json.dumps(spec["frames"][0])  # geometry travels once, frames carry values
    acuan = rujukan.per_wilayah(kampanye_kecil.tabel, 7, TGL)
    terakhir = dict(zip(_larik(spec["data"][0]["locations"]), _larik(spec["frames"][-1]["data"][0]["z"]), strict=True))
    for kode, z in terakhir.items():
        assert z == pytest.approx(min(100, acuan.loc[kode, "selesai"] / acuan.loc[kode, "sasaran"] * 100))
    # every kecamatan is named on the map, by its name or short form or by a number keyed under the slider, and the
    # names stay through the animation: each frame replaces the colours (trace 0) only
    (label,) = [j for j in spec["data"] if j["type"] == "scattermap" and j["mode"] == "text"]
    nama_kec = kampanye_kecil.geografi.kecamatan.set_index("kode")["nama"].loc[_larik(spec["data"][0]["locations"])]
    assert not tak_bernama(nama_kec, label["text"], [a["text"] for a in spec["layout"].get("annotations", [])])
    assert all(len(f["data"]) == 1 and f["data"][0]["type"] == "choroplethmap" for f in spec["frames"])
    at.segmented_control(key="anim_warna").set_value("status").run()
    assert not at.exception and len(json.loads(at.get("plotly_chart")[0].proto.spec)["frames"]) == len(spec["frames"])
    at.segmented_control(key="anim_tingkat").set_value("desa").run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(_larik(spec["data"][0]["locations"])) == len(kampanye_kecil.geografi.desa)
    assert [j["type"] for j in spec["data"]] == ["choroplethmap"]  # hundreds of desa: hover, not names


def test_cakupan_sama_dengan_rujukan(buka, kampanye_kecil):
    at = buka("dashboard/cakupan.py")
    at.segmented_control(key="tampil_cakupan").set_value("hasil").run()
    df = next(d.value for d in at.dataframe if "hasil_1" in d.value.columns).set_index("nama")
    kel = kampanye_kecil.tabel["keluarga"]
    terkini = kel[kel["tanggal"] <= TGL].sort_values(["id_keluarga", "tanggal"]).groupby("id_keluarga").last()
    for kec in kampanye_kecil.geografi.kecamatan.itertuples():
        bagian = terkini[terkini["kode_sls"].str[:7] == kec.kode]
        assert df.loc[kec.nama, "hasil_1"] == (bagian["hasil"] == 1).sum()
        assert df.loc[kec.nama, "keluarga_baru"] == bagian["keluarga_baru"].sum()
    if "laporan_selesai" in df:
        lh = kampanye_kecil.tabel["laporan_harian"]
        for kode, n in lh[lh["tanggal"] <= TGL].groupby(lh["kode_sls"].str[:7])["selesai"].sum().items():
            nama = kampanye_kecil.geografi.kecamatan.set_index("kode").loc[kode, "nama"]
            assert df.loc[nama, "laporan_selesai"] == n


@pytest.fixture
def jadwal(kampanye_kecil, tmp_path, monkeypatch):
    """The schedule page on a database of its own (it writes), writing allowed with logins off."""
    eng = sqlite_baru(tmp_path / "jadwal.sqlite", kampanye_kecil)
    monkeypatch.setenv("PANTAU_DB_URL", str(eng.url))
    monkeypatch.setenv("PANTAU_IZINKAN_IMPOR", "1")  # logins off: writing from the app must be allowed explicitly
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["tanggal"] = TGL.isoformat()
    at.run()
    at.switch_page("dashboard/jadwal.py").run()
    yield at
    st.cache_data.clear()
    st.cache_resource.clear()
    eng.dispose()


def test_jadwal_perpanjangan_mengubah_semua_angka(jadwal, kampanye_kecil):
    at = jadwal
    kab = kampanye_kecil.geografi.kabupaten.iloc[0]
    at.selectbox(key="perpanjangan_wilayah").set_value(kab["kode"])
    at.date_input(key="perpanjangan_sampai").set_value(date(2022, 11, 30))
    next(b for b in at.button if b.label == "Simpan perpanjangan").click().run()
    assert not at.exception and "Tersimpan" in at.success[0].value
    at.switch_page("dashboard/ringkasan.py").run()
    m = {x.label: x for x in at.metric}
    assert "rencana " + f"{(TGL - date(2022, 10, 15)).days + 1:d}" not in m["Capaian"].delta
    harap = ((TGL - date(2022, 10, 15)).days + 1) / 47 * 100
    assert f"{harap:.1f}".replace(".", ",") in m["Capaian"].delta  # plan now over 47 days


def test_jenis_rencana_tetap_lewat_ganti_bahasa(jadwal):
    """The schedule page's plan kind and its daily percentage survive a language switch (they were unkeyed, so a
    new widget in each language, and the page fell back to the linear plan)."""
    at = jadwal
    at.radio(key="jenis_rencana").set_value("harian").run()
    at.number_input(key="persen_per_hari").set_value(2.5).run()
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.radio(key="jenis_rencana").value == "harian" and at.number_input(key="persen_per_hari").value == 2.5
    assert at.radio(key="jenis_rencana").options[1] == "Percent per day" and any("2.5" in c.value and "40" in c.value for c in at.caption)
