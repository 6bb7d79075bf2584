"""The two channels: e-mail over SMTP (STARTTLS and login) and a generic webhook (HTTP POST of JSON); no secret is ever logged."""

from __future__ import annotations

import base64
import json
import os
import smtplib
import ssl
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage

from store.db import ROOT


class GagalKirim(Exception):
    """A send that did not go through; the message names the server's answer, never a credential or the webhook address."""


class BelumDiatur(GagalKirim):
    """The channel has no settings: trying again cannot help."""


@dataclass(frozen=True)
class Pesan:
    """What one recipient gets: subject, plain text, and attachments (file name, MIME type, bytes)."""

    subjek: str
    teks: str
    lampiran: tuple[tuple[str, str, bytes], ...] = ()
    tautan: tuple[str, ...] = ()  # dashboard addresses the text links to (also sent apart in a webhook's JSON)


@dataclass(frozen=True)
class Setelan:
    """Channel settings from the environment (PANTAU_SMTP_*, PANTAU_WEBHOOK_TOKEN, PANTAU_ALAMAT_PUBLIK) or
    .streamlit/secrets.toml ([smtp] host, port, pengguna, sandi, pengirim, starttls; [webhook] token; [dasbor]
    alamat_publik). Secrets stay out of repr."""

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_pengguna: str | None = None
    smtp_sandi: str | None = field(default=None, repr=False)
    pengirim: str = "pantau-regsosek@localhost"
    starttls: bool = True
    webhook_token: str | None = field(default=None, repr=False)
    batas_waktu: float = 20.0
    alamat_publik: str | None = None  # the dashboard's address as recipients reach it (https://pantau.kantor.example): messages link to it

    @classmethod
    def baca(cls) -> Setelan:
        rahasia = ROOT / ".streamlit" / "secrets.toml"
        berkas = tomllib.loads(rahasia.read_text()) if rahasia.exists() else {}
        smtp, hook, dasbor = berkas.get("smtp", {}), berkas.get("webhook", {}), berkas.get("dasbor", {})

        def ambil(env: str, bagian: dict, kunci: str, bawaan=None):
            return os.environ.get(env) or bagian.get(kunci) or bawaan

        return cls(
            smtp_host=ambil("PANTAU_SMTP_HOST", smtp, "host"),
            smtp_port=int(ambil("PANTAU_SMTP_PORT", smtp, "port", 587)),
            smtp_pengguna=ambil("PANTAU_SMTP_PENGGUNA", smtp, "pengguna"),
            smtp_sandi=ambil("PANTAU_SMTP_SANDI", smtp, "sandi"),
            pengirim=ambil("PANTAU_SMTP_PENGIRIM", smtp, "pengirim", "pantau-regsosek@localhost"),
            starttls=str(ambil("PANTAU_SMTP_STARTTLS", smtp, "starttls", "1")).lower() not in ("0", "false", "tidak"),
            webhook_token=ambil("PANTAU_WEBHOOK_TOKEN", hook, "token"),
            alamat_publik=ambil("PANTAU_ALAMAT_PUBLIK", dasbor, "alamat_publik"),
        )


def surel(setelan: Setelan, ke: str, pesan: Pesan) -> EmailMessage:
    """The e-mail as it is sent: text body, each attachment as a part."""
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = setelan.pengirim, ke, pesan.subjek
    m.set_content(pesan.teks)
    for nama, tipe, isi in pesan.lampiran:
        utama, sub = tipe.split("/", 1)
        m.add_attachment(isi, maintype=utama, subtype=sub, filename=nama)
    return m


def kirim_email(setelan: Setelan, ke: str, pesan: Pesan) -> None:
    if not setelan.smtp_host:
        raise BelumDiatur("server SMTP belum diatur (PANTAU_SMTP_HOST atau [smtp] host di secrets.toml)")
    try:
        with smtplib.SMTP(setelan.smtp_host, setelan.smtp_port, timeout=setelan.batas_waktu) as smtp:
            if setelan.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if setelan.smtp_pengguna:
                smtp.login(setelan.smtp_pengguna, setelan.smtp_sandi or "")
            smtp.send_message(surel(setelan, ke, pesan))
    except smtplib.SMTPAuthenticationError as e:
        raise GagalKirim(f"SMTP menolak login ({e.smtp_code})") from None
    except (smtplib.SMTPException, OSError) as e:
        raise GagalKirim(f"SMTP {setelan.smtp_host}:{setelan.smtp_port}: {type(e).__name__}: {str(e)[:200]}") from None


def muatan_webhook(penerima: str, jenis: str, tanggal_data: str | None, pesan: Pesan) -> dict:
    """The JSON body: who and what, the text, and the PNG attachments in base64 (a gateway forwards them)."""
    gambar = [{"nama": n, "tipe": t, "base64": base64.b64encode(i).decode()} for n, t, i in pesan.lampiran if t == "image/png"]
    return {
        "penerima": penerima,
        "jenis": jenis,
        "tanggal_data": tanggal_data,
        "subjek": pesan.subjek,
        "teks": pesan.teks,
        "tautan": list(pesan.tautan),
        "lampiran": gambar,
    }


def kirim_webhook(setelan: Setelan, url: str, muatan: dict) -> None:
    kepala = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "pantau-regsosek"}
    if setelan.webhook_token:
        kepala["Authorization"] = "Bearer " + setelan.webhook_token
    permintaan = urllib.request.Request(url, data=json.dumps(muatan).encode(), headers=kepala, method="POST")
    try:
        with urllib.request.urlopen(permintaan, timeout=setelan.batas_waktu) as jawab:  # http and https only: checked when stored
            jawab.read()
    except urllib.error.HTTPError as e:
        raise GagalKirim(f"webhook menjawab HTTP {e.code}") from None
    except (urllib.error.URLError, OSError) as e:
        alasan = getattr(e, "reason", e)
        raise GagalKirim(f"webhook tidak terjangkau: {type(alasan).__name__}") from None
