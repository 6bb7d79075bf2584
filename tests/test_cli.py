"""The command-line tool: contract CSVs imported from a folder give the same numbers; demo on Luwu geography."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from queries.progres import rekap_anak
from queries.wilayah import batas_anak
from store.db import buat_engine
from store.siapkan import muat_demo
from tests.conftest import SHARED, sqlite_baru

ROOT = Path(__file__).resolve().parents[1]


def _manage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_impor_folder_csv_sama_dengan_muatan_langsung(kampanye_kecil, sqlite_kecil, tmp_path):
    folder = tmp_path / "ekspor"
    folder.mkdir()
    for nama, df in kampanye_kecil.tabel.items():
        df.to_csv(folder / f"{nama}.csv", index=False, sep=";" if nama == "keluarga" else ",")
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    hasil = _manage("--url", url, "impor", str(folder))
    assert hasil.returncode == 0, hasil.stderr
    assert f"{len(kampanye_kecil.tabel['keluarga'])} dimuat" in hasil.stdout
    eng = buat_engine(url)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    for tgl in (date(2022, 10, 20), date(2022, 11, 14)):
        pd.testing.assert_frame_equal(rekap_anak(eng, kab, tgl), rekap_anak(sqlite_kecil, kab, tgl))
    ulang = _manage("--url", url, "impor", str(folder))
    assert " 0 dimuat" in ulang.stdout and "ditolak" in ulang.stdout
    status = _manage("--url", url, "status")
    assert "keluarga" in status.stdout
    eng.dispose()


def test_uji_folder_sama_dengan_impor_sungguhan_lalu_tarik(kampanye_kecil, tmp_path):
    """A dry run of a folder shows what the real run does (each file sees the ones before it) and stores nothing;
    the real run then matches it, and `tarik` withdraws an import as a whole."""
    folder = tmp_path / "ekspor"
    folder.mkdir()
    for nama, df in kampanye_kecil.tabel.items():
        df.to_csv(folder / f"{nama}.csv", index=False)
    url = f"sqlite:///{tmp_path / 'uji.sqlite'}"
    uji = _manage("--url", url, "impor", str(folder), "--uji")
    assert uji.returncode == 0, uji.stderr
    n = len(kampanye_kecil.tabel["keluarga"])
    assert f"UJI (tidak disimpan) {folder / 'keluarga.csv'}: keluarga: {n} dibaca, {n} dimuat" in uji.stdout
    assert " 0 ditolak" in uji.stdout and "penolakan 1" not in uji.stdout and "UJI: tidak ada yang disimpan" in uji.stdout
    assert "belum ada impor" in _manage("--url", url, "status").stdout
    nyata = _manage("--url", url, "impor", str(folder))
    ringkas = [b.removeprefix("UJI (tidak disimpan) ") for b in uji.stdout.splitlines() if ": " in b and "dibaca" in b]
    assert ringkas == [b for b in nyata.stdout.splitlines() if ": " in b and "dibaca" in b]
    eng = buat_engine(url)
    kab = kampanye_kecil.geografi.kabupaten["kode"].iloc[0]
    sebelum = rekap_anak(eng, kab, date(2022, 11, 14))
    assert sebelum["selesai"].sum() > 0
    id_keluarga = next(r.split()[0][1:] for r in _manage("--url", url, "status").stdout.splitlines() if " keluarga " in r)
    tarik = _manage("--url", url, "tarik", id_keluarga)
    assert tarik.returncode == 0 and f"{n} baris dihapus" in tarik.stdout, tarik.stderr
    assert rekap_anak(eng, kab, date(2022, 11, 14))["selesai"].sum() == 0
    assert "DITARIK" in _manage("--url", url, "status").stdout
    assert _manage("--url", url, "tarik", id_keluarga).returncode == 1
    eng.dispose()


def test_impor_menolak_berkas_tanpa_kolom_wajib(tmp_path):
    berkas = tmp_path / "keluarga.csv"
    berkas.write_text("id_keluarga,tanggal\nk1,2022-10-20\n")
    hasil = _manage("--url", f"sqlite:///{tmp_path / 'x.sqlite'}", "impor", str(berkas))
    assert hasil.returncode == 1
    assert "keluarga.csv" in hasil.stderr and "kode_sls" in hasil.stderr and "ditemukan: id_keluarga, tanggal" in hasil.stderr


@pytest.mark.skipif(not (SHARED / "geodata" / "luwu_desa.geojson").exists(), reason="../shared/geodata is absent")
def test_demo_di_geografi_luwu(tmp_path):
    eng = sqlite_baru(tmp_path / "luwu.sqlite")
    info = muat_demo(eng, seed=5, skala=0.2, berkas_desa=SHARED / "geodata" / "luwu_desa.geojson", berkas_kecamatan=SHARED / "geodata" / "luwu_kecamatan.geojson")
    kec = rekap_anak(eng, "7317", date(2022, 11, 14))
    assert len(kec) == 22 and "Larompong Selatan" in set(kec["nama"])
    assert sum(len(rekap_anak(eng, k, date(2022, 11, 14))) for k in kec["kode"]) == 227
    assert len(batas_anak(eng, "7317")) == 22
    assert info["geografi"].endswith("luwu_desa.geojson")
    eng.dispose()
