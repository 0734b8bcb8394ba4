"""A console that simulates Slack for trying Alinea without a workspace."""
