"""newscrawl: a Scrapy project that turns news sites into clean, deduplicated articles."""

__version__ = "0.1.0"
