"""``SiteParser``: the base of per-site parsers, with the generic extractor as fallback.

A site parser implements only the fields it knows exactly (selectors on the site's own
markup, its JSON-LD quirks). For every field it leaves out, or that comes back empty on a
page, the generic reader fills in. Which fields the site parser found itself is kept in
``found_by_site``: the crawl's breakage alarms count it per site and field, because a
changed layout shows first as a site parser that silently finds nothing.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urldefrag, urljoin

from newscrawl.extraction.base import is_field
from newscrawl.extraction.body import extract_related
from newscrawl.extraction.dates import format_date, parse_date
from newscrawl.extraction.generic import GenericParser
from newscrawl.extraction.structured import article_nodes, node_names
from newscrawl.extraction.text import clean_authors, normalize_whitespace

if TYPE_CHECKING:
    from lxml.etree import XPath


def has_class(name: str) -> str:
    """XPath test that an element's ``class`` attribute lists ``name`` (as CSS ``.name``)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _joined(results: Any) -> str:
    """One normalized text from what an XPath returned: strings or elements."""
    if not isinstance(results, list):
        results = [results]
    parts = (
        item.text_content() if hasattr(item, "text_content") else str(item)
        for item in results
    )
    return normalize_whitespace(" ".join(parts))


def _is_found(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return value is not None


class SiteParser(GenericParser):
    """Per-site parser: own readers first, generic readers where they find nothing."""

    #: The site key this parser serves (set by subclasses; the registry key).
    site_key: ClassVar[str] = ""
    #: Extra host keys that also map to this parser (``fr_euronews_com`` and the like).
    hosts: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.found_by_site: set[str] = set()

    @classmethod
    def site_field_names(cls) -> frozenset[str]:
        """Fields this site parser (any version) reads itself, not through the generic one."""
        return frozenset(
            name
            for klass in cls.__mro__
            if issubclass(klass, SiteParser) and klass is not SiteParser
            for name, value in vars(klass).items()
            if is_field(value)
        )

    # -- helpers the per-site readers share ----------------------------------------

    @cached_property
    def ld(self) -> dict[str, Any]:
        """The page's own article node of JSON-LD (``{}`` when there is none)."""
        nodes = article_nodes(self.doc)
        return nodes[0] if nodes else {}

    def ld_text(self, key: str) -> str | None:
        value = self.ld.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        return normalize_whitespace(value) or None if isinstance(value, str) else None

    def ld_texts(self, key: str) -> list[str]:
        """Non-empty texts of a JSON-LD list value such as ``keywords``."""
        value = self.ld.get(key)
        items = value if isinstance(value, list) else []
        return [text for text in (normalize_whitespace(str(i)) for i in items) if text]

    def ld_authors(self) -> list[str]:
        return clean_authors(node_names(self.ld.get("author")))

    def date(self, raw: str | None) -> str | None:
        """ISO 8601 of a date string as the site writes it (naive when it has no offset)."""
        value = parse_date(raw, fetched_at=self.fetched_at)
        return format_date(value) if value is not None else None

    def texts(self, selector: XPath) -> list[str]:
        """Whitespace-normalized, non-empty texts of the elements ``selector`` finds."""
        found = (
            normalize_whitespace(el.text_content()) for el in selector(self.doc.tree)
        )
        return [text for text in found if text]

    def paragraphs(self, selector: XPath) -> str | None:
        """Body text from the paragraph elements ``selector`` finds, one blank line apart."""
        return "\n\n".join(self.texts(selector)) or None

    def links(
        self, selector: XPath, label: XPath | None = None
    ) -> list[dict[str, str]]:
        """``{"url", "text"}`` of each distinct link ``selector`` finds, in page order.

        URLs are absolute and without fragment. The text is what ``label`` finds inside
        the anchor (a headline element or attribute, leaving out flags and labels), else
        the anchor's own text; links without text are left out.
        """
        found: dict[str, str] = {}
        for anchor in selector(self.doc.tree):
            url = urldefrag(urljoin(self.url, anchor.get("href") or ""))[0]
            text = _joined(label(anchor)) if label is not None else ""
            text = text or normalize_whitespace(anchor.text_content())
            if text and url.startswith(("http://", "https://")) and url not in found:
                found[url] = text
        return [{"url": url, "text": text} for url, text in found.items()]

    def read_field(self, name: str) -> Any:
        if name in self.site_field_names():
            value = getattr(self, name)()
            if _is_found(value):
                self.found_by_site.add(name)
                return value
        if name == "related_links" and "body" in self.found_by_site:
            # The generic reader would find the whole body again just to place the
            # related blocks; with the site's body read, the related pass alone will do.
            return extract_related(self.doc.tree, self.url)
        return getattr(GenericParser, name)(self)
