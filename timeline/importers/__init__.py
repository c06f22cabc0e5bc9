"""Readings of external datasets' free text (pure: text in, mentions out)."""
