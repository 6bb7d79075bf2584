"""Officer queries: the roster of an area, PPL workloads, daily output, interview minutes and PML checks."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, Engine, and_, case, func, select

from aturan.kinerja import BELUM_DIPERIKSA
from store.baca import di_bawah, ke_df, koneksi
from store.rekap import menit_bulat
from store.schema import beban, keluarga_ringkas, petugas, rekap_durasi, rekap_kiriman, rekap_ppl_harian, wilayah


def _saring_sls(kolom_sls, induk: str):
    return di_bawah(kolom_sls, induk)


def _saring_beban(induk: str):
    """Workload rows in induk: by the indexed area column of its level, else by SLS code range."""
    kolom = {4: beban.c.kode_kab, 7: beban.c.kode_kec, 10: beban.c.kode_desa}.get(len(induk))
    return kolom == induk if kolom is not None else _saring_sls(beban.c.kode_sls, induk)


def _ppl_wilayah(induk: str):
    """Subquery: the PPL with workload in induk."""
    return select(beban.c.id_ppl).where(_saring_beban(induk)).distinct()


PPL_PER_DAFTAR = 10_000  # up to this many PPL are named in the query itself


def _milik_ppl_wilayah(db: Engine | Connection, kolom_ppl, induk: str):
    """Condition: kolom_ppl is a PPL with workload in induk. The PPL of a kabupaten are fetched first and named
    as bound parameters, so PostgreSQL plans an index lookup per PPL instead of a hash join over the whole
    rollup (its row estimate for the subquery is several times too high); larger areas keep the subquery."""
    with koneksi(db) as conn:
        daftar = conn.execute(_ppl_wilayah(induk).limit(PPL_PER_DAFTAR + 1)).scalars().all()
    return kolom_ppl.in_(daftar) if len(daftar) <= PPL_PER_DAFTAR else kolom_ppl.in_(_ppl_wilayah(induk))


def daftar_petugas(db: Engine | Connection, induk: str) -> pd.DataFrame:
    """PPL with workload in induk, their PML and those PML's Koseka: id_petugas, nama, peran, id_atasan, kode_wilayah, no_hp."""
    p = petugas
    df_ppl = ke_df(db, select(p).where(p.c.id_petugas.in_(_ppl_wilayah(induk))))
    df_pml = ke_df(db, select(p).where(p.c.id_petugas.in_(list(df_ppl["id_atasan"].dropna().unique()) or [""])))
    df_ksk = ke_df(db, select(p).where(p.c.id_petugas.in_(list(df_pml["id_atasan"].dropna().unique()) or [""])))
    return pd.concat([df_ksk, df_pml, df_ppl], ignore_index=True)


def beban_ppl(db: Engine | Connection, induk: str) -> pd.DataFrame:
    """Per PPL: sasaran (prelist families of their SLS in induk) and number of SLS."""
    q = (
        select(beban.c.id_ppl, func.sum(beban.c.sasaran_keluarga).label("sasaran"), func.count().label("jumlah_sls"), func.min(beban.c.kode_kec).label("kode_kec"))
        .where(_saring_beban(induk))
        .group_by(beban.c.id_ppl)
    )
    return ke_df(db, q)


def pertama_ppl(db: Engine | Connection, induk: str, sampai: date) -> pd.DataFrame:
    """Per PPL and day up to sampai: selesai_hari (families first submitted in induk) and baru_hari (of which new)."""
    if len(induk) in (0, 2, 4, 7):  # from the per-PPL-and-kecamatan rollup
        rp = rekap_ppl_harian
        saring = rp.c.kode_kec == induk if len(induk) == 7 else di_bawah(rp.c.kode_kec, induk)
        q = select(rp.c.id_ppl, rp.c.tanggal, rp.c.selesai.label("selesai_hari"), rp.c.baru.label("baru_hari")).where(saring, rp.c.tanggal <= sampai)
        df = ke_df(db, q)  # the rollup's own rows (unique per PPL, kecamatan and day): no GROUP BY, a third faster on SQLite
        if df.duplicated(["id_ppl", "tanggal"]).any():  # a PPL who worked in two kecamatan: one row per day, as GROUP BY gives
            df = df.groupby(["id_ppl", "tanggal"], as_index=False, sort=False)[["selesai_hari", "baru_hari"]].sum()
        return df
    r = keluarga_ringkas
    return ke_df(
        db,
        select(r.c.id_ppl, r.c.tanggal_pertama.label("tanggal"), func.count().label("selesai_hari"), func.sum(r.c.keluarga_baru).label("baru_hari"))
        .where(_saring_sls(r.c.kode_sls, induk), r.c.tanggal_pertama <= sampai)
        .group_by(r.c.id_ppl, r.c.tanggal_pertama),
    )


