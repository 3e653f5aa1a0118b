"""Deutsche Welle: field readers for its article pages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser, has_class
from newscrawl.extraction.text import clean_authors, normalize_whitespace

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


@register("dw_com")
class DwComParser(SiteParser):
    site_key = "dw_com"

    class V1(SiteParser):
        """The old server-rendered layout: ``#bodyContent``, ``div.longText``, no JSON-LD.

        Date and authors are only in the ``ul.smallList`` fact box, as labelled items
        (``<strong>Datum</strong> 28.04.2023``).
        """

        valid_until = date(2023, 6, 12)

        _headline_selector = etree.XPath("//div[@id='bodyContent']//h1")
        _body_selector = etree.XPath(
            "//div[@id='bodyContent']//p[@class='intro']"
            " | //div[@id='bodyContent']//div[@class='longText']/*[self::p or self::h2]"
        )
        _summary_selector = etree.XPath("//div[@id='bodyContent']//p[@class='intro']")
        _facts_selector = etree.XPath("(//ul[@class='smallList'])[1]/li[strong]")
        # "Die Redaktion empfiehlt": reading it here also spares the generic body pass.
        _related_selector = etree.XPath(
            f"//div[{has_class('linkList')} and {has_class('intern')}]/a[@href][h2]"
        )
        _related_label = etree.XPath("h2")

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return doc.tree.find(".//div[@id='bodyContent']") is not None

        def _fact(self, *labels: str) -> str | None:
            for item in self._facts_selector(self.doc.tree):
                label = normalize_whitespace(item.findtext("strong") or "")
                if label in labels:
                    text = normalize_whitespace(item.text_content())
                    return text[len(label) :].strip() or None
            return None

        @field
        def headline(self) -> str | None:
            return next(iter(self.texts(self._headline_selector)), None)

        @field
        def published(self) -> str | None:
            return self.date(self._fact("Datum", "Date"))

        @field
        def authors(self) -> list[str]:
            raw = self._fact("Autorin/Autor", "Author")
            return clean_authors(raw.split(",")) if raw else []

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_selector, self._related_label)

    class V2(SiteParser):
        """The React layout: ``NewsArticle`` JSON-LD, teaser and ``div.rich-text`` body."""

        # Typed wide: V2_1 inherits from this class and lifts the limit.
        valid_until: ClassVar[date | None] = date(2024, 1, 18)

        # Only direct children of the rich text: embedded videos carry their own <h2>.
        _body_selector = etree.XPath(
            f"//div[{has_class('content-area')}]/header/p[{has_class('teaser-text')}]"
            f" | //div[{has_class('content-area')}]/div[{has_class('rich-text')}]"
            "/*[self::p or self::h2]"
        )
        _summary_selector = etree.XPath(
            f"//div[{has_class('content-area')}]/header/p[{has_class('teaser-text')}]"
        )

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return (
                doc.tree.find(".//div[@id='bodyContent']") is None
                and doc.tree.xpath(f"boolean(//div[{has_class('content-area')}])")
                is True
            )

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
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

    class V2_1(V2):
        """Header restyled: the date line is a ``span.time-area`` and shows the day."""

        valid_until = None

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return super().matches(doc) and bool(
                doc.tree.xpath(
                    f"boolean(//div[{has_class('content-area')}]/header"
                    f"/span[{has_class('time-area')}])"
                )
            )
