"""Row checks of an import: every cell typed and bounded, references and campaign days checked, one submission per family and day."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Connection, func, select

from aturan.kode import PANJANG_INDUK, TINGKAT_DARI_PANJANG
from aturan.kualitas import jam_zona
from store import schema as s
from store.db import per_kunci
from store.impor.kontrak import (
    BILANGAN_MAKS,
    BUJUR,
    DURASI_MAKS,
    HASIL_CEK,
    KENDALI,
    LINTANG,
    PANJANG_ID,
    PANJANG_NAMA,
    PERAN,
    SPESIFIKASI,
    TAHUN_MAKS,
    TAHUN_MIN,
    tampil_singkat,
)
from store.impor.sel import (
    ada_kendali,
    baca_angka,
    baca_kode,
    baca_koordinat,
    baca_tanggal,
    baca_teks,
    baca_waktu,
    baca_waktu_zona,
    bernotasi_ilmiah,
    lengkapi_nol,
    per_nilai,
    per_nilai_banyak,
    sel_disimpan,
    sel_kosong,
)


@dataclass
class KirimanUlang:
    """Families submitted more than once on one day with different content: the day's last row counted."""

    keluarga: int
    baris: int  # earlier rows superseded
    menurut_waktu: bool  # ordered by the waktu column (else by file order)
    contoh: list[tuple[str, date, list[int]]]  # (family, day, its file rows in the order used)

    def teks(self) -> str:
        """The note as the CLI and the import log give it (the page words it in its own language)."""
        cara = "kolom waktu" if self.menurut_waktu else "urutan baris berkas"
        contoh = "; ".join(f"{k} {t}: baris {', '.join(map(str, b))}" for k, t, b in self.contoh)
        return (
            f"{self.keluarga} keluarga dikirim lebih dari sekali pada hari yang sama dengan isi berbeda: "
            f"kiriman terakhir (menurut {cara}) dipakai, {self.baris} baris lebih awal dilewati (mis. {contoh})"
        )


class Penolak:
    """Collects rejected rows with their file row numbers (by default data row + 2, after the header)."""

    def __init__(self, asli: pd.DataFrame, nomor_baris: list[int] | None = None):
        self.asli = asli
        self.alasan = pd.Series(pd.NA, index=asli.index, dtype=object)
        self.catatan: list[str] = []
        self.lewat = pd.Series(False, index=asli.index)  # rows not rejected but not stored: same-day copies superseded
        self.ulang: KirimanUlang | None = None
        self.nomor = list(nomor_baris) if nomor_baris is not None else [i + 2 for i in range(len(asli))]
        if len(self.nomor) != len(asli):
            raise ValueError("nomor_baris must give one file row number per data row")

    def tolak(self, mask: pd.Series, alasan: str, nilai: pd.Series | None = None) -> None:
        """Reject the rows of mask not rejected before; with nilai, alasan holds {} for each row's value."""
        baru = mask & self.alasan.isna()
        if nilai is None:
            self.alasan[baru] = alasan
        elif baru.any():  # messages only for the rejected rows
            self.alasan[baru] = [alasan.format(tampil_singkat(v)) for v in nilai[baru]]

    @property
    def ok(self) -> pd.Series:
        return self.alasan.isna()

    def tabel(self) -> pd.DataFrame:
        ditolak = self.alasan.dropna()
        data = [json.dumps({str(k)[:PANJANG_NAMA]: sel_disimpan(v) for k, v in self.asli.loc[i].items()}, ensure_ascii=False) for i in ditolak.index]
        return pd.DataFrame({"baris": [self.nomor[int(i)] for i in ditolak.index], "alasan": list(ditolak), "data": data})


def sudah_ada(conn: Connection, kolom, nilai: set[str]) -> set[str]:
    """Which of these key values already exist in the database column (values no row may hold, such as text with
    a NUL that PostgreSQL cannot even compare, are never looked up)."""
    daftar = sorted(v for v in nilai if isinstance(v, str) and len(v) <= PANJANG_ID and not KENDALI.search(v))
    hasil: set[str] = set()
    for saring in per_kunci(conn, kolom, daftar):
        hasil.update(r[0] for r in conn.execute(select(kolom).where(saring)))
    return hasil


