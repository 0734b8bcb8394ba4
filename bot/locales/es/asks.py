"""Asks and commitments."""

CATALOG: dict[str, str] = {}