def harian_ppl(db: Engine | Connection, induk: str, sampai: date | None = None) -> pd.DataFrame:
    """Per PPL and day (up to sampai, or every day): selesai_hari (families first submitted), baru_hari (of which
    new families) and kiriman_hari (all submissions, corrections included)."""
    rk = rekap_kiriman
    pertama = pertama_ppl(db, induk, sampai or date.max)
    q = select(rk.c.id_ppl, rk.c.tanggal, func.sum(rk.c.kiriman).label("kiriman_hari")).where(_milik_ppl_wilayah(db, rk.c.id_ppl, induk))
    kiriman = ke_df(db, (q.where(rk.c.tanggal <= sampai) if sampai else q).group_by(rk.c.id_ppl, rk.c.tanggal))
    df = pertama.merge(kiriman, on=["id_ppl", "tanggal"], how="outer")
    for kol in ("selesai_hari", "baru_hari", "kiriman_hari"):
        df[kol] = pd.to_numeric(df[kol]).fillna(0).astype("int64")
    return df.sort_values(["id_ppl", "tanggal"]).reset_index(drop=True)


def durasi_ppl(db: Engine | Connection, induk: str, sampai: date | None = None, per_hari: bool = False) -> pd.DataFrame:
    """Interview minutes of each family's first submission (corrections left out), up to sampai or for every day,
    as a histogram of whole minutes (halves rounded up): id_ppl, menit, jumlah (and tanggal when per_hari).
    Medians are over whole minutes. From the rollup for the nation, a province, kabupaten or kecamatan."""
    if len(induk) in (0, 2, 4, 7):
        rd = rekap_durasi
        saring = rd.c.kode_kec == induk if len(induk) == 7 else di_bawah(rd.c.kode_kec, induk)
        if per_hari:  # the rollup's own rows (unique per kecamatan, PPL, day, minute): no GROUP BY, summed below if needed
            q = select(rd.c.id_ppl, rd.c.tanggal, rd.c.menit, rd.c.jumlah).where(saring)
            df = ke_df(db, q.where(rd.c.tanggal <= sampai) if sampai else q)
            kunci = ["id_ppl", "tanggal", "menit"]
            if df.duplicated(kunci).any():  # a PPL who worked in two kecamatan: one row per day and minute, as GROUP BY gives
                df = df.groupby(kunci, as_index=False, sort=False)["jumlah"].sum()
            return df.astype({"menit": float, "jumlah": "int64"})
        q = select(rd.c.id_ppl, rd.c.menit, func.sum(rd.c.jumlah).label("jumlah")).where(saring)
        # grouped by the rollup's key (kecamatan, PPL, minute) so SQLite reads it in order without sorting; a PPL
        # who worked in two kecamatan has a row per kecamatan and minute, summed here as GROUP BY PPL would
        q = (q.where(rd.c.tanggal <= sampai) if sampai else q).group_by(rd.c.kode_kec, rd.c.id_ppl, rd.c.menit)
        df = ke_df(db, q).astype({"menit": float, "jumlah": "int64"})
        return df.groupby(["id_ppl", "menit"], as_index=False, sort=False)["jumlah"].sum() if df.duplicated(["id_ppl", "menit"]).any() else df
    else:
        r = keluarga_ringkas
        tanggal, menit, jumlah = r.c.tanggal_pertama, menit_bulat(r.c.durasi_pertama).label("menit"), func.count().label("jumlah")
        saring = and_(_saring_sls(r.c.kode_sls, induk), r.c.durasi_pertama.is_not(None))
        ppl = r.c.id_ppl
    hari = [tanggal] if per_hari else []
    q = select(ppl, *[h.label("tanggal") for h in hari], menit, jumlah).where(saring)
    df = ke_df(db, (q.where(tanggal <= sampai) if sampai else q).group_by(ppl, *hari, menit))
    df["menit"] = pd.to_numeric(df["menit"]).astype(float)
    df["jumlah"] = pd.to_numeric(df["jumlah"]).astype("int64")
    return df