def siapkan_tabel(tabel: str, df: pd.DataFrame, conn: Connection, nomor_baris: list[int] | None = None) -> tuple[pd.DataFrame, Penolak]:
    """Type every column and reject rows that break the contract (its bounds included); returns typed rows and rejects."""
    p = Penolak(df, nomor_baris)
    out = pd.DataFrame(index=df.index)
    for k in SPESIFIKASI[tabel]:
        kolom = df[k.nama]
        if k.jenis == "kode":
            kendali, ilmiah, kode = per_nilai_banyak(kolom, ada_kendali, bernotasi_ilmiah, baca_kode)
            p.tolak(kendali.astype(bool), f"{k.nama} berisi karakter kendali (mis. NUL atau tab)")
            panjang_sah = (14, 16) if k.nama == "kode_sls" else tuple(TINGKAT_DARI_PANJANG)
            out[k.nama], dilengkapi = lengkapi_nol(kode, panjang_sah)
            if dilengkapi:
                p.catatan.append(f"{dilengkapi} nilai {k.nama} dilengkapi nol di depan (hilang di spreadsheet)")
            p.tolak(ilmiah.astype(bool), f"{k.nama} berupa notasi ilmiah Excel (mis. 7,3E+13): digitnya hilang; format kolom sebagai teks lalu ekspor ulang")
            if k.wajib:
                p.tolak(out[k.nama].isna(), f"{k.nama} kosong")
            salah = per_nilai(out[k.nama], lambda v, sah=panjang_sah: 0 if v is None else 1 if re.fullmatch(r"[0-9]+", v) is None else 2 if len(v) not in sah else 0)
            p.tolak(salah == 1, f"{k.nama} bukan kode angka")
            p.tolak(salah == 2, f"panjang {k.nama} bukan {', '.join(map(str, panjang_sah[:-1]))} atau {panjang_sah[-1]} digit")
        elif k.jenis in ("id", "teks", "peran"):
            kendali, teks = per_nilai_banyak(kolom, ada_kendali, baca_teks)
            p.tolak(kendali.astype(bool), f"{k.nama} berisi karakter kendali (mis. NUL atau tab)")
            if k.jenis == "peran":
                out[k.nama] = per_nilai(teks, lambda v: v.upper() if isinstance(v, str) else v)
                p.tolak(~out[k.nama].isin(PERAN), "peran bukan PPL, PML atau KOSEKA")
                continue
            out[k.nama] = teks
            if k.wajib and k.nama != "id_atasan":
                p.tolak(teks.isna(), f"{k.nama} kosong")
            p.tolak(teks.str.len() > k.panjang, f"{k.nama} lebih dari {k.panjang} karakter")
        elif k.jenis == "bilangan":
            kosong, angka = per_nilai_banyak(kolom, sel_kosong, baca_angka)
            kosong, angka = kosong.astype(bool), angka.astype(float)
            angka = angka.where(np.isclose(angka, np.round(angka)) | angka.isna())
            if k.wajib:
                p.tolak(kosong, f"{k.nama} kosong")
            p.tolak(~kosong & angka.isna(), f"{k.nama} bukan bilangan bulat")
            p.tolak(angka < 0, f"{k.nama} negatif")
            p.tolak(angka > BILANGAN_MAKS, f"{k.nama} lebih dari 1.000.000")
            out[k.nama] = angka
        elif k.jenis == "desimal":
            kosong, angka = per_nilai_banyak(kolom, sel_kosong, baca_angka)
            angka = angka.astype(float)
            p.tolak(~kosong.astype(bool) & angka.isna(), f"{k.nama} bukan angka")
            out[k.nama] = angka
        elif k.jenis == "koordinat":
            kosong, angka = per_nilai_banyak(kolom, sel_kosong, baca_koordinat)
            angka = angka.astype(float)
            p.tolak(~kosong.astype(bool) & angka.isna(), f"{k.nama} bukan angka derajat desimal")
            out[k.nama] = angka
        elif k.jenis == "waktu_lokal" and isinstance(kolom.dtype, np.dtype) and kolom.dtype.kind == "M":
            # a typed column without offsets (a spreadsheet's times, a generated campaign): what baca_waktu_zona gives, at once
            luar = kolom.notna() & ~kolom.dt.year.between(TAHUN_MIN, TAHUN_MAKS)
            p.tolak(luar, f"{k.nama} di luar tahun {TAHUN_MIN}-{TAHUN_MAKS}")
            out[k.nama] = kolom.where(~luar)
            out[k.nama + "_utc"] = None
        elif k.jenis == "waktu_lokal":
            kosong, baca = per_nilai_banyak(kolom, sel_kosong, baca_waktu_zona)
            kosong = kosong.astype(bool)
            p.tolak(~kosong & baca.isna(), f"{k.nama} tidak terbaca sebagai waktu")
            waktu = per_nilai(baca, lambda b: None if b is None else b[0])
            luar = per_nilai(waktu, lambda d: d is not None and not (TAHUN_MIN <= d.year <= TAHUN_MAKS)).astype(bool)
            p.tolak(luar, f"{k.nama} di luar tahun {TAHUN_MIN}-{TAHUN_MAKS}")
            out[k.nama] = waktu.where(~luar, None)
            out[k.nama + "_utc"] = per_nilai(baca, lambda b: None if b is None else b[1])  # the offset given, if any (minutes)
        elif k.jenis in ("tanggal", "waktu"):
            baca = baca_tanggal if k.jenis == "tanggal" else baca_waktu
            kosong, tgl = per_nilai_banyak(kolom, sel_kosong, baca)
            kosong = kosong.astype(bool)
            if k.wajib:
                p.tolak(kosong, f"{k.nama} kosong")
            p.tolak(~kosong & tgl.isna(), f"{k.nama} tidak terbaca sebagai {k.jenis}")
            luar = per_nilai(tgl, lambda d: d is not None and not (TAHUN_MIN <= d.year <= TAHUN_MAKS)).astype(bool)
            p.tolak(luar, f"{k.nama} di luar tahun {TAHUN_MIN}-{TAHUN_MAKS}")
            out[k.nama] = tgl
    _aturan_tabel(tabel, out, p, conn)
    return out, p


