"""Back-check page: tomorrow's re-visits per PML, what the re-visits found per officer, and which flags proved right."""

import streamlit as st

from aturan.ambang import AMBANG_CEK_ULANG
from aturan.cek_ulang import presisi_bendera
from aturan.kualitas import CEK
from dashboard import akses, data, tabel, tabel_cek, widget
from queries.paradata import lingkup_kecamatan
from tampilan import aman
from tampilan.teks import angka, keterangan_hari, persen, t

konteks = widget.konteks_kabupaten()
bahasa, tgl, wil, a = konteks.bahasa, konteks.tanggal, konteks.wilayah, AMBANG_CEK_ULANG
ak = akses.akses()
kode = lingkup_kecamatan(wil["kode"])
st.title(t("cu_judul", bahasa, nama=aman.teks_md(wil["nama"])))
st.caption(keterangan_hari(konteks.jadwal, tgl, bahasa))
st.markdown(t("cu_aturan", bahasa, acak=persen(a.laju_acak * 100, 0, bahasa), sasaran=persen(a.laju_sasaran * 100, 0, bahasa), maks=a.maks_sasaran))

sampel, nilai = data.daftar_cek_ulang(kode, tgl, min(konteks.jadwal_kampanye.umum.mulai, tgl))
cek, hasil = data.hasil_cek_ulang(kode, tgl)
acak = hasil[["acak_dicek", "acak_tidak_cocok"]].sum() if len(hasil) else {"acak_dicek": 0, "acak_tidak_cocok": 0}
n_acak = int((sampel["bagian"] == "acak").sum())
porsi = acak["acak_tidak_cocok"] / acak["acak_dicek"] * 100 if acak["acak_dicek"] else None
jumlah = hasil["status"].value_counts() if len(hasil) else {}
kotak = {
    t("cu_besok", bahasa): (angka(len(sampel), 0, bahasa), t("cu_besok_ket", bahasa, acak=angka(n_acak, 0, bahasa), sasaran=angka(len(sampel) - n_acak, 0, bahasa))),
    t("cu_sudah", bahasa): (angka(len(cek), 0, bahasa), t("keluarga", bahasa)),
    t("cu_porsi_semua", bahasa): (persen(porsi, 1, bahasa), t("cu_dari_acak", bahasa, n=angka(acak["acak_dicek"], 0, bahasa))),
    t("cu_status_masalah", bahasa): (
        angka(jumlah.get("masalah", 0), 0, bahasa),
        t("cu_status_ket", bahasa, bersih=angka(jumlah.get("bersih", 0), 0, bahasa), belum=angka(jumlah.get("belum", 0), 0, bahasa)),
    ),
}
for kolom, (label_kotak, (nilai_kotak, ket)) in zip(st.columns(4), kotak.items(), strict=True):
    kolom.metric(label_kotak, nilai_kotak, ket, delta_color="off", delta_arrow="off", border=True)

nama_kec = dict(data.nama_di_bawah(kode[:4], 7)[["kode", "nama"]].itertuples(index=False))
tab_daftar, tab_hasil, tab_bendera = st.tabs([t("cu_tab_daftar", bahasa), t("cu_tab_hasil", bahasa), t("cu_tab_bendera", bahasa)])
if not ak.lihat_petugas:  # the rapat role: counts per kecamatan only
    kec_ppl = dict(zip(cek["id_ppl"], cek["kode_sls"].str[:7], strict=True))
    tab_daftar.dataframe(tabel.berformat(tabel_cek.daftar_kecamatan(sampel, nama_kec, bahasa), bahasa), hide_index=True, key="cu_daftar")
    tab_hasil.dataframe(tabel.berformat(tabel_cek.status_kecamatan(hasil, kec_ppl, nama_kec, bahasa), bahasa), hide_index=True, key="cu_hasil")
else:
    label = tabel.label_petugas(data.daftar_petugas(kode), ak.lihat_nama)
    nama_desa = dict(data.nama_di_bawah(kode[:4], 10)[["kode", "nama"]].itertuples(index=False))
    with tab_daftar:
        daftar = tabel_cek.daftar_layar(sampel, label, nama_desa, bahasa)
        nama_berkas = f"{'DATA-DEMO-' if konteks.demo else ''}cek-ulang-{kode}-{tgl.isoformat()}"
        k1, k2, _ = st.columns([1, 1, 3])
        k1.download_button(t("unduh_csv", bahasa), lambda: aman.ke_csv(daftar), f"{nama_berkas}.csv", "text/csv", key="cu_csv", on_click="ignore")
        pdf = lambda: tabel_cek.pdf_daftar(sampel, label, nama_desa, wil["nama"], tgl, a, bahasa, konteks.demo)  # noqa: E731
        k2.download_button(t("unduh_pdf", bahasa), pdf, f"{nama_berkas}.pdf", "application/pdf", key="cu_pdf", on_click="ignore")
        st.dataframe(daftar, hide_index=True, key="cu_daftar")
    with tab_hasil:
        st.dataframe(tabel.berformat(tabel_cek.hasil_layar(hasil, tabel_cek.teks_bendera(nilai, bahasa), label, bahasa), bahasa), hide_index=True, key="cu_hasil")
        st.caption(
            t("cu_hasil_petunjuk", bahasa, keyakinan=persen(a.keyakinan * 100, 0, bahasa), n=a.min_cek, x=a.min_tidak_cocok, p=persen(a.porsi_masalah * 100, 0, bahasa))
        )
with tab_bendera:
    bendera = nilai[["id_ppl", *[f"{c}_flag" for c in CEK]]].rename(columns={f"{c}_flag": c for c in CEK}) if len(nilai) else nilai
    st.dataframe(tabel.berformat(tabel_cek.presisi_layar(presisi_bendera(bendera, hasil, CEK), bahasa), bahasa), hide_index=True, key="cu_bendera")
    st.caption(t("cu_bendera_petunjuk", bahasa))

jumlah_tidak_ada = data.tidak_ada(kode, tgl)
st.caption(t("cu_tidak_ada", bahasa, dihitung=angka(jumlah_tidak_ada["dihitung"], 0, bahasa), dikeluarkan=angka(jumlah_tidak_ada["dikeluarkan"], 0, bahasa)))
if (ak.kelola or not ak.login) and jumlah_tidak_ada["dihitung"] and st.button(t("cu_keluarkan", bahasa, n=jumlah_tidak_ada["dihitung"]), key="cu_keluarkan"):
    id_impor, n = data.keluarkan_tidak_ada(kode, ak.nama_pengguna or "-")
    st.success(t("cu_dikeluarkan", bahasa, n=angka(n, 0, bahasa), id=id_impor))
