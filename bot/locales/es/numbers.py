"""Spanish texts: numbers as people type and read them."""

CATALOG: dict[str, str] = {
}
