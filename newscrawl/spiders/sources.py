"""Source declarations and Scrapy-free parsers for feeds, sitemaps and robots.txt.

The spiders hand raw response bytes to these functions and turn the entries they
return into requests. Everything here is pure, so it is tested on small
fixtures without a crawler.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import cached_property
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit

from newscrawl.extraction import zonenames
from newscrawl.extraction.dates import has_clock_half
from newscrawl.extraction.dates import parse_date as page_date
from newscrawl.extraction.urldates import date_from_url as page_day_from_url
from newscrawl.languages import primary_language
from newscrawl.spiders.jsonfeed import json_feed_items
from newscrawl.spiders.xmlbody import (
    SourceError,
    first_byte,
    local_name,
    maybe_gunzip,
    parse_xml,
    text_sitemap,
)

if TYPE_CHECKING:
    from lxml import etree

# Inside Entry, "date" names its field.
_Day = date
SourceKind = Literal["feed", "sitemap", "listing"]
SOURCE_KINDS: tuple[SourceKind, ...] = ("feed", "sitemap", "listing")


@dataclass(frozen=True)
class Source:
    """Where a spider finds article links: a feed, a sitemap or a listing page."""

    kind: SourceKind
    url: str


def feed(url: str) -> Source:
    """Declare an RSS or Atom feed."""
    return Source("feed", url)


def sitemap(url: str) -> Source:
    """Declare a sitemap, sitemap index, news sitemap or a ``robots.txt`` with Sitemap lines."""
    return Source("sitemap", url)


def listing(url: str) -> Source:
    """Declare a home or section page whose links lead to articles."""
    return Source("listing", url)


@dataclass(frozen=True)
class Entry:
    """One link found in a feed or sitemap, with the dates it carries (aware UTC).

    ``date`` is the publication date when the source gives one (for ``since`` and
    newest-first ordering); ``updated`` is the last-change date (sitemap ``lastmod``,
    Atom ``updated``), which tells an incremental crawl whether to fetch again.
    ``language`` is a news sitemap's ``news:language`` (primary code), for the
    ``languages`` filter. A feed's ``language`` is not read: feeds often keep their
    template's default, where a news sitemap is checked by the search engines it is for.
    """

    url: str
    date: datetime | None = None
    updated: datetime | None = None
    language: str | None = None

    @cached_property
    def url_day(self) -> _Day | None:
        """The day or month-end the URL names (:func:`url_last_day`), worked out once.

        Sorting and the ``since`` check both ask it of every undated entry.
        """
        return url_last_day(self.url)

    @property
    def changed(self) -> datetime | None:
        """The latest date the source gives for this entry."""
        dates = [moment for moment in (self.date, self.updated) if moment is not None]
        return max(dates, default=None)


@dataclass(frozen=True)
class SitemapDoc:
    """A parsed sitemap: ``index`` entries are sitemaps, ``urlset`` entries are pages."""

    kind: Literal["index", "urlset"]
    entries: list[Entry]
    recovered: bool = False


def parse_date(value: str | None, tz: tzinfo = UTC) -> datetime | None:
    """Read a W3C/ISO 8601 or RFC 822 date; naive values are taken in ``tz``.

    What neither standard reads (a pubDate with localized names, "Do, 09 Mai 2024",
    a bare "09 May 2024", a Unix timestamp) goes to the page-date reader, without
    dateparser, which would be too slow for every entry of a long feed.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        # email.utils reads "9 May 2024 6:30 pm" as 06:30: am/pm is for the page reader.
        parsed = None if has_clock_half(text) else _rfc2822(text)
        if parsed is None:
            parsed = _as_datetime(page_date(text, use_dateparser=False), tz)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_named_zone(text, parsed) or tz)
    return parsed.astimezone(UTC)


def _rfc2822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


# RFC 822 names GMT and the North American zones; the page-date reader knows the other
# names that mean one offset (CEST, JST, WIB ...). BST, which it leaves to the site's
# zone (it is also Bangladesh's), is British Summer Time in a feed.
_FEED_ZONE_HOURS = {"BST": 1}