def _aturan_tabel(tabel: str, out: pd.DataFrame, p: Penolak, conn: Connection) -> None:
    """Table-specific rules: levels, references to known areas and officers, value ranges."""
    if tabel == "wilayah":
        panjang = per_nilai(out["kode"], lambda v: len(v) if isinstance(v, str) else 0)
        induk = [v[: PANJANG_INDUK[len(v)]] if isinstance(v, str) and len(v) in PANJANG_INDUK else None for v in out["kode"]]
        out["induk"] = induk
        dikenal = set(out.loc[p.ok, "kode"]) | sudah_ada(conn, s.wilayah.c.kode, {v for v, ok in zip(induk, p.ok, strict=True) if v and ok})
        tanpa_induk = out["induk"].notna() & ~out["induk"].isin(dikenal) & (panjang > 4)
        p.tolak(tanpa_induk, "wilayah induk {} tidak dikenal", out["induk"])
    elif tabel == "petugas":
        dikenal = set(out.loc[p.ok, "id_petugas"]) | sudah_ada(conn, s.petugas.c.id_petugas, set(out.loc[p.ok, "id_atasan"].dropna()))
        p.tolak(out["id_atasan"].notna() & ~out["id_atasan"].isin(dikenal), "atasan {} tidak dikenal", out["id_atasan"])
        p.tolak(out["id_atasan"].isna() & out["peran"].isin(["PPL", "PML"]), "PPL dan PML wajib punya atasan")
    elif tabel == "beban":
        sls = sudah_ada(conn, s.wilayah.c.kode, set(out.loc[p.ok, "kode_sls"].dropna()))
        p.tolak(~out["kode_sls"].isin(sls), "SLS {} tidak ada di tabel wilayah", out["kode_sls"])
        periksa_ppl(conn, out, p)
    elif tabel in ("keluarga", "laporan_harian"):
        sls = sudah_ada(conn, s.beban.c.kode_sls, set(out.loc[p.ok, "kode_sls"].dropna()))
        p.tolak(~out["kode_sls"].isin(sls), "SLS {} tidak dikenal (tidak ada di beban)", out["kode_sls"])
        periksa_ppl(conn, out, p)
        mulai, selesai = _rentang_jadwal(conn)
        if mulai is not None:
            luar = per_nilai(out["tanggal"], lambda d: isinstance(d, date) and not (mulai <= d <= selesai)).astype(bool)
            p.tolak(luar, f"tanggal di luar jadwal pendataan ({mulai} s.d. {selesai})")
        if tabel == "keluarga":
            p.tolak(~out["hasil"].isin([1, 2, 3, 4, 5]), "kode hasil bukan 1-5")
            out["keluarga_baru"] = out["keluarga_baru"].fillna(0)
            p.tolak(~out["keluarga_baru"].isin([0, 1]), "keluarga_baru bukan 0 atau 1")
            p.tolak(out["durasi_menit"] < 0, "durasi_menit negatif")
            p.tolak(out["durasi_menit"] > DURASI_MAKS, "durasi_menit lebih dari 1.440 menit (sehari)")
            periksa_awal = [isinstance(a, date) and isinstance(b, date) and b < a for a, b in zip(out["tanggal"], out["tanggal_periksa"], strict=True)]
            p.tolak(pd.Series(periksa_awal, index=out.index), "tanggal_periksa sebelum tanggal kiriman")
            _aturan_paradata(out, p)
    elif tabel == "cek_ulang":
        p.tolak(~out["hasil_cek"].isin(HASIL_CEK), "hasil_cek bukan 1-5")
        p.tolak((out["hasil_cek"] == 2) & out["kolom_beda"].isna(), "hasil_cek 2 (beda) perlu kolom_beda: kolom yang berbeda")
        keluarga = _kiriman_pertama(conn, set(out.loc[p.ok, "id_keluarga"].dropna()))
        p.tolak(~out["id_keluarga"].isin(keluarga), "keluarga {} belum pernah dikirim", out["id_keluarga"])
        sebelum = [isinstance(t, date) and k in keluarga and t < keluarga[k][0] for k, t in zip(out["id_keluarga"], out["tanggal_cek"], strict=True)]
        p.tolak(pd.Series(sebelum, index=out.index), "tanggal_cek sebelum kiriman pertama keluarga itu")
        pemeriksa = sudah_ada(conn, s.petugas.c.id_petugas, set(out.loc[p.ok, "id_pemeriksa"].dropna()))
        p.tolak(~out["id_pemeriksa"].isin(pemeriksa), "pemeriksa {} tidak dikenal (tidak ada di tabel petugas)", out["id_pemeriksa"])
        out["id_ppl"] = out["id_keluarga"].map(lambda k: keluarga[k][1] if k in keluarga else None)
        out["kode_sls"] = out["id_keluarga"].map(lambda k: keluarga[k][2] if k in keluarga else None)
    elif tabel == "jadwal":
        p.tolak(out["selesai"].notna() & out["mulai"].notna() & (out["selesai"] < out["mulai"]), "selesai sebelum mulai")
        p.tolak(out["mulai"].isna() != out["selesai"].isna(), "baris jadwal perlu mulai dan selesai")
        wilayah_ada = sudah_ada(conn, s.wilayah.c.kode, set(out.loc[p.ok, "kode_wilayah"].dropna()))
        p.tolak(out["kode_wilayah"].notna() & ~out["kode_wilayah"].isin(wilayah_ada), "wilayah perpanjangan {} tidak dikenal", out["kode_wilayah"])
        ada_rencana = out["tanggal"].notna() | out["persen_kumulatif"].notna()
        p.tolak(~ada_rencana & out["mulai"].isna() & out["selesai"].isna(), "baris kosong: perlu mulai dan selesai, atau tanggal dan persen_kumulatif")
        p.tolak(ada_rencana & (out["tanggal"].isna() | out["persen_kumulatif"].isna()), "baris rencana perlu tanggal dan persen_kumulatif")
        p.tolak((out["persen_kumulatif"] < 0) | (out["persen_kumulatif"] > 100), "persen_kumulatif di luar 0-100")


