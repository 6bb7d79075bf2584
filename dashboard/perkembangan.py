"""Progress over time: curves per kecamatan against the plan, daily pace, area x day heatmap, animated map."""

import streamlit as st

from aturan import deret
from aturan.ambang import AMBANG
from dashboard import data, widget
from tampilan import aman, figur
from tampilan.teks import keterangan_hari, t

konteks = widget.konteks_halaman()
if konteks is None:
    st.stop()
bahasa, tgl, wil, jk = konteks.bahasa, konteks.tanggal, konteks.wilayah, konteks.jadwal_kampanye
hari = deret.hari_hari(jk.umum.mulai, max(tgl, jk.umum.mulai))
anak_panjang = konteks.panjang_anak
cucu_panjang = widget.PANJANG_ANAK.get(anak_panjang)

st.title(t("perkembangan_judul", bahasa, nama=aman.teks_md(wil["nama"])))
st.caption(keterangan_hari(konteks.jadwal, tgl, bahasa))
dasar = data.rekap_anak(wil["kode"], tgl)
seri_anak = data.seri_harian_turunan(wil["kode"], anak_panjang, tgl)
per_hari = data.lengkapi_per_hari(deret.rekap_per_hari(dasar, seri_anak, hari), wil["kode"], jk, AMBANG)

tab_peta, tab_kurva, tab_harian, tab_panas = st.tabs(
    [t("tab_animasi", bahasa), t("tab_kurva", bahasa), t("tab_harian", bahasa), t("tab_panas", bahasa)], key="tab", on_change="rerun"
)
if tab_peta.open:  # only the open tab is built: the others cost nothing on a rerun
    with tab_peta:
        pilihan = {"anak": t(konteks.tingkat_anak, bahasa)} | ({"desa": t(widget.NAMA_TINGKAT[cucu_panjang], bahasa)} if cucu_panjang else {})
        tingkat = st.segmented_control(t("tingkat", bahasa), list(pilihan), default="anak", required=True, key="anim_tingkat", format_func=pilihan.get)
        metrik = st.segmented_control(
            t("warnai_menurut", bahasa), ["capaian", "status"], default="capaian", required=True, key="anim_warna", format_func=lambda m: t(f"warna_{m}", bahasa)
        )
        if tingkat == "desa":
            cucu = data.rekap_turunan(wil["kode"], cucu_panjang, tgl)
            frame = data.lengkapi_per_hari(deret.rekap_per_hari(cucu, data.seri_harian_turunan(wil["kode"], cucu_panjang, tgl), hari), wil["kode"], jk, AMBANG)
            tingkat_cucu = {4: 2, 7: 3, 10: 4}[cucu_panjang]
            geojson, alamat = data.geojson_turunan(wil["kode"], tingkat_cucu), data.alamat_geojson_turunan(wil["kode"], tingkat_cucu)
        else:
            frame, geojson, alamat = per_hari, data.geojson_anak(wil["kode"]), data.alamat_geojson_anak(wil["kode"])
        tema = widget.tema_peta(geojson, widget.lebar_isi())
        label = data.label_peta(wil["kode"], per_hari[hari[-1]], tema, bahasa)[0] if tingkat == "anak" and geojson["features"] else None  # desa: too many to name
        st.plotly_chart(figur.peta_animasi(geojson, frame, metrik, bahasa, alamat, tema, label), key="peta_animasi", config=widget.konfigurasi_grafik(tema))
if tab_kurva.open:
    tab_kurva.plotly_chart(figur.kecil_majemuk(deret.seri_kurva(per_hari), bahasa), key="kecil_majemuk")
if tab_harian.open:
    harian = deret.matriks_harian(data.seri_harian(wil["kode"], tgl).assign(kode=wil["kode"]), [wil["kode"]], hari).T.reset_index()
    harian.columns = ["tanggal", "selesai_hari"]
    tab_harian.plotly_chart(figur.grafik_harian(harian, int(dasar["sasaran"].sum()), bahasa), key="harian")
if tab_panas.open:
    tab_panas.plotly_chart(figur.peta_panas(deret.poin_per_hari(dasar, seri_anak, hari), bahasa), key="panas")
