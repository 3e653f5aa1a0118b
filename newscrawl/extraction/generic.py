"""The generic extractor: structured data first, then visible markup, then the URL."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from newscrawl.extraction import access, metadata
from newscrawl.extraction.base import ArticleParser, field
from newscrawl.extraction.dates import format_date

if TYPE_CHECKING:
    from newscrawl.extraction.showndates import FoundDate


class GenericParser(ArticleParser):
    """Reads every field with the shared readers in ``metadata``; per-site parsers subclass it."""

    @cached_property
    def _published(self) -> FoundDate | None:
        return metadata.read_published(self.doc, self.fetched_at)

    @cached_property
    def _modified(self) -> FoundDate | None:
        return metadata.read_modified(self.doc, self.fetched_at)

    @field
    def canonical_url(self) -> str | None:
        return metadata.read_canonical_url(self.doc)

    @field
    def source_name(self) -> str | None:
        return metadata.read_source_name(self.doc)

    @field
    def headline(self) -> str | None:
        return metadata.read_headline(self.doc)

    @field
    def published(self) -> str | None:
        return format_date(self._published.value) if self._published else None

    @field
    def published_raw(self) -> str | None:
        return self._published.raw if self._published else None

    @field
    def modified(self) -> str | None:
        return format_date(self._modified.value) if self._modified else None

    @field
    def authors(self) -> list[str]:
        return metadata.read_authors(self.doc)

    @field
    def summary(self) -> str | None:
        return metadata.read_summary(self.doc)

    @field
    def language(self) -> str | None:
        return metadata.read_language(self.doc)

    @field
    def section(self) -> str | None:
        return metadata.read_section(self.doc)

    @field
    def tags(self) -> list[str]:
        return metadata.read_tags(self.doc)

    @field
    def image_url(self) -> str | None:
        return metadata.read_image_url(self.doc)

    @field
    def paywalled(self) -> bool | None:
        return access.read_paywalled(self.doc)

    @field
    def body(self) -> str | None:
        result = self.body_result
        return (result.text or None) if result is not None else None

    @field
    def related_links(self) -> list[dict[str, str]]:
        result = self.body_result
        return list(result.related_links) if result is not None else []
