"""Write side of paradata: each interview point's distance from its desa polygon, and the per-PPL-day quality rollup."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import Connection, bindparam, delete, or_, select, update

from aturan.ambang import AMBANG_KUALITAS
from aturan.kualitas import M_PER_DERAJAT_BUJUR, M_PER_DERAJAT_LINTANG, NILAI_RINGKAS, AmbangKualitas, ringkas_harian
from store.baca import ke_df
from store.db import BARIS_PER_TULIS, potong, salah_satu, sisipkan_kolom, tulis_meta
from store.schema import batas_wilayah, beban, keluarga, meta, rekap_paradata

KOLOM_KIRIMAN = ["id_ppl", "tanggal", "kode_sls", "waktu_mulai", "waktu_selesai", "lintang", "bujur", "jarak_desa"]
PPL_SEPOTONG = 2000  # PPL whose submissions are read at once while the rollup is rebuilt


class PengukurJarak:
    """Distances in metres from points to the desa polygons of their SLS (0 inside), vectorised per desa: each desa's
    polygon is put in local metres around its own centre once (an equirectangular view, exact enough within a desa)
    and prepared, so containment is a fast test and the exact distance is computed only for points outside."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self._desa: dict[str, tuple | None] = {}

    def _muat(self, kode: list[str]) -> None:
        baru = [k for k in kode if k not in self._desa]
        for bagian in potong(baru):
            baris = self.conn.execute(select(batas_wilayah.c.kode, batas_wilayah.c.geojson).where(batas_wilayah.c.kode.in_(bagian))).all()
            geom = dict(zip([b[0] for b in baris], shapely.from_geojson([b[1] for b in baris]), strict=True)) if baris else {}
            for k in bagian:
                g = geom.get(k)
                if g is None or g.is_empty:
                    self._desa[k] = None
                    continue
                lon0, lat0 = g.centroid.x, g.centroid.y
                kx, ky = M_PER_DERAJAT_BUJUR * math.cos(math.radians(lat0)), M_PER_DERAJAT_LINTANG
                lokal = shapely.transform(g, lambda c, lon0=lon0, lat0=lat0, kx=kx, ky=ky: (c - [lon0, lat0]) * [kx, ky])
                shapely.prepare(lokal)
                self._desa[k] = (lokal, lon0, lat0, kx, ky)

    def jarak(self, kode_desa: np.ndarray, lintang: np.ndarray, bujur: np.ndarray) -> np.ndarray:
        """Metres outside the desa polygon per point (0 inside), NaN without a point or a polygon."""
        hasil = np.full(len(kode_desa), np.nan)
        ada = ~np.isnan(lintang) & ~np.isnan(bujur)
        if not ada.any():
            return hasil
        kode, balik = np.unique(np.asarray(kode_desa)[ada], return_inverse=True)
        self._muat(list(kode))
        posisi = np.flatnonzero(ada)
        urut = np.argsort(balik, kind="stable")
        batas = np.searchsorted(balik[urut], np.arange(len(kode) + 1))
        for i, k in enumerate(kode):
            isi = self._desa[k]
            if isi is None:
                continue
            lokal, lon0, lat0, kx, ky = isi
            idx = posisi[urut[batas[i] : batas[i + 1]]]
            x, y = (bujur[idx] - lon0) * kx, (lintang[idx] - lat0) * ky
            d = np.zeros(len(idx))
            luar = ~shapely.contains_xy(lokal, x, y)
            if luar.any():
                d[luar] = shapely.distance(lokal, shapely.points(x[luar], y[luar]))
            hasil[idx] = d
        return hasil


def isi_jarak(pengukur: PengukurJarak, baris: list[dict]) -> None:
    """Set jarak_desa of submissions about to be stored (rows of keluarga as dicts)."""
    if not baris:
        return
    kolom = {"kode_sls": [r["kode_sls"] for r in baris], "lintang": [r.get("lintang") for r in baris], "bujur": [r.get("bujur") for r in baris]}
    isi_jarak_kolom(pengukur, kolom)
    for r, d in zip(baris, kolom["jarak_desa"], strict=True):
        r["jarak_desa"] = d


