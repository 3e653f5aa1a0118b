"""Finding a page's publication and modification dates: structured data, markup, text, URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from newscrawl.extraction import structured
from newscrawl.extraction.dateplaces import in_caption, in_site_banner, is_side_date
from newscrawl.extraction.dates import DateValue, date_from_url, day_of, parse_date
from newscrawl.extraction.layout import (
    attr_text,
    in_comment_or_nav,
    in_teaser,
    main_heading,
    near_main_heading,
)
from newscrawl.extraction.localtime import in_shown_offset, is_utc
from newscrawl.extraction.text import normalize_language, normalize_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

_published_meta = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "article.published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "publication_date",
    "date_published",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "article_date_original",
    "date",
    "dc.created",
)
_modified_meta = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
)
_image_meta = ("og:image", "twitter:image", "og:image:url", "og:image:secure_url")
_date_hint_pattern = re.compile(
    r"date|time|publish|posted|byline|datum|fecha|data|meta|info|zeit|stand|entry-?meta",
    re.IGNORECASE,
)
_date_hint_tags = (
    "time",
    "span",
    "div",
    "p",
    "li",
    "small",
    "abbr",
    "em",
    "strong",
    "b",
    "dd",
    "header",
)
_max_hint_elements = 60
_loose_meta_pattern = re.compile(
    r"publish|created|release|[._:-]date$|^date[._:-]", re.IGNORECASE
)
_publication_name_pattern = re.compile(r"pub_?date|publish|first_?pub", re.IGNORECASE)
_modified_name_pattern = re.compile(r"modif|updat|expir|edit|revis", re.IGNORECASE)
_script_date_pattern = re.compile(
    r'"(?:datePublished|date_published|published_at|publishedAt|publishedDate|publishDate|'
    r"publish_date|publicationDate|firstPublished|first_published_at|pubDate|createdAt|created_at|"
    r'dateCreated)"\s*:\s*"(?P<value>[^"]{8,40})"'
)
# "descendant::text()" is one walk in libxml2; "//text()" tests the children of every node.
_text_nodes_xpath = (
    "//body/descendant::text()[normalize-space()][not(ancestor::script or ancestor::style"
    " or ancestor::noscript or ancestor::template)]"
)
_heading_text_xpath = (
    "descendant::text()[normalize-space()][not(ancestor::script or ancestor::style"
    " or ancestor::noscript or ancestor::template)][1]"
)
_date_prefilter_pattern = re.compile(r"(?:19|20)\d{2}")
_max_dated_text = 120
_max_text_dates = 40
_dateline_length = 20


@dataclass
class FoundDate:
    value: DateValue
    raw: str
    source: str


def _languages(doc: Document) -> list[str] | None:
    """Return the page's language as a dateparser hint; without one dateparser is not tried."""
    if "date_languages" not in doc.cache:
        lang = normalize_language(
            doc.lang or doc.meta_first("content-language", "og:locale")
        )
        doc.cache["date_languages"] = [lang.split("-")[0]] if lang else None
    return doc.cache["date_languages"]  # type: ignore[no-any-return]


def _parse(
    raw: str | None,
    doc: Document,
    fetched_at: datetime | None,
    *,
    short_years: bool = False,
) -> DateValue | None:
    return parse_date(
        raw, languages=_languages(doc), fetched_at=fetched_at, short_years=short_years
    )


def _structured_date(
    doc: Document,
    fetched_at: datetime | None,
    jsonld_keys: tuple[str, ...],
    meta_names: tuple[str, ...],
) -> FoundDate | None:
    for node in structured.article_nodes(doc):
        for key in jsonld_keys:
            raw = structured.node_text(node.get(key))
            value = parse_date(raw, fetched_at=fetched_at, use_dateparser=False)
            if raw and value is not None:
                return FoundDate(value, raw, "jsonld")
    for name in meta_names:
        for raw in doc.meta.get(name, ()):
            value = parse_date(raw, fetched_at=fetched_at, use_dateparser=False)
            if value is not None:
                return FoundDate(value, raw, "meta")
    return None


