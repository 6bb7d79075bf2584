"""Coverage page: results by code, new families, capaian over 100%, and field-report tallies beside the records."""

import streamlit as st

from dashboard import data, tabel, widget
from queries.indikator import lengkapi
from tampilan import aman, figur
from tampilan.gaya import AMBANG
from tampilan.teks import keterangan_hari, t

konteks = widget.konteks_halaman()
if konteks is None:
    st.stop()
bahasa, tgl, wil = konteks.bahasa, konteks.tanggal, konteks.wilayah
panjang = konteks.panjang_anak

st.title(t("cakupan_judul", bahasa, nama=aman.teks_md(wil["nama"])))
st.caption(keterangan_hari(konteks.jadwal, tgl, bahasa) + " · " + t("cakupan_petunjuk", bahasa))
rekap = lengkapi(data.rekap_anak(wil["kode"], tgl), konteks.jadwal_kampanye, tgl, AMBANG)
df = tabel.gabung_cakupan(rekap, data.cakupan(wil["kode"], panjang, tgl), data.laporan_lapangan(wil["kode"], panjang, tgl))

st.dataframe(
    tabel.berformat(tabel.cakupan_layar(df, bahasa), bahasa),
    column_config=tabel.konfigurasi_cakupan(bahasa, "laporan_selesai" in df),
    hide_index=True,
    placeholder="–",
    width="stretch",
)
lewat = df[df["capaian"] > 100]
if len(lewat):
    st.info(t("lewat_100", bahasa, n=len(lewat), nama=", ".join(lewat["nama"].map(aman.teks_md))))
if "laporan_selesai" in df:
    st.caption(t("laporan_catatan", bahasa))
st.subheader(t("sebaran_hasil", bahasa))
st.plotly_chart(figur.batang_hasil(df, bahasa), key="hasil")
unduh = tabel.cakupan_layar(df, bahasa).rename(columns=lambda k: tabel.konfigurasi_cakupan(bahasa, True).get(k, {}).get("label", k))
tabel.tombol_unduh(unduh, f"cakupan-{wil['kode']}-{tgl.isoformat()}", bahasa, konteks.demo)
