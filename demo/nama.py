"""Plausible Indonesian (South Sulawesi flavoured) place and person names for the demo campaign."""

from __future__ import annotations

import numpy as np

AWAL = [
    "Bua",
    "Lamasi",
    "Sabbang",
    "Tanete",
    "Bone",
    "Salu",
    "Batu",
    "Tana",
    "Buntu",
    "Lamba",
    "Pongko",
    "Wara",
    "Larompong",
    "Ponrang",
    "Suli",
    "Bajo",
    "Kamanre",
    "Walenrang",
    "Belopa",
    "Latimojong",
    "Padang",
    "Lempe",
    "Pammanu",
    "Bassiang",
    "Cimpu",
    "Kadong",
    "Marinding",
    "Seppong",
    "Tampumia",
    "Olang",
    "Rante",
    "Balo",
    "Tiromanda",
    "Pelalan",
    "Sumabu",
    "Lindajang",
    "Kalibamba",
    "Lengkong",
    "Bulo",
    "Pao",
    "Tallang",
    "Jambu",
    "Karang",
    "Lauwa",
    "Mappetajang",
    "Murante",
    "Paconne",
    "Tabah",
]
AKHIR = ["", "", "", "", "Jaya", "Baru", "Indah", "Makmur", "Lestari", "Sari", "Raya", "Tengah", "Rante", "Salu", "Bulu"]
ARAH = ["Utara", "Selatan", "Timur", "Barat", "Tengah"]
NAMA_DEPAN = [
    "Andi",
    "Muhammad",
    "Ahmad",
    "Nur",
    "Sitti",
    "Hasnah",
    "Rahmat",
    "Syamsul",
    "Hasanuddin",
    "Marlina",
    "Rosmini",
    "Irwan",
    "Sri",
    "Fitri",
    "Ismail",
    "Kasmawati",
    "Baharuddin",
    "Nurhayati",
    "Jumriani",
    "Akbar",
    "Ridwan",
    "Sumarni",
    "Arifin",
    "Hamzah",
    "Rahmawati",
    "Yusuf",
    "Asriani",
    "Dewi",
    "Agus",
    "Fajar",
    "Hendra",
    "Indra",
    "Nirwana",
    "Sukmawati",
    "Taufik",
    "Wahyuni",
    "Zainal",
    "Musdalifah",
]
NAMA_BELAKANG = [
    "Amir",
    "Basri",
    "Hamid",
    "Latif",
    "Rauf",
    "Saleh",
    "Tahir",
    "Yunus",
    "Halim",
    "Kadir",
    "Mahmud",
    "Rahman",
    "Sultan",
    "Syarif",
    "Wahid",
    "Arsyad",
    "Baso",
    "Daeng",
    "Jufri",
    "Lukman",
    "Nasir",
    "Patta",
    "Rusli",
    "Sudirman",
    "Tamrin",
    "Usman",
    "Idris",
    "Muis",
    "Salam",
    "Rasyid",
]


def nama_tempat(rng: np.random.Generator, dipakai: set[str], arah: bool = False) -> str:
    """A place name not used yet; with arah, may carry a direction as split kecamatan often do."""
    for _ in range(1000):
        nama = str(rng.choice(AWAL))
        if arah and rng.random() < 0.3:
            nama = f"{nama} {rng.choice(ARAH)}"
        elif akhir := str(rng.choice(AKHIR)):
            nama = f"{nama} {akhir}"
        if nama not in dipakai:
            dipakai.add(nama)
            return nama
    nama = f"{rng.choice(AWAL)} {len(dipakai) + 1}"
    dipakai.add(nama)
    return nama


def nama_orang(rng: np.random.Generator, n: int) -> list[str]:
    depan = rng.choice(NAMA_DEPAN, size=n)
    belakang = rng.choice(NAMA_BELAKANG, size=n)
    return [f"{a} {b}" for a, b in zip(depan, belakang, strict=True)]


def nomor_hp(rng: np.random.Generator, n: int) -> list[str]:
    awalan = rng.choice(["0811", "0812", "0813", "0821", "0852", "0853", "0857", "0878", "0896"], size=n)
    angka = rng.integers(10_000_000, 99_999_999, size=n)
    return [f"{a}{b}" for a, b in zip(awalan, angka, strict=True)]
