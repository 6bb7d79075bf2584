"""Demo paradata: interview times and GPS points with normal noise, and four planted behaviours for the quality checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from demo.geografi import Geografi

M_LINTANG = 110_574.0
M_BUJUR = 111_320.0
SEBARAN_SLS_M = 60.0  # houses of one SLS lie around its centre with this spread (metres)
GALAT_GPS_M = 15.0  # the tablet's GPS error per axis: tens of metres
GALAT_BURUK_M, PORSI_GALAT_BURUK = 45.0, 0.03  # a few fixes are worse
PORSI_MALAM_BIASA = 0.03  # PPL-days whose last interview is in the evening (before the night window)


def _acak_dalam(rng: np.random.Generator, poligon, n: int) -> np.ndarray:
    """n random points (lon, lat) inside a polygon."""
    minx, miny, maxx, maxy = poligon.bounds
    hasil = np.empty((0, 2))
    while len(hasil) < n:
        c = np.column_stack([rng.uniform(minx, maxx, 4 * n + 20), rng.uniform(miny, maxy, 4 * n + 20)])
        hasil = np.vstack([hasil, c[shapely.contains_xy(poligon, c[:, 0], c[:, 1])]])
    return hasil[:n]


def _geser(lon: np.ndarray, lat: np.ndarray, meter: np.ndarray | float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points moved by a normal error of `meter` per axis."""
    dy = rng.normal(0, 1, len(lat)) * meter / M_LINTANG
    dx = rng.normal(0, 1, len(lon)) * meter / (M_BUJUR * np.cos(np.radians(lat)))
    return lon + dx, lat + dy


def _rumah(rng: np.random.Generator, keluarga: pd.DataFrame, poligon: dict) -> pd.DataFrame:
    """Each family's house: around a random centre of its SLS inside the desa, never outside the desa."""
    fam = keluarga.drop_duplicates("id_keluarga")[["id_keluarga", "kode_sls"]].reset_index(drop=True)
    sls = fam["kode_sls"].str[:14].drop_duplicates().to_numpy()
    pusat = {}
    for desa, kode in pd.Series(sls).groupby(pd.Series(sls).str[:10]):
        titik = _acak_dalam(rng, poligon[desa], len(kode))
        pusat.update(zip(kode, map(tuple, titik), strict=True))
    p = np.array([pusat[k] for k in fam["kode_sls"].str[:14]])
    geom = np.array([poligon[d] for d in fam["kode_sls"].str[:10]], dtype=object)
    shapely.prepare(geom)
    lon, lat = p[:, 0].copy(), p[:, 1].copy()
    belum = np.ones(len(fam), dtype=bool)
    for _ in range(6):  # draw again where a house fell outside its desa; after that it stands at the centre
        x, y = _geser(p[belum, 0], p[belum, 1], SEBARAN_SLS_M, rng)
        masuk = shapely.contains_xy(geom[belum], x, y)
        idx = np.flatnonzero(belum)[masuk]
        lon[idx], lat[idx] = x[masuk], y[masuk]
        belum[idx] = False
        if not belum.any():
            break
    return pd.DataFrame({"id_keluarga": fam["id_keluarga"], "bujur": lon, "lintang": lat})


