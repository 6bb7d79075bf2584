"""Field quality from paradata: import bounds, distances to desa polygons, the checks on planted and hand-made cases, the page."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime, timedelta

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from aturan.ambang import AMBANG_KUALITAS
from aturan.kualitas import CEK, AmbangKualitas, nilai_kualitas, per_kecamatan, ringkas_harian, zona_waktu
from queries import paradata as qp
from store.impor.tulis import impor_tabel
from store.schema import keluarga, meta
from store.siapkan import muat_kampanye

A = AMBANG_KUALITAS


def _info(eng) -> dict:
    with eng.connect() as conn:
        return json.loads(conn.execute(select(meta.c.nilai).where(meta.c.kunci == "demo_info")).scalar())


def _nilai(eng, induk: str = "", akhir: date = date(2022, 11, 30)) -> pd.DataFrame:
    mulai = date(2022, 10, 15)
    return qp.kualitas_area(eng, induk, mulai, akhir, A)


def test_cek_menemukan_perilaku_yang_ditanam(db_kecil):
    """Each planted PPL is flagged by the checks made for them, and only a handful of others by any check (both databases)."""
    eng = db_kecil
    info = _info(eng)
    kab = info["geografi"] and "9901"
    n = _nilai(eng, kab)
    ditandai = {c: set(n.loc[n[f"{c}_flag"], "id_ppl"]) for c in CEK}
    assert info["ppl_malam"] in ditandai["malam"] & ditandai["tumpang"] & ditandai["menumpuk"]
    assert info["ppl_desa_tetangga"] in ditandai["luar_desa"]
    assert info["ppl_pindah"] in ditandai["hasil_5"]
    assert info["ppl_menit_bulat"] in ditandai["menit_bulat"]
    ditanam = {info[k] for k in ("ppl_malam", "ppl_desa_tetangga", "ppl_pindah", "ppl_menit_bulat")}
    lain = set(n.loc[n["jumlah_bendera"] > 0, "id_ppl"]) - ditanam
    assert len(lain) <= 3, lain
    # the rapat view: the same flags counted per kecamatan
    per_kec = per_kecamatan(n)
    assert per_kec["ppl_berbendera"].sum() == (n["jumlah_bendera"] > 0).sum()
    assert int(per_kec["hasil_5"].sum()) == len(ditandai["hasil_5"])


def test_jarak_desa_sama_dengan_proyeksi_utm(sqlite_kecil, kampanye_kecil):
    """Distances stored at import equal those measured in UTM (zone 50S) with GeoPandas, to a metre and a half percent."""
    with sqlite_kecil.connect() as conn:
        k = pd.DataFrame(conn.execute(select(keluarga.c.kode_sls, keluarga.c.lintang, keluarga.c.bujur, keluarga.c.jarak_desa)).all())
    assert k["jarak_desa"].notna().all() and (k["jarak_desa"] >= 0).all()
    luar = k[k["jarak_desa"] > 0]
    contoh = pd.concat([luar.head(300), k[k["jarak_desa"] == 0].head(100)])
    desa = kampanye_kecil.geografi.desa.set_index("kode").to_crs("EPSG:32750")
    titik = gpd.GeoSeries(gpd.points_from_xy(contoh["bujur"], contoh["lintang"]), crs="EPSG:4326").to_crs("EPSG:32750")
    utm = np.array([desa.geometry[kd[:10]].distance(p) for kd, p in zip(contoh["kode_sls"], titik, strict=True)])
    assert np.allclose(contoh["jarak_desa"].to_numpy(), utm, rtol=0.005, atol=1.5)
    assert len(luar) > 0  # GPS error puts some points just outside


def _panjang(nilai) -> int:
    """Number of values in a figure array from its JSON spec (a list, or Plotly's base64 typed array)."""
    if isinstance(nilai, dict):
        return len(np.frombuffer(base64.b64decode(nilai["bdata"]), dtype=nilai["dtype"]))
    return len(nilai)


def _kiriman(baris: list[tuple]) -> pd.DataFrame:
    """Hand-made submissions of one PPL: (day, start 'HH:MM' or None, minutes, lat, lon, metres outside the desa)."""
    rows = []
    for hari, mulai, menit, lat, lon, jarak in baris:
        w = datetime.combine(hari, datetime.strptime(mulai, "%H:%M").time()) if mulai else None
        rows.append(
            {
                "id_ppl": "P1",
                "tanggal": hari,
                "kode_sls": "99010100010001",
                "waktu_mulai": w,
                "waktu_selesai": w + timedelta(minutes=menit) if w else None,
                "lintang": lat,
                "bujur": lon,
                "jarak_desa": jarak,
            }
        )
    return pd.DataFrame(rows)


D1, D2 = date(2022, 10, 20), date(2022, 10, 21)


def test_tumpang_dan_malam_buatan_tangan():
    # 09:00-09:30 and 09:20-09:50 overlap; 10:00-10:20 does not; 09:50 starting as 09:50 ends is not an overlap
    k = _kiriman(
        [
            (D1, "09:00", 30, None, None, None),
            (D1, "09:20", 30, None, None, None),
            (D1, "09:50", 10, None, None, None),
            (D1, "10:00", 20, None, None, None),
            (D1, "21:50", 20, None, None, None),  # evening: not night
            (D1, "22:10", 20, None, None, None),
            (D2, "04:30", 20, None, None, None),
            (D2, "05:00", 20, None, None, None),  # the window ends at 05:00
            (D2, "09:00", 30, None, None, None),  # another day: does not overlap D1's 09:00
        ]
    )
    r = ringkas_harian(k, A).set_index("tanggal")
    assert r.loc[D1, "tumpang"] == 2 and r.loc[D2, "tumpang"] == 0
    assert r.loc[D1, "malam"] == 1 and r.loc[D2, "malam"] == 1
    assert r["berwaktu"].sum() == 9 and r["bertitik"].sum() == 0


def test_titik_menumpuk_dan_di_luar_desa_buatan_tangan():
    lat0, lon0 = -3.0, 120.0
    m = 1 / 110_574  # a metre of latitude
    dekat = [(D1, None, 0, lat0 + i * 2 * m, lon0, 0.0) for i in range(5)]  # five points within 8 m
    jauh = [(D1, None, 0, lat0 + 500 * m + i * 30 * m, lon0, 0.0) for i in range(5)]  # five houses 30 m apart
    luar = [(D2, None, 0, lat0, lon0 + j * 0.01, d) for j, d in enumerate([0.0, 60.0, 150.0, 2400.0, None])]
    r = ringkas_harian(_kiriman(dekat + jauh + luar), A).set_index("tanggal")
    assert r.loc[D1, "menumpuk"] == 5 and r.loc[D1, "bertitik"] == 10
    assert r.loc[D2, "luar_desa"] == 2 and r.loc[D2, "jarak_luar_maks"] == 2400.0 and r.loc[D2, "tanpa_batas"] == 1
    empat = ringkas_harian(_kiriman(dekat[:4]), A)  # four at one spot: one house may hold several families
    assert empat["menumpuk"].sum() == 0


def _hasil(baris: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(baris, columns=["id_ppl", "kode_kec", "keluarga", "hasil_3", "hasil_4", "hasil_5"])


def test_hasil_diuji_dengan_hitungan_bukan_rasio():
    """A PPL with 20 families and 1 refusal is never flagged, even when the peers have almost none; 60 of 200 moved is."""
    rekan = [(f"R{i}", "9901010", 200, 2, 0, 3) for i in range(10)]
    kosong = pd.DataFrame(columns=["id_ppl", "kode_kec"])
    n = nilai_kualitas(kosong, _hasil([("KECIL", "9901010", 20, 0, 1, 0), ("PINDAH", "9901010", 200, 2, 1, 60), *rekan]), kosong, A).set_index("id_ppl")
    assert not n.loc["KECIL", "hasil_4_flag"] and n.loc["KECIL", "jumlah_bendera"] == 0
    assert n.loc["PINDAH", "hasil_5_flag"] and not n.loc["PINDAH", "hasil_4_flag"]
    assert n["jumlah_bendera"].sum() == 1
    # no peers at all (the only PPL of a kecamatan): nothing to compare with, nothing flagged
    sendiri = nilai_kualitas(kosong, _hasil([("SATU", "9901020", 100, 50, 0, 0)]), kosong, A)
    assert sendiri["jumlah_bendera"].sum() == 0


def test_menit_bulat_diuji_terhadap_satu_dari_lima():
    kosong = pd.DataFrame(columns=["id_ppl", "kode_kec"])
    durasi = pd.DataFrame(
        [("BULAT", "9901010", 40, 38), ("WAJAR", "9901010", 200, 45), ("SEDIKIT", "9901010", 10, 10), ("SETENGAH", "9901010", 30, 15)],
        columns=["id_ppl", "kode_kec", "wawancara", "bulat"],
    )
    n = nilai_kualitas(kosong, _hasil([]), durasi, A).set_index("id_ppl")
    assert n["menit_bulat_flag"].to_dict() == {"BULAT": True, "WAJAR": False, "SEDIKIT": False, "SETENGAH": True}


def test_zona_waktu_provinsi():
    assert (zona_waktu("7317"), zona_waktu("3201"), zona_waktu("9471"), zona_waktu("6101"), zona_waktu("6401")) == ("WITA", "WIB", "WIT", "WIB", "WITA")


def _berkas_paradata(kampanye) -> pd.DataFrame:
    """Rows of new families, each with one paradata cell that is good or bad."""
    b = kampanye.tabel["beban"].iloc[0]
    dasar = {"kode_sls": b["kode_sls"], "id_ppl": b["id_ppl"], "tanggal": "2022-10-20", "hasil": 1}
    kasus = [
        ({"lintang": "-2.994", "bujur": "120.1"}, None),  # a point is never a thousands grouping
        ({"lintang": "-2,994", "bujur": "120,1"}, None),  # comma decimals
        ({"lintang": "abc", "bujur": "120.1"}, "lintang bukan angka"),
        ({"lintang": "7", "bujur": "120.1"}, "lintang 7"),
        ({"lintang": "-3", "bujur": "94.9"}, "bujur 94.9"),
        ({"lintang": "0", "bujur": "0"}, "bujur 0"),
        ({"lintang": "-3", "bujur": ""}, "keduanya"),
        ({"lintang": "inf", "bujur": "120"}, "lintang bukan angka"),
        ({"lintang": "nan", "bujur": "120"}, "lintang bukan angka"),
        ({"waktu_mulai": "2022-10-20 09:00", "waktu_selesai": "2022-10-20 09:25"}, None),
        ({"waktu_mulai": "2022-10-20 09:00", "waktu_selesai": "2022-10-20 09:00"}, "tidak sesudah"),
        ({"waktu_mulai": "2022-10-20 09:00", "waktu_selesai": "2022-10-20 08:00"}, "tidak sesudah"),
        ({"waktu_mulai": "2022-10-19 09:00", "waktu_selesai": "2022-10-20 10:00"}, "24 jam"),
        ({"waktu_mulai": "2022-10-21 09:00", "waktu_selesai": "2022-10-21 09:30"}, "sesudah tanggal"),
        ({"waktu_mulai": "kemarin", "waktu_selesai": ""}, "tidak terbaca"),
        ({"waktu_mulai": "", "waktu_selesai": "2022-10-20 09:30"}, "tanpa waktu_mulai"),
        ({"waktu_mulai": "1999-10-20 09:00"}, "di luar tahun"),
        ({"waktu_mulai": "2022-10-20T02:00:00Z", "waktu_selesai": "2022-10-20T02:30:00+00:00"}, None),  # UTC: stored as WIB (province 99)
        ({"waktu_mulai": "20/10/2022 09:00"}, None),
    ]
    rows = [dasar | {"id_keluarga": f"PARA-{i:02d}"} | isi for i, (isi, _) in enumerate(kasus)]
    return pd.DataFrame(rows).fillna(""), [a for _, a in kasus]


def test_impor_paradata_menolak_sel_buruk_sama_di_kedua_basis_data(db_kosong_semua, kampanye_kecil):
    eng = db_kosong_semua
    muat_kampanye(eng, kampanye_kecil)
    df, alasan = _berkas_paradata(kampanye_kecil)
    hasil = impor_tabel(eng, "keluarga", df, "paradata.csv")
    ditolak = dict(zip(hasil.ditolak["baris"], hasil.ditolak["alasan"], strict=True))
    for i, a in enumerate(alasan):
        if a is None:
            assert i + 2 not in ditolak, (i, ditolak.get(i + 2))
        else:
            assert a in ditolak.get(i + 2, ""), (i, a, ditolak.get(i + 2))
    assert hasil.dimuat == sum(a is None for a in alasan)
    with eng.connect() as conn:
        k = pd.DataFrame(conn.execute(select(keluarga).where(keluarga.c.id_keluarga.like("PARA-%"))).mappings().all()).set_index("id_keluarga")
    assert k.loc["PARA-00", "lintang"] == -2.994 and k.loc["PARA-01", "bujur"] == 120.1
    assert k.loc["PARA-17", "waktu_mulai"] == datetime(2022, 10, 20, 9, 0) and k.loc["PARA-17", "waktu_selesai"] == datetime(2022, 10, 20, 9, 30)
    assert k.loc["PARA-18", "waktu_mulai"] == datetime(2022, 10, 20, 9, 0)
    assert k.loc["PARA-00", "jarak_desa"] >= 0  # measured against its desa at import


def test_ambang_lain_membangun_ulang_rekap(sqlite_kecil, monkeypatch):
    """Thresholds that shape the stored counts rebuild them at the next start, equal to counts made with them."""
    from store import paradata, rekap

    lain = AmbangKualitas(malam_mulai="20:00")
    with sqlite_kecil.begin() as conn:
        assert paradata.pastikan(conn, lain)
        assert not paradata.pastikan(conn, lain)
        malam_lain = conn.execute(select(paradata.rekap_paradata.c.malam)).scalars().all()
        assert paradata.pastikan(conn, A)
        malam = conn.execute(select(paradata.rekap_paradata.c.malam)).scalars().all()
        assert sum(malam_lain) > sum(malam)
    assert rekap.VERSI


def test_halaman_kualitas_daftar_peta_dan_tautan(buka_halaman, kampanye_kecil):
    info = kampanye_kecil.info
    at = buka_halaman("dashboard/kualitas.py", kab="9901", tanggal="2022-11-30")
    assert not at.exception
    daftar = at.dataframe[0].value
    assert {info["ppl_malam"], info["ppl_desa_tetangga"], info["ppl_pindah"], info["ppl_menit_bulat"]} <= set(daftar["id_ppl"])
    pilih = at.selectbox(key="kualitas_ppl")
    pilih.set_value(info["ppl_desa_tetangga"]).run()
    assert not at.exception
    peta = json.loads(at.get("plotly_chart")[0].proto.spec)
    titik = [d for d in peta["data"] if d["type"] == "scattermap" and d.get("mode") == "markers"]
    kel = kampanye_kecil.tabel["keluarga"]
    assert sum(_panjang(d["lon"]) for d in titik) == int((kel["id_ppl"] == info["ppl_desa_tetangga"]).sum())
    teks = json.dumps(peta)
    assert not any(i in teks for i in kel.loc[kel["id_ppl"] == info["ppl_desa_tetangga"], "id_keluarga"])  # no family ID on a point
    luar = next(d for d in titik if d["marker"]["color"] == "#d6336c")
    assert _panjang(luar["lon"]) >= 0.9 * sum(_panjang(d["lon"]) for d in titik)
    # the link opens the officer's detail on the Petugas page
    at.query_params["ppl"] = info["ppl_desa_tetangga"]
    at.switch_page("dashboard/petugas.py").run()
    assert not at.exception
    assert at.selectbox(key="detail_ppl").value == info["ppl_desa_tetangga"]


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_halaman_kualitas_dua_bahasa(buka_halaman, bahasa):
    at = buka_halaman("dashboard/kualitas.py", kab="9901", tanggal="2022-11-30", lang=bahasa)
    assert not at.exception
    assert at.title[0].value.startswith("Kualitas lapangan" if bahasa == "id" else "Field quality")
    assert at.metric[0].label == ("PPL berbendera" if bahasa == "id" else "PPL flagged")
