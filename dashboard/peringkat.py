"""Rankings page: kecamatan or desa sorted by selisih (most behind first), with trends, filters and downloads."""

from datetime import timedelta

import streamlit as st

from aturan.ambang import AMBANG
from aturan.deret import hari_hari, tren_capaian
from aturan.indikator import STATUS_URUT, urut_paling_tertinggal
from dashboard import akses, data, tabel, widget
from tampilan import aman
from tampilan.teks import keterangan_hari, t, teks_rekam_jejak

konteks = widget.konteks_halaman()
if konteks is None:
    st.stop()
bahasa, tgl, wil = konteks.bahasa, konteks.tanggal, konteks.wilayah

st.title(t("peringkat_judul", bahasa, nama=aman.teks_md(wil["nama"])))
st.caption(keterangan_hari(konteks.jadwal, tgl, bahasa) + " · " + t("peringkat_petunjuk", bahasa))
kiri, kanan = st.columns([1, 2])
pilihan = [konteks.panjang_anak] + ([widget.PANJANG_ANAK[konteks.panjang_anak]] if konteks.panjang_anak in widget.PANJANG_ANAK else [])
tingkat = kiri.segmented_control(
    t("tingkat", bahasa), pilihan, default=pilihan[0], required=True, key="tingkat", format_func=lambda n: t(widget.NAMA_TINGKAT[n], bahasa), wrap=True
)
status = kanan.pills(
    t("saring_status", bahasa), list(STATUS_URUT), default=list(STATUS_URUT), selection_mode="multi", key="status", format_func=lambda s: t(f"status_{s}", bahasa)
)

dasar = data.rekap_turunan(wil["kode"], tingkat, tgl)
df = data.lengkapi_wilayah(dasar, wil["kode"], tgl, konteks.jadwal_kampanye, AMBANG)
awal_tren = max(konteks.jadwal.mulai, tgl - timedelta(days=13))
df["tren"] = tren_capaian(dasar, data.seri_harian_turunan(wil["kode"], tingkat, tgl), hari_hari(awal_tren, tgl)) if tgl >= awal_tren else [[] for _ in range(len(df))]
if tingkat != konteks.panjang_anak:  # grandchildren: name their parent too
    df = tabel.tambah_nama_induk(df, data.rekap_anak(wil["kode"], tgl))
st.caption(teks_rekam_jejak(data.rekam_jejak(wil["kode"], tgl, tingkat, konteks.jadwal_kampanye), tingkat, bahasa))
tampil = urut_paling_tertinggal(df[df["status"].isin(status) | (df["status"].isna() & (len(status) == len(STATUS_URUT)))]).reset_index(drop=True)

tabel.tabel_muat(
    tabel.untuk_layar(tampil, bahasa, akses.akses().lihat_petugas),
    widget.lebar_isi(),
    tabel.PENTING_PERINGKAT,
    bahasa,
    tabel.konfigurasi_kolom(bahasa, konteks.tingkat_anak),
    height=min(35 * len(tampil) + 38, 720),
    key=f"peringkat_{tingkat}",  # a new table per level: switching kecamatan/desa starts it scrolled to the left
)
unduh = tabel.untuk_unduhan(tampil, bahasa, konteks.tingkat_anak, akses.akses().lihat_petugas)
nama_berkas = f"peringkat-{wil['kode'] or 'indonesia'}-{widget.NAMA_TINGKAT[tingkat]}-{tgl.isoformat()}"
tabel.tombol_unduh(unduh, nama_berkas, bahasa, konteks.demo)
