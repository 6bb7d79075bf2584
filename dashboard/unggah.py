"""Import page blocks: a table upload with column mapping and a dry run, a boundary upload with its match report."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from dashboard import akses, data, widget
from dashboard.tabel import tombol_unduh
from geodata.cocok import URUTAN_STATUS, BatasTakTerbaca, HasilCocok, OpsiCocok
from kirim.impor import BerkasImpor, impor_lalu_kabari
from store.batas import baca_padanan, impor_batas
from store.berkas import Berkas, BerkasTakTerbaca, tebak_tabel
from store.db import MENUNGGU
from store.impor.kontrak import SPESIFIKASI, URUTAN_TABEL, KepalaDitolak, cocokkan_kolom
from store.impor.tulis import HasilImpor
from store.tarik import TarikDitolak, tarik_impor
from tampilan.aman import singkat, teks_md
from tampilan.teks import angka, t, tanggal

KOLOM_PENOLAKAN = ["baris", "alasan", "data"]


def kontrak_kolom(bahasa: str) -> pd.DataFrame:
    """The data contract as a table: each table's columns, required ones marked."""
    return pd.DataFrame(
        {
            t("tabel", bahasa): list(SPESIFIKASI),
            "kolom": [", ".join(k.nama + ("" if k.wajib else f" ({t('opsional', bahasa)})") for k in spek) for spek in SPESIFIKASI.values()],
        }
    )


def pilih_pemetaan(berkas: Berkas, tabel: str, bahasa: str) -> dict[str, str]:
    """One selectbox per contract column, preset to the file column that matches by name."""
    usul = cocokkan_kolom(tabel, list(berkas.tabel.columns))
    pilihan = ["", *berkas.tabel.columns]
    pemetaan = {}
    kolom = st.columns(4)
    for i, k in enumerate(SPESIFIKASI[tabel]):
        label = f"{k.nama} ({t('wajib' if k.wajib else 'opsional', bahasa)})"
        asal = widget.pilihan(
            kolom[i % 4].selectbox,
            label,
            pilihan,
            f"peta-{berkas.sidik[:12]}-{tabel}-{k.nama}",
            lambda c, b: c or t("tidak_ada_kolom", b),
            bahasa,
            index=pilihan.index(usul[k.nama]) if usul[k.nama] else 0,
        )
        if asal:
            pemetaan[asal] = k.nama
    return pemetaan


def angka_impor(hasil: HasilImpor, bahasa: str, dimuat_label: str) -> None:
    """Rows read = loaded + already stored + superseded re-submissions + rejected; and the columns ignored."""
    k = st.columns(3)
    k[0].metric(t("dibaca", bahasa), angka(hasil.dibaca, 0, bahasa))
    k[1].metric(dimuat_label, angka(hasil.dimuat, 0, bahasa))
    k[2].metric(t("diganti", bahasa), angka(hasil.diganti, 0, bahasa))
    k = st.columns(3)
    k[0].metric(t("duplikat", bahasa), angka(hasil.duplikat, 0, bahasa))
    k[1].metric(t("dilampaui", bahasa), angka(hasil.dilampaui, 0, bahasa))
    k[2].metric(t("ditolak", bahasa), angka(hasil.jumlah_ditolak, 0, bahasa))
    if u := hasil.ulang:
        contoh = "; ".join(f"{teks_md(k)} {tanggal(tgl, bahasa)}: {', '.join(map(str, b))}" for k, tgl, b in u.contoh)
        st.caption(t("kiriman_ulang", bahasa, n=u.keluarga, baris=u.baris, cara=t("menurut_waktu" if u.menurut_waktu else "menurut_urutan", bahasa), contoh=contoh))
    if hasil.diabaikan:
        daftar = ", ".join(f"«{teks_md(singkat(k))}»" + (f" ({t('maksudnya', bahasa, kolom=m)})" if m else "") for k, m in hasil.diabaikan)
        st.warning(t("kolom_diabaikan", bahasa, daftar=daftar))


