"""Database side of Pantau Regsosek: schema, engine, importer and first-run setup (no streamlit)."""
