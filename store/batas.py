"""Write side of boundaries: store full-resolution polygons per area code as GeoJSON text."""

from __future__ import annotations

import json

import geopandas as gpd
import shapely
from sqlalchemy import Connection, delete

from store.importer import PANJANG_INDUK, TINGKAT_DARI_PANJANG
from store.schema import batas_wilayah


def simpan_batas(conn: Connection, gdf: gpd.GeoDataFrame, sumber: str, kolom_kode: str = "kode") -> int:
    """Replace the stored boundaries of the areas in gdf (keyed by BPS code) inside the caller's transaction."""
    gdf = gdf.to_crs("EPSG:4326") if gdf.crs is not None else gdf
    rows = []
    for kode, geom in zip(gdf[kolom_kode].astype(str), gdf.geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        geom = geom if geom.is_valid else shapely.make_valid(geom)
        rows.append(
            {
                "kode": kode,
                "tingkat": TINGKAT_DARI_PANJANG[len(kode)],
                "induk": kode[: PANJANG_INDUK[len(kode)]] if len(kode) in PANJANG_INDUK else None,
                "geojson": json.dumps(shapely.geometry.mapping(geom)),
                "sumber": sumber[:300],
            }
        )
    for i in range(0, len(rows), 500):
        conn.execute(delete(batas_wilayah).where(batas_wilayah.c.kode.in_([r["kode"] for r in rows[i : i + 500]])))
    if rows:
        conn.execute(batas_wilayah.insert(), rows)
    return len(rows)
