"""Bytes a browser receives for the overview: first load, the map layer, and each rerun after a metric or date change."""

from __future__ import annotations

import argparse
import urllib.request

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def ukur(alamat: str) -> list[str]:
    diterima: list[int] = []
    geo: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1100})
        page.on("websocket", lambda ws: ws.on("framereceived", lambda isi: diterima.append(len(isi))))
        page.on("request", lambda r: "app/static/geo/" in r.url and geo.append(r.url))
        page.goto(f"{alamat}/?tanggal=2022-11-05", timeout=120_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
        page.wait_for_timeout(3000)
        baris = [f"| first load (websocket) | {sum(diterima) / 1024:,.1f} KiB |"]
        baris += [f"| map layer (static file, once) | {len(urllib.request.urlopen(u).read()) / 1024:,.1f} KiB |" for u in geo]
        for nama, aksi in (
            ("rerun: map metric changed", lambda: page.get_by_role("radio", name="Capaian", exact=True).click()),
            ("rerun: metric changed back", lambda: page.get_by_role("radio", name="Status", exact=True).click()),
        ):
            sebelum = sum(diterima)
            aksi()
            page.wait_for_timeout(3000)
            baris.append(f"| {nama} | {(sum(diterima) - sebelum) / 1024:,.1f} KiB |")
        sebelum = sum(diterima)
        tanggal = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input").nth(1)  # the as-of day, after the kabupaten
        tanggal.click()
        tanggal.fill("1 Nov 2022")
        page.keyboard.press("Enter")
        page.wait_for_timeout(4000)
        baris.append(f"| rerun: date changed | {(sum(diterima) - sebelum) / 1024:,.1f} KiB |")
        baris.append(f"| map layer fetches in all | {len(geo)} |")
        browser.close()
    return baris


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("alamat", help="a running app, e.g. http://127.0.0.1:8501")
    a = ap.parse_args()
    print("| what | bytes |\n|---|---|")
    print("\n".join(ukur(a.alamat)))


if __name__ == "__main__":
    main()
