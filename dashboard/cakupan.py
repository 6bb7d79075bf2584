"""Coverage page: SLS not started, stalled, families to revisit and counts too high; results by code beside the records."""

import streamlit as st

from aturan.ambang import AMBANG, AMBANG_CAKUPAN
from aturan.cakupan import DAFTAR, total
from dashboard import akses, data, tabel, tabel_cakupan, widget
from tampilan import aman, figur
from tampilan.teks import keterangan_hari, t

konteks = widget.konteks_halaman()
if konteks is None:
    st.stop()
bahasa, tgl, wil, jk = konteks.bahasa, konteks.tanggal, konteks.wilayah, konteks.jadwal_kampanye
panjang = konteks.panjang_anak
kode = wil["kode"]

st.title(t("cakupan_judul", bahasa, nama=aman.teks_md(wil["nama"])))
st.caption(keterangan_hari(konteks.jadwal, tgl, bahasa))
per_anak = data.per_area_cakupan(kode, panjang, tgl, jk, repr(jk))  # a kabupaten and above: from the daily rollup, no SLS read
tabel_cakupan.angka_cakupan(total(per_anak), int(per_anak["jumlah_sls"].sum()), int(per_anak["sls_ulang"].sum()), bahasa)

panjang_peta = 10 if len(kode) >= 4 else panjang  # desa from a kabupaten down, else the child areas
per_area = data.per_area_cakupan(kode, panjang_peta, tgl, jk, repr(jk))
st.subheader(t("ck_peta_mulai", bahasa) if panjang_peta == 10 else t("legenda_mulai", bahasa))
geojson = data.geojson_anak(kode) if panjang_peta == panjang else data.geojson_turunan(kode, 4)
if geojson["features"]:  # the full width: the map is zoomed for the theme's map width, which a column would crop
    alamat = data.alamat_geojson_anak(kode) if panjang_peta == panjang else data.alamat_geojson_turunan(kode, 4)
    bernama = per_area.merge(data.nama_di_bawah(kode, panjang_peta), on="kode", how="left").fillna({"nama": ""})
    tema = widget.tema_peta(geojson, widget.lebar_isi())
    st.plotly_chart(figur.peta_mulai(geojson, bernama, bahasa, tema, alamat), key="peta_mulai", config=widget.konfigurasi_grafik(tema))
else:
    st.info(t("tanpa_batas", bahasa))
st.subheader(t("ck_per_wilayah", bahasa, tingkat=t(konteks.tingkat_anak, bahasa).lower()))
layar = tabel_cakupan.per_area_layar(per_anak, data.nama_di_bawah(kode, panjang), bahasa)
st.dataframe(tabel.berformat(layar, bahasa), hide_index=True, placeholder="–", key=f"per_area-{kode}")
tabel.tombol_unduh(layar, f"cakupan-wilayah-{kode}-{tgl.isoformat()}", bahasa, konteks.demo)

st.subheader(t("ck_judul_daftar", bahasa))
pilihan = ["hasil"]
if not akses.akses().lihat_petugas:
    st.caption(t("ck_tanpa_petugas", bahasa))
elif len(kode) < 4:
    st.caption(t("ck_pilih_kabupaten", bahasa))
else:
    daftar = data.daftar_cakupan(kode, tgl, jk, repr(jk))
    pilihan = [*DAFTAR, "hasil"]
label = {j: f"{t(f'ck_{j}', bahasa)} ({len(daftar[j])})" for j in DAFTAR} if len(pilihan) > 1 else {}
# one view drawn at a time: a date change reruns only what is shown
ada_daftar = len(pilihan) > 1  # without lists the results by code wait for a click (nationally they sum every SLS's rollup rows)
tampil = st.segmented_control(
    t("ck_tampilkan", bahasa),
    pilihan,
    default=pilihan[0] if ada_daftar else None,
    required=ada_daftar,
    key="tampil_cakupan",
    format_func=lambda j: label.get(j, t("ck_hasil", bahasa)),
)
if tampil in DAFTAR:
    st.markdown(tabel_cakupan.definisi(tampil, bahasa, AMBANG_CAKUPAN))
    if daftar[tampil].empty:
        st.caption(t("ck_kosong", bahasa))
    else:
        isi = tabel_cakupan.daftar_layar(tampil, daftar[tampil], bahasa, AMBANG_CAKUPAN)
        st.dataframe(tabel.berformat(isi, bahasa), hide_index=True, placeholder="–", key=f"daftar-{tampil}-{kode}")
        tabel.tombol_unduh(isi, f"{tampil.replace('_', '-')}-{kode}-{tgl.isoformat()}", bahasa, konteks.demo)
    st.caption(t("ck_def_ambang", bahasa))
elif tampil == "hasil":
    st.caption(t("cakupan_petunjuk", bahasa))
    rekap = data.lengkapi_wilayah(data.rekap_anak(kode, tgl), kode, tgl, jk, AMBANG)
    df = tabel.gabung_cakupan(rekap, data.cakupan(kode, panjang, tgl), data.laporan_lapangan(kode, panjang, tgl))
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
    tabel.tombol_unduh(unduh, f"cakupan-{kode}-{tgl.isoformat()}", bahasa, konteks.demo)
