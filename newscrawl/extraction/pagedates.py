"""Finding a page's publication and modification dates: structured data, markup, text, URL.

The markup and text readers live in :mod:`newscrawl.extraction.showndates`; this module
reads structured data and decides between what each source says.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from newscrawl.extraction import structured
from newscrawl.extraction.dates import DateValue, day_of, parse_date
from newscrawl.extraction.localtime import in_shown_offset, is_aware, is_utc
from newscrawl.extraction.showndates import (
    FoundDate,
    header_attribute_date,
    markup_date,
    markup_modified,
    microdata_date,
    text_date,
)
from newscrawl.extraction.urldates import date_from_url
from newscrawl.extraction.yearless import yearless_date

if TYPE_CHECKING:
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
    # The New York Times' ("20250102"), beside its article:published_time.
    "pdate",
    "parsely-pub-date",
    "sailthru.date",
    # Chinese portals' (NetEase's "ptime"; Sina's "weibo: article:create_at", read as
    # two names), both "2023-10-03 17:42:00".
    "ptime",
    "article:create_at",
    "displaydate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "article_date_original",
    "dc.created",
)
# Names that say only "date": CMSs fill them from their own records (TYPO3's is when
# the page record was made, which may be weeks before the article went out).
_date_only_meta = ("dc.date", "dcterms.date", "date")
_modified_meta = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
)
_image_meta = ("og:image", "twitter:image", "og:image:url", "og:image:secure_url")
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


def _date_only_meta_date(
    doc: Document, fetched_at: datetime | None, *, byline_decides: bool
) -> FoundDate | None:
    """Find a date under a ``<meta>`` name that says only "date".

    With ``byline_decides`` (no JSON-LD to weigh it against) a byline that disagrees wins.
    """
    found = _structured_date(doc, fetched_at, (), _date_only_meta)
    shown = markup_date(doc, fetched_at) if found is not None else None
    if (
        byline_decides
        and found is not None
        and shown is not None
        and not _same_day(found.value, shown.value)
    ):
        return shown
    return found


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
    # A live blog may give only the start of its coverage; its first <time> is the
    # newest update.
    from_jsonld = _structured_date(
        doc, fetched_at, ("datePublished", "dateCreated", "coverageStartTime"), ()
    )
    from_meta = _structured_date(
        doc, fetched_at, (), _published_meta
    ) or _date_only_meta_date(doc, fetched_at, byline_decides=from_jsonld is None)
    found = from_jsonld or from_meta
    if (
        from_jsonld is not None
        and from_meta is not None
        and not _same_day(from_jsonld.value, from_meta.value)
    ):
        # JSON-LD and <meta> disagree (a stale template, a reused schema block): the visible
        # byline decides, and without one JSON-LD, the more specific of the two, stays.
        shown = markup_date(doc, fetched_at)
        if shown is not None and _same_day(shown.value, from_meta.value):
            found = from_meta
    if found is not None:
        found = _before_stamped_update(found, doc, fetched_at)
        found = _past_year_placeholder(found, doc, fetched_at)
    if found is not None and is_aware(found.value):
        found = _in_bylines_offset(found, from_meta, doc, fetched_at)
    if found is not None and not isinstance(found.value, datetime):
        found = _online_before_edition(
            found, (from_jsonld, from_meta, markup_date(doc, fetched_at))
        )
    if found is None:
        # schema.org's microdata is structured data too, before a CMS's own meta names.
        found = microdata_date(doc, fetched_at)
    if found is None:
        found = _publication_named_meta_date(doc, fetched_at)
    if found is None:
        found = markup_date(doc, fetched_at)
    if found is None:
        found = _loose_structured_date(doc, fetched_at)
    url_day = date_from_url(doc.url)
    if url_day is not None and (found is None or day_of(found.value) > url_day):
        # A URL day earlier than the page's date means the page date is a later revision.
        return FoundDate(url_day, url_day.isoformat(), "url")
    return (
        found
        or text_date(doc, fetched_at)
        or yearless_date(doc, fetched_at)
        or header_attribute_date(doc, fetched_at)
        or _image_url_date(doc)
    )


def _before_stamped_update(
    found: FoundDate, doc: Document, fetched_at: datetime | None
) -> FoundDate:
    """Prefer the byline's earlier publication day to a structured date stamped at the update.

    Some CMSs write the last update into both the published and the modified field; the
    byline then still shows when the article came out, beside its update.
    """
    if not isinstance(found.value, datetime) or found.source not in {"jsonld", "meta"}:
        return found
    # The structured values first: reading the byline costs a walk over the page.
    modified = find_modified(doc, fetched_at)
    if modified is None or modified.value != found.value:
        return found
    shown = markup_date(doc, fetched_at)
    if (
        shown is not None
        and shown.beside_update
        and day_of(shown.value) < found.value.date()
    ):
        return shown
    return found


def _past_year_placeholder(
    found: FoundDate, doc: Document, fetched_at: datetime | None
) -> FoundDate:
    """Prefer the byline's date to a structured 1 January that it contradicts.

    1 January is what a CMS fills in when it does not know the day (an import from an
    archive that kept only the year, a migrated record); the byline a reader sees then
    shows the day the article went out.
    """
    day = day_of(found.value)
    if (day.month, day.day) != (1, 1):
        return found
    shown = markup_date(doc, fetched_at)
    if shown is None or _same_day(shown.value, found.value):
        return found
    return shown


def _in_bylines_offset(
    found: FoundDate,
    from_meta: FoundDate | None,
    doc: Document,
    fetched_at: datetime | None,
) -> FoundDate:
    """Return an aware ``found`` in the offset the page shows for the same moment, if it shows one.

    A UTC stamp takes the offset of any other date of the same moment. One that carries
    its own offset, while the metadata gives the same moment in another, takes that of
    the clock the byline shows, as the day a reader sees.
    """
    assert isinstance(found.value, datetime)  # noqa: S101  (is_aware said so)
    if not is_utc(found.value):
        if not _same_moment_elsewhere(found.value, from_meta):
            return found
        markup = markup_date(doc, fetched_at)
        local = (
            in_shown_offset(found.value, markup.value)
            if markup is not None and _is_shown_clock(markup)
            else None
        )
        return FoundDate(local, found.raw, found.source) if local else found
    markup = markup_date(doc, fetched_at)
    # The dated text is a walk over the whole page; a byline in the markup has spoken.
    text = text_date(doc, fetched_at) if markup is None else None
    for shown in (from_meta, markup, text):
        local = in_shown_offset(found.value, shown.value) if shown else None
        if local is not None:
            return FoundDate(local, found.raw, found.source)
    return found


def _same_moment_elsewhere(stamp: datetime, other: FoundDate | None) -> bool:
    """Whether ``other`` gives the moment of ``stamp`` in another offset."""
    return (
        other is not None
        and isinstance(other.value, datetime)
        and other.value.tzinfo is not None
        and other.value == stamp
        and other.value.utcoffset() != stamp.utcoffset()
    )


def _is_shown_clock(shown: FoundDate) -> bool:
    """Whether a date is a local clock read from the text, not a machine value."""
    return (
        shown.source == "text"
        and isinstance(shown.value, datetime)
        and shown.value.tzinfo is None
    )


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
    return _structured_date(
        doc, fetched_at, ("dateModified",), _modified_meta
    ) or markup_modified(doc, fetched_at)
