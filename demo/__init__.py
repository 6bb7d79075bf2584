"""Deterministic demo campaign: generated geography, officers, workloads and family submissions."""
