"""``max_articles``: stop at exactly that many stored articles.

Scrapy's ``CLOSESPIDER_ITEMCOUNT`` counts only items that made it through the
pipelines and lets every response already downloading add more, overshooting by up to
``CONCURRENT_REQUESTS``. Counting the items still on their way as well keeps the output
at the limit, and a dropped item frees its slot for another article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable


class ArticleCap:
    """Articles accepted by the pipelines, and those yielded but not yet through them."""

    def __init__(self, limit: int, close: Callable[[], None]) -> None:
        self.limit = limit
        self._close = close
        self._pending = 0
        self._accepted = 0
        self._closing = False

    def reached(self) -> bool:
        """Whether enough articles are stored or on their way through the pipelines."""
        return bool(self.limit) and self._accepted + self._pending >= self.limit

    def yielded(self) -> None:
        """One more article handed to the pipelines."""
        self._pending += 1

    def accepted(self, **_: Any) -> None:
        """``item_scraped``: an article came through; close the crawl at the limit."""
        self._pending = max(0, self._pending - 1)
        self._accepted += 1
        if self.limit and self._accepted >= self.limit and not self._closing:
            self._closing = True
            self._close()

    def rejected(self, **_: Any) -> None:
        """``item_dropped`` / ``item_error``: the article's slot is free again."""
        self._pending = max(0, self._pending - 1)
