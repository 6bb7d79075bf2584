"""Overview page: headline figures, kecamatan/desa choropleth with drill-down, progress against the plan."""

from functools import partial

import streamlit as st

from aturan.ambang import AMBANG_CAKUPAN
from aturan.cakupan import total
from aturan.proyeksi import bantuan
from dashboard import akses, data, tabel, tampilan_rapat, widget
from tampilan import aman, figur, gaya
from tampilan.teks import keterangan_hari, t, teks_rekam_jejak

konteks = widget.konteks_halaman()
if konteks is None:
    st.stop()
bahasa, tgl, jadwal, wil = konteks.bahasa, konteks.tanggal, konteks.jadwal, konteks.wilayah

tema = widget.tema_layar()
isi = widget.lebar_isi()
kepala = st.container(horizontal=True, vertical_alignment="center", wrap=False)  # the button as wide as its label, the title the rest
kepala.title(f"{t('judul_app', bahasa)} · {wil['nama'] if konteks.kecamatan is None else t('kecamatan', bahasa) + ' ' + wil['nama']}")
if tema is not gaya.PONSEL:  # a meeting screen is started from a laptop; on a phone the button only pushes the map down
    with kepala:
        tampilan_rapat.pengaturan(bahasa)
ikhtisar = data.ikhtisar(wil["kode"], tgl, konteks.jadwal_kampanye)
ringkas, anak = ikhtisar.wilayah, ikhtisar.anak
st.caption(keterangan_hari(jadwal, tgl, bahasa) + " · " + teks_rekam_jejak(ikhtisar.rekam_jejak, konteks.panjang_anak, bahasa, pendek=True))
widget.angka_utama(ringkas, jadwal, bahasa, rekam_jejak=teks_rekam_jejak(ikhtisar.rekam_jejak, konteks.panjang_anak, bahasa), lebar=isi)
if AMBANG_CAKUPAN.di_kepala(jadwal, tgl):  # after the first week, what has not been reached
    widget.baris_cakupan(total(data.per_area_cakupan(wil["kode"], konteks.panjang_anak, tgl, konteks.jadwal_kampanye, repr(konteks.jadwal_kampanye))), bahasa)

kiri, kanan = st.columns([3, 2], gap="medium")
with kiri:
    petunjuk = (
        t("klik_peta_ponsel" if tema is gaya.PONSEL else "klik_peta", bahasa, tingkat=t(konteks.tingkat_anak, bahasa).lower()) if konteks.kecamatan is None else None
    )
    kepala_peta, pilih_nama = st.columns([2.6, 1], vertical_alignment="bottom")
    kepala_peta.subheader(t(f"peta_judul_{konteks.tingkat}", bahasa, nama=aman.teks_md(wil["nama"])), help=petunjuk)
    nama_di_peta = pilih_nama.toggle(t("tampilkan_nama", bahasa), value=True, key="nama_peta")  # on: names where they fit, numbers keyed below
    kembali = konteks.induk is not None and akses.akses().boleh(konteks.induk["kode"])
    ke_petugas = konteks.kecamatan is not None and akses.akses().lihat_petugas
    if kembali or ke_petugas:  # no empty row at the top level (on a phone it pushed the map down)
        tombol, tautan = st.columns(2)
        if kembali:
            tombol.button(t("kembali", bahasa, nama=aman.teks_md(konteks.induk["nama"])), on_click=widget.naik_satu_tingkat, args=(wil["kode"],), key="kembali_kab")
        if ke_petugas:
            tautan.page_link("dashboard/petugas.py", label=t("lihat_petugas", bahasa), icon=":material/groups:")
    metrik = st.segmented_control(
        t("warnai_menurut", bahasa),
        ["status", "capaian", "naik_1hari", "naik_7hari", "proyeksi"],
        default="status",
        required=True,
        key="warna",
        format_func=lambda m: t(f"warna_{m}", bahasa),
        label_visibility="collapsed",
        wrap=True,  # in a column it would scroll sideways and hide its last options behind the edge
    )
    geojson = data.geojson_anak(wil["kode"])
    peta = None
    if not geojson["features"]:
        st.info(t("tanpa_batas", bahasa))
    else:
        kunci_peta = f"peta-{wil['kode']}"
        kunci_anak = widget.KUNCI_ANAK.get(len(wil["kode"]))
        pilih = {"on_select": partial(widget.buka_dari_peta, kunci_peta, kunci_anak), "selection_mode": "points"} if kunci_anak else {}
        alamat = data.alamat_geojson_anak(wil["kode"])
        tema = widget.tema_peta(geojson, widget.lebar_kolom(isi, 0.6))
        label = data.label_peta(wil["kode"], anak, tema, bahasa)[0] if nama_di_peta else None
        st.plotly_chart(figur.peta_choropleth(geojson, anak, metrik, bahasa, tema, alamat, label), key=kunci_peta, config=widget.konfigurasi_grafik(tema), **pilih)
        label_gambar = data.label_peta(wil["kode"], anak, gaya.LAPORAN, bahasa)[0]
        peta = partial(figur.peta_choropleth, geojson, anak, metrik, bahasa, gaya.LAPORAN, label=label_gambar)  # with the geometry itself, for a picture
    widget.bagikan(wil["kode"], wil["nama"], tgl, peta, bahasa, konteks.demo)
with kanan:
    if len(anak):
        st.subheader(t("rapat_peringkat", bahasa))
        st.caption(t("urut_status_selisih", bahasa))
        perhatian = tabel.ringkas_tertinggal(anak, bahasa, tampil_id=akses.akses().lihat_petugas)
        if perhatian.empty:
            st.caption(t("perhatian_kosong", bahasa))
        else:
            tabel.tabel_muat(perhatian, widget.lebar_kolom(isi, 0.4), tabel.PENTING_PERINGKAT, bahasa, tabel.konfigurasi_kolom(bahasa), key="tertinggal")
        st.subheader(t("bantuan_judul", bahasa), help=t("bantuan_petunjuk", bahasa))
        perlu_bantuan = bantuan(anak, konteks.jadwal_kampanye, tgl)
        if perlu_bantuan.empty:
            st.caption(t("bantuan_kosong", bahasa))
        else:
            layar_bantuan = tabel.bantuan_layar(perlu_bantuan, bahasa)
            tabel.tabel_muat(layar_bantuan, widget.lebar_kolom(isi, 0.4), list(layar_bantuan.columns), bahasa, desimal=tabel.desimal_bantuan(bahasa), key="bantuan")
            if perlu_bantuan["pemberi"].iloc[0]:
                st.caption(f"**{t('pemberi_bantuan', bahasa)}:** {aman.teks_md(perlu_bantuan['pemberi'].iloc[0])}")
            if konteks.kabupaten is not None:
                st.page_link("dashboard/bantuan.py", label=t("rb_buka", bahasa), icon=":material/swap_horiz:")
    st.subheader(t("grafik_kumulatif", bahasa, nama=aman.teks_md(wil["nama"])))
    seri = data.seri_harian(wil["kode"], tgl)
    st.plotly_chart(figur.grafik_kumulatif(seri, int(ringkas["sasaran"]), jadwal, tgl, bahasa), key="kumulatif", config=widget.konfigurasi_grafik(tema))
