"""Help plan page: who lends time to which SLS, projected finish before and after, handover lists, adoption, follow-up."""

from datetime import datetime

import streamlit as st

from aturan.ambang import AMBANG
from dashboard import akses, data, tabel, tabel_bantuan, widget
from laporan import serah_terima
from store.realokasi import PERAN_ADOPSI
from tampilan import aman, figur
from tampilan.teks import keterangan_hari, t, tanggal

konteks = widget.konteks_kabupaten()
ak = akses.akses()
bahasa, tgl, wil, kampanye = konteks.bahasa, konteks.tanggal, konteks.wilayah, konteks.jadwal_kampanye
st.title(t("rb_judul", bahasa, nama=aman.teks_md(wil["nama"])))
st.caption(keterangan_hari(konteks.jadwal, tgl, bahasa) + " · " + t("rb_petunjuk", bahasa))

rencana = data.rencana_bantuan(wil["kode"], tgl, repr(kampanye), kampanye)
tabel_bantuan.angka_rencana(rencana, kampanye, bahasa)
nama_desa = dict(data.nama_di_bawah(wil["kode"], 10).itertuples(index=False))
label = tabel.label_petugas(data.daftar_petugas(wil["kode"]), ak.lihat_nama) if ak.lihat_petugas else {}

st.subheader(t("rb_sebelum_sesudah", bahasa))
st.plotly_chart(figur.sebelum_sesudah(rencana.area, kampanye.untuk(wil["kode"]).selesai, bahasa), key="sebelum_sesudah")
tab_area, tab_pindah, tab_pemberi, tab_serah, tab_lanjut = st.tabs(
    [t(k, bahasa) for k in ("rb_tab_area", "rb_tab_pindah", "rb_tab_pemberi", "rb_tab_serah", "rb_tab_lanjut")]
)
with tab_area:
    st.dataframe(tabel.berformat(tabel_bantuan.area_layar(rencana, bahasa), bahasa), hide_index=True, placeholder="–", key="rb_area")
with tab_pindah:
    if rencana.pindah.empty:
        st.info(t("rb_kosong", bahasa))
    else:
        st.dataframe(tabel.berformat(tabel_bantuan.pindah_layar(rencana.pindah, nama_desa, label, ak.lihat_petugas, bahasa), bahasa), hide_index=True, key="rb_pindah")
with tab_pemberi:
    if ak.lihat_petugas:
        st.dataframe(
            tabel.berformat(tabel_bantuan.pemberi_layar(rencana.pemberi, label, bahasa), bahasa, {t("rb_hari_longgar", bahasa): 1, t("rb_hari_dipakai", bahasa): 1}),
            hide_index=True,
            key="rb_pemberi",
        )
    st.caption(t("rb_pemberi_aturan", bahasa))
with tab_serah:
    if not ak.lihat_petugas:
        st.info(t("rb_serah_peran", bahasa))
    elif not rencana.pindah.empty:
        per = st.segmented_control(
            t("rb_per", bahasa), ["pml", "koseka"], default="pml", required=True, key="rb_per", format_func=lambda p: t(f"serah_kolom_{p}", bahasa)
        )
        baris = serah_terima.baris_serah_terima(rencana.pindah, data.daftar_petugas(wil["kode"]), nama_desa, label, tgl, per, bahasa)
        nama_berkas = f"{'DATA-DEMO-' if konteks.demo else ''}serah-terima-{wil['kode']}-{per}-{tgl.isoformat()}"
        ket = t("serah_usulan", bahasa)
        k1, k2, _ = st.columns([1, 1, 3])
        csv = lambda: serah_terima.csv_serah_terima(baris, bahasa, per)  # noqa: E731
        k1.download_button(t("unduh_csv", bahasa), csv, f"{nama_berkas}.csv", "text/csv", key="rb_csv", on_click="ignore")
        k2.download_button(
            t("unduh_pdf", bahasa),
            lambda: serah_terima.pdf_serah_terima(baris, wil["nama"], tgl, ket, bahasa, per, konteks.demo),
            f"{nama_berkas}.pdf",
            "application/pdf",
            key="rb_pdf",
            on_click="ignore",
        )
        st.dataframe(baris.rename(columns=serah_terima.judul_kolom(bahasa, per)), hide_index=True, key="rb_serah")
    boleh_adopsi = not rencana.pindah.empty and (ak.peran in PERAN_ADOPSI or not ak.login)
    if boleh_adopsi and st.button(t("rb_adopsi", bahasa), type="primary", key="rb_adopsi"):
        data.adopsi_rencana(wil["kode"], tgl, rencana.pindah, ak.nama_pengguna or "-", ak.peran)
        st.success(t("rb_diadopsi", bahasa))
with tab_lanjut:
    rencana_ada = data.daftar_rencana(wil["kode"])
    if rencana_ada.empty:
        st.info(t("rb_belum_adopsi", bahasa))
    else:
        pilihan = widget.pilihan(
            st.selectbox,
            t("rb_pilih_rencana", bahasa),
            list(rencana_ada.index),
            "rb_rencana",
            lambda i, b: t("rb_rencana_label", b, tanggal=tanggal(rencana_ada.loc[i, "tanggal"], b), oleh=aman.teks_md(rencana_ada.loc[i, "diadopsi_oleh"])),
            bahasa,
        )
        dipilih = rencana_ada.loc[pilihan]
        tl = data.tindak_lanjut(int(dipilih["id"]), tgl, wil["kode"])
        st.dataframe(tabel.berformat(tabel_bantuan.lanjut_layar(tl, nama_desa, label, ak.lihat_petugas, bahasa), bahasa), hide_index=True, key="rb_lanjut")
        if tgl > dipilih["tanggal"] and len(tl):
            desa = sorted({k[:10] for k in tl["kode_sls"]})
            laju = data.laju_sebelum_sesudah(tuple(desa), dipilih["tanggal"], tgl)
            semua_desa = data.lengkapi_wilayah(data.rekap_turunan(wil["kode"], 10, tgl), wil["kode"], tgl, kampanye, AMBANG)
            st.subheader(t("rb_area_dibantu", bahasa))
            st.dataframe(
                tabel.berformat(
                    tabel_bantuan.area_lanjut(laju, semua_desa, nama_desa, bahasa), bahasa, {t("rb_laju_sebelum", bahasa): 1, t("rb_laju_sesudah", bahasa): 1}
                ),
                hide_index=True,
                key="rb_area_lanjut",
            )
        st.caption(
            t(
                "rb_lanjut_petunjuk",
                bahasa,
                waktu=f"{tanggal(dipilih['diadopsi_pada'].date(), bahasa)} {dipilih['diadopsi_pada']:%H:%M}" if isinstance(dipilih["diadopsi_pada"], datetime) else "",
            )
        )
