"""Scrapy-free article extraction: ``extract_article(html, url)``.

The registry maps a site key (``newscrawl.urls.site_key``) to its parser class; pages of sites
without one go to the generic extractor.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, TypeVar

from newscrawl.extraction.base import ArticleParser
from newscrawl.extraction.document import Document
from newscrawl.extraction.generic import GenericParser
from newscrawl.items import Article
from newscrawl.urls import site_key

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

__all__ = [
    "ArticleParser",
    "GenericParser",
    "extract_article",
    "parser_for_url",
    "register",
]

logger = logging.getLogger(__name__)

_P = TypeVar("_P", bound=type[ArticleParser])

_registry: dict[str, type[ArticleParser]] = {}


def register(key: str) -> Callable[[_P], _P]:
    """Class decorator: ``@register("bbc_co_uk")`` makes the class the parser of that site key."""

    def decorator(parser: _P) -> _P:
        _registry[key] = parser
        return parser

    return decorator


def registered() -> dict[str, type[ArticleParser]]:
    """Return a copy of the registry (site key -> parser class)."""
    return dict(_registry)


def parser_for_url(url: str) -> type[ArticleParser]:
    """Return the parser class registered for the site of ``url``, or ``GenericParser``."""
    try:
        key = site_key(url)
    except (ValueError, TypeError):
        return GenericParser
    return _registry.get(key, GenericParser)


def extract_article(
    html: str | bytes,
    url: str,
    *,
    fetched_at: datetime | None = None,
    encoding: str | None = None,
) -> Article:
    """Extract one article; never raises on bad input (an unusable page gives an ``Article`` with ``url``)."""
    try:
        document = Document.parse(html, url, encoding)
        parser_class = parser_for_url(url)
        parser_class = parser_class.select_version(document)
        parser = parser_class(html, url, fetched_at=fetched_at, document=document)
        return parser.to_item()
    except Exception:
        logger.debug("extraction failed for %s", url, exc_info=True)
        article = Article(url=url)
        with contextlib.suppress(ValueError):
            article.site = site_key(url)
        return article
