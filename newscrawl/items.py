"""The Article record: the one output schema of newscrawl.

The field names are a contract: the SQLite table, the feed exports, downstream
tools and the benchmark adapters all read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class Article:
    """One news article as stored and exported."""

    url: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    source_name: str | None = None
    headline: str | None = None
    published: str | None = None
    published_raw: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    body: str | None = None
    summary: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    related_links: list[dict[str, str]] = field(default_factory=list)
    # True when the page declares the article not free to read: its body may be a teaser.
    paywalled: bool | None = None
    crawled_at: str | None = None
    fingerprint: str | None = None
    duplicate_of: str | None = None


ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article))