def _kemajuan(tempat, bahasa: str):
    """An import progress callback that tells the user when the import waits for another one."""

    def lapor(tahap: str, _selesai: int, _total: int) -> None:
        if tahap == MENUNGGU:
            tempat.info(t("menunggu_impor", bahasa))

    return lapor


def pengunggah(label: str, jenis: list[str], kunci: str, bahasa: str, bantuan: str | None = None):
    """st.file_uploader with its button and size note in the chosen language (Streamlit writes them in English
    only): the uploader's own texts are hidden and ours drawn in their place by CSS scoped to its key."""
    batas = st.get_option("server.maxUploadSize")
    catatan = t("unggah_batas_ukuran", bahasa, mb=angka(batas, 0, bahasa), jenis=", ".join(j.upper() for j in jenis))
    kotak = f".st-key-{kunci} [data-testid='stFileUploaderDropzone']"
    tombol, catatan = (json.dumps(x, ensure_ascii=False) for x in (t("unggah_tombol", bahasa), catatan))
    st.html(
        "<style>"
        f"{kotak} button [data-testid='stMarkdownContainer'] p{{font-size:0}}"
        f"{kotak} button [data-testid='stMarkdownContainer'] p::after{{content:{tombol};font-size:0.875rem}}"
        f"{kotak} [data-testid='stFileUploaderDropzoneInstructions'] span{{font-size:0}}"
        f"{kotak} [data-testid='stFileUploaderDropzoneInstructions'] span::after{{content:{catatan};font-size:0.875rem;white-space:normal}}"
        "</style>"
    )
    return st.file_uploader(label, type=jenis, help=bantuan, key=kunci)


def tabel_penolakan(df: pd.DataFrame, nama_unduh: str, bahasa: str) -> None:
    label = {"berkas": t("berkas", bahasa), "baris": t("baris", bahasa), "alasan": t("alasan", bahasa), "data": t("isi_baris", bahasa), "tabel": t("tabel", bahasa)}
    st.dataframe(df, hide_index=True, placeholder="–", column_config={k: v for k, v in label.items() if k in df.columns})
    tombol_unduh(df, nama_unduh, bahasa)


def unggah_tabel(bahasa: str) -> None:
    """Upload a contract table, choose its table and columns, preview loads and rejects, then commit."""
    unggahan = pengunggah(t("unggah_tabel", bahasa), ["csv", "txt", "xlsx"], "unggah_tabel", bahasa, t("unggah_tabel_bantuan", bahasa))
    if unggahan is None:
        with st.expander(t("kontrak_kolom", bahasa)):
            st.dataframe(kontrak_kolom(bahasa), hide_index=True, placeholder="–")
        return
    try:
        berkas = data.baca_unggahan(unggahan.getvalue(), unggahan.name)
    except BerkasTakTerbaca as exc:
        st.error(str(exc))
        return
    st.caption(f"{t('cara_baca', bahasa)}: {'; '.join(berkas.catatan)} · {t('baris_data', bahasa, n=angka(len(berkas.tabel), 0, bahasa))}")
    tebakan = tebak_tabel(berkas.nama, list(berkas.tabel.columns))
    tabel = st.selectbox(t("tabel_tujuan", bahasa), URUTAN_TABEL, index=URUTAN_TABEL.index(tebakan) if tebakan else 0, key=f"tabel-{berkas.sidik[:12]}")
    st.markdown(f"**{t('pemetaan_kolom', bahasa)}**")
    pemetaan = pilih_pemetaan(berkas, tabel, bahasa)
    try:
        uji = data.pratinjau_tabel(berkas.sidik, tabel, tuple(sorted(pemetaan.items())), berkas)
    except KepalaDitolak as exc:
        st.error(teks_md(str(exc)))
        return
    st.subheader(t("pratinjau", bahasa))
    angka_impor(uji, bahasa, t("akan_dimuat", bahasa))
    for c in uji.catatan[len(berkas.catatan) :]:
        st.caption(c)
    st.markdown(f"**{t('contoh_terbaca', bahasa)}**")
    st.dataframe(uji.contoh.astype(object).where(uji.contoh.notna(), ""), hide_index=True, placeholder="–")
    if uji.jumlah_ditolak:
        st.markdown(f"**{t('baris_ditolak', bahasa)}**")
        tabel_penolakan(uji.ditolak[KOLOM_PENOLAKAN], f"ditolak-{tabel}", bahasa)
    if st.button(t("simpan_impor", bahasa), type="primary", disabled=uji.dimuat == 0 and uji.jumlah_ditolak == 0, key="simpan_tabel"):
        tempat = st.empty()
        # alerts are evaluated in the background for the recipients who want them, without holding the page
        (hasil,), _ = impor_lalu_kabari(data.engine(), [BerkasImpor(tabel, berkas, pemetaan)], latar=True, buat_kemajuan=lambda: _kemajuan(tempat, bahasa))
        data.segarkan()
        if isinstance(hasil, KepalaDitolak):  # the preview passed, so only a header changed since then can refuse it
            st.error(teks_md(str(hasil)))
            return
        jumlah = {"dimuat": hasil.dimuat, "diganti": hasil.diganti, "duplikat": hasil.duplikat, "ditolak": hasil.jumlah_ditolak}
        st.success(t("impor_selesai", bahasa, berkas=teks_md(berkas.nama), id=hasil.id_impor, **{k: angka(v, 0, bahasa) for k, v in jumlah.items()}))