def _publication_named_meta_date(
    doc: Document, fetched_at: datetime | None
) -> FoundDate | None:
    """Find a date under a ``<meta>`` name of a CMS's own that says "published" ("sw-pubdate")."""
    for name, values in doc.meta.items():
        if _publication_name_pattern.search(name) and not _modified_name_pattern.search(
            name
        ):
            for raw in values:
                value = parse_date(raw, fetched_at=fetched_at, use_dateparser=False)
                if value is not None:
                    return FoundDate(value, raw, "meta")
    return None


def _loose_structured_date(
    doc: Document, fetched_at: datetime | None
) -> FoundDate | None:
    """Find a publication date under a non-standard name: odd ``<meta>`` keys, app-state JSON."""
    for name, values in doc.meta.items():
        if _loose_meta_pattern.search(name) and not _modified_name_pattern.search(name):
            for raw in values:
                value = parse_date(raw, fetched_at=fetched_at, use_dateparser=False)
                if value is not None:
                    return FoundDate(value, raw, "meta")
    for text in doc.script_texts:
        match = _script_date_pattern.search(text)
        if match:
            value = parse_date(
                match["value"], fetched_at=fetched_at, use_dateparser=False
            )
            if value is not None:
                return FoundDate(value, match["value"], "script")
    return None


def _markup_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    """Find a date the markup marks: microdata, ``<time>``, elements whose class says "date"."""
    if "markup_date" not in doc.cache:
        doc.cache["markup_date"] = (
            _microdata_date(doc, fetched_at)
            or _time_date(doc, fetched_at)
            or _hinted_date(doc, fetched_at)
        )
    return doc.cache["markup_date"]  # type: ignore[no-any-return]


def _microdata_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    # The attributes, then their elements: libxml2 finds them faster than testing every element.
    for element in doc.tree.xpath("//@itemprop/.."):
        # A plain attribute test, then Python: XPath string functions over every node are slow.
        if "datePublished" not in element.get("itemprop", "").split():
            continue
        raw = normalize_whitespace(
            element.get("datetime") or element.get("content") or element.text_content()
        )
        value = _parse(raw, doc, fetched_at)
        if value is not None and element.tag != "meta" and not in_teaser(element, doc):
            return FoundDate(value, raw, "microdata")
    return None


def _time_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    for element in doc.tree.iter("time"):
        raw = normalize_whitespace(element.get("datetime") or element.text_content())
        if not raw or is_side_date(element, doc):
            continue
        hint = f"{attr_text(element)} {element.get('itemprop') or ''}"
        if element.get("pubdate") is not None or not re.search(
            r"modif|update", hint, re.IGNORECASE
        ):
            value = _parse(raw, doc, fetched_at, short_years=True)
            if value is not None:
                return _shown_time(element, value, doc, fetched_at) or FoundDate(
                    value, raw, "time"
                )
    return None


def _hinted_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    seen = 0
    for element in doc.tree.iter(*_date_hint_tags):
        names = element.get("class") or element.get("id")
        if not names or not _date_hint_pattern.search(attr_text(element)):
            continue
        raw = normalize_whitespace(element.text_content())
        if not raw or len(raw) > _max_dated_text:
            continue
        seen += 1
        if seen > _max_hint_elements:
            break
        if re.search(r"modif|update|aktualisiert", raw, re.IGNORECASE):
            continue
        value = _parse(raw, doc, fetched_at, short_years=True)
        if (
            value is not None
            and not is_side_date(element, doc)
            and not _is_todays_banner(element, value, doc, fetched_at)
        ):
            return FoundDate(
                value, _narrowest_text(element, raw, value, doc, fetched_at), "text"
            )
    return None