def _waktu(rng: np.random.Generator, k: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of each interview: a PPL's day from about 8 am, interviews one after another with travel between,
    the travel squeezed so the day ends by 19:30 (a day of more interviews than that starts earlier and ends by 23:30,
    never on the next day); on a few days the last interview is in the evening."""
    urut = k.assign(_acak=rng.random(len(k))).sort_values(["id_ppl", "tanggal", "_acak"])
    gid = urut.groupby(["id_ppl", "tanggal"], sort=False).ngroup().to_numpy()
    durasi = urut["durasi_menit"].to_numpy(dtype=float)
    jeda = rng.uniform(5, 35, len(urut))
    awal_hari = rng.uniform(450, 540, gid.max() + 1)[gid]
    jumlah_durasi = np.bincount(gid, weights=durasi)[gid]
    awal_hari = np.minimum(awal_hari, np.maximum(1410 - jumlah_durasi, 0))  # a very long day starts earlier, ends by 23:30
    jumlah_jeda = np.bincount(gid, weights=jeda)[gid]
    skala = np.clip((1170 - awal_hari - jumlah_durasi) / np.maximum(jumlah_jeda, 1e-9), 0, 1)
    langkah = pd.Series(jeda * skala + durasi).groupby(gid).cumsum().to_numpy()
    mulai = awal_hari + langkah - durasi
    terakhir = np.r_[gid[1:] != gid[:-1], True]
    sore = terakhir & (rng.random(len(urut)) < PORSI_MALAM_BIASA)
    mulai = np.where(sore, np.maximum(mulai, rng.uniform(18.5 * 60, 21 * 60, len(urut))), mulai)
    tanggal = pd.to_datetime(urut["tanggal"]).to_numpy()
    m = pd.Series(tanggal + (np.round(mulai * 60)).astype("timedelta64[s]"), index=urut.index)
    s = pd.Series(tanggal + (np.round((mulai + durasi) * 60)).astype("timedelta64[s]"), index=urut.index)
    return m.reindex(k.index).to_numpy(copy=True), s.reindex(k.index).to_numpy(copy=True)


def _pilih_ppl(rng: np.random.Generator, keluarga: pd.DataFrame, info: dict, n: int) -> list[str]:
    """n ordinary PPL with a full workload, each in another kecamatan, none of them already a planted case."""
    lain = set(info.get("ppl_berhenti", [])) | set(info.get("ppl_cepat", [])) | {info.get("ppl_ganda")}
    terpencil = set(info.get("kecamatan_terpencil", []))
    fam = keluarga.drop_duplicates("id_keluarga")
    jumlah = fam.groupby("id_ppl").size()
    calon = [p for p in jumlah.index[jumlah >= 120] if p not in lain and fam.loc[fam["id_ppl"] == p, "kode_sls"].iloc[0][:7] not in terpencil]
    rng.shuffle(calon)
    kec_ppl = fam.drop_duplicates("id_ppl").set_index("id_ppl")["kode_sls"].str[:7]
    pilih: list[str] = []
    for p in calon:  # each in another kecamatan where there are enough, else any other PPL
        if len(pilih) < n and kec_ppl[p] not in {kec_ppl[q] for q in pilih}:
            pilih.append(p)
    pilih += [p for p in calon if p not in pilih][: n - len(pilih)]
    return pilih


def _tetangga(geo: Geografi, desa: str) -> str | None:
    """A desa sharing a border with this one (the longest border)."""
    d = geo.desa.set_index("kode")
    sendiri = d.geometry[desa]
    calon = d[(d.index != desa) & d.geometry.touches(sendiri)]
    if calon.empty:
        return None
    panjang = shapely.length(shapely.intersection(calon.geometry.to_numpy(), sendiri.boundary))
    return calon.index[int(np.argmax(panjang))]


def tanam_paradata(seed: int, keluarga: pd.DataFrame, geo: Geografi, info: dict) -> tuple[pd.DataFrame, dict]:
    """Add waktu_mulai, waktu_selesai, lintang and bujur to every submission (its own random stream, so the rest of
    the campaign is unchanged), with four planted behaviours: a PPL who fills most forms at home at night, at one
    spot, with overlapping times; one whose points all lie in a neighbouring desa; one who records half their
    families as moved (5); one who types interview minutes rounded to 5."""
    rng = np.random.default_rng([seed, 18])
    poligon = dict(zip(geo.desa["kode"], geo.desa.geometry, strict=True))
    k = keluarga.reset_index(drop=True).copy()
    rumah = _rumah(rng, k, poligon).set_index("id_keluarga")
    lon = k["id_keluarga"].map(rumah["bujur"]).to_numpy(dtype=float, copy=True)
    lat = k["id_keluarga"].map(rumah["lintang"]).to_numpy(dtype=float, copy=True)
    galat = np.where(rng.random(len(k)) < PORSI_GALAT_BURUK, GALAT_BURUK_M, GALAT_GPS_M)

    malam, tetangga, pindah, bulat = _pilih_ppl(rng, k, info, 4)
    # rounded minutes: typed, not measured (the end follows the typed minutes)
    baris = (k["id_ppl"] == bulat).to_numpy()
    k.loc[baris, "durasi_menit"] = np.maximum(5, np.round(k.loc[baris, "durasi_menit"].to_numpy() / 5) * 5)
    mulai, selesai = _waktu(rng, k)

    # half the families recorded as moved
    fam = k.loc[k["id_ppl"] == pindah, "id_keluarga"].drop_duplicates()
    k.loc[k["id_keluarga"].isin(fam.sample(frac=0.5, random_state=int(rng.integers(1 << 31)))), "hasil"] = 5

    # points in the neighbouring desa, well inside it
    baris = np.flatnonzero((k["id_ppl"] == tetangga).to_numpy())
    for desa, idx in pd.Series(baris).groupby(k["kode_sls"].str[:10].to_numpy()[baris]):
        lain = _tetangga(geo, desa)
        if lain is None:
            continue
        dalam = poligon[lain].buffer(-0.002)  # about 200 m in from its border
        titik = _acak_dalam(rng, dalam if not dalam.is_empty else poligon[lain], len(idx))
        lon[idx.to_numpy()], lat[idx.to_numpy()] = titik[:, 0], titik[:, 1]

    # most forms filled at home at night, at one spot, a new form every few minutes
    baris = np.flatnonzero((k["id_ppl"] == malam).to_numpy() & (rng.random(len(k)) < 0.6))
    rumah_ppl = _acak_dalam(rng, poligon[k["kode_sls"].iloc[baris[0]][:10]], 1)[0]
    lon[baris], lat[baris] = rumah_ppl[0], rumah_ppl[1]
    galat[baris] = 3.0
    ke = pd.Series(baris).groupby(k["tanggal"].to_numpy()[baris]).cumcount().to_numpy() % 15
    tgl = pd.to_datetime(k["tanggal"].to_numpy()[baris]).to_numpy()
    mulai[baris] = tgl + np.timedelta64(22 * 60, "m") + (ke * 8 + rng.integers(0, 4, len(baris))).astype("timedelta64[m]")
    selesai[baris] = mulai[baris] + (np.round(k["durasi_menit"].to_numpy()[baris] * 60)).astype("timedelta64[s]")

    lon, lat = _geser(lon, lat, galat, rng)
    k["lintang"], k["bujur"] = np.round(lat, 6), np.round(lon, 6)
    k["waktu_mulai"] = [None if pd.isna(w) else pd.Timestamp(w).to_pydatetime() for w in mulai]
    k["waktu_selesai"] = [None if pd.isna(w) else pd.Timestamp(w).to_pydatetime() for w in selesai]
    info = {**info, "ppl_malam": malam, "ppl_desa_tetangga": tetangga, "ppl_pindah": pindah, "ppl_menit_bulat": bulat}
    return k, info
