"""Meeting page: headline figures in big type, then the map, the most-behind ranking or the officers, in turn."""

import streamlit as st

from aturan.ambang import AMBANG_PETUGAS
from dashboard import akses, data, tabel_bantuan, widget
from dashboard import tampilan_rapat as rapat
from tampilan import figur
from tampilan.teks import angka, t, teks_rekam_jejak

tata = rapat.tata()
rapat.gaya_proyektor(tata)
konteks = widget.konteks_halaman()
if konteks is None:
    st.stop()
ak = akses.akses()
bahasa, tgl, jadwal, wil = konteks.bahasa, konteks.tanggal, konteks.jadwal, konteks.wilayah
setelan = rapat.setelan()
tampilan = rapat.tampilan_sekarang(setelan)

kiri, kanan = st.columns([4, 1])
with kiri:
    rapat.kepala(f"Regsosek 2022 · {wil['nama'] if konteks.kecamatan is None else t('kecamatan', bahasa) + ' ' + wil['nama']}", tgl, bahasa)
with kanan:
    rapat.jam(setelan, bahasa)
ikhtisar = data.ikhtisar(wil["kode"], tgl, konteks.jadwal_kampanye)
ringkas, anak = ikhtisar.wilayah, ikhtisar.anak
widget.angka_utama(ringkas, jadwal, bahasa, rekam_jejak=teks_rekam_jejak(ikhtisar.rekam_jejak, konteks.panjang_anak, bahasa))
tingkat = t(konteks.tingkat_anak, bahasa)

tema = tata.tema
grafik = {"displayModeBar": False, "scrollZoom": False}
if tampilan == "peta":
    peta, daftar = st.columns([3, 2], gap="large")
    with peta:
        rapat.subjudul(t("rapat_peta_judul", bahasa, tingkat=tingkat))
        geojson = data.geojson_anak(wil["kode"])
        if geojson["features"]:
            label, tema_peta = data.label_peta(wil["kode"], anak, tema, bahasa)
            peta = figur.peta_choropleth(geojson, anak, "status", bahasa, tema_peta, data.alamat_geojson_anak(wil["kode"]), label)
            st.plotly_chart(peta, key="peta_rapat", config=grafik)
        else:
            st.info(t("tanpa_batas", bahasa))
    with daftar:
        rapat.subjudul(t("rapat_tertinggal_judul", bahasa, tingkat=tingkat))
        st.plotly_chart(figur.batang_tertinggal(anak, bahasa, tema, n=8, tinggi=tata.tinggi_grafik), key="batang_rapat", config=grafik)
elif tampilan == "peringkat":
    rapat.subjudul(t("rapat_tertinggal_judul", bahasa, tingkat=tingkat))
    st.plotly_chart(figur.batang_tertinggal(anak, bahasa, tema, n=12, tinggi=tata.tinggi_grafik, sebab=True), key="peringkat_rapat", config=grafik)
elif tampilan == "bantuan":
    if konteks.kabupaten is None:
        st.info(t("pilih_kabupaten_dulu", bahasa))
    else:
        rencana = data.rencana_bantuan(wil["kode"], tgl, repr(konteks.jadwal_kampanye), konteks.jadwal_kampanye)
        pulih, telat = tabel_bantuan.kembali_tepat(rencana, konteks.jadwal_kampanye)
        adopsi = data.daftar_rencana(wil["kode"])
        lanjut = data.tindak_lanjut(int(adopsi["id"].iloc[0]), tgl, wil["kode"]) if len(adopsi) else None
        rapat.subjudul(
            t("rapat_bantuan_judul", bahasa, pulih=pulih, telat=telat, sls=angka(len(rencana.pindah), 0, bahasa), kel=angka(rencana.pindah["keluarga"].sum(), 0, bahasa))
        )
        kiri_b, kanan_b = st.columns([1, 1], gap="large")
        with kiri_b:
            st.plotly_chart(
                figur.sebelum_sesudah(rencana.area, konteks.jadwal_kampanye.untuk(wil["kode"]).selesai, bahasa, tema, tata.tinggi_grafik),
                key="bantuan_rapat",
                config=grafik,
            )
        with kanan_b:
            st.plotly_chart(rapat.tabel_bantuan_rapat(rencana, anak, lanjut, konteks.jadwal_kampanye, bahasa, tata), key="bantuan_tabel_rapat", config=grafik)
else:
    kinerja = data.kinerja(wil["kode"], tgl, jadwal, repr(jadwal), AMBANG_PETUGAS)
    judul, fig = rapat.tabel_petugas_rapat(ak, kinerja, dict(zip(anak["kode"], anak["nama"], strict=True)) | {wil["kode"]: wil["nama"]}, tgl, bahasa, tata)
    rapat.subjudul(judul)
    st.plotly_chart(fig, key="petugas_rapat", config=grafik)
rapat.tombol_keluar(bahasa)
