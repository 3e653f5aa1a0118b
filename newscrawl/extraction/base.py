"""``ArticleParser``: the base of the generic extractor and of every per-site parser.

A parser parses the page once (``Document``), exposes each output field as a method marked with
``@field``, and builds the record with ``to_item()``. Per-site parsers nest their layout versions
(``V1``, ``V1_1``, ``V2``) as inner classes; ``select_version`` picks the newest one whose
``matches`` accepts the page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from newscrawl.extraction.body import extract_body
from newscrawl.extraction.document import Document
from newscrawl.extraction.scriptbody import script_body
from newscrawl.extraction.text import storable
from newscrawl.items import ARTICLE_FIELDS, Article
from newscrawl.urls import site_key

if TYPE_CHECKING:
    from datetime import date, datetime

    from newscrawl.extraction.body import BodyResult

logger = logging.getLogger(__name__)

_Method = TypeVar("_Method", bound=Callable[..., Any])
_FIELD_ATTR = "_newscrawl_field"
# Fields read from the body extractor, which may modify the tree: they run last.
_LATE_FIELDS = ("body", "related_links")
_field_names: dict[type[ArticleParser], tuple[str, ...]] = {}


def field(method: _Method) -> _Method:
    """Mark a parser method as the reader of the ``Article`` field of the same name."""
    if method.__name__ not in ARTICLE_FIELDS:
        raise ValueError(f"{method.__name__!r} is not an Article field")
    setattr(method, _FIELD_ATTR, True)
    return method


def is_field(obj: object) -> bool:
    """Whether ``obj`` is a method marked with ``@field``."""
    return bool(getattr(obj, _FIELD_ATTR, False))


class ArticleParser:
    """Turns one page into one ``Article``; knows nothing of Scrapy."""

    valid_until: ClassVar[date | None] = None

    def __init__(
        self,
        html: str | bytes,
        url: str,
        *,
        fetched_at: datetime | None = None,
        encoding: str | None = None,
        document: Document | None = None,
    ) -> None:
        self.url = url
        self.fetched_at = fetched_at
        self.doc = document or Document.parse(html, url, encoding)
        # Fields whose reader raised in to_item: a bug of ours, which the crawl counts.
        self.failed_fields: list[str] = []

    @classmethod
    def field_names(cls) -> list[str]:
        """Names of the ``@field`` methods, body-derived fields last."""
        # Classes are built once; every page would otherwise scan the whole MRO again.
        names = _field_names.get(cls)
        if names is None:
            names = _field_names[cls] = cls._find_field_names()
        return list(names)

    @classmethod
    def _find_field_names(cls) -> tuple[str, ...]:
        names = {
            name
            for klass in cls.__mro__
            for name, value in vars(klass).items()
            if is_field(value)
        }
        early = [
            name
            for name in ARTICLE_FIELDS
            if name in names and name not in _LATE_FIELDS
        ]
        return (*early, *(name for name in _LATE_FIELDS if name in names))

    @classmethod
    def matches(cls, doc: Document) -> bool:
        """Whether this layout version fits the page; per-site versions override it."""
        return True

    @classmethod
    def versions(cls) -> list[type[ArticleParser]]:
        """Nested layout versions in definition order (``V1``, ``V1_1``, ``V2``)."""
        return [
            value
            for value in vars(cls).values()
            if isinstance(value, type) and issubclass(value, ArticleParser)
        ]

    @classmethod
    def select_version(cls, doc: Document) -> type[ArticleParser]:
        """Return the newest nested version that matches the page (``cls`` itself when none is nested)."""
        versions = cls.versions()
        for version in reversed(versions):
            if version.matches(doc):
                return version
        return versions[-1] if versions else cls

    @cached_property
    def body_result(self) -> BodyResult | None:
        result = extract_body(self.doc.tree, self.url)
        if not result.text:
            # Perhaps the article is rendered from a string in the page's scripts.
            return script_body(self.doc) or result
        return result

    def read_field(self, name: str) -> Any:
        """Return the value of one field; site parsers add their fallback here."""
        return getattr(self, name)()

    def to_item(self) -> Article:
        values: dict[str, Any] = {"url": self.url, "site": site_key(self.url)}
        for name in self.field_names():
            try:
                value = self.read_field(name)
            except Exception:
                # One broken field must not cost the others.
                logger.debug("field %s failed on %s", name, self.url, exc_info=True)
                self.failed_fields.append(name)
                continue
            if value is not None:
                values[name] = storable(value)
        return Article(**values)