def _laporan_cocok(hasil: HasilCocok, bahasa: str) -> None:
    r = hasil.ringkasan()
    st.caption(t("skema_kode", bahasa, skema=hasil.skema, kode=hasil.kolom_kode or "–", nama=hasil.kolom_nama or "–"))
    k = st.columns(4)
    k[0].metric(t("cocok", bahasa), f"{r['cocok']} / {r['fitur']}")
    k[1].metric(t("tidak_cocok", bahasa), r["tidak_cocok"])
    k[2].metric(t("ambigu", bahasa), r["ambigu"])
    k[3].metric(t("master_tanpa_batas", bahasa), r["master_tanpa_batas"])
    laporan = hasil.fitur.drop(columns="geometry").sort_values("status", key=lambda s: s.map(URUTAN_STATUS.index))
    laporan["status"] = laporan["status"].map(lambda s: t(s.replace(" ", "_"), bahasa))
    st.markdown(f"**{t('laporan_cocok', bahasa)}**")
    kolom = {c: t(c, bahasa) for c in ("kode_berkas", "nama_berkas", "kode", "nama_master", "cara", "status", "catatan")}
    st.dataframe(laporan, hide_index=True, placeholder="–", column_config=kolom)
    tombol_unduh(laporan, "laporan-pencocokan-batas", bahasa)
    if len(hasil.master_tanpa_batas):
        st.markdown(f"**{t('master_tanpa_batas_daftar', bahasa)}**")
        st.dataframe(hasil.master_tanpa_batas, hide_index=True, placeholder="–")


