"""Field-quality page: checks from interview times, GPS points and result codes per PPL, and one PPL's points on a map."""

import streamlit as st

from aturan.ambang import AMBANG_KUALITAS
from aturan.kualitas import CEK, di_malam, per_kecamatan, zona_waktu
from dashboard import akses, data, tabel, widget
from queries.paradata import lingkup_kecamatan
from tampilan import aman, figur
from tampilan.teks import angka, keterangan_hari, t

konteks = widget.konteks_kabupaten()  # officers are checked one kabupaten at a time
bahasa, tgl, wil, jadwal = konteks.bahasa, konteks.tanggal, konteks.wilayah, konteks.jadwal
ak = akses.akses()
kode = lingkup_kecamatan(wil["kode"])

st.title(t("kualitas_judul", bahasa, nama=aman.teks_md(wil["nama"])))
st.caption(keterangan_hari(jadwal, tgl, bahasa) + " · " + t("kualitas_zona", bahasa, zona=zona_waktu(kode)))
st.markdown(t("kualitas_pengantar", bahasa))
mulai_kampanye = min(konteks.jadwal_kampanye.umum.mulai, tgl)
rentang = st.date_input(t("kualitas_rentang", bahasa), (mulai_kampanye, tgl), min_value=mulai_kampanye, max_value=tgl, format="DD/MM/YYYY", key="kualitas_rentang")
mulai, akhir = (rentang[0], rentang[-1]) if len(rentang) else (mulai_kampanye, tgl)
with st.expander(t("kualitas_arti", bahasa)):
    st.markdown(widget.penjelasan_kualitas(AMBANG_KUALITAS, bahasa))

nilai = data.kualitas(kode, mulai, akhir, AMBANG_KUALITAS, repr(AMBANG_KUALITAS))
nama_kec = dict(data.nama_di_bawah(kode[:4], 7)[["kode", "nama"]].itertuples(index=False))
if nilai.empty or nilai[["berwaktu", "bertitik"]].to_numpy().sum() == 0:
    st.info(t("kualitas_tanpa_paradata", bahasa))
st.metric(t("ppl_berbendera", bahasa), f"{angka(int((nilai['jumlah_bendera'] > 0).sum()), 0, bahasa)} / {angka(len(nilai), 0, bahasa)}")
for baris in (CEK[:4], CEK[4:]):  # PPL flagged per check, four to a row so the names stay whole
    for k, c in zip(st.columns(4), baris, strict=True):
        k.metric(t(f"cek_{c}", bahasa), angka(int(nilai[f"{c}_flag"].sum()), 0, bahasa))
if (tanpa_batas := int(nilai["tanpa_batas"].sum()) if len(nilai) else 0) > 0:
    st.caption(t("titik_tanpa_batas", bahasa, n=angka(tanpa_batas, 0, bahasa)))

if not ak.lihat_petugas:  # the rapat role: counts per kecamatan, never officers or points
    st.subheader(t("kualitas_per_kecamatan", bahasa))
    st.caption(t("kualitas_rapat", bahasa))
    per_kec = tabel.tabel_kualitas_kecamatan(per_kecamatan(nilai), nama_kec, bahasa)
    st.dataframe(tabel.berformat(per_kec, bahasa), hide_index=True, width="stretch")
    tabel.tombol_unduh(per_kec, f"kualitas-kecamatan-{kode}-{akhir.isoformat()}", bahasa, konteks.demo)
    st.stop()

label = tabel.label_petugas(data.daftar_petugas(kode), ak.lihat_nama)
st.subheader(t("kualitas_daftar", bahasa))
daftar = tabel.tabel_kualitas(nilai, label, nama_kec, bahasa)
daftar.insert(3, "cek_ulang", tabel.status_cek_ulang(daftar["id_ppl"], data.hasil_cek_ulang(kode, akhir)[1], bahasa))
st.page_link("dashboard/cek_ulang.py", label=t("cu_buka", bahasa), icon=":material/fact_check:")
if daftar.empty:
    st.success(t("kualitas_tanpa_bendera", bahasa))
    st.stop()
st.dataframe(tabel.berformat(daftar, bahasa), column_config=tabel.konfigurasi_kualitas(bahasa), hide_index=True, width="stretch", height=min(35 * len(daftar) + 38, 480))
tabel.tombol_unduh(daftar.drop(columns="id_ppl"), f"kualitas-ppl-{kode}-{akhir.isoformat()}", bahasa, konteks.demo)

pilih = st.selectbox(t("kualitas_pilih_ppl", bahasa), list(daftar["id_ppl"]), format_func=label.get, key="kualitas_ppl")
satu = daftar.set_index("id_ppl").loc[pilih]
st.markdown(f"**{aman.teks_md(satu['petugas'])}** · {aman.teks_md(satu['bendera'])}")
st.page_link("dashboard/petugas.py", label=t("kualitas_ke_petugas", bahasa), icon=":material/person_search:", query_params={"ppl": pilih})
titik = data.titik_ppl(pilih, mulai, akhir)
if titik.empty:
    st.caption(t("titik_tanpa", bahasa))
else:
    desa = set(titik["kode_sls"].str[:10])
    lapisan = data.geojson_turunan(kode[:4], 4)  # the kabupaten's desa layer, the one the overview's map fetches
    geojson = {"type": "FeatureCollection", "features": [f for f in lapisan["features"] if f["id"] in desa]}
    nama_desa = dict(data.nama_di_bawah(kode[:4], 10)[["kode", "nama"]].itertuples(index=False))
    malam = di_malam(titik["waktu_mulai"], AMBANG_KUALITAS)
    st.subheader(t("peta_titik_judul", bahasa))
    fig = figur.peta_titik(geojson, nama_desa, titik, malam, AMBANG_KUALITAS.toleransi_luar_meter, bahasa, alamat=data.alamat_geojson_turunan(kode[:4], 4))
    st.plotly_chart(fig, key="peta_titik")
