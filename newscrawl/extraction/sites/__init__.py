"""One parser module per site, named by its site key; each registers itself on import."""
