"""Schedule page: campaign dates, extensions for the kabupaten or some kecamatan, and the plan curve."""

import pandas as pd
import streamlit as st

from aturan.indikator import profil_dari_tabel, rencana_harian, rencana_profil
from dashboard import akses, data, widget
from store.jadwal import hapus_perpanjangan, simpan_jadwal, simpan_rencana
from tampilan.teks import angka, t, tanggal

konteks = widget.konteks_halaman()
if konteks is None:
    st.stop()
bahasa, jk, kab = konteks.bahasa, konteks.jadwal_kampanye, konteks.kabupaten
if kab is None:
    st.info(t("pilih_kabupaten_dulu", bahasa))
    st.stop()
nama_wilayah = {kab["kode"]: kab["nama"], **dict(zip(*data.anak_wilayah(kab["kode"])[["kode", "nama"]].T.to_numpy(), strict=True))}

st.title(t("jadwal_judul", bahasa))
if not akses.akses().kelola:
    st.warning(t("impor_terkunci" if not akses.akses().login else "tidak_boleh", bahasa))
    st.stop()
widget.pesan_tersimpan()
st.caption(t("jadwal_petunjuk", bahasa))
st.markdown(
    f"**{t('jadwal_umum', bahasa)}:** {tanggal(jk.umum.mulai, bahasa)} – {tanggal(jk.umum.selesai, bahasa)} ({jk.umum.n_hari} {t('hari', bahasa)}) · "
    f"**{t('rencana', bahasa)}:** {t('rencana_tabel', bahasa, n=len(jk.umum.rencana)) if jk.umum.rencana else t('rencana_linear', bahasa)}"
)
with st.form("jadwal_umum"):
    k1, k2 = st.columns(2)
    mulai = k1.date_input(t("mulai", bahasa), jk.umum.mulai, format="DD/MM/YYYY")
    selesai = k2.date_input(t("selesai_jadwal", bahasa), jk.umum.selesai, format="DD/MM/YYYY")
    if st.form_submit_button(t("simpan", bahasa)):
        widget.lapor_simpan(simpan_jadwal(data.engine(), mulai, selesai), bahasa)

st.subheader(t("perpanjangan", bahasa))
perpanjangan = pd.DataFrame([{"kode": k, "wilayah": nama_wilayah.get(k, k), "selesai": tanggal(d, bahasa)} for k, d in sorted(jk.perpanjangan.items())])
if len(perpanjangan):
    st.dataframe(
        perpanjangan, hide_index=True, placeholder="–", column_config={"kode": t("kode", bahasa), "wilayah": t("wilayah", bahasa), "selesai": t("selesai_jadwal", bahasa)}
    )
with st.form("perpanjangan"):
    k1, k2 = st.columns(2)
    kode = k1.selectbox(t("wilayah", bahasa), list(nama_wilayah), format_func=nama_wilayah.get, key="perpanjangan_wilayah")
    sampai = k2.date_input(t("diperpanjang_sampai", bahasa), max(jk.untuk(kab["kode"]).selesai, jk.umum.selesai), format="DD/MM/YYYY", key="perpanjangan_sampai")
    simpan, hapus = st.columns(2)
    if simpan.form_submit_button(t("simpan_perpanjangan", bahasa)):
        widget.lapor_simpan(simpan_jadwal(data.engine(), jk.umum.mulai, sampai, kode), bahasa)
    if hapus.form_submit_button(t("hapus_perpanjangan", bahasa)) and kode in jk.perpanjangan:
        hapus_perpanjangan(data.engine(), kode)
        widget.lapor_simpan(None, bahasa)

st.subheader(t("kurva_rencana", bahasa))
JENIS_RENCANA = ["linear", "harian", "tonggak", "operasi", "profil"]
jenis = widget.pilihan(st.radio, t("jenis_rencana", bahasa), JENIS_RENCANA, "jenis_rencana", lambda j, b: t(f"rencana_{j}_opsi", b), bahasa, horizontal=True)
if jenis == "linear" and st.button(t("pakai_linear", bahasa)):
    simpan_rencana(data.engine(), [])
    widget.lapor_simpan(None, bahasa)
elif jenis == "harian":
    laju = st.number_input(t("persen_per_hari", bahasa), min_value=0.5, max_value=50.0, value=4.0, step=0.5, key="persen_per_hari")
    st.caption(t("harian_penjelasan", bahasa, p=angka(laju, 1, bahasa), n=-(-100 // laju)))
    if st.button(t("simpan", bahasa), key="simpan_harian"):
        widget.lapor_simpan(simpan_rencana(data.engine(), list(rencana_harian(jk.umum.mulai, laju))), bahasa)
elif jenis == "tonggak":
    awal = pd.DataFrame(list(jk.umum.rencana) or [(jk.umum.selesai, 100.0)], columns=["tanggal", "persen_kumulatif"])
    tonggak = st.data_editor(
        awal,
        num_rows="dynamic",
        column_config={
            "tanggal": st.column_config.DateColumn(t("tanggal", bahasa), format="DD/MM/YYYY"),
            "persen_kumulatif": st.column_config.NumberColumn(t("persen_kumulatif", bahasa), min_value=0, max_value=100),
        },
    )
    if st.button(t("simpan", bahasa), key="simpan_tonggak"):
        titik = [(r.tanggal, float(r.persen_kumulatif)) for r in tonggak.dropna().itertuples(index=False)]
        widget.lapor_simpan(simpan_rencana(data.engine(), titik), bahasa)
elif jenis == "operasi":  # the shape of completion of the desa already done, stretched over this schedule
    profil, n = data.profil_operasi(kab["kode"], konteks.tanggal, jk.umum.mulai)
    st.caption(t("operasi_penjelasan", bahasa, n=angka(n, 0, bahasa)))
    if profil and st.button(t("simpan", bahasa), key="simpan_operasi"):
        widget.lapor_simpan(simpan_rencana(data.engine(), list(rencana_profil(profil, jk.umum.mulai, jk.umum.n_hari))), bahasa)
elif jenis == "profil":  # a previous campaign's profile by day number, stretched over this schedule
    st.caption(t("profil_penjelasan", bahasa))
    berkas = st.file_uploader(t("profil_berkas", bahasa), type=["csv", "xlsx"], key="profil_berkas")
    if berkas is not None:
        try:
            profil = profil_dari_tabel(data.baca_unggahan(berkas.getvalue(), berkas.name).tabel)
        except ValueError as e:
            st.error(t("profil_salah", bahasa, alasan=str(e)))
        else:
            if st.button(t("simpan", bahasa), key="simpan_profil"):
                widget.lapor_simpan(simpan_rencana(data.engine(), list(rencana_profil(profil, jk.umum.mulai, jk.umum.n_hari))), bahasa)
