"""Dates a page shows its readers: marked-up bylines and dates written in the text.

The fallbacks of :mod:`newscrawl.extraction.pagedates` after structured data, and its
cross-checks of it. Each reader runs once per page (results cached on the document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newscrawl.extraction.dateplaces import in_caption, in_site_banner, is_side_date
from newscrawl.extraction.dates import DateValue, day_of, parse_date
from newscrawl.extraction.layout import (
    attr_text,
    in_comment_or_nav,
    in_teaser,
    main_heading,
    near_main_heading,
)
from newscrawl.extraction.text import normalize_whitespace
from newscrawl.extraction.textlanguage import page_language

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

# Matched against lower-cased names: IGNORECASE made it eight times slower, on every
# named element of the page.
_date_hint_pattern = re.compile(
    r"date|time|publish|posted|byline|datum|fecha|data|meta|info|zeit|stand|entry-?meta"
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
# "descendant::text()" is one walk in libxml2; "//text()" tests the children of every node.
# Only the parent is tested here: an ancestor test costs the page's depth for every text
# node (seconds on a page nested thousands deep). The few nodes that hold a date are
# tested in Python for the other tags whose text is never shown.
_text_nodes_xpath = (
    "//body/descendant::text()[normalize-space()][not(parent::script or parent::style)]"
)
_hidden_text_tags = ("noscript", "template", "script", "style")
_heading_text_xpath = (
    "descendant::text()[normalize-space()][not(ancestor::script or ancestor::style"
    " or ancestor::noscript or ancestor::template)][1]"
)
# A Gregorian or a Solar Hijri year (1399), or one in Arabic, Persian or full-width
# digits: two patterns, as one alternation of both scans ASCII text four times slower.
_year_pattern = re.compile(r"(?:19|20|1[34])\d{2}")
_other_digits_year_pattern = re.compile(r"[١٢۱۲１２]\d{3}")
_max_dated_text = 120
_max_text_dates = 40
_dateline_length = 20
_max_short_date_text = 40
# What joins a byline's parts: "9 March 2023 / 17:42 / Updated 10 March 2023".
_separators = " /|·•,-\u2013\u2014"
_short_date_pattern = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2}(?![\d.])")
_byline_name_pattern = re.compile(r"author|byline")
_max_citation_text = 400
# A reference to a paper or a book ("Science; Vol. 371, pp. 260, 15. Januar 2021, DOI
# 10.1126/…"): its date is the cited work's, not the page's. A volume alone is no sign:
# a magazine's byline names its issue.
_citation_pattern = re.compile(
    r"\bdoi(?:\s*:|\.org)|\b10\.\d{4,}/|\bpp\.\s*\d|\bis[sb]n\b", re.IGNORECASE
)
# A place before the date ("Karlsruhe, (12.11.2021).", "BERLIN, Nov. 12, 2021 --"):
# up to three capitalised words, a comma or an opening parenthesis.
_dateline_place_pattern = re.compile(
    r"[^\W\d_][\w.'-]*(?:[ /-][^\W\d_][\w.'-]*){0,2}\s*(?:,\s*\(?|\()\s*(?=\w)"
)


@dataclass
class FoundDate:
    value: DateValue
    raw: str
    source: str
    # The byline also dates an update ("3 Oct 2023 · Updated 4 Oct 2023").
    beside_update: bool = False


def names_a_date(element: HtmlElement) -> bool:
    """Whether an element's class or id says it holds a date ("date", "datum", "byline" …)."""
    return _date_hint_pattern.search(attr_text(element).lower()) is not None


def may_hold_date(text: str) -> bool:
    """Whether ``text`` holds something like a year: a cheap test before parsing it."""
    return _year_pattern.search(text) is not None or (
        not text.isascii() and _other_digits_year_pattern.search(text) is not None
    )


def _languages(doc: Document) -> list[str] | None:
    """Return the page's language as a dateparser hint; without one dateparser is not tried."""
    if "date_languages" not in doc.cache:
        lang = page_language(doc)
        doc.cache["date_languages"] = [lang.split("-")[0]] if lang else None
    return doc.cache["date_languages"]  # type: ignore[no-any-return]


def _month_first(doc: Document) -> bool:
    """Whether the page's locale writes numeric dates month first: the United States'."""
    if "month_first" not in doc.cache:
        raw = doc.lang or doc.meta_first("content-language", "og:locale") or ""
        region = raw.replace("_", "-").split("-")[1:2]
        doc.cache["month_first"] = [r.upper() for r in region] == ["US"]
    return bool(doc.cache["month_first"])


def _parse(
    raw: str | None,
    doc: Document,
    fetched_at: datetime | None,
    *,
    short_years: bool = False,
) -> DateValue | None:
    return parse_date(
        raw,
        languages=_languages(doc),
        fetched_at=fetched_at,
        short_years=short_years,
        month_first=_month_first(doc),
    )


