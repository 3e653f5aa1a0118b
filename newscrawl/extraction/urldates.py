"""The day an article's URL gives: ``/2024/06/24/``, ``-20240624-``, ``/1403/04/04/`` and others.

CMSs file articles under the day they went out; the page's readers use it as the last
resort and to tell a revision from the original (a URL day before the page's date).
"""

from __future__ import annotations

import re
from datetime import date

from newscrawl.extraction import solarhijri
from newscrawl.extraction.dates import is_plausible

_url_dmy_pattern = re.compile(
    r"(?<!\d)(?P<d>[0-3]\d)(?P<sep>[/_.-]?)(?P<m>[01]\d)(?P=sep)(?P<y>(?:19|20)\d{2})(?!\d)"
)
_url_date_pattern = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?!\d)"
)
# ``/2017/7/12/``: unpadded month and day, only between slashes where nothing else fits.
_url_slash_date_pattern = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])(?=/|$)"
)
# ``/2025/01-02/``, ``/2025-01/02/``, ``/2025/0102/``: how Chinese news sites file
# articles (chinanews, xinhuanet, people.com.cn), only as whole path segments.
_url_mixed_date_pattern = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]\d)[/-]?(?P<d>[0-3]\d)(?=/)"
)
# ``-20250102093000-``: a day and a time to the second, as some CMSs stamp article
# URLs; within a segment, as a whole one is a web archive's capture stamp before the
# URL it archives (``/web/20250102093000/example.com/…``, ``/20250102093000id_/``).
_url_stamp_pattern = re.compile(
    r"(?<![\d/])(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[01]\d|2[0-3])[0-5]\d[0-5]\d"
    r"(?!\d)"
)
# ``/1402/07/11/``: Iranian sites file articles by their Solar Hijri day.
_url_solar_hijri_pattern = re.compile(
    r"/(?P<y>1[34]\d{2})/(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])(?=/|$)"
)


def date_from_url(url: str) -> date | None:
    """Return the day written in an article URL path, if any.

    ``/2024/06/24/``, ``-20240624-``, ``/2024/06-24/``, ``-20240624093000-``, and the
    Solar Hijri ``/1403/04/04/``.
    """
    path = url.split("?", 1)[0]
    matches = [
        *_url_date_pattern.finditer(path),
        *_url_dmy_pattern.finditer(path),
        *_url_slash_date_pattern.finditer(path),
        *_url_mixed_date_pattern.finditer(path),
        *_url_stamp_pattern.finditer(path),
    ]
    for match in matches:
        value = _day(match)
        if value is not None and is_plausible(value):
            return value
    for match in _url_solar_hijri_pattern.finditer(path):
        day = solarhijri.to_gregorian(int(match["y"]), int(match["m"]), int(match["d"]))
        if day is not None and is_plausible(day):
            return day
    return None


def _day(match: re.Match[str]) -> date | None:
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