def _shown_time(
    element: HtmlElement, value: DateValue, doc: Document, fetched_at: datetime | None
) -> FoundDate | None:
    """Return the day a ``<time>`` shows when it is days away from its ``datetime`` (a stale value).

    A one-day gap is left alone: that is the same moment seen from another time zone.
    """
    if element.get("datetime") is None:
        return None
    text = normalize_whitespace(element.text_content())
    shown = (
        _parse(text, doc, fetched_at) if _date_prefilter_pattern.search(text) else None
    )
    if shown is None or abs((day_of(shown) - day_of(value)).days) <= 1:
        return None
    return FoundDate(shown, text, "time")


def _narrowest_text(
    element: HtmlElement,
    raw: str,
    value: DateValue,
    doc: Document,
    fetched_at: datetime | None,
) -> str:
    """Return the shortest text inside ``element`` that still gives ``value`` (``published_raw`` without the byline)."""
    for child in element.iterchildren():
        if not isinstance(child.tag, str):
            continue
        text = normalize_whitespace(child.text_content())
        if text and _parse(text, doc, fetched_at) == value:
            return _narrowest_text(child, text, value, doc, fetched_at)
    return raw


def _is_todays_banner(
    element: HtmlElement, value: DateValue, doc: Document, fetched_at: datetime | None
) -> bool:
    """Whether a bare day is the site's "today" banner: the fetch day, away from the headline."""
    if fetched_at is None or isinstance(value, datetime) or value != fetched_at.date():
        return False
    return not near_main_heading(element, doc)


def _text_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    """Find a date written in the visible text, the one closest to the main heading."""
    if "text_date" not in doc.cache:
        doc.cache["text_date"] = _nearest_text_date(doc, fetched_at)
    return doc.cache["text_date"]  # type: ignore[no-any-return]


def _nearest_text_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    heading = main_heading(doc)
    # The heading's first text, to spot it by a string compare: asking every text node
    # for its parent and ancestors is most of the cost of this walk.
    heading_text = (
        next(iter(heading.xpath(_heading_text_xpath)), None)
        if heading is not None
        else None
    )
    heading_index: int | None = None
    candidates: list[tuple[int, HtmlElement, DateValue, str]] = []
    teasers: list[tuple[int, HtmlElement, DateValue, str]] = []
    for index, node in enumerate(doc.tree.xpath(_text_nodes_xpath)):
        if (
            heading_index is None
            and node == heading_text
            and _inside(node.getparent(), heading)
        ):
            heading_index = index
        text: str = node
        if len(text) > _max_dated_text:
            # A dateline opening a paragraph ("27.1.2022 - In Berlin ...") still dates it.
            text = text.lstrip()[:_dateline_length]
        if not _date_prefilter_pattern.search(text):
            continue
        value = parse_date(text, fetched_at=fetched_at, use_dateparser=False)
        if value is None:
            continue
        parent = node.getparent()
        if (
            _is_todays_banner(parent, value, doc, fetched_at)
            or in_caption(parent)
            or in_site_banner(parent, doc)
        ):
            continue
        found = (index, parent, value, normalize_whitespace(text))
        (teasers if in_teaser(parent, doc) else candidates).append(found)
        if len(candidates) >= _max_text_dates:
            break
    if not candidates:
        # Only dates in side blocks: the nearest one is still a better guess than none.
        candidates = [c for c in teasers if not in_comment_or_nav(c[1])]
    if not candidates:
        return None
    anchor = heading_index if heading_index is not None else 0
    # Bylines sit right below the heading more often than above it.
    index, _, value, raw = min(
        candidates,
        key=lambda c: c[0] - anchor if c[0] >= anchor else 2 * (anchor - c[0]),
    )
    return FoundDate(value, raw, "text")


def _inside(element: HtmlElement, ancestor: HtmlElement | None) -> bool:
    return element is ancestor or any(a is ancestor for a in element.iterancestors())


