"""Which DMs about changes people get: the kinds they can turn off (`/alinea notify`), and the one way such a DM is
sent."""
