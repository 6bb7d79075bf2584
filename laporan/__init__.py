"""The daily report: one page of headline figures, map and most-behind areas, as PNG or PDF."""
