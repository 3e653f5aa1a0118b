"""Re-expressing a timestamp in the offset the page's own byline shows.

Many CMSs write ``datePublished`` in UTC ("2022-05-04T02:41:00Z") while the byline shows
the newsroom's local time ("3/5/2022 22:41"); others write the newsroom's offset and
show the UTC clock. Both are the same instant, but the day a reader of the page sees,
and the one a news archive files the article under, is the one shown. When the byline
pins the offset down, the timestamp is returned in it; the instant never changes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscrawl.extraction.dates import DateValue

# Offsets in use run from -12:00 to +14:00: whole hours, and these few with minutes
# (-09:30, -03:30, -02:30, +03:30, +04:30, +05:30, +05:45, +06:30, +08:45, +09:30,
# +10:30, +12:45, +13:45).
_offsets_with_minutes = frozenset(
    timedelta(minutes=minutes)
    for minutes in (-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825)
)
_hour = timedelta(hours=1)
# Exactly twelve hours apart is a 12-hour clock read without its "pm", not a time zone.
_twelve_hours = timedelta(hours=12)
_latest_offset = timedelta(hours=14)
# A byline showing only the day pins the offset down less: accept it only for the
# smallest shift that reaches that day, and only when that shift is small, so that a
# UTC stamp a few hours either side of midnight is read as the local day it is.
_max_day_only_hours = 5


def is_utc(value: DateValue) -> bool:
    return isinstance(value, datetime) and value.utcoffset() == timedelta(0)


def is_aware(value: DateValue) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None


def in_shown_offset(stamp: datetime, shown: DateValue) -> datetime | None:
    """Return the aware ``stamp`` in another offset ``shown`` implies, or None when it implies none.

    ``shown`` is what the byline gives: an aware time of the same instant in another
    offset, a naive local time of the same minute, or a bare day one day away.
    """
    if isinstance(shown, datetime):
        if shown.tzinfo is not None:
            offset = shown.utcoffset()
            # Bylines show the minute ("9:12 AM ET"), stamps often the second.
            same_instant = shown.replace(second=0, microsecond=0) == stamp.replace(
                second=0, microsecond=0
            )
            if not same_instant or offset is None or offset == stamp.utcoffset():
                return None
            return stamp.astimezone(timezone(offset))
        return _from_local_clock(stamp, shown)
    return _from_local_day(stamp, shown)


def _from_local_clock(stamp: datetime, shown: datetime) -> datetime | None:
    utc_minute = stamp.astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0)
    offset = shown.replace(second=0, microsecond=0) - utc_minute
    if (
        offset == stamp.utcoffset()
        or offset == _twelve_hours
        or not -_twelve_hours < offset <= _latest_offset
    ):
        return None
    if offset % _hour and offset not in _offsets_with_minutes:
        return None
    return stamp.astimezone(timezone(offset))


def _from_local_day(stamp: datetime, shown: date) -> datetime | None:
    """Return ``stamp`` at the smallest whole-hour offset that shows the day ``shown``.

    The instant stays exact; the offset need not be the newsroom's own (a -03:00 site may
    come out as -01:00), only its day is.
    """
    if abs((shown - stamp.date()).days) != 1:
        return None
    direction = 1 if shown > stamp.date() else -1
    for hours in range(1, _max_day_only_hours + 1):
        local = stamp.astimezone(timezone(timedelta(hours=direction * hours)))
        if local.date() == shown:
            return local
    return None