def _days(value: DateValue) -> set[date]:
    """Return the day as written and, for an aware time, the UTC day: a byline may show either."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return {value.date(), value.astimezone(UTC).date()}
    return {day_of(value)}


def _same_day(first: DateValue, second: DateValue) -> bool:
    return bool(_days(first) & _days(second))


def find_published(
    doc: Document, fetched_at: datetime | None = None
) -> FoundDate | None:
    """Find the original publication date: JSON-LD, meta, microdata, ``<time>``, dated text, then the URL."""
    from_jsonld = _structured_date(
        doc, fetched_at, ("datePublished", "dateCreated"), ()
    )
    from_meta = _structured_date(doc, fetched_at, (), _published_meta)
    found = from_jsonld or from_meta
    if (
        from_jsonld is not None
        and from_meta is not None
        and not _same_day(from_jsonld.value, from_meta.value)
    ):
        # JSON-LD and <meta> disagree (a stale template, a reused schema block): the visible
        # byline decides, and without one JSON-LD, the more specific of the two, stays.
        shown = _markup_date(doc, fetched_at)
        if shown is not None and _same_day(shown.value, from_meta.value):
            found = from_meta
    if found is not None and is_utc(found.value):
        found = _in_bylines_offset(found, from_meta, doc, fetched_at)
    if found is not None and not isinstance(found.value, datetime):
        found = _online_before_edition(
            found, (from_jsonld, from_meta, _markup_date(doc, fetched_at))
        )
    if found is None:
        found = _publication_named_meta_date(doc, fetched_at)
    if found is None:
        found = _markup_date(doc, fetched_at)
    if found is None:
        found = _loose_structured_date(doc, fetched_at)
    url_day = date_from_url(doc.url)
    if url_day is not None and (found is None or day_of(found.value) > url_day):
        # A URL day earlier than the page's date means the page date is a later revision.
        return FoundDate(url_day, url_day.isoformat(), "url")
    return found or _text_date(doc, fetched_at) or _image_url_date(doc)


def _in_bylines_offset(
    found: FoundDate,
    from_meta: FoundDate | None,
    doc: Document,
    fetched_at: datetime | None,
) -> FoundDate:
    """Return a UTC ``found`` in the offset the page shows for the same moment, if it shows one."""
    assert isinstance(found.value, datetime)  # noqa: S101  (is_utc said so)
    markup = _markup_date(doc, fetched_at)
    # The dated text is a walk over the whole page; a byline in the markup has spoken.
    text = _text_date(doc, fetched_at) if markup is None else None
    for shown in (from_meta, markup, text):
        local = in_shown_offset(found.value, shown.value) if shown else None
        if local is not None:
            return FoundDate(local, found.raw, found.source)
    return found


def _online_before_edition(
    found: FoundDate, others: tuple[FoundDate | None, ...]
) -> FoundDate:
    """Prefer a time of day found elsewhere on the day before a bare ``found`` day.

    Dailies date an article by the print edition it runs in, the morning after it went
    online; the precise time is when it was published. A UTC time does not count: it
    may be the local midnight of the bare day itself.
    """
    edition_eve = day_of(found.value) - timedelta(days=1)
    for other in others:
        if (
            other is not None
            and isinstance(other.value, datetime)
            and not is_utc(other.value)
            and other.value.date() == edition_eve
        ):
            return other
    return found


def _image_url_date(doc: Document) -> FoundDate | None:
    """Last resort: the day in the lead picture's URL, which CMSs file by upload day."""
    for name in _image_meta:
        for url in doc.meta.get(name, ()):
            day = date_from_url(url)
            if day is not None:
                return FoundDate(day, day.isoformat(), "image-url")
    return None


def find_modified(
    doc: Document, fetched_at: datetime | None = None
) -> FoundDate | None:
    return _structured_date(doc, fetched_at, ("dateModified",), _modified_meta)