def isi_jarak_kolom(pengukur: PengukurJarak, kolom: dict[str, list]) -> None:
    """Set the jarak_desa column of submissions about to be stored (columns of keluarga as lists; a missing
    coordinate column counts as empty)."""
    n = len(kolom["kode_sls"])
    lintang = np.array(kolom.get("lintang", [None] * n), dtype=float)  # None becomes NaN
    bujur = np.array(kolom.get("bujur", [None] * n), dtype=float)
    kode = np.array([k[:10] for k in kolom["kode_sls"]])
    jarak = np.round(pengukur.jarak(kode, lintang, bujur), 1).tolist() if n else []  # rounded as hitung_ulang_jarak does, so a recheck finds no change
    kolom["jarak_desa"] = [None if d != d else d for d in jarak]  # NaN (no point or no polygon) is stored as NULL


def hitung_ulang_jarak(conn: Connection, kode_desa: list[str]) -> set[tuple[str, date]]:
    """After new desa boundaries: the distances of the stored points in those desa, again. Returns the PPL-days changed.
    Submissions have no index by area, so they are read a slice of PPL at a time (one pass over the PPL index)."""
    k = keluarga
    desa = set(kode_desa)
    pengukur = PengukurJarak(conn)
    berubah: set[tuple[str, date]] = set()
    semua = sorted(r[0] for r in conn.execute(select(k.c.id_ppl).distinct()))
    kolom = [k.c.id_keluarga, k.c.tanggal, k.c.id_ppl, k.c.kode_sls, k.c.lintang, k.c.bujur, k.c.jarak_desa]
    for bagian in potong(semua, PPL_SEPOTONG):
        df = ke_df(conn, select(*kolom).where(k.c.id_ppl.in_(bagian), k.c.lintang.is_not(None)), [c.name for c in kolom])
        df = df[df["kode_sls"].str[:10].isin(desa)]
        if df.empty:
            continue
        baru = np.round(pengukur.jarak(df["kode_sls"].str[:10].to_numpy(), df["lintang"].to_numpy(dtype=float), df["bujur"].to_numpy(dtype=float)), 1)
        lama = pd.to_numeric(df["jarak_desa"]).to_numpy(dtype=float)
        beda = ~((lama == baru) | (np.isnan(lama) & np.isnan(baru)))
        if not beda.any():
            continue
        ubah = df[beda].assign(baru=baru[beda])
        perintah = update(k).where(k.c.id_keluarga == bindparam("k_id"), k.c.tanggal == bindparam("k_tgl")).values(jarak_desa=bindparam("k_jarak"))
        isi = [{"k_id": a, "k_tgl": t, "k_jarak": None if np.isnan(j) else float(j)} for a, t, j in zip(ubah["id_keluarga"], ubah["tanggal"], ubah["baru"], strict=True)]
        for bagian in potong(isi, BARIS_PER_TULIS):
            conn.execute(perintah, bagian)
        berubah |= set(zip(ubah["id_ppl"], ubah["tanggal"], strict=True))
    return berubah


def _kiriman(conn: Connection, id_ppl: list[str], hari: set[date] | None = None) -> pd.DataFrame:
    """The paradata of these PPL's submissions (only those of the given days when hari is given)."""
    k = keluarga
    q = select(*[k.c[c] for c in KOLOM_KIRIMAN]).where(k.c.id_ppl.in_(id_ppl), or_(k.c.waktu_mulai.is_not(None), k.c.lintang.is_not(None)))
    if hari:
        q = q.where(k.c.tanggal.between(min(hari), max(hari)))
    return ke_df(conn, q, KOLOM_KIRIMAN)


def _tulis(conn: Connection, ringkas: pd.DataFrame) -> None:
    if ringkas.empty:
        return
    kolom = {
        "id_ppl": ringkas["id_ppl"].tolist(),
        "kode_kec": ringkas["kode_kec"].tolist(),
        "tanggal": ringkas["tanggal"].tolist(),
        **{n: ringkas[n].astype("int64").tolist() for n in NILAI_RINGKAS},
        "jarak_luar_maks": [None if j != j else float(j) for j in ringkas["jarak_luar_maks"].astype(float).tolist()],
    }
    for mulai in range(0, len(ringkas), BARIS_PER_TULIS):
        sisipkan_kolom(conn, rekap_paradata, {k: v[mulai : mulai + BARIS_PER_TULIS] for k, v in kolom.items()})


def kiriman_dari_kolom(kolom: dict[str, list]) -> pd.DataFrame:
    """The paradata columns (KOLOM_KIRIMAN) of submissions about to be stored (columns of keluarga as lists; a
    missing column counts as empty), as _kiriman reads them back: rows with neither a time nor a point are left out."""
    n = len(next(iter(kolom.values()))) if kolom else 0
    df = pd.DataFrame({c: kolom.get(c, [None] * n) for c in KOLOM_KIRIMAN})
    return df[df["waktu_mulai"].notna() | df["lintang"].notna()]


