"""Times of India: field readers for its article pages.

The story text is not in paragraph elements: it is one ``div`` of text runs separated by
line breaks, with block ``div``s (ads, embeds, images, subheadings) set between them. The
reader walks that ``div`` and cuts a paragraph at every break and every block. The CSS
class names are hashed and change with each release, so the selectors hold on to the
stable ones (``fewcent-<id>``, ``clearfix``, ``cdatainfo``, ``synopsis``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import normalize_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

# Elements that continue the current paragraph; any other element ends it.
_INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "cite",
        "em",
        "i",
        "q",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "u",
    }
)


def _class_tokens(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


class _TimesOfIndiaReaders(SiteParser):
    """Readers both layouts share; the versions differ in how the text runs break."""

    _container_selector = etree.XPath(
        "(//div[contains(@class, 'fewcent-')]/div[contains(@class, 'clearfix')])[1]"
    )
    _summary_selector = etree.XPath(
        "(//div[contains(@class, 'art_synopsis') or contains(@class, 'id-r-synopsis')])[1]"
    )
    # Editorial blocks between the runs: subheadings and bullet lists.
    _block_text_selector = etree.XPath(
        "self::div[contains(@class, 'cdatainfo')]//*[self::h2 or self::h3 or self::li]"
    )

    def _is_break(self, element: HtmlElement) -> bool:
        return bool(element.tag == "br")

    def read_field(self, name: str) -> Any:
        # The pages have no related-stories box (only site-wide "trending" lists),
        # so the generic search for one finds nothing and costs most of the parse.
        if name == "related_links":
            return []
        return super().read_field(name)

    def _story_paragraphs(self) -> list[str]:
        found = self._container_selector(self.doc.tree)
        if not found:
            return []
        paragraphs: list[str] = []
        current: list[str] = [found[0].text or ""]

        def cut() -> None:
            text = normalize_whitespace("".join(current))
            if text:
                paragraphs.append(text)
            current.clear()

        for child in found[0]:
            # Comments only split words in the markup: their tails run on.
            if isinstance(child.tag, str):
                if self._is_break(child):
                    cut()
                elif child.tag in _INLINE_TAGS:
                    current.append(child.text_content())
                else:
                    cut()
                    for block in self._block_text_selector(child):
                        text = normalize_whitespace(block.text_content())
                        if text:
                            paragraphs.append(text)
            current.append(child.tail or "")
        cut()
        return paragraphs

    @field
    def headline(self) -> str | None:
        return self.ld_text("headline")

    @field
    def published(self) -> str | None:
        return self.date(self.ld_text("datePublished"))

    @field
    def modified(self) -> str | None:
        return self.date(self.ld_text("dateModified"))

    @field
    def authors(self) -> list[str]:
        return self.ld_authors()

    @field
    def body(self) -> str | None:
        summary = next(iter(self.texts(self._summary_selector)), None)
        paragraphs = self._story_paragraphs()
        if summary and paragraphs:
            paragraphs.insert(0, summary)
        return "\n\n".join(paragraphs) or None


@register("indiatimes_com")
class IndiatimesComParser(SiteParser):
    site_key = "indiatimes_com"

    class V1(_TimesOfIndiaReaders):
        """Breaks are ``<br>``; a synopsis box sits above the story."""

        valid_until: ClassVar[date | None] = date(2026, 3, 28)

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

    class V2(_TimesOfIndiaReaders):
        """Breaks are empty ``<span class="br">``; the synopsis box is gone."""

        _span_break_selector = etree.XPath(
            "(//div[contains(@class, 'fewcent-')]/div[contains(@class, 'clearfix')])[1]"
            "/span[contains(concat(' ', normalize-space(@class), ' '), ' br ')]"
        )

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return len(cls._span_break_selector(doc.tree)) > 0

        def _is_break(self, element: HtmlElement) -> bool:
            return element.tag == "br" or (
                element.tag == "span" and "br" in _class_tokens(element)
            )