def _aturan_paradata(out: pd.DataFrame, p: Penolak) -> None:
    """The paradata columns of keluarga: a point inside Indonesia's bounds with both coordinates; times in the local
    time of the SLS's province (a time given with an offset is converted), an end after the start, an interview
    under a day, not started after the day it was sent."""
    lintang, bujur = out["lintang"], out["bujur"]
    p.tolak(lintang.isna() != bujur.isna(), "lintang dan bujur harus diisi keduanya atau dikosongkan keduanya")
    p.tolak((lintang < LINTANG[0]) | (lintang > LINTANG[1]), "lintang {} di luar -11 s.d. 6 (Indonesia)", lintang)
    p.tolak((bujur < BUJUR[0]) | (bujur > BUJUR[1]), "bujur {} di luar 95 s.d. 141 (Indonesia)", bujur)
    zona = pd.Series(jam_zona(out["kode_sls"].fillna("")) * 60, index=out.index)
    for nama in ("waktu_mulai", "waktu_selesai"):
        utc = pd.to_numeric(out.pop(nama + "_utc"), errors="coerce")
        waktu = pd.to_datetime(out[nama], errors="coerce")
        geser = utc.notna() & waktu.notna()
        if geser.any():  # a time with an offset: to UTC, then to the area's local time
            waktu = waktu.where(~geser, waktu - pd.to_timedelta(utc, unit="m") + pd.to_timedelta(zona, unit="m"))
            out[nama] = [None if pd.isna(w) else w.to_pydatetime() for w in waktu]
    mulai, selesai = pd.to_datetime(out["waktu_mulai"], errors="coerce"), pd.to_datetime(out["waktu_selesai"], errors="coerce")
    p.tolak(selesai.notna() & mulai.isna(), "waktu_selesai tanpa waktu_mulai")
    p.tolak(selesai <= mulai, "waktu_selesai tidak sesudah waktu_mulai")
    p.tolak(selesai - mulai > pd.Timedelta(days=1), "wawancara lebih dari 24 jam (waktu_selesai - waktu_mulai)")
    tanggal = pd.to_datetime(pd.Series(out["tanggal"], dtype=object), errors="coerce")
    p.tolak(mulai.dt.normalize() > tanggal, "waktu_mulai sesudah tanggal kiriman")


