"""Alinea: a Slack bot that makes marketing and IT work as one team."""