def tunggakan_ppl(db: Engine | Connection, induk: str, tanggal: date, hari: int) -> pd.DataFrame:
    """Per PPL with workload in induk: submissions at least `hari` days old by tanggal (matang) and those of them
    not checked by tanggal (belum_periksa: checked later, or never, BELUM_DIPERIKSA), summed in SQL from the rollup
    of submissions per day sent and day checked (a few hundred rows, not the tens of thousands of the rollup)."""
    rk = rekap_kiriman
    belum = func.sum(case((rk.c.tanggal_periksa > tanggal, rk.c.kiriman), else_=0)).label("belum_periksa")
    q = select(rk.c.id_ppl, func.sum(rk.c.kiriman).label("matang"), belum).where(
        _milik_ppl_wilayah(db, rk.c.id_ppl, induk), rk.c.tanggal <= tanggal - timedelta(days=hari)
    )
    df = ke_df(db, q.group_by(rk.c.id_ppl), ["id_ppl", "matang", "belum_periksa"])
    return df.astype({"matang": "int64", "belum_periksa": "int64"})


def ada_periksa(db: Engine | Connection, induk: str) -> bool:
    """Whether any submission of the PPL with workload in induk carries a check date (an export without
    tanggal_periksa has none: the backlog is then unknown, not total)."""
    rk = rekap_kiriman
    with koneksi(db) as conn:
        q = select(rk.c.id_ppl).where(_milik_ppl_wilayah(conn, rk.c.id_ppl, induk), rk.c.tanggal_periksa != BELUM_DIPERIKSA).limit(1)
        return conn.execute(q).first() is not None


def sls_ppl(db: Engine | Connection, id_ppl: str, tanggal: date) -> pd.DataFrame:
    """The SLS of one PPL with their progress as of tanggal: kode_sls, nama, sasaran, selesai (counts only)."""
    r = keluarga_ringkas
    sel = select(r.c.kode_sls, func.count().label("selesai")).where(r.c.id_ppl == id_ppl, r.c.tanggal_pertama <= tanggal).group_by(r.c.kode_sls).subquery()
    q = (
        select(beban.c.kode_sls, wilayah.c.nama, beban.c.sasaran_keluarga.label("sasaran"), func.coalesce(sel.c.selesai, 0).label("selesai"))
        .select_from(beban.outerjoin(wilayah, wilayah.c.kode == beban.c.kode_sls).outerjoin(sel, sel.c.kode_sls == beban.c.kode_sls))
        .where(beban.c.id_ppl == id_ppl)
        .order_by(beban.c.kode_sls)
    )
    return ke_df(db, q)


def baca_data_petugas(db: Engine | Connection, induk: str, sampai: date | None = None) -> dict[str, pd.DataFrame]:
    """What officer performance (aturan.kinerja.kinerja_area) reads of an area whatever the day: roster (petugas),
    workloads (beban) and per-day output (harian), up to sampai or over the whole campaign (cut at a day later).
    One after another on one connection: on threads SQLite took twice as long (the reads contend for the
    interpreter) and PostgreSQL gained nothing measurable (BENCHMARKS.md)."""
    with koneksi(db) as conn:
        return {"harian": harian_ppl(conn, induk, sampai), "petugas": daftar_petugas(conn, induk), "beban": beban_ppl(conn, induk)}


def baca_data_hari(db: Engine | Connection, induk: str, tanggal: date, hari_periksa: int) -> dict[str, object]:
    """What officer performance reads of an area as of one day: the interview-minute histogram per PPL up to the
    day (durasi), the check backlog per PPL (tunggakan, submissions hari_periksa days old) and whether the area's
    submissions carry check dates at all (ada_periksa). Summed in SQL: a few hundred rows per PPL set."""
    with koneksi(db) as conn:
        return {"durasi": durasi_ppl(conn, induk, tanggal), "tunggakan": tunggakan_ppl(conn, induk, tanggal, hari_periksa), "ada_periksa": ada_periksa(conn, induk)}