def markup_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    """Find a date the markup marks: microdata, ``<time>``, elements whose class says "date"."""
    if "markup_date" not in doc.cache:
        doc.cache["markup_date"] = (
            microdata_date(doc, fetched_at)
            or _time_date(doc, fetched_at)
            or _hinted_date(doc, fetched_at)
        )
    return doc.cache["markup_date"]  # type: ignore[no-any-return]


def markup_modified(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    """Find the modification date a ``<time>`` marks, for pages without one in their metadata.

    A ``<time datetime>`` named "updated" or "modified" by its class, id or itemprop
    (WordPress themes write ``<time class="updated">`` beside the published one);
    ``<meta itemprop="dateModified">`` is metadata already.
    """
    for element in doc.tree.iter("time"):
        raw = normalize_whitespace(element.get("datetime"))
        if not raw or not _names_update(element):
            continue
        value = _parse(raw, doc, fetched_at)
        if value is not None and not is_side_date(element, doc):
            return FoundDate(value, raw, "time")
    return None


_modified_hint_pattern = re.compile(r"modif|update", re.IGNORECASE)


def _names_update(element: HtmlElement) -> bool:
    """Whether a ``<time>``'s class, id or itemprop names an update ("updated", "dateModified")."""
    hint = f"{attr_text(element)} {element.get('itemprop') or ''}"
    return _modified_hint_pattern.search(hint) is not None


def microdata_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    """Find the ``itemprop="datePublished"`` of schema.org's microdata, once per page."""
    if "microdata_date" not in doc.cache:
        doc.cache["microdata_date"] = _microdata_date(doc, fetched_at)
    return doc.cache["microdata_date"]  # type: ignore[no-any-return]


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
        if element.get("pubdate") is not None or not _names_update(element):
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
        if not names or not names_a_date(element):
            continue
        machine = _machine_value(element, doc, fetched_at)
        if machine is not None:
            return machine
        raw = normalize_whitespace(element.text_content())
        if not raw or len(raw) > _max_dated_text:
            continue
        seen += 1
        if seen > _max_hint_elements:
            break
        published = published_part(raw)
        if published is None:
            continue
        value = _parse(published, doc, fetched_at, short_years=True)
        if (
            value is not None
            and not is_side_date(element, doc)
            and not _is_todays_banner(element, value, doc, fetched_at)
        ):
            return FoundDate(
                value,
                _narrowest_text(
                    element, published.strip(_separators), value, doc, fetched_at
                ),
                "text",
                beside_update=published != raw,
            )
    return None


# Attributes where bylines keep the machine value of the date they show ("2 hours ago").
_machine_date_attributes: tuple[str, ...] = (
    "data-timestamp",
    "data-time",
    "data-date",
    "data-datetime",
    "data-published",
    "data-publish-date",
    "data-pubdate",
)
_widget_pattern = re.compile(r"picker|calendar|kalender")
# As long as "Dienstag, 3. Oktober 2023, 15:42 Uhr".
_max_machine_dated_text = 40
_machine_date_pattern = re.compile(
    r"\d{10}(?:\d{3})?|(?:19|20)\d\d-\d\d-\d\d(?:[T ].+)?"
)


def _machine_value(
    element: HtmlElement, doc: Document, fetched_at: datetime | None
) -> FoundDate | None:
    """Return the date a byline element keeps as a timestamp or ISO value in its attributes.

    hAtom's ``<abbr class="published" title="2023-10-03T15:42:00+02:00">`` (Blogger, older
    WordPress themes) and ``data-timestamp`` beside a relative "2 hours ago"; only a
    machine form counts, and not on an element that names an update.
    """
    names = _machine_date_attributes
    if element.tag == "abbr":
        names = (*names, "title")
    for name in names:
        raw = (element.get(name) or "").strip()
        if not raw or not _machine_date_pattern.fullmatch(raw):
            continue
        if (
            _widget_pattern.search(attr_text(element).lower())
            # A block that holds more than a byline's date.
            or len(element.text_content()) > _max_machine_dated_text
            or _names_update(element)
            or is_side_date(element, doc)
        ):
            return None
        value = parse_date(raw, fetched_at=fetched_at, use_dateparser=False)
        if value is not None:
            return FoundDate(value, raw, "markup")
    return None


_machine_attributes_xpath = "//*[{}]".format(
    " or ".join(f"@{name}" for name in _machine_date_attributes)
)


def header_attribute_date(
    doc: Document, fetched_at: datetime | None
) -> FoundDate | None:
    """Find a date an element of the article's header keeps only in its attributes.

    A timeline widget beside the headline marks the article's place with
    ``data-date="18. März 2020"`` and shows no date as text: a last resort, in any form
    the page's language writes, with its year.
    """
    for element in doc.tree.xpath(_machine_attributes_xpath):
        if (
            not near_main_heading(element, doc)
            or _widget_pattern.search(attr_text(element).lower())
            or _names_update(element)
            or is_side_date(element, doc)
        ):
            continue
        for name in _machine_date_attributes:
            raw = normalize_whitespace(element.get(name))
            value = _parse(raw, doc, fetched_at) if may_hold_date(raw) else None
            if value is not None:
                return FoundDate(value, raw, "markup")
    return None


# The labels of a byline's two dates ("Updated … · Published …"), in the languages of
# most news pages.
_updated_label_pattern = re.compile(
    r"modif|update|aktualisiert|mis à jour|actualiz|aggiornat|atualizad|bijgewerkt"
    r"|zaktualizowan|uppdaterad|opdateret|oppdatert|päivitetty|frissítve|aktualizov"
    r"|обновлен|оновлен|актуализиран|güncelle|actualizat|ενημερώθηκε|ažurirano"
    r"|posodobljeno|atnaujinta|atjaunināt|uuendatud|diperbarui|cập nhật|עודכן"
    r"|تحديث|更新|수정",
    re.IGNORECASE,
)
_published_label_pattern = re.compile(
    r"publi|pubblicat|veröffentlicht|erstellt|erschienen|created|posted|gepubliceerd"
    r"|opublikowan|julkaistu|közzétéve|опубликован|опублікован|публикуван|yayın"
    r"|δημοσιεύθηκε|objavljeno|objavljen|paskelbta|avaldatud|diterbitkan|đăng"
    r"|פורסם|نشر|发布|發布|公開|配信|입력|등록",
    re.IGNORECASE,
)


def published_part(raw: str) -> str | None:
    """Return the part of a byline that dates the publication; None if it only dates an update.

    "Updated 4 Oct 2023 · Published 3 Oct 2023" gives the second part.
    """
    updated = _updated_label_pattern.search(raw)
    if updated is None:
        return raw
    label = _published_label_pattern.search(raw)
    if label is None:
        # "3 Oct 2023 · Updated 4 Oct 2023": what comes before the label is the publication.
        before = raw[: updated.start()]
        return before if may_hold_date(before) else None
    rest = raw[label.start() :]
    updated = _updated_label_pattern.search(rest)
    return rest[: updated.start()] if updated else rest


def _shown_time(
    element: HtmlElement, value: DateValue, doc: Document, fetched_at: datetime | None
) -> FoundDate | None:
    """Return the day a ``<time>`` shows when it is days away from its ``datetime`` (a stale value).

    A one-day gap is left alone: that is the same moment seen from another time zone.
    """
    if element.get("datetime") is None:
        return None
    text = normalize_whitespace(element.text_content())
    shown = _parse(text, doc, fetched_at) if may_hold_date(text) else None
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


def text_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
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
            text = _dateline(text)
        short_year = False
        if not may_hold_date(text):
            short_year = _in_byline_with_short_year(node)
            if not short_year:
                continue
        published = published_part(text)
        if published is None:
            continue
        value = parse_date(
            published,
            fetched_at=fetched_at,
            use_dateparser=False,
            month_first=_month_first(doc),
            short_years=short_year,
        )
        if value is None:
            continue
        parent = node.getparent()
        if (
            parent.tag in _hidden_text_tags
            or next(parent.iterancestors(*_hidden_text_tags), None) is not None
            or _is_todays_banner(parent, value, doc, fetched_at)
            or in_caption(parent)
            or in_site_banner(parent, doc)
            or _in_citation(node)
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


def _in_byline_with_short_year(node: Any) -> bool:
    """Whether a text node is a two-digit-year date ("8.5.12") in the author's byline.

    Such a date is only read where the markup vouches for it, as in a date element; here
    the byline does: an element named for the author, or one holding an author link.
    """
    if (
        len(node) > _max_short_date_text
        or "." not in node
        or not _short_date_pattern.search(node)
    ):
        return False
    element = node.getparent()
    container = element.getparent() if node.is_tail else element
    if container is None:
        return False
    if _byline_name_pattern.search(attr_text(container).lower()):
        return True
    return any(
        "author" in (link.get("rel") or "") or "author" in attr_text(link).lower()
        for link in container.iter("a")
    )


def _in_citation(node: Any) -> bool:
    """Whether a date is part of a reference to a paper or a book (its text block names a DOI …)."""
    element = node.getparent()
    block = element.getparent() if node.is_tail else element
    if block is None:
        return bool(_citation_pattern.search(node))
    # The block's first text only: a date written straight into a large container would
    # otherwise read the whole page for every date.
    text = ""
    for part in block.itertext():
        text += part
        if len(text) >= _max_citation_text:
            break
    return bool(_citation_pattern.search(text))


def _dateline(text: str) -> str:
    text = text.lstrip()
    place = _dateline_place_pattern.match(text)
    start = place.end() if place is not None and text[:1].isupper() else 0
    return text[: start + _dateline_length]


def _inside(element: HtmlElement, ancestor: HtmlElement | None) -> bool:
    return element is ancestor or any(a is ancestor for a in element.iterancestors())
