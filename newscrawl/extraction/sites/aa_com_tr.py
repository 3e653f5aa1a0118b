"""Anadolu Ajansı: field readers for its article pages."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


@register("aa_com_tr")
class AaComTrParser(SiteParser):
    site_key = "aa_com_tr"

    class V1(SiteParser):
        """The server-rendered layout (``div.detay-icerik``): no JSON-LD article node."""

        valid_until = date(2026, 4, 5)

        _headline_selector = etree.XPath("//div[contains(@class, 'detay-spot')]//h1")
        _summary_selector = etree.XPath("//div[contains(@class, 'detay-spot')]//h4")
        # The dateline (h6) opens the text; the subscription note and the topic box
        # after it are not article text.
        _body_selector = etree.XPath(
            "//div[contains(@class, 'detay-spot')]//h4"
            " | //div[@class='detay-icerik']/h6"
            " | //div[@class='detay-icerik']/div/*[self::p or self::h2 or self::h3]"
        )
        _byline_selector = etree.XPath(
            "//div[contains(@class, 'detay-spot')]//div[contains(@class, 'row')]"
            "/span[not(contains(@class, 'tarih'))]"
        )
        _date_selector = etree.XPath(
            "//div[contains(@class, 'detay-spot')]//span[contains(@class, 'tarih')]"
        )
        _tags_selector = etree.XPath("//div[@class='detay-paylas']/div/a")
        _section_selector = etree.XPath(
            "//span[contains(@class, 'detay-news-category')]/a"
        )
        # "05.04.2025 - Güncelleme : 05.04.2025": publication day, then the update day.
        _day_pattern = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")

        @field
        def headline(self) -> str | None:
            return self.doc.meta_first("og:title") or next(
                iter(self.texts(self._headline_selector)), None
            )

        def _days(self) -> list[str]:
            text = " ".join(self.texts(self._date_selector))
            return self._day_pattern.findall(text)

        @field
        def published(self) -> str | None:
            days = self._days()
            return self.date(days[0]) if days else None

        @field
        def modified(self) -> str | None:
            days = self._days()
            return self.date(days[-1]) if len(days) > 1 else None

        @field
        def authors(self) -> list[str]:
            # The byline row prints "Name |" before the date span.
            names = (text.rstrip("| ") for text in self.texts(self._byline_selector))
            return [name for name in names if name]

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def section(self) -> str | None:
            return next(iter(self.texts(self._section_selector)), None)

        @field
        def tags(self) -> list[str]:
            return self.texts(self._tags_selector)

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

    class V2(SiteParser):
        """The app-rendered layout (utility classes, ``div.prose`` body, JSON-LD)."""

        _prose = "//div[contains(concat(' ', normalize-space(@class), ' '), ' prose ')]"
        _summary_selector = etree.XPath("//h1/following-sibling::span[1]")
        _body_selector = etree.XPath(
            "//h1/following-sibling::span[1]"
            f" | {_prose}/*[self::p or self::h2 or self::h3]"
        )

        _prose_probe = etree.XPath(f"boolean({_prose})")

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return bool(cls._prose_probe(doc.tree))

        @field
        def headline(self) -> str | None:
            return self.ld_text("headline")

        @field
        def published(self) -> str | None:
            # Printed without an offset: stays naive, the spider's zone applies.
            return self.date(self.ld_text("datePublished"))

        @field
        def modified(self) -> str | None:
            return self.date(self.ld_text("dateModified"))

        @field
        def authors(self) -> list[str]:
            return self.ld_authors()

        @field
        def section(self) -> str | None:
            # The breadcrumb runs home, section(s), article: the last middle item.
            for node in self.doc.jsonld:
                items = node.get("itemListElement")
                if node.get("@type") == "BreadcrumbList" and isinstance(items, list):
                    middle = [
                        item.get("name") for item in items if isinstance(item, dict)
                    ][1:-1]
                    if middle and isinstance(middle[-1], str):
                        return middle[-1].strip() or None
            return None

        @field
        def tags(self) -> list[str]:
            # One comma-separated string in the JSON-LD.
            keywords = self.ld_text("keywords") or ""
            return [tag.strip() for tag in keywords.split(",") if tag.strip()]

        @field
        def summary(self) -> str | None:
            return self.ld_text("description") or next(
                iter(self.texts(self._summary_selector)), None
            )

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
