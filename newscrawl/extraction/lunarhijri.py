"""Lunar Hijri dates, as Saudi and Gulf pages write them: ``14 ربيع الآخر 1445 هـ``.

Most Arabic pages give the Gregorian day beside the Hijri one ("... هـ - 29 أكتوبر
2023م"), and the date reader takes that one first. Some show only the Hijri day. Its
months begin with the sighted new moon, so no rule counts them: the Gregorian day comes
from the Umm al-Qura table (Saudi Arabia's official calendar) as hijridate carries it,
the package dateparser's own Hijri calendar uses.

Read: a day, a Hijri month name and a year, with or without the "هـ" Arabic pages write
after a Hijri year, and numeric dates only with that mark (an unmarked ``1445/04/14``
is read as Solar Hijri, whose year 1445 is still ahead, so it gives no date).
"""

# Arabic letters are what this module reads, not look-alikes of Latin ones.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import functools
import re
from datetime import date

# Month names with the letters folded as :data:`_letters` folds the text (alef forms to
# bare alef, alef maqsura to yeh, teh marbuta to heh, Persian yeh and kaf to Arabic).
_month_names = (
    "محرم|المحرم",
    "صفر",
    "ربيع الاول|ربيع اول",
    "ربيع الاخر|ربيع الثاني|ربيع اخر|ربيع ثاني",
    "جمادي الاولي|جمادي الاول|جماد الاول|جمادي اولي",
    "جمادي الاخره|جمادي الاخر|جمادي الثانيه|جمادي الثاني|جماد الثاني|جماد الاخر",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعده|ذي القعده",
    "ذو الحجه|ذي الحجه",
)
_months = {
    name: index
    for index, names in enumerate(_month_names, start=1)
    for name in names.split("|")
}
_letters = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",  # Persian yeh
        "ک": "ك",
        "\u0640": None,  # tatweel: "هـ" is "ه"
        "\u200c": None,  # zero-width non-joiner
    }
)
_month_pattern = "|".join(
    name.replace(" ", r"\s*") for name in sorted(_months, key=len, reverse=True)
)
# "ه" (folded "هـ") or "هجري"/"هجريه" after the year; no letter follows the mark.
_mark = r"\s*(?:ه|هجري|هجريه)(?!\w)"
_time = (
    r"(?:\s*[-،,|]?\s*(?:الساعه\s*)?(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
    r"(?:\s*(?P<ampm>صباحا|مساء|ص|م)(?!\w))?)?"
)
_named_pattern = re.compile(
    rf"(?<!\d)(?P<d>[0-3]?\d)\s*(?:من\s+)?(?P<mon>{_month_pattern})\s*(?:سنه\s*)?"
    rf"(?P<y>1[34]\d{{2}})(?!\d)(?:{_mark})?" + _time
)
_numeric_pattern = re.compile(
    r"(?<!\d)(?:(?P<y>1[34]\d{2})(?P<sep>[/.-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<d>[12]\d|30|0?[1-9])|(?P<d2>[12]\d|30|0?[1-9])(?P<sep2>[/.-])"
    rf"(?P<m2>1[0-2]|0?[1-9])(?P=sep2)(?P<y2>1[34]\d{{2}})){_mark}" + _time
)
# hijridate's table covers 1343-1500 AH; news dates begin in 1990 (1410 AH).
_first_year = 1410
_last_year = 1500
_MONTHS = 12
_MAX_DAYS = 30


def find_day(text: str) -> tuple[date, dict[str, str | None], bool | None] | None:
    """Find a lunar Hijri date in ``text``; return its Gregorian day, the groups and the half-day.

    The groups hold the time as ``H M S``; the half-day is whether it is after noon
    (None: not said).
    """
    text = text.translate(_letters)
    match = _named_pattern.search(text) or _numeric_pattern.search(text)
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("mon"):
        month = _months[" ".join(groups["mon"].split())]
    else:
        month = int(groups["m"] or groups["m2"] or 0)
    year = int(groups["y"] or groups.get("y2") or 0)
    day_value = to_gregorian(year, month, int(groups["d"] or groups.get("d2") or 0))
    if day_value is None:
        return None
    ampm = groups.get("ampm")
    # م (masa'an): evening.
    return day_value, groups, ampm.startswith("م") if ampm else None


@functools.lru_cache(maxsize=256)
def to_gregorian(year: int, month: int, day: int) -> date | None:
    """Return the Gregorian day of a lunar Hijri one, or None when there is no such day."""
    if not (
        _first_year <= year <= _last_year
        and 1 <= month <= _MONTHS
        and 1 <= day <= _MAX_DAYS
    ):
        return None
    from hijridate import Hijri  # noqa: PLC0415  (loaded by Arabic pages only)

    try:
        value = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):  # the 30th of a 29-day month
        return None
    return date(value.year, value.month, value.day)
