"""An import killed midway (SIGKILL while it writes) leaves the database exactly as it was before it."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from store import schema as s
from store.db import buat_engine
from store.siapkan import muat_kampanye
from tests.conftest import engine_pg_baru, hapus_skema_pg

ROOT = Path(__file__).resolve().parents[1]
JUMLAH_BARU = 60_000


def _sidik(eng) -> dict[str, str]:
    """A checksum of every row of the tables an import writes."""
    hasil = {}
    with eng.connect() as conn:
        for tabel in (s.keluarga, s.keluarga_ringkas, s.impor, s.penolakan, s.laporan_harian):
            rows = sorted(repr(tuple(r)) for r in conn.execute(select(tabel)))
            hasil[tabel.name] = f"{len(rows)}:{hashlib.sha256(chr(10).join(rows).encode()).hexdigest()}"
    return hasil


def _berkas_besar(kampanye, path: Path) -> None:
    """JUMLAH_BARU valid new submissions on the campaign's workload."""
    rng = np.random.default_rng(3)
    beban = kampanye.tabel["beban"].sample(JUMLAH_BARU, replace=True, random_state=1).reset_index(drop=True)
    pd.DataFrame(
        {
            "id_keluarga": [f"BARU-{i:06d}" for i in range(JUMLAH_BARU)],
            "kode_sls": beban["kode_sls"],
            "id_ppl": beban["id_ppl"],
            "tanggal": [f"{d}/11/2022" for d in rng.integers(1, 14, JUMLAH_BARU)],
            "hasil": rng.integers(1, 6, JUMLAH_BARU),
        }
    ).to_csv(path, index=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'mati.sqlite'}"
        yield url, buat_engine(url), {}
    else:
        eng, skema = engine_pg_baru()
        yield eng.url.render_as_string(hide_password=False), eng, {"PGOPTIONS": f"-csearch_path={skema}"}
        hapus_skema_pg(eng, skema)


def test_impor_dibunuh_di_tengah_tidak_mengubah_apa_pun(db_url, kampanye_kecil, tmp_path):
    url, eng, env = db_url
    muat_kampanye(eng, kampanye_kecil)
    berkas = tmp_path / "keluarga.csv"
    _berkas_besar(kampanye_kecil, berkas)
    sebelum = _sidik(eng)
    perintah = [sys.executable, str(ROOT / "manage.py"), "--url", url, "impor", str(berkas)]
    proses = subprocess.Popen(perintah, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    terlihat = []
    for baris in proses.stderr:
        terlihat.append(baris)
        if "menulis keluarga" in baris:  # the first batch of rows is in the database, uncommitted
            proses.send_signal(signal.SIGKILL)
            break
    proses.wait(timeout=60)
    assert proses.returncode == -signal.SIGKILL, f"the import ended before it could be killed: {terlihat}"
    assert _sidik(eng) == sebelum
    # the database is usable: the same import run again completes
    ulang = subprocess.run(perintah, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
    assert ulang.returncode == 0, ulang.stderr
    assert f"{JUMLAH_BARU} dimuat" in ulang.stdout
    sesudah = _sidik(eng)
    assert sesudah["keluarga"].split(":")[0] == str(int(sebelum["keluarga"].split(":")[0]) + JUMLAH_BARU)
    eng.dispose()