def unggah_batas(bahasa: str) -> None:
    """Upload a boundary file (and a crosswalk), see how its features match the area master, then save."""
    unggahan = pengunggah(t("unggah_batas", bahasa), ["geojson", "json", "gpkg", "zip"], "unggah_batas", bahasa)
    if unggahan is None:
        return
    k1, k2 = st.columns(2)
    tingkat = widget.pilihan(k1.selectbox, t("tingkat", bahasa), ["", "kecamatan", "desa"], "batas_tingkat", lambda v, b: t(v, b) if v else t("otomatis", b), bahasa)
    kab = data.daftar_kabupaten()
    nama_kab = dict(zip(kab["kode"], kab["nama"], strict=True))
    induk = widget.pilihan(k2.selectbox, t("kabupaten", bahasa), ["", *nama_kab], "batas_kab", lambda k, b: nama_kab[k] if k else t("semua_kabupaten", b), bahasa)
    padanan_unggah = pengunggah(t("unggah_padanan", bahasa), ["csv", "xlsx"], "unggah_padanan", bahasa)
    try:
        padanan = baca_padanan(padanan_unggah.getvalue(), padanan_unggah.name) if padanan_unggah else None
        opsi = OpsiCocok(tingkat=tingkat or None, padanan=padanan, induk=induk or None)
        uji = data.pratinjau_batas(unggahan.getvalue(), unggahan.name, repr(opsi), opsi)
    except (BatasTakTerbaca, BerkasTakTerbaca) as exc:
        st.error(str(exc))
        return
    _laporan_cocok(uji, bahasa)
    n = uji.ringkasan()["cocok"]
    if st.button(t("simpan_batas", bahasa, n=n), type="primary", disabled=n == 0, key="simpan_batas_tombol"):
        _, disimpan = impor_batas(data.engine(), unggahan.getvalue(), unggahan.name, opsi)
        data.segarkan()
        st.success(t("batas_tersimpan", bahasa, n=disimpan))


def riwayat(bahasa: str) -> None:
    """The latest imports and the rejects still standing, downloadable."""
    if pesan := st.session_state.pop("tarik_pesan", None):
        st.success(pesan)
    riw = data.riwayat_impor()
    if riw.empty:
        st.info(t("belum_ada_impor", bahasa))
        return
    st.markdown(f"**{t('riwayat_impor', bahasa)}**")
    label = {k: t(k, bahasa) for k in ("tabel", "dibaca", "dimuat", "diganti", "duplikat", "ditolak", "catatan")} | {"id": "#", "sumber": t("berkas", bahasa)}
    waktu = st.column_config.DatetimeColumn(t("waktu", bahasa), format="DD/MM/YYYY HH:mm")
    ditarik = st.column_config.DatetimeColumn(t("ditarik", bahasa), format="DD/MM/YYYY HH:mm")
    st.dataframe(riw.assign(catatan=riw["catatan"].fillna("")), hide_index=True, placeholder="–", column_config={**label, "waktu": waktu, "ditarik": ditarik})
    tarik(riw, bahasa)
    st.markdown(f"**{t('penolakan_berlaku', bahasa)}**")
    tolak = data.penolakan_terkini()
    if tolak.empty:
        st.success(t("tidak_ada_penolakan", bahasa))
    else:
        tabel_penolakan(tolak, "baris-ditolak", bahasa)


def tarik(riw: pd.DataFrame, bahasa: str) -> None:
    """Withdraw one import (not a boundary one, not one withdrawn before), after an explicit confirmation."""
    bisa = riw[riw["ditarik"].isna() & ~riw["tabel"].str.startswith("batas_")]
    if bisa.empty:
        return
    with st.expander(t("tarik_judul", bahasa)):
        st.caption(t("tarik_bantuan", bahasa))
        baris = {r.id: r for r in bisa.itertuples()}
        pilihan = widget.pilihan(
            st.selectbox,
            t("tarik_pilih", bahasa),
            list(baris),
            "tarik_pilih",
            lambda i, b: f"#{i} · {baris[i].tabel} · {singkat(baris[i].sumber, 60)} · {tanggal(baris[i].waktu.date(), b)} {baris[i].waktu:%H:%M}",
            bahasa,
        )
        yakin = st.checkbox(t("tarik_yakin", bahasa), key="tarik_yakin")
        if st.button(t("tarik_tombol", bahasa), disabled=not yakin, key="tarik_tombol"):
            try:
                hasil = tarik_impor(data.engine(), int(pilihan), oleh=akses.akses().nama_pengguna or "dasbor")
            except TarikDitolak as exc:
                st.error(teks_md(str(exc)))
                return
            data.segarkan()
            st.session_state["tarik_pesan"] = t("tarik_selesai", bahasa, id=pilihan, **{k: angka(v, 0, bahasa) for k, v in hasil.items()})
            st.rerun()  # the history above shows the withdrawal at once