def ringkas_semua(bagian: list[pd.DataFrame], ambang: AmbangKualitas = AMBANG_KUALITAS) -> list[pd.DataFrame]:
    """The rollup rows of submissions held in memory (kiriman_dari_kolom of every slice of rows an import wrote into
    an empty table), a slice of PPL at a time as bangun reads them; no database (it runs beside the import's SQL)."""
    kiriman = pd.concat(bagian, ignore_index=True) if bagian else pd.DataFrame(columns=KOLOM_KIRIMAN)
    kiriman = kiriman.sort_values("id_ppl", kind="stable").reset_index(drop=True)
    ppl = kiriman["id_ppl"].to_numpy()
    # the PPL of each slice are one run of the rows sorted by PPL
    return [
        ringkas_harian(kiriman.iloc[np.searchsorted(ppl, bagian[0], "left") : np.searchsorted(ppl, bagian[-1], "right")], ambang)
        for bagian in potong(sorted(set(ppl)), PPL_SEPOTONG)
    ]


def bangun(conn: Connection, ambang: AmbangKualitas = AMBANG_KUALITAS, id_ppl: set[str] | None = None, ringkas: list[pd.DataFrame] | None = None) -> None:
    """Rebuild the per-PPL-day rollup from every stored submission, a slice of PPL at a time; with id_ppl, only
    these PPL's rows (all their days; PostgreSQL). ringkas: the rollup of every stored submission (of those PPL)
    computed from memory by an import that wrote them all into an empty table (ringkas_semua), instead of read back."""
    conn.execute(delete(rekap_paradata) if id_ppl is None else delete(rekap_paradata).where(salah_satu(rekap_paradata.c.id_ppl, sorted(id_ppl))))
    semua = []  # the PPL whose submissions are read back
    if ringkas is None and id_ppl is not None:
        semua = sorted(id_ppl)
    elif ringkas is None:
        semua = sorted({r[0] for r in conn.execute(select(keluarga.c.id_ppl).distinct())} | {r[0] for r in conn.execute(select(beban.c.id_ppl).distinct())})
    for bagian in ringkas or []:
        _tulis(conn, bagian)
    for bagian in potong(semua, PPL_SEPOTONG):
        _tulis(conn, ringkas_harian(_kiriman(conn, bagian), ambang))
    if id_ppl is None:
        tulis_meta(conn, {"paradata_sidik": ambang.sidik()})


def perbarui(conn: Connection, hari_ppl: set[tuple[str, date]], ambang: AmbangKualitas = AMBANG_KUALITAS) -> None:
    """Recompute the rollup rows of these PPL-days (whose submissions changed) from their stored submissions."""
    if not hari_ppl:
        return
    per_ppl: dict[str, set[date]] = {}
    for p, t in hari_ppl:
        per_ppl.setdefault(p, set()).add(t)
    hapus = delete(rekap_paradata).where(rekap_paradata.c.id_ppl == bindparam("k_ppl"), rekap_paradata.c.tanggal == bindparam("k_tgl"))
    conn.execute(hapus, [{"k_ppl": p, "k_tgl": t} for p, t in sorted(hari_ppl)])
    ppl = sorted(per_ppl)
    for bagian in potong(ppl):
        hari = set().union(*(per_ppl[p] for p in bagian))
        df = _kiriman(conn, bagian, hari)
        if df.empty:
            continue
        df = df[[(p, t) in hari_ppl for p, t in zip(df["id_ppl"], df["tanggal"], strict=True)]]
        _tulis(conn, ringkas_harian(df, ambang))


def hari_ppl(baris: list[dict]) -> set[tuple[str, date]]:
    """The PPL-days of submissions (rows of keluarga as dicts)."""
    return {(r["id_ppl"], r["tanggal"]) for r in baris}


def siap(conn: Connection, ambang: AmbangKualitas = AMBANG_KUALITAS) -> bool:
    """Whether the rollup was built for these thresholds."""
    return conn.execute(select(meta.c.nilai).where(meta.c.kunci == "paradata_sidik")).scalar() == ambang.sidik()


def pastikan(conn: Connection, ambang: AmbangKualitas = AMBANG_KUALITAS) -> bool:
    """Rebuild the rollup when the thresholds it depends on changed since it was built. True if rebuilt."""
    if siap(conn, ambang):
        return False
    bangun(conn, ambang)
    return True
