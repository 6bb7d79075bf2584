"""Users page (administrators): who may sign in, with which role and areas; add, change, disable, delete."""

import pandas as pd
import streamlit as st

from dashboard import akses, data, widget
from store.pengguna import PERAN, SEMUA, PenggunaTidakSah, daftar_pengguna, hapus_pengguna, tambah_pengguna, ubah_pengguna
from tampilan.teks import t

bahasa, ak = akses.kepala_admin("pengguna_judul", "pengguna_petunjuk", "pesan_pengguna")

eng = data.engine()
pilihan_wilayah = {SEMUA: t("semua_wilayah", bahasa)} if ak.wilayah is None else {}
for kab in data.daftar_kabupaten().itertuples():
    kec = data.anak_wilayah(kab.kode)
    pilihan_wilayah |= {k: f"{n} ({k})" for k, n in [(kab.kode, kab.nama), *zip(kec["kode"], kec["nama"], strict=True)] if ak.boleh(k)}
semua = [p for p in daftar_pengguna(eng) if ak.wilayah is None or (p.wilayah is not None and all(ak.boleh(k) for k in p.wilayah))]
tabel = pd.DataFrame(
    [
        {
            t("nama_pengguna", bahasa): p.nama_pengguna,
            t("nama_lengkap", bahasa): p.nama_lengkap,
            t("peran", bahasa): t(f"peran_{p.peran}", bahasa),
            t("wilayah", bahasa): ", ".join(pilihan_wilayah.get(k, k) for k in p.wilayah or (SEMUA,)),
            t("aktif", bahasa): p.aktif,
        }
        for p in semua
    ]
)
st.dataframe(tabel, hide_index=True, placeholder="–", width="stretch")


def _simpan(fungsi, nama: str, pesan: str, **argumen) -> None:
    try:
        fungsi(eng, nama, **argumen)
    except PenggunaTidakSah as e:
        st.error(str(e))
        return
    st.session_state["pesan_pengguna"] = t(pesan, bahasa, nama=nama)
    st.rerun()


kiri, kanan = st.columns(2, gap="large")
with kiri.form("tambah_pengguna", clear_on_submit=True):
    st.subheader(t("tambah_pengguna", bahasa))
    nama = st.text_input(t("nama_pengguna", bahasa), key="baru_nama").strip().lower()
    lengkap = st.text_input(t("nama_lengkap", bahasa), key="baru_lengkap")
    peran = widget.pilihan(st.selectbox, t("peran", bahasa), list(PERAN), "baru_peran", lambda p, b: t(f"peran_{p}", b), bahasa, index=1)
    wilayah = widget.pilihan(
        st.multiselect,
        t("wilayah", bahasa),
        list(pilihan_wilayah),
        "baru_wilayah",
        lambda k, b: t("semua_wilayah", b) if k == SEMUA else pilihan_wilayah[k],
        bahasa,
        placeholder=t("pilih_wilayah", bahasa),
    )
    sandi = st.text_input(t("kata_sandi", bahasa), type="password", autocomplete="new-password", key="baru_sandi")
    if st.form_submit_button(t("tambah_pengguna", bahasa), type="primary", key="baru_simpan"):
        _simpan(tambah_pengguna, nama, "pengguna_tersimpan", sandi=sandi, peran=peran, kode_wilayah=wilayah, nama_lengkap=lengkap)
if semua:
    kanan.subheader(t("ubah_pengguna", bahasa))
    dipilih = kanan.selectbox(t("nama_pengguna", bahasa), [p.nama_pengguna for p in semua], key="ubah_nama")
    lama = next(p for p in semua if p.nama_pengguna == dipilih)
    with kanan.form(f"ubah_pengguna_{dipilih}"):
        peran = st.selectbox(t("peran", bahasa), PERAN, index=PERAN.index(lama.peran), format_func=lambda p: t(f"peran_{p}", bahasa))
        wilayah = st.multiselect(
            t("wilayah", bahasa), list(pilihan_wilayah), default=[k for k in lama.wilayah or (SEMUA,) if k in pilihan_wilayah], format_func=pilihan_wilayah.get
        )
        aktif = st.toggle(t("aktif", bahasa), value=lama.aktif)
        sandi = st.text_input(t("sandi_baru", bahasa), type="password", autocomplete="new-password")
        simpan, hapus = st.columns(2)
        diri = dipilih == ak.nama_pengguna
        if simpan.form_submit_button(t("simpan", bahasa), type="primary"):
            if diri and (peran != "admin" or not aktif):
                st.error(t("tidak_diri_sendiri", bahasa))
            else:
                _simpan(ubah_pengguna, dipilih, "pengguna_tersimpan", sandi=sandi or None, peran=peran, kode_wilayah=wilayah, aktif=aktif)
        if hapus.form_submit_button(t("hapus_pengguna", bahasa)):
            if diri:
                st.error(t("tidak_diri_sendiri", bahasa))
            else:
                _simpan(hapus_pengguna, dipilih, "pengguna_dihapus")