def _named_zone(text: str, local: datetime) -> tzinfo | None:
    name = text.rsplit(None, 1)[-1].upper()
    if name in _FEED_ZONE_HOURS:
        return timezone(timedelta(hours=_FEED_ZONE_HOURS[name]))
    return zonenames.offset_of(name, local)


def _as_datetime(value: date | datetime | None, tz: tzinfo) -> datetime | None:
    """Return ``value`` as a datetime; a day without a time is its midnight in ``tz``."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=tz)


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return str(element.text).strip() or None


def _child(element: etree._Element, *names: str) -> etree._Element | None:
    for child in element:
        if local_name(child.tag) in names:
            return child
    return None


def _descendant_texts(element: etree._Element, *names: str) -> dict[str, str | None]:
    """Return the text of the first descendant of each name, in one walk."""
    found: dict[str, str | None] = {}
    for child in element.iter():
        name = local_name(child.tag)
        if name in names and name not in found:
            found[name] = _text(child)
            if len(found) == len(names):
                break
    return found


def parse_sitemap(
    body: bytes, base_url: str = "", tz: tzinfo = UTC, *, max_size: int = 0
) -> SitemapDoc:
    """Parse a sitemap index, urlset or news sitemap (plain or gzip'd), or a text one."""
    body = maybe_gunzip(body, max_size=max_size)
    listed = text_sitemap(body)
    if listed is not None:
        return SitemapDoc("urlset", [Entry(url) for url in listed])
    root, recovered = parse_xml(body)
    root_name = local_name(root.tag)
    if root_name not in {"urlset", "sitemapindex"}:
        raise SourceError(f"not a sitemap: root element <{root_name or '?'}>")
    entry_name = "sitemap" if root_name == "sitemapindex" else "url"
    entries = []
    for element in root:
        if local_name(element.tag) != entry_name:
            continue
        loc = _text(_child(element, "loc"))
        if not loc:
            continue
        # A news sitemap's publication date beats lastmod, which moves on every edit.
        lastmod = parse_date(_text(_child(element, "lastmod")), tz)
        news = _descendant_texts(element, "publication_date", "language")
        published = parse_date(news.get("publication_date"), tz)
        declared = news.get("language")
        entries.append(
            Entry(
                urljoin(base_url, loc),
                published or lastmod,
                lastmod,
                primary_language(declared) if declared else None,
            )
        )
    kind: Literal["index", "urlset"] = (
        "index" if root_name == "sitemapindex" else "urlset"
    )
    return SitemapDoc(kind, entries, recovered)


def parse_feed(body: bytes, base_url: str = "", tz: tzinfo = UTC) -> list[Entry]:
    """Read the item links of an RSS 2.0, RSS 1.0 (RDF), Atom feed or JSON Feed."""
    body = maybe_gunzip(body)
    if first_byte(body) == b"{":
        return [
            Entry(
                urljoin(base_url, item.url),
                parse_date(item.published, tz),
                parse_date(item.modified, tz),
            )
            for item in json_feed_items(body)
        ]
    root, _ = parse_xml(body)
    root_name = local_name(root.tag)
    if root_name not in {"rss", "feed", "rdf"}:
        raise SourceError(f"not a feed: root element <{root_name or '?'}>")
    entries = []
    for element in root.iter():
        name = local_name(element.tag)
        if name == "item":
            link = (
                _original_link(element)
                or _rss_link(element)
                or element.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            )
            guid = _child(element, "guid")
            if (
                not link
                and guid is not None
                and guid.get("isPermaLink", "true") == "true"
            ):
                link = _text(guid)
            raw_date = _text(_child(element, "pubdate", "date", "published", "updated"))
            raw_updated = _text(_child(element, "updated", "modified"))
        elif name == "entry":
            link = _original_link(element) or _atom_link(element)
            raw_updated = _text(_child(element, "updated"))
            raw_date = _text(_child(element, "published")) or raw_updated
        else:
            continue
        if link:
            # xml:base on the entry or the feed, which lxml resolves up the tree, comes
            # before the feed's own URL: a feed on feeds.example.com may well link
            # relative to www.example.com.
            base = urljoin(base_url, element.base) if element.base else base_url
            entries.append(
                Entry(
                    urljoin(base, link),
                    parse_date(raw_date, tz),
                    parse_date(raw_updated, tz),
                )
            )
    return entries


def _original_link(item: etree._Element) -> str | None:
    """Return the publisher's own URL of an item proxied by FeedBurner (``origLink``).

    Such a feed's ``<link>`` points at the proxy's redirect on another host, which the
    offsite rules would drop, and every article of the feed with it.
    """
    return _text(_child(item, "origlink"))


def _rss_link(item: etree._Element) -> str | None:
    """Return an RSS item's link: ``<link>``'s text, else an ``<atom:link href>``'s.

    Some feeds give the item's link only in Atom's form inside RSS.
    """
    for child in item:
        if local_name(child.tag) != "link":
            continue
        text = _text(child)
        if text:
            return text
        if child.get("href") and child.get("rel", "alternate") == "alternate":
            return str(child.get("href")).strip()
    return None


def _atom_link(entry: etree._Element) -> str | None:
    fallback = None
    for child in entry:
        if local_name(child.tag) != "link" or not child.get("href"):
            continue
        rel = child.get("rel", "alternate")
        if rel == "alternate" and child.get("type", "text/html").startswith(
            "text/html"
        ):
            return str(child.get("href")).strip()
        if fallback is None and rel == "alternate":
            fallback = str(child.get("href")).strip()
    # A feed writer that put the URL in the element's text, as RSS does.
    return fallback or _text(_child(entry, "link"))


def sitemaps_from_robots(body: bytes, base_url: str = "") -> list[str]:
    """Return the ``Sitemap:`` URLs of a robots.txt."""
    urls = []
    for raw_line in body.splitlines():
        line = raw_line.decode("utf-8", "replace").split("#", 1)[0].strip()
        if line[:8].lower() == "sitemap:" and line[8:].strip():
            urls.append(urljoin(base_url, line[8:].strip()))
    return urls


# A year and month in a URL path: "sitemap-2024-05.xml", "/sitemaps/2024/05/".
_url_month_pattern = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_.](0[1-9]|1[0-2])(?!\d)")


