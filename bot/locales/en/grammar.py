"""Errors from parsing command text (dates, asks, commitments)."""

CATALOG: dict[str, str] = {}
