"""A check shared by the map tests: every area is named on a map, by its name, its short form or a keyed number."""

from __future__ import annotations

import re
from collections.abc import Iterable

from geodata.layar import singkatan
from tampilan.teks import t


def tak_bernama(nama: Iterable[str], teks_label: Iterable[str], catatan: Iterable[str], bahasa: str = "id") -> list[str]:
    """The areas (by name) that a map leaves unnamed, and the key's numbers written nowhere on it: teks_label is the
    map's text trace (a name on two lines reads as one), catatan its annotations (the key starts 'Nomor di peta:')."""
    tertulis = {x.replace("<br>", " ") for x in teks_label}
    kunci = " ".join(c for c in catatan if c.startswith(t("kunci_label", bahasa)))
    hilang = [n for n in nama if n not in tertulis and singkatan(n) not in tertulis and not re.search(rf"\b(\d+) {re.escape(n)}\b", kunci)]
    return hilang + [f"nomor {n}" for n in re.findall(r"(\d+) [A-Z]", kunci.split(":", 1)[-1]) if n not in tertulis]