def url_last_day(url: str) -> date | None:
    """Return the last day a URL's path names: its day, or the last of its month.

    For an entry without a date: an article at ``/2019/05/09/…`` or a sitemap of a
    month (``sitemap-2019-05.xml``) is old without being fetched. A year alone is not
    read: ``sitemap-2010.xml`` may as well be page 2010.
    """
    day = page_day_from_url(url)
    if day is not None:
        return day
    matches = list(_url_month_pattern.finditer(urlsplit(url).path))
    if not matches:
        return None
    year, month = int(matches[-1][1]), int(matches[-1][2])
    return date(year, month, calendar.monthrange(year, month)[1])


def sort_newest_first(entries: list[Entry]) -> list[Entry]:
    """Newest entries first, by their date or the day their URL names; others after.

    The entries without either keep their document order.
    """

    def newest(entry: Entry) -> tuple[bool, float]:
        moment = entry.date or _as_datetime(entry.url_day, UTC)
        return moment is None, -(moment.timestamp() if moment else 0)

    return sorted(entries, key=newest)


def is_before(moment: datetime | date, since: datetime, tz: tzinfo = UTC) -> bool:
    """Whether ``moment`` lies before ``since``; a bare date counts as the whole day in ``tz``."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return moment < since
    return moment < since.astimezone(tz).date()


def parse_published(value: str | None, tz: tzinfo = UTC) -> datetime | date | None:
    """Read the extractor's ``published``: an ISO datetime (naive means ``tz``) or a bare date."""
    if not value:
        return None
    text = value.strip()
    if len(text) == 10:  # noqa: PLR2004 - YYYY-MM-DD, the day-only form of the contract
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    parsed = parse_date(text, tz)
    if parsed is None:
        return None
    return parsed
