"""Meeting mode: options from the URL, the rotation/refresh timer, and the same numbers as the overview."""

from __future__ import annotations

import json

from dashboard.tampilan_rapat import TAMPILAN, SetelanRapat, langkah


def test_langkah_putar_dan_segar():
    s = SetelanRapat(tampilan=("peta", "peringkat"), putar_detik=60, segar_menit=5)
    assert langkah(1000.0, 1000.0, 1000.0, s) == (False, False)
    assert langkah(1059.0, 1000.0, 1000.0, s) == (False, False)
    assert langkah(1060.0, 1000.0, 1000.0, s) == (True, False)
    assert langkah(1300.0, 1290.0, 1000.0, s) == (False, True)
    assert langkah(9999.0, 0.0, 0.0, SetelanRapat(tampilan=("peta",), putar_detik=60, segar_menit=0)) == (False, False)  # one view, no refresh


def test_setelan_dari_url_dan_halaman_sama_dengan_ringkasan(buka_halaman):
    ringkasan = buka_halaman("dashboard/ringkasan.py")
    metrik = [(m.label, m.value, m.delta) for m in ringkasan.metric]
    at = buka_halaman("dashboard/rapat.py", mode="rapat", tampil="peringkat,salah", putar="abc", segar="9999")
    assert not at.exception
    assert [(m.label, m.value, m.delta) for m in at.metric] == metrik  # the same headline figures, the same text
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["type"] == "bar"  # the only valid view asked for: the ranking
    assert at.session_state["rapat_indeks"] == 0 and "peta" in TAMPILAN


def test_pengaturan_memulai_mode_rapat(buka_halaman):
    at = buka_halaman("dashboard/ringkasan.py")
    at.multiselect(key="rapat_pilih").set_value(["petugas"])
    at.number_input(key="rapat_putar").set_value(0)
    at.button[0].click().run()
    assert not at.exception
    assert at.query_params["mode"] == "rapat" and at.query_params["tampil"] == "petugas"
    assert any("PPL" in json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart"))
