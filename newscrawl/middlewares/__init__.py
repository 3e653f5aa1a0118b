"""newscrawl's downloader middlewares."""
