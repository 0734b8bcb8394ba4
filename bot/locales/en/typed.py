"""English texts: option keys, categories and dates as people type them."""

CATALOG: dict[str, str] = {
}