def _kiriman_pertama(conn: Connection, keluarga: set[str]) -> dict[str, tuple[date, str, str]]:
    """Each known family's first submission day, PPL and SLS."""
    k = s.keluarga_ringkas
    q = select(k.c.id_keluarga, k.c.tanggal_pertama, k.c.id_ppl, k.c.kode_sls)
    return {r[0]: (r[1], r[2], r[3]) for saring in per_kunci(conn, k.c.id_keluarga, sorted(keluarga)) for r in conn.execute(q.where(saring))}


def periksa_ppl(conn: Connection, out: pd.DataFrame, p: Penolak) -> None:
    ppl = {
        r[0]
        for saring in per_kunci(conn, s.petugas.c.id_petugas, sorted(set(out.loc[p.ok, "id_ppl"].dropna())))
        for r in conn.execute(select(s.petugas.c.id_petugas).where(saring, s.petugas.c.peran == "PPL"))
    }
    p.tolak(~out["id_ppl"].isin(ppl), "PPL {} tidak dikenal", out["id_ppl"])


def _rentang_jadwal(conn: Connection) -> tuple[date | None, date | None]:
    row = conn.execute(select(func.min(s.jadwal.c.mulai), func.max(s.jadwal.c.selesai))).first()
    if row is None or row[0] is None:
        return None, None
    return row[0], row[1]


def kiriman_terakhir(data: pd.DataFrame, p: Penolak) -> tuple[pd.DataFrame, int, int]:
    """One submission per family and day: of the rows sharing (id_keluarga, tanggal), the last by waktu when every
    one of them has it, else the last in the file. Returns (rows kept, exact copies dropped, superseded rows)."""
    kunci = ["id_keluarga", "tanggal"]
    ganda = data.duplicated(subset=kunci, keep=False)
    if not ganda.any():
        return data, 0, 0
    sub = data[ganda].assign(_pos=np.arange(int(ganda.sum())))
    waktu = pd.to_datetime(sub["waktu"], errors="coerce") if "waktu" in sub else pd.Series(pd.NaT, index=sub.index)
    lengkap = waktu.notna().groupby([sub["id_keluarga"], sub["tanggal"]]).transform("all")
    sub = sub.assign(_w=waktu.where(lengkap)).sort_values([*kunci, "_w", "_pos"], na_position="first", kind="stable")
    terakhir = (~sub.duplicated(subset=kunci, keep="last")).to_numpy()
    kolom_isi = [c for c in data.columns if c not in (*kunci, "waktu")]
    sidik = pd.util.hash_pandas_object(sub[kolom_isi].astype(str), index=False).to_numpy()
    kunci_baris = list(zip(sub["id_keluarga"], sub["tanggal"], strict=True))
    sidik_pakai = {k: v for k, v, t in zip(kunci_baris, sidik, terakhir, strict=True) if t}
    sama = np.array([sidik_pakai[k] == v for k, v in zip(kunci_baris, sidik, strict=True)])
    salinan = int((sama & ~terakhir).sum())
    dilampaui = int((~terakhir).sum()) - salinan
    if dilampaui:
        beda = pd.Series(~sama, index=sub.index).groupby([sub["id_keluarga"], sub["tanggal"]]).transform("any")
        kelompok = sub[beda.to_numpy()].groupby(kunci, sort=False)
        contoh = [(tampil_singkat(k[0]), k[1], [p.nomor[int(i)] for i in g.index]) for k, g in list(kelompok)[:3]]
        p.ulang = KirimanUlang(kelompok.ngroups, dilampaui, bool(lengkap.any()), contoh)
    pakai = sub.index[terakhir]
    p.lewat |= ganda.reindex(p.lewat.index, fill_value=False) & ~p.lewat.index.isin(pakai)
    return data[~ganda | data.index.isin(pakai)], salinan, dilampaui
