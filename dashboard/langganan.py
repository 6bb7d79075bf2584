"""Subscriptions page (administrators): who receives the daily report and alerts, by which channel; the send log."""

import pandas as pd
import streamlit as st

from dashboard import akses, data, widget
from store.langganan import ISI, SALURAN, LanggananTidakSah, atur_aktif, baca_log, daftar_langganan, hapus_langganan, tambah_langganan
from store.pengguna import SEMUA, daftar_pengguna
from tampilan.teks import NAMA_BAHASA, t

bahasa, ak = akses.kepala_admin("langganan", "langganan_petunjuk", "pesan_langganan")

eng = data.engine()
semua = daftar_langganan(eng)
st.dataframe(
    pd.DataFrame(
        [
            {
                "#": x.id,
                t("penerima", bahasa): x.nama,
                t("peran", bahasa): t(f"peran_{x.peran}", bahasa) + (f" ({x.nama_pengguna})" if x.nama_pengguna else ""),
                t("wilayah", bahasa): " ".join(x.wilayah or (SEMUA,)),
                t("saluran", bahasa): x.saluran,
                t("alamat", bahasa): x.alamat_tampil,
                t("isi_pesan", bahasa): t(f"isi_{x.isi}", bahasa),
                t("jam", bahasa): x.jam,
                t("aktif", bahasa): x.aktif,
            }
            for x in semua
        ]
    ),
    hide_index=True,
    placeholder="–",
    width="stretch",
)


def _jalankan(fungsi, *argumen, pesan: str, **kata) -> None:
    try:
        fungsi(eng, *argumen, **kata)
    except LanggananTidakSah as e:
        st.error(str(e))
        return
    st.session_state["pesan_langganan"] = t(pesan, bahasa)
    st.rerun()


kiri, kanan = st.columns(2, gap="large")
with kiri.form("tambah_langganan", clear_on_submit=True):
    st.subheader(t("tambah_langganan", bahasa))
    nama = st.text_input(t("penerima", bahasa), key="lg_nama")
    pengguna = widget.pilihan(
        st.selectbox, t("pengguna_aplikasi", bahasa), ["", *[p.nama_pengguna for p in daftar_pengguna(eng)]], "lg_pengguna", lambda p, b: p or t("tanpa_akun", b), bahasa
    )
    peran = widget.pilihan(st.selectbox, t("peran", bahasa), ["pimpinan", "rapat"], "lg_peran", lambda p, b: t(f"peran_{p}", b), bahasa)
    wilayah = st.text_input(t("wilayah", bahasa), placeholder="7317 7317030", key="lg_wilayah")
    saluran = st.selectbox(t("saluran", bahasa), SALURAN, key="lg_saluran")
    alamat = st.text_input(t("alamat", bahasa), placeholder="nama@bps.go.id / https://...", key="lg_alamat")
    isi = widget.pilihan(st.selectbox, t("isi_pesan", bahasa), list(ISI), "lg_isi", lambda i, b: t(f"isi_{i}", b), bahasa, index=2)
    jam = st.text_input(t("jam", bahasa), value="07:00", key="lg_jam")
    bahasa_pesan = st.selectbox(t("bahasa", bahasa), list(NAMA_BAHASA), format_func=NAMA_BAHASA.get, key="lg_bahasa")
    if st.form_submit_button(t("tambah_langganan", bahasa), type="primary", key="lg_simpan"):
        akun = {"nama_pengguna": pengguna} if pengguna else {"peran": peran, "wilayah": wilayah.split()}
        _jalankan(tambah_langganan, nama, saluran, alamat, pesan="langganan_tersimpan", bahasa=bahasa_pesan, jam=jam.strip(), isi=isi, **akun)
if semua:
    kanan.subheader(t("ubah_langganan", bahasa))
    dipilih = kanan.selectbox("#", [x.id for x in semua], format_func=lambda i: f"#{i} {next(x.nama for x in semua if x.id == i)}")
    lama = next(x for x in semua if x.id == dipilih)
    aktif, hapus = kanan.columns(2)
    if aktif.button(t("nonaktifkan" if lama.aktif else "aktifkan", bahasa)):
        _jalankan(atur_aktif, dipilih, not lama.aktif, pesan="langganan_tersimpan")
    if hapus.button(t("hapus_langganan", bahasa)):
        _jalankan(hapus_langganan, dipilih, pesan="langganan_dihapus")

st.subheader(t("log_kiriman", bahasa))
log = baca_log(eng, 200)
log = log.assign(jenis=log["jenis"].map(lambda j: t(f"isi_{j}", bahasa)), hasil=log["hasil"].map(lambda h: t(f"kirim_{h}", bahasa)))
kolom = {"waktu": "waktu", "penerima": "penerima", "jenis": "jenis_pesan", "hasil": "hasil_kirim", "percobaan": "percobaan", "pesan": "galat", "subjek": "subjek"}
st.dataframe(log[list(kolom)].rename(columns={k: t(v, bahasa) for k, v in kolom.items()}), hide_index=True, placeholder="–", width="stretch")
st.caption(t("log_kiriman_petunjuk", bahasa))
