"""Find the next page of a listing without site rules."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from scrapy.utils.response import get_base_url

if TYPE_CHECKING:
    from scrapy.http import TextResponse

# Link texts that lead to a listing's next page, in the languages news sites write in:
# "next", "next page", "older posts". A word only at the start of the text and whole:
# "Weiterlesen" (read on) and "次の記事" (next article) do not count.
_NEXT_WORDS = (
    r"next|older|weiter|nächste|ältere|suivante?|page suivante|plus anciens|"
    r"articles plus anciens|siguiente|entradas anteriores|próxima|seguinte|mais antigos|"
    r"successiv[ao]|pagina successiva|avanti|volgende|oudere|następna|starsze|"
    r"далее|следующая|вперед|вперёд|следваща|наступна|далі|sonraki|nästa|äldre|næste|"
    r"neste|eldre|seuraava|další|starší|következő|următoarea|επόμενη|التالي|הבא|"
    r"berikutnya|selanjutnya|tiếp theo|trang sau|次へ|次のページ|下一页|下一頁|下页|다음"
)
# rel=next first; then the "next"/"older" links of common pagination markup, by class or
# by their text.
_next_page_xpath = (
    "//link[@rel='next']/@href"
    " | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
    " | //a[contains(concat(' ', normalize-space(@class), ' '), ' next ')]/@href"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' nav-previous ')]//a/@href"
    " | //a[re:test(normalize-space(.), '^(" + _NEXT_WORDS + ")\\b', 'i')]/@href"
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
    base = get_base_url(response)
    for href in response.xpath("//a/@href").getall():
        match = _page_number_pattern.search(urljoin(base, href))
        if match and int(match.group("n")) == wanted:
            return str(href)
    return None
