"""Boundaries: read stored polygons, simplify them for the screen (shared borders kept), fit the map view."""
