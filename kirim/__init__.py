"""Digests and alerts pushed to each recipient for their own areas (e-mail over SMTP, webhook)."""
