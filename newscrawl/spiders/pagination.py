"""Find the next page of a listing without site rules."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

if TYPE_CHECKING:
    from scrapy.http import TextResponse

# rel=next first; then the "next"/"older" links of common pagination markup, by class or
# by their text in a few languages.
_next_page_xpath = (
    "//link[@rel='next']/@href"
    " | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
    " | //a[contains(concat(' ', normalize-space(@class), ' '), ' next ')]/@href"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' nav-previous ')]//a/@href"
    " | //a[re:test(normalize-space(.), '^(next|older|weiter|suivant|siguiente|"
    "successivo|следваща|следующая|następna)\\b', 'i')]/@href"
)
_page_number_pattern = re.compile(
    r"(?:[?&](?:page|p|paged)=|/(?:page|seite|pagina|strana|stranica|strona)[-/])(?P<n>\d{1,4})(?:/|$|&)",
    re.IGNORECASE,
)


def find_next_page(response: TextResponse) -> str | None:
    """Return the href of the listing's next page, as written in the page, or ``None``."""
    href = response.xpath(_next_page_xpath).get()
    return href or _numbered_next_page(response)


def _numbered_next_page(response: TextResponse) -> str | None:
    """Find a link to page N+1 in the usual URL shapes (``?page=2``, ``/page/2/``)."""
    current = _page_number_pattern.search(response.url)
    wanted = int(current.group("n")) + 1 if current else 2
    for href in response.xpath("//a/@href").getall():
        match = _page_number_pattern.search(urljoin(response.url, href))
        if match and int(match.group("n")) == wanted:
            return str(href)
    return None
