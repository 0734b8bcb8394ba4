"""Block Kit, one module per surface, built from the helpers in `blocks`. Views never query."""
