"""Streamlit pages, widgets, figures and the thin caching layer of Pantau Regsosek."""
