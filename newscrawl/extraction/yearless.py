"""Bylines that show a day without its year ("[06月24日 11時30分]", "30.11."), given a year.

Some sites print only the month and day beside the headline. The year comes from a
stamp on the page that agrees on the month and day (``<body id="news20190624_…">``; a
stamp in the URL dates the page before this is asked), else from the fetch time: the
year that puts it in the half year before. Without either the day stays unread: a
guessed year is a wrong date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from newscrawl.extraction.dateplaces import is_side_date
from newscrawl.extraction.layout import main_heading
from newscrawl.extraction.showndates import (
    FoundDate,
    may_hold_date,
    names_a_date,
    published_part,
)
from newscrawl.extraction.text import normalize_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.dates import DateValue
    from newscrawl.extraction.document import Document

_month_day_patterns = (
    # 6月24日, not the end of 2019年6月24日 (a full date, read elsewhere).
    re.compile(r"(?<![年\d])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
    # 30.11. — the trailing dot tells it from a time ("11.30") or a decimal.
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?!\d)"),
)
_clock_pattern = re.compile(
    r"(?<!\d)(?P<hour>[01]?\d|2[0-3])\s*[:時h]\s*(?P<minute>[0-5]\d)"
)
_clock_unit_pattern = re.compile(r"分|\bUhr\b|\bh\b", re.IGNORECASE)
_letter_pattern = re.compile(r"[^\W\d_]")
_max_text = 40
# The heading's own block: its parent and grandparent hold the byline.
_header_levels = 2
_max_header_texts = 60
# A byline in a time zone ahead of the fetch clock shows tomorrow's day.
_clock_lead = timedelta(days=1)
_fetch_reach = timedelta(days=183)


def yearless_date(doc: Document, fetched_at: datetime | None) -> FoundDate | None:
    """Find a yearless day in the article's header and give it its year."""
    heading = main_heading(doc)
    if heading is None:
        return None
    header = _header(heading)
    texts = header.xpath(
        "descendant::text()[normalize-space()][not(parent::script or parent::style)]"
    )
    for node in islice(texts, _max_header_texts):
        text = normalize_whitespace(node)
        if len(text) > _max_text or may_hold_date(text):
            continue
        published = published_part(text)
        if published is None:
            continue
        found = _month_day(published)
        element = node.getparent()
        if (
            found is None
            or not (_stands_alone(published) or names_a_date(element))
            or is_side_date(element, doc)
        ):
            continue
        month, day = found
        year = _stamped_year(doc, month, day) or _fetch_year(month, day, fetched_at)
        value = _value(year, month, day, published) if year is not None else None
        if value is not None:
            return FoundDate(value, text, "text")
    return None


def _header(heading: HtmlElement) -> HtmlElement:
    header = heading
    for ancestor in islice(heading.iterancestors(), _header_levels):
        if ancestor.tag in {"body", "html"}:
            break
        header = ancestor
    return header


def _month_day(text: str) -> tuple[int, int] | None:
    for pattern in _month_day_patterns:
        match = pattern.search(text)
        if match is not None:
            month, day = int(match["month"]), int(match["day"])
            if 1 <= month <= 12 and 1 <= day <= 31:  # noqa: PLR2004  (the calendar's)
                return month, day
    return None


def _stands_alone(text: str) -> bool:
    """Whether the text is only the day and its time ("[06月24日 11時30分]", "30.11., 9:15 Uhr").

    A month and day among other words ("Kapitel 2.3.", "Preis 1.10.") counts only in an
    element named for a date.
    """
    rest = text
    for pattern in (*_month_day_patterns, _clock_pattern):
        rest = pattern.sub("", rest)
    rest = _clock_unit_pattern.sub("", rest)
    return not _letter_pattern.search(rest)


def _stamped_year(doc: Document, month: int, day: int) -> int | None:
    """Return the year of a digit stamp on the page that agrees on the month and day."""
    stamp = re.compile(rf"(?<!\d)((?:19|20)\d\d){month:02d}{day:02d}(?!\d)")
    root = doc.tree.getroottree().getroot()
    body = root.find("body")
    for place in (_names(element) for element in (root, body) if element is not None):
        match = stamp.search(place)
        if match is not None:
            return int(match[1])
    return None


def _names(element: HtmlElement) -> str:
    return f"{element.get('id') or ''} {element.get('class') or ''}"


def _fetch_year(month: int, day: int, fetched_at: datetime | None) -> int | None:
    """Return the year that puts the day in the half year before the fetch (a day ahead allowed).

    Further back the year is a guess: a yearless day that far from the fetch is as likely
    an event's next season as last year's article.
    """
    if fetched_at is None:
        return None
    latest = fetched_at.date() + _clock_lead
    for year in (latest.year, latest.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February of a common year
            continue
        if latest - _fetch_reach <= candidate <= latest:
            return year
    return None


def _value(year: int, month: int, day: int, text: str) -> DateValue | None:
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    clock = _clock_pattern.search(text)
    if clock is None:
        return day_value
    # The clock the page shows, in no stated zone: a naive time, as other bylines give.
    return datetime.combine(day_value, time(int(clock["hour"]), int(clock["minute"])))
