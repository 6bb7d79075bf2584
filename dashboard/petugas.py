"""Officers page: PPL, PML teams and Koseka with productivity and quality flags, and one officer in detail."""

import streamlit as st

from aturan.ambang import AMBANG_PETUGAS
from aturan.kinerja import bendera_harian, paling_tertinggal
from dashboard import akses, data, tabel, widget
from tampilan import aman, figur
from tampilan.teks import keterangan_hari, t

konteks = widget.konteks_kabupaten()  # officers are checked one kabupaten at a time
bahasa, tgl, wil, jadwal = konteks.bahasa, konteks.tanggal, konteks.wilayah, konteks.jadwal
isi = widget.lebar_isi()
boleh_nama = akses.akses().lihat_nama  # the viewer's right (pimpinan and admin see names), not the logins-off setting

st.title(t("petugas_judul", bahasa, nama=aman.teks_md(wil["nama"])))
st.caption(keterangan_hari(jadwal, tgl, bahasa) + " · " + t("nama_tampil" if boleh_nama else "nama_sembunyi", bahasa))
st.page_link("dashboard/ringkasan.py", label=t("kembali_peta", bahasa), icon=":material/map:")
with st.expander(t("bendera_penjelasan_judul", bahasa)):
    st.markdown(widget.penjelasan_bendera(AMBANG_PETUGAS, bahasa))

d = data.kinerja(wil["kode"], tgl, jadwal, repr(jadwal), AMBANG_PETUGAS)
ppl, pml, koseka = d["ppl"], d["pml"], d["koseka"]
label = tabel.label_petugas(d["petugas"], boleh_nama)
widget.ringkasan_bendera(ppl, pml, bahasa)

if (diminta := st.query_params.get("ppl")) in set(ppl["id_ppl"]):  # a link from another page to one PPL's detail
    st.session_state["detail_ppl"] = diminta
    st.session_state["tab_petugas"] = t("tab_detail", bahasa)
    del st.query_params["ppl"]
tab_ppl, tab_pml, tab_ksk, tab_grafik, tab_detail = st.tabs(
    [t("tab_ppl", bahasa), t("tab_pml", bahasa), t("tab_koseka", bahasa), t("tab_grafik", bahasa), t("tab_detail", bahasa)], key="tab_petugas", on_change="rerun"
)
for tab, df, jenis in ((tab_ppl, ppl, "ppl"), (tab_pml, pml, "pml"), (tab_ksk, koseka, "koseka")):
    if tab.open:
        with tab:
            tampil = tabel.tabel_petugas(df, jenis, d["petugas"], boleh_nama, bahasa)
            if jenis == "ppl":  # the back-check status beside the flags
                id_dari_label = {v: k for k, v in label.items()}
                tampil.insert(2, "cek_ulang", tabel.status_cek_ulang(tampil["petugas"].map(id_dari_label), data.hasil_cek_ulang(wil["kode"], tgl)[1], bahasa))
            tabel.tabel_muat(tampil, isi, tabel.PENTING_PETUGAS, bahasa, tabel.konfigurasi_petugas(bahasa), tabel.DESIMAL_PETUGAS, height=min(35 * len(tampil) + 38, 640))
            tabel.tombol_unduh(tampil, f"petugas-{jenis}-{wil['kode']}-{tgl.isoformat()}", bahasa, konteks.demo)
if tab_grafik.open:
    with tab_grafik:
        st.plotly_chart(figur.histogram_laju(ppl, bahasa), key="histogram")
        kiri, kanan = st.columns(2)
        kiri.subheader(t("papan_teratas", bahasa))
        with kiri:
            teratas = tabel.tabel_petugas(ppl.nlargest(10, "capaian"), "ppl", d["petugas"], boleh_nama, bahasa, ringkas=True)
            tabel.tabel_muat(teratas, widget.lebar_kolom(isi, 0.5), tabel.PENTING_PETUGAS, bahasa, tabel.konfigurasi_petugas(bahasa), tabel.DESIMAL_PETUGAS)
        kanan.subheader(t("paling_kurang" if jadwal.sisa_hari(tgl) else "paling_kurang_lewat", bahasa))
        with kanan:
            terbawah = tabel.tabel_petugas(paling_tertinggal(ppl, 10), "ppl", d["petugas"], boleh_nama, bahasa, ringkas=True)
            tabel.tabel_muat(terbawah, widget.lebar_kolom(isi, 0.5), tabel.PENTING_PETUGAS, bahasa, tabel.konfigurasi_petugas(bahasa), tabel.DESIMAL_PETUGAS)
        tim = st.selectbox(t("pilih_tim", bahasa), sorted(pml["id_petugas"]), format_func=label.get, key="tim")
        st.plotly_chart(figur.grafik_tim(d["harian"], ppl[ppl["id_pml"] == tim]["id_ppl"].tolist(), label, bahasa), key="grafik_tim")
if tab_detail.open:
    with tab_detail:
        pilih = st.selectbox(t("pilih_petugas", bahasa), sorted(ppl["id_ppl"]), format_func=label.get, key="detail_ppl")
        satu = ppl.set_index("id_ppl").loc[pilih]
        st.markdown(widget.keterangan_petugas(satu, label, bahasa))
        st.plotly_chart(figur.grafik_harian(widget.harian_satu(d["harian"], pilih, jadwal, tgl), int(satu["sasaran"]), bahasa), key="harian_ppl")
        kiri, kanan = st.columns(2)
        kiri.subheader(t("sls_petugas", bahasa))
        kiri.dataframe(tabel.berformat(tabel.tabel_sls(data.sls_ppl(pilih, tgl)), bahasa), hide_index=True, placeholder="–", column_config=tabel.konfigurasi_sls(bahasa))
        kanan.subheader(t("bendera_dari_hari_ke_hari", bahasa))
        riwayat = bendera_harian(d["petugas"], d["beban"], d["harian"], data.menit_harian(wil["kode"]), jadwal, tgl, pilih, AMBANG_PETUGAS)
        riwayat = tabel.tabel_riwayat_bendera(riwayat, bahasa)
        if len(riwayat):
            kanan.dataframe(riwayat, hide_index=True, placeholder="–")
        else:
            kanan.caption(t("tanpa_bendera", bahasa))
