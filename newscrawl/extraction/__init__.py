"""Scrapy-free article extraction: ``extract_article(html, url)``.

The registry maps a site key (``newscrawl.urls.site_key``) to its parser class; pages of sites
without one go to the generic extractor.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import pkgutil
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

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
    "PageReading",
    "extract_article",
    "parser_for_url",
    "read_page",
    "register",
]

logger = logging.getLogger(__name__)

_P = TypeVar("_P", bound=type[ArticleParser])

_registry: dict[str, type[ArticleParser]] = {}


def register(key: str, *hosts: str) -> Callable[[_P], _P]:
    """Class decorator: ``@register("bbc_com")`` makes the class the parser of that site key.

    ``hosts`` are host keys (host without ``www.``, ``.``/``-`` as ``_``) served by the
    same parser when they differ from the site key, e.g. ``fr_euronews_com``.
    """

    def decorator(parser: _P) -> _P:
        for name in (key, *hosts):
            _registry[name] = parser
        return parser

    return decorator


def registered() -> dict[str, type[ArticleParser]]:
    """Return a copy of the registry (site or host key -> parser class)."""
    _load_site_parsers()
    return dict(_registry)


def parser_for_url(url: str) -> type[ArticleParser]:
    """Return the parser registered for the host or site of ``url``, or ``GenericParser``.

    The host decides first, so two editions on one registrable domain (``fr.euronews.com``
    and ``www.euronews.com``) can have parsers of their own.
    """
    _load_site_parsers()
    try:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        key = site_key(url)
    except (ValueError, TypeError):
        return GenericParser
    return _registry.get(_host_key(host)) or _registry.get(key, GenericParser)


def _host_key(host: str) -> str:
    return host.replace(".", "_").replace("-", "_")


@cache
def _load_site_parsers() -> None:
    """Import every module of ``newscrawl.extraction.sites`` so their ``@register`` runs."""
    from newscrawl.extraction import sites  # noqa: PLC0415 -- sites import this module

    for module in pkgutil.iter_modules(sites.__path__):
        importlib.import_module(f"{sites.__name__}.{module.name}")


@dataclass(frozen=True)
class PageReading:
    """One page as read: the record, the parsed page and the parser that read it."""

    article: Article
    document: Document
    parser: ArticleParser


def read_page(  # noqa: PLR0913 - the page, and how to read it (all keywords)
    html: str | bytes,
    url: str,
    *,
    fetched_at: datetime | None = None,
    encoding: str | None = None,
    parser: type[ArticleParser] | None = None,
    detect_language: bool = True,
) -> PageReading:
    """Parse ``html`` once and read it with ``parser`` (default: the registry's choice).

    Unlike :func:`extract_article` it lets errors through; the spider counts them, and
    reads the parsed page and the parser's provenance without parsing twice.
    ``detect_language`` lets a page that declares no language have it told from its
    text (``Document.detect_language``).
    """
    document = Document.parse(html, url, encoding)
    document.detect_language = detect_language
    version = (parser or parser_for_url(url)).select_version(document)
    reader = version(html, url, fetched_at=fetched_at, document=document)
    return PageReading(reader.to_item(), document, reader)


def extract_article(
    html: str | bytes,
    url: str,
    *,
    fetched_at: datetime | None = None,
    encoding: str | None = None,
    detect_language: bool = True,
) -> Article:
    """Extract one article; never raises on bad input (an unusable page gives an ``Article`` with ``url``)."""
    try:
        return read_page(
            html,
            url,
            fetched_at=fetched_at,
            encoding=encoding,
            detect_language=detect_language,
        ).article
    except Exception:
        logger.debug("extraction failed for %s", url, exc_info=True)
        article = Article(url=url)
        with contextlib.suppress(ValueError):
            article.site = site_key(url)
        return article
