"""Solar Hijri dates, as Iranian and Afghan pages write them: ``۲ تیر ۱۳۹۹``, ``1399/04/02``.

Many Persian-language news sites show and even put in their ``<meta>`` only the
calendar of Iran and Afghanistan, whose years (1369 for 1990) no Gregorian reader
takes for a date. Its months have fixed lengths (six of 31 days, five of 30, the last
29 or 30); only the first day of each year is astronomical (the spring equinox, seen
from Tehran), so that day comes from convertdate and the rest is counted from it.

A year-first numeric date from 1369 on is read as Solar Hijri without asking for a
language: as a lunar Hijri year (Arabic pages) it would fall before 1990, and a
Solar Hijri year whose day lies ahead of the fetch is turned down like any other
(``is_plausible``).
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime, timedelta

# Iranian names, then the Afghan (Dari) ones, in calendar order.
_month_names = (
    "فروردین حمل",
    "اردیبهشت ثور",
    "خرداد جوزا",
    "تیر سرطان",
    "مرداد امرداد اسد",
    "شهریور سنبله",
    "مهر میزان",
    "آبان عقرب",
    "آذر قوس",
    "دی جدی",
    "بهمن دلو",
    "اسفند حوت",
)
_months = {
    name: index
    for index, names in enumerate(_month_names, start=1)
    for name in names.split()
}
# Pages type the Arabic letters for yeh and kaf as often as the Persian ones.
_letters = str.maketrans({"ي": "ی", "ك": "ک", "\u200c": None, "\u0640": None})
_time = (
    r"(?:\s*[-،,|]?\s*(?:ساعت\s*)?(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
    r"(?:\s*(?P<ampm>ب\.?\s?ظ|ق\.?\s?ظ|بعد از ظهر|قبل از ظهر))?)?"
)
_named_pattern = re.compile(
    rf"(?<!\d)(?P<d>[0-3]?\d)\s*(?P<mon>{'|'.join(sorted(_months, key=len, reverse=True))})"
    rf"\s*(?:ماه\s*)?(?:سال\s*)?(?P<y>1[34]\d{{2}})(?!\d)" + _time
)
_numeric_pattern = re.compile(
    r"(?<!\d)(?P<y>1[34]\d{2})(?P<sep>[/.-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<d>[12]\d|3[01]|0?[1-9])(?!\d)" + _time
)
# The lunar Hijri calendar of Arabic pages marks its years (heh with tatweel, "heh.qaf",
# "hijri", "qamari"): a lunar 1400 (1980) must not be read as the Solar Hijri 1400 (2021).
_lunar_marker_pattern = re.compile(r"هـ|ه\.\s?ق|هجری|هجري|قمری|قمري")  # noqa: RUF001
_first_year = 1369  # 1990, the first year a news date may have (dates.MIN_YEAR)
_MONTHS = 12
_LONG_MONTHS = 6  # of 31 days; then five of 30, then the last
_ERA_GAP = 621  # a Solar Hijri year begins in March of the Gregorian year 621 later


def find_day(text: str) -> tuple[date, dict[str, str | None], bool | None] | None:
    """Find a Solar Hijri date in ``text``; return its Gregorian day, the groups and the half-day.

    The groups hold the time as ``H M S``; the half-day is whether it is after noon
    (None: not said).
    """
    if _lunar_marker_pattern.search(text):
        return None
    text = text.translate(_letters)
    match = _named_pattern.search(text) or _numeric_pattern.search(text)
    if match is None:
        return None
    groups = match.groupdict()
    year, day = int(groups["y"] or 0), int(groups["d"] or 0)
    month = _months[groups["mon"]] if groups.get("mon") else int(groups["m"] or 0)
    day_value = to_gregorian(year, month, day)
    if day_value is None:
        return None
    ampm = groups.get("ampm")
    # بعد از ظهر: after noon.
    return day_value, groups, ampm.startswith("ب") if ampm else None


def to_gregorian(year: int, month: int, day: int) -> date | None:
    """Return the Gregorian day of a Solar Hijri one, or None when there is no such day."""
    # Years still ahead are no news date: turned down before an equinox is computed, so a
    # page full of numbers that look like years costs no more than one with a date.
    last_year = datetime.now(UTC).year - _ERA_GAP + 1
    if not _first_year <= year <= last_year or not 1 <= month <= _MONTHS or day < 1:
        return None
    if day > _month_length(year, month):
        return None
    return _new_year(year) + timedelta(days=_days_before(month) + day - 1)


def _days_before(month: int) -> int:
    long_months = min(month - 1, _LONG_MONTHS)
    return long_months * 31 + (month - 1 - long_months) * 30


def _month_length(year: int, month: int) -> int:
    if month < _MONTHS:
        return _days_before(month + 1) - _days_before(month)
    return (_new_year(year + 1) - _new_year(year)).days - _days_before(_MONTHS)


@functools.lru_cache(maxsize=128)
def _new_year(year: int) -> date:
    # convertdate computes the equinox (about 20 ms a call): once per year, then counted.
    from convertdate import persian  # noqa: PLC0415  (loaded by Persian pages only)

    return date(*persian.to_gregorian(year, 1, 1))
