"""The importer in rooms: the contract (kontrak), cells (sel), row checks (periksa), history (riwayat) and writing (tulis)."""
