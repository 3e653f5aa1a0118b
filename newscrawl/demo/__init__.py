"""Bundled demo: three fictional news sites, their local server and ``python -m newscrawl.demo``."""
